// Small helpers every LibreOffice integration test module uses.
#pragma once

#include "../support.hpp"
#include "office.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>
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

// A configuration value of the office, set for a scope and put back
// afterwards (the extension reads its settings and the UI language on every call).
class ConfigValue {
public:
    ConfigValue(Office& o, const std::string& node, const std::string& name, const css::uno::Any& value)
        : name_(ustr(name))
    {
        Reference<css::lang::XMultiServiceFactory> provider(o.create("com.sun.star.configuration.ConfigurationProvider"),
                                                            css::uno::UNO_QUERY_THROW);
        css::uno::Sequence<css::uno::Any> args(1);
        args.getArray()[0] <<= prop("nodepath", ustr(node));
        access_.set(provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", args),
                    css::uno::UNO_QUERY_THROW);
        old_ = Reference<css::container::XNameAccess>(access_, css::uno::UNO_QUERY_THROW)->getByName(name_);
        access_->replaceByName(name_, value);
        Reference<css::util::XChangesBatch>(access_, css::uno::UNO_QUERY_THROW)->commitChanges();
    }
    ~ConfigValue()
    {
        try {
            access_->replaceByName(name_, old_);
            Reference<css::util::XChangesBatch>(access_, css::uno::UNO_QUERY_THROW)->commitChanges();
        } catch (const css::uno::Exception&) {
        }
    }
    ConfigValue(const ConfigValue&) = delete;

private:
    OUString name_;
    Reference<css::container::XNameReplace> access_;
    css::uno::Any old_;
};

} // namespace bsretest
