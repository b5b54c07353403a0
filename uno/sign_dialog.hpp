#pragma once

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

namespace bsre::ext {

// The menu command: the dialog, the job with progress, the result dialog.
void runSignCommand(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
                    const com::sun::star::uno::Reference<com::sun::star::frame::XFrame>& frame);

// The "Signing failed" dialog with `message` (uno/boundary.cpp shows every
// failure of the menu commands with it); an empty `title` says "Signing failed".
void showFailure(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
                 const com::sun::star::uno::Reference<com::sun::star::frame::XFrame>& frame, const rtl::OUString& message,
                 bool indonesian, const rtl::OUString& title = {});

} // namespace bsre::ext
