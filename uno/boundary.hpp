// Where failures cross into LibreOffice. Every UNO entry point (the service
// id.bsresign.Signer, the menu command) catches here and nowhere else, so a
// code and a sentence reach the caller the same way from every path.
#pragma once

#include "uno_util.hpp"

#include "common/error.hpp"

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/XInterface.hpp>

#include <functional>

namespace bsre::ext {

// The failure being handled, as a person reads it: a bsre::Error keeps its
// code and gives the sentence in the UI language; anything else is Internal.
// Call only inside a catch block.
struct Failure {
    Code code = Code::Internal;
    OUString message;
};
Failure currentFailure(bool indonesian);

// The failure being handled, leaving as SigningException (Code = codeName, the
// sentence in the UI language). A UNO exception leaves as it is: its type is
// part of what the caller can act on. Call only inside a catch block.
[[noreturn]] void rethrowForUno(bool indonesian, const css::uno::Reference<css::uno::XInterface>& source);

// API methods: runs f; a failure leaves as rethrowForUno says.
template <class F>
auto atApiBoundary(bool indonesian, const css::uno::Reference<css::uno::XInterface>& source, F&& f) -> decltype(f())
{
    try {
        return f();
    } catch (...) {
        rethrowForUno(indonesian, source);
    }
}

// The menu command: runs f; a failure is shown in a dialog and never escapes
// into LibreOffice's dispatcher (which would drop it without a word).
// `title`: the failure dialog's title (default "Signing failed").
void atMenuBoundary(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                    const css::uno::Reference<css::frame::XFrame>& frame, const std::function<void()>& f,
                    const Text* title = nullptr);

} // namespace bsre::ext
