// Integration tests against a real headless LibreOffice with the built .oxt
// installed by unopkg into a throw-away profile (tests/uno/office.hpp).
//
//  harness/   the harness itself, without our extension: start, connect,
//             load, export, the NSS database reaching LibreOffice.
//  extension/ id.bsresign.Signer and the UI integration: every signed output
//             passes pdfsig, mutool, qpdf and openssl cms; the source
//             document is unchanged (modified flag, file bytes, undo stack).
//
// The extension suite shares one office (started on first use, terminated
// after the last test); the harness suite starts its own.
#define BOOST_TEST_MODULE office_integration
#include <sstream>
#include "../support.hpp"
#include "helpers.hpp"
#include "office.hpp"

#include <boost/test/unit_test_monitor.hpp>

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/drawing/XDrawPage.hpp>
#include <com/sun/star/drawing/XDrawPagesSupplier.hpp>
#include <com/sun/star/drawing/XShape.hpp>
#include <com/sun/star/drawing/XShapes.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/reflection/theCoreReflection.hpp>
#include <com/sun/star/security/XCertificate.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/xml/crypto/SEInitializer.hpp>
#include <com/sun/star/xml/crypto/XSecurityEnvironment.hpp>
#include <com/sun/star/xml/crypto/XXMLSecurityContext.hpp>
#include <id/bsresign/CertificateInfo.hpp>
#include <id/bsresign/SignResult.hpp>
#include <id/bsresign/SigningException.hpp>
#include <id/bsresign/XSigner.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <regex>
#include <set>

using namespace bsretest;

namespace {

const std::string kSign = "vnd.bsresign:sign";

// ------------------------------------------------------------------ helpers

// The usual non-interactive options: a soft-token certificate from the
// profile's NSS database, output at `out`.
std::vector<PropertyValue> options(const fs::path& out, const std::string& cert = {})
{
    return with(signingOptions(out, cert.empty() ? fingerprint(pki("officer-rsa.pem")) : cert),
                {prop("Reason", OUString("Persetujuan")), prop("Location", OUString("Jakarta"))});
}

std::set<std::string> listing(const fs::path& dir)
{
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.insert(e.path().filename().string());
    return names;
}

// ------------------------------------------------------------------ shared office

Office& office()
{
    return sharedOffice([] {
        OfficeOptions o;
        o.softhsmToken = true; // a token registered in the profile's NSS database, as officers have
        auto office = std::make_unique<Office>(o);
        const auto& t = office->timings();
        BOOST_TEST_MESSAGE("office with the extension: unopkg " << t.unopkgSeconds << " s, start " << t.startSeconds
                                                                << " s, connect " << t.connectSeconds
                                                                << " s; NSS: " << office->nssSetting());
        return office;
    });
}

// Source documents, made once per office from tests/data/letter.fodt and
// through the API, stored as real files and reloaded from them.
fs::path writerSource(Office& o, const std::string& ext, const std::string& filter) { return letterAs(o, ext, filter); }

fs::path calcSource(Office& o) { return expenseSheet(o); }

fs::path impressSource(Office& o) { return titleSlideDeck(o, "docs/deck.odp"); }

// signDocument on `file` (loaded hidden), checked end to end.
id::bsresign::SignResult signDocumentAndCheck(Office& o, const fs::path& file, const std::string& outName)
{
    Doc d(o, o.loadDocument(file));
    DocState before = stateOf(d.model, file);
    fs::path out = o.makeDir("out") / outName;
    fs::remove(out);
    auto t0 = std::chrono::steady_clock::now();
    id::bsresign::SignResult result;
    try {
        result = o.signer()->signDocument(d.model, seq(options(out)));
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL("signDocument(" << file << "): " << describe(e));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument(" << file << "): " << describe(e));
    }
    BOOST_TEST_MESSAGE("signDocument " << file.filename() << ": "
                                       << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
                                       << " s, level " << str(result.Level));
    BOOST_TEST(str(result.OutputUrl) == str(fileUrl(out)));
    BOOST_TEST(str(result.SignerName).find("Budi Santoso") != std::string::npos, str(result.SignerName));
    BOOST_TEST(!result.SigningTime.isEmpty());
    BOOST_TEST(!result.Level.isEmpty());
    checkSignedExport(out);
    checkUnchanged(before, d.model, file);
    return result;
}

// The command in a module's frame: dispatch, menu bar and Standard toolbar.
void checkModuleUi(Office& o, const Reference<css::frame::XModel>& model)
{
    std::string module = o.moduleOf(model);
    BOOST_TEST_CONTEXT(module)
    {
        BOOST_TEST(o.dispatchResolves(model, kSign), kSign << " does not resolve in " << module);
        Office::UiPresence menu = o.menuHasCommand(model, kSign);
        BOOST_TEST(menu.registered, menu.detail);
        BOOST_TEST(menu.shown, menu.detail);
        BOOST_TEST_MESSAGE(menu.detail);
        Office::UiPresence bar = o.toolbarHasCommand(model, kSign);
        BOOST_TEST(bar.registered, bar.detail);
        BOOST_TEST(bar.shown, bar.detail);
        BOOST_TEST_MESSAGE(bar.detail);
    }
}

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(SharedOfficeTeardown);

// ====================================================================== harness

BOOST_AUTO_TEST_SUITE(harness)

// Everything except our component: a profile without the extension, the
// connection, a hidden document, LibreOffice's own PDF export, and the test
// NSS database as LibreOffice sees it.
BOOST_AUTO_TEST_CASE(office_starts_exports_and_sees_the_test_certificates)
{
    OfficeOptions opts;
    opts.installExtension = false;
    std::unique_ptr<Office> o;
    try {
        o = std::make_unique<Office>(opts);
    } catch (const std::exception& e) {
        BOOST_FAIL("office start: " << e.what());
    }
    BOOST_TEST_MESSAGE("plain office: start " << o->timings().startSeconds << " s (connect "
                                              << o->timings().connectSeconds << " s); NSS: " << o->nssSetting());

    // The profile's NSS database, as LibreOffice's own security environment
    // sees it. First: a PDF export before this initialises NSS without any
    // database (see the_certificates_survive_an_earlier_pdf_export).
    Reference<css::xml::crypto::XSecurityEnvironment> env =
        css::xml::crypto::SEInitializer::create(o->context())->createSecurityContext("")->getSecurityEnvironment();
    std::string subjects;
    for (const auto& c : env->getPersonalCertificates())
        subjects += str(c->getSubjectName()) + "\n";
    BOOST_TEST(subjects.find("CN=Budi Santoso") != std::string::npos, subjects);
    BOOST_TEST(subjects.find("CN=Siti Rahayu") != std::string::npos, subjects);

    fs::path letter = o->copyIn(source("tests/data/letter.fodt"), "letter.fodt");
    Doc d(*o, o->loadDocument(letter));
    BOOST_TEST(o->moduleOf(d.model) == "com.sun.star.text.TextDocument");
    DocState before = stateOf(d.model, letter);
    BOOST_TEST(!before.modified);
    BOOST_TEST(before.undo == 0u);

    fs::path pdf = o->makeDir("out") / "letter.pdf";
    auto t0 = std::chrono::steady_clock::now();
    o->storeToUrl(d.model, pdf, "writer_pdf_Export");
    BOOST_TEST_MESSAGE("one PDF export: " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
                                          << " s");
    BOOST_TEST_REQUIRE(fs::exists(pdf));
    Run info = run("pdfinfo " + q(pdf.string()));
    BOOST_TEST(info.status == 0, info.output);
    BOOST_TEST(std::regex_search(info.output, std::regex("Pages:\\s+1\\n")), info.output);
    checkUnchanged(before, d.model, letter);

    // The validator chain the extension suite uses, on this export signed by
    // the command-line tool (no component involved).
    fs::path signedPdf = o->path("out/letter-cli.pdf");
    Run cli = testing::sign(pdf.string(), signedPdf.string(), "--cert officer-rsa");
    BOOST_TEST_REQUIRE(cli.status == 0, cli.output);
    checkSignedExport(signedPdf);
}

// The same database handed over through MOZILLA_CERTIFICATE_FOLDER instead
// of the Certificate Path option.
BOOST_AUTO_TEST_CASE(the_nss_database_can_also_come_from_the_environment)
{
    OfficeOptions opts;
    opts.installExtension = false;
    opts.nssViaEnvironment = true;
    Office o(opts);
    Reference<css::xml::crypto::XSecurityEnvironment> env =
        css::xml::crypto::SEInitializer::create(o.context())->createSecurityContext("")->getSecurityEnvironment();
    std::string subjects;
    for (const auto& c : env->getPersonalCertificates())
        subjects += str(c->getSubjectName()) + "\n";
    BOOST_TEST(subjects.find("CN=Budi Santoso") != std::string::npos, subjects);
}

BOOST_AUTO_TEST_SUITE_END()

// ====================================================================== extension

BOOST_AUTO_TEST_SUITE(extension)

BOOST_AUTO_TEST_CASE(the_client_knows_the_extension_types)
{
    // The client's own type library includes bsresign.rdb ($BSRE_RDB).
    BOOST_TEST_REQUIRE(fs::exists(testing::env("BSRE_RDB")), "no type library at $BSRE_RDB");
    auto refl = css::reflection::theCoreReflection::get(localContext());
    BOOST_TEST(refl->forName("id.bsresign.XSigner").is());
    BOOST_TEST(refl->forName("id.bsresign.SigningException").is());
}

BOOST_AUTO_TEST_CASE(the_service_lists_certificates_with_their_problems)
{
    Office& o = office();
    css::uno::Sequence<id::bsresign::CertificateInfo> certs;
    try {
        certs = o.signer()->listCertificates();
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("listCertificates: " << describe(e));
    }
    auto find = [&](const std::string& pem) -> const id::bsresign::CertificateInfo* {
        std::string fp = fingerprint(pki(pem));
        for (const auto& c : certs)
            if (str(c.Fingerprint) == fp)
                return &c;
        return nullptr;
    };
    const auto* rsa = find("officer-rsa.pem");
    BOOST_TEST_REQUIRE(rsa != nullptr, "officer-rsa is not listed");
    BOOST_TEST(rsa->Usable);
    BOOST_TEST(str(rsa->CommonName) == "Budi Santoso");
    BOOST_TEST(str(rsa->Organisation) == "Kementerian Contoh");
    BOOST_TEST(str(rsa->Issuer).find("BSrE Test Issuing CA") != std::string::npos, str(rsa->Issuer));
    BOOST_TEST(rsa->Problem.isEmpty());

    const auto* expired = find("expired.pem");
    BOOST_TEST_REQUIRE(expired != nullptr, "the expired certificate is not listed");
    BOOST_TEST(!expired->Usable);
    BOOST_TEST(str(expired->ProblemCode) == "CertificateExpired");
    BOOST_TEST(!expired->Problem.isEmpty());

    const auto* wrongku = find("wrongku.pem");
    BOOST_TEST_REQUIRE(wrongku != nullptr, "the encryption-only certificate is not listed");
    BOOST_TEST(!wrongku->Usable);

    const auto* token = find("token-officer.pem");
    BOOST_TEST_REQUIRE(token != nullptr, "the SoftHSM2 token's certificate is not listed");
    BOOST_TEST(str(token->Token) == "bsre-test");
}

// In a fresh soffice, a plain PDF export (any hashing, in fact) initialises
// NSS without a database before LibreOffice's security environment does; from
// then on LibreOffice's own certificate list is empty (observed in 7.4, with
// the Certificate Path option and with MOZILLA_CERTIFICATE_FOLDER). Our
// signer must still find the profile's certificates, and sign.
BOOST_AUTO_TEST_CASE(the_certificates_survive_an_earlier_pdf_export)
{
    Office o; // its own: the shared office's NSS may already be initialised
    fs::path letter = o.copyIn(source("tests/data/letter.fodt"), "docs/letter.fodt");
    Doc d(o, o.loadDocument(letter));
    o.storeToUrl(d.model, o.makeDir("out") / "plain.pdf", "writer_pdf_Export");

    std::string fp = fingerprint(pki("officer-rsa.pem"));
    bool listed = false;
    for (const auto& c : o.signer()->listCertificates())
        listed = listed || (str(c.Fingerprint) == fp && c.Usable);
    BOOST_TEST(listed, "officer-rsa is not listed as usable after a plain PDF export");

    fs::path out = o.path("out/after-export.pdf");
    try {
        o.signer()->signDocument(d.model, seq(options(out)));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument after a plain PDF export: " << describe(e));
    }
    checkSignedExport(out);
}

// ---- signing each kind of document ----------------------------------------

BOOST_AUTO_TEST_CASE(sign_a_writer_odt)
{
    Office& o = office();
    signDocumentAndCheck(o, writerSource(o, "odt", "writer8"), "letter-odt.pdf");
}

BOOST_AUTO_TEST_CASE(sign_a_writer_docx)
{
    Office& o = office();
    signDocumentAndCheck(o, writerSource(o, "docx", "MS Word 2007 XML"), "letter-docx.pdf");
}

BOOST_AUTO_TEST_CASE(sign_a_calc_sheet)
{
    Office& o = office();
    signDocumentAndCheck(o, calcSource(o), "sheet.pdf");
}

BOOST_AUTO_TEST_CASE(sign_an_impress_deck)
{
    Office& o = office();
    signDocumentAndCheck(o, impressSource(o), "deck.pdf");
}

BOOST_AUTO_TEST_CASE(sign_a_pdf)
{
    Office& o = office();
    fs::path in = o.copyIn(pdfs("letter.pdf"), "in/letter.pdf");
    std::string inBytes = slurp(in.string());
    fs::path out = o.makeDir("out") / "letter-pdf.pdf";
    fs::remove(out);
    std::vector<PropertyValue> opts = options(out);
    opts.push_back(prop("Visible", true));
    opts.push_back(prop("Page", sal_Int32(1)));
    css::uno::Sequence<double> rect(4);
    rect[0] = 340;
    rect[1] = 90;
    rect[2] = 200;
    rect[3] = 60;
    opts.push_back(prop("Rect", rect));
    try {
        auto result = o.signer()->signPdf(fileUrl(in), seq(opts));
        BOOST_TEST(str(result.OutputUrl) == str(fileUrl(out)));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signPdf: " << describe(e));
    }
    testing::checkSignedOutput(in.string(), out.string(), 1);
    BOOST_TEST((slurp(in.string()) == inBytes), "the input PDF changed");
}

// A PDF opened in Draw is signed as the original file, not re-exported.
BOOST_AUTO_TEST_CASE(sign_a_pdf_opened_in_draw)
{
    Office& o = office();
    fs::path in = o.copyIn(pdfs("letter.pdf"), "in/draw-letter.pdf");
    Doc d(o, o.loadDocument(in));
    BOOST_TEST(o.moduleOf(d.model) == "com.sun.star.drawing.DrawingDocument");
    DocState before = stateOf(d.model, in);
    fs::path out = o.makeDir("out") / "draw-letter-signed.pdf";
    fs::remove(out);
    try {
        o.signer()->signDocument(d.model, seq(options(out)));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument on a PDF in Draw: " << describe(e));
    }
    testing::checkSignedOutput(in.string(), out.string(), 1); // the original is a prefix
    checkUnchanged(before, d.model, in);
}

// Unsaved edits: the export shows them, the document keeps its modified
// flag and its undo stack.
BOOST_AUTO_TEST_CASE(a_modified_document_stays_modified_with_its_undo_stack)
{
    Office& o = office();
    fs::path file = writerSource(o, "odt", "writer8");
    Doc d(o, o.loadDocument(file));
    Reference<css::text::XTextDocument> td(d.model, css::uno::UNO_QUERY_THROW);
    Reference<css::text::XText> text = td->getText();
    text->insertString(text->getEnd(), "Tambahan yang belum disimpan.", false);
    DocState before = stateOf(d.model, file);
    BOOST_TEST_REQUIRE(before.modified);
    BOOST_TEST_REQUIRE(before.undo > 0u);
    fs::path out = o.makeDir("out") / "modified.pdf";
    fs::remove(out);
    try {
        o.signer()->signDocument(d.model, seq(options(out)));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument: " << describe(e));
    }
    checkSignedExport(out);
    checkUnchanged(before, d.model, file);
    // pdftotext breaks lines where the layout does: compare with whitespace collapsed.
    Run pdfText = run("pdftotext " + q(out.string()) + " -");
    std::string flat = std::regex_replace(pdfText.output, std::regex("\\s+"), " ");
    BOOST_TEST(flat.find("Tambahan yang belum disimpan.") != std::string::npos,
               "the export must show the unsaved edit: " << flat);
}

// Without OutputUrl the output goes beside the document as <name>_signed.pdf.
BOOST_AUTO_TEST_CASE(the_default_output_is_beside_the_document)
{
    Office& o = office();
    fs::path file = o.copyIn(writerSource(o, "odt", "writer8"), "beside/letter.odt");
    fs::path expected = o.path("beside/letter_signed.pdf");
    fs::remove(expected);
    Doc d(o, o.loadDocument(file));
    std::vector<PropertyValue> opts = {prop("Certificate", ustr(fingerprint(pki("officer-rsa.pem")))),
                                       prop("Interactive", false)};
    try {
        auto result = o.signer()->signDocument(d.model, seq(opts));
        BOOST_TEST(str(result.OutputUrl) == str(fileUrl(expected)));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument: " << describe(e));
    }
    checkSignedExport(expected);
}

BOOST_AUTO_TEST_CASE(an_ec_certificate_signs_too)
{
    Office& o = office();
    fs::path file = writerSource(o, "odt", "writer8");
    Doc d(o, o.loadDocument(file));
    fs::path out = o.makeDir("out") / "letter-ec.pdf";
    fs::remove(out);
    try {
        auto result = o.signer()->signDocument(d.model, seq(options(out, fingerprint(pki("officer-ec.pem")))));
        BOOST_TEST(str(result.SignerName).find("Siti Rahayu") != std::string::npos, str(result.SignerName));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument: " << describe(e));
    }
    checkSignedExport(out);
}

// ---- tokens ------------------------------------------------------------------

// A wrong PIN fails, with nothing written, on a token not yet logged in and
// again right after a successful signature (the slot is then logged in: the
// PIN must still be checked).
BOOST_AUTO_TEST_CASE(a_wrong_token_pin_is_refused_and_nothing_is_written)
{
    Office& o = office();
    fs::path file = writerSource(o, "odt", "writer8");
    Doc d(o, o.loadDocument(file));
    DocState before = stateOf(d.model, file);
    fs::path dir = o.makeDir("out-badpin");
    fs::path out = dir / "never.pdf";
    auto withPin = [&](const fs::path& target, const char* pin) {
        std::vector<PropertyValue> opts = options(target, fingerprint(pki("token-officer.pem")));
        opts.push_back(prop("Pin", OUString::createFromAscii(pin)));
        return seq(opts);
    };

    auto filesBefore = listing(dir);
    BOOST_TEST(signingFailure([&] { o.signer()->signDocument(d.model, withPin(out, "9999")); },
                              "a wrong PIN on a token not logged in") == "BadPin");
    BOOST_TEST(!fs::exists(out));
    BOOST_TEST((listing(dir) == filesBefore), "no temporary file may stay behind");
    checkUnchanged(before, d.model, file);

    fs::path good = o.makeDir("out") / "letter-token-first.pdf";
    fs::remove(good);
    try {
        o.signer()->signDocument(d.model, withPin(good, "1234"));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument with the right PIN: " << describe(e));
    }
    checkSignedExport(good);

    filesBefore = listing(dir);
    BOOST_TEST(signingFailure([&] { o.signer()->signDocument(d.model, withPin(out, "9999")); },
                              "a wrong PIN right after a successful signature with the right one") == "BadPin");
    BOOST_TEST(!fs::exists(out));
    BOOST_TEST((listing(dir) == filesBefore), "no temporary file may stay behind");
    checkUnchanged(before, d.model, file);
}

BOOST_AUTO_TEST_CASE(a_token_certificate_signs_with_the_pin_option)
{
    Office& o = office();
    fs::path file = writerSource(o, "odt", "writer8");
    Doc d(o, o.loadDocument(file));
    DocState before = stateOf(d.model, file);
    fs::path out = o.makeDir("out") / "letter-token.pdf";
    fs::remove(out);
    std::vector<PropertyValue> opts = options(out, fingerprint(pki("token-officer.pem")));
    opts.push_back(prop("Pin", OUString("1234")));
    try {
        auto result = o.signer()->signDocument(d.model, seq(opts));
        BOOST_TEST(str(result.SignerName).find("Agus Token") != std::string::npos, str(result.SignerName));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument with the token: " << describe(e));
    }
    checkSignedExport(out);
    checkUnchanged(before, d.model, file);
}

// The token named only by the extension's Signing/Pkcs11Modules setting (what
// IT locks for every desk, docs/CONFIGURATION.md): its own office, whose NSS
// database has no SoftHSM2 module, so the token is out until the setting
// names the module; the premise is checked before the module is loaded (it
// stays loaded for the life of soffice).
BOOST_AUTO_TEST_CASE(a_token_module_named_in_the_settings_is_loaded)
{
    OfficeOptions opts;
    opts.softhsmToken = true;
    opts.softhsmInDatabase = false;
    Office o(opts);
    const std::string tokenFp = fingerprint(pki("token-officer.pem"));
    auto tokenListed = [&](const char* when) {
        std::string names;
        bool found = false;
        for (const auto& c : o.signer()->listCertificates()) {
            names += str(c.CommonName) + " [" + str(c.Token) + "]; ";
            found = found ||
                    (str(c.Fingerprint) == tokenFp && str(c.CommonName) == "Agus Token" && str(c.Token) == "bsre-test");
        }
        BOOST_TEST(names.find("Budi Santoso") != std::string::npos, when << ": " << names);
        BOOST_TEST_MESSAGE(when << ": " << names);
        return found;
    };
    BOOST_TEST_REQUIRE(!tokenListed("without the setting"), "the token is listed before any module is named");

    const OUString module = ustr(testing::softhsmModule());
    ConfigValue modules(o, "/id.bsresign.Settings/Signing", "Pkcs11Modules",
                        css::uno::Any(css::uno::Sequence<OUString>(&module, 1)));
    BOOST_TEST_REQUIRE(tokenListed("with the setting"), "Agus Token is not listed with the module in the settings");

    fs::path in = o.copyIn(pdfs("letter.pdf"), "in/letter.pdf");
    const std::string inBytes = slurp(in.string());
    fs::path out = o.makeDir("out") / "letter-module-setting.pdf";
    try {
        auto result = o.signer()->signPdf(fileUrl(in), seq(with(options(out, tokenFp), prop("Pin", OUString("1234")))));
        BOOST_TEST(str(result.SignerName).find("Agus Token") != std::string::npos, str(result.SignerName));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signPdf with the token of the module setting: " << describe(e));
    }
    testing::checkSignedOutput(in.string(), out.string(), 1);
    BOOST_TEST((slurp(in.string()) == inBytes), "the input PDF changed");
}

// ---- refusals ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_unknown_certificate_is_refused_and_nothing_is_written)
{
    Office& o = office();
    fs::path file = writerSource(o, "odt", "writer8");
    Doc d(o, o.loadDocument(file));
    DocState before = stateOf(d.model, file);
    fs::path dir = o.makeDir("out-unknown");
    auto filesBefore = listing(dir);
    fs::path out = dir / "never.pdf";
    std::string code = signingFailure(
        [&] { o.signer()->signDocument(d.model, seq(options(out, std::string(64, 'A')))); });
    BOOST_TEST(code == "CertificateNotFound");
    BOOST_TEST(!fs::exists(out));
    BOOST_TEST((listing(dir) == filesBefore), "no temporary file may stay behind");
    checkUnchanged(before, d.model, file);

    // signPdf refuses the same way and leaves the input alone.
    fs::path in = o.copyIn(pdfs("letter.pdf"), "in/unknown-cert.pdf");
    std::string inBytes = slurp(in.string());
    code = signingFailure([&] { o.signer()->signPdf(fileUrl(in), seq(options(out, std::string(64, 'A')))); });
    BOOST_TEST(code == "CertificateNotFound");
    BOOST_TEST(!fs::exists(out));
    BOOST_TEST((slurp(in.string()) == inBytes));
}

BOOST_AUTO_TEST_CASE(an_existing_output_is_kept_unless_overwrite_is_given)
{
    Office& o = office();
    fs::path file = writerSource(o, "odt", "writer8");
    Doc d(o, o.loadDocument(file));
    DocState before = stateOf(d.model, file);
    fs::path dir = o.makeDir("out-exists");
    fs::path out = dir / "exists.pdf";
    testing::spit(out.string(), "not to be replaced");
    o.handOver(out);
    auto filesBefore = listing(dir);

    std::string code = signingFailure([&] { o.signer()->signDocument(d.model, seq(options(out))); });
    BOOST_TEST(code == "OutputExists");
    BOOST_TEST(slurp(out.string()) == "not to be replaced");
    BOOST_TEST((listing(dir) == filesBefore), "no temporary file may stay behind");
    checkUnchanged(before, d.model, file);

    std::vector<PropertyValue> opts = options(out);
    opts.push_back(prop("Overwrite", true));
    try {
        o.signer()->signDocument(d.model, seq(opts));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signDocument with Overwrite: " << describe(e));
    }
    checkSignedExport(out);
    checkUnchanged(before, d.model, file);
}

BOOST_AUTO_TEST_CASE(an_expired_certificate_is_refused)
{
    Office& o = office();
    fs::path file = writerSource(o, "odt", "writer8");
    Doc d(o, o.loadDocument(file));
    fs::path out = o.makeDir("out") / "expired.pdf";
    fs::remove(out);
    std::string code =
        signingFailure([&] { o.signer()->signDocument(d.model, seq(options(out, fingerprint(pki("expired.pem"))))); });
    BOOST_TEST(code == "CertificateExpired");
    BOOST_TEST(!fs::exists(out));
}

// ---- the command in each module's UI -----------------------------------------

// Hidden documents: the harness asks the layout manager for the menu bar and
// toolbar (a visible Calc window crashes headless soffice 7.4).
BOOST_AUTO_TEST_CASE(writer_shows_and_resolves_the_command)
{
    Office& o = office();
    Doc d(o, o.loadDocument(writerSource(o, "odt", "writer8")));
    checkModuleUi(o, d.model);
}

// LibreOffice 7.4's headless Calc has aborted once in its own scheduler
// (SvpSalInstance::CheckTimeout, signal 6) while this check built a hidden
// document's toolbar, on a CI machine under load. The check then runs once
// more in a new office and the crash is reported; a second crash fails.
BOOST_AUTO_TEST_CASE(calc_shows_and_resolves_the_command)
{
    for (int attempt = 1;; ++attempt) {
        Office& o = office();
        try {
            Doc d(o, o.newDocument("private:factory/scalc"));
            checkModuleUi(o, d.model);
            return;
        } catch (const std::exception& e) {
            if (attempt == 2 || o.alive())
                throw;
            BOOST_TEST_MESSAGE("LibreOffice crashed during the Calc check (" << e.what() << "):\n"
                                                                               << o.log() << "\nonce more in a new office");
        }
    }
}

BOOST_AUTO_TEST_CASE(impress_shows_and_resolves_the_command)
{
    Office& o = office();
    Doc d(o, o.newDocument("private:factory/simpress"));
    checkModuleUi(o, d.model);
}

BOOST_AUTO_TEST_CASE(draw_shows_and_resolves_the_command)
{
    Office& o = office();
    Doc d(o, o.newDocument("private:factory/sdraw"));
    checkModuleUi(o, d.model);
}

// ---- the usage ledger -----------------------------------------------------

BOOST_AUTO_TEST_CASE(each_attempt_is_one_record_in_the_usage_ledger_without_names_of_files)
{
    Office& o = office();
    const size_t before = ledgerLines(o).size();
    signDocumentAndCheck(o, calcSource(o), "sheet-ledger.pdf");
    signDocumentAndCheck(o, impressSource(o), "deck-ledger.pdf");
    {
        Doc draw(o, o.newDocument("private:factory/sdraw"));
        fs::path drawOut = o.makeDir("out") / "drawing-ledger.pdf";
        fs::remove(drawOut);
        o.signer()->signDocument(draw.model, seq(options(drawOut)));
    }
    fs::path pdfIn = o.copyIn(pdfs("letter.pdf"), "in/ledger-letter.pdf");
    fs::path pdfOut = o.makeDir("out") / "ledger-letter_signed.pdf";
    fs::remove(pdfOut);
    o.signer()->signPdf(fileUrl(pdfIn), seq(options(pdfOut)));
    fs::path file = writerSource(o, "odt", "writer8");
    Doc d(o, o.loadDocument(file));
    fs::path out = o.makeDir("out") / "expired-ledger.pdf";
    std::string code =
        signingFailure([&] { o.signer()->signDocument(d.model, seq(options(out, fingerprint(pki("expired.pem"))))); });
    BOOST_TEST(code == "CertificateExpired");
    const std::vector<std::string> lines = ledgerLines(o);
    BOOST_TEST_REQUIRE(lines.size() == before + 5, "one record per attempt");
    const std::string& ok = lines[before];
    const std::string& refused = lines[before + 4];
    for (auto [i, source] : {std::pair<size_t, const char*>{1, "Impress"}, {2, "Draw"}, {3, "PDF"}}) {
        BOOST_TEST(lines[before + i].find(std::string("\"source\":\"") + source + "\"") != std::string::npos,
                   lines[before + i]);
        BOOST_TEST(lines[before + i].find("\"result\":\"signed\"") != std::string::npos, lines[before + i]);
    }
    BOOST_TEST(ok.find("\"result\":\"signed\"") != std::string::npos, ok);
    BOOST_TEST(ok.find("\"source\":\"Calc\"") != std::string::npos, ok);
    BOOST_TEST(ok.find("\"tool\":\"extension\"") != std::string::npos, ok);
    BOOST_TEST(ok.find("\"fingerprint\":\"" + fingerprint(pki("officer-rsa.pem")) + "\"") != std::string::npos, ok);
    BOOST_TEST(refused.find("\"result\":\"refused\",\"code\":\"CertificateExpired\"") != std::string::npos, refused);
    BOOST_TEST(refused.find("\"source\":\"Writer\"") != std::string::npos, refused);
    for (const std::string& l : lines)
        for (const char* name : {"sheet", "letter", ".pdf", ".odt", "Perjalanan dinas", "Alat tulis"})
            BOOST_TEST(l.find(name) == std::string::npos, "no \"" << name << "\" in the ledger: " << l);
}

BOOST_AUTO_TEST_CASE(a_refusal_in_every_module_is_one_record_with_its_code)
{
    Office& o = office();
    const std::string expired = fingerprint(pki("expired.pem"));
    const size_t before = ledgerLines(o).size();
    fs::path out = o.makeDir("out") / "refused-ledger.pdf";
    for (const fs::path& file : {calcSource(o), impressSource(o)}) {
        Doc d(o, o.loadDocument(file));
        BOOST_TEST(signingFailure([&] { o.signer()->signDocument(d.model, seq(options(out, expired))); }) ==
                   "CertificateExpired");
    }
    {
        Doc draw(o, o.newDocument("private:factory/sdraw"));
        BOOST_TEST(signingFailure([&] { o.signer()->signDocument(draw.model, seq(options(out, expired))); }) ==
                   "CertificateExpired");
    }
    fs::path pdfIn = o.copyIn(pdfs("letter.pdf"), "in/refused-letter.pdf");
    BOOST_TEST(signingFailure([&] { o.signer()->signPdf(fileUrl(pdfIn), seq(options(out, expired))); }) ==
               "CertificateExpired");
    BOOST_TEST(!fs::exists(out));
    const std::vector<std::string> lines = ledgerLines(o);
    BOOST_TEST_REQUIRE(lines.size() == before + 4, "one record per refusal");
    const char* sources[] = {"Calc", "Impress", "Draw", "PDF"};
    for (size_t i = 0; i < 4; ++i) {
        const std::string& l = lines[before + i];
        BOOST_TEST(l.find("\"result\":\"refused\",\"code\":\"CertificateExpired\"") != std::string::npos, l);
        BOOST_TEST(l.find(std::string("\"source\":\"") + sources[i] + "\"") != std::string::npos, l);
    }
}

BOOST_AUTO_TEST_CASE(tools_bsre_usage_report_builds_the_report_from_the_ledger)
{
    Office& o = office();
    signDocumentAndCheck(o, calcSource(o), "sheet-report.pdf"); // at least one record this year
    const std::string year = testing::run("date +%Y").output.substr(0, 4);
    size_t signedThisYear = 0;
    for (const std::string& l : ledgerLines(o))
        if (l.find("\"time\":\"" + year) != std::string::npos && l.find("\"result\":\"signed\"") != std::string::npos)
            ++signedThisYear;
    Doc d(o, o.loadDocument(writerSource(o, "odt", "writer8")));
    BOOST_TEST(o.dispatchResolves(d.model, "vnd.bsresign:report"));
    Office::UiPresence menu = o.menuHasCommand(d.model, "vnd.bsresign:report");
    BOOST_TEST(menu.registered, menu.detail);
    o.dispatch(d.model, "vnd.bsresign:report");
    const fs::path report = o.home() / ".local/share/bsre-sign/reports" / ("laporan-pemanfaatan-" + year + ".pdf");
    BOOST_TEST_REQUIRE(fs::exists(report), report);
    testing::Run check = testing::run("qpdf --check " + testing::q(report.string()));
    BOOST_TEST(check.status == 0, check.output);
    const std::string text = testing::run("pdftotext -layout " + testing::q(report.string()) + " -").output;
    BOOST_TEST(text.find("Laporan Pemanfaatan Sertifikat Elektronik") != std::string::npos, text);
    BOOST_TEST(text.find("Documents signed: " + std::to_string(signedThisYear)) != std::string::npos,
               signedThisYear << " signed this year; the report says:\n" << text);
}

BOOST_AUTO_TEST_CASE(with_hashed_file_names_a_record_carries_the_hash_never_the_name)
{
    Office& o = office();
    ConfigValue hashed(o, "/id.bsresign.Settings/Ledger", "HashFileNames", css::uno::Any(true));
    const size_t before = ledgerLines(o).size();
    fs::path in = o.copyIn(pdfs("letter.pdf"), "in/surat-rahasia.pdf");
    fs::path out = o.makeDir("out") / "surat-rahasia_signed.pdf";
    fs::remove(out);
    o.signer()->signPdf(fileUrl(in), seq(options(out)));
    const std::vector<std::string> lines = ledgerLines(o);
    BOOST_TEST_REQUIRE(lines.size() == before + 1);
    const std::string expected =
        "sha256:" + testing::run("printf %s surat-rahasia.pdf | sha256sum | cut -c1-64").output.substr(0, 64);
    BOOST_TEST(lines.back().find("\"file\":\"" + expected + "\"") != std::string::npos, lines.back());
    BOOST_TEST(lines.back().find("rahasia") == std::string::npos, lines.back());
}

BOOST_AUTO_TEST_CASE(a_ledger_that_cannot_be_written_is_a_warning_or_with_required_a_refusal)
{
    Office& o = office();
    testing::spit(o.path("not-a-folder").string(), "a file where the ledger folder should be");
    ConfigValue folder(o, "/id.bsresign.Settings/Ledger", "Folder", css::uno::Any(ustr(o.path("not-a-folder/ledger").string())));
    fs::path in = o.copyIn(pdfs("letter.pdf"), "in/unrecorded.pdf");
    fs::path out = o.makeDir("out") / "unrecorded_signed.pdf";
    fs::remove(out);
    id::bsresign::SignResult r = o.signer()->signPdf(fileUrl(in), seq(options(out)));
    BOOST_TEST(fs::exists(out));
    bool warned = false;
    for (const auto& w : r.Warnings)
        warned = warned || str(w).find("usage ledger") != std::string::npos;
    BOOST_TEST(warned, "the result says the ledger could not be written");
    ConfigValue required(o, "/id.bsresign.Settings/Ledger", "Required", css::uno::Any(true));
    fs::path out2 = o.makeDir("out") / "unrecorded2_signed.pdf";
    fs::remove(out2);
    std::string code = signingFailure([&] { o.signer()->signPdf(fileUrl(in), seq(options(out2))); });
    BOOST_TEST(code == "Io");
    BOOST_TEST(!fs::exists(out2));
}

BOOST_AUTO_TEST_SUITE_END()
