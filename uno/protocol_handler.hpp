#pragma once

#include "uno_util.hpp"

#include <com/sun/star/frame/XDispatch.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase4.hxx>

namespace bsre::ext {

namespace css = com::sun::star;

// vnd.bsresign:sign, :signfiles, :verify and :report in every module's frame (ProtocolHandler.xcu).
class ProtocolHandler
    : public cppu::WeakImplHelper4<css::frame::XDispatchProvider, css::frame::XDispatch, css::lang::XInitialization,
                                  css::lang::XServiceInfo> {
public:
    explicit ProtocolHandler(const css::uno::Reference<css::uno::XComponentContext>& ctx) : ctx_(ctx) {}

    void SAL_CALL initialize(const css::uno::Sequence<css::uno::Any>& args) override;
    css::uno::Reference<css::frame::XDispatch> SAL_CALL queryDispatch(const css::util::URL& url, const OUString& target,
                                                                     sal_Int32 flags) override;
    css::uno::Sequence<css::uno::Reference<css::frame::XDispatch>> SAL_CALL
    queryDispatches(const css::uno::Sequence<css::frame::DispatchDescriptor>& requests) override;
    void SAL_CALL dispatch(const css::util::URL& url, const css::uno::Sequence<css::beans::PropertyValue>& args) override;
    void SAL_CALL addStatusListener(const css::uno::Reference<css::frame::XStatusListener>& l,
                                    const css::util::URL& url) override;
    void SAL_CALL removeStatusListener(const css::uno::Reference<css::frame::XStatusListener>&,
                                       const css::util::URL&) override
    {
    }

    OUString SAL_CALL getImplementationName() override { return implementationName(); }
    sal_Bool SAL_CALL supportsService(const OUString& n) override { return n == "com.sun.star.frame.ProtocolHandler"; }
    css::uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override { return serviceNames(); }

    static OUString implementationName() { return "id.bsresign.ProtocolHandler"; }
    static css::uno::Sequence<OUString> serviceNames() { return seq<OUString>({"com.sun.star.frame.ProtocolHandler"}); }

private:
    css::uno::Reference<css::uno::XComponentContext> ctx_;
    css::uno::WeakReference<css::frame::XFrame> frame_;
};

} // namespace bsre::ext
