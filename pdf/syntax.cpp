#include "pdf/syntax.hpp"

#include "common/error.hpp"
#include "pdf/unicode.hpp"

#include <charconv>
#include <cmath>
#include <zlib.h>

namespace bsre::pdf {

std::string num(long long v)
{
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string num(double v)
{
    if (!std::isfinite(v))
        v = 0;
    double rounded = std::round(v * 10000.0) / 10000.0;
    if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15)
        return num(static_cast<long long>(rounded));
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, 4);
    std::string s(buf, r.ptr);
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    if (s == "-0")
        s = "0";
    return s;
}

std::string name(std::string_view n)
{
    std::string out = "/";
    for (unsigned char c : n) {
        bool delim = std::string_view("()<>[]{}/%#").find(static_cast<char>(c)) != std::string_view::npos;
        if (c < 0x21 || c > 0x7e || delim) {
            out += '#';
            out += kHexDigits[c >> 4];
            out += kHexDigits[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string literal(std::string_view bytes)
{
    std::string out = "(";
    for (unsigned char c : bytes) {
        switch (c) {
        case '(': out += "\\("; break;
        case ')': out += "\\)"; break;
        case '\\': out += "\\\\"; break;
        case '\r': out += "\\r"; break;
        case '\n': out += "\\n"; break;
        default:
            if (c < 0x20) {
                char buf[5];
                buf[0] = '\\';
                buf[1] = static_cast<char>('0' + ((c >> 6) & 7));
                buf[2] = static_cast<char>('0' + ((c >> 3) & 7));
                buf[3] = static_cast<char>('0' + (c & 7));
                out.append(buf, 4);
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += ')';
    return out;
}

std::string hexString(std::string_view bytes)
{
    std::string out = "<";
    out.reserve(bytes.size() * 2 + 2);
    for (unsigned char c : bytes) {
        out += kHexDigits[c >> 4];
        out += kHexDigits[c & 15];
    }
    out += '>';
    return out;
}

namespace {
// Decode UTF-8 to code points; invalid bytes become U+FFFD.
std::u32string decodeUtf8(std::string_view s)
{
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        char32_t cp;
        int len;
        if (c < 0x80) { cp = c; len = 1; }
        else if ((c >> 5) == 6) { cp = c & 0x1f; len = 2; }
        else if ((c >> 4) == 14) { cp = c & 0x0f; len = 3; }
        else if ((c >> 3) == 30) { cp = c & 0x07; len = 4; }
        else { out += 0xFFFD; ++i; continue; }
        if (i + len > s.size()) { out += 0xFFFD; break; }
        bool ok = true;
        for (int k = 1; k < len; ++k) {
            unsigned char cc = s[i + k];
            if ((cc >> 6) != 2) { ok = false; break; }
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (!ok) { out += 0xFFFD; ++i; continue; }
        out += cp;
        i += len;
    }
    return out;
}
} // namespace

std::string textString(std::string_view utf8)
{
    bool ascii = true;
    for (unsigned char c : utf8)
        if (c >= 0x80 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t'))
            ascii = false;
    if (ascii)
        return literal(utf8);
    std::string be = "\xFE\xFF";
    for (char32_t cp : decodeUtf8(utf8))
        for (char16_t u : utf16Units(cp)) {
            be += static_cast<char>(u >> 8);
            be += static_cast<char>(u & 0xff);
        }
    return hexString(be);
}

std::string deflate(std::string_view data)
{
    uLongf cap = compressBound(static_cast<uLong>(data.size()));
    std::string out(cap, '\0');
    int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &cap,
                       reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()), 6);
    if (rc != Z_OK)
        fail(Code::Internal, "Compression failed (zlib error " + std::to_string(rc) + ").",
             "Kompresi gagal (galat zlib " + std::to_string(rc) + ").");
    out.resize(cap);
    return out;
}

namespace {
std::string streamWith(std::string_view dictEntries, std::string_view payload, bool flate)
{
    std::string out = "<<";
    if (!dictEntries.empty()) {
        out += ' ';
        out += dictEntries;
    }
    out += " /Length " + num(static_cast<long long>(payload.size()));
    if (flate)
        out += " /Filter /FlateDecode";
    out += " >>\nstream\n";
    out += payload;
    out += "\nendstream";
    return out;
}
} // namespace

std::string deflatedStreamObject(std::string_view dictEntries, std::string_view deflated)
{
    return streamWith(dictEntries, deflated, true);
}

std::string streamObject(std::string_view dictEntries, std::string_view data, bool compress)
{
    return compress ? streamWith(dictEntries, deflate(data), true) : streamWith(dictEntries, data, false);
}

} // namespace bsre::pdf
