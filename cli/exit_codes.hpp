// Exit codes of bsre-sign (documented in docs/CLI.md).
#pragma once

#include "common/error.hpp"

namespace bsre::cli {

enum Exit : int {
    Ok = 0,
    NotValid = 1,      // verify: a signature is invalid, or there is none
    UsageError = 2,
    InputPdf = 3,      // not a PDF, damaged, encrypted, field/page/rectangle problems
    Credentials = 4,   // certificate, key, PIN or token problem
    IoError = 5,       // cannot read/write, disk full, output exists
    Internal = 6,      // anything else (font, image, too large signature)
    Network = 7,       // timestamp server or revocation data (OCSP/CRL) unreachable, refused, or failing the checks
    TwoPhase = 8,      // complete: STATE damaged or edited, input changed since prepare, signature does not match
    SomeRefused = 9,   // sign with many inputs: some were refused (each with its sentence), the others signed
    ServiceAnswer = 10,// BSrE account: the service's answer is not a PDF, or the signed PDF failed the checks
};

inline int exitFor(Code c)
{
    switch (c) {
    case Code::Usage:
    case Code::OutputIsInput:
    case Code::BadOption:
    case Code::NoOutput: return UsageError;
    case Code::NotPdf:
    case Code::MalformedPdf:
    case Code::EncryptedPdf:
    case Code::FieldNotFound:
    case Code::FieldSigned:
    case Code::CertifiedNoChanges:
    case Code::NotSigned:
    case Code::PageOutOfRange:
    case Code::RectOffPage:
    case Code::NoRoomForNotice:
    case Code::InputTooLarge: return InputPdf;
    case Code::CertNotFound:
    case Code::CertExpired:
    case Code::CertNotYetValid:
    case Code::CertNoSigningUsage:
    case Code::CertUntrusted:
    case Code::KeyMissing:
    case Code::BadPin:
    case Code::TokenLocked:
    case Code::TokenRemoved:
    case Code::TokenError:
    case Code::CertRevoked:
    case Code::IssuerNotAllowed:
    case Code::NoCertificate:
    case Code::NotRegistered:
    case Code::NoActiveCertificate:
    case Code::BadPassphrase:
    case Code::CodeExpired:
    case Code::ClientRejected: return Credentials;
    case Code::Io:
    case Code::OutputExists: return IoError;
    case Code::TsaUnreachable:
    case Code::TsaRefused:
    case Code::TsaBadToken:
    case Code::RevocationUnavailable:
    case Code::ServiceUnreachable:
    case Code::ServiceRefused: return Network;
    case Code::ServiceBadAnswer:
    case Code::ServiceAltered: return ServiceAnswer;
    case Code::StateInvalid:
    case Code::InputChanged:
    case Code::SignatureMismatch: return TwoPhase;
    default: return Internal;
    }
}

} // namespace bsre::cli
