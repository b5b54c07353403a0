// Small helpers at the UNO boundary: strings convert to UTF-8 here and only here.
#pragma once

#include <com/sun/star/uno/Sequence.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

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

// True when LibreOffice's UI language is Indonesian.
bool uiIndonesian(const css::uno::Reference<css::uno::XComponentContext>& ctx);

// Every user-facing string has both languages; the UI language picks.
struct Text {
    const char* en;
    const char* id;
};
inline OUString tr(const Text& t, bool indonesian) { return toU(indonesian ? t.id : t.en); }

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
