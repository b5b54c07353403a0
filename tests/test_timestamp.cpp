// PAdES B-T: RFC 3161 timestamps from a real TSA on loopback (openssl ts
// behind tests/fixtures/tsa_server.py), and every way a TSA can fail.
#define BOOST_TEST_MODULE timestamp
#include "cms_support.hpp"
#include "ltv_support.hpp"

#include "core/sign.hpp"
#include "asn1/der.hpp"
#include "crypto/store.hpp"

#include <map>

using namespace testing;

namespace {

std::map<std::string, std::string> ports() { return ltvPorts(); }
std::string tsa(const std::string& path = "") { return tsaUrl(path); }

Run signWithTsa(const std::string& out, const std::string& extra)
{
    return run(ltvTool() + " sign --nssdb " + q(ltv("ltvdb")) +
               " --cert ltv-officer " + extra + " " + q(pdfs("letter.pdf")) + " -o " + q(out));
}

} // namespace

BOOST_AUTO_TEST_SUITE(b_t)

BOOST_AUTO_TEST_CASE(a_timestamped_signature_validates_and_its_token_covers_the_signature_value)
{
    Scratch s;
    Run r = signWithTsa(s("out.pdf"), "--tsa " + q(tsa()));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(r.output.find("PAdES B-T") != std::string::npos, r.output);
    BOOST_TEST(slurp(s("out.pdf")).compare(0, slurp(pdfs("letter.pdf")).size(), slurp(pdfs("letter.pdf"))) == 0);

    Run ps = run("pdfsig -nssdir sql:" + q(ltv("verifydb-ltv")) + " " + q(s("out.pdf")));
    BOOST_TEST(ps.output.find("Signature is Valid.") != std::string::npos, ps.output);
    Run qp = run("qpdf --check " + q(s("out.pdf")));
    BOOST_TEST(qp.status == 0, qp.output);
    Run mu = run("mutool sign -v " + q(s("out.pdf")));
    BOOST_TEST(mu.output.find("The document is unchanged since signing.") != std::string::npos, mu.output);

    std::string bytes = slurp(s("out.pdf"));
    auto br = byteRanges(bytes).back();
    std::string cms = derOf(unhex(bytes.substr(br.b + 1, br.c - br.b - 2)));
    auto [sig, token] = signatureAndToken(cms);
    BOOST_TEST_REQUIRE(!token.empty(), "the token is an unsigned attribute");
    spit(s("sig.bin"), sig);
    spit(s("token.der"), token);
    spit(s("content.bin"), bytes.substr(br.a, br.b) + bytes.substr(br.c, br.d));
    spit(s("cms.der"), cms);
    Run ts = run("openssl ts -verify -data " + q(s("sig.bin")) + " -in " + q(s("token.der")) + " -token_in -CAfile " +
                 q(ltv("root.pem")) + " -untrusted " + q(ltv("chain.pem")));
    BOOST_TEST(ts.output.find("Verification: OK") != std::string::npos, ts.output);
    Run cv = run("openssl cms -verify -binary -inform DER -in " + q(s("cms.der")) + " -content " + q(s("content.bin")) +
                 " -CAfile " + q(ltv("root.pem")) + " -purpose any -out /dev/null");
    BOOST_TEST(cv.output.find("Verification successful") != std::string::npos, cv.output);

    Run v = run(q(tool()) + " verify --nssdb " + q(ltv("verifydb-ltv")) + " --json " + q(s("out.pdf")));
    BOOST_TEST(v.status == 0, v.output);
    BOOST_TEST(v.output.find("\"level\":\"B-T\"") != std::string::npos, v.output);
    BOOST_TEST(v.output.find("BSrE LTV Test TSA") != std::string::npos, v.output);
}

BOOST_AUTO_TEST_CASE(without_a_tsa_verify_names_b_b)
{
    Scratch s;
    BOOST_TEST_REQUIRE(signWithTsa(s("out.pdf"), "").status == 0);
    Run v = run(q(tool()) + " verify --json " + q(s("out.pdf")));
    BOOST_TEST(v.output.find("\"level\":\"B-B\"") != std::string::npos, v.output);
}

BOOST_AUTO_TEST_CASE(basic_authentication_with_a_password_file)
{
    Scratch s;
    spit(s("tsa.pass"), "tsapass\n");
    Run ok = signWithTsa(s("out.pdf"), "--tsa " + q(tsa("/auth")) + " --tsa-user tsauser --tsa-password-file " + q(s("tsa.pass")));
    BOOST_TEST(ok.status == 0, ok.output);
    BOOST_TEST(ok.output.find("tsapass") == std::string::npos);
    Run no = signWithTsa(s("no.pdf"), "--tsa " + q(tsa("/auth")));
    BOOST_TEST(no.status == 7, no.output);
    BOOST_TEST(no.output.find("HTTP 401") != std::string::npos, no.output);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tsa_failures)

struct Case {
    std::string extra;
    std::string says;
};

void expectRefused(const Case& c)
{
    Scratch s;
    std::string before = slurp(pdfs("letter.pdf"));
    Run r = signWithTsa(s("out.pdf"), c.extra);
    BOOST_TEST(r.status == 7, r.output);
    BOOST_TEST(r.output.find(c.says) != std::string::npos, "expected '" << c.says << "' in " << r.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
    BOOST_TEST((slurp(pdfs("letter.pdf")) == before));
}

BOOST_AUTO_TEST_CASE(unreachable) { expectRefused({"--tsa " + q(ports()["BAD_TSA_URL"]), "did not answer"}); }
BOOST_AUTO_TEST_CASE(too_slow) { expectRefused({"--tsa-timeout 2 --tsa " + q(tsa("/slow")), "did not answer"}); }
BOOST_AUTO_TEST_CASE(error_status) { expectRefused({"--tsa " + q(tsa("/error")), "refused the request (status 2)"}); }
BOOST_AUTO_TEST_CASE(wrong_nonce) { expectRefused({"--tsa " + q(tsa("/badnonce")), "nonce does not match"}); }
BOOST_AUTO_TEST_CASE(wrong_imprint) { expectRefused({"--tsa " + q(tsa("/badimprint")), "message imprint does not match"}); }
BOOST_AUTO_TEST_CASE(untrusted_tsa) { expectRefused({"--tsa " + q(tsa("/untrusted")), "TSA certificate is not trusted"}); }

BOOST_AUTO_TEST_SUITE_END()
