#include "sign_job.hpp"

#include "common/step_times.hpp"

#include "office_nss.hpp"
#include "pdf_export.hpp"
#include "private_dir.hpp"

#include "core/server_sign.hpp"
#include "core/verify.hpp"
#include "policy.hpp"
#include "pdf/reader.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <tuple>

namespace bsre::ext {

using namespace css;
namespace fs = std::filesystem;

namespace {

std::string joinIds(const std::vector<SignatureLine>& lines)
{
    std::string s;
    for (const auto& l : lines)
        s += (s.empty() ? "" : ", ") + l.id;
    return s;
}

// Writer, Calc, Impress, Draw (from the export filter), or PDF.
std::string sourceKind(const char* filter)
{
    const std::string f = filter ? filter : "";
    if (f.rfind("writer", 0) == 0)
        return "Writer";
    if (f.rfind("calc", 0) == 0)
        return "Calc";
    if (f.rfind("impress", 0) == 0)
        return "Impress";
    if (f.rfind("draw", 0) == 0)
        return "Draw";
    return "PDF";
}

} // namespace

SignJob::SignJob(uno::Reference<uno::XComponentContext> ctx, Settings settings)
    : ctx_(std::move(ctx)), settings_(std::move(settings)), indonesian_(uiIndonesian(ctx_))
{
}

std::vector<crypto::CertInfo> SignJob::certificates()
{
    std::vector<crypto::CertInfo> all = officeStore(ctx_, settings_.pkcs11Modules).list();
    applyAllowedIssuers(settings_, all);
    return all;
}

std::string SignJob::defaultOutput(const std::string& sourcePath) const
{
    fs::path src(sourcePath);
    std::string name = settings_.outputPattern;
    size_t at = name.find("{name}");
    if (at != std::string::npos)
        name.replace(at, 6, src.stem().string());
    if (name.empty() || name.find('/') != std::string::npos)
        name = src.stem().string() + "_signed.pdf";
    return (src.parent_path() / name).string();
}

bool SignJob::isPdfImport(const uno::Reference<frame::XModel>& model)
{
    if (!model.is())
        return false;
    for (const beans::PropertyValue& a : model->getArgs()) {
        OUString filter;
        if (a.Name == "FilterName" && (a.Value >>= filter) && filter.indexOf("pdf_import") >= 0)
            return true;
    }
    return false;
}

// Every attempt is one record in the usage ledger: signed, or refused with its code.
template <class Steps>
JobResult SignJob::recorded(const std::string& source, const std::string& file, const JobOptions& o, Steps&& steps)
{
    StepTimer setup("ledger.start");
    LedgerSettings ls{settings_.ledgerEnabled,
                      settings_.ledgerFolder.empty() ? defaultLedgerFolder() : settings_.ledgerFolder,
                      parseDeskNaming(settings_.ledgerDesk), settings_.ledgerRequired, settings_.ledgerHashFileNames};
    attempt_.emplace(ls, "extension", BSRE_VERSION, source, settings_.level.empty() ? "auto" : settings_.level,
                     o.visible.value_or(settings_.visible), o.notice.value_or(settings_.noticeEnabled));
    fileName_ = file;
    setup.stop();
    try {
        return steps();
    } catch (const Error& e) {
        attempt_->refused(e);
        throw;
    } catch (...) {
        attempt_->refused(Code::Internal);
        throw;
    }
}

JobResult SignJob::signDocument(const uno::Reference<frame::XModel>& model, const JobOptions& o,
                                const ProgressFn& progress)
{
    if (!model.is())
        fail(Code::BadOption, "No document was given.", "Tidak ada dokumen yang diberikan.");
    if (isPdfImport(model)) // a PDF opened in Draw: sign the original file, no re-export
        return signPdf(model->getURL(), o, progress);
    return recorded(sourceKind(pdfFilterFor(model)), systemPath(model->getURL()), o,
                    [&] { return exportAndSign(model, o, progress); });
}

JobResult SignJob::exportAndSign(const uno::Reference<frame::XModel>& model, const JobOptions& o,
                                 const ProgressFn& progress)
{
    const std::string source = systemPath(model->getURL());
    ExportPlan plan;
    plan.filter = pdfFilterFor(model);
    if (!plan.filter)
        fail(Code::UnsupportedDocument, "This kind of document cannot be exported to PDF.",
             "Jenis dokumen ini tidak dapat diekspor ke PDF.");
    enforceLocks(settings_, o);
    StepTimer step("declared-lines");
    plan.lines = declaredLines(model, o);
    step.next("export");
    plan.pdfA = settings_.pdfA;
    plan.notice = o.notice.value_or(settings_.noticeEnabled);
    // The pages as the person saw them, shrunk a little where the band needs
    // room; a working copy only when that is not allowed or not enough.
    plan.roomByScaling = plan.notice && settings_.allowScaling && plan.lines.empty();

    PrivateDir tmp;
    const std::string exported = tmp.path + "/export.pdf";
    progressStep(progress, {"Exporting to PDF…", "Mengekspor ke PDF…"}, 10);
    JobOptions withTarget = o;
    withTarget.outputUrl = fileUrl(documentOutput(source, o));
    std::vector<SignatureLine> marked = exportForSigning(ctx_, model, plan, tmp.path, exported, progress);
    step.stop();
    try {
        return signFile(exported, source, withTarget, progress, marked);
    } catch (const Error& e) {
        if (e.code() != Code::NoRoomForNotice || !plan.roomByScaling)
            throw;
    }
    plan.roomByScaling = false; // more than 10 % would be needed: a larger margin in a working copy
    marked = exportForSigning(ctx_, model, plan, tmp.path, exported, progress);
    return signFile(exported, source, withTarget, progress, marked);
}

// Signature Lines (issue 5): read from the person's document without
// changing it; the working copy gets the markers. A field named for a
// document must be one of its lines: it has no PDF fields yet.
std::vector<SignatureLine> SignJob::declaredLines(const uno::Reference<frame::XModel>& model, const JobOptions& o) const
{
    std::vector<SignatureLine> declared;
    try {
        declared = listSignatureLines(model);
    } catch (const uno::Exception& e) {
        fail(Code::ExportFailed,
             "The document's signature lines could not be read (" + fromU(e.Message) + "); the document was not changed.",
             "Baris tanda tangan dokumen tidak dapat dibaca (" + fromU(e.Message) + "); dokumen tidak diubah.");
    }
    if (o.field.empty() || o.newSignature)
        return declared;
    const bool known =
        std::any_of(declared.begin(), declared.end(), [&](const SignatureLine& l) { return l.id == o.field; });
    if (!known) {
        const std::string list = declared.empty() ? std::string() : joinIds(declared);
        fail(Code::FieldNotFound,
             "The document has no signature line \"" + o.field + "\" (lines: " + (list.empty() ? "none" : list) +
                 "); nothing was written.",
             "Dokumen tidak memiliki baris tanda tangan \"" + o.field + "\" (baris: " +
                 (list.empty() ? "tidak ada" : list) + "); tidak ada yang ditulis.");
    }
    return declared;
}

// Checked before the export, which takes the longest: a document never saved
// needs an output file, and an existing one is kept unless Overwrite.
std::string SignJob::documentOutput(const std::string& source, const JobOptions& o) const
{
    const std::string target =
        !o.outputUrl.isEmpty() ? systemPath(o.outputUrl) : source.empty() ? "" : defaultOutput(source);
    if (target.empty())
        fail(Code::NoOutput, "The document has not been saved yet; give an output file.",
             "Dokumen belum disimpan; tentukan berkas keluaran.");
    if (!o.overwrite && fs::exists(target))
        fail(Code::OutputExists, "The output file " + target + " already exists; nothing was written.",
             "Berkas keluaran " + target + " sudah ada; tidak ada yang ditulis.");
    return target;
}

JobResult SignJob::signPdf(const OUString& pdfUrl, const JobOptions& o, const ProgressFn& progress)
{
    return recorded("PDF", systemPath(pdfUrl), o, [&] { return signPdfFile(pdfUrl, o, progress); });
}

JobResult SignJob::signPdfFile(const OUString& pdfUrl, const JobOptions& o, const ProgressFn& progress)
{
    enforceLocks(settings_, o);
    const std::string pdf = systemPath(pdfUrl);
    if (pdf.empty() || !fs::exists(pdf))
        fail(Code::Io, "The PDF " + fromU(pdfUrl) + " cannot be found.",
             "PDF " + fromU(pdfUrl) + " tidak ditemukan.");
    return signFile(pdf, pdf, o, progress);
}

JobResult SignJob::signFile(const std::string& pdfPath, const std::string& sourcePath, const JobOptions& o,
                            const ProgressFn& progress, const std::vector<SignatureLine>& lines)
{
    StepTimer step("request");
    PrivateDir scratch; // a rasterised SVG logo, removed afterwards
    const RequestBuilder build(ctx_, settings_, scratch.path);
    SignRequest rq;
    rq.input = pdfPath;
    build.output(rq, !o.outputUrl.isEmpty() ? systemPath(o.outputUrl) : defaultOutput(sourcePath), pdfPath,
                 sourcePath, o.overwrite);
    const LevelPlan plan = planLevel(settings_);
    build.level(rq, plan, o.interactive);
    build.texts(rq, o);
    step.next("certificates");
    const std::optional<crypto::CertInfo> chosen =
        o.bsreAccount.empty() ? chosenCertificate(o) : std::optional<crypto::CertInfo>();
    step.next("request");
    const std::string lineSigned = build.lineFields(rq, lines, o, chosen);
    build.placement(rq, o, lineSigned);
    build.certificationAndNotice(rq, o, sourcePath);
    build.appearance(rq, o, sourcePath);

    step.stop();
    const SignOutcome out = runEngine(rq, o, progress);
    progressStep(progress, {"Verifying…", "Memverifikasi…"}, 85);
    step.next("verify");
    const bool valid = verifyPdf(out.output, true).allValid();
    step.next("ledger");
    JobResult r = jobResult(out, valid, plan, indonesian_);
    if (auto w = attempt_->signedAs(out.level, out.pages))
        r.warnings.push_back(w->text(indonesian_));
    progressStep(progress, {"Done", "Selesai"}, 100);
    return r;
}

// The certificate of the options, as listed (with the policy applied): a
// certificate from an issuer IT does not allow is refused before the PIN.
std::optional<crypto::CertInfo> SignJob::chosenCertificate(const JobOptions& o)
{
    if (o.certificate.empty())
        fail(Code::NoCertificate, "No certificate was chosen.", "Belum ada sertifikat yang dipilih.");
    std::vector<crypto::CertInfo> found; // the one certificate, not a listing of all
    if (auto c = officeStore(ctx_, settings_.pkcs11Modules).find(o.certificate))
        found.push_back(std::move(*c));
    applyAllowedIssuers(settings_, found);
    for (const crypto::CertInfo& c : found)
        if (!c.usable && c.problem && *c.problem == Code::CertUntrusted && !settings_.allowedIssuers.empty())
            fail(Code::IssuerNotAllowed, c.problemEn, c.problemId);
    return found.empty() ? std::nullopt : std::optional<crypto::CertInfo>(found.front());
}

// The one private-key use; the PIN copy is wiped as soon as the engine is done.
SignOutcome SignJob::runEngine(SignRequest& rq, const JobOptions& o, const ProgressFn& progress)
{
    progressStep(progress, {"Signing…", "Menandatangani…"}, 50);
    if (progress) // the network steps of B-T and up, each a line in the status bar
        rq.onStep = [&progress, pct = 55](const char* en, const char* id) mutable {
            progress({en, id}, pct = std::min(pct + 7, 80));
        };
    if (!o.bsreAccount.empty())
        return runService(rq, o);
    std::optional<std::string> pin = o.pin;
    WipeAtExit wipePin{pin};
    StepTimer setup("store");
    crypto::Store& store = officeStore(ctx_, settings_.pkcs11Modules);
    setup.next("ledger.check");
    attempt_->requireWritable();
    attempt_->fileName(fileName_);
    setup.stop();
    std::unique_ptr<crypto::Signer> own;
    if (!held_ || heldFor_ != o.certificate) {
        StepTimer step("login");
        own = store.signer(o.certificate, [&pin](const std::string&) { return pin; });
    }
    crypto::Signer& signer = own ? *own : *held_;
    attempt_->certificate(signer.certificate());
    StepTimer step("engine");
    return bsre::signPdf(rq, signer);
}

// A BSrE account (docs/SERVER.md): BSrE's signing service signs; NSS stays
// LibreOffice's, for checking its answer and for B-LT on the desk.
SignOutcome SignJob::runService(const SignRequest& rq, const JobOptions& o)
{
    requireServerAllowed(settings_);
    if (rq.placement.kind != Placement::Kind::Invisible && o.signerName.empty())
        fail(Code::BadOption, "A visible signature with a BSrE account needs SignerName (the name the block shows).",
             "Tanda tangan yang terlihat dengan akun BSrE memerlukan SignerName (nama yang ditampilkan).");
    officeStore(ctx_, settings_.pkcs11Modules); // NSS up: LibreOffice's
    net::ServiceConfig config;
    config.url = settings_.serverUrl;
    config.timeout = std::chrono::seconds(std::max(1, settings_.serverTimeout));
    std::tie(config.clientId, config.clientSecret) = storedCredentials(ctx_, config.url, o.interactive);
    const net::ServiceUser user{o.bsreAccount};
    attempt_->keyHolder(net::keyHolderName(config.url));
    attempt_->requireWritable();
    attempt_->fileName(fileName_);
    net::requireActiveCertificate(config, user); // before the passphrase is used
    if (!o.pin || o.pin->empty())
        fail(o.oneTimeCode ? Code::CodeExpired : Code::BadPassphrase,
             o.oneTimeCode ? "No one-time code was given." : "No passphrase was given.",
             o.oneTimeCode ? "Kode sekali pakai tidak diberikan." : "Passphrase tidak diberikan.");
    net::ServiceSecret secret{o.oneTimeCode ? net::ServiceSecret::Kind::OneTimeCode
                                            : net::ServiceSecret::Kind::Passphrase,
                              *o.pin};
    struct Wipe { // the secret's copy is wiped on every way out
        std::string& s;
        ~Wipe() { explicit_bzero(s.data(), s.size()); }
    } wipe{secret.value};
    ServerSigned out = signWithService({rq, o.signerName, true}, [&](const std::string& pdf, const net::SignatureProperties& p) {
        return net::signRemotely(config, user, secret, pdf, p);
    });
    attempt_->certificate(out.certificate);
    return out.outcome;
}

void SignJob::holdSigner(const JobOptions& o, const crypto::PinProvider& pin)
{
    if (!o.bsreAccount.empty())
        fail(Code::BadOption, "Several files cannot be signed with a BSrE account at once: sign each file on its own.",
             "Beberapa berkas tidak dapat ditandatangani sekaligus dengan akun BSrE: tandatangani satu per satu.");
    enforceLocks(settings_, o);
    chosenCertificate(o); // no certificate, or an issuer IT does not allow: before the PIN
    held_ = officeStore(ctx_, settings_.pkcs11Modules).signer(o.certificate, pin);
    heldFor_ = o.certificate;
}

PdfSignatureState pdfSignatureState(const std::string& pdfPath)
{
    PdfSignatureState out;
    try {
        auto reader = pdf::Reader::open(pdfPath);
        out.signatures = reader->model().signatureCount;
        for (const pdf::FieldInfo& f : reader->model().fields)
            if (f.isSignature && !f.isSigned)
                out.emptyFields.push_back(f.name);
    } catch (const Error&) {
    }
    return out;
}

} // namespace bsre::ext
