#include "verify_job.hpp"

#include "office_nss.hpp"
#include "settings.hpp"

#include "common/atomic_file.hpp"
#include "common/error.hpp"
#include "core/dates.hpp"
#include "core/verify_json.hpp"
#include "core/verify_report.hpp"

#include <filesystem>

namespace bsre::ext {

using namespace css;

std::string filePathOf(const OUString& url, const char* what)
{
    const std::string path = systemPath(url);
    if (path.empty())
        fail(Code::BadOption, std::string(what) + " must be a file URL (file:///...): " + fromU(url),
             std::string(what) + " harus berupa URL berkas (file:///...): " + fromU(url));
    return path;
}

namespace {

id::bsresign::SignatureVerdict toUno(const SignatureReport& s, bool ind)
{
    id::bsresign::SignatureVerdict v;
    v.Field = toU(s.field);
    v.Signer = toU(s.signer);
    v.SigningTime = toU(s.signingTime);
    v.Level = toU(s.level);
    v.Indication = toU(s.indication);
    v.SubIndication = toU(s.subIndication);
    const PortalChecks c = portalChecks(s);
    v.SignerCheck = toU(c.signer);
    v.IntegrityCheck = toU(c.integrity);
    v.TimestampCheck = toU(c.timestamp);
    v.LtvCheck = toU(c.ltv);
    v.TimestampTime = toU(s.timestampTime);
    v.Tsa = toU(s.tsaName);
    const Words w = verdictWords(s);
    v.Verdict = toU(ind ? w.id : w.en);
    v.Problem = toU(s.problem);
    uno::Sequence<id::bsresign::ChangeAfterSigning> changes(static_cast<sal_Int32>(s.modifications.size()));
    for (size_t i = 0; i < s.modifications.size(); ++i) {
        const pdf::Modification& m = s.modifications[i];
        changes.getArray()[i] = {m.revision, m.allowed, toU(ind ? m.whatId : m.what)};
    }
    v.Changes = changes;
    return v;
}

} // namespace

VerifyOptions parseVerifyOptions(const uno::Sequence<beans::PropertyValue>& options)
{
    VerifyOptions o;
    for (const beans::PropertyValue& p : options) {
        if (p.Name == "ReportUrl" && (p.Value >>= o.reportUrl))
            continue;
        if (p.Name == "Overwrite" && (p.Value >>= o.overwrite))
            continue;
        fail(Code::BadOption, "Unknown or mistyped option for verifyPdf: " + fromU(p.Name) + " (see docs/MACRO.md).",
             "Opsi verifyPdf tidak dikenal atau jenisnya salah: " + fromU(p.Name) + " (lihat docs/MACRO.md).");
    }
    return o;
}

VerifyReport verifyInOffice(const uno::Reference<uno::XComponentContext>& ctx, const OUString& pdfUrl)
{
    const std::string path = filePathOf(pdfUrl, "The PDF");
    officeStore(ctx, readSettings(ctx).pkcs11Modules); // LibreOffice's NSS and its certificate database
    return verifyPdf(path, true);
}

void writeVerifyReport(const VerifyReport& report, const std::string& reportPath, bool overwrite)
{
    if (samePath(report.file, reportPath))
        fail(Code::OutputIsInput, Where{reportPath},
             "The report must not be written over the PDF being verified; choose another name.",
             "Laporan tidak boleh ditulis menimpa PDF yang diverifikasi; pilih nama lain.");
    if (!overwrite && std::filesystem::exists(reportPath))
        fail(Code::OutputExists, Where{reportPath},
             "The report file " + reportPath + " already exists; choose another name or allow overwriting.",
             "Berkas laporan " + reportPath + " sudah ada; pilih nama lain atau izinkan penimpaan.");
    const ReportContext context{"basis data sertifikat LibreOffice / LibreOffice's certificate database",
                                localTimeNow()};
    writeFileAtomically(reportPath, verifyReportPdf(report, readFile(report.file), context), overwrite);
}

id::bsresign::VerifyResult toUno(const VerifyReport& report, bool ind)
{
    id::bsresign::VerifyResult r;
    r.PdfUrl = fileUrl(report.file);
    r.Sha256 = toU(report.sha256);
    r.Revisions = report.revisions;
    r.Level = toU(report.level);
    r.Passed = report.allPassed();
    uno::Sequence<id::bsresign::SignatureVerdict> sigs(static_cast<sal_Int32>(report.signatures.size()));
    for (size_t i = 0; i < report.signatures.size(); ++i)
        sigs.getArray()[i] = toUno(report.signatures[i], ind);
    r.Signatures = sigs;
    r.Json = toU(verifyJson(report));
    return r;
}

} // namespace bsre::ext
