// CMS SignedData for PAdES baseline signatures (ETSI EN 319 142-1,
// SubFilter ETSI.CAdES.detached; RFC 5652, RFC 5035).
#pragma once

#include "crypto/signer.hpp"

#include <functional>
#include <optional>

namespace bsre::crypto {

struct CmsRequest {
    Bytes contentDigest;   // digest of the PDF byte ranges, with signer.hashAlg()
    // Called with the signature value once it exists; may return a DER
    // TimeStampToken to add as unsigned attribute (RFC 3161 appendix A).
    std::function<std::optional<Bytes>(const Bytes& signatureValue)> timestamper;
};

// Builds the DER ContentInfo. Exactly one signer.sign() call.
Bytes buildSignedData(Signer& signer, const CmsRequest& request);

// The size buildSignedData will need at most, from a dry run with a
// stand-in signature of maximal length (no private-key operation).
size_t estimateSignedDataSize(const Signer& signer, size_t timestampAllowance);

} // namespace bsre::crypto
