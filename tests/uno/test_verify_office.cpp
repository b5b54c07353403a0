// Verification inside LibreOffice (issue 12): id.bsresign.Signer's verifyPdf
// gives the same facts as `bsre-sign verify --json` (its Json field is that
// text, byte for byte, against the same certificate database), the report
// through ReportUrl, bad input as SigningException codes, and the File menu
// command (vnd.bsresign:verify) registered and shown for a PDF opened in Draw
// and for Writer. The dialog itself is photographed by scripts/screenshots.sh.
#define BOOST_TEST_MODULE verify_office
#include "helpers.hpp"
#include "office.hpp"

#include <id/bsresign/SigningException.hpp>
#include <id/bsresign/VerifyResult.hpp>
#include <id/bsresign/XSigner.hpp>

using namespace bsretest;

namespace {

const std::string kVerify = "vnd.bsresign:verify";

Office& office()
{
    return sharedOffice([] { return std::make_unique<Office>(OfficeOptions{}); });
}

std::string cliJson(Office& o, const fs::path& pdf)
{
    return run(q(testing::tool()) + " verify --nssdb " + q(o.nssDir().string()) + " --json " + q(pdf.string())).output;
}

// A PDF signed by the CLI with the test officer, copied into the office's folder.
fs::path signedLetter(Office& o, const std::string& name)
{
    testing::Scratch s;
    BOOST_TEST_REQUIRE(testing::sign(pdfs("letter.pdf"), s("signed.pdf"), "--cert officer-rsa --page 1 --rect 340,120,200,70").status == 0);
    return o.copyIn(s("signed.pdf"), name);
}

std::string codeOf(Office& o, const fs::path& pdf, const std::vector<PropertyValue>& options = {})
{
    try {
        o.signer()->verifyPdf(fileUrl(pdf), seq(options));
    } catch (const id::bsresign::SigningException& e) {
        BOOST_TEST_MESSAGE(describe(e));
        return str(e.Code);
    }
    return "";
}

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(SharedOfficeTeardown);

BOOST_AUTO_TEST_CASE(a_valid_signature_passes_with_the_facts_of_the_cli)
{
    Office& o = office();
    const fs::path pdf = signedLetter(o, "signed.pdf");
    const std::string before = slurp(pdf.string());
    id::bsresign::VerifyResult r = o.signer()->verifyPdf(fileUrl(pdf), {});
    BOOST_TEST(r.Passed);
    BOOST_TEST_REQUIRE(r.Signatures.getLength() == 1);
    const id::bsresign::SignatureVerdict& v = r.Signatures[0];
    BOOST_TEST(str(v.Indication) == "TOTAL-PASSED");
    BOOST_TEST(str(v.SubIndication).empty());
    BOOST_TEST(str(v.SignerCheck) == "passed");
    BOOST_TEST(str(v.IntegrityCheck) == "passed");
    BOOST_TEST(str(v.TimestampCheck) == "absent");
    BOOST_TEST(str(v.Signer) == "Budi Santoso");
    BOOST_TEST(v.Changes.getLength() == 0);
    BOOST_TEST(str(r.Json) == cliJson(o, pdf));
    BOOST_TEST(str(r.Sha256) == run("sha256sum " + q(pdf.string())).output.substr(0, 64));
    BOOST_TEST(slurp(pdf.string()) == before, "the PDF was changed");
}

BOOST_AUTO_TEST_CASE(a_change_after_signing_fails_and_is_named)
{
    Office& o = office();
    testing::Scratch s;
    const fs::path good = signedLetter(o, "to-attack.pdf");
    Run a = run("python3 " + q(source("tests/tools/pdf_attack.py")) + " append-content " + q(good.string()) + " " +
                q(s("attacked.pdf")));
    BOOST_TEST_REQUIRE(a.status == 0, a.output);
    const fs::path pdf = o.copyIn(s("attacked.pdf"), "attacked.pdf");
    const fs::path report = o.makeDir("reports") / "attacked-report.pdf";
    id::bsresign::VerifyResult r =
        o.signer()->verifyPdf(fileUrl(pdf), seq({prop("ReportUrl", fileUrl(report))}));
    BOOST_TEST(!r.Passed);
    BOOST_TEST_REQUIRE(r.Signatures.getLength() == 1);
    const id::bsresign::SignatureVerdict& v = r.Signatures[0];
    BOOST_TEST(str(v.Indication) == "TOTAL-FAILED");
    BOOST_TEST(str(v.SubIndication) == "FORMAT_FAILURE");
    BOOST_TEST(str(v.IntegrityCheck) == "failed");
    bool refused = false;
    for (const auto& c : v.Changes)
        refused = refused || (!c.Allowed && str(c.What).find("/Contents changed") != std::string::npos);
    BOOST_TEST(refused, str(r.Json));
    BOOST_TEST(str(r.Json) == cliJson(o, pdf));
    BOOST_TEST(str(r.ReportUrl) == str(fileUrl(report)));
    Run check = run("qpdf --check " + q(report.string()));
    BOOST_TEST(check.status == 0, check.output);
    const std::string text = testing::collapse(run("pdftotext " + q(report.string()) + " -").output);
    BOOST_TEST(text.find("Sebagaimana ditandatangani / As signed") != std::string::npos, text);
    // Not written over an existing report unless asked, nor over the PDF.
    BOOST_TEST(codeOf(o, pdf, {prop("ReportUrl", fileUrl(report))}) == "OutputExists");
    BOOST_TEST(codeOf(o, pdf, {prop("ReportUrl", fileUrl(pdf)), prop("Overwrite", true)}) == "OutputIsInput");
    BOOST_TEST(codeOf(o, pdf, {prop("ReportUrl", fileUrl(report)), prop("Overwrite", true)}).empty());
}

BOOST_AUTO_TEST_CASE(bad_input_gets_a_code_and_no_signatures_is_not_an_error)
{
    Office& o = office();
    BOOST_TEST(codeOf(o, o.copyIn(pdfs("not-a-pdf.pdf"), "not-a-pdf.pdf")) == "NotPdf");
    BOOST_TEST(codeOf(o, o.copyIn(pdfs("encrypted.pdf"), "encrypted.pdf")) == "EncryptedPdf");
    BOOST_TEST(codeOf(o, o.copyIn(pdfs("truncated.pdf"), "truncated.pdf")) == "MalformedPdf");
    const fs::path plain = o.copyIn(pdfs("letter.pdf"), "plain.pdf");
    BOOST_TEST(codeOf(o, plain, {prop("Reportt", OUString("x"))}) == "BadOption");
    id::bsresign::VerifyResult r = o.signer()->verifyPdf(fileUrl(plain), {});
    BOOST_TEST(!r.Passed);
    BOOST_TEST(r.Signatures.getLength() == 0);
}

BOOST_AUTO_TEST_CASE(the_file_menu_has_verify_for_a_pdf_in_draw_and_in_writer)
{
    Office& o = office();
    const fs::path pdf = signedLetter(o, "menu.pdf");
    Doc draw(o, o.loadDocument(pdf, true, {prop("FilterName", OUString("draw_pdf_import"))}));
    BOOST_TEST(o.moduleOf(draw.model) == "com.sun.star.drawing.DrawingDocument");
    BOOST_TEST(o.dispatchResolves(draw.model, kVerify));
    Office::UiPresence menu = o.menuHasCommand(draw.model, kVerify);
    BOOST_TEST(menu.registered, menu.detail);
    BOOST_TEST(menu.shown, menu.detail);
    Doc writer(o, o.newDocument("private:factory/swriter"));
    Office::UiPresence wmenu = o.menuHasCommand(writer.model, kVerify);
    BOOST_TEST(wmenu.registered, wmenu.detail);
    BOOST_TEST(wmenu.shown, wmenu.detail);
}
