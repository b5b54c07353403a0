#include "signer_service.hpp"

#include "batch_dialog.hpp"
#include "batch_job.hpp"
#include "boundary.hpp"
#include "sign_job.hpp"
#include "verify_job.hpp"

#include "common/step_times.hpp"

namespace bsre::ext {

using namespace css;

namespace {

id::bsresign::CertificateInfo toUno(const crypto::CertInfo& c, bool indonesian)
{
    id::bsresign::CertificateInfo out;
    out.Fingerprint = toU(c.fingerprint);
    out.CommonName = toU(c.commonName);
    out.Organisation = toU(c.organisation);
    out.Subject = toU(c.subject);
    out.Issuer = toU(c.issuer);
    out.NotBefore = toU(c.notBefore);
    out.NotAfter = toU(c.notAfter);
    out.Token = toU(c.token);
    out.Usable = c.usable;
    out.Problem = toU(indonesian ? c.problemId : c.problemEn);
    out.ProblemCode = c.problem ? OUString::createFromAscii(codeName(*c.problem)) : OUString();
    return out;
}

id::bsresign::SignResult toUno(const JobResult& r)
{
    id::bsresign::SignResult out;
    out.OutputUrl = r.outputUrl;
    out.SignerName = toU(r.signerName);
    out.SigningTime = toU(r.signingTime);
    out.Level = toU(r.level);
    out.TimestampTime = toU(r.timestampTime);
    out.Tsa = toU(r.tsaName);
    out.LtvMaterial = r.ltvMaterial;
    uno::Sequence<OUString> w(static_cast<sal_Int32>(r.warnings.size()));
    for (size_t i = 0; i < r.warnings.size(); ++i)
        w.getArray()[i] = toU(r.warnings[i]);
    out.Warnings = w;
    return out;
}

id::bsresign::FileSignResult toUno(const FileOutcome& f)
{
    id::bsresign::FileSignResult out;
    out.InputUrl = f.inputUrl;
    out.Signed = f.result.has_value();
    if (f.result)
        out.Result = toUno(*f.result);
    else {
        out.Code = OUString::createFromAscii(codeName(f.code));
        out.Message = f.message;
    }
    return out;
}

} // namespace

// Each method reads the settings afresh: IT may change them while the office runs.
uno::Sequence<id::bsresign::CertificateInfo> SAL_CALL SignerService::listCertificates()
{
    const bool ind = uiIndonesian(ctx_);
    return atApiBoundary(ind, self(), [&] {
        const std::vector<crypto::CertInfo> certs = SignJob(ctx_, readSettings(ctx_)).certificates();
        uno::Sequence<id::bsresign::CertificateInfo> out(static_cast<sal_Int32>(certs.size()));
        for (size_t i = 0; i < certs.size(); ++i)
            out.getArray()[i] = toUno(certs[i], ind);
        return out;
    });
}

id::bsresign::SignResult SAL_CALL SignerService::signDocument(const uno::Reference<frame::XModel>& document,
                                                             const uno::Sequence<beans::PropertyValue>& options)
{
    StepTimer step("signDocument");
    return atApiBoundary(uiIndonesian(ctx_), self(), [&] {
        StepTimer settings("settings");
        SignJob job(ctx_, readSettings(ctx_));
        settings.stop();
        return toUno(job.signDocument(document, parseOptions(options), {}));
    });
}

id::bsresign::SignResult SAL_CALL SignerService::signPdf(const OUString& pdfUrl,
                                                        const uno::Sequence<beans::PropertyValue>& options)
{
    return atApiBoundary(uiIndonesian(ctx_), self(), [&] {
        return toUno(SignJob(ctx_, readSettings(ctx_)).signPdf(pdfUrl, parseOptions(options), {}));
    });
}

// One login for all the files: the Pin option, else (Interactive) the PIN
// asked once, only when the token or database needs one.
uno::Sequence<id::bsresign::FileSignResult> SAL_CALL
SignerService::signFiles(const uno::Sequence<OUString>& urls, const uno::Sequence<beans::PropertyValue>& options)
{
    const bool ind = uiIndonesian(ctx_);
    return atApiBoundary(ind, self(), [&] {
        const BatchOptions o = parseBatchOptions(options);
        BatchJob batch(ctx_, readSettings(ctx_));
        const std::vector<OUString> files = expandInputs({urls.begin(), urls.end()}, batch.job());
        uno::Sequence<id::bsresign::FileSignResult> out(static_cast<sal_Int32>(files.size()));
        if (files.empty())
            return out;
        std::function<std::optional<std::string>(const std::string&)> ask;
        if (o.job.interactive)
            ask = [this, ind](const std::string& token) { return askBatchPin(ctx_, {}, token, ind); };
        batch.begin(o, batchPin(o.job, ask));
        const std::vector<FileOutcome> outcomes = batch.run(files, {});
        for (size_t i = 0; i < outcomes.size(); ++i)
            out.getArray()[i] = toUno(outcomes[i]);
        return out;
    });
}

id::bsresign::VerifyResult SAL_CALL SignerService::verifyPdf(const OUString& pdfUrl,
                                                            const uno::Sequence<beans::PropertyValue>& options)
{
    const bool ind = uiIndonesian(ctx_);
    return atApiBoundary(ind, self(), [&] {
        const VerifyOptions o = parseVerifyOptions(options);
        const VerifyReport report = verifyInOffice(ctx_, pdfUrl);
        id::bsresign::VerifyResult r = toUno(report, ind);
        if (!o.reportUrl.isEmpty()) {
            writeVerifyReport(report, filePathOf(o.reportUrl, "ReportUrl"), o.overwrite);
            r.ReportUrl = o.reportUrl;
        }
        return r;
    });
}

OUString SAL_CALL SignerService::getImplementationName() { return implementationName(); }
sal_Bool SAL_CALL SignerService::supportsService(const OUString& name) { return name == "id.bsresign.Signer"; }
uno::Sequence<OUString> SAL_CALL SignerService::getSupportedServiceNames() { return serviceNames(); }

} // namespace bsre::ext
