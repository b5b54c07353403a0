// The CLI's side of the usage ledger (docs/LEDGER.md): where it is, what each
// attempt records, and `bsre-sign report`.
#pragma once

#include "cli/args.hpp"
#include "core/ledger.hpp"
#include "core/sign.hpp"

#include <optional>
#include <string>

namespace bsre::cli {

// IT's policy file (key=value lines), read when it exists.
constexpr const char* kPolicyFile = "/etc/bsre-sign/policy.conf";

struct LedgerSettings {
    bool enabled = true;
    std::string dir;                       // default: $XDG_DATA_HOME/bsre-sign/ledger
    DeskNaming naming = DeskNaming::Both;
    bool require = false;                  // a ledger that cannot be written stops signing
};
// The policy file, then --ledger DIR, --no-ledger (refused when the policy
// forbids it) and --require-ledger.
LedgerSettings ledgerSettings(const Args& a);

// One signing attempt, recorded once: signed, or refused with its code.
class Attempt {
public:
    Attempt(LedgerSettings s, std::string source, std::string levelAsked, bool visible, bool notice);
    // Before the key is used: with RequireLedger, a ledger that cannot be
    // written stops here, with nothing signed.
    void requireWritable() const;
    void certificate(const std::string& der);
    // Records the signature; a warning when the ledger could not be written.
    std::optional<Warning> signedAs(const SignOutcome& out);
    // Records a refusal (never throws: the refusal's own error goes on).
    void refused(Code code) noexcept;

private:
    std::optional<Warning> append();
    LedgerSettings settings_;
    LedgerRecord record_;
    bool done_ = false;
};

int cmdReport(const Args& a);

} // namespace bsre::cli
