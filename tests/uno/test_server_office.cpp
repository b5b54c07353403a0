// Signing with a BSrE account through LibreOffice (issue 17): the Server
// settings (off by default; Enabled and DocumentsLeaveDesk both needed), the
// client's id and secret from LibreOffice's password container, and a Writer
// document with the notice band and a visible block signed by the loopback
// stand-in of BSrE's signing service, brought to B-LTA on the desk.
#define BOOST_TEST_MODULE server_office

#include "../service_support.hpp"
#include "helpers.hpp"
#include "office.hpp"

#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/XPasswordContainer2.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <id/bsresign/SignResult.hpp>
#include <id/bsresign/SigningException.hpp>
#include <id/bsresign/XSigner.hpp>

using namespace bsretest;

namespace {

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

Office& office()
{
    return sharedOffice([] {
        OfficeOptions opts;
        opts.nssDatabaseFrom = testing::ltv("ltvdb");
        opts.environment = {"http_proxy=", "https_proxy="};
        return std::make_unique<Office>(opts);
    });
}

struct Setting : ConfigValue {
    Setting(Office& o, const char* group, const char* name, const css::uno::Any& value)
        : ConfigValue(o, std::string("/id.bsresign.Settings/") + group, name, value)
    {
    }
};

// The institution's client in the password container for this session.
struct Client {
    Reference<css::task::XPasswordContainer2> pc;
    OUString url;
    Client(Office& o, const std::string& serviceUrl) : pc(css::task::PasswordContainer::create(o.context())), url(ustr(serviceUrl))
    {
        const OUString secret("desk-secret");
        pc->add(url, "desk-client", css::uno::Sequence<OUString>(&secret, 1), nullptr);
    }
    ~Client() { pc->remove(url, "desk-client"); }
};

std::vector<PropertyValue> accountOptions(const fs::path& out)
{
    return {prop("BsreAccount", OUString("3171000000000001")), prop("Pin", OUString("rahasia-123")),
            prop("SignerName", OUString("Rina Arsip")), prop("OutputUrl", fileUrl(out)), prop("Interactive", false),
            prop("Visible", true), prop("Notice", true), prop("Reason", OUString("Persetujuan"))};
}

} // namespace

BOOST_AUTO_TEST_CASE(off_unless_it_enabled_it_and_said_documents_leave_the_desk)
{
    Office& o = office();
    Setting url(o, "Server", "Url", css::uno::Any(ustr(testing::service().url)));
    Setting on(o, "Server", "Enabled", css::uno::Any(true)); // DocumentsLeaveDesk stays false
    Doc doc(o, o.newDocument("private:factory/swriter"));
    const fs::path out = o.path("not-sent.pdf");
    fs::remove(testing::service().work("received.pdf"));
    try {
        o.signer()->signDocument(doc.model, seq(accountOptions(out)));
        BOOST_FAIL("signing with a BSrE account must be refused without DocumentsLeaveDesk");
    } catch (const id::bsresign::SigningException& e) {
        BOOST_TEST(str(e.Code) == "Locked", describe(e));
        BOOST_TEST(has(str(e.Message), "Server/DocumentsLeaveDesk"), describe(e));
    }
    BOOST_TEST(!fs::exists(out));
    BOOST_TEST(!fs::exists(testing::service().work("received.pdf")), "nothing may have been sent");
}

BOOST_AUTO_TEST_CASE(writer_document_with_band_and_visible_block_signed_by_the_service_then_b_lta)
{
    Office& o = office();
    Setting url(o, "Server", "Url", css::uno::Any(ustr(testing::service().url)));
    Setting on(o, "Server", "Enabled", css::uno::Any(true));
    Setting leave(o, "Server", "DocumentsLeaveDesk", css::uno::Any(true));
    Setting tsa(o, "Signing", "TsaUrl", css::uno::Any(ustr(testing::tsaUrl())));
    Setting level(o, "Signing", "Level", css::uno::Any(OUString("B-LTA")));
    Client client(o, testing::service().url);
    Doc doc(o, o.newDocument("private:factory/swriter"));
    Reference<css::text::XTextDocument>(doc.model, css::uno::UNO_QUERY_THROW)->getText()->setString("Nota Dinas lewat layanan");
    const fs::path out = o.path("writer-server.pdf");
    id::bsresign::SignResult r;
    try {
        r = o.signer()->signDocument(doc.model, seq(accountOptions(out)));
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL(describe(e) << testing::service().log());
    }
    BOOST_TEST(str(r.Level) == "B-LTA");
    BOOST_TEST(str(r.SignerName) == "Rina Arsip");
    const std::string sent = testing::slurp(testing::service().work("received.pdf")), output = testing::slurp(out.string());
    BOOST_TEST((output.size() > sent.size() && output.compare(0, sent.size(), sent) == 0),
               "the output starts with the prepared bytes");
    BOOST_TEST(!has(sent, "/ByteRange"), "what was sent has no signature placeholder");

    testing::checkOwnAnalysis(out.string(), testing::ltv("verifydb-ltv"));
    const std::string v = testing::run(testing::q(testing::tool()) + " verify --nssdb " +
                                       testing::q(testing::ltv("verifydb-ltv")) + " --json " + testing::q(out.string()))
                              .output;
    BOOST_TEST(has(v, "\"level\":\"B-LTA\""), v);
    testing::Run ps = testing::run("pdfsig -nssdir sql:" + testing::q(testing::ltv("verifydb-ltv")) + " " +
                                   testing::q(out.string()));
    BOOST_TEST(has(ps.output, "Signature is Valid."), ps.output);
    BOOST_TEST(has(ps.output, "Certificate is Trusted."), ps.output);
    testing::Run qp = testing::run("qpdf --check " + testing::q(out.string()));
    BOOST_TEST(qp.status == 0, qp.output);
    testing::Run mu = testing::run("mutool sign -v " + testing::q(out.string()));
    BOOST_TEST(!has(mu.output, "Digest error"), mu.output);
    BOOST_TEST(has(mu.output, "The signature is valid"), mu.output);
    const std::string text = testing::collapse(testing::run("pdftotext " + testing::q(out.string()) + " -").output);
    BOOST_TEST(has(text, "Balai Sertifikasi Elektronik (BSrE)"), text);
    BOOST_TEST(has(text, "Nota Dinas lewat layanan"), text);
    // The passphrase is in no file of the profile, nor in the ledger.
    testing::Run grep = testing::run("grep -rl rahasia-123 " + testing::q(o.path("profile").string()));
    BOOST_TEST(grep.output.empty(), grep.output);
    for (const std::string& line : ledgerLines(o))
        BOOST_TEST(!has(line, "rahasia-123"));
    BOOST_TEST(has(ledgerLines(o).back(), "\"holder\":\"bsre-server 127.0.0.1:"), ledgerLines(o).back());
}

BOOST_TEST_GLOBAL_FIXTURE(SharedOfficeTeardown);
