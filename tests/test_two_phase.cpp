// Two-phase signing through the CLI: `bsre-sign prepare` prints the digest,
// `openssl pkeyutl` signs it with the key file (outside our process, as a
// remote signer would), `bsre-sign complete` builds the PAdES signature. The
// outputs go through the same validators as `sign`'s; every refusal writes
// nothing and leaves the input alone.
#define BOOST_TEST_MODULE two_phase
#include "ltv_support.hpp"
#include "support.hpp"

using namespace testing;

namespace {

struct Prepared {
    Run run;
    std::string digestHex;
};

Prepared prepare(const std::string& cert, const std::string& in, const std::string& state,
                 const std::string& extra = "")
{
    Prepared p;
    p.run = run(q(tool()) + " prepare --cert " + q(cert) + " " + extra + " " + q(in) + " -o " + q(state));
    const std::string tag = "digest: sha256 ";
    const size_t at = p.run.output.find(tag);
    if (at != std::string::npos)
        p.digestHex = p.run.output.substr(at + tag.size(), 64);
    return p;
}

// The raw signature over the printed digest, made by openssl with the key file.
void signDigest(const std::string& digestHex, const std::string& key, bool rsa, const Scratch& s,
                const std::string& sigPath)
{
    BOOST_TEST_REQUIRE(digestHex.size() == 64u);
    spit(s("digest.bin"), unhex(digestHex));
    Run r = run("openssl pkeyutl -sign -inkey " + q(key) + " -in " + q(s("digest.bin")) + " -out " + q(sigPath) +
                (rsa ? " -pkeyopt digest:sha256" : ""));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
}

Run complete(const std::string& state, const std::string& sig, const std::string& out, const std::string& extra = "")
{
    return run(ltvTool() + " complete " + q(state) + " --signature " + q(sig) + " " + extra + " -o " + q(out));
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// A refusal: the exit code and sentence expected, nothing written, the input unchanged.
void refused(const Run& r, int status, const std::string& sentence, const std::string& out, const std::string& in,
             const std::string& inBefore)
{
    BOOST_TEST(r.status == status, r.output);
    BOOST_TEST(contains(r.output, sentence), r.output);
    BOOST_TEST(!fs::exists(out), out << " must not exist");
    BOOST_TEST((slurp(in) == inBefore), "the input must be unchanged");
}

struct Ready {
    Scratch s;
    std::string in;
    Prepared p;
    Ready(const std::string& extra = "--invisible")
    {
        in = s("in.pdf");
        spit(in, slurp(pdfs("letter.pdf")));
        p = prepare(pki("officer-rsa.pem"), in, s("state"), "--chain " + q(pki("chain.pem")) + " " + extra);
        BOOST_TEST_REQUIRE(p.run.status == 0, p.run.output);
        signDigest(p.digestHex, pki("officer-rsa.key"), true, s, s("sig.bin"));
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(two_phase)

BOOST_AUTO_TEST_CASE(rsa_signature_made_outside_completes_a_valid_visible_signature_with_the_notice)
{
    Ready r("--page 1 --rect 340,120,200,70 --reason Persetujuan --notice");
    BOOST_TEST(!fs::exists(r.s("out.pdf")));
    Run c = complete(r.s("state"), r.s("sig.bin"), r.s("out.pdf"));
    BOOST_TEST_REQUIRE(c.status == 0, c.output);
    BOOST_TEST(contains(c.output, "PAdES B-B"), c.output);
    checkSignedOutput(r.in, r.s("out.pdf"), 1);
    Run v = run(q(tool()) + " verify --nssdb " + q(pki("verifydb")) + " --json " + q(r.s("out.pdf")));
    BOOST_TEST(v.status == 0, v.output);
    BOOST_TEST(contains(v.output, "\"valid\":true"), v.output);
}

BOOST_AUTO_TEST_CASE(ec_signature_as_der_ecdsa_sig_value_completes)
{
    Scratch s;
    const std::string in = pdfs("letter.pdf");
    Prepared p = prepare(pki("officer-ec.pem"), in, s("state"), "--chain " + q(pki("chain.pem")) + " --invisible");
    BOOST_TEST_REQUIRE(p.run.status == 0, p.run.output);
    signDigest(p.digestHex, pki("officer-ec.key"), false, s, s("sig.bin"));
    Run c = complete(s("state"), s("sig.bin"), s("out.pdf"));
    BOOST_TEST_REQUIRE(c.status == 0, c.output);
    checkSignedOutput(in, s("out.pdf"), 1);
}

BOOST_AUTO_TEST_CASE(the_printed_digest_is_that_of_the_signed_attributes_in_the_output)
{
    Ready r;
    BOOST_TEST_REQUIRE(complete(r.s("state"), r.s("sig.bin"), r.s("out.pdf")).status == 0);
    const std::string bytes = slurp(r.s("out.pdf"));
    ByteRange br = byteRanges(bytes).back();
    spit(r.s("cms.der"), derOf(unhex(bytes.substr(br.b + 1, br.c - br.b - 2))));
    // openssl prints the SignerInfo's signature; it must be the one we were given.
    Run p = run("openssl cms -inform DER -in " + q(r.s("cms.der")) + " -cmsout -print");
    BOOST_TEST_REQUIRE(p.status == 0, p.output);
    BOOST_TEST(contains(p.output, "signingCertificateV2"), p.output);
    const std::string sig = slurp(r.s("sig.bin"));
    BOOST_TEST_REQUIRE(sig.size() == 256u);
    BOOST_TEST(contains(slurp(r.s("cms.der")), sig), "the external signature value is in the CMS");
}

BOOST_AUTO_TEST_CASE(b_t_and_b_lt_through_complete_against_the_loopback_servers)
{
    Scratch s;
    const std::string in = pdfs("letter.pdf");
    for (const char* level : {"B-T", "B-LT"}) {
        const std::string state = s(std::string("state-") + level), out = s(std::string("out-") + level + ".pdf");
        Prepared p = prepare(ltv("ltv-officer.pem"), in, state, "--chain " + q(ltv("chain.pem")) + " --invisible");
        BOOST_TEST_REQUIRE(p.run.status == 0, p.run.output);
        signDigest(p.digestHex, ltv("ltv-officer.key"), true, s, s("sig.bin"));
        Run c = complete(state, s("sig.bin"), out,
                         "--nssdb " + q(ltv("ltvdb")) + " --tsa " + q(tsaUrl()) + " --level " + level);
        BOOST_TEST_REQUIRE(c.status == 0, level << ": " << c.output);
        BOOST_TEST(contains(c.output, std::string("PAdES ") + level), c.output);
        Run v = run(q(tool()) + " verify --nssdb " + q(ltv("verifydb-ltv")) + " --json " + q(out));
        BOOST_TEST(contains(v.output, std::string("\"level\":\"") + level + "\""), v.output);
        BOOST_TEST(contains(v.output, "\"valid\":true"), v.output);
        Run ps = run("pdfsig -nssdir sql:" + q(ltv("verifydb-ltv")) + " " + q(out));
        BOOST_TEST(contains(ps.output, "Signature is Valid."), ps.output);
        Run qp = run("qpdf --check " + q(out));
        BOOST_TEST(qp.status == 0, qp.output);
        Run mu = run("mutool sign -v " + q(out));
        BOOST_TEST((contains(mu.output, "The document is unchanged since signing.") ||
                    contains(mu.output, "The signature is valid but there have been edits since signing.")),
                   mu.output);
        BOOST_TEST((slurp(out).compare(0, slurp(in).size(), slurp(in)) == 0), "input is a prefix of the output");
    }
}

BOOST_AUTO_TEST_CASE(a_signature_by_another_key_is_refused)
{
    Ready r;
    signDigest(r.p.digestHex, pki("wrongku.key"), true, r.s, r.s("other.bin"));
    refused(complete(r.s("state"), r.s("other.bin"), r.s("out.pdf")), 8, "does not verify with the certificate",
            r.s("out.pdf"), r.in, slurp(r.in));
}

BOOST_AUTO_TEST_CASE(a_signature_over_another_digest_is_refused)
{
    Ready r;
    signDigest(std::string(64, 'a'), pki("officer-rsa.key"), true, r.s, r.s("other.bin"));
    refused(complete(r.s("state"), r.s("other.bin"), r.s("out.pdf")), 8, "does not verify with the certificate",
            r.s("out.pdf"), r.in, slurp(r.in));
}

BOOST_AUTO_TEST_CASE(a_changed_or_truncated_state_is_refused)
{
    Ready r;
    const std::string state = slurp(r.s("state")), in = slurp(r.in);
    spit(r.s("truncated"), state.substr(0, state.size() / 2));
    refused(complete(r.s("truncated"), r.s("sig.bin"), r.s("out.pdf")), 8, "truncated", r.s("out.pdf"), r.in, in);
    std::string edited = state;
    edited[state.size() / 2] ^= 1;
    spit(r.s("edited"), edited);
    refused(complete(r.s("edited"), r.s("sig.bin"), r.s("out.pdf")), 8, "checksum does not match", r.s("out.pdf"),
            r.in, in);
    spit(r.s("garbage"), "not a state\n");
    refused(complete(r.s("garbage"), r.s("sig.bin"), r.s("out.pdf")), 8, "not a STATE", r.s("out.pdf"), r.in, in);
}

BOOST_AUTO_TEST_CASE(an_input_changed_since_prepare_is_refused)
{
    Ready r;
    const std::string changed = slurp(r.in) + "% appended later\n";
    spit(r.in, changed);
    refused(complete(r.s("state"), r.s("sig.bin"), r.s("out.pdf")), 8, "changed since bsre-sign prepare",
            r.s("out.pdf"), r.in, changed);
}

BOOST_AUTO_TEST_CASE(the_steps_may_run_apart_and_the_input_may_move)
{
    Ready r;
    const std::string moved = r.s("moved.pdf");
    fs::rename(r.in, moved);
    Run c = complete(r.s("state"), r.s("sig.bin"), r.s("out.pdf"), "--input " + q(moved));
    BOOST_TEST_REQUIRE(c.status == 0, c.output);
    checkSignedOutput(moved, r.s("out.pdf"), 1);
}

BOOST_AUTO_TEST_CASE(prepare_writes_nothing_on_bad_input_and_complete_wants_room_for_a_timestamp)
{
    Scratch s;
    spit(s("bad.pdf"), "%PDF-1.7\nnot really\n");
    Prepared bad = prepare(pki("officer-rsa.pem"), s("bad.pdf"), s("state"));
    BOOST_TEST(bad.run.status == 3, bad.run.output);
    BOOST_TEST(!fs::exists(s("state")));
    Prepared bb = prepare(pki("officer-rsa.pem"), pdfs("letter.pdf"), s("state-bb"), "--level B-B");
    BOOST_TEST_REQUIRE(bb.run.status == 0, bb.run.output);
    signDigest(bb.digestHex, pki("officer-rsa.key"), true, s, s("sig.bin"));
    Run c = complete(s("state-bb"), s("sig.bin"), s("out.pdf"), "--tsa " + q(tsaUrl()) + " --level B-T");
    BOOST_TEST(c.status == 2, c.output);
    BOOST_TEST(contains(c.output, "without room for a timestamp"), c.output);
    BOOST_TEST(!fs::exists(s("out.pdf")));
}

BOOST_AUTO_TEST_SUITE_END()
