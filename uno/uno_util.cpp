#include "uno_util.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <osl/file.hxx>

namespace bsre::ext {

using namespace css;

std::string systemPath(const OUString& url)
{
    OUString path;
    if (osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None)
        return {};
    return fromU(path);
}

OUString fileUrl(const std::string& path)
{
    OUString url;
    if (osl::FileBase::getFileURLFromSystemPath(toU(path), url) != osl::FileBase::E_None)
        return {};
    return url;
}

OUString readConfigString(const uno::Reference<uno::XComponentContext>& ctx, const char* node, const char* key)
{
    uno::Reference<lang::XMultiServiceFactory> provider(
        ctx->getServiceManager()->createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx),
        uno::UNO_QUERY_THROW);
    beans::PropertyValue path;
    path.Name = "nodepath";
    path.Value <<= OUString::createFromAscii(node);
    uno::Reference<container::XNameAccess> access(
        provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                              seq<uno::Any>({uno::Any(path)})),
        uno::UNO_QUERY_THROW);
    OUString v;
    access->getByName(OUString::createFromAscii(key)) >>= v;
    return v;
}

bool uiIndonesian(const uno::Reference<uno::XComponentContext>& ctx)
{
    // The language the person chose (Tools > Options > Languages), else the
    // installation's UI language.
    try {
        OUString chosen = readConfigString(ctx, "/org.openoffice.Office.Linguistic/General", "UILocale");
        if (!chosen.isEmpty())
            return chosen.startsWith("id");
    } catch (const uno::Exception&) {
    }
    try {
        const OUString locale = readConfigString(ctx, "/org.openoffice.Setup/L10N", "ooLocale");
        return locale.startsWith("id");
    } catch (const uno::Exception&) {
        return false;
    }
}

} // namespace bsre::ext
