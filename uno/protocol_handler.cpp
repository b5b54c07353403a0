#include "protocol_handler.hpp"

#include "batch_dialog.hpp"
#include "boundary.hpp"
#include "report_command.hpp"
#include "sign_dialog.hpp"
#include "verify_dialog.hpp"

#include <com/sun/star/frame/DispatchDescriptor.hpp>
#include <com/sun/star/frame/FeatureStateEvent.hpp>
#include <com/sun/star/frame/XStatusListener.hpp>
#include <com/sun/star/util/URL.hpp>

namespace bsre::ext {

using namespace css;

void SAL_CALL ProtocolHandler::initialize(const uno::Sequence<uno::Any>& args)
{
    uno::Reference<frame::XFrame> f;
    if (args.getLength() && (args[0] >>= f))
        frame_ = f;
}

uno::Reference<frame::XDispatch> SAL_CALL ProtocolHandler::queryDispatch(const util::URL& url, const OUString&, sal_Int32)
{
    if (url.Complete == "vnd.bsresign:sign" || url.Complete == "vnd.bsresign:signfiles" ||
        url.Complete == "vnd.bsresign:report" || url.Complete == "vnd.bsresign:verify")
        return this;
    return {};
}

uno::Sequence<uno::Reference<frame::XDispatch>> SAL_CALL
ProtocolHandler::queryDispatches(const uno::Sequence<frame::DispatchDescriptor>& requests)
{
    uno::Sequence<uno::Reference<frame::XDispatch>> out(requests.getLength());
    for (sal_Int32 i = 0; i < requests.getLength(); ++i)
        out.getArray()[i] = queryDispatch(requests[i].FeatureURL, requests[i].FrameName, requests[i].SearchFlags);
    return out;
}

void SAL_CALL ProtocolHandler::dispatch(const util::URL& url, const uno::Sequence<beans::PropertyValue>& args)
{
    uno::Reference<frame::XFrame> f(frame_);
    if (url.Complete == "vnd.bsresign:sign")
        atMenuBoundary(ctx_, f, [&] { runSignCommand(ctx_, f); });
    else if (url.Complete == "vnd.bsresign:signfiles")
        atMenuBoundary(ctx_, f, [&] { runBatchCommand(ctx_, f, args); });
    else if (url.Complete == "vnd.bsresign:report")
        atMenuBoundary(ctx_, f, [&] { runReportCommand(ctx_, f); });
    else if (url.Complete == "vnd.bsresign:verify")
        runVerifyCommand(ctx_, f); // its own boundary: failures say "Verification failed"
}

void SAL_CALL ProtocolHandler::addStatusListener(const uno::Reference<frame::XStatusListener>& l, const util::URL& url)
{
    if (!l.is())
        return;
    frame::FeatureStateEvent e;
    e.FeatureURL = url;
    e.IsEnabled = true;
    e.Source = static_cast<cppu::OWeakObject*>(this);
    l->statusChanged(e);
}

} // namespace bsre::ext
