// What fuzzing found (docs/FUZZING.md, "Findings"), checked by the normal
// build: each input of tests/data/fuzz-regressions/ that needed a fix in the
// product gets the answer the fix gives. (The fuzz targets' replays,
// NAME.replay, run every such input through its target as well.)
#define BOOST_TEST_MODULE fuzz_regressions
#include "support.hpp"

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

BOOST_AUTO_TEST_SUITE_END()
