// What one signing asks for: the options of id.bsresign.Signer's methods
// (docs/MACRO.md) and of the sign dialog, as one struct.
#pragma once

#include "uno_util.hpp"

#include "common/secret.hpp"
#include "pdf/model.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>

#include <optional>
#include <string>

namespace bsre::ext {

struct JobOptions {
    std::string certificate;          // SHA-256 fingerprint
    std::optional<std::string> pin;
    OUString outputUrl;
    bool overwrite = false;
    std::optional<bool> visible;
    int page = 1;
    std::optional<pdf::Rect> rect;     // x1,y1,x2,y2 in points
    std::string position = "BottomRight"; // without Rect: BottomRight, BottomLeft, TopRight, TopLeft
    std::optional<std::string> reason, location, contact;
    std::optional<std::string> appearanceStyle; // "Standard" or "Tnde"; default: the Signing/AppearanceStyle setting
    std::optional<std::string> title;           // jabatan; default: the Signature Line's suggested title
    // A Signature Line id (documents) or an existing empty signature field
    // (PDFs). Empty: a document with Signature Lines signs the line whose
    // suggested signer matches the certificate, else the first line.
    std::string field;
    // The dialog's "New signature": with Signature Lines present, sign a new
    // field per page/position instead; every line stays an empty field.
    bool newSignature = false;
    std::optional<bool> certify;       // DocMDP P=2; default: the Signing/Certification setting
    std::optional<bool> notice;        // default: the Notice/Enabled setting
    bool interactive = true;
    // A BSrE account (docs/SERVER.md): the NIK or e-mail whose key BSrE's
    // signing service holds; then Pin is its passphrase, or with OneTimeCode
    // the code from BeSign, and Certificate is not used. SignerName: the name
    // the visible block shows (drawn before the service's certificate is known).
    std::string bsreAccount;
    bool oneTimeCode = false;
    std::string signerName;

    // The PIN goes with the options (explicit_bzero, common/secret.hpp).
    JobOptions() = default;
    JobOptions(const JobOptions&) = default;
    JobOptions(JobOptions&&) = default;
    JobOptions& operator=(const JobOptions&) = default;
    JobOptions& operator=(JobOptions&&) = default;
    ~JobOptions() { wipe(pin); }
};

// The API's PropertyValue list; an unknown name or a mistyped value is
// BadOption, so a macro's typo is not silently ignored.
JobOptions parseOptions(const css::uno::Sequence<css::beans::PropertyValue>& options);

} // namespace bsre::ext
