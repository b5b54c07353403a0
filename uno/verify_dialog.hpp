#pragma once

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

namespace bsre::ext {

// File > Verify BSrE signatures…: on a PDF opened in Draw it verifies that
// file, elsewhere it asks for one; then a dialog with each signature's
// verdict, the four checks and the changes, and Save report….
void runVerifyCommand(const com::sun::star::uno::Reference<com::sun::star::uno::XComponentContext>& ctx,
                      const com::sun::star::uno::Reference<com::sun::star::frame::XFrame>& frame);

} // namespace bsre::ext
