#pragma once

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

namespace bsre::ext {

// The menu command: the dialog, the job with progress, the result dialog.
void runSignCommand(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
                    const com::sun::star::uno::Reference<com::sun::star::frame::XFrame>& frame);

} // namespace bsre::ext
