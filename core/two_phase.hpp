// Two-phase signing: the private-key operation happens outside the process,
// possibly minutes later (a remote signer, an HSM behind another tool).
// `prepare` stops the chain after the signed attributes and saves it as a
// STATE; `complete` picks it up with the signature value and runs the rest of
// the same chain (core/complete.hpp), so the output is the PAdES signature
// `sign` makes.
#pragma once

#include "core/complete.hpp"
#include "core/sign.hpp"

#include <optional>
#include <string>
#include <vector>

namespace bsre {

// Everything `complete` needs, and what it checks that nothing changed:
// the input by size and SHA-256, the update by the digest of the byte ranges,
// the signed attributes by rebuilding them from that digest and the
// certificate. The STATE ends with the SHA-256 of all before it, so damage
// and truncation are told apart from tampering.
struct SigningState {
    std::string input;                 // absolute path of the input PDF
    unsigned long long inputSize = 0;
    crypto::Bytes inputSha256;
    std::string update;                // the bytes the signature appends to the input
    size_t contentsStart = 0, contentsEnd = 0, capacity = 0;
    bool timestampRoom = false;        // /Contents has room for a signature timestamp
    crypto::Bytes contentDigest;       // of the byte ranges
    crypto::Bytes signedAttributes;    // the DER SET whose digest is signed
    crypto::Bytes certificate;
    std::vector<crypto::Bytes> chain;
    std::string fieldName, signingTime;
    std::vector<std::string> emptyFields;
};

std::string serializeState(const SigningState& state);
// Throws StateInvalid for anything that is not a whole STATE of this version.
SigningState parseState(std::string_view bytes);

struct PreparedState {
    SigningState state;
    crypto::HashAlg hash = crypto::HashAlg::Sha256;
    crypto::Bytes toBeSigned;          // the digest of the signed attributes: what the signer signs
    std::vector<Warning> warnings;
};
// `withTimestampRoom`: reserve /Contents for a signature timestamp, so that
// `complete` may reach B-T and above.
PreparedState prepareState(const SignRequest& request, const crypto::SignerIdentity& signer, bool withTimestampRoom);

struct CompleteRequest {
    SigningState state;
    crypto::Bytes signature;           // raw: PKCS#1 v1.5 (RSA) or DER ECDSA-Sig-Value
    std::optional<Level> level;        // nullopt: B-T with a TSA, B-B without
    bool allowLowerLevel = false;
    CompletionOptions options;         // options.outputName: where the file goes
    bool overwrite = false;
};
// Checks the input, the STATE and the signature before anything is written;
// then completes the chain and writes the output atomically.
SignOutcome completeState(const CompleteRequest& request);

} // namespace bsre
