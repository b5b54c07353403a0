// What a signing tells the person or the macro: the engine's SignOutcome, the
// verification, and the level compared with what was asked, in the UI language.
#pragma once

#include "policy.hpp"
#include "uno_util.hpp"

#include "core/sign.hpp"

#include <string>
#include <vector>

namespace bsre::ext {

struct JobResult {
    OUString outputUrl;
    std::string signerName;
    std::string signingTime;
    std::string level = "B-B";
    std::string timestampTime, tsaName; // the signature timestamp (B-T and up)
    bool ltvMaterial = false;           // a DSS was added (B-LT and up)
    std::string ltvSummary;             // "5 certificates, 2 OCSP, 1 CRL" in the UI language
    std::vector<std::string> warnings; // already in the UI language
    bool verified = false;
    std::string fieldName;                // the field that holds the signature
    std::vector<std::string> emptyFields; // Signature Line fields left for later signers
};

// `verified`: the output verified with LibreOffice's database (else a warning
// says the chain is not trusted there).
JobResult jobResult(const SignOutcome& out, bool verified, const LevelPlan& plan, bool indonesian);

} // namespace bsre::ext
