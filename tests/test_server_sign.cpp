// Signing with a BSrE account (docs/SERVER.md) through the CLI, against the
// loopback stand-in of BSrE's signing service (tests/fixtures/bsre_service.py),
// which signs with the LTV test PKI's officer and the loopback TSA. The
// desk's outputs are checked by pdfsig, qpdf, mutool, openssl cms/ts and our
// verifier; every failure of the service is refused with nothing written.
#define BOOST_TEST_MODULE server_sign
#include "ltv_checks.hpp"
#include "service_support.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace testing;

namespace {

constexpr const char* kNik = "3171000000000001";
constexpr const char* kPassphrase = "rahasia-123";

// A desk: its client file (0600), passphrase file and ledger folder.
struct Desk {
    Scratch s;
    Desk()
    {
        spit(s("client"), "desk-client:desk-secret\n");
        fs::permissions(s("client"), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
        spit(s("pass"), std::string(kPassphrase) + "\n");
        fs::create_directories(s("home"));
    }
    // bsre-sign sign through the stand-in (MODE: a failure, see bsre_service.py).
    Run sign(const std::string& out, const std::string& extra, const std::string& mode = "",
             const std::string& in = pdfs("letter.pdf")) const
    {
        return run("XDG_DATA_HOME=" + q(s("home")) + " " + ltvTool() + " sign --bsre-service " +
                   q(service().url + (mode.empty() ? "" : "/" + mode)) + " --bsre-client " + q(s("client")) +
                   " --nssdb " + q(ltv("ltvdb")) + " " + extra + " " + q(in) + " -o " + q(out) + " < /dev/null");
    }
    std::string ledger() const
    {
        std::string all;
        if (fs::exists(s("home") + "/bsre-sign/ledger"))
            for (auto& f : fs::directory_iterator(s("home") + "/bsre-sign/ledger"))
                all += slurp(f.path().string());
        return all;
    }
    std::string supportLog() const
    {
        const std::string f = s("home") + "/bsre-sign/support.log";
        return fs::exists(f) ? slurp(f) : std::string();
    }
};

std::string visibleWithBand()
{
    return std::string("--bsre-id ") + kNik + " --pin-file PASS --signer-name 'Rina Arsip' --notice --page 1 "
           "--rect 330,120,220,70 --reason Persetujuan --location Jakarta";
}

std::string withPass(const Desk& d, std::string opts)
{
    const size_t at = opts.find("PASS");
    return at == std::string::npos ? opts : opts.replace(at, 4, q(d.s("pass")));
}

std::string verifyJson(const std::string& pdf)
{
    return run(q(tool()) + " verify --nssdb " + q(ltv("verifydb-ltv")) + " --json " + q(pdf)).output;
}

// A refusal: the exit code and a sentence expected, nothing written, the ledger says refused with the code.
void refused(const Desk& d, const Run& r, int status, const std::string& sentence, const std::string& out,
             const std::string& code)
{
    BOOST_TEST(r.status == status, r.output);
    BOOST_TEST(contains(r.output, sentence), r.output);
    BOOST_TEST(!fs::exists(out), "nothing may be written: " << out);
    for (auto& f : fs::directory_iterator(fs::path(out).parent_path()))
        BOOST_TEST(f.path().filename().string().find(".tmp") == std::string::npos, "a temporary file was left");
    if (!code.empty())
        BOOST_TEST(contains(d.ledger(), "\"result\":\"refused\",\"code\":\"" + code + "\""), d.ledger());
}

} // namespace

BOOST_AUTO_TEST_SUITE(signed_by_the_service)

BOOST_AUTO_TEST_CASE(band_and_visible_signature_then_b_lt_on_the_desk)
{
    Desk d;
    const std::string out = d.s("lt.pdf");
    Run r = d.sign(out, withPass(d, visibleWithBand() + " --level B-LT"));
    BOOST_TEST_REQUIRE(r.status == 0, r.output << service().log());
    BOOST_TEST(contains(r.output, "level / level:           PAdES B-LT"), r.output);
    BOOST_TEST(contains(r.output, "signer / penanda tangan: Rina Arsip"), r.output);

    // The desk's bytes come first: the input, then the band's update, then the service's signature.
    const std::string input = slurp(pdfs("letter.pdf")), sent = slurp(service().work("received.pdf")),
                      output = slurp(out);
    BOOST_TEST_REQUIRE(sent.size() > input.size());
    BOOST_TEST((sent.compare(0, input.size(), input) == 0), "the prepared PDF starts with the input");
    BOOST_TEST(!contains(sent.substr(input.size()), "/ByteRange"), "no placeholder in what was sent");
    BOOST_TEST((output.size() > sent.size() && output.compare(0, sent.size(), sent) == 0),
               "the output starts with the prepared bytes");

    checkCadesSignature(out, d.s);
    const std::string v = verifyJson(out);
    BOOST_TEST(contains(v, "\"level\":\"B-LT\""), v);
    BOOST_TEST(contains(v, "\"indication\":\"TOTAL-PASSED\""), v);
    // The notice is on the page, and the visible block was drawn by the service from our image.
    const std::string text = collapse(run("pdftotext -f 1 -l 1 " + q(out) + " -").output);
    BOOST_TEST(contains(text, "Balai Sertifikasi Elektronik (BSrE)"), text);
    BOOST_TEST(count(output, "/Subtype /Image") + count(output, "/Subtype/Image") >= 1u);
}

BOOST_AUTO_TEST_CASE(b_lta_adds_a_document_timestamp_over_the_whole_file)
{
    Desk d;
    const std::string out = d.s("lta.pdf");
    Run r = d.sign(out, withPass(d, visibleWithBand() + " --level B-LTA --tsa " + q(tsaUrl())));
    BOOST_TEST_REQUIRE(r.status == 0, r.output << service().log());
    checkCadesSignature(out, d.s);
    const std::string v = verifyJson(out);
    BOOST_TEST(contains(v, "\"level\":\"B-LTA\""), v);
    BOOST_TEST(count(v, "\"indication\":\"TOTAL-PASSED\"") == 2u, v);
    Run ps = run("pdfsig " + q(out));
    BOOST_TEST(contains(ps.output, "Signature #2"), ps.output);
    const std::string output = slurp(out), sent = slurp(service().work("received.pdf"));
    BOOST_TEST((output.compare(0, sent.size(), sent) == 0), "the output starts with the prepared bytes");
    const auto ranges = byteRanges(output);
    BOOST_TEST_REQUIRE(ranges.size() == 2u);
    BOOST_TEST(ranges.back().c + ranges.back().d == output.size(), "the document timestamp covers the whole file");
}

BOOST_AUTO_TEST_CASE(the_visible_block_is_our_appearance_where_we_placed_it)
{
    Desk d;
    const std::string out = d.s("b-t.pdf");
    Run r = d.sign(out, withPass(d, visibleWithBand()));
    BOOST_TEST_REQUIRE(r.status == 0, r.output << service().log());
    BOOST_TEST(contains(r.output, "PAdES B-T"), r.output);
    checkCadesSignature(out, d.s, true, false);
    // Rendered: the block's rectangle (330,120 220x70 pt from the bottom left) is
    // not blank, and the page above it is.
    run("pdftoppm -r 72 -f 1 -l 1 -gray " + q(out) + " " + q(d.s("page")));
    const std::string pgm = slurp(d.s("page-1.pgm"));
    BOOST_TEST_REQUIRE(!pgm.empty());
    int w = 0, h = 0, max = 0, header = 0;
    BOOST_TEST_REQUIRE(std::sscanf(pgm.c_str(), "P5 %d %d %d%n", &w, &h, &max, &header) == 3);
    const size_t base = static_cast<size_t>(header) + 1;
    auto dark = [&](int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                n += static_cast<unsigned char>(pgm[base + static_cast<size_t>(y) * w + x]) < 128;
        return n;
    };
    const int top = h - 190, bottom = h - 120; // the block, in image rows (72 dpi: 1 px = 1 pt)
    BOOST_TEST(dark(332, top + 2, 548, bottom - 2) > 200, "the block shows our appearance");
}

BOOST_AUTO_TEST_CASE(a_one_time_code_sent_to_besign_signs)
{
    Desk d;
    const std::string out = d.s("totp.pdf");
    fs::remove(service().work("sent-code"));
    // The "phone": the code appears in the stand-in's file once asked for.
    const std::string code = "(while [ ! -s " + q(service().work("sent-code")) + " ]; do sleep 0.1; done; cat " +
                             q(service().work("sent-code")) + ")";
    Run r = run(code + " | XDG_DATA_HOME=" + q(d.s("home")) + " " + ltvTool() + " sign --bsre-service " +
                q(service().url) + " --bsre-client " + q(d.s("client")) + " --bsre-id rina@example.go.id" +
                " --bsre-send-totp --pin-fd 0 --invisible " + q(pdfs("letter.pdf")) + " -o " + q(out));
    BOOST_TEST_REQUIRE(r.status == 0, r.output << service().log());
    BOOST_TEST(contains(r.output, "A one-time code was sent to the BeSign app"), r.output);
    checkCadesSignature(out, d.s, true, false);
}

BOOST_AUTO_TEST_CASE(an_input_ending_without_an_end_of_line_is_sent_unchanged)
{
    // Nothing to add on the desk (invisible, no notice): the input itself is
    // sent; the service's update then starts with the end of line it lacked.
    Desk d;
    std::string input = slurp(pdfs("letter.pdf"));
    while (!input.empty() && (input.back() == '\n' || input.back() == '\r'))
        input.pop_back();
    spit(d.s("no-eol.pdf"), input);
    const std::string out = d.s("no-eol-signed.pdf");
    Run r = d.sign(out, withPass(d, std::string("--bsre-id ") + kNik + " --pin-file PASS --invisible"), "",
                   d.s("no-eol.pdf"));
    BOOST_TEST_REQUIRE(r.status == 0, r.output << service().log());
    BOOST_TEST((slurp(service().work("received.pdf")) == input), "the input was sent as it is");
    const std::string output = slurp(out);
    BOOST_TEST((output.compare(0, input.size(), input) == 0), "the output starts with the input");
    checkCadesSignature(out, d.s, true, false);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(refusals)

BOOST_AUTO_TEST_CASE(the_person_is_checked_before_the_passphrase_is_asked)
{
    Desk d;
    // No passphrase source and no terminal: asking would be a usage error (2), not these.
    refused(d, d.sign(d.s("a.pdf"), "--bsre-id 3171000000000002 --invisible"), 4, "is not registered with BSrE",
            d.s("a.pdf"), "NotRegistered");
    refused(d, d.sign(d.s("b.pdf"), "--bsre-id 3171000000000003 --invisible"), 4,
            "BSrE holds no active certificate for this NIK or e-mail (status EXPIRED)", d.s("b.pdf"),
            "NoActiveCertificate");
}

BOOST_AUTO_TEST_CASE(wrong_passphrase_and_expired_code)
{
    Desk d;
    spit(d.s("wrong"), "salah\n");
    refused(d, d.sign(d.s("a.pdf"), std::string("--bsre-id ") + kNik + " --pin-file " + q(d.s("wrong")) + " --invisible"),
            4, "The passphrase was refused by BSrE", d.s("a.pdf"), "BadPassphrase");
    spit(d.s("old-code"), "135791\n");
    refused(d,
            d.sign(d.s("b.pdf"),
                   std::string("--bsre-id ") + kNik + " --bsre-totp --pin-file " + q(d.s("old-code")) + " --invisible"),
            4, "The one-time code was refused: it is wrong or has expired", d.s("b.pdf"), "CodeExpired");
}

BOOST_AUTO_TEST_CASE(service_down_slow_and_failing)
{
    Desk d;
    const std::string opts = withPass(d, std::string("--bsre-id ") + kNik + " --pin-file PASS --invisible");
    const std::string dead = "http://127.0.0.1:" + ltvPorts()["DEAD_PORT"];
    Run down = run("XDG_DATA_HOME=" + q(d.s("home")) + " " + ltvTool() + " sign --bsre-service " + q(dead) +
                   " --bsre-client " + q(d.s("client")) + " " + opts + " " + q(pdfs("letter.pdf")) + " -o " +
                   q(d.s("down.pdf")));
    refused(d, down, 7, "did not answer", d.s("down.pdf"), "ServiceUnreachable");
    const auto started = std::chrono::steady_clock::now();
    refused(d, d.sign(d.s("slow.pdf"), opts + " --bsre-timeout 2", "slow"), 7, "limit 2 s", d.s("slow.pdf"),
            "ServiceUnreachable");
    BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(8)), "the timeout held");
    refused(d, d.sign(d.s("500.pdf"), opts, "error500"), 7, "refused the request (HTTP 500", d.s("500.pdf"),
            "ServiceRefused");
    // A service that repeats the passphrase in its refusal: masked in the sentence and the support log.
    Run echo = d.sign(d.s("echo.pdf"), opts, "echo");
    refused(d, echo, 7, "Permintaan ditolak untuk ***", d.s("echo.pdf"), "ServiceRefused");
    BOOST_TEST(!contains(echo.output, kPassphrase), echo.output);
    BOOST_TEST(!contains(d.supportLog(), kPassphrase), d.supportLog());
}

BOOST_AUTO_TEST_CASE(answers_that_are_not_a_signed_pdf)
{
    Desk d;
    const std::string opts = withPass(d, std::string("--bsre-id ") + kNik + " --pin-file PASS --invisible");
    refused(d, d.sign(d.s("g.pdf"), opts, "garbage"), 10, "it is not JSON", d.s("g.pdf"), "ServiceBadAnswer");
    refused(d, d.sign(d.s("n.pdf"), opts, "notpdf"), 10, "the file is not a PDF", d.s("n.pdf"), "ServiceBadAnswer");
}

BOOST_AUTO_TEST_CASE(a_signed_pdf_that_fails_the_checks)
{
    Desk d;
    const std::string opts = withPass(d, visibleWithBand());
    refused(d, d.sign(d.s("c.pdf"), opts, "changed"), 10,
            "does not start with the exact bytes that were sent", d.s("c.pdf"), "ServiceAltered");
    refused(d, d.sign(d.s("p.pdf"), opts, "partial"), 10, "its signature does not cover the whole file",
            d.s("p.pdf"), "ServiceAltered");
    refused(d, d.sign(d.s("e.pdf"), opts, "extra"), 10, "it changed more than its own signature field",
            d.s("e.pdf"), "ServiceAltered");
}

BOOST_AUTO_TEST_CASE(a_service_certificate_from_an_untrusted_root)
{
    // The other test PKI's database does not know the LTV root the stand-in's officer chains to.
    Desk d;
    const std::string out = d.s("u.pdf");
    Run r = run("XDG_DATA_HOME=" + q(d.s("home")) + " " + ltvTool() + " sign --bsre-service " + q(service().url) +
                " --bsre-client " + q(d.s("client")) + " --nssdb " + q(pki("verifydb")) + " --bsre-id " + kNik +
                " --pin-file " + q(d.s("pass")) + " --invisible " + q(pdfs("letter.pdf")) + " -o " + q(out));
    refused(d, r, 4, "does not lead to a trusted root", out, "CertificateUntrusted");
    BOOST_TEST(contains(r.output, "tidak berujung pada root tepercaya"), r.output);
}

BOOST_AUTO_TEST_CASE(client_file_and_credentials)
{
    Desk d;
    const std::string opts = withPass(d, std::string("--bsre-id ") + kNik + " --pin-file PASS --invisible");
    fs::permissions(d.s("client"), fs::perms::group_read, fs::perm_options::add);
    refused(d, d.sign(d.s("a.pdf"), opts), 2, "readable by you only (chmod 600)", d.s("a.pdf"), "");
    fs::permissions(d.s("client"), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    spit(d.s("client"), "desk-client:wrong\n");
    refused(d, d.sign(d.s("b.pdf"), opts), 4, "refused this institution's client id and secret", d.s("b.pdf"),
            "ClientRejected");
    Run argv = d.sign(d.s("c.pdf"), std::string("--bsre-id ") + kNik + " --pin rahasia-123 --invisible");
    refused(d, argv, 2, "never accepted on the command line", d.s("c.pdf"), "");
}

BOOST_AUTO_TEST_CASE(the_passphrase_stays_out_of_logs_ledger_and_output)
{
    Desk d;
    Run ok = d.sign(d.s("ok.pdf"), withPass(d, std::string("--bsre-id ") + kNik + " --pin-file PASS --invisible"));
    BOOST_TEST_REQUIRE(ok.status == 0, ok.output);
    spit(d.s("wrong"), "salah-sekali\n");
    d.sign(d.s("no.pdf"), std::string("--bsre-id ") + kNik + " --pin-file " + q(d.s("wrong")) + " --invisible");
    const std::string ledger = d.ledger();
    BOOST_TEST(contains(ledger, "\"result\":\"signed\""), ledger);
    BOOST_TEST(contains(ledger, "\"name\":\"Rina Arsip\""), ledger);
    BOOST_TEST(contains(ledger, "\"holder\":\"bsre-server 127.0.0.1:"), ledger);
    for (const std::string& secret : {std::string(kPassphrase), std::string("salah-sekali"), std::string(kNik),
                                     std::string("desk-secret")}) {
        BOOST_TEST(!contains(ledger, secret), "the ledger must not hold " << secret);
        BOOST_TEST(!contains(d.supportLog(), secret), "the support log must not hold " << secret);
        BOOST_TEST(!contains(ok.output, secret), "the output must not hold " << secret);
        BOOST_TEST(!contains(service().log(), secret), "the service's log must not hold " << secret);
    }
    BOOST_TEST(contains(d.supportLog(), "BadPassphrase"), d.supportLog());
}

BOOST_AUTO_TEST_SUITE_END()

#include "common/base64.hpp"
#include "common/json.hpp"
#include "core/server_sign.hpp"

BOOST_AUTO_TEST_SUITE(adapter_pieces)

BOOST_AUTO_TEST_CASE(base64_round_trips_and_refuses_what_is_not_base64)
{
    for (const std::string& s : {std::string(), std::string("f"), std::string("fo"), std::string("foo"),
                                std::string("\0\xff\x10 binary", 10)})
        BOOST_TEST(bsre::base64Decode(bsre::base64Encode(s)).value_or("?") == s);
    BOOST_TEST(bsre::base64Encode("foob") == "Zm9vYg==");
    BOOST_TEST(bsre::base64Decode("Zm9v\nYmFy").value_or("?") == "foobar");
    BOOST_TEST(!bsre::base64Decode("Zm9vY").has_value());    // not a multiple of four
    BOOST_TEST(!bsre::base64Decode("Zm=9").has_value());     // a symbol after padding
    BOOST_TEST(!bsre::base64Decode("Zm9v!A==").has_value()); // outside the alphabet
}

BOOST_AUTO_TEST_CASE(json_reads_the_answer_shapes)
{
    auto v = bsre::json::parse("{\n \"time\": 1234, \"file\": [\"QQ==\"], \"nested\": {\"a\": [1, true, null]}\n}");
    BOOST_TEST_REQUIRE(v.has_value());
    const auto* files = v->find("file");
    BOOST_TEST_REQUIRE(files != nullptr);
    BOOST_TEST(files->items.size() == 1u);
    BOOST_TEST(files->items[0].text == "QQ==");
    BOOST_TEST(v->find("nested")->find("a")->items.size() == 3u);
    BOOST_TEST(!bsre::json::parse("{\"file\": [\"QQ==\"]").has_value()); // unterminated
    BOOST_TEST(!bsre::json::parse("<html>").has_value());
    std::string deep(100, '[');
    BOOST_TEST(!bsre::json::parse(deep + std::string(100, ']')).has_value()); // too deep
}

BOOST_AUTO_TEST_CASE(the_rectangle_is_measured_from_the_top_left_corner)
{
    bsre::pdf::PageInfo page;
    page.cropBox = {0, 0, 595.28, 841.89};
    const auto p = bsre::signatureProperties(page, {330, 120, 550, 190});
    BOOST_TEST(p.originX == 330.0);
    BOOST_TEST(p.originY == 841.89 - 190, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(p.width == 220.0);
    BOOST_TEST(p.height == 70.0);
    page.cropBox = {10, 20, 605.28, 861.89}; // a crop box not at the origin
    const auto q = bsre::signatureProperties(page, {340, 140, 560, 210});
    BOOST_TEST(q.originX == 330.0);
    BOOST_TEST(q.originY == 861.89 - 210, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_SUITE_END()
