// Long-term validation through LibreOffice (issue 6): the Level setting
// (automatic, explicit, AllowLowerLevel), TSA credentials from LibreOffice's
// password container, and what SignResult reports, in a real headless soffice
// whose profile holds the LTV fixtures' database, against the loopback TSA,
// OCSP responder and CRL server (tests/fixtures/LTV.md).
#define BOOST_TEST_MODULE ltv_office

#include "../ltv_support.hpp"
#include "helpers.hpp"
#include "office.hpp"

#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/XPasswordContainer2.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>
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

// Signing/<name> set for a scope and put back afterwards.
struct Setting : ConfigValue {
    Setting(Office& o, const char* name, const css::uno::Any& value)
        : ConfigValue(o, "/id.bsresign.Settings/Signing", name, value)
    {
    }
};

std::vector<PropertyValue> options(const std::string& certPem, const fs::path& out)
{
    return with(signingOptions(out, fingerprint(certPem)), {prop("Visible", false), prop("Notice", false)});
}

struct Outcome {
    bool ok = false;
    id::bsresign::SignResult result;
    std::string code, message;
};

Outcome signPdf(Office& o, const std::string& nick, const fs::path& out)
{
    Outcome r;
    fs::remove(out);
    const fs::path in = o.copyIn(testing::pdfs("letter.pdf"), "letter-" + nick + ".pdf");
    try {
        r.result = o.signer()->signPdf(fileUrl(in), seq(options(testing::ltv(nick + ".pem"), out)));
        r.ok = true;
        for (const auto& w : r.result.Warnings)
            r.message += str(w) + "\n";
    } catch (const id::bsresign::SigningException& e) {
        r.code = str(e.Code);
        r.message = describe(e);
    }
    BOOST_TEST_MESSAGE(nick << " → " << (r.ok ? str(r.result.Level) : r.code) << " " << r.message);
    return r;
}

// Every output here is the product's own: analysed as such, then returned.
std::string verifyJson(const fs::path& pdf)
{
    testing::checkOwnAnalysis(pdf.string(), testing::ltv("verifydb-ltv"));
    return testing::run(testing::q(testing::tool()) + " verify --nssdb " + testing::q(testing::ltv("verifydb-ltv")) +
                        " --json " + testing::q(pdf.string()))
        .output;
}

} // namespace

BOOST_AUTO_TEST_CASE(automatic_level_with_a_tsa_is_b_lt_and_the_result_says_so)
{
    Office& o = office();
    Setting tsa(o, "TsaUrl", css::uno::Any(ustr(testing::tsaUrl())));
    const fs::path out = o.path("auto.pdf");
    Outcome r = signPdf(o, "ltv-officer", out);
    BOOST_TEST_REQUIRE(r.ok, r.message);
    BOOST_TEST(str(r.result.Level) == "B-LT");
    BOOST_TEST(r.result.LtvMaterial);
    BOOST_TEST(str(r.result.Tsa) == "BSrE LTV Test TSA");
    BOOST_TEST(!r.result.TimestampTime.isEmpty());
    BOOST_TEST(r.result.Warnings.getLength() == 0, r.message);
    const std::string v = verifyJson(out);
    BOOST_TEST(has(v, "\"valid\":true,\"level\":\"B-LT\""), v);
    testing::Run ps = testing::run("pdfsig -nssdir sql:" + testing::q(testing::ltv("verifydb-ltv")) + " " +
                                   testing::q(out.string()));
    BOOST_TEST(has(ps.output, "Signature is Valid."), ps.output);
    BOOST_TEST(has(ps.output, "Certificate is Trusted."), ps.output);
}

BOOST_AUTO_TEST_CASE(explicit_b_lta_from_writer)
{
    Office& o = office();
    Setting tsa(o, "TsaUrl", css::uno::Any(ustr(testing::tsaUrl())));
    Setting level(o, "Level", css::uno::Any(OUString("B-LTA")));
    Doc doc(o, o.newDocument("private:factory/swriter"));
    Reference<css::text::XTextDocument>(doc.model, css::uno::UNO_QUERY_THROW)->getText()->setString("Nota Dinas arsip");
    const fs::path out = o.path("writer-lta.pdf");
    id::bsresign::SignResult r;
    try {
        r = o.signer()->signDocument(doc.model, seq(options(testing::ltv("ltv-officer.pem"), out)));
    } catch (const id::bsresign::SigningException& e) {
        BOOST_FAIL(describe(e));
    }
    std::string warnings;
    for (const auto& w : r.Warnings)
        warnings += str(w) + "\n";
    BOOST_TEST(str(r.Level) == "B-LTA", warnings);
    BOOST_TEST(r.LtvMaterial);
    const std::string v = verifyJson(out);
    BOOST_TEST(has(v, "\"valid\":true,\"level\":\"B-LTA\""), v);
    BOOST_TEST(has(v, "\"documentTimestamp\":true"), v);
    testing::Run qp = testing::run("qpdf --check " + testing::q(out.string()));
    BOOST_TEST(qp.status == 0, qp.output);
}

BOOST_AUTO_TEST_CASE(unreachable_revocation_data_lowers_or_stops_as_configured)
{
    Office& o = office();
    Setting tsa(o, "TsaUrl", css::uno::Any(ustr(testing::tsaUrl())));
    {
        // Automatic: signed at B-T, and the result names why.
        Outcome r = signPdf(o, "ltv-offline", o.path("offline-auto.pdf"));
        BOOST_TEST_REQUIRE(r.ok, r.message);
        BOOST_TEST(str(r.result.Level) == "B-T");
        BOOST_TEST(!r.result.LtvMaterial);
        BOOST_TEST(has(r.message, "Level B-LT was asked for; the signature is at level B-T."), r.message);
        BOOST_TEST(has(r.message, "Yuni Luring"), r.message);
    }
    {
        // Explicit B-LT with AllowLowerLevel off: nothing is written.
        Setting level(o, "Level", css::uno::Any(OUString("B-LT")));
        Setting strict(o, "AllowLowerLevel", css::uno::Any(false));
        const fs::path out = o.path("offline-strict.pdf");
        Outcome r = signPdf(o, "ltv-offline", out);
        BOOST_TEST(!r.ok);
        BOOST_TEST(r.code == "RevocationUnavailable", r.message);
        BOOST_TEST(!fs::exists(out));
    }
}

BOOST_AUTO_TEST_CASE(a_revoked_certificate_always_stops)
{
    Office& o = office();
    Setting tsa(o, "TsaUrl", css::uno::Any(ustr(testing::tsaUrl())));
    const fs::path out = o.path("revoked.pdf");
    Outcome r = signPdf(o, "ltv-revoked", out);
    BOOST_TEST(!r.ok);
    BOOST_TEST(r.code == "CertificateRevoked", r.message);
    BOOST_TEST(has(r.message, "keyCompromise"), r.message);
    BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_CASE(tsa_credentials_come_from_the_password_container)
{
    Office& o = office();
    const std::string url = testing::tsaUrl("/auth");
    Setting tsa(o, "TsaUrl", css::uno::Any(ustr(url)));
    Setting level(o, "Level", css::uno::Any(OUString("B-T")));
    Setting strict(o, "AllowLowerLevel", css::uno::Any(false));
    // Without credentials the TSA answers 401 and nothing is written.
    Outcome no = signPdf(o, "ltv-officer", o.path("noauth.pdf"));
    BOOST_TEST(!no.ok);
    BOOST_TEST(has(no.message, "HTTP 401"), no.message);
    BOOST_TEST(!fs::exists(o.path("noauth.pdf")));

    // Stored for this session in LibreOffice's container (as the Options page
    // does when no master password is available), they are used.
    Reference<css::task::XPasswordContainer2> pc = css::task::PasswordContainer::create(o.context());
    const OUString password("tsapass");
    pc->add(ustr(url), "tsauser", css::uno::Sequence<OUString>(&password, 1), nullptr);
    Outcome yes = signPdf(o, "ltv-officer", o.path("auth.pdf"));
    pc->remove(ustr(url), "tsauser");
    BOOST_TEST_REQUIRE(yes.ok, yes.message);
    BOOST_TEST(str(yes.result.Level) == "B-T");
    // The password is in no file of the profile.
    testing::Run grep = testing::run("grep -rl tsapass " + testing::q(o.path("profile").string()));
    BOOST_TEST(grep.output.empty(), grep.output);
}

BOOST_TEST_GLOBAL_FIXTURE(SharedOfficeTeardown);
