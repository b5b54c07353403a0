// The golden test: for a fixed clock, key and input, the whole signed file
// is byte for byte what it was when the hashes below were recorded (before
// the signing code was restructured into a chain of values). Any change to
// what the engine writes shows here first; a deliberate one updates the
// hashes in the same commit and says why.
#define BOOST_TEST_MODULE golden
#include "support.hpp"

#include "core/sign.hpp"
#include "crypto/store.hpp"

using namespace testing;
using namespace std::chrono;

namespace {

std::string data(const std::string& rel) { return env("BSRE_SOURCE") + "/tests/data/golden/" + rel; }

// A private NSS database with the committed key (tests/data/golden/make.sh).
struct GoldenDb {
    Scratch dir;
    std::unique_ptr<bsre::crypto::Store> store;
    GoldenDb()
    {
        spit(dir("pw"), "golden\n");
        Run a = run("certutil -N -d sql:" + q(dir.dir.string()) + " --empty-password");
        BOOST_TEST_REQUIRE(a.status == 0, a.output);
        Run b = run("pk12util -i " + q(data("signer.p12")) + " -d sql:" + q(dir.dir.string()) + " -w " + q(dir("pw")));
        BOOST_TEST_REQUIRE(b.status == 0, b.output);
        Run c = run("certutil -M -d sql:" + q(dir.dir.string()) + " -n 'Golden Test Root - Golden Test CA' -t CT,C,C");
        BOOST_TEST_REQUIRE(c.status == 0, c.output);
        store = bsre::crypto::Store::open(dir.dir.string());
    }
};
GoldenDb& db()
{
    static GoldenDb g;
    return g;
}

bsre::SignRequest request(const std::string& in)
{
    bsre::SignRequest rq;
    rq.input = in;
    rq.output = "golden.pdf";
    rq.now = system_clock::time_point(seconds(1795501800)); // 2026-11-24T06:30:00Z
    rq.utcOffsetMinutes = 7 * 60;
    rq.reason = "Persetujuan";
    rq.location = "Jakarta";
    return rq;
}

// The hash of the whole file; the file must also be a valid signed PDF to
// two independent validators (the golden bytes are not just stable but right).
std::string sha256(const std::string& bytes)
{
    Scratch s;
    spit(s("f"), bytes);
    Run sig = run("pdfsig " + q(s("f")));
    BOOST_TEST(sig.output.find("Signature Validation: Signature is Valid.") != std::string::npos, sig.output);
    Run check = run("qpdf --check " + q(s("f")));
    BOOST_TEST(check.status == 0, check.output);
    checkOwnAnalysis(s("f"), pki("verifydb"));
    Run r = run("sha256sum " + q(s("f")) + " | cut -c1-64");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    return r.output.substr(0, 64);
}

std::string signedBytes(const bsre::SignRequest& rq)
{
    auto signer = db().store->signer("golden", {});
    return bsre::signToBytes(rq, *signer).bytes;
}

} // namespace

BOOST_AUTO_TEST_SUITE(golden)

BOOST_AUTO_TEST_CASE(visible_signature_with_the_notice_band)
{
    auto rq = request(data("letter.pdf"));
    rq.placement.kind = bsre::Placement::Kind::NewVisible;
    rq.placement.page = 1;
    rq.placement.rect = {340, 120, 540, 200};
    rq.imagePath = env("BSRE_SOURCE") + "/icons/placeholder-logo.png";
    bsre::NoticeRequest n;
    n.style.paragraphs = {"Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
                    "yang diterbitkan oleh BSrE."};
    n.style.qrText = "https://tte.example.go.id/verify/golden";
    n.style.logoPath = env("BSRE_SOURCE") + "/icons/placeholder-logo.png";
    rq.notice = n;
    // 64fcfe01…d13b from before the restructuring into a chain of values until
    // the signature block kept 2 pt more from its frame and learned to wrap
    // (the commit that changed this hash); the layout is the only difference.
    // Then ae4cafc2…19b9 until values copied from the input (the page's
    // /MediaBox, the catalog's entries) were copied as spelled, not re-serialised
    // with 4 decimals (the commit that made this hash).
    BOOST_TEST(sha256(signedBytes(rq)) == "467bbfba2eddbcbecdf4f90980bb9d76f600e9921cde295a732c269fb4b8e689");
}

BOOST_AUTO_TEST_CASE(invisible_certifying_signature)
{
    auto rq = request(data("letter.pdf"));
    rq.certify = true;
    // 88a5c686…16f1 until values copied from the input were copied as spelled.
    BOOST_TEST(sha256(signedBytes(rq)) == "b5cf80f05e71518af2e644d474cb1f1e00adc02a59974d3254bcffe2cc3c74f8");
}

BOOST_AUTO_TEST_SUITE_END()
