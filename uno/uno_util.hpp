// Small helpers at the UNO boundary: strings convert to UTF-8 here and only here.
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/uno/Sequence.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include <functional>
#include <initializer_list>
#include <string>

namespace bsre::ext {

namespace css = com::sun::star;
using rtl::OUString;

inline OUString toU(const std::string& s)
{
    return OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8);
}
inline std::string fromU(const OUString& s) { return s.toUtf8().getStr(); }

// A file URL to a system path and back; empty on failure.
std::string systemPath(const OUString& url);
OUString fileUrl(const std::string& path);

// A string of LibreOffice's configuration (read-only access); throws
// css::uno::Exception when the node or key does not exist.
OUString readConfigString(const css::uno::Reference<css::uno::XComponentContext>& ctx, const char* node,
                          const char* key);

// True when LibreOffice's UI language is Indonesian.
bool uiIndonesian(const css::uno::Reference<css::uno::XComponentContext>& ctx);

// Every user-facing string has both languages; the UI language picks.
struct Text {
    const char* en;
    const char* id;
};
inline OUString tr(const Text& t, bool indonesian) { return toU(indonesian ? t.id : t.en); }

// A step of a long job for the status bar, in both languages.
using ProgressFn = std::function<void(const Text& step, int percent)>;
inline void progressStep(const ProgressFn& progress, const Text& step, int percent)
{
    if (progress)
        progress(step, percent);
}

// A named argument for UNO calls (filters, loaders, graphic providers).
inline css::beans::PropertyValue prop(const char* name, const css::uno::Any& value)
{
    css::beans::PropertyValue p;
    p.Name = OUString::createFromAscii(name);
    p.Value = value;
    return p;
}

// The SDK's Sequence has no initializer-list constructor outside LibreOffice itself.
template <class T>
css::uno::Sequence<T> seq(std::initializer_list<T> items)
{
    css::uno::Sequence<T> s(static_cast<sal_Int32>(items.size()));
    sal_Int32 i = 0;
    for (const T& t : items)
        s.getArray()[i++] = t;
    return s;
}

} // namespace bsre::ext
