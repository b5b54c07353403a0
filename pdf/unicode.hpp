// Internal to pdf/: UTF-16 code units and hex digits, shared by the text
// strings of syntax.cpp and the ToUnicode maps of font.cpp.
#pragma once

#include <string>

namespace bsre::pdf {

inline constexpr char kHexDigits[] = "0123456789ABCDEF";

// The UTF-16 code units of a code point: a surrogate pair from U+10000 up.
// No checks; callers decide what an invalid code point becomes.
inline std::u16string utf16Units(char32_t cp)
{
    if (cp < 0x10000)
        return std::u16string(1, static_cast<char16_t>(cp));
    cp -= 0x10000;
    return {static_cast<char16_t>(0xD800 + (cp >> 10)), static_cast<char16_t>(0xDC00 + (cp & 0x3ff))};
}

} // namespace bsre::pdf
