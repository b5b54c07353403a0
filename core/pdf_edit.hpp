// Small helpers shared by the updates core/ writes (signature, document
// timestamp): references and arrays in PDF syntax.
#pragma once

#include "pdf/model.hpp"

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

} // namespace bsre::edit
