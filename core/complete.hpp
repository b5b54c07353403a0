// Steps 3 to 6 of signing, after the prepared document: the signature value
// (from a Signer, or made outside the process), the CMS with its optional
// timestamp, the signed document (placeholders filled), then optionally the
// LTV material (DSS) and a document timestamp. Shared by `sign` and the
// second phase of two-phase signing (`complete`).
#pragma once

#include "core/prepare.hpp"
#include "core/sign.hpp"
#include "crypto/cms.hpp"

#include <functional>
#include <optional>

namespace bsre {

// What completion needs of a request (SignRequest, or a STATE and the
// options of `bsre-sign complete`).
struct CompletionOptions {
    std::optional<crypto::TsaConfig> tsa;
    crypto::TsaTransport tsaTransport;
    crypto::RevocationOptions revocation;
    std::string outputName; // for messages about the output
    std::function<void(const char* en, const char* id)> onStep;
    void step(const char* en, const char* id) const
    {
        if (onStep)
            onStep(en, id);
    }
};
CompletionOptions completionOptions(const SignRequest& request);

// The signed attributes and the signature over them.
struct SignatureValue {
    crypto::SignedAttributes attrs;
    crypto::Bytes value;
};
// The one private-key operation.
SignatureValue signAttributes(crypto::Signer& signer, const crypto::Bytes& contentDigest);

// B-LT: the signer's chain checked before anything is written (before the key
// is used, when signing in one go): a revoked certificate stops; evidence that
// cannot be had lowers the goal or stops. Nothing for lower levels.
std::optional<LtvCollector> checkSignerChain(const crypto::SignerIdentity& signer, LevelGoal& goal,
                                             const CompletionOptions& options, bool keyUnused);

// After the signature: B-LT adds the TSA's chain (from `token`) to what `ltv`
// holds for the signer's, then the DSS in an update of its own; the goal is
// lowered when evidence is missing. `storedContents`: the /Contents string as
// stored (its VRI key).
struct LtvAdded {
    std::string bytes;
    pdf::DssOutcome dss;
};
LtvAdded addLtvMaterial(std::string bytes, const std::string& storedContents, const crypto::Bytes& token,
                        LevelGoal& goal, LtvCollector& ltv, const CompletionOptions& o);
// B-LTA: a document timestamp over the whole file; a TSA failure may leave B-LT.
std::string addArchiveTimestamp(std::string bytes, size_t tokenSize, LevelGoal& goal, SignOutcome& outcome,
                                const CompletionOptions& o);
// What a signature at B-T gets for the goal: B-LT's DSS, then B-LTA's
// document timestamp, each as far as the goal still reaches; the outcome says
// what was added. `token`: the signature's timestamp token.
std::string addLongTermMaterial(std::string bytes, const std::string& storedContents, const crypto::Bytes& token,
                                LevelGoal& goal, std::optional<LtvCollector>& ltv, SignOutcome& outcome,
                                const CompletionOptions& o);

SignedFile completeSignature(PreparedSignature prepared, const SignatureValue& value,
                             const crypto::SignerIdentity& signer, LevelGoal goal, std::optional<LtvCollector> ltv,
                             const CompletionOptions& options);

} // namespace bsre
