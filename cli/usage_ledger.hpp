// The CLI's side of the usage ledger (docs/LEDGER.md): where it is, what each
// attempt records, and `bsre-sign report`.
#pragma once

#include "cli/args.hpp"
#include "cli/exit_codes.hpp"
#include "cli/sign_args.hpp"
#include "core/ledger.hpp"
#include "core/sign.hpp"
#include "crypto/store.hpp"

#include <optional>
#include <string>

namespace bsre::cli {

// IT's policy file (key=value lines), read when it exists.
constexpr const char* kPolicyFile = "/etc/bsre-sign/policy.conf";

// The policy file, then --ledger DIR, --no-ledger (refused when the policy
// forbids it) and --require-ledger.
LedgerSettings ledgerSettings(const Args& a);

// The attempt as the CLI records it.
LedgerAttempt cliAttempt(const Args& a, std::string levelAsked, bool visible, bool notice);

int cmdReport(const Args& a);

// Signs through `steps` and records the attempt in the usage ledger: signed
// (with a warning when the ledger could not be written), or refused.
template <class Steps>
int recorded(LedgerAttempt& attempt, Steps&& steps)
{
    try {
        SignOutcome out = steps();
        if (auto w = attempt.signedAs(out.level, out.pages))
            out.warnings.push_back(*w);
        printSigned(out);
        return cli::Ok;
    } catch (const Error& e) {
        attempt.refused(e);
        throw;
    }
}


// Shared with the other commands (cli/main.cpp).
std::unique_ptr<crypto::Store> openStore(const Args& a);
crypto::PinProvider pinProvider(const Args& a);

} // namespace bsre::cli
