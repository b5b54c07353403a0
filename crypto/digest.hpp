#pragma once

#include "crypto/signer.hpp"

#include <memory>

namespace bsre::crypto {

// Streaming hash through NSS (needs NSS initialised: the CLI's own context,
// or LibreOffice's inside soffice).
class Digest {
public:
    explicit Digest(HashAlg alg);
    ~Digest();
    Digest(const Digest&) = delete;
    Digest& operator=(const Digest&) = delete;
    void update(std::string_view data);
    Bytes finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

Bytes hash(HashAlg alg, std::string_view data);

} // namespace bsre::crypto

namespace bsre::crypto {
// SHA-1, only where a standard names it as an identifier (a DSS VRI key).
Bytes sha1(std::string_view data);
} // namespace bsre::crypto
