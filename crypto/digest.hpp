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

// SHA-256 of many short inputs (ledger lines): one hash context reused, which
// costs a third less per line than hash().
class Sha256Many {
public:
    Sha256Many();
    ~Sha256Many();
    Sha256Many(const Sha256Many&) = delete;
    Sha256Many& operator=(const Sha256Many&) = delete;
    Bytes operator()(std::string_view data);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace bsre::crypto

namespace bsre::crypto {
// SHA-1, only where a standard names it as an identifier (a DSS VRI key).
Bytes sha1(std::string_view data);
} // namespace bsre::crypto
