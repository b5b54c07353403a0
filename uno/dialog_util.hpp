// Building LibreOffice dialogs in code (UnoControlDialogModel), so the
// dialogs need no separate XDL files and every label goes through tr().
#pragma once

#include "uno_util.hpp"

#include <com/sun/star/awt/FontDescriptor.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>

#include <initializer_list>
#include <utility>

namespace bsre::ext {

class DialogBuilder {
public:
    DialogBuilder(const css::uno::Reference<css::uno::XComponentContext>& ctx, const OUString& title, int width,
                  int height);

    // Adds a control model ("FixedText", "Edit", "ListBox", "CheckBox", "Button",
    // "ImageControl", "NumericField") at x, y, w, h (dialog units) with properties.
    css::uno::Reference<css::beans::XPropertySet>
    add(const char* kind, const char* name, int x, int y, int w, int h,
        std::initializer_list<std::pair<const char*, css::uno::Any>> props = {});

    // Creates the dialog window under `parent` (may be empty).
    css::uno::Reference<css::awt::XDialog> create(const css::uno::Reference<css::awt::XWindowPeer>& parent);
    css::uno::Reference<css::awt::XControlContainer> controls() const { return container_; }

private:
    css::uno::Reference<css::uno::XComponentContext> ctx_;
    css::uno::Reference<css::lang::XMultiServiceFactory> factory_;
    css::uno::Reference<css::container::XNameContainer> names_;
    css::uno::Reference<css::awt::XControl> dialog_;
    css::uno::Reference<css::awt::XControlContainer> container_;
};

// A control of a created dialog by name, as interface I.
template <class I>
css::uno::Reference<I> control(const css::uno::Reference<css::awt::XControlContainer>& c, const char* name)
{
    return css::uno::Reference<I>(c->getControl(OUString::createFromAscii(name)), css::uno::UNO_QUERY_THROW);
}

// The frame's window as a dialog's parent (empty without a frame).
css::uno::Reference<css::awt::XWindowPeer> parentOf(const css::uno::Reference<css::frame::XFrame>& frame);

// The font of a dialog's headline.
css::awt::FontDescriptor bold();

// Shorthands for control properties.
template <class T>
std::pair<const char*, css::uno::Any> p(const char* n, const T& v)
{
    return {n, css::uno::Any(v)};
}

} // namespace bsre::ext
