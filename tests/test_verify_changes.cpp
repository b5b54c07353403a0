// The verifier's modification analysis (pdf/changes, core/verify): what the
// product's own updates do to a document is allowed and keeps every value
// it copies as spelled; what an attacker's incremental update does is seen,
// named and refused. The attack files are built by tests/tools/pdf_attack.py.
#define BOOST_TEST_MODULE verify_changes
#include <boost/test/unit_test.hpp>

#include "support.hpp"

#include "core/verify.hpp"

#include <filesystem>
#include <regex>

using namespace testing;

namespace {

std::string attackTool() { return "python3 " + q(env("BSRE_SOURCE") + "/tests/tools/pdf_attack.py"); }

Run attack(const std::string& kind, const std::string& in, const std::string& out, const std::string& arg = "")
{
    return run(attackTool() + " " + kind + " " + q(in) + " " + q(out) + (arg.empty() ? "" : " " + q(arg)));
}

Run verifyJson(const std::string& pdf) { return run(q(tool()) + " verify --nssdb " + q(pki("verifydb")) + " --json " + q(pdf)); }

// One signature's object in verify's JSON (in file order, 0-based).
std::string signatureJson(const std::string& json, size_t index)
{
    size_t pos = json.find("\"signatures\":[");
    for (size_t i = 0; i <= index && pos != std::string::npos; ++i)
        pos = json.find("\n {\"field\":", pos + 1);
    if (pos == std::string::npos)
        return {};
    const size_t end = json.find("\n {\"field\":", pos + 1);
    return json.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
}

// What pdfsig and qpdf, the validators a person already has, say of a file
// (printed beside ours for the attack table; not asserted: they are the anchor).
void anchors(const std::string& name, const std::string& pdf)
{
    Run ps = run("pdfsig -nssdir sql:" + q(pki("verifydb")) + " " + q(pdf));
    Run qp = run("qpdf --check " + q(pdf));
    const bool psValid = ps.output.find("Signature is Valid.") != std::string::npos;
    const bool psTotal = ps.output.find("Total document signed") != std::string::npos;
    BOOST_TEST_MESSAGE("anchor " << name << ": pdfsig " << (psValid ? "\"Signature is Valid\"" : "not valid")
                                 << (psTotal ? ", total document signed" : ", not total document signed")
                                 << "; qpdf --check exit " << qp.status);
}

} // namespace

BOOST_AUTO_TEST_SUITE(product_updates)

// Values other tools spell unusually (reals like -.50 and 0.000, escapes,
// hex case, #xx names, nesting) come back byte for byte after every kind
// of update the product writes, and the analysis calls each update allowed.
BOOST_AUTO_TEST_CASE(every_value_is_copied_as_spelled)
{
    Scratch s;
    for (const char* src : {"letter.pdf", "empty-field.pdf"}) {
        const std::string odd = s(std::string("odd-") + src);
        BOOST_TEST_REQUIRE(attack("odd-values", pdfs(src), odd).status == 0);
        const std::string inBytes = slurp(odd);
        struct Case {
            std::string name, extra;
        };
        std::vector<Case> cases{{"visible-notice", "--page 1 --rect 340,120,200,70 --notice"},
                                {"invisible", "--invisible"},
                                {"certify", "--invisible --certify"}};
        if (std::string(src) == "empty-field.pdf")
            cases.push_back({"fill-field", "--field Penandatangan"});
        for (const Case& c : cases) {
            const std::string out = s(std::string(src) + "-" + c.name + ".pdf");
            Run r = sign(odd, out, "--cert officer-rsa --overwrite " + c.extra);
            BOOST_TEST_REQUIRE(r.status == 0, src << " " << c.name << ": " << r.output);
            checkSignedOutput(odd, out, 1);
            const std::string added = slurp(out).substr(inBytes.size());
            for (const char* spelled : {"/BsreReal -.50", "/BsreInt +3", "/BsreStr (a\\)b\\\\c\\101)", "/BsreHex <ABcd 12>",
                                        "/BsreName /A#20B", "/BsreNested [[1.50 << /K 0.000 /L (\\(x\\)) >>] null true 007]",
                                        "595.303937007874 841.889763779528"})
                if (added.find("/Type /Page/") != std::string::npos || added.find("/Type/Page/") != std::string::npos)
                    BOOST_TEST(added.find(spelled) != std::string::npos, src << " " << c.name << ": " << spelled);
            // A second signer on top: the first signature's later changes all allowed.
            const std::string second = s(std::string(src) + "-" + c.name + "-2.pdf");
            BOOST_TEST_REQUIRE(sign(out, second, "--cert officer-ec --overwrite --invisible").status == 0);
            checkSignedOutput(out, second, 2);
            const std::string first = signatureJson(verifyJson(second).output, 0);
            BOOST_TEST(first.find("\"indication\":\"TOTAL-PASSED\"") != std::string::npos, first);
            BOOST_TEST(count(first, "\"allowed\":true") > 0u, first);
            if (added.find("/Type /Catalog") != std::string::npos || added.find("/Type/Catalog") != std::string::npos)
                BOOST_TEST(added.find("/BsreCatalog (tetap apa adanya)") != std::string::npos, src << " " << c.name);
        }
    }
}

// A PDF qpdf rewrote with object streams and a cross-reference stream: the
// page dictionary, read from its object stream, is written back as spelled.
BOOST_AUTO_TEST_CASE(object_stream_input_keeps_its_values)
{
    Scratch s;
    for (const char* extra : {"--invisible", "--page 1 --rect 340,120,200,70 --notice", "--invisible --certify"}) {
        Run r = sign(pdfs("letter-objstm.pdf"), s("objstm.pdf"), std::string("--cert officer-rsa --overwrite ") + extra);
        BOOST_TEST_REQUIRE(r.status == 0, r.output);
        checkSignedOutput(pdfs("letter-objstm.pdf"), s("objstm.pdf"), 1);
        const std::string added = slurp(s("objstm.pdf")).substr(slurp(pdfs("letter-objstm.pdf")).size());
        BOOST_TEST(added.find("595.303937007874 841.889763779528") != std::string::npos, extra);
        BOOST_TEST_REQUIRE(sign(s("objstm.pdf"), s("objstm-2.pdf"), "--cert officer-ec --overwrite --invisible").status == 0);
        checkSignedOutput(s("objstm.pdf"), s("objstm-2.pdf"), 2);
    }
}

// A PDF signed by another tool (pdfsig, adbe.pkcs7.detached), then by us:
// our update leaves its signature TOTAL-PASSED with only allowed changes.
BOOST_AUTO_TEST_CASE(a_signature_made_by_pdfsig_stays_passed_under_ours)
{
    Scratch s;
    Run ps = run("pdfsig -nssdir sql:" + q(pki("nssdb")) + " -add-signature -nick officer-rsa -new-signature-field-name Pdfsig " +
                 q(pdfs("letter.pdf")) + " " + q(s("pdfsig.pdf")));
    BOOST_TEST_REQUIRE(slurp(s("pdfsig.pdf")).size() > 0u, ps.output);
    Run r = sign(s("pdfsig.pdf"), s("ours.pdf"), "--cert officer-ec --page 1 --rect 340,120,200,70");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    Run v = verifyJson(s("ours.pdf"));
    BOOST_TEST(v.status == 0, v.output);
    const std::string first = signatureJson(v.output, 0);
    BOOST_TEST(first.find("\"field\":\"Pdfsig\"") != std::string::npos, first);
    BOOST_TEST(first.find("\"indication\":\"TOTAL-PASSED\"") != std::string::npos, first);
    BOOST_TEST(first.find("\"allowed\":false") == std::string::npos, first);
    BOOST_TEST(count(first, "\"allowed\":true") > 0u, first);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(attacks)

struct Attack {
    const char* kind;        // pdf_attack.py kind after signing
    const char* prepare;     // a kind applied before signing, or ""
    const char* arg;
    const char* signExtra;   // how the victim was signed
    const char* indication;  // of the first signature
    const char* sub;
    const char* expect;      // in the first signature's problem or its refused changes
};

const Attack kAttacks[] = {
    {"append-content", "", "", "--invisible", "TOTAL-FAILED", "FORMAT_FAILURE", "(page 1): /Contents changed"},
    {"mediabox", "", "", "--invisible", "TOTAL-FAILED", "FORMAT_FAILURE", "(page 1): /MediaBox changed"},
    {"replace-image", "", "", "--page 1 --rect 340,120,200,70", "TOTAL-FAILED", "FORMAT_FAILURE", ": redefined"},
    {"replace-font", "", "", "--invisible", "TOTAL-FAILED", "FORMAT_FAILURE", "/BaseFont changed"},
    {"add-annot", "", "", "--invisible", "TOTAL-FAILED", "FORMAT_FAILURE", "(page 1): an annotation was added"},
    {"add-annot", "", "", "--invisible --certify", "TOTAL-FAILED", "FORMAT_FAILURE", "(page 1): an annotation was added"},
    {"shadow-reveal", "shadow-prepare", "", "--invisible", "TOTAL-FAILED", "FORMAT_FAILURE",
     "inside an earlier revision (hidden content brought back)"},
    {"empty-contents", "", "", "--invisible", "TOTAL-FAILED", "FORMAT_FAILURE", "(a signature's value): /Contents changed"},
    {"range-offset", "", "", "--invisible", "TOTAL-FAILED", "FORMAT_FAILURE", "the /ByteRange is malformed"},
    {"range-short", "", "", "--invisible", "TOTAL-FAILED", "FORMAT_FAILURE", "do not end where a revision ends"},
};

BOOST_AUTO_TEST_CASE(each_attack_is_named_and_refused)
{
    Scratch s;
    int k = 0;
    for (const Attack& a : kAttacks) {
        const std::string base = s("victim-" + std::to_string(++k) + ".pdf");
        std::string input = pdfs("letter.pdf");
        if (*a.prepare) {
            BOOST_TEST_REQUIRE(attack(a.prepare, input, s("prepared.pdf"), a.arg).status == 0);
            input = s("prepared.pdf");
        }
        // A visible signature carries the logo: the image the image attack replaces.
        const std::string logo = std::string(a.signExtra).find("--rect") != std::string::npos
                                     ? " --image " + q(env("BSRE_SOURCE") + "/icons/placeholder-logo.png")
                                     : "";
        BOOST_TEST_REQUIRE(sign(input, base, std::string("--cert officer-rsa --overwrite ") + a.signExtra + logo).status == 0);
        const std::string forged = s(std::string(a.kind) + "-" + std::to_string(k) + ".pdf");
        Run made = attack(a.kind, base, forged, a.arg);
        BOOST_TEST_REQUIRE(made.status == 0, made.output);
        Run v = verifyJson(forged);
        BOOST_TEST(v.status == 1, a.kind << ": " << v.output);
        const std::string first = signatureJson(v.output, 0);
        BOOST_TEST(first.find(std::string("\"indication\":\"") + a.indication + "\"") != std::string::npos, a.kind << ": " << first);
        BOOST_TEST(first.find(std::string("\"subIndication\":\"") + a.sub + "\"") != std::string::npos, a.kind << ": " << first);
        BOOST_TEST(first.find(a.expect) != std::string::npos, a.kind << ": " << first);
        // The signed revision itself is intact in every incremental attack:
        // this is what fools a validator that checks only the bytes.
        if (std::string(a.kind).rfind("range-", 0) != 0 && std::string(a.kind) != "empty-contents")
            BOOST_TEST(first.find("\"integrity\":true") != std::string::npos, a.kind << ": " << first);
        anchors(std::string(a.kind) + " (" + a.signExtra + ")", forged);
    }
}

// What the analysis allows: filling a form field (P2, and for approval
// signatures), a second signature; the same file edited by an attacker's
// form fill of a field that is not there is not in this list.
BOOST_AUTO_TEST_CASE(allowed_changes_pass)
{
    Scratch s;
    BOOST_TEST_REQUIRE(attack("add-text-field", pdfs("letter.pdf"), s("form.pdf"), "Nama").status == 0);
    for (const char* extra : {"--invisible", "--invisible --certify"}) {
        BOOST_TEST_REQUIRE(sign(s("form.pdf"), s("form-signed.pdf"), std::string("--cert officer-rsa --overwrite ") + extra).status == 0);
        BOOST_TEST_REQUIRE(attack("fill-field", s("form-signed.pdf"), s("filled.pdf"), "Nama").status == 0);
        Run v = verifyJson(s("filled.pdf"));
        BOOST_TEST(v.status == 0, extra << ": " << v.output);
        const std::string first = signatureJson(v.output, 0);
        BOOST_TEST(first.find("\"indication\":\"TOTAL-PASSED\"") != std::string::npos, first);
        BOOST_TEST(first.find("/V, /AS") == std::string::npos, first);
        BOOST_TEST(std::regex_search(first, std::regex("\"allowed\":true,\"what\":\"object [0-9]+ \\(a form field\\): /V changed as allowed\"")),
                   first);
        anchors(std::string("fill-field (") + extra + ")", s("filled.pdf"));
        // What BSrE's signing service may do to the PDF we send is judged
        // more strictly (core/server_sign.cpp): only signing, so the same
        // form fill is refused there.
        const std::string filled = slurp(s("filled.pdf"));
        bool refused = false;
        for (const bsre::pdf::Modification& m : bsre::changesAfter(filled, std::filesystem::file_size(s("form-signed.pdf"))))
            refused = refused || (!m.allowed && m.what.find("a form field") != std::string::npos);
        BOOST_TEST(refused, extra << ": a form field filled in after the signature must be refused when only signing is allowed");
    }
}

// The certification's level decides: P3 allows an added annotation, P1
// refuses even a second signature (while the second signature itself passes);
// `sign` refuses to add one to a P1 document at all.
BOOST_AUTO_TEST_CASE(the_certification_level_decides)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("p3.pdf"), "--cert officer-rsa --invisible --certify-level 3").status == 0);
    BOOST_TEST_REQUIRE(attack("add-annot", s("p3.pdf"), s("p3-annot.pdf")).status == 0);
    Run v3 = verifyJson(s("p3-annot.pdf"));
    BOOST_TEST(v3.status == 0, v3.output);
    BOOST_TEST(v3.output.find("\"docMdp\":3") != std::string::npos, v3.output);
    BOOST_TEST(v3.output.find("\"allowed\":false") == std::string::npos, v3.output);
    anchors("add-annot (--certify-level 3)", s("p3-annot.pdf"));

    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("p1.pdf"), "--cert officer-rsa --invisible --certify-level 1").status == 0);
    // We refuse to sign it again; another tool does not ask.
    Run ours = sign(s("p1.pdf"), s("p1-ours.pdf"), "--cert officer-ec --invisible");
    BOOST_TEST(ours.status == 3, ours.output);
    BOOST_TEST(ours.output.find("certified with \"no changes allowed\"") != std::string::npos, ours.output);
    BOOST_TEST(!std::filesystem::exists(s("p1-ours.pdf")));
    run("pdfsig -nssdir sql:" + q(pki("nssdb")) + " -add-signature -nick officer-rsa -new-signature-field-name Kedua " +
        q(s("p1.pdf")) + " " + q(s("p1-second.pdf")));
    BOOST_TEST_REQUIRE(std::filesystem::exists(s("p1-second.pdf")));
    Run v1 = verifyJson(s("p1-second.pdf"));
    BOOST_TEST(v1.status == 1, v1.output);
    const std::string first = signatureJson(v1.output, 0), second = signatureJson(v1.output, 1);
    BOOST_TEST(first.find("\"indication\":\"TOTAL-FAILED\",\"subIndication\":\"FORMAT_FAILURE\"") != std::string::npos, first);
    BOOST_TEST(first.find("which the certification (P1) does not allow") != std::string::npos, first);
    BOOST_TEST(second.find("\"indication\":\"TOTAL-PASSED\"") != std::string::npos, second);
    Run bad = sign(pdfs("letter.pdf"), s("p4.pdf"), "--cert officer-rsa --invisible --certify-level 4");
    BOOST_TEST(bad.status == 2, bad.output);
    BOOST_TEST(!std::filesystem::exists(s("p4.pdf")));
}

// Two signatures whose byte ranges cross: both fail, and the first names the second.
BOOST_AUTO_TEST_CASE(crossed_byte_ranges_fail)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("one.pdf"), "--cert officer-rsa --invisible").status == 0);
    BOOST_TEST_REQUIRE(sign(s("one.pdf"), s("two.pdf"), "--cert officer-ec --invisible").status == 0);
    BOOST_TEST_REQUIRE(attack("range-cross", s("two.pdf"), s("crossed.pdf")).status == 0);
    Run v = verifyJson(s("crossed.pdf"));
    BOOST_TEST(v.status == 1, v.output);
    BOOST_TEST(count(v.output, "\"indication\":\"TOTAL-FAILED\"") == 2u, v.output);
    BOOST_TEST(signatureJson(v.output, 0).find("crosses that of the signature in field Signature2") != std::string::npos, v.output);
    anchors("range-cross", s("crossed.pdf"));
}

// Without trust anchors nothing can pass: INDETERMINATE, and a non-zero exit.
BOOST_AUTO_TEST_CASE(unchecked_trust_is_indeterminate)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("one.pdf"), "--cert officer-rsa --invisible").status == 0);
    Run v = run(q(tool()) + " verify --json " + q(s("one.pdf")));
    BOOST_TEST(v.status == 1, v.output);
    BOOST_TEST(v.output.find("\"indication\":\"INDETERMINATE\",\"subIndication\":\"NO_CERTIFICATE_CHAIN_FOUND\"") !=
                   std::string::npos,
               v.output);
    BOOST_TEST(v.output.find("\"valid\":true") != std::string::npos, v.output);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report)

Run verifyReport(const std::string& pdf, const std::string& report, const std::string& extra = "")
{
    return run(q(tool()) + " verify --nssdb " + q(pki("verifydb")) + " --report " + q(report) + " " + extra + " " + q(pdf));
}

// The report of a page changed after signing: a valid PDF (qpdf), in both
// languages, naming the refused change, with the page as signed and the
// page now side by side (two page images) and the difference counted.
BOOST_AUTO_TEST_CASE(content_change_is_shown_side_by_side)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("signed.pdf"), "--cert officer-rsa --page 1 --rect 340,120,200,70").status == 0);
    BOOST_TEST_REQUIRE(attack("append-content", s("signed.pdf"), s("attacked.pdf")).status == 0);
    const std::string before = slurp(s("attacked.pdf"));
    Run v = verifyReport(s("attacked.pdf"), s("report.pdf"));
    BOOST_TEST(v.status == 1, v.output);
    BOOST_TEST(slurp(s("attacked.pdf")) == before);
    Run check = run("qpdf --check " + q(s("report.pdf")));
    BOOST_TEST(check.status == 0, check.output);
    Run text = run("pdftotext -layout " + q(s("report.pdf")) + " -");
    BOOST_TEST_REQUIRE(text.status == 0, text.output);
    const std::string t = collapse(text.output);
    for (const char* want : {"Laporan Verifikasi Tanda Tangan Elektronik", "TIDAK SEMUA TANDA TANGAN SAH",
                             "TOTAL-FAILED / FORMAT_FAILURE", "TIDAK DIIZINKAN / NOT ALLOWED",
                             "object 1 (page 1): /Contents changed", "Sebagaimana ditandatangani / As signed",
                             "1 bagian berbeda", "BSrE Test Root CA", "sertifikat akar / trust anchor"})
        BOOST_TEST(t.find(want) != std::string::npos, want << " in:\n" << t);
    Run images = run("pdfimages -list " + q(s("report.pdf")));
    BOOST_TEST(count(images.output, "\n   2 ") == 2u, images.output); // two images, both on the report's page 2
    // The hash printed is the file's.
    Run sum = run("sha256sum " + q(s("attacked.pdf")));
    BOOST_TEST(t.find(sum.output.substr(0, 64)) != std::string::npos, t);
}

// A file that passes: the verdict says so, no page is drawn; the report is
// not written over an existing file unless asked, nor over the input.
BOOST_AUTO_TEST_CASE(valid_file_report_and_refusals)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("one.pdf"), "--cert officer-rsa --invisible").status == 0);
    BOOST_TEST_REQUIRE(sign(s("one.pdf"), s("two.pdf"), "--cert officer-ec --invisible").status == 0);
    Run v = verifyReport(s("two.pdf"), s("report.pdf"));
    BOOST_TEST(v.status == 0, v.output);
    const std::string t = collapse(run("pdftotext -layout " + q(s("report.pdf")) + " -").output);
    BOOST_TEST(t.find("SEMUA TANDA TANGAN SAH / ALL SIGNATURES VALID") != std::string::npos, t);
    BOOST_TEST(t.find("TIDAK SEMUA") == std::string::npos, t);
    BOOST_TEST(count(t, "TOTAL-PASSED") == 2u, t);
    BOOST_TEST(t.find("diizinkan / allowed") != std::string::npos, t);
    BOOST_TEST(run("pdfimages -list " + q(s("report.pdf"))).output.find(" rgb ") == std::string::npos);
    BOOST_TEST(run("qpdf --check " + q(s("report.pdf"))).status == 0);
    const std::string first = slurp(s("report.pdf"));
    Run again = verifyReport(s("two.pdf"), s("report.pdf"));
    BOOST_TEST(again.status != 0);
    BOOST_TEST(again.output.find("exists") != std::string::npos, again.output);
    BOOST_TEST(slurp(s("report.pdf")) == first);
    Run over = verifyReport(s("two.pdf"), s("two.pdf"), "--overwrite");
    BOOST_TEST(over.status != 0);
    BOOST_TEST(over.output.find("must not be written over the PDF") != std::string::npos, over.output);
    BOOST_TEST(verifyReport(s("two.pdf"), s("report.pdf"), "--overwrite").status == 0);
}

// The page size changed: the whole page is marked and the sizes are named.
BOOST_AUTO_TEST_CASE(geometry_change_names_both_sizes)
{
    Scratch s;
    BOOST_TEST_REQUIRE(sign(pdfs("letter.pdf"), s("signed.pdf"), "--cert officer-rsa --invisible").status == 0);
    BOOST_TEST_REQUIRE(attack("mediabox", s("signed.pdf"), s("mb.pdf")).status == 0);
    BOOST_TEST(verifyReport(s("mb.pdf"), s("report.pdf")).status == 1);
    const std::string t = collapse(run("pdftotext -layout " + q(s("report.pdf")) + " -").output);
    BOOST_TEST(t.find("Ukuran halaman berubah / The page size changed: 595.3 × 841.9 pt → 612.0 × 792.0 pt") !=
                   std::string::npos,
               t);
}

BOOST_AUTO_TEST_SUITE_END()
