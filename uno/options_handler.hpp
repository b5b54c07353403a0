#pragma once

#include "uno_util.hpp"

#include <com/sun/star/awt/XContainerWindowEventHandler.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <cppuhelper/implbase2.hxx>

namespace bsre::ext {

// Tools > Options > BSrE Sign: loads and saves /id.bsresign.Settings; keys IT
// has finalized are shown read-only and never written.
class OptionsHandler
    : public cppu::WeakImplHelper2<css::awt::XContainerWindowEventHandler, css::lang::XServiceInfo> {
public:
    explicit OptionsHandler(const css::uno::Reference<css::uno::XComponentContext>& ctx) : ctx_(ctx) {}

    sal_Bool SAL_CALL callHandlerMethod(const css::uno::Reference<css::awt::XWindow>& window,
                                        const css::uno::Any& event, const OUString& method) override;
    css::uno::Sequence<OUString> SAL_CALL getSupportedMethodNames() override
    {
        return seq<OUString>({"external_event"});
    }

    OUString SAL_CALL getImplementationName() override { return implementationName(); }
    sal_Bool SAL_CALL supportsService(const OUString& n) override { return n == "id.bsresign.OptionsHandler"; }
    css::uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override { return serviceNames(); }

    static OUString implementationName() { return "id.bsresign.OptionsHandlerImpl"; }
    static css::uno::Sequence<OUString> serviceNames() { return seq<OUString>({"id.bsresign.OptionsHandler"}); }

private:
    css::uno::Reference<css::uno::XComponentContext> ctx_;
};

} // namespace bsre::ext
