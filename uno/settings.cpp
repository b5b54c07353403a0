#include "settings.hpp"

#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/beans/XPropertySetInfo.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>

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

template <class T>
void read(const uno::Reference<beans::XPropertySet>& g, const char* name, T& out)
{
    try {
        g->getPropertyValue(OUString::createFromAscii(name)) >>= out;
    } catch (const uno::Exception&) {
    }
}

void readString(const uno::Reference<beans::XPropertySet>& g, const char* name, std::string& out)
{
    OUString v;
    try {
        if (g->getPropertyValue(OUString::createFromAscii(name)) >>= v)
            out = fromU(v);
    } catch (const uno::Exception&) {
    }
}

void readList(const uno::Reference<beans::XPropertySet>& g, const char* name, std::vector<std::string>& out)
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

} // namespace

Settings readSettings(const uno::Reference<uno::XComponentContext>& ctx)
{
    Settings s;
    try {
        uno::Reference<lang::XMultiServiceFactory> provider(
            ctx->getServiceManager()->createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx),
            uno::UNO_QUERY_THROW);
        if (auto g = group(provider, "/id.bsresign.Settings/Signing"); g.is()) {
            readString(g, "TsaUrl", s.tsaUrl);
            readString(g, "Level", s.level);
            read(g, "AllowLowerLevel", s.allowLowerLevel);
            read(g, "PdfA", s.pdfA);
            read(g, "Visible", s.visible);
            readString(g, "DefaultReason", s.defaultReason);
            readString(g, "DefaultLocation", s.defaultLocation);
            readString(g, "OutputPattern", s.outputPattern);
            readList(g, "Pkcs11Modules", s.pkcs11Modules);
            readList(g, "AllowedIssuers", s.allowedIssuers);
            read(g, "Certification", s.certification);
            collectLocked(g, "Signing/", s.locked);
        }
        if (auto n = group(provider, "/id.bsresign.Settings/Notice"); n.is()) {
            read(n, "Enabled", s.noticeEnabled);
            readString(n, "Text", s.noticeText);
            readString(n, "Preset", s.noticePreset);
            read(n, "SecondLine", s.noticeSecondLine);
            readString(n, "SecondLineText", s.noticeSecondLineText);
            readString(n, "Pages", s.noticePages);
            readString(n, "QrUrlTemplate", s.qrUrlTemplate);
            read(n, "AllowScaling", s.allowScaling);
            readString(n, "LogoPath", s.logoPath);
            collectLocked(n, "Notice/", s.locked);
        }
    } catch (const uno::Exception&) {
        // No schema (extension half-installed): defaults.
    }
    return s;
}

} // namespace bsre::ext
