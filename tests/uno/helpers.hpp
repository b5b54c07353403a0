// Small helpers every LibreOffice integration test module uses.
#pragma once

#include "../support.hpp"
#include "office.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/uno/Sequence.hxx>

#include <cctype>
#include <string>
#include <vector>

namespace bsretest {

inline std::string source(const std::string& rel) { return testing::env("BSRE_SOURCE") + "/" + rel; }

// SHA-256 of a PEM certificate, upper-case hex without separators (the
// form CertificateInfo.Fingerprint and the Certificate option use).
inline std::string fingerprint(const std::string& pem)
{
    testing::Run r = testing::run("openssl x509 -in " + testing::q(pem) + " -noout -fingerprint -sha256");
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    std::string fp;
    for (char c : r.output.substr(r.output.find('=') + 1))
        if (std::isxdigit(static_cast<unsigned char>(c)))
            fp += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    BOOST_TEST_REQUIRE(fp.size() == 64u, r.output);
    return fp;
}

inline css::uno::Sequence<css::beans::PropertyValue> seq(const std::vector<css::beans::PropertyValue>& v)
{
    return css::uno::Sequence<css::beans::PropertyValue>(v.data(), static_cast<sal_Int32>(v.size()));
}

} // namespace bsretest
