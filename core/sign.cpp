// The chain of signing, in one place: plan → (revocation check before the
// key) → prepared document → signature value (the one private-key operation)
// → CMS and signed document → LTV material → document timestamp.
#include "core/sign.hpp"

#include "common/atomic_file.hpp"
#include "core/complete.hpp"
#include "core/plan.hpp"
#include "core/prepare.hpp"
#include "common/step_times.hpp"

namespace bsre {

Placement::Corner parseCorner(std::string_view s) noexcept
{
    if (s == "BottomLeft")
        return Placement::Corner::BottomLeft;
    if (s == "TopRight")
        return Placement::Corner::TopRight;
    if (s == "TopLeft")
        return Placement::Corner::TopLeft;
    return Placement::Corner::BottomRight;
}

// A token with the TSA's chain of three certificates is about 5 KB; 8 KB
// leaves room for a longer chain (every reserved byte costs two in the file).
size_t timestampAllowance(Level target) { return target >= Level::BT ? 8192 : 0; }

SignedFile signToBytes(const SignRequest& rq, crypto::Signer& signer)
{
    StepTimer step("engine.read");
    auto reader = pdf::Reader::open(rq.input);
    step.next("engine.plan");
    const SignaturePlan plan = planSignature(*reader, rq, signer.commonName());
    const CompletionOptions options = completionOptions(rq);
    LevelGoal goal = plan.level;
    step.next("engine.chain");
    std::optional<LtvCollector> ltv = checkSignerChain(signer, goal, options, true);
    step.next("engine.prepare");
    PreparedSignature prepared = prepareSignature(*reader, plan, signer, timestampAllowance(goal.target));
    step.next("engine.sign");
    const int before = signer.operations();
    const SignatureValue value = signAttributes(signer, prepared.contentDigest);
    step.next("engine.complete");
    SignedFile f = completeSignature(std::move(prepared), value, signer, goal, std::move(ltv), options);
    step.stop();
    f.outcome.privateKeyOperations = signer.operations() - before;
    f.outcome.pages = static_cast<int>(reader->model().pages.size());
    return f;
}

SignOutcome signPdf(const SignRequest& request, crypto::Signer& signer)
{
    SignedFile f = signToBytes(request, signer);
    StepTimer step("engine.write");
    writeFileAtomically(request.output, f.bytes, request.overwrite);
    return f.outcome;
}

} // namespace bsre
