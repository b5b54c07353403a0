// The verification report as a PDF a person reads and files (for a support
// case, an archive, a complaint): Indonesian with English beside it.
#pragma once

#include "core/verify.hpp"
#include "core/verify_pages.hpp"

#include <string>
#include <vector>

namespace bsre {

struct Words {
    std::string en, id;
};
// The verdict of one signature as a sentence a person reads (from its indication).
Words verdictWords(const SignatureReport& s);
// The words of PortalChecks and of a certificate's revocation status.
Words checkWords(const std::string& en);

struct ReportContext {
    std::string trustedBy; // what trust was judged against, in both languages ("" when not checked)
    std::string madeAt;    // when the report was made (local time, ISO 8601)
};

// The report's bytes. `bytes` is the file `report` describes (its SHA-256
// must match report.sha256: Error InputChanged otherwise); the pages that
// look different after a signature are rendered side by side.
std::string verifyReportPdf(const VerifyReport& report, const std::string& bytes, const ReportContext& context);

} // namespace bsre
