// Bytes as hexadecimal digits: one encoder for the whole project.
#pragma once

#include <string>
#include <string_view>

namespace bsre {

// Into `out` (reused by callers that encode many digests).
inline void hexInto(std::string& out, std::string_view bytes, bool upper = false)
{
    const char* d = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    out.resize(bytes.size() * 2);
    for (size_t i = 0; i < bytes.size(); ++i) {
        out[2 * i] = d[static_cast<unsigned char>(bytes[i]) >> 4];
        out[2 * i + 1] = d[static_cast<unsigned char>(bytes[i]) & 15];
    }
}

inline std::string hex(std::string_view bytes, bool upper = false)
{
    std::string out;
    hexInto(out, bytes, upper);
    return out;
}

} // namespace bsre
