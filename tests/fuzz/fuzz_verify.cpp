// Verification of arbitrary bytes as a signed PDF (core/verify): the
// signatures' byte ranges and /Contents, the CMS and its signature
// timestamp, document timestamps, the DSS and its offline coverage, and the
// analysis of what later revisions changed (pdf/changes). verifyPdf takes a
// path, so each input is written to one file in a private folder (mkdtemp)
// made once per process. Trust is not checked (no database).
#include "fuzz_support.hpp"

#include "common/error.hpp"
#include "core/verify.hpp"

using namespace bsre;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::nss();
    static fuzz::PrivateDir dir;
    const std::string path = dir.write("input.pdf", data, size);
    try {
        const VerifyReport r = verifyPdf(path, false);
        for (const SignatureReport& s : r.signatures) {
            if (s.valid() && !s.integrity)
                fuzz::broken("a signature reported valid without integrity");
            (void)s.modificationsAllowed();
        }
        (void)r.allValid();
        (void)r.allPassed();
    } catch (const Error&) {
    }
    return 0;
}
