#include "job_result.hpp"

#include <optional>

namespace bsre::ext {

namespace {

std::string ltvSummary(const pdf::DssOutcome& dss, bool indonesian)
{
    return std::to_string(dss.certsAdded) + (indonesian ? " sertifikat, " : " certificate(s), ") +
           std::to_string(dss.ocspsAdded) + " OCSP, " + std::to_string(dss.crlsAdded) + " CRL";
}

// Said whenever the level is lower than asked: before signing (no TSA) or by
// the engine (TSA or revocation data unreachable, allowed by AllowLowerLevel).
std::optional<std::string> levelWarning(const SignOutcome& out, const LevelPlan& plan, bool indonesian)
{
    if (plan.noteEn.empty() && out.levelNoteEn.empty())
        return std::nullopt;
    const std::string asked = levelName(plan.asked);
    if (indonesian) {
        const std::string id = plan.noteId + (plan.noteId.empty() ? "" : " ") + out.levelNoteId;
        return "Level yang diminta " + asked + "; tanda tangan dibuat pada level " + out.level + ". " + id;
    }
    const std::string en = plan.noteEn + (plan.noteEn.empty() ? "" : " ") + out.levelNoteEn;
    return "Level " + asked + " was asked for; the signature is at level " + out.level + ". " + en;
}

} // namespace

JobResult jobResult(const SignOutcome& out, bool verified, const LevelPlan& plan, bool indonesian)
{
    JobResult r;
    for (const Warning& w : out.warnings)
        r.warnings.push_back(w.text(indonesian));
    r.outputUrl = fileUrl(out.output);
    r.signerName = out.signerName;
    r.signingTime = out.signingTime;
    r.fieldName = out.fieldName;
    r.emptyFields = out.emptyFields;
    r.verified = verified;
    if (!r.verified)
        r.warnings.push_back(indonesian
                                 ? "Tanda tangan dibuat, tetapi rantai sertifikatnya tidak dipercaya di basis data LibreOffice."
                                 : "The signature was made, but its certificate chain is not trusted in LibreOffice's database.");
    r.level = out.level;
    r.timestampTime = out.timestampTime;
    r.tsaName = out.tsaName;
    r.ltvMaterial = out.level == "B-LT" || out.level == "B-LTA";
    if (r.ltvMaterial)
        r.ltvSummary = ltvSummary(out.dss, indonesian);
    if (auto w = levelWarning(out, plan, indonesian))
        r.warnings.push_back(*w);
    return r;
}

} // namespace bsre::ext
