// Certificates and keys: the NSS database and every PKCS#11 token it knows.
#pragma once

#include "common/error.hpp"
#include "crypto/signer.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bsre::crypto {

struct CertInfo {
    std::string fingerprint;   // SHA-256 of the DER, upper-case hex, no colons
    std::string nickname;      // NSS nickname ("token:label" on tokens)
    std::string commonName, organisation, email;
    std::string subject, issuer;
    std::string notBefore, notAfter; // ISO 8601, UTC
    std::string token;
    bool hasKey = false;
    bool usable = false;
    std::optional<Code> problem; // why it cannot sign
    std::string problemEn, problemId;
};

// Asked for a token's PIN when a login is needed; nullopt means the person
// cancelled. The returned string is wiped after use.
using PinProvider = std::function<std::optional<std::string>(const std::string& tokenName)>;

class Store {
public:
    // The CLI: an NSS context of our own on the database in `dir`
    // ("sql:" is implied). Never used inside soffice (decision 6).
    static std::unique_ptr<Store> open(const std::string& dir);
    // Inside LibreOffice: NSS is already initialised by LibreOffice; we only
    // use it and never shut it down.
    static std::unique_ptr<Store> attach();
    ~Store();

    // Load a PKCS#11 module for this process only (the database is unchanged).
    void loadModule(const std::string& libraryPath);
    // Inside soffice: when NSS was brought up without a certificate database
    // (LibreOffice's PDF export does that before its security service runs),
    // open the configured database as an extra slot. Idempotent. Returns true
    // when a database had to be opened.
    bool ensureDatabase(const std::string& dir);
    // Ask for (and check) the PIN on every signature, even when the token is
    // still logged in from an earlier one: inside soffice any macro could sign
    // otherwise. Set by attach().
    void setPinEverySignature(bool v) { pinEverySignature_ = v; }

    std::vector<CertInfo> list() const;
    // One certificate as list() describes it, by fingerprint or nickname;
    // quick for one that an earlier listing saw and whose key is visible.
    std::optional<CertInfo> find(const std::string& selector) const;
    // Select by SHA-256 fingerprint (hex, colons allowed) or nickname; refuses
    // an unusable certificate with the reason; logs in to its token.
    std::unique_ptr<Signer> signer(const std::string& selector, const PinProvider& pin) const;

    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

private:
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
    bool pinEverySignature_ = false;
};

std::string hexUpper(std::string_view bytes);

} // namespace bsre::crypto
