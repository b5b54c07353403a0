// The adapter to BSrE's signing service (API version 2): the ONE place that
// knows its paths, JSON field names and answer shapes. They come from public
// third-party integrations, not from BSrE's own documentation (docs/SERVER.md
// lists each assumption and the line that makes it), so a difference from the
// real service is a change in net/bsre_service.cpp only.
//
// Nothing here knows PDF or NSS: the caller gives bytes and gets bytes. Every
// failure is a coded bsre::Error with an English and an Indonesian sentence;
// the passphrase and the one-time code never appear in one.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace bsre::net {

struct ServiceConfig {
    std::string url;                     // the service's base address, e.g. https://esign.example.go.id
    std::string clientId, clientSecret;  // the institution's client (HTTP Basic authentication)
    std::chrono::seconds timeout{60};    // per request (docs/CLI.md, Network limits)
};

// The signer as the service knows them: a NIK (16 digits) or an e-mail address.
struct ServiceUser {
    std::string id;
    bool isEmail() const { return id.find('@') != std::string::npos; }
};

// What proves the signer is present: the passphrase of their BSrE account, or
// a one-time code (TOTP) from the BeSign app.
struct ServiceSecret {
    enum class Kind { Passphrase, OneTimeCode } kind = Kind::Passphrase;
    std::string value;
};

// Where and how the service draws the signature. The rectangle is in points
// with (0,0) at the page's TOP-left corner (the service's convention), the
// image a PNG of our appearance.
struct SignatureProperties {
    bool visible = false;
    int page = 1;                         // 1-based
    double originX = 0, originY = 0, width = 0, height = 0;
    std::string imagePng;
    std::string reason, location, contact;
};

// Whether the person may sign: throws NotRegistered or NoActiveCertificate
// (with the service's own status word) when not, ServiceUnreachable,
// ServiceRefused, ClientRejected or ServiceBadAnswer when the question fails.
void requireActiveCertificate(const ServiceConfig& config, const ServiceUser& user);

// Asks the service to send a one-time code to the signer's BeSign app.
void requestOneTimeCode(const ServiceConfig& config, const ServiceUser& user);

// Sends one PDF and returns the signed PDF exactly as the service sent it
// (checked only to be a PDF; what it contains is the caller's to check).
std::string signRemotely(const ServiceConfig& config, const ServiceUser& user, const ServiceSecret& secret,
                         const std::string& pdf, const SignatureProperties& properties);

// "bsre-server HOST[:PORT]": who held the key, as the usage ledger records it
// (the service's host only: no path, no user).
std::string keyHolderName(const std::string& url);

// The largest answer accepted for a PDF of `sentBytes`: its base64 with 16 MiB
// of room for the signature, certificates and whatever the service adds.
size_t answerLimit(size_t sentBytes);

} // namespace bsre::net
