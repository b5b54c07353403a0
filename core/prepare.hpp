// Step 2 of signing: the prepared document. The plan becomes an incremental
// update whose signature dictionary holds /ByteRange and /Contents
// placeholders (pdf/placeholder.hpp), and the digest of the byte ranges: what
// the signer's signed attributes commit to.
#pragma once

#include "core/plan.hpp"
#include "crypto/signer.hpp"
#include "pdf/placeholder.hpp"

#include <memory>

namespace bsre {

struct PreparedSignature {
    pdf::PreparedDocument document;
    crypto::Bytes contentDigest;       // of document.before() + after(), with the signer's hash
    std::string fieldName;
    std::vector<int> stampedPages, scaledPages; // 1-based
    std::vector<std::string> emptyFields;       // Signature Lines left for later signers
    std::string signingTime;                    // ISO 8601 with offset (the plan's)
    std::vector<Warning> warnings;              // the plan's
    std::string input;                          // the input's path, and its page count
    size_t pages = 0;
};

// The signed (or prepared) file must read as the input did: it opens with the
// checks verify makes (no rebuilt cross-reference), with the same pages and the
// signature field. Else MalformedPdf, saying whether the key was used.
void requireReadsBack(const PreparedSignature& expected, std::shared_ptr<const std::string> bytes, bool keyUsed);

// /Contents is sized by a dry run of the CMS for this signer, plus
// `timestampAllowance` bytes for an RFC 3161 token (0: none will be added).
PreparedSignature prepareSignature(const pdf::Reader& reader, const SignaturePlan& plan,
                                   const crypto::SignerIdentity& signer, size_t timestampAllowance);

// For a signer that inserts the signature field itself (BSrE's signing
// service, core/server_sign): what goes with the signature but is not its
// field (the notice band, Signature Lines becoming fields for later signers,
// their markers removed) in an incremental update of its own, without a
// placeholder. The original bytes alone when the plan adds nothing else.
struct PreparedForService {
    std::string bytes;                          // the original, then the update (if any)
    std::vector<int> stampedPages, scaledPages; // 1-based
    std::vector<std::string> emptyFields;
};
PreparedForService prepareForService(const pdf::Reader& reader, const SignaturePlan& plan);

// The digest of a prepared document's byte ranges (ISO 32000-1 12.8.1).
crypto::Bytes byteRangeDigest(const pdf::PreparedDocument& document, crypto::HashAlg alg);

} // namespace bsre
