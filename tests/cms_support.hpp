// Reading a PAdES signature's CMS in the tests (engine's DER reader).
#pragma once

#include "support.hpp"

#include "asn1/der.hpp"

#include <string>
#include <utility>

namespace testing {

// The SignerInfo's signature value and its timestamp token, from the CMS.
inline std::pair<std::string, std::string> signatureAndToken(const std::string& cms)
{
    using namespace bsre::der;
    Tlv ci, sd;
    BOOST_TEST_REQUIRE(readTlv(cms, ci));
    auto parts = children(ci.content);
    BOOST_TEST_REQUIRE(parts.size() >= 2u);
    BOOST_TEST_REQUIRE(readTlv(parts[1].content, sd));
    auto sdParts = children(sd.content);
    auto infos = children(sdParts.back().content);
    BOOST_TEST_REQUIRE(infos.size() == 1u, "exactly one SignerInfo");
    std::string sig, token;
    int values = 0;
    for (const auto& f : children(infos[0].content)) {
        if (f.tag == 0x04) {
            sig = std::string(f.content);
            ++values;
        }
        if (f.tag == 0xA1)
            for (const auto& attr : children(f.content)) {
                auto a = children(attr.content);
                if (a.size() == 2 && a[0].whole == oid("1.2.840.113549.1.9.16.2.14"))
                    token = std::string(children(a[1].content).at(0).whole);
            }
    }
    BOOST_TEST(values == 1, "exactly one signature value");
    return {sig, token};
}


} // namespace testing
