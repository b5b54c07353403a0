// The extension's configuration (/id.bsresign.Settings), with which keys IT
// has locked (finalized) in a shared layer.
#pragma once

#include "uno_util.hpp"

#include <set>
#include <string>
#include <vector>

namespace bsre::ext {

struct Settings {
    std::string tsaUrl;
    std::string level; // "" (automatic), B-B, B-T, B-LT, B-LTA
    bool allowLowerLevel = true;
    bool pdfA = true;
    bool visible = false;
    std::string appearanceStyle = "Standard"; // or "Tnde" (checked when signing)
    std::string defaultReason, defaultLocation;
    std::string outputPattern = "{name}_signed.pdf";
    std::vector<std::string> pkcs11Modules;
    std::vector<std::string> allowedIssuers;
    bool certification = false;
    // Notice band
    bool noticeEnabled = true;
    std::string noticeText;
    std::string noticePreset;        // "", "id", "en"
    bool noticeSecondLine = false;
    std::string noticeSecondLineText;
    std::string noticePages = "all";
    std::string qrUrlTemplate;
    bool allowScaling = true;
    std::string logoPath;
    // Usage ledger
    bool ledgerEnabled = true;
    std::string ledgerFolder; // empty: the per-user default
    std::string ledgerDesk = "both";
    bool ledgerRequired = false;
    bool ledgerHashFileNames = false;
    std::string institution; // named in the usage report
    // Signing with a BSrE account (docs/SERVER.md): off unless IT enables it
    // AND says documents may leave the desk; the client's id and secret are in
    // the password container under serverUrl.
    bool serverEnabled = false;
    bool serverDocumentsLeaveDesk = false;
    std::string serverUrl;
    int serverTimeout = 60;
    std::set<std::string> locked; // e.g. "Signing/Visible"

    bool isLocked(const std::string& key) const { return locked.count(key) > 0; }
};

// Defaults when the schema cannot be read (never throws).
Settings readSettings(const css::uno::Reference<css::uno::XComponentContext>& ctx);

} // namespace bsre::ext
