// The address a QR code leads to (the notice's and the TNDE specimen's): IT's
// template filled in for one file, or BSrE's public verification page.
#pragma once

#include <string>

namespace bsre {

// BSrE's public verification page: the specimen's QR code when no template is given.
inline constexpr const char* kDefaultVerificationUrl = "https://tte.komdigi.go.id/verifyPDF";

// `templ` with {file} replaced by `fileName` and {sha256} by the SHA-256
// (upper-case hex) of the file at `pdfPath`, read only when the template
// asks for it. NSS must be up; an unreadable file is an Io error.
std::string verificationUrl(std::string templ, const std::string& fileName, const std::string& pdfPath);

} // namespace bsre
