#pragma once

#include "uno_util.hpp"

#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase2.hxx>
#include <id/bsresign/XSigner.hpp>

namespace bsre::ext {

namespace css = com::sun::star;

// id.bsresign.Signer: macros, IT scripts and tests sign without dialogs.
class SignerService : public cppu::WeakImplHelper2<id::bsresign::XSigner, css::lang::XServiceInfo> {
public:
    explicit SignerService(const css::uno::Reference<css::uno::XComponentContext>& ctx) : ctx_(ctx) {}

    css::uno::Sequence<id::bsresign::CertificateInfo> SAL_CALL listCertificates() override;
    id::bsresign::SignResult SAL_CALL signDocument(const css::uno::Reference<css::frame::XModel>& document,
                                                   const css::uno::Sequence<css::beans::PropertyValue>& options) override;
    id::bsresign::SignResult SAL_CALL signPdf(const OUString& pdfUrl,
                                              const css::uno::Sequence<css::beans::PropertyValue>& options) override;
    css::uno::Sequence<id::bsresign::FileSignResult> SAL_CALL
    signFiles(const css::uno::Sequence<OUString>& urls,
              const css::uno::Sequence<css::beans::PropertyValue>& options) override;
    id::bsresign::VerifyResult SAL_CALL verifyPdf(const OUString& pdfUrl,
                                                  const css::uno::Sequence<css::beans::PropertyValue>& options) override;

    OUString SAL_CALL getImplementationName() override;
    sal_Bool SAL_CALL supportsService(const OUString& name) override;
    css::uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override;

    static OUString implementationName() { return "id.bsresign.SignerImpl"; }
    static css::uno::Sequence<OUString> serviceNames() { return seq<OUString>({"id.bsresign.Signer"}); }

private:
    css::uno::Reference<css::uno::XInterface> self() { return static_cast<cppu::OWeakObject*>(this); }

    css::uno::Reference<css::uno::XComponentContext> ctx_;
};

} // namespace bsre::ext
