// One error family for the whole engine (see docs/ERRORS.md).
#pragma once

#include <stdexcept>
#include <string>

namespace bsre {

// Codes a person (or a caller) can act on. Keep in sync with docs/ERRORS.md
// and with the CLI's exit-code mapping in cli/exit_codes.hpp.
enum class Code {
    Usage,            // bad command line or option value
    NotPdf,           // input is not a PDF at all
    MalformedPdf,     // truncated or damaged (xref had to be reconstructed)
    EncryptedPdf,     // encrypted input; we never decrypt and rewrite
    FieldNotFound,    // --field names no signature field
    FieldSigned,      // the field already holds a signature
    CertifiedNoChanges, // the PDF is certified with DocMDP P1: no signature may be added
    NotSigned,        // extend: the PDF has no signature
    PageOutOfRange,
    RectOffPage,
    NoRoomForNotice,  // content fills the notice band and may not be scaled enough
    InputTooLarge,    // the input PDF is larger than the engine reads into memory (pdf/reader.hpp)
    CertNotFound,
    CertExpired,
    CertNotYetValid,
    CertNoSigningUsage,
    CertUntrusted,
    KeyMissing,       // certificate has no private key
    BadPin,
    TokenLocked,
    TokenRemoved,     // the token (or its slot) went away between login and signing
    TokenError,       // other PKCS#11 / NSS failure
    SignatureTooLarge,
    TsaUnreachable,   // no answer (connection refused, timeout)
    TsaRefused,       // the TSA answered with an error status
    TsaBadToken,      // wrong imprint or nonce, bad signature, untrusted TSA
    CertRevoked,      // OCSP or CRL says the certificate is revoked
    RevocationUnavailable, // no usable OCSP answer or CRL (LTV cannot be reached)
    FontMissing,
    ImageInvalid,
    Io,               // output not writable, disk full, ...
    // Two-phase signing (bsre-sign prepare / complete).
    StateInvalid,     // the STATE file is damaged, truncated or not ours
    InputChanged,     // the input PDF changed between prepare and complete
    SignatureMismatch,// the external signature does not verify with the certificate
    // The LibreOffice extension (SigningException.Code, a public interface).
    Locked,           // an option contradicts a setting the organisation locked
    ExportFailed,     // LibreOffice could not export the document (or read its lines)
    OutputExists,     // the output file exists and overwriting was not asked for
    OutputIsInput,    // the output would replace the original file
    NoTsa,            // the Level setting needs a timestamp server and none is configured
    BadOption,        // an option of the API call is unknown, mistyped or out of range
    BadSetting,       // a configuration value is not one the extension understands
    IssuerNotAllowed, // the certificate's issuer is not in AllowedIssuers
    LogoInvalid,      // the configured logo file cannot be read
    NoCertificate,    // no certificate was chosen
    NoOutput,         // an unsaved document and no output file given
    UnsupportedDocument, // a kind of document LibreOffice cannot export to PDF
    // Signing with a BSrE account (the key held by BSrE's signing service, docs/SERVER.md).
    NotRegistered,       // the NIK or e-mail is not registered with the service
    NoActiveCertificate, // registered, but without an active certificate
    BadPassphrase,       // the service refused the passphrase
    CodeExpired,         // the one-time code (TOTP) is wrong or expired
    ClientRejected,      // the service refused the institution's client id and secret
    ServiceUnreachable,  // no answer from the service (refused, timeout, too large)
    ServiceRefused,      // the service answered with an error it did not explain
    ServiceBadAnswer,    // the answer is not what the API promises (not JSON, not a PDF)
    ServiceAltered,      // the returned PDF fails the checks: not our bytes, partial or extra changes
    Internal,
};

const char* codeName(Code c) noexcept;

// Where in a file an error was found, when it is about a file: the object
// number and the byte offset are 0 / -1 when unknown.
struct Where {
    std::string file;
    int object = 0;
    long long offset = -1;
};

// Message texts are complete sentences in English and Indonesian; the UI
// picks one by language, the CLI prints both.
class Error : public std::runtime_error {
public:
    Error(Code code, std::string en, std::string id, Where where = {})
        : std::runtime_error(en), code_(code), id_(std::move(id)), where_(std::move(where)) {}
    Code code() const noexcept { return code_; }
    const char* english() const noexcept { return what(); }
    const std::string& indonesian() const noexcept { return id_; }
    const Where& where() const noexcept { return where_; }

private:
    Code code_;
    std::string id_;
    Where where_;
};

[[noreturn]] inline void fail(Code c, std::string en, std::string id)
{
    throw Error(c, std::move(en), std::move(id));
}

[[noreturn]] inline void fail(Code c, Where where, std::string en, std::string id)
{
    throw Error(c, std::move(en), std::move(id), std::move(where));
}

// Warnings: the work was done, but a person should know something. Coded like
// errors, with both sentences, so no caller translates English text.
enum class WarningCode {
    LineRepeats,        // a Signature Line in a header or footer became one field
    LinesOverlap,       // two Signature Lines at the same place
    NotCertified,       // certification asked on a PDF already signed
    NoticeNotRepeated,  // the notice goes with the first signature only
    NoTimestamp,        // extend: a signature without a timestamp stays below B-T
    LedgerNotWritten,   // signed, but the usage ledger could not record it
    Other,
};
const char* warningName(WarningCode c) noexcept;

struct Warning {
    WarningCode code = WarningCode::Other;
    std::string en, id;
    const std::string& text(bool indonesian) const { return indonesian ? id : en; }
};

} // namespace bsre
