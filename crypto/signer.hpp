// The one private-key operation sits behind this interface, so a remote
// backend (server-held keys) can replace the NSS/PKCS#11 one later.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bsre::crypto {

using Bytes = std::string;

enum class HashAlg { Sha256, Sha384, Sha512 };
enum class KeyType { Rsa, Ec };

size_t digestLength(HashAlg a) noexcept;
const char* hashOid(HashAlg a) noexcept;       // dotted OID of the digest
const char* hashName(HashAlg a) noexcept;      // "SHA-256" ...

class Signer {
public:
    virtual ~Signer() = default;
    virtual const Bytes& certificate() const = 0;          // DER of the signer certificate
    virtual const std::vector<Bytes>& chain() const = 0;   // DER, issuing CAs without the root
    virtual std::string commonName() const = 0;            // for the appearance and reports
    virtual KeyType keyType() const = 0;
    virtual int keyBits() const = 0;
    virtual HashAlg hashAlg() const = 0;
    // Upper bound of sign()'s output size in bytes (for the dry run).
    virtual size_t maxSignatureSize() const = 0;
    // Hash `data` with hashAlg() and sign it: PKCS#1 v1.5 for RSA, a DER
    // ECDSA-Sig-Value for EC. Each call is one private-key operation.
    virtual Bytes sign(std::string_view data) = 0;
    // Private-key operations performed so far (tests assert exactly one).
    virtual int operations() const = 0;
};

// Hash choice follows the key strength (ETSI TS 119 312): P-384 -> SHA-384,
// P-521 -> SHA-512, RSA above 3072 bits -> SHA-512, otherwise SHA-256.
HashAlg hashForKey(KeyType type, int bits) noexcept;

} // namespace bsre::crypto
