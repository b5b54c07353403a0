#include "boundary.hpp"

#include "sign_dialog.hpp"

#include <id/bsresign/SigningException.hpp>

#include <exception>

namespace bsre::ext {

using namespace css;

namespace {
const Text kUnexpected{"An unexpected error occurred; nothing was written.",
                       "Terjadi kesalahan yang tidak terduga; tidak ada yang ditulis."};
} // namespace

Failure currentFailure(bool indonesian)
{
    try {
        throw;
    } catch (const Error& e) {
        return {e.code(), toU(indonesian ? e.indonesian() : e.english())};
    } catch (const uno::Exception& e) {
        return {Code::Internal, e.Message};
    } catch (const std::exception& e) {
        return {Code::Internal, toU(e.what())}; // no sentence of ours: both languages get the same
    } catch (...) {
        return {Code::Internal, tr(kUnexpected, indonesian)};
    }
}

void rethrowForUno(bool indonesian, const uno::Reference<uno::XInterface>& source)
{
    try {
        throw;
    } catch (const uno::Exception&) {
        throw;
    } catch (...) {
        const Failure f = currentFailure(indonesian);
        throw id::bsresign::SigningException(f.message, source, OUString::createFromAscii(codeName(f.code)));
    }
}

void atMenuBoundary(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<frame::XFrame>& frame,
                    const std::function<void()>& f, const Text* title)
{
    try {
        f();
    } catch (...) {
        const bool indonesian = uiIndonesian(ctx);
        const Failure failure = currentFailure(indonesian);
        try {
            showFailure(ctx, frame, failure.message, indonesian, title ? tr(*title, indonesian) : OUString());
        } catch (...) {
            // No window to show it in (the office is closing): nothing more to do.
        }
    }
}

} // namespace bsre::ext
