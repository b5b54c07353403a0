// What fuzzing found (docs/FUZZING.md, "Findings"), checked by the normal
// build: each input of tests/data/fuzz-regressions/ that needed a fix in the
// product gets the answer the fix gives. (The fuzz targets' replays,
// NAME.replay, run every such input through its target as well.)
#define BOOST_TEST_MODULE fuzz_regressions
#include "support.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include "common/error.hpp"
#include "core/verify.hpp"
#include "crypto/verify.hpp"
#include "pdf/reader.hpp"

using namespace testing;

namespace {

std::string input(const std::string& rel) { return env("BSRE_SOURCE") + "/tests/data/fuzz-regressions/" + rel; }

bsre::Code openCode(const std::string& path)
{
    try {
        bsre::pdf::Reader::open(path);
    } catch (const bsre::Error& e) {
        return e.code();
    }
    BOOST_FAIL(path << " opened");
    return bsre::Code::Internal;
}

} // namespace

BOOST_AUTO_TEST_SUITE(fuzz_regressions)

// The cross-reference offsets are 64 bytes off: the catalog at its offset is
// read at open, but the page tree's objects are not where the table says, so
// Poppler rebuilt the table while the pages were read, after the check made
// on opening. The model mixed the file's table (a catalog whose /Pages is a
// page: one page) with the rebuilt one (two pages), and the update signing
// appended rewrote the catalog from the other copy. Now refused as damaged.
BOOST_AUTO_TEST_CASE(a_cross_reference_rebuilt_while_the_pages_are_read_is_refused)
{
    const std::string path = input("fuzz_pdf_plan/late-xref-reconstruction.pdf");
    BOOST_TEST((openCode(path) == bsre::Code::MalformedPdf));
    auto nss = bsre::crypto::TrustContext::none();
    try {
        bsre::verifyPdf(path, false);
        BOOST_FAIL("verified");
    } catch (const bsre::Error& e) {
        BOOST_TEST((e.code() == bsre::Code::MalformedPdf), e.english());
    }
}

// The last trailer's /ID array is never closed: Poppler reads the trailer on
// to the end of the file, and after an update on into the update, so what
// the trailer said changed with the bytes appended (with some /Contents the
// signed file had no pages). Now refused as damaged.
BOOST_AUTO_TEST_CASE(a_trailer_left_open_is_refused)
{
    BOOST_TEST((openCode(input("fuzz_pdf_plan/unclosed-trailer.pdf")) == bsre::Code::MalformedPdf));
}

// A mutated letter whose font descriptors are not at their cross-reference
// offsets: Poppler opened it, and only when the notice measured the page
// (Reader::contentBox) went looking for them, rebuilding from guesses through
// stream /Length references for minutes: `sign --notice` hung. Now refused
// on opening, before anything is drawn.
BOOST_AUTO_TEST_CASE(objects_not_where_the_cross_reference_says_are_refused_before_drawing)
{
    BOOST_TEST((openCode(input("fuzz_pdf_plan/objects-not-in-place-hang.pdf")) == bsre::Code::MalformedPdf));
}

// Damaged inputs that Poppler opens without a rebuild but for which the
// update signing appends did not read back as the input did (finding 4):
// `sign` wrote files that `verify` called damaged (the first invisibly, the
// other two with the notice: "Poppler error 3", "it has no pages"; how the
// last two read depends on the bytes appended, the signing time among them).
// Signing now reads the prepared file back before the key is used, and the
// signed file before it is written: each input is refused with a sentence
// and nothing written, or signed into a file that pdfsig, mutool, openssl cms
// and our verifier accept (qpdf warns about the input's own damage, which the
// output keeps: append only). The first is always refused.
struct Damaged {
    const char* file;
    bool refused; // always; else either way
};
const Damaged kDamaged[] = {{"fuzz_pdf_plan/junk-fields-array.pdf", true},
                            {"fuzz_pdf_plan/junk-in-an-xref-stream-dictionary.pdf", false},
                            {"fuzz_pdf_plan/widget-cut-by-a-stray-obj.pdf", false}};

BOOST_DATA_TEST_CASE(a_damaged_input_is_refused_or_signed_into_a_file_that_verifies, boost::unit_test::data::xrange(3),
                     k)
{
    const Damaged& d = kDamaged[k];
    for (const std::string extra : {"--invisible", "--notice --page 1 --rect 40,40,200,70"}) {
        BOOST_TEST_CONTEXT(d.file << " " << extra)
        {
            Scratch s;
            const std::string in = input(d.file), out = s("out.pdf"), before = slurp(in);
            Run r = run(q(tool()) + " sign --nssdb " + q(pki("nssdb")) + " --cert officer-rsa --no-ledger " + extra +
                        " " + q(in) + " -o " + q(out));
            BOOST_TEST(slurp(in) == before);
            BOOST_TEST((r.status == 0 || r.status == 3), r.output);
            if (d.refused || r.status != 0) {
                BOOST_TEST(r.status == 3, r.output);
                BOOST_TEST(r.output.find("cannot be added safely") != std::string::npos, r.output);
                BOOST_TEST(r.output.find("tidak dapat ditambahkan dengan aman") != std::string::npos, r.output);
                BOOST_TEST(!fs::exists(out));
                continue;
            }
            BOOST_TEST_REQUIRE(r.status == 0, r.output);
            BOOST_TEST((slurp(out).compare(0, before.size(), before) == 0), "the input is a prefix of the output");
            Run ps = run("pdfsig -nssdir sql:" + q(pki("verifydb")) + " " + q(out));
            BOOST_TEST(ps.output.find("Signature is Valid.") != std::string::npos, ps.output);
            // MuPDF repairs some of these inputs before it reads them; then it cannot judge the signature.
            if (run("mutool info " + q(in)).output.find("repair") == std::string::npos) {
                Run mu = run("mutool sign -v " + q(out));
                BOOST_TEST((mu.output.find("The document is unchanged since signing.") != std::string::npos), mu.output);
            }
            Run ov = run(q(tool()) + " verify --nssdb " + q(pki("verifydb")) + " --json " + q(out));
            BOOST_TEST(ov.status == 0, ov.output);
            BOOST_TEST(count(ov.output, "\"indication\":\"TOTAL-PASSED\"") == 1u, ov.output);
            Run os = opensslCmsVerify(out, 0, s);
            BOOST_TEST(os.output.find("Verification successful") != std::string::npos, os.output);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
