// In-process engine tests: the signing session with a real NSS database.
#define BOOST_TEST_MODULE engine
#include "support.hpp"

#include "core/sign.hpp"
#include "pdf/reader.hpp"
#include "crypto/store.hpp"

#include <regex>

using namespace testing;
using namespace std::chrono;

namespace {

// One NSS context for the whole module (NSS is process-global).
struct Engine {
    std::unique_ptr<bsre::crypto::Store> store = bsre::crypto::Store::open(pki("nssdb"));
};
Engine& engine()
{
    static Engine e;
    return e;
}

bsre::SignRequest request(const std::string& in, const std::string& out)
{
    bsre::SignRequest rq;
    rq.input = in;
    rq.output = out;
    rq.now = system_clock::time_point(seconds(1795501800)); // 2026-11-24T06:30:00Z
    rq.utcOffsetMinutes = 7 * 60;
    return rq;
}

// The signed bytes, and what the engine says of them.
std::string signWith(const bsre::SignRequest& rq, bsre::crypto::Signer& signer, bsre::SignOutcome& outcome)
{
    bsre::SignedFile f = bsre::signToBytes(rq, signer);
    outcome = f.outcome;
    return f.bytes;
}

} // namespace

BOOST_AUTO_TEST_SUITE(signing_session)

BOOST_AUTO_TEST_CASE(pdf_dates_are_strict_with_the_zone)
{
    auto t = system_clock::time_point(seconds(1795501800));
    BOOST_TEST(bsre::pdfDate(t, 420) == "D:20261124133000+07'00'");
    BOOST_TEST(bsre::pdfDate(t, 0) == "D:20261124063000Z");
    BOOST_TEST(bsre::pdfDate(t, -150) == "D:20261124040000-02'30'");
    BOOST_TEST(bsre::isoDate(t, 420) == "2026-11-24T13:30:00+07:00");
}

BOOST_AUTO_TEST_CASE(exactly_one_private_key_operation_per_signature)
{
    auto signer = engine().store->signer("officer-rsa", {});
    bsre::SignOutcome o;
    std::string bytes = signWith(request(pdfs("letter.pdf"), "unused.pdf"), *signer, o);
    BOOST_TEST(o.privateKeyOperations == 1);
    BOOST_TEST(signer->operations() == 1);
    BOOST_TEST(o.contentsUsed <= o.contentsReserved);
}

BOOST_AUTO_TEST_CASE(output_is_deterministic_for_a_fixed_clock_and_key)
{
    auto signer = engine().store->signer("officer-rsa", {});
    bsre::SignOutcome a, b;
    std::string one = signWith(request(pdfs("letter.pdf"), "x.pdf"), *signer, a);
    std::string two = signWith(request(pdfs("letter.pdf"), "x.pdf"), *signer, b);
    BOOST_TEST((one == two), "RSA PKCS#1 v1.5 with a fixed /M must give identical files");
}

BOOST_AUTO_TEST_CASE(the_signature_dictionary_has_what_pades_asks)
{
    auto signer = engine().store->signer("officer-ec", {});
    bsre::SignOutcome o;
    auto rq = request(pdfs("letter.pdf"), "x.pdf");
    rq.reason = "Persetujuan";
    rq.location = "Jakarta";
    rq.contact = "budi@contoh.go.id";
    std::string bytes = signWith(rq, *signer, o);
    std::string update = bytes.substr(slurp(pdfs("letter.pdf")).size());
    BOOST_TEST(update.find("/SubFilter /ETSI.CAdES.detached") != std::string::npos);
    BOOST_TEST(update.find("/M (D:20261124133000+07'00')") != std::string::npos, update.substr(0, 400));
    BOOST_TEST(update.find("/Reason (Persetujuan)") != std::string::npos);
    BOOST_TEST(update.find("/Location (Jakarta)") != std::string::npos);
    BOOST_TEST(update.find("/ContactInfo (budi@contoh.go.id)") != std::string::npos);
    BOOST_TEST(update.find("/SigFlags 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cms_has_signing_certificate_v2_no_signing_time_and_no_root)
{
    Scratch s;
    auto signer = engine().store->signer("officer-rsa", {});
    bsre::SignOutcome o;
    std::string bytes = signWith(request(pdfs("letter.pdf"), "x.pdf"), *signer, o);
    auto r = byteRanges(bytes).back();
    spit(s("sig.der"), derOf(unhex(bytes.substr(r.b + 1, r.c - r.b - 2))));
    Run p = run("openssl cms -inform DER -in " + q(s("sig.der")) + " -cmsout -print");
    BOOST_TEST_REQUIRE(p.status == 0, p.output);
    BOOST_TEST(p.output.find("id-smime-aa-signingCertificateV2") != std::string::npos, p.output);
    BOOST_TEST(p.output.find("contentType") != std::string::npos, p.output);
    BOOST_TEST(p.output.find("messageDigest") != std::string::npos);
    BOOST_TEST(p.output.find("signingTime") == std::string::npos, "no signing-time attribute in PAdES");
    // Two certificates: the officer and the issuing CA, not the root.
    Run c = run("openssl pkcs7 -inform DER -in " + q(s("sig.der")) + " -print_certs | grep -c '^subject='");
    BOOST_TEST(c.output.find("2") == 0u, c.output);
    Run root = run("openssl pkcs7 -inform DER -in " + q(s("sig.der")) + " -print_certs | grep 'BSrE Test Root CA' | grep '^subject'");
    BOOST_TEST(root.output.empty(), root.output);
}

BOOST_AUTO_TEST_CASE(classic_cross_reference_entries_are_twenty_bytes_and_prev_is_right)
{
    auto signer = engine().store->signer("officer-rsa", {});
    bsre::SignOutcome o;
    std::string in = slurp(pdfs("letter.pdf"));
    std::string bytes = signWith(request(pdfs("letter.pdf"), "x.pdf"), *signer, o);
    std::string update = bytes.substr(in.size());
    size_t x = update.find("\nxref\n");
    BOOST_TEST_REQUIRE(x != std::string::npos);
    std::regex entry(R"(\d{10} \d{5} n\r\n)");
    size_t entries = 0;
    for (auto it = std::sregex_iterator(update.begin() + x, update.end(), entry); it != std::sregex_iterator(); ++it)
    {
        ++entries;
        BOOST_TEST((*it).length() == 20);
    }
    BOOST_TEST(entries >= 4u);
    // /Prev names the original's startxref.
    size_t sx = in.rfind("startxref");
    std::string prev = std::to_string(std::stoull(in.substr(sx + 9)));
    BOOST_TEST(update.find("/Prev " + prev) != std::string::npos);
    // The new startxref points at the "xref" keyword.
    size_t nsx = bytes.rfind("startxref");
    unsigned long long off = std::stoull(bytes.substr(nsx + 9));
    BOOST_TEST(bytes.compare(off, 4, "xref") == 0);
}

BOOST_AUTO_TEST_CASE(errors_about_a_file_name_it_in_their_fields)
{
    for (const char* name : {"truncated.pdf", "damaged.pdf", "not-a-pdf.pdf", "encrypted.pdf"}) {
        const std::string path = pdfs(name);
        try {
            bsre::pdf::Reader::open(path);
            BOOST_FAIL(name << " was opened");
        } catch (const bsre::Error& e) {
            BOOST_TEST(e.where().file == path, name << ": " << e.english());
            BOOST_TEST((e.code() == bsre::Code::MalformedPdf || e.code() == bsre::Code::NotPdf ||
                        e.code() == bsre::Code::EncryptedPdf),
                       name << ": " << bsre::codeName(e.code()));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// Measuring where content lies is done by several threads for a long document
// (Reader::contentBoxes, each thread its own Poppler document): the boxes are
// exactly those measured one page at a time on the reader's own document.
BOOST_AUTO_TEST_CASE(content_measured_by_threads_equals_one_page_at_a_time)
{
    auto reader = bsre::pdf::Reader::open(pdfs("letter-100.pdf"));
    std::vector<int> pages;
    for (int i = 0; i < static_cast<int>(reader->model().pages.size()); ++i)
        pages.push_back(i);
    BOOST_TEST_REQUIRE(pages.size() == 100u);
    const auto boxes = reader->contentBoxes(pages);
    BOOST_TEST_REQUIRE(boxes.size() == pages.size());
    for (int i : pages) {
        const auto one = reader->contentBox(i);
        BOOST_TEST_REQUIRE(one.has_value());
        BOOST_TEST_REQUIRE(boxes[i].has_value());
        BOOST_TEST(boxes[i]->x1 == one->x1);
        BOOST_TEST(boxes[i]->y1 == one->y1);
        BOOST_TEST(boxes[i]->x2 == one->x2);
        BOOST_TEST(boxes[i]->y2 == one->y2);
    }
}
