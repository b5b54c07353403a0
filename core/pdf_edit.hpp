// Small helpers shared by the updates core/ writes (signature, document
// timestamp): references and arrays in PDF syntax.
#pragma once

#include "common/error.hpp"
#include "pdf/model.hpp"
#include "pdf/syntax.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace bsre::edit {

// "12 0 R" -> ref, anything else -> invalid.
inline pdf::ObjRef parseRef(const std::string& s)
{
    int n = 0, g = 0;
    char r = 0;
    if (std::sscanf(s.c_str(), "%d %d %c", &n, &g, &r) == 3 && r == 'R')
        return {n, g};
    return {};
}

// "[1 0 R 5 0 R]" -> {"1 0 R", "5 0 R"} (field arrays hold references only).
inline std::vector<std::string> splitRefs(const std::string& arraySyntax)
{
    std::vector<std::string> out;
    const char* p = arraySyntax.c_str();
    while (*p) {
        int n = 0, g = 0, used = 0;
        char r = 0;
        if (std::sscanf(p, " %d %d %c%n", &n, &g, &r, &used) == 3 && r == 'R') {
            out.push_back(std::to_string(n) + " " + std::to_string(g) + " R");
            p += used;
        } else {
            ++p;
        }
    }
    return out;
}

inline std::string arraySyntax(const std::vector<std::string>& items)
{
    std::string a = "[";
    for (size_t i = 0; i < items.size(); ++i)
        a += (i ? " " : "") + items[i];
    return a + "]";
}

inline std::string uniqueFieldName(const pdf::DocumentModel& m, const std::string& stem)
{
    for (int i = 1;; ++i) {
        std::string n = stem + std::to_string(i);
        bool clash = false;
        for (auto& f : m.fields)
            if (f.name == n)
                clash = true;
        if (!clash)
            return n;
    }
}

// Placeholder of a signature dictionary's /ByteRange: four numbers of up to 20 digits.
constexpr size_t kByteRangeWidth = 4 * 21 + 2;

// "/ByteRange [ padding ] /Contents <00…>" appended to a signature
// dictionary's body, with the offsets the filling below needs.
struct SigPlaceholder {
    size_t byteRangeAt = 0; // the padding, inside the body
    size_t contentsAt = 0;  // the '<', inside the body
    size_t capacity = 0;    // bytes of DER the /Contents can hold
};

inline SigPlaceholder appendSigPlaceholder(std::string& body, size_t capacity)
{
    SigPlaceholder p;
    p.capacity = capacity;
    body += "/ByteRange [";
    p.byteRangeAt = body.size();
    body += std::string(kByteRangeWidth, ' ') + "] /Contents ";
    p.contentsAt = body.size();
    body += "<" + std::string(capacity * 2, '0') + ">";
    return p;
}

// Where the /Contents string lies in the file: [start, end), '<' and '>' included.
struct ContentsSpan {
    unsigned long long start = 0, end = 0;
};

// ISO 32000-1 12.8.1: the /ByteRange covers the whole file but /Contents.
// `bodyAt`: where the signature dictionary's body starts in `file`.
inline ContentsSpan fillByteRange(std::string& file, size_t bodyAt, const SigPlaceholder& p)
{
    ContentsSpan c{bodyAt + p.contentsAt, bodyAt + p.contentsAt + p.capacity * 2 + 2};
    const std::string br =
        "0 " + std::to_string(c.start) + " " + std::to_string(c.end) + " " + std::to_string(file.size() - c.end);
    if (br.size() > kByteRangeWidth)
        fail(Code::Internal, "The byte range does not fit its placeholder.", "Rentang bita tidak muat.");
    file.replace(bodyAt + p.byteRangeAt, br.size(), br);
    return c;
}

// The DER (at most the capacity) written as hex into the placeholder; the rest stays zeros.
inline void fillContents(std::string& file, const ContentsSpan& c, std::string_view der)
{
    const std::string hex = pdf::hexString(der);
    file.replace(c.start + 1, hex.size() - 2, hex.substr(1, hex.size() - 2));
}

} // namespace bsre::edit
