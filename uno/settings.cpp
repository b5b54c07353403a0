#include "settings.hpp"

#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/beans/XPropertySetInfo.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>

#include <variant>

namespace bsre::ext {

using namespace css;

namespace {

uno::Reference<beans::XPropertySet> group(const uno::Reference<lang::XMultiServiceFactory>& provider,
                                          const OUString& path)
{
    beans::PropertyValue p;
    p.Name = "nodepath";
    p.Value <<= path;
    uno::Sequence<uno::Any> args = seq<uno::Any>({uno::Any(p)});
    // The update access reports finalized keys as READONLY.
    return uno::Reference<beans::XPropertySet>(
        provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", args),
        uno::UNO_QUERY);
}

// A boolean or a number, as the schema types it.
template <class T>
void read(const uno::Reference<beans::XPropertySet>& g, const char* name, T& out)
{
    try {
        g->getPropertyValue(OUString::createFromAscii(name)) >>= out;
    } catch (const uno::Exception&) {
    }
}

void read(const uno::Reference<beans::XPropertySet>& g, const char* name, std::string& out)
{
    OUString v;
    try {
        if (g->getPropertyValue(OUString::createFromAscii(name)) >>= v)
            out = fromU(v);
    } catch (const uno::Exception&) {
    }
}

void read(const uno::Reference<beans::XPropertySet>& g, const char* name, std::vector<std::string>& out)
{
    uno::Sequence<OUString> v;
    try {
        if (g->getPropertyValue(OUString::createFromAscii(name)) >>= v)
            for (const OUString& s : v)
                out.push_back(fromU(s));
    } catch (const uno::Exception&) {
    }
}

void collectLocked(const uno::Reference<beans::XPropertySet>& g, const std::string& prefix, std::set<std::string>& out)
{
    for (const beans::Property& p : g->getPropertySetInfo()->getProperties())
        if (p.Attributes & beans::PropertyAttribute::READONLY)
            out.insert(prefix + fromU(p.Name));
}

// Every key of the schema (extension/*.xcs) and the member it fills: a new
// key is one row here.
using Member = std::variant<std::string Settings::*, bool Settings::*, int Settings::*,
                            std::vector<std::string> Settings::*>;
struct Key {
    const char* group;
    const char* name;
    Member member;
};
const Key kKeys[] = {
    {"Signing", "TsaUrl", &Settings::tsaUrl},
    {"Signing", "Level", &Settings::level},
    {"Signing", "AllowLowerLevel", &Settings::allowLowerLevel},
    {"Signing", "PdfA", &Settings::pdfA},
    {"Signing", "Visible", &Settings::visible},
    {"Signing", "AppearanceStyle", &Settings::appearanceStyle},
    {"Signing", "DefaultReason", &Settings::defaultReason},
    {"Signing", "DefaultLocation", &Settings::defaultLocation},
    {"Signing", "OutputPattern", &Settings::outputPattern},
    {"Signing", "Pkcs11Modules", &Settings::pkcs11Modules},
    {"Signing", "AllowedIssuers", &Settings::allowedIssuers},
    {"Signing", "Certification", &Settings::certification},
    {"Notice", "Enabled", &Settings::noticeEnabled},
    {"Notice", "Text", &Settings::noticeText},
    {"Notice", "Preset", &Settings::noticePreset},
    {"Notice", "SecondLine", &Settings::noticeSecondLine},
    {"Notice", "SecondLineText", &Settings::noticeSecondLineText},
    {"Notice", "Pages", &Settings::noticePages},
    {"Notice", "QrUrlTemplate", &Settings::qrUrlTemplate},
    {"Notice", "AllowScaling", &Settings::allowScaling},
    {"Notice", "LogoPath", &Settings::logoPath},
    {"Ledger", "Enabled", &Settings::ledgerEnabled},
    {"Ledger", "Folder", &Settings::ledgerFolder},
    {"Ledger", "Desk", &Settings::ledgerDesk},
    {"Ledger", "Required", &Settings::ledgerRequired},
    {"Ledger", "Institution", &Settings::institution},
    {"Ledger", "HashFileNames", &Settings::ledgerHashFileNames},
    {"Server", "Enabled", &Settings::serverEnabled},
    {"Server", "DocumentsLeaveDesk", &Settings::serverDocumentsLeaveDesk},
    {"Server", "Url", &Settings::serverUrl},
    {"Server", "TimeoutSeconds", &Settings::serverTimeout},
};

void readGroup(const uno::Reference<lang::XMultiServiceFactory>& provider, const std::string& name, Settings& s)
{
    auto g = group(provider, toU("/id.bsresign.Settings/" + name));
    if (!g.is())
        return;
    for (const Key& k : kKeys)
        if (name == k.group)
            std::visit([&](auto member) { read(g, k.name, s.*member); }, k.member);
    collectLocked(g, name + "/", s.locked);
}

} // namespace

Settings readSettings(const uno::Reference<uno::XComponentContext>& ctx)
{
    Settings s;
    try {
        uno::Reference<lang::XMultiServiceFactory> provider(
            ctx->getServiceManager()->createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx),
            uno::UNO_QUERY_THROW);
        readGroup(provider, "Signing", s);
        readGroup(provider, "Notice", s);
        readGroup(provider, "Ledger", s);
        readGroup(provider, "Server", s);
    } catch (const uno::Exception&) {
        // No schema (extension half-installed): defaults.
    }
    return s;
}

} // namespace bsre::ext
