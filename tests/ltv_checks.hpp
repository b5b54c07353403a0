// Checks of a CAdES signature made against the loopback LTV fixtures, by
// validators that are not ours (test_ltv, test_server_sign).
#pragma once

#include "cms_support.hpp"
#include "ltv_support.hpp"

namespace testing {

inline bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// pdfsig, qpdf, mutool and openssl cms on the CAdES signature (the first);
// openssl ts on its token.
// pdfsig asks the certificate's OCSP responder itself; for a certificate
// whose responder is down it cannot vouch for the certificate (`pdfsigTrust`
// false), while the signature value is still checked. `editsAfter`: the file
// has updates after the signature (B-LT, B-LTA), which mutool says.
inline void checkCadesSignature(const std::string& pdf, const Scratch& s, bool pdfsigTrust = true,
                                bool editsAfter = true)
{
    Run ps = run("pdfsig -nssdir sql:" + q(ltv("verifydb-ltv")) + " " + q(pdf));
    BOOST_TEST(ps.output.find("Signature is Valid.") != std::string::npos, ps.output);
    if (pdfsigTrust)
        BOOST_TEST(ps.output.find("Certificate is Trusted.") != std::string::npos, ps.output);
    Run qp = run("qpdf --check " + q(pdf));
    BOOST_TEST(qp.status == 0, qp.output);
    checkOwnAnalysis(pdf, ltv("verifydb-ltv"));
    Run mu = run("mutool sign -v " + q(pdf));
    BOOST_TEST(contains(mu.output, editsAfter ? "The signature is valid but there have been edits since signing."
                                              : "The document is unchanged since signing."),
               mu.output);
    BOOST_TEST(!contains(mu.output, "Digest error"), mu.output);

    const std::string bytes = slurp(pdf);
    const ByteRange br = byteRanges(bytes).front();
    const std::string cms = derOf(unhex(bytes.substr(br.b + 1, br.c - br.b - 2)));
    spit(s("cms.der"), cms);
    spit(s("content.bin"), bytes.substr(br.a, br.b) + bytes.substr(br.c, br.d));
    Run cv = run("openssl cms -verify -binary -inform DER -in " + q(s("cms.der")) + " -content " + q(s("content.bin")) +
                 " -CAfile " + q(ltv("root.pem")) + " -purpose any -out /dev/null");
    BOOST_TEST(contains(cv.output, "Verification successful"), cv.output);
    // Exactly one SignerInfo with one signature value, and a token whose
    // imprint is that value (openssl ts).
    auto [sig, token] = signatureAndToken(cms);
    BOOST_TEST_REQUIRE(!token.empty(), "the token is an unsigned attribute");
    spit(s("sig.bin"), sig);
    spit(s("token.der"), token);
    Run ts = run("openssl ts -verify -data " + q(s("sig.bin")) + " -in " + q(s("token.der")) + " -token_in -CAfile " +
                 q(ltv("root.pem")) + " -untrusted " + q(ltv("chain.pem")));
    BOOST_TEST(contains(ts.output, "Verification: OK"), ts.output);
}


} // namespace testing
