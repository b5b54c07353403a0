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
    NotSigned,        // extend: the PDF has no signature
    PageOutOfRange,
    RectOffPage,
    NoRoomForNotice,  // content fills the notice band and may not be scaled enough
    CertNotFound,
    CertExpired,
    CertNotYetValid,
    CertNoSigningUsage,
    CertUntrusted,
    KeyMissing,       // certificate has no private key
    BadPin,
    TokenLocked,
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
    Internal,
};

const char* codeName(Code c) noexcept;

// Message texts are complete sentences in English and Indonesian; the UI
// picks one by language, the CLI prints both.
class Error : public std::runtime_error {
public:
    Error(Code code, std::string en, std::string id)
        : std::runtime_error(en), code_(code), id_(std::move(id)) {}
    Code code() const noexcept { return code_; }
    const char* english() const noexcept { return what(); }
    const std::string& indonesian() const noexcept { return id_; }

private:
    Code code_;
    std::string id_;
};

[[noreturn]] inline void fail(Code c, std::string en, std::string id)
{
    throw Error(c, std::move(en), std::move(id));
}

} // namespace bsre
