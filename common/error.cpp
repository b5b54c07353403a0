#include "common/error.hpp"

namespace bsre {

namespace {
// The codes of signing with a BSrE account (docs/SERVER.md).
const char* serviceCodeName(Code c) noexcept
{
    switch (c) {
    case Code::NotRegistered: return "NotRegistered";
    case Code::NoActiveCertificate: return "NoActiveCertificate";
    case Code::BadPassphrase: return "BadPassphrase";
    case Code::CodeExpired: return "CodeExpired";
    case Code::ClientRejected: return "ClientRejected";
    case Code::ServiceUnreachable: return "ServiceUnreachable";
    case Code::ServiceRefused: return "ServiceRefused";
    case Code::ServiceBadAnswer: return "ServiceBadAnswer";
    case Code::ServiceAltered: return "ServiceAltered";
    default: return "Internal";
    }
}
} // namespace

const char* codeName(Code c) noexcept
{
    switch (c) {
    case Code::Usage: return "Usage";
    case Code::NotPdf: return "NotPdf";
    case Code::MalformedPdf: return "MalformedPdf";
    case Code::EncryptedPdf: return "EncryptedPdf";
    case Code::FieldNotFound: return "FieldNotFound";
    case Code::FieldSigned: return "FieldSigned";
    case Code::CertifiedNoChanges: return "CertifiedNoChanges";
    case Code::NotSigned: return "NotSigned";
    case Code::PageOutOfRange: return "PageOutOfRange";
    case Code::RectOffPage: return "RectOffPage";
    case Code::NoRoomForNotice: return "NoRoomForNotice";
    case Code::InputTooLarge: return "InputTooLarge";
    case Code::CertNotFound: return "CertificateNotFound";
    case Code::CertExpired: return "CertificateExpired";
    case Code::CertNotYetValid: return "CertificateNotYetValid";
    case Code::CertNoSigningUsage: return "CertificateNotForSigning";
    case Code::CertUntrusted: return "CertificateUntrusted";
    case Code::KeyMissing: return "KeyMissing";
    case Code::BadPin: return "BadPin";
    case Code::TokenLocked: return "TokenLocked";
    case Code::TokenRemoved: return "TokenRemoved";
    case Code::TokenError: return "TokenError";
    case Code::SignatureTooLarge: return "SignatureTooLarge";
    case Code::TsaUnreachable: return "TsaUnreachable";
    case Code::TsaRefused: return "TsaRefused";
    case Code::TsaBadToken: return "TsaBadToken";
    case Code::CertRevoked: return "CertificateRevoked";
    case Code::RevocationUnavailable: return "RevocationUnavailable";
    case Code::FontMissing: return "FontMissing";
    case Code::ImageInvalid: return "ImageInvalid";
    case Code::Io: return "Io";
    case Code::StateInvalid: return "StateInvalid";
    case Code::InputChanged: return "InputChanged";
    case Code::SignatureMismatch: return "SignatureMismatch";
    case Code::Locked: return "Locked";
    case Code::ExportFailed: return "ExportFailed";
    case Code::OutputExists: return "OutputExists";
    case Code::OutputIsInput: return "OutputIsInput";
    case Code::NoTsa: return "NoTsa";
    case Code::BadOption: return "BadOption";
    case Code::BadSetting: return "BadSetting";
    case Code::IssuerNotAllowed: return "IssuerNotAllowed";
    case Code::LogoInvalid: return "LogoInvalid";
    case Code::NoCertificate: return "NoCertificate";
    case Code::NoOutput: return "NoOutput";
    case Code::UnsupportedDocument: return "UnsupportedDocument";
    case Code::Internal: return "Internal";
    default: return serviceCodeName(c);
    }
}

const char* warningName(WarningCode c) noexcept
{
    switch (c) {
    case WarningCode::LineRepeats: return "LineRepeats";
    case WarningCode::LinesOverlap: return "LinesOverlap";
    case WarningCode::NotCertified: return "NotCertified";
    case WarningCode::NoticeNotRepeated: return "NoticeNotRepeated";
    case WarningCode::NoTimestamp: return "NoTimestamp";
    case WarningCode::LedgerNotWritten: return "LedgerNotWritten";
    case WarningCode::Other: return "Other";
    }
    return "Other";
}

} // namespace bsre
