// What the organisation's settings allow and decide: locked keys that an
// option may not contradict, the issuers allowed to sign, the level to aim for.
#pragma once

#include "job_options.hpp"
#include "settings.hpp"

#include "core/sign.hpp"
#include "crypto/store.hpp"

#include <string>
#include <vector>

namespace bsre::ext {

// Locked: an option contradicts a key IT finalized; nothing is written.
void enforceLocks(const Settings& settings, const JobOptions& o);
// Signing with a BSrE account: refused (Locked) unless IT enabled it and said
// documents may leave the desk; BadSetting without the service's address.
void requireServerAllowed(const Settings& settings);

// Certificates from issuers outside AllowedIssuers cannot sign (with the
// reason shown beside them); an empty list allows every issuer.
void applyAllowedIssuers(const Settings& settings, std::vector<crypto::CertInfo>& certs);

// The level of the settings (docs/DESIGN.md, "Levels"): empty is automatic,
// B-LT with a TSA (lower when its parts cannot be reached) and B-B without;
// an explicit level follows AllowLowerLevel.
struct LevelPlan {
    Level asked = Level::BB;  // what the result compares the signature with
    Level signAt = Level::BB; // what the engine is asked for
    bool allowLower = true;
    bool timestamp = false;   // a TSA is asked (B-T and up with a TsaUrl)
    std::string noteEn, noteId; // a level lowered before signing (no TSA configured)
};
// BadSetting for an unknown Level; NoTsa when the level needs a TSA that is
// not configured and lowering is not allowed.
LevelPlan planLevel(const Settings& settings);

} // namespace bsre::ext
