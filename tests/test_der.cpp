// Unit tests of the byte-level building blocks: DER and PDF syntax.
#define BOOST_TEST_MODULE der_and_syntax
#include <boost/test/unit_test.hpp>

#include "asn1/cms_view.hpp"
#include "asn1/der.hpp"
#include "pdf/syntax.hpp"
#include "support.hpp"

using namespace bsre;

static std::string hex(const std::string& b)
{
    static const char* h = "0123456789abcdef";
    std::string o;
    for (unsigned char c : b) {
        o += h[c >> 4];
        o += h[c & 15];
    }
    return o;
}

BOOST_AUTO_TEST_SUITE(der_encoding)

BOOST_AUTO_TEST_CASE(integers_are_minimal_twos_complement)
{
    BOOST_TEST(hex(der::integer(0)) == "020100");
    BOOST_TEST(hex(der::integer(1)) == "020101");
    BOOST_TEST(hex(der::integer(127)) == "02017f");
    BOOST_TEST(hex(der::integer(128)) == "02020080");
    BOOST_TEST(hex(der::integer(256)) == "02020100");
    BOOST_TEST(hex(der::integer(-1)) == "0201ff");
}

// A random nonce may start with zero bytes; DER wants them gone (an
// OpenSSL TSA answers "bad data format" otherwise: 1 request in ~512).
BOOST_AUTO_TEST_CASE(unsigned_integers_from_random_bytes_are_minimal)
{
    using bsre::der::unsignedInteger;
    BOOST_TEST((unsignedInteger(std::string("\x00\x12\x34", 3)) == std::string("\x02\x02\x12\x34", 4)));
    BOOST_TEST((unsignedInteger(std::string("\x00\x00\x80", 3)) == std::string("\x02\x02\x00\x80", 4)));
    BOOST_TEST((unsignedInteger(std::string("\x80\x01", 2)) == std::string("\x02\x03\x00\x80\x01", 5)));
    BOOST_TEST((unsignedInteger(std::string("\x00\x00", 2)) == std::string("\x02\x01\x00", 3)));
    BOOST_TEST((unsignedInteger(std::string("\x7f", 1)) == std::string("\x02\x01\x7f", 3)));
}

BOOST_AUTO_TEST_CASE(oids_encode_in_base_128)
{
    // id-signedData and id-aa-signingCertificateV2 as RFC 5652 / RFC 5035 give them.
    BOOST_TEST(hex(der::oid("1.2.840.113549.1.7.2")) == "06092a864886f70d010702");
    BOOST_TEST(hex(der::oid("1.2.840.113549.1.9.16.2.47")) == "060b2a864886f70d010910022f");
    BOOST_TEST(hex(der::oid("2.16.840.1.101.3.4.2.1")) == "0609608648016503040201");
}

BOOST_AUTO_TEST_CASE(long_lengths_use_the_long_form)
{
    std::string c(300, 'x');
    std::string t = der::octetString(c);
    BOOST_TEST(hex(t.substr(0, 4)) == "0482012c");
    BOOST_TEST(t.size() == 304u);
}

BOOST_AUTO_TEST_CASE(set_of_is_sorted_by_encoding)
{
    std::string s = der::setOf({der::integer(5), der::octetString("a"), der::integer(2)});
    BOOST_TEST(hex(s) == "3109020102020105040161");
}

BOOST_AUTO_TEST_CASE(reading_walks_back_what_was_written)
{
    std::string seq = der::sequence(der::integer(7) + der::octetString("hi"));
    der::Tlv t;
    BOOST_TEST_REQUIRE(der::readTlv(seq, t));
    BOOST_TEST(t.tag == 0x30);
    auto kids = der::children(t.content);
    BOOST_TEST_REQUIRE(kids.size() == 2u);
    BOOST_TEST(kids[1].content == "hi");
    BOOST_TEST(!der::readTlv(seq.substr(0, 3), t), "a truncated TLV is refused");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cms_view)

namespace {

// A detached CMS SignedData made by OpenSSL with the fixture PKI's officer
// (signed attributes, the signer's certificate and the chain).
std::string opensslCms()
{
    testing::Scratch s;
    const std::string msg = (s.dir / "m.txt").string(), out = (s.dir / "m.cms").string();
    testing::spit(msg, "hello");
    auto r = testing::run("openssl cms -sign -binary -outform DER -md sha256 -in " + testing::q(msg) + " -signer " +
                          testing::q(testing::pki("officer-rsa.pem")) + " -inkey " +
                          testing::q(testing::pki("officer-rsa.key")) + " -certfile " +
                          testing::q(testing::pki("chain.pem")) + " -out " + testing::q(out));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    return testing::slurp(out);
}

// The DER of the certificate in a PEM file.
std::string certDer(const std::string& pem)
{
    testing::Scratch s;
    const std::string f = (s.dir / "c.der").string();
    auto r = testing::run("openssl x509 -outform DER -in " + testing::q(pem) + " -out " + testing::q(f));
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    return testing::slurp(f);
}

std::string alg(const char* oid) { return der::sequence(der::oid(oid) + der::null()); }

// A SignedData written with the DER writer: a [0] subjectKeyIdentifier
// signer and an unsigned signature-timestamp attribute. `signature` lets a
// test put a wrong tag where the signature value belongs.
std::string handMadeCms(const std::string& signature = der::octetString("SIG"),
                        const char* contentType = der::kSignedDataOid)
{
    const std::string token = der::sequence(der::integer(42));
    const std::string unsignedAttrs = der::contextConstructed(
        1, der::sequence(der::oid(der::kSignatureTimestampOid) + der::set(token)) +
               der::sequence(der::oid("1.2.3.4") + der::set(der::null())));
    const std::string signerInfo = der::sequence(
        der::integer(3) + der::tlv(0x80, "KEYID") + alg("2.16.840.1.101.3.4.2.1") +
        alg("1.2.840.113549.1.1.11") + signature + unsignedAttrs);
    const std::string signedData = der::sequence(
        der::integer(3) + der::set(alg("2.16.840.1.101.3.4.2.1")) +
        der::sequence(der::oid("1.2.840.113549.1.7.1") + der::contextConstructed(0, der::octetString("content"))) +
        der::set(signerInfo));
    return der::sequence(der::oid(contentType) + der::contextConstructed(0, signedData));
}

// The part a malformed CMS is refused for.
std::string refusal(const std::string& cms)
{
    try {
        der::parseSignedData(cms);
    } catch (const der::MalformedCms& e) {
        BOOST_TEST(!e.partId().empty(), "the refusal has an Indonesian sentence too");
        return e.part();
    }
    return "";
}

} // namespace

BOOST_AUTO_TEST_CASE(an_openssl_signature_is_read_field_by_field)
{
    const std::string cms = opensslCms();
    const der::SignedDataView sd = der::parseSignedData(cms);
    BOOST_TEST(sd.contentInfo.size() == cms.size());
    BOOST_TEST(sd.digestAlgorithms == std::vector<std::string>{"2.16.840.1.101.3.4.2.1"});
    BOOST_TEST(sd.eContentType == "1.2.840.113549.1.7.1");
    BOOST_TEST(!sd.eContent.has_value(), "a detached signature carries no content");
    BOOST_TEST(sd.certificates.size() >= 2u, "the signer's certificate and the chain");
    BOOST_TEST_REQUIRE(sd.signerInfos.size() == 1u);
    const der::SignerInfoView& si = sd.signerInfos[0];
    BOOST_TEST(si.sid.tag == 0x30, "issuerAndSerialNumber");
    BOOST_TEST(si.serialNumber == der::certificateSerial(certDer(testing::pki("officer-rsa.pem"))));
    BOOST_TEST(si.digestAlgorithm == "2.16.840.1.101.3.4.2.1");
    BOOST_TEST(si.signatureAlgorithm == "1.2.840.113549.1.1.1");
    BOOST_TEST(si.signedAttrs.present());
    BOOST_TEST(static_cast<unsigned char>(si.signedAttrs.whole[0]) == 0xA0u, "the whole [0] TLV");
    BOOST_TEST(si.signedAttrs.find("1.2.840.113549.1.9.4") != nullptr, "messageDigest");
    BOOST_TEST(si.signedAttrs.find("1.2.840.113549.1.9.3") != nullptr, "contentType");
    BOOST_TEST(si.signature.size() == 256u, "an RSA-2048 signature value");
    BOOST_TEST(!si.unsignedAttrs.present());
    BOOST_TEST(si.unsignedAttrs.find(der::kSignatureTimestampOid) == nullptr);
}

BOOST_AUTO_TEST_CASE(padding_after_the_content_info_is_ignored)
{
    const std::string cms = opensslCms();
    const std::string padded = cms + std::string(500, '\0'); // the view points into it
    const der::SignedDataView sd = der::parseSignedData(padded);
    BOOST_TEST(sd.contentInfo == cms);
}

BOOST_AUTO_TEST_CASE(unsigned_attributes_are_found_by_type)
{
    const std::string cms = handMadeCms();
    const der::SignedDataView sd = der::parseSignedData(cms);
    BOOST_TEST_REQUIRE(sd.signerInfos.size() == 1u);
    const der::SignerInfoView& si = sd.signerInfos[0];
    BOOST_TEST(si.sid.tag == 0x80, "subjectKeyIdentifier");
    BOOST_TEST(si.sid.content == "KEYID");
    BOOST_TEST(si.serialNumber.empty());
    BOOST_TEST(!si.signedAttrs.present());
    BOOST_TEST(si.signature == "SIG");
    BOOST_TEST(sd.eContent.value_or("") == "content");
    BOOST_TEST(si.unsignedAttrs.list.size() == 2u);
    const der::Attribute* ts = si.unsignedAttrs.find(der::kSignatureTimestampOid);
    BOOST_TEST_REQUIRE(ts != nullptr);
    BOOST_TEST_REQUIRE(ts->values.size() == 1u);
    BOOST_TEST(ts->values[0] == der::sequence(der::integer(42)), "the value's whole TLV");
    BOOST_TEST(si.unsignedAttrs.find("1.2.3.5") == nullptr);
}

BOOST_AUTO_TEST_CASE(a_truncated_signature_is_refused_with_a_reason)
{
    const std::string cms = opensslCms();
    for (size_t n : {size_t(0), size_t(1), size_t(3), size_t(100), cms.size() / 2, cms.size() - 1}) {
        BOOST_TEST(refusal(cms.substr(0, n)) == "it is not DER (truncated or damaged)", "cut at " << n);
        BOOST_TEST(!der::readSignedData(cms.substr(0, n)).has_value());
    }
    // A SignerInfo that claims more than its SET holds.
    std::string inner = handMadeCms();
    const size_t at = inner.find(der::octetString("SIG"));
    BOOST_TEST_REQUIRE(at != std::string::npos);
    inner[at + 1] = 0x7f;
    BOOST_TEST(refusal(inner) == "a SignerInfo is damaged");
}

BOOST_AUTO_TEST_CASE(wrong_tags_are_refused_with_the_part_named)
{
    BOOST_TEST(refusal(handMadeCms(der::integer(5))) == "a SignerInfo has no signature value");
    BOOST_TEST(refusal(handMadeCms(der::octetString("SIG"), "1.2.840.113549.1.7.1")) == "the content is not a SignedData");
    BOOST_TEST(refusal(der::set(der::oid(der::kSignedDataOid))) == "the ContentInfo is not a SEQUENCE");
    BOOST_TEST(refusal(der::sequence(der::oid(der::kSignedDataOid))) == "the ContentInfo has no content");
    BOOST_TEST(refusal(der::sequence(der::oid(der::kSignedDataOid) + der::contextConstructed(0, der::set("")))) ==
               "the SignedData is not a SEQUENCE");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(pdf_syntax)

BOOST_AUTO_TEST_CASE(numbers_are_locale_free_and_short)
{
    BOOST_TEST(pdf::num(12) == "12");
    BOOST_TEST(pdf::num(12.0) == "12");
    BOOST_TEST(pdf::num(0.5) == "0.5");
    BOOST_TEST(pdf::num(-3.14159) == "-3.1416");
    BOOST_TEST(pdf::num(1e-9) == "0");
}

BOOST_AUTO_TEST_CASE(names_escape_delimiters)
{
    BOOST_TEST(pdf::name("Sig") == "/Sig");
    BOOST_TEST(pdf::name("A B#") == "/A#20B#23");
}

BOOST_AUTO_TEST_CASE(literal_strings_escape_parentheses_and_backslashes)
{
    BOOST_TEST(pdf::literal("a(b)\\c") == "(a\\(b\\)\\\\c)");
    BOOST_TEST(pdf::literal("x\ny") == "(x\\ny)");
}

BOOST_AUTO_TEST_CASE(text_strings_outside_ascii_become_utf16be)
{
    BOOST_TEST(pdf::textString("Jakarta") == "(Jakarta)");
    BOOST_TEST(pdf::textString("\xC3\x91o") == "<FEFF00D1006F>"); // "Ño"
}

BOOST_AUTO_TEST_CASE(new_objects_are_numbered_from_size)
{
    pdf::NewObjects objs(17);
    BOOST_TEST(objs.add("<<>>") == 17);
    int r = objs.reserve();
    BOOST_TEST(r == 18);
    objs.set(r, "null");
    BOOST_TEST(objs.nextFree() == 19);
    BOOST_TEST(objs.bodies().size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
