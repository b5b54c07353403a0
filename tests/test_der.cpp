// Unit tests of the byte-level building blocks: DER and PDF syntax.
#define BOOST_TEST_MODULE der_and_syntax
#include <boost/test/unit_test.hpp>

#include "asn1/der.hpp"
#include "pdf/syntax.hpp"

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
