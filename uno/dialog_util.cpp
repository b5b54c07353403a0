#include "dialog_util.hpp"

#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XToolkit.hpp>

namespace bsre::ext {

using namespace css;

DialogBuilder::DialogBuilder(const uno::Reference<uno::XComponentContext>& ctx, const OUString& title, int width,
                             int height)
    : ctx_(ctx)
{
    auto sm = ctx->getServiceManager();
    uno::Reference<uno::XInterface> model = sm->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx);
    factory_.set(model, uno::UNO_QUERY_THROW);
    names_.set(model, uno::UNO_QUERY_THROW);
    uno::Reference<beans::XPropertySet> props(model, uno::UNO_QUERY_THROW);
    props->setPropertyValue("Title", uno::Any(title));
    props->setPropertyValue("Width", uno::Any(sal_Int32(width)));
    props->setPropertyValue("Height", uno::Any(sal_Int32(height)));
    props->setPropertyValue("Moveable", uno::Any(true));
    dialog_.set(sm->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx), uno::UNO_QUERY_THROW);
    dialog_->setModel(uno::Reference<awt::XControlModel>(model, uno::UNO_QUERY_THROW));
    container_.set(dialog_, uno::UNO_QUERY_THROW);
}

uno::Reference<beans::XPropertySet> DialogBuilder::add(const char* kind, const char* name, int x, int y, int w, int h,
                                                       std::initializer_list<std::pair<const char*, uno::Any>> props)
{
    OUString service = "com.sun.star.awt.UnoControl" + OUString::createFromAscii(kind) + "Model";
    uno::Reference<beans::XPropertySet> m(factory_->createInstance(service), uno::UNO_QUERY_THROW);
    m->setPropertyValue("PositionX", uno::Any(sal_Int32(x)));
    m->setPropertyValue("PositionY", uno::Any(sal_Int32(y)));
    m->setPropertyValue("Width", uno::Any(sal_Int32(w)));
    m->setPropertyValue("Height", uno::Any(sal_Int32(h)));
    m->setPropertyValue("Name", uno::Any(OUString::createFromAscii(name)));
    for (const auto& [k, v] : props)
        m->setPropertyValue(OUString::createFromAscii(k), v);
    names_->insertByName(OUString::createFromAscii(name), uno::Any(m));
    return m;
}

uno::Reference<awt::XDialog> DialogBuilder::create(const uno::Reference<awt::XWindowPeer>& parent)
{
    uno::Reference<awt::XToolkit> toolkit(awt::Toolkit::create(ctx_), uno::UNO_QUERY_THROW);
    dialog_->createPeer(toolkit, parent);
    return uno::Reference<awt::XDialog>(dialog_, uno::UNO_QUERY_THROW);
}

uno::Reference<awt::XWindowPeer> parentOf(const uno::Reference<frame::XFrame>& frame)
{
    if (!frame.is())
        return {};
    return uno::Reference<awt::XWindowPeer>(frame->getContainerWindow(), uno::UNO_QUERY);
}

awt::FontDescriptor bold()
{
    awt::FontDescriptor f;
    f.Weight = awt::FontWeight::BOLD;
    f.Height = 11;
    return f;
}

} // namespace bsre::ext
