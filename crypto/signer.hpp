// Signers: what is known of one (SignerIdentity) and the one that can sign.
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

// What is known of a signer without touching its key: enough to plan the
// signature, size its placeholder and build the signed attributes (two-phase
// signing has only this on the desk; the key is elsewhere).
class SignerIdentity {
public:
    virtual ~SignerIdentity() = default;
    virtual const Bytes& certificate() const = 0;          // DER of the signer certificate
    virtual const std::vector<Bytes>& chain() const = 0;   // DER, issuing CAs without the root
    virtual std::string commonName() const = 0;            // for the appearance and reports
    virtual KeyType keyType() const = 0;
    virtual int keyBits() const = 0;
    virtual HashAlg hashAlg() const = 0;
    // Upper bound of a signature value's size in bytes (for the dry run).
    virtual size_t maxSignatureSize() const = 0;
};

// The one private-key operation sits behind this interface: NSS/PKCS#11
// today (crypto/store.hpp); a remote backend can implement it too.
class Signer : public SignerIdentity {
public:
    // Hash `data` with hashAlg() and sign it: PKCS#1 v1.5 for RSA, a DER
    // ECDSA-Sig-Value for EC. Each call is one private-key operation.
    virtual Bytes sign(std::string_view data) = 0;
    // Private-key operations performed so far (tests assert exactly one).
    virtual int operations() const = 0;
    // Whether sign() may run on several threads at once (NSS's own software
    // token); a hardware token or a remote service signs one at a time.
    virtual bool concurrent() const { return false; }
};

// PKCS#1 v1.5: the modulus length; ECDSA: a DER SEQUENCE of two INTEGERs
// with a possible leading zero each.
size_t maxSignatureSize(KeyType type, int bits) noexcept;

// Hash choice follows the key strength (ETSI TS 119 312): P-384 -> SHA-384,
// P-521 -> SHA-512, RSA above 3072 bits -> SHA-512, otherwise SHA-256.
HashAlg hashForKey(KeyType type, int bits) noexcept;

} // namespace bsre::crypto
