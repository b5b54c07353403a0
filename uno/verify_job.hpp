// Verification inside LibreOffice, without UI: what id.bsresign.Signer's
// verifyPdf and the Verify command share. Trust is LibreOffice's own
// certificate database (the one it signs with), opened through officeStore.
#pragma once

#include "uno_util.hpp"

#include "core/verify.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <id/bsresign/VerifyResult.hpp>

#include <string>

namespace bsre::ext {

struct VerifyOptions {
    OUString reportUrl; // empty: no report
    bool overwrite = false;
};
// The system path of a file URL; BadOption naming `what` ("The PDF", "ReportUrl") otherwise.
std::string filePathOf(const OUString& url, const char* what);

// BadOption for an unknown name or a mistyped value.
VerifyOptions parseVerifyOptions(const css::uno::Sequence<css::beans::PropertyValue>& options);

// Throws bsre::Error: NotPdf, MalformedPdf, EncryptedPdf, Io, BadOption (not a file URL).
VerifyReport verifyInOffice(const css::uno::Reference<css::uno::XComponentContext>& ctx, const OUString& pdfUrl);

// Writes the PDF report atomically; OutputIsInput when it would replace the PDF.
void writeVerifyReport(const VerifyReport& report, const std::string& reportPath, bool overwrite);

id::bsresign::VerifyResult toUno(const VerifyReport& report, bool indonesian);

} // namespace bsre::ext
