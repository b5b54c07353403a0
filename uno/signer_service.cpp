#include "signer_service.hpp"

#include "sign_job.hpp"

#include <id/bsresign/SigningException.hpp>

namespace bsre::ext {

using namespace css;

namespace {

id::bsresign::SigningException toUno(const JobFailure& f, bool indonesian, const uno::Reference<uno::XInterface>& src)
{
    return id::bsresign::SigningException(toU(indonesian ? f.indonesian : f.english), src, toU(f.code));
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

} // namespace

uno::Sequence<id::bsresign::CertificateInfo> SAL_CALL SignerService::listCertificates()
{
    const bool ind = uiIndonesian(ctx_);
    try {
        SignJob job(ctx_, readSettings(ctx_));
        auto certs = job.certificates();
        uno::Sequence<id::bsresign::CertificateInfo> out(static_cast<sal_Int32>(certs.size()));
        auto* a = out.getArray();
        for (size_t i = 0; i < certs.size(); ++i) {
            const auto& c = certs[i];
            a[i].Fingerprint = toU(c.fingerprint);
            a[i].CommonName = toU(c.commonName);
            a[i].Organisation = toU(c.organisation);
            a[i].Subject = toU(c.subject);
            a[i].Issuer = toU(c.issuer);
            a[i].NotBefore = toU(c.notBefore);
            a[i].NotAfter = toU(c.notAfter);
            a[i].Token = toU(c.token);
            a[i].Usable = c.usable;
            a[i].Problem = toU(ind ? c.problemId : c.problemEn);
            a[i].ProblemCode = c.problem ? OUString::createFromAscii(codeName(*c.problem)) : OUString();
        }
        return out;
    } catch (const JobFailure& f) {
        throw toUno(f, ind, static_cast<cppu::OWeakObject*>(this));
    } catch (const Error& e) {
        throw toUno(JobFailure(codeName(e.code()), e.english(), e.indonesian()), ind, static_cast<cppu::OWeakObject*>(this));
    } catch (const std::exception& e) {
        throw toUno(JobFailure("Internal", e.what(), e.what()), ind, static_cast<cppu::OWeakObject*>(this));
    }
}

id::bsresign::SignResult SAL_CALL SignerService::signDocument(const uno::Reference<frame::XModel>& document,
                                                             const uno::Sequence<beans::PropertyValue>& options)
{
    const bool ind = uiIndonesian(ctx_);
    try {
        SignJob job(ctx_, readSettings(ctx_));
        return toUno(job.signDocument(document, parseOptions(options), {}));
    } catch (const JobFailure& f) {
        throw toUno(f, ind, static_cast<cppu::OWeakObject*>(this));
    } catch (const Error& e) {
        throw toUno(JobFailure(codeName(e.code()), e.english(), e.indonesian()), ind, static_cast<cppu::OWeakObject*>(this));
    } catch (const std::exception& e) {
        throw toUno(JobFailure("Internal", e.what(), e.what()), ind, static_cast<cppu::OWeakObject*>(this));
    }
}

id::bsresign::SignResult SAL_CALL SignerService::signPdf(const OUString& pdfUrl,
                                                        const uno::Sequence<beans::PropertyValue>& options)
{
    const bool ind = uiIndonesian(ctx_);
    try {
        SignJob job(ctx_, readSettings(ctx_));
        return toUno(job.signPdf(pdfUrl, parseOptions(options), {}));
    } catch (const JobFailure& f) {
        throw toUno(f, ind, static_cast<cppu::OWeakObject*>(this));
    } catch (const Error& e) {
        throw toUno(JobFailure(codeName(e.code()), e.english(), e.indonesian()), ind, static_cast<cppu::OWeakObject*>(this));
    } catch (const std::exception& e) {
        throw toUno(JobFailure("Internal", e.what(), e.what()), ind, static_cast<cppu::OWeakObject*>(this));
    }
}

OUString SAL_CALL SignerService::getImplementationName() { return implementationName(); }
sal_Bool SAL_CALL SignerService::supportsService(const OUString& name) { return name == "id.bsresign.Signer"; }
uno::Sequence<OUString> SAL_CALL SignerService::getSupportedServiceNames() { return serviceNames(); }

} // namespace bsre::ext
