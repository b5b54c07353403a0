// PAdES B-LT and B-LTA against real servers on loopback: an `openssl ocsp`
// responder, a CRL server and an `openssl ts` TSA (tests/fixtures/LTV.md).
// Every output is checked with validators that are not ours (pdfsig, qpdf,
// mutool, openssl cms/ts/ocsp/crl) and the DSS is read with qpdf.
#define BOOST_TEST_MODULE ltv
#include "cms_support.hpp"
#include "asn1/der.hpp"
#include "ltv_checks.hpp"

#include "core/sign.hpp"
#include "net/http.hpp"
#include "crypto/store.hpp"
#include "pdf/dss.hpp"
#include "pdf/reader.hpp"

#include <unistd.h>

using namespace testing;

namespace {

Run signAs(const std::string& nick, const std::string& out, const std::string& extra,
           const std::string& in = pdfs("letter.pdf"))
{
    return run(ltvTool() + " sign --nssdb " + q(ltv("ltvdb")) + " --cert " + nick + " --tsa-timeout 5 " + extra + " " +
               q(in) + " -o " + q(out));
}

Run extend(const std::string& in, const std::string& out, const std::string& extra)
{
    return run(ltvTool() + " extend --nssdb " + q(ltv("ltvdb")) + " " + extra + " " + q(in) + " -o " + q(out));
}

std::string verifyJson(const std::string& pdf)
{
    return run(q(tool()) + " verify --nssdb " + q(ltv("verifydb-ltv")) + " --json " + q(pdf)).output;
}

bool isPrefix(const std::string& earlier, const std::string& later)
{
    return later.size() > earlier.size() && later.compare(0, earlier.size(), earlier) == 0;
}

// The DSS as qpdf reads it, dumped to files (tests/tools/dss_dump.py).
struct Dss {
    std::string summary;
    int certs = 0, ocsps = 0, crls = 0;
    std::string subjects;   // openssl x509 -subject of every certificate
    std::string ocspText;   // openssl ocsp -resp_text of every response
    std::string crlIssuers; // openssl crl -issuer of every CRL
};

Dss readDss(const std::string& pdf, const Scratch& s)
{
    Dss d;
    const std::string dir = s("dss");
    fs::remove_all(dir);
    Run r = run("python3 " + q(env("BSRE_SOURCE") + "/tests/tools/dss_dump.py") + " " + q(pdf) + " " + q(dir));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    d.summary = r.output;
    std::sscanf(r.output.c_str(), "CERTS %d\nOCSPS %d\nCRLS %d", &d.certs, &d.ocsps, &d.crls);
    for (int i = 0; i < d.certs; ++i)
        d.subjects += run("openssl x509 -inform DER -noout -subject -in " + q(dir + "/cert-" + std::to_string(i) + ".der")).output;
    for (int i = 0; i < d.ocsps; ++i) {
        Run o = run("openssl ocsp -noverify -resp_text -respin " + q(dir + "/ocsp-" + std::to_string(i) + ".der"));
        BOOST_TEST(contains(o.output, "OCSP Response Status: successful"), o.output);
        d.ocspText += o.output;
    }
    for (int i = 0; i < d.crls; ++i)
        d.crlIssuers += run("openssl crl -inform DER -noout -issuer -in " + q(dir + "/crl-" + std::to_string(i) + ".der")).output;
    return d;
}

std::string serialOf(const std::string& pem)
{
    std::string out = run("openssl x509 -noout -serial -in " + q(pem)).output; // "serial=1C21..."
    out = out.substr(out.find('=') + 1);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    return out;
}

// "Serial Number: 1C2129B3C77F95BC" followed by its status, in openssl's text.
std::string ocspStatusOf(const std::string& text, const std::string& serial)
{
    size_t at = text.find("Serial Number: " + serial);
    if (at == std::string::npos)
        return "";
    size_t st = text.find("Cert Status: ", at);
    return st == std::string::npos ? "" : text.substr(st + 13, text.find('\n', st) - st - 13);
}

} // namespace

BOOST_AUTO_TEST_SUITE(levels)

BOOST_AUTO_TEST_CASE(b_lt_carries_both_chains_and_their_revocation_data)
{
    Scratch s;
    Run r = signAs("ltv-officer", s("lt.pdf"), "--tsa " + q(tsaUrl()) + " --level B-LT");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(contains(r.output, "PAdES B-LT"), r.output);
    BOOST_TEST(isPrefix(slurp(pdfs("letter.pdf")), slurp(s("lt.pdf"))));
    checkCadesSignature(s("lt.pdf"), s);

    // The signed revision is a prefix; the DSS comes after it.
    const std::string bytes = slurp(s("lt.pdf"));
    const ByteRange br = byteRanges(bytes).front();
    BOOST_TEST(br.c + br.d < bytes.size(), "the DSS is an update after the signed revision");

    Dss d = readDss(s("lt.pdf"), s);
    for (const char* cn : {"CN = Rina Arsip", "CN = BSrE LTV Test Issuing CA", "CN = BSrE LTV Test Root CA",
                           "CN = BSrE LTV Test TSA"})
        BOOST_TEST(contains(d.subjects, cn), cn << " in " << d.subjects);
    BOOST_TEST(ocspStatusOf(d.ocspText, serialOf(ltv("ltv-officer.pem"))) == "good", d.ocspText);
    BOOST_TEST(ocspStatusOf(d.ocspText, serialOf(ltv("ltv-tsa.pem"))) == "good", d.ocspText);
    // The intermediate has no OCSP address: the root's CRL speaks for it.
    BOOST_TEST(contains(d.crlIssuers, "CN = BSrE LTV Test Root CA"), d.crlIssuers);
    BOOST_TEST(count(d.summary, "VRI ") == 1u, d.summary);

    const std::string v = verifyJson(s("lt.pdf"));
    BOOST_TEST(contains(v, "\"level\":\"B-LT\""), v);
    BOOST_TEST(contains(v, "\"ltv\":true"), v);
    BOOST_TEST(contains(v, "\"vri\":true"), v);
}

BOOST_AUTO_TEST_CASE(b_lta_ends_with_a_document_timestamp_over_the_whole_file)
{
    Scratch s;
    Run r = signAs("ltv-officer", s("lta.pdf"), "--tsa " + q(tsaUrl()) + " --level B-LTA");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(contains(r.output, "PAdES B-LTA"), r.output);
    checkCadesSignature(s("lta.pdf"), s);

    const std::string bytes = slurp(s("lta.pdf"));
    auto ranges = byteRanges(bytes);
    BOOST_TEST_REQUIRE(ranges.size() == 2u);
    const ByteRange last = ranges.back();
    BOOST_TEST(last.c + last.d == bytes.size(), "the document timestamp covers the whole file");
    BOOST_TEST(contains(bytes, "/SubFilter /ETSI.RFC3161"));
    BOOST_TEST(contains(bytes, "/Type /DocTimeStamp"));
    // The DSS update lies inside what the document timestamp covers.
    const size_t dss = bytes.rfind("/Type /DSS");
    BOOST_TEST((dss != std::string::npos && dss < last.b));

    // openssl ts: the token's imprint is the SHA-256 of the byte ranges.
    spit(s("covered.bin"), bytes.substr(last.a, last.b) + bytes.substr(last.c, last.d));
    spit(s("dts.der"), derOf(unhex(bytes.substr(last.b + 1, last.c - last.b - 2))));
    Run ts = run("openssl ts -verify -data " + q(s("covered.bin")) + " -in " + q(s("dts.der")) + " -token_in -CAfile " +
                 q(ltv("root.pem")) + " -untrusted " + q(ltv("chain.pem")));
    BOOST_TEST(contains(ts.output, "Verification: OK"), ts.output);
    // Changing one covered byte breaks it (the check can fail).
    std::string tampered = bytes.substr(last.a, last.b) + bytes.substr(last.c, last.d);
    tampered[100] ^= 1;
    spit(s("tampered.bin"), tampered);
    Run bad = run("openssl ts -verify -data " + q(s("tampered.bin")) + " -in " + q(s("dts.der")) + " -token_in -CAfile " +
                  q(ltv("root.pem")) + " -untrusted " + q(ltv("chain.pem")));
    BOOST_TEST(!contains(bad.output, "Verification: OK"), bad.output);

    // Poppler 22.12 lists the document timestamp but cannot validate that type.
    Run ps = run("pdfsig -nssdir sql:" + q(ltv("verifydb-ltv")) + " " + q(s("lta.pdf")));
    BOOST_TEST(contains(ps.output, "DocTimeStamp1"), ps.output);
    BOOST_TEST(contains(ps.output, "Total document signed"), ps.output);

    const std::string v = verifyJson(s("lta.pdf"));
    BOOST_TEST(contains(v, "\"level\":\"B-LTA\""), v);
    BOOST_TEST(contains(v, "\"documentTimestamp\":true"), v);
    BOOST_TEST(contains(v, "\"valid\":true"), v);
}

BOOST_AUTO_TEST_CASE(verify_names_every_level)
{
    Scratch s;
    BOOST_TEST_REQUIRE(signAs("ltv-officer", s("bb.pdf"), "").status == 0);
    BOOST_TEST_REQUIRE(signAs("ltv-officer", s("bt.pdf"), "--tsa " + q(tsaUrl())).status == 0);
    BOOST_TEST_REQUIRE(signAs("ltv-officer", s("lt.pdf"), "--tsa " + q(tsaUrl()) + " --level B-LT").status == 0);
    BOOST_TEST_REQUIRE(signAs("ltv-officer", s("lta.pdf"), "--tsa " + q(tsaUrl()) + " --level B-LTA").status == 0);
    for (auto [file, level] : {std::pair<const char*, const char*>{"bb.pdf", "B-B"}, {"bt.pdf", "B-T"},
                               {"lt.pdf", "B-LT"}, {"lta.pdf", "B-LTA"}}) {
        const std::string v = verifyJson(s(file));
        BOOST_TEST(contains(v, std::string("\"valid\":true,\"level\":\"") + level + "\""), file << ": " << v);
    }
    // A DSS without a timestamp on the signature does not make it B-LT.
    Run e = extend(s("bb.pdf"), s("bb-ext.pdf"), "--level B-LT");
    BOOST_TEST_REQUIRE(e.status == 0, e.output);
    BOOST_TEST(contains(e.output, "has no timestamp"), e.output);
    const std::string v = verifyJson(s("bb-ext.pdf"));
    BOOST_TEST(contains(v, "\"level\":\"B-B\""), v);
    BOOST_TEST(contains(v, "\"ltv\":true"), v);
}

BOOST_AUTO_TEST_CASE(still_exactly_one_private_key_operation_at_every_level)
{
    auto store = bsre::crypto::Store::open(ltv("ltvdb"));
    auto signer = store->signer("ltv-officer", {});
    for (bsre::Level level : {bsre::Level::BT, bsre::Level::BLT, bsre::Level::BLTA}) {
        bsre::SignRequest rq;
        rq.input = pdfs("letter.pdf");
        rq.output = "unused.pdf";
        bsre::crypto::TsaConfig t;
        t.url = tsaUrl();
        rq.tsa = t;
        rq.level = level;
        std::vector<std::string> steps; // the progress lines, in order
        rq.onStep = [&](const char* en, const char* id) {
            steps.push_back(en);
            BOOST_TEST(std::string(id).size() > 0u);
        };
        const bsre::SignOutcome o = bsre::signToBytes(rq, *signer).outcome;
        const std::vector<std::string> expected =
            level == bsre::Level::BT ? std::vector<std::string>{"Getting a timestamp…"}
            : level == bsre::Level::BLT
                ? std::vector<std::string>{"Checking the certificate's revocation status…", "Getting a timestamp…",
                                           "Adding long-term validation data…"}
                : std::vector<std::string>{"Checking the certificate's revocation status…", "Getting a timestamp…",
                                           "Adding long-term validation data…", "Adding the document timestamp…"};
        BOOST_TEST(steps == expected, bsre::levelName(level));
        BOOST_TEST(o.level == bsre::levelName(level));
        BOOST_TEST(o.privateKeyOperations == 1, bsre::levelName(level));
        BOOST_TEST(o.levelNoteEn.empty(), o.levelNoteEn);
        if (level >= bsre::Level::BLT) {
            BOOST_TEST(o.dss.ocspsAdded == 2);
            BOOST_TEST(o.dss.crlsAdded == 1);
        }
    }
}

// A signature from another tool whose CMS carries the signer's certificate
// only: extend, with a database that knows the root only, fetches the issuing
// CA from the certificate's AIA caIssuers address.
BOOST_AUTO_TEST_CASE(a_missing_intermediate_is_fetched_from_aia)
{
    Scratch s;
    BOOST_TEST_REQUIRE(signAs("ltv-officer", s("ours.pdf"), "").status == 0);
    std::string bytes = slurp(s("ours.pdf"));
    const ByteRange br = byteRanges(bytes).front();
    spit(s("content.bin"), bytes.substr(br.a, br.b) + bytes.substr(br.c, br.d));
    Run sg = run("openssl cms -sign -binary -md sha256 -outform DER -in " + q(s("content.bin")) + " -signer " +
                 q(ltv("ltv-officer.pem")) + " -inkey " + q(ltv("ltv-officer.key")) + " -out " + q(s("leaf-only.der")));
    BOOST_TEST_REQUIRE(sg.status == 0, sg.output);
    const std::string cms = slurp(s("leaf-only.der"));
    static const char* hex = "0123456789abcdef";
    std::string h;
    for (unsigned char c : cms)
        h += {hex[c >> 4], hex[c & 15]};
    BOOST_TEST_REQUIRE(h.size() <= br.c - br.b - 2);
    bytes.replace(br.b + 1, h.size(), h);
    bytes.replace(br.b + 1 + h.size(), br.c - br.b - 2 - h.size(), std::string(br.c - br.b - 2 - h.size(), '0'));
    spit(s("other-tool.pdf"), bytes);
    Run pre = run("openssl cms -cmsout -print -inform DER -in " + q(s("leaf-only.der")));
    BOOST_TEST(!contains(pre.output, "BSrE LTV Test Issuing CA, serial"), "the CMS must not carry the intermediate");
    BOOST_TEST(contains(verifyJson(s("other-tool.pdf")), "\"integrity\":true"));

    Run e = run(ltvTool() + " extend --nssdb " + q(ltv("verifydb-ltv")) + " --level B-LT " + q(s("other-tool.pdf")) +
                " -o " + q(s("ext.pdf")));
    BOOST_TEST_REQUIRE(e.status == 0, e.output);
    BOOST_TEST(contains(e.output, "BSrE LTV Test Issuing CA: good (CRL)"), e.output);
    Dss d = readDss(s("ext.pdf"), s);
    BOOST_TEST(contains(d.subjects, "CN = BSrE LTV Test Issuing CA"), d.subjects);
}

// The document timestamp's placeholder is sized from an earlier token of the
// TSA; when the token does not fit, a second request with 16 KB of room.
BOOST_AUTO_TEST_CASE(a_document_timestamp_larger_than_expected_gets_a_second_try)
{
    auto store = bsre::crypto::Store::open(ltv("ltvdb")); // NSS up with the LTV CAs
    auto reader = bsre::pdf::Reader::open(pdfs("letter.pdf"));
    bsre::crypto::TsaConfig t;
    t.url = tsaUrl();
    const bsre::DocTimestamped tightly = bsre::appendDocumentTimestamp(*reader, t, {}, 100);
    const bsre::DocTimestampOutcome& small = tightly.outcome;
    const std::string& tight = tightly.bytes;
    const size_t earlier = bsre::crypto::requestTimestamp(t, "an earlier token").der.size();
    const bsre::DocTimestamped rightly = bsre::appendDocumentTimestamp(*reader, t, {}, earlier);
    const bsre::DocTimestampOutcome& hinted = rightly.outcome;
    BOOST_TEST(small.bytesAdded > 32768u, "second try with 16 KB reserved: " << small.bytesAdded);
    BOOST_TEST(hinted.bytesAdded < 16384u, "one try sized from the hint: " << hinted.bytesAdded);
    Scratch s;
    spit(s("tight.pdf"), tight);
    const std::string v = verifyJson(s("tight.pdf"));
    BOOST_TEST(contains(v, "\"documentTimestamp\":true"), v);
    BOOST_TEST(contains(v, "\"integrity\":true"), v);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(revocation_trouble)

BOOST_AUTO_TEST_CASE(a_moved_crl_address_is_followed)
{
    // The CRL server (python http.server) answers a folder's address without
    // the final slash with 301 to the one with it.
    const fs::path moved = ltv("crl/moved-" + std::to_string(::getpid()));
    fs::create_directories(moved);
    fs::copy_file(ltv("crl/issuing.crl"), moved / "index.html", fs::copy_options::overwrite_existing);
    bsre::net::HttpRequest rq;
    rq.url = "http://127.0.0.1:" + ltvPorts()["CRL_PORT"] + "/" + moved.filename().string();
    bsre::net::HttpResponse r = bsre::net::httpRequest(rq);
    fs::remove_all(moved);
    BOOST_TEST(r.error.empty(), r.error);
    BOOST_TEST(r.status == 200);
    BOOST_TEST((r.body == slurp(ltv("crl/issuing.crl"))), "the CRL after the redirect");
}

BOOST_AUTO_TEST_CASE(ocsp_unreachable_falls_back_to_the_crl)
{
    Scratch s;
    Run r = signAs("ltv-ocspdown", s("out.pdf"), "--tsa " + q(tsaUrl()) + " --level B-LT");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(contains(r.output, "Wawan Tanpa OCSP: good (CRL)"), r.output);
    checkCadesSignature(s("out.pdf"), s, false);
    Dss d = readDss(s("out.pdf"), s);
    BOOST_TEST(contains(d.crlIssuers, "CN = BSrE LTV Test Issuing CA"), d.crlIssuers);
    BOOST_TEST(ocspStatusOf(d.ocspText, serialOf(ltv("ltv-ocspdown.pem"))).empty(), d.ocspText);
    BOOST_TEST(contains(verifyJson(s("out.pdf")), "\"level\":\"B-LT\""));
}

BOOST_AUTO_TEST_CASE(a_revoked_signer_is_refused_with_date_and_reason)
{
    Scratch s;
    const std::string env = slurp(ltv("ltv-revoked.env"));
    auto value = [&](const std::string& k) {
        size_t at = env.find(k + "=");
        return env.substr(at + k.size() + 1, env.find('\n', at) - at - k.size() - 1);
    };
    const std::string before = slurp(pdfs("letter.pdf"));
    Run r = signAs("ltv-revoked", s("out.pdf"), "--tsa " + q(tsaUrl()) + " --level B-LT --allow-lower-level");
    BOOST_TEST(r.status == 4, r.output);
    BOOST_TEST(contains(r.output, "was revoked on " + value("REVOKED_AT")), r.output);
    BOOST_TEST(contains(r.output, "reason: " + value("REVOKED_REASON")), r.output);
    BOOST_TEST(contains(r.output, "telah dicabut"), r.output);
    BOOST_TEST(contains(r.output, "alasan: kunci disusupi (keyCompromise)"), r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
    BOOST_TEST((slurp(pdfs("letter.pdf")) == before));
}

// A DSS added by another tool that says the signer was revoked before the
// signature's timestamp: verify does not call that signature valid.
BOOST_AUTO_TEST_CASE(verify_believes_a_dss_that_says_revoked)
{
    Scratch s;
    // At B-T nothing is checked online, so the revoked officer can sign.
    BOOST_TEST_REQUIRE(signAs("ltv-revoked", s("bt.pdf"), "--tsa " + q(tsaUrl())).status == 0);
    BOOST_TEST(contains(verifyJson(s("bt.pdf")), "\"valid\":true"));
    Run o = run("env -u http_proxy openssl ocsp -issuer " + q(ltv("issuing.pem")) + " -cert " + q(ltv("ltv-revoked.pem")) +
                " -url " + q(ltvPorts()["OCSP_URL"]) + " -noverify -respout " + q(s("revoked.ocsp")));
    BOOST_TEST_REQUIRE(contains(o.output, "revoked"), o.output);
    auto reader = bsre::pdf::Reader::open(s("bt.pdf"));
    bsre::pdf::DssAddition add;
    add.ocsps.push_back(slurp(s("revoked.ocsp")));
    bsre::pdf::DssOutcome out;
    spit(s("with-dss.pdf"), bsre::pdf::appendDss(*reader, add, out));
    BOOST_TEST(out.ocspsAdded == 1);
    const std::string v = verifyJson(s("with-dss.pdf"));
    BOOST_TEST(contains(v, "\"valid\":false"), v);
    BOOST_TEST(contains(v, "was revoked on"), v);
    BOOST_TEST(contains(v, "keyCompromise"), v);
}

// Evidence counts only when its signature verifies: a DSS whose OCSP
// response for the officer was altered does not cover the officer.
BOOST_AUTO_TEST_CASE(verify_checks_the_evidence_signatures)
{
    Scratch s;
    BOOST_TEST_REQUIRE(signAs("ltv-officer", s("bt.pdf"), "--tsa " + q(tsaUrl())).status == 0);
    Run o = run("env -u http_proxy openssl ocsp -issuer " + q(ltv("issuing.pem")) + " -cert " + q(ltv("ltv-officer.pem")) +
                " -url " + q(ltvPorts()["OCSP_URL"]) + " -noverify -respout " + q(s("good.ocsp")));
    BOOST_TEST_REQUIRE(contains(o.output, ": good"), o.output);
    const std::string good = slurp(s("good.ocsp"));
    // Flip a bit of the signature value: OCSPResponse → responseBytes →
    // BasicOCSPResponse → signature (BIT STRING), so the response still parses.
    std::string altered = good;
    {
        using namespace bsre::der;
        Tlv top, basic;
        BOOST_TEST_REQUIRE(readTlv(good, top));
        auto rb = children(children(children(top.content).at(1).content).at(0).content);
        BOOST_TEST_REQUIRE(readTlv(rb.at(1).content, basic));
        const Tlv sig = children(basic.content).at(2);
        BOOST_TEST_REQUIRE(sig.tag == 0x03);
        const size_t at = static_cast<size_t>(sig.content.data() - good.data()) + sig.content.size() / 2;
        altered[at] ^= 0x01;
    }
    auto reader = bsre::pdf::Reader::open(s("bt.pdf"));
    for (auto [name, response] : {std::pair<const char*, std::string>{"good.pdf", good}, {"altered.pdf", altered}}) {
        bsre::pdf::DssAddition add;
        add.ocsps.push_back(response);
        bsre::pdf::DssOutcome out;
        spit(s(name), bsre::pdf::appendDss(*reader, add, out));
    }
    const std::string vGood = verifyJson(s("good.pdf")), vAltered = verifyJson(s("altered.pdf"));
    // Neither is complete (the CA and the TSA are not covered); only the altered one misses the officer.
    BOOST_TEST(!contains(vGood, "Rina Arsip,"), vGood);
    BOOST_TEST(contains(vGood, "BSrE LTV Test Issuing CA"), vGood);
    BOOST_TEST(contains(vAltered, "\"ltvMissing\":\"Rina Arsip"), vAltered);
}

BOOST_AUTO_TEST_CASE(ocsp_unknown_stops_and_no_crl_stands_in)
{
    Scratch s;
    Run r = signAs("ltv-unknown", s("out.pdf"), "--tsa " + q(tsaUrl()) + " --level B-LT");
    BOOST_TEST(r.status == 7, r.output);
    BOOST_TEST(contains(r.output, "status unknown"), r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
}

BOOST_AUTO_TEST_CASE(both_unreachable_stops_or_signs_lower_when_allowed)
{
    Scratch s;
    Run r = signAs("ltv-offline", s("out.pdf"), "--tsa " + q(tsaUrl()) + " --level B-LT");
    BOOST_TEST(r.status == 7, r.output);
    BOOST_TEST(contains(r.output, "No revocation data could be had"), r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));

    Run lower = signAs("ltv-offline", s("low.pdf"), "--tsa " + q(tsaUrl()) + " --level B-LT --allow-lower-level");
    BOOST_TEST_REQUIRE(lower.status == 0, lower.output);
    BOOST_TEST(contains(lower.output, "PAdES B-T"), lower.output);
    BOOST_TEST(contains(lower.output, "LOWER LEVEL"), lower.output);
    BOOST_TEST(contains(lower.output, "LEVEL LEBIH RENDAH"), lower.output);
    BOOST_TEST(contains(verifyJson(s("low.pdf")), "\"level\":\"B-T\""));
}

BOOST_AUTO_TEST_CASE(tsa_unreachable_signs_b_b_only_when_allowed_and_says_so)
{
    Scratch s;
    const std::string bad = ltvPorts()["BAD_TSA_URL"];
    Run r = signAs("ltv-officer", s("out.pdf"), "--tsa " + q(bad) + " --level B-LT");
    BOOST_TEST(r.status == 7, r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
    Run lower = signAs("ltv-officer", s("low.pdf"), "--tsa " + q(bad) + " --level B-LT --allow-lower-level");
    BOOST_TEST_REQUIRE(lower.status == 0, lower.output);
    BOOST_TEST(contains(lower.output, "PAdES B-B"), lower.output);
    BOOST_TEST(contains(lower.output, "did not answer"), lower.output);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(extend_command)

// The LTV updates (DSS, VRI, document timestamp; at signing and by extend)
// rewrite the catalog, the AcroForm and page 1: on an input whose page and
// catalog carry values other tools spell unusually, every rewritten object
// keeps them byte for byte, and the analysis calls every change allowed.
BOOST_AUTO_TEST_CASE(ltv_updates_copy_every_value_as_spelled)
{
    Scratch s;
    Run odd = run("python3 " + q(env("BSRE_SOURCE") + "/tests/tools/pdf_attack.py") + " odd-values " +
                  q(pdfs("letter.pdf")) + " " + q(s("odd.pdf")));
    BOOST_TEST_REQUIRE(odd.status == 0, odd.output);
    BOOST_TEST_REQUIRE(signAs("ltv-officer", s("bt.pdf"), "--tsa " + q(tsaUrl()), s("odd.pdf")).status == 0);
    Run lta = extend(s("bt.pdf"), s("lta.pdf"), "--level B-LTA --tsa " + q(tsaUrl()));
    BOOST_TEST_REQUIRE(lta.status == 0, lta.output);
    Run direct = signAs("ltv-officer", s("direct.pdf"), "--level B-LTA --tsa " + q(tsaUrl()), s("odd.pdf"));
    BOOST_TEST_REQUIRE(direct.status == 0, direct.output);
    const size_t oddSize = slurp(s("odd.pdf")).size();
    for (const char* file : {"lta.pdf", "direct.pdf"}) {
        checkCadesSignature(s(file), s);
        const std::string added = slurp(s(file)).substr(oddSize);
        size_t pages = 0, catalogs = 0;
        // Every rewrite of page 1 or of the catalog, each on its own.
        for (size_t at = added.find(" obj"); at != std::string::npos; at = added.find(" obj", at + 4)) {
            const std::string object = added.substr(at, added.find("endobj", at) - at);
            const bool page = contains(object, "/Type /Page/") || contains(object, "/Type/Page/") ||
                              contains(object, "/Type /Page ");
            const bool catalog = contains(object, "/Type /Catalog") || contains(object, "/Type/Catalog");
            if (page) {
                ++pages;
                for (const char* v : {"/BsreReal -.50", "/BsreStr (a\\)b\\\\c\\101)", "/BsreHex <ABcd 12>",
                                      "/BsreNested [[1.50 << /K 0.000 /L (\\(x\\)) >>] null true 007]",
                                      "595.303937007874 841.889763779528"})
                    BOOST_TEST(contains(object, v), file << ": page 1 lost " << v << " in\n" << object);
            }
            if (catalog) {
                ++catalogs;
                BOOST_TEST(contains(object, "/BsreCatalog (tetap apa adanya)"), file << ": catalog\n" << object);
            }
        }
        BOOST_TEST(pages > 0u, file);
        BOOST_TEST(catalogs >= 2u, file << ": the signature's AcroForm and the DSS each rewrite the catalog");
        const std::string v = verifyJson(s(file));
        BOOST_TEST(contains(v, "\"level\":\"B-LTA\""), v);
        BOOST_TEST(count(v, "\"allowed\":true") > 0u, v);
    }
}

BOOST_AUTO_TEST_CASE(b_t_to_b_lt_to_b_lta_each_step_a_prefix_of_the_next)
{
    Scratch s;
    BOOST_TEST_REQUIRE(signAs("ltv-officer", s("bt.pdf"), "--tsa " + q(tsaUrl())).status == 0);
    const std::string bt = slurp(s("bt.pdf"));
    Run lt = extend(s("bt.pdf"), s("lt.pdf"), "--level B-LT");
    BOOST_TEST_REQUIRE(lt.status == 0, lt.output);
    BOOST_TEST((slurp(s("bt.pdf")) == bt), "the input is unchanged");
    BOOST_TEST(isPrefix(bt, slurp(s("lt.pdf"))));
    checkCadesSignature(s("lt.pdf"), s);
    Dss d = readDss(s("lt.pdf"), s);
    BOOST_TEST(ocspStatusOf(d.ocspText, serialOf(ltv("ltv-officer.pem"))) == "good", d.ocspText);
    BOOST_TEST(ocspStatusOf(d.ocspText, serialOf(ltv("ltv-tsa.pem"))) == "good", d.ocspText);
    BOOST_TEST(contains(verifyJson(s("lt.pdf")), "\"level\":\"B-LT\""));

    Run lta = extend(s("lt.pdf"), s("lta.pdf"), "--level B-LTA --tsa " + q(tsaUrl()));
    BOOST_TEST_REQUIRE(lta.status == 0, lta.output);
    BOOST_TEST(isPrefix(slurp(s("lt.pdf")), slurp(s("lta.pdf"))));
    BOOST_TEST(contains(verifyJson(s("lta.pdf")), "\"level\":\"B-LTA\""));

    // Renewing the archive: validation data for the document timestamp, a new one over all.
    Run again = extend(s("lta.pdf"), s("lta2.pdf"), "--level B-LTA --tsa " + q(tsaUrl()));
    BOOST_TEST_REQUIRE(again.status == 0, again.output);
    BOOST_TEST(contains(again.output, "+1 document timestamp"), again.output);
    const std::string v = verifyJson(s("lta2.pdf"));
    BOOST_TEST(contains(v, "\"valid\":true,\"level\":\"B-LTA\""), v);
    BOOST_TEST(count(v, "\"documentTimestamp\":true") == 2u, v);
    checkCadesSignature(s("lta2.pdf"), s);
}

BOOST_AUTO_TEST_CASE(refuses_revoked_unsigned_and_missing_tsa)
{
    Scratch s;
    // Signed at B-T (no revocation check at that level), then extended.
    BOOST_TEST_REQUIRE(signAs("ltv-revoked", s("bt.pdf"), "--tsa " + q(tsaUrl())).status == 0);
    Run r = extend(s("bt.pdf"), s("out.pdf"), "--level B-LT");
    BOOST_TEST(r.status == 4, r.output);
    BOOST_TEST(contains(r.output, "keyCompromise"), r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));

    Run unsigned_ = extend(pdfs("letter.pdf"), s("u.pdf"), "--level B-LT");
    BOOST_TEST(unsigned_.status == 3, unsigned_.output);
    BOOST_TEST(contains(unsigned_.output, "no signatures"), unsigned_.output);

    Run noTsa = extend(s("bt.pdf"), s("n.pdf"), "--level B-LTA");
    BOOST_TEST(noTsa.status == 2, noTsa.output);
    BOOST_TEST(!fs::exists(s("u.pdf")));
    BOOST_TEST(!fs::exists(s("n.pdf")));
}

BOOST_AUTO_TEST_SUITE_END()
