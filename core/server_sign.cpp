// The BSrE account path of signing: plan and prepare as for a key on the
// desk, the service signs, the answer is checked, completion as for a key on
// the desk (core/complete: the same LTV and archive timestamp steps).
#include "core/server_sign.hpp"

#include "asn1/der.hpp"
#include "common/atomic_file.hpp"
#include "core/complete.hpp"
#include "core/plan.hpp"
#include "core/prepare.hpp"
#include "core/verify.hpp"
#include "crypto/external.hpp"
#include "crypto/revocation.hpp"

#include <memory>

namespace bsre {

namespace {

[[noreturn]] void altered(const std::string& en, const std::string& id)
{
    fail(Code::ServiceAltered,
         "The PDF signed by the BSrE signing service failed the checks: " + en + ". Nothing was written.",
         "PDF yang ditandatangani layanan BSrE gagal diperiksa: " + id + ". Tidak ada yang ditulis.");
}

std::unique_ptr<pdf::Reader> openReturned(const std::string& returned, const std::string& label)
{
    try {
        return pdf::Reader::openBytes(std::make_shared<const std::string>(returned), label);
    } catch (const Error& e) {
        fail(Code::ServiceBadAnswer,
             std::string("The PDF returned by the BSrE signing service cannot be read (") + e.english() +
                 "). Nothing was written.",
             "PDF dari layanan tanda tangan BSrE tidak dapat dibaca (" + e.indonesian() + "). Tidak ada yang ditulis.");
    }
}

// The one signature whose signed bytes reach past what was sent.
pdf::SignatureRecord newSignature(const pdf::Reader& reader, size_t sentSize)
{
    std::vector<pdf::SignatureRecord> fresh;
    for (const pdf::SignatureRecord& s : reader.signatures()) {
        const auto& br = s.byteRange;
        if (br.size() != 4 || br[2] + br[3] > sentSize)
            fresh.push_back(s);
    }
    if (fresh.size() != 1)
        altered("it holds " + std::to_string(fresh.size()) + " new signatures instead of one",
                "berisi " + std::to_string(fresh.size()) + " tanda tangan baru, bukan satu");
    if (fresh[0].subFilter == "ETSI.RFC3161")
        altered("the new signature is a document timestamp", "tanda tangan baru adalah stempel waktu dokumen");
    return fresh[0];
}

// ISO 32000-1 12.8.1: the byte range covers the whole file but /Contents.
void requireWholeFile(const pdf::SignatureRecord& s, const std::string& bytes)
{
    const auto& br = s.byteRange;
    const bool whole = br.size() == 4 && br[0] == 0 && br[1] < br[2] && br[2] + br[3] == bytes.size() &&
                       bytes[br[1]] == '<' && bytes[br[2] - 1] == '>' && br[2] - br[1] == s.contents.size() * 2 + 2;
    if (!whole)
        altered("its signature does not cover the whole file (only " +
                    std::to_string(br.size() == 4 ? br[2] + br[3] : 0) + " of " + std::to_string(bytes.size()) +
                    " bytes)",
                "tanda tangannya tidak mencakup seluruh berkas (hanya " +
                    std::to_string(br.size() == 4 ? br[2] + br[3] : 0) + " dari " + std::to_string(bytes.size()) +
                    " bita)");
}

void requireOnlyItsField(const std::string& returned, size_t sentSize)
{
    std::vector<pdf::Modification> changes;
    try {
        changes = changesAfter(returned, sentSize);
    } catch (const Error& e) {
        altered(std::string("its revisions cannot be compared with ours (") + e.english() + ")",
                "revisinya tidak dapat dibandingkan dengan milik kita (" + e.indonesian() + ")");
    }
    for (const pdf::Modification& m : changes)
        if (!m.allowed)
            altered("it changed more than its own signature field: " + m.what,
                    "layanan mengubah lebih dari kolom tanda tangannya sendiri: " + m.whatId);
}

// The service's certificate, and its TSA's, lead to roots the database trusts.
void requireTrusted(const crypto::CmsVerdict& v)
{
    const std::string problem = !v.trusted ? v.trustProblem : v.hasTimestamp && !v.timestampValid ? v.timestampProblem : "";
    if (!v.trusted || (v.hasTimestamp && !v.timestampValid))
        fail(Code::CertUntrusted,
             "The certificate the BSrE signing service signed with (\"" + v.signerName +
                 "\"), or its timestamp server's, does not lead to a trusted root (" + problem +
                 "). Nothing was written.",
             "Sertifikat yang dipakai layanan tanda tangan BSrE (\"" + v.signerName +
                 "\"), atau sertifikat server stempel waktunya, tidak berujung pada root tepercaya (" + problem +
                 "). Tidak ada yang ditulis.");
}

} // namespace

net::SignatureProperties signatureProperties(const pdf::PageInfo& page, const pdf::Rect& rect)
{
    net::SignatureProperties p;
    p.visible = true;
    p.originX = rect.x1 - page.cropBox.x1;
    p.originY = page.cropBox.y2 - rect.y2; // the service measures from the top
    p.width = rect.width();
    p.height = rect.height();
    return p;
}

ReturnedSignature checkReturned(const std::string& sent, const std::string& returned, const std::string& label,
                                bool requireTrust)
{
    if (returned.size() <= sent.size() || returned.compare(0, sent.size(), sent) != 0)
        altered("it does not start with the exact bytes that were sent (append-only signing)",
                "berkas tidak diawali tepat dengan bita yang dikirim (penandatanganan hanya-tambah)");
    auto reader = openReturned(returned, label);
    ReturnedSignature out{newSignature(*reader, sent.size()), {}};
    requireWholeFile(out.record, returned);
    std::string_view all(returned);
    const auto& br = out.record.byteRange;
    const std::vector<std::string_view> parts{all.substr(0, br[1]), all.substr(br[2], br[3])};
    out.verdict = crypto::verifyDetached(out.record.contents, parts, false);
    if (!out.verdict.integrity)
        altered("its signature does not verify (" + out.verdict.problem + ")",
                "tanda tangannya tidak dapat diverifikasi (" + out.verdict.problem + ")");
    if (out.verdict.hasTimestamp && !out.verdict.timestampValid)
        altered("its timestamp does not verify (" + out.verdict.timestampProblem + ")",
                "stempel waktunya tidak dapat diverifikasi (" + out.verdict.timestampProblem + ")");
    requireOnlyItsField(returned, sent.size());
    if (requireTrust) // a second pass: an untrusted chain is told apart from a broken signature
        requireTrusted(crypto::verifyDetached(out.record.contents, parts, true));
    return out;
}

namespace {

SignaturePlan planForService(const pdf::Reader& reader, const ServerSignRequest& rq)
{
    if (rq.sign.placement.kind == Placement::Kind::ExistingField)
        fail(Code::Usage, "With a BSrE account the service adds its own signature field: --field cannot be used.",
             "Dengan akun BSrE, layanan menambahkan kolom tanda tangannya sendiri: --field tidak dapat dipakai.");
    if (rq.sign.certify)
        fail(Code::Usage, "A signature made with a BSrE account cannot certify the document.",
             "Tanda tangan dengan akun BSrE tidak dapat mensertifikasi dokumen.");
    if (rq.sign.level == Level::BLTA && !rq.sign.tsa)
        fail(Code::Usage, "B-LTA needs a timestamp server (--tsa) for the document timestamp.",
             "B-LTA memerlukan server stempel waktu (--tsa) untuk stempel waktu dokumen.");
    SignRequest planned = rq.sign;
    planned.level.reset(); // the service makes B-T itself; the goal is judged after it answered
    planned.tsa.reset();
    return planSignature(reader, planned, rq.signerName);
}

net::SignatureProperties propertiesOf(const pdf::Reader& reader, const SignaturePlan& plan)
{
    net::SignatureProperties p;
    if (plan.visible) {
        p = signatureProperties(reader.model().pages[plan.pageIndex], plan.rect);
        p.page = plan.pageIndex + 1;
        p.imagePng = pdf::appearancePng(*plan.appearance, plan.rect.width(), plan.rect.height());
    }
    p.reason = plan.reason;
    p.location = plan.location;
    p.contact = plan.contact;
    return p;
}

SignOutcome outcomeOf(const PreparedForService& prepared, const SignaturePlan& plan, const ReturnedSignature& r)
{
    SignOutcome o;
    o.fieldName = r.record.field;
    o.signingTime = plan.signingTime;
    o.stampedPages = prepared.stampedPages;
    o.scaledPages = prepared.scaledPages;
    o.emptyFields = prepared.emptyFields;
    o.warnings = plan.warnings;
    o.contentsReserved = r.record.contents.size();
    o.contentsUsed = der::trimmed(r.record.contents).size();
    o.level = r.verdict.hasTimestamp ? "B-T" : "B-B";
    o.timestampTime = r.verdict.timestampTime;
    o.tsaName = r.verdict.tsaName;
    return o;
}

// The service's signature is at B-B or B-T; the level asked for may need more.
void judgeServiceLevel(const ReturnedSignature& r, LevelGoal& goal)
{
    if (goal.target >= Level::BT && !r.verdict.hasTimestamp)
        goal.lower(Level::BB, "The BSrE signing service returned a signature without a timestamp.",
                   "Layanan tanda tangan BSrE mengembalikan tanda tangan tanpa stempel waktu.", Code::ServiceBadAnswer);
}

// B-LT and B-LTA on the desk, with the steps a local signature uses.
void completeOnDesk(ServerSigned& out, const ReturnedSignature& r, LevelGoal& goal, const CompletionOptions& o)
{
    if (goal.target < Level::BLT)
        return;
    const crypto::Bytes cms = der::trimmed(r.record.contents);
    const crypto::CmsCertificates certs = crypto::cmsCertificates(cms);
    auto identity = crypto::identityFromCertificate(certs.signer, certs.all);
    std::optional<LtvCollector> ltv = checkSignerChain(*identity, goal, o, false);
    const auto token = crypto::signatureTimestampToken(cms);
    if (goal.target >= Level::BLT)
        out.bytes = addLongTermMaterial(std::move(out.bytes), r.record.contents, *token, goal, ltv, out.outcome, o);
    else
        out.outcome.revocationChecks = ltv->checks();
}

} // namespace

ServerSigned signWithServiceToBytes(const ServerSignRequest& rq, const RemoteSigner& remote)
{
    auto reader = pdf::Reader::open(rq.sign.input);
    const SignaturePlan plan = planForService(*reader, rq);
    const PreparedForService prepared = prepareForService(*reader, plan);
    const net::SignatureProperties properties = propertiesOf(*reader, plan);
    const CompletionOptions options = completionOptions(rq.sign);
    options.step("Signing with the BSrE signing service…", "Menandatangani melalui layanan BSrE…");
    ServerSigned out;
    out.bytes = remote(prepared.bytes, properties);
    const ReturnedSignature returned = checkReturned(prepared.bytes, out.bytes, rq.sign.output, rq.requireTrust);
    out.preparedSize = prepared.bytes.size();
    out.certificate = crypto::cmsCertificates(der::trimmed(returned.record.contents)).signer;
    out.outcome = outcomeOf(prepared, plan, returned);
    LevelGoal goal{rq.sign.level.value_or(Level::BB), rq.sign.allowLowerLevel, {}, {}};
    judgeServiceLevel(returned, goal);
    completeOnDesk(out, returned, goal, options);
    out.outcome.levelNoteEn = goal.noteEn;
    out.outcome.levelNoteId = goal.noteId;
    out.outcome.signerName = returned.verdict.signerName;
    out.outcome.output = rq.sign.output;
    out.outcome.pages = static_cast<int>(reader->model().pages.size());
    out.outcome.bytesAdded = out.bytes.size() - reader->bytes().size();
    out.outcome.privateKeyOperations = 0; // none on the desk: the service used its key
    return out;
}

ServerSigned signWithService(const ServerSignRequest& rq, const RemoteSigner& remote)
{
    ServerSigned out = signWithServiceToBytes(rq, remote);
    writeFileAtomically(rq.sign.output, out.bytes, rq.sign.overwrite);
    return out;
}

} // namespace bsre
