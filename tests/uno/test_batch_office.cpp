// Several files with one PIN (issue 14) through a real headless LibreOffice:
// XSigner::signFiles on a folder of Writer (.odt, .docx), Calc, Impress
// documents and PDFs, signed with the SoftHSM2 token's certificate. The token
// is registered through tests/pkcs11_pin_shim.c, which counts the logins
// (C_Login), so "one PIN, one login" is observed, not assumed. Every output
// passes pdfsig, mutool, qpdf, openssl cms and our verifier; every source is
// byte for byte unchanged; bad files (not a PDF, encrypted) are refused with
// their code and sentence while the others are signed; the output folder holds
// exactly the signed PDFs. The File menu's "Sign several files with BSrE…".
#define BOOST_TEST_MODULE batch_office
#include "../support.hpp"
#include "helpers.hpp"
#include "office.hpp"

#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <id/bsresign/FileSignResult.hpp>
#include <id/bsresign/SignResult.hpp>
#include <id/bsresign/SigningException.hpp>
#include <id/bsresign/XSigner.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace bsretest;

namespace {

const std::string kSignFiles = "vnd.bsresign:signfiles";
const std::string kTokenPin = "1234"; // tests/fixtures/make-pki.sh

Office& office()
{
    return sharedOffice([] {
        OfficeOptions o;
        o.softhsmToken = true; // the officer's token, as officers have
        o.pinShim = true;      // ... behind the shim that counts logins
        auto office = std::make_unique<Office>(o);
        BOOST_TEST_MESSAGE("office with the extension and the token: start " << office->timings().startSeconds << " s");
        return office;
    });
}

std::string tokenCertificate() { return fingerprint(pki("token-officer.pem")); }

// The batch options: the token's certificate, its PIN, no dialogs.
std::vector<PropertyValue> batchOptions(const std::string& pin = kTokenPin)
{
    return {prop("Certificate", ustr(tokenCertificate())), prop("Pin", ustr(pin)), prop("Interactive", false),
            prop("Reason", OUString("Persetujuan")), prop("Location", OUString("Jakarta"))};
}

css::uno::Sequence<OUString> urls(std::initializer_list<fs::path> paths)
{
    css::uno::Sequence<OUString> s(static_cast<sal_Int32>(paths.size()));
    sal_Int32 i = 0;
    for (const fs::path& p : paths)
        s.getArray()[i++] = fileUrl(p);
    return s;
}

std::map<std::string, std::string> contents(const fs::path& dir)
{
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out[e.path().filename().string()] = slurp(e.path().string());
    return out;
}

fs::path sheet(Office& o) { return expenseSheet(o); }

// The documents the office has open (each batch document is closed after it).
size_t openDocuments(Office& o)
{
    Reference<css::container::XEnumeration> e = o.desktop()->getComponents()->createEnumeration();
    size_t n = 0;
    for (; e->hasMoreElements(); ++n)
        e->nextElement();
    return n;
}

// A folder `rel` with a letter (.odt and .docx), a sheet, a deck, a PDF and
// two PDFs that cannot be signed (not a PDF, encrypted).
fs::path batchFolder(Office& o, const std::string& rel)
{
    o.makeDir(rel);
    o.copyIn(letterAs(o, "odt", "writer8"), rel + "/letter.odt");
    o.copyIn(letterAs(o, "docx", "MS Word 2007 XML"), rel + "/letter.docx");
    o.copyIn(sheet(o), rel + "/sheet.ods");
    o.copyIn(titleSlideDeck(o, "docs/deck.odp"), rel + "/deck.odp");
    o.copyIn(pdfs("letter.pdf"), rel + "/letter.pdf");
    o.copyIn(pdfs("not-a-pdf.pdf"), rel + "/not-a-pdf.pdf");
    o.copyIn(pdfs("encrypted.pdf"), rel + "/encrypted.pdf");
    return o.path(rel);
}

struct Expected {
    const char* input;
    const char* output;  // signed: the output's name; else nullptr
    const char* code;    // refused: its code
    const char* phrase;  // refused: a phrase of its English sentence
};

// In name order, as a folder is taken. Three inputs named "letter": their
// outputs carry the extension.
const Expected kFolder[] = {
    {"deck.odp", "deck_signed.pdf", nullptr, nullptr},
    {"encrypted.pdf", nullptr, "EncryptedPdf", "is encrypted"},
    {"letter.docx", "letter_docx_signed.pdf", nullptr, nullptr},
    {"letter.odt", "letter_odt_signed.pdf", nullptr, nullptr},
    {"letter.pdf", "letter_pdf_signed.pdf", nullptr, nullptr},
    {"not-a-pdf.pdf", nullptr, "NotPdf", "is not a PDF"},
    {"sheet.ods", "sheet_signed.pdf", nullptr, nullptr},
};

css::uno::Sequence<id::bsresign::FileSignResult> signFiles(Office& o, const css::uno::Sequence<OUString>& files,
                                                           const std::vector<PropertyValue>& options)
{
    try {
        return o.signer()->signFiles(files, seq(options));
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL("signFiles: " << describe(e));
    } catch (const css::uno::Exception& e) {
        BOOST_FAIL("signFiles: " << describe(e));
    }
    return {};
}

void checkOutcome(const id::bsresign::FileSignResult& r, const Expected& e, const fs::path& in, const fs::path& out)
{
    BOOST_TEST_CONTEXT(e.input)
    {
        BOOST_TEST(str(r.InputUrl) == str(fileUrl(in / e.input)));
        BOOST_TEST(r.Signed == (e.output != nullptr), str(r.Code) << ": " << str(r.Message));
        if (!e.output) {
            BOOST_TEST(str(r.Code) == e.code);
            BOOST_TEST(str(r.Message).find(e.phrase) != std::string::npos, str(r.Message));
            BOOST_TEST(r.Result.OutputUrl.isEmpty());
            return;
        }
        BOOST_TEST(r.Code.isEmpty());
        BOOST_TEST(r.Message.isEmpty());
        BOOST_TEST(str(r.Result.OutputUrl) == str(fileUrl(out / e.output)));
        BOOST_TEST(str(r.Result.SignerName).find("Agus Token") != std::string::npos, str(r.Result.SignerName));
        if (std::string(e.input) == "letter.pdf")
            testing::checkSignedOutput((in / e.input).string(), (out / e.output).string(), 1);
        else
            checkSignedExport(out / e.output);
    }
}

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(SharedOfficeTeardown);

BOOST_AUTO_TEST_SUITE(batch)

BOOST_AUTO_TEST_CASE(a_folder_is_signed_with_one_pin_and_one_login_and_bad_files_are_refused)
{
    Office& o = office();
    const fs::path in = batchFolder(o, "batch/in");
    const fs::path out = o.makeDir("batch/out");
    const auto sourcesBefore = contents(in);
    const int loginsBefore = o.tokenLogins();
    const size_t ledgerBefore = ledgerLines(o).size();
    const size_t openBefore = openDocuments(o);

    auto results = signFiles(o, urls({in}), with(batchOptions(), prop("OutputFolder", fileUrl(out))));

    BOOST_TEST(openDocuments(o) == openBefore, "every document the batch opened is closed");
    BOOST_TEST(o.tokenLogins() - loginsBefore == 1, "one login for the whole batch");
    BOOST_TEST_REQUIRE(results.getLength() == static_cast<sal_Int32>(std::size(kFolder)));
    for (size_t i = 0; i < std::size(kFolder); ++i)
        checkOutcome(results[static_cast<sal_Int32>(i)], kFolder[i], in, out);
    BOOST_TEST((contents(in) == sourcesBefore), "a source file changed, or a file (lock, temporary) appeared beside them");
    std::set<std::string> expected;
    for (const Expected& e : kFolder)
        if (e.output)
            expected.insert(e.output);
    BOOST_TEST((fileNames(out) == expected), "the output folder holds exactly the signed PDFs");

    // One ledger record per file: five signed, two refused with their codes.
    const std::vector<std::string> lines = ledgerLines(o);
    BOOST_TEST_REQUIRE(lines.size() == ledgerBefore + std::size(kFolder));
    for (size_t i = 0; i < std::size(kFolder); ++i) {
        const std::string& l = lines[ledgerBefore + i];
        const std::string want = kFolder[i].output ? std::string("\"result\":\"signed\"")
                                                   : std::string("\"result\":\"refused\",\"code\":\"") + kFolder[i].code + "\"";
        BOOST_TEST(l.find(want) != std::string::npos, kFolder[i].input << ": " << l);
    }
}

// A wrong PIN stops the batch at its one login: one try used (not one per
// file), nothing signed; the right PIN afterwards signs.
BOOST_AUTO_TEST_CASE(a_wrong_pin_stops_the_batch_before_any_file_with_one_try)
{
    Office& o = office();
    const fs::path in = o.makeDir("badpin/in");
    const fs::path pdf = o.copyIn(pdfs("letter.pdf"), "badpin/in/surat.pdf");
    const fs::path doc = o.copyIn(letterAs(o, "odt", "writer8"), "badpin/in/nota.odt");
    const fs::path out = o.makeDir("badpin/out");
    const int loginsBefore = o.tokenLogins();
    const std::string code = signingFailure(
        [&] { o.signer()->signFiles(urls({pdf, doc}), seq(with(batchOptions("9999"), prop("OutputFolder", fileUrl(out))))); },
        "signFiles with a wrong PIN");
    BOOST_TEST(code == "BadPin");
    BOOST_TEST(o.tokenLogins() - loginsBefore == 1, "a wrong PIN is tried once, not once per file");
    BOOST_TEST(fs::is_empty(out));
    BOOST_TEST((fileNames(in) == std::set<std::string>{"surat.pdf", "nota.odt"}));

    auto results = signFiles(o, urls({pdf, doc}), with(batchOptions(), prop("OutputFolder", fileUrl(out))));
    BOOST_TEST_REQUIRE(results.getLength() == 2);
    BOOST_TEST(results[0].Signed, str(results[0].Message));
    BOOST_TEST(results[1].Signed, str(results[1].Message));
    BOOST_TEST((fileNames(out) == std::set<std::string>{"surat_signed.pdf", "nota_signed.pdf"}));
}

// Bad options stop the batch before any file is touched.
BOOST_AUTO_TEST_CASE(bad_options_stop_the_batch_before_any_file)
{
    Office& o = office();
    const fs::path pdf = o.copyIn(pdfs("letter.pdf"), "badopt/in/surat.pdf");
    const fs::path out = o.makeDir("badopt/out");
    struct Case {
        const char* what;
        std::vector<PropertyValue> options;
        const char* code;
    };
    const Case cases[] = {
        {"OutputUrl (one output for many files)", with(batchOptions(), prop("OutputUrl", fileUrl(out / "x.pdf"))), "BadOption"},
        {"OutputFolder not a URL", with(batchOptions(), prop("OutputFolder", OUString("relative/folder"))), "BadOption"},
        {"OutputFolder mistyped", with(batchOptions(), prop("OutputFolder", true)), "BadOption"},
        {"an unknown option", with(batchOptions(), prop("Colour", OUString("red"))), "BadOption"},
        {"an output folder that does not exist", with(batchOptions(), prop("OutputFolder", fileUrl(out / "missing"))), "Io"},
        {"no certificate", {prop("Pin", ustr(kTokenPin)), prop("Interactive", false)}, "NoCertificate"},
        {"no PIN for the token, and no dialog may ask",
         {prop("Certificate", ustr(tokenCertificate())), prop("Interactive", false)},
         "BadPin"},
        // Interactive (the default): the PIN prompt opens; a headless office
        // cancels every dialog, so it is the prompt's Cancel.
        {"no PIN for the token, the prompt cancelled", {prop("Certificate", ustr(tokenCertificate()))}, "BadPin"},
        {"an expired certificate",
         {prop("Certificate", ustr(fingerprint(pki("expired.pem")))), prop("Interactive", false)},
         "CertificateExpired"},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what)
        {
            const int loginsBefore = o.tokenLogins();
            BOOST_TEST(signingFailure([&] { o.signer()->signFiles(urls({pdf}), seq(c.options)); }, c.what) == c.code);
            BOOST_TEST(fs::is_empty(out));
            BOOST_TEST(!fs::exists(pdf.parent_path() / "surat_signed.pdf"));
            BOOST_TEST(o.tokenLogins() == loginsBefore, "no login for a batch refused before it starts");
        }
    }
}

// Beside each file (no OutputFolder); a second run over the folder takes the
// documents again but not their signed PDFs, and refuses to replace them.
BOOST_AUTO_TEST_CASE(beside_each_file_and_a_second_run_neither_resigns_outputs_nor_replaces_them)
{
    Office& o = office();
    const fs::path dir = o.makeDir("beside");
    o.copyIn(sheet(o), "beside/anggaran.ods");
    o.copyIn(pdfs("letter.pdf"), "beside/surat.pdf");
    auto first = signFiles(o, urls({dir}), batchOptions());
    BOOST_TEST_REQUIRE(first.getLength() == 2);
    for (const auto& r : first)
        BOOST_TEST(r.Signed, str(r.InputUrl) << ": " << str(r.Message));
    BOOST_TEST(str(first[0].Result.OutputUrl) == str(fileUrl(dir / "anggaran_signed.pdf")));
    BOOST_TEST(str(first[1].Result.OutputUrl) == str(fileUrl(dir / "surat_signed.pdf")));
    BOOST_TEST((fileNames(dir) == std::set<std::string>{"anggaran.ods", "surat.pdf", "anggaran_signed.pdf", "surat_signed.pdf"}));
    const auto signedBefore = contents(dir);

    auto second = signFiles(o, urls({dir}), batchOptions());
    BOOST_TEST_REQUIRE(second.getLength() == 2, "the signed PDFs of the folder's files are not signed again");
    for (const auto& r : second) {
        BOOST_TEST(!r.Signed);
        BOOST_TEST(str(r.Code) == "OutputExists", str(r.Message));
    }
    BOOST_TEST((contents(dir) == signedBefore), "nothing was replaced");

    auto third = signFiles(o, urls({dir}), with(batchOptions(), prop("Overwrite", true)));
    BOOST_TEST_REQUIRE(third.getLength() == 2);
    for (const auto& r : third)
        BOOST_TEST(r.Signed, str(r.Message));
    checkSignedExport(dir / "anggaran_signed.pdf");
}

// Files that are not there, or not of a kind the batch signs, are refused in
// the UI language; the others are signed.
BOOST_AUTO_TEST_CASE(missing_and_unsupported_files_are_refused_in_the_ui_language)
{
    Office& o = office();
    ConfigValue ui(o, "/org.openoffice.Office.Linguistic/General", "UILocale", css::uno::Any(OUString("id")));
    const fs::path in = o.makeDir("kinds/in");
    const fs::path out = o.makeDir("kinds/out");
    const fs::path text = in / "catatan.txt";
    testing::spit(text.string(), "bukan dokumen kantor");
    o.handOver(text);
    const fs::path pdf = o.copyIn(pdfs("letter.pdf"), "kinds/in/surat.pdf");
    const fs::path truncated = o.copyIn(pdfs("truncated.pdf"), "kinds/in/terpotong.pdf");
    auto r = signFiles(o, urls({in / "hilang.odt", text, truncated, pdf}), with(batchOptions(), prop("OutputFolder", fileUrl(out))));
    BOOST_TEST_REQUIRE(r.getLength() == 4);
    BOOST_TEST(str(r[0].Code) == "Io");
    BOOST_TEST(str(r[0].Message).find("tidak ditemukan") != std::string::npos, str(r[0].Message));
    BOOST_TEST(str(r[1].Code) == "UnsupportedDocument");
    BOOST_TEST(str(r[1].Message).find("bukan dokumen Writer") != std::string::npos, str(r[1].Message));
    BOOST_TEST(str(r[2].Code) == "MalformedPdf", str(r[2].Message));
    BOOST_TEST(!r[2].Message.isEmpty());
    BOOST_TEST(r[3].Signed, str(r[3].Message));
    BOOST_TEST((fileNames(out) == std::set<std::string>{"surat_signed.pdf"}));
    BOOST_TEST((fileNames(in) == std::set<std::string>{"catatan.txt", "surat.pdf", "terpotong.pdf"}));
}

BOOST_AUTO_TEST_CASE(an_empty_list_signs_nothing_and_logs_in_to_nothing)
{
    Office& o = office();
    const fs::path empty = o.makeDir("empty");
    const int loginsBefore = o.tokenLogins();
    auto r = signFiles(o, urls({empty}), batchOptions());
    BOOST_TEST(r.getLength() == 0);
    BOOST_TEST(o.tokenLogins() == loginsBefore);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(menu)

// File > Sign several files with BSrE… in every module, right after
// "Sign with BSrE…", and its dispatch resolves.
BOOST_AUTO_TEST_CASE(the_command_is_in_the_file_menu_after_sign_with_bsre)
{
    Office& o = office();
    for (const char* factory :
         {"private:factory/swriter", "private:factory/scalc", "private:factory/simpress", "private:factory/sdraw"}) {
        Doc d(o, o.newDocument(factory));
        BOOST_TEST_CONTEXT(o.moduleOf(d.model))
        {
            BOOST_TEST(o.dispatchResolves(d.model, kSignFiles));
            Office::UiPresence menu = o.menuHasCommand(d.model, kSignFiles);
            BOOST_TEST(menu.registered, menu.detail);
            BOOST_TEST(menu.shown, menu.detail);
            const std::vector<std::string> items = o.shownMenuItems(d.model);
            auto single = std::find(items.begin(), items.end(), "File > Sign with BSrE…");
            BOOST_TEST_REQUIRE((single != items.end()), "no File > Sign with BSrE…");
            BOOST_TEST_REQUIRE((single + 1 != items.end()));
            BOOST_TEST(*(single + 1) == "File > Sign several files with BSrE…");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
