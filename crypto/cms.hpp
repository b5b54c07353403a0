// CMS SignedData for PAdES baseline signatures (ETSI EN 319 142-1,
// SubFilter ETSI.CAdES.detached; RFC 5652, RFC 5035).
#pragma once

#include "crypto/signer.hpp"

#include <optional>

namespace bsre::crypto {

// The signed attributes (content-type, message-digest, signing-certificate-v2)
// as the DER SET that is signed: the value handed to a Signer, or whose
// digest an external signer signs (two-phase signing).
struct SignedAttributes {
    HashAlg hash = HashAlg::Sha256;
    Bytes der;
};
SignedAttributes signedAttributes(const SignerIdentity& signer, const Bytes& contentDigest);

// The digest of the signed attributes: what the private key signs.
Bytes toBeSignedDigest(const SignedAttributes& attrs);

// The DER ContentInfo (SignedData, one SignerInfo) around a signature value,
// with the RFC 3161 token as unsigned attribute when there is one.
Bytes assembleSignedData(const SignerIdentity& signer, const SignedAttributes& attrs, const Bytes& signatureValue,
                         const std::optional<Bytes>& timestampToken);

// The size assembleSignedData will need at most, from a dry run with a
// stand-in signature of maximal length (no private-key operation).
size_t estimateSignedDataSize(const SignerIdentity& signer, size_t timestampAllowance);

} // namespace bsre::crypto
