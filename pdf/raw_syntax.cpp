#include "pdf/raw_syntax.hpp"

#include <cctype>
#include <string>
#include <cstdlib>

namespace bsre::pdf::raw {

namespace {

constexpr size_t npos = std::string_view::npos;
constexpr int kMaxDepth = 64; // nesting deeper than this is refused, not followed

bool isWhite(char c) { return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }
bool isDelimiter(char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' ||
           c == '%';
}
bool isRegular(char c) { return !isWhite(c) && !isDelimiter(c); }

size_t regularEnd(std::string_view s, size_t p)
{
    while (p < s.size() && isRegular(s[p]))
        ++p;
    return p;
}

bool isUnsigned(std::string_view t) { return !t.empty() && t.find_first_not_of("0123456789") == npos; }

// "(...)": balanced parentheses, a backslash escapes the next byte.
size_t literalEnd(std::string_view s, size_t p)
{
    int open = 0;
    for (; p < s.size(); ++p) {
        if (s[p] == '\\')
            ++p;
        else if (s[p] == '(')
            ++open;
        else if (s[p] == ')' && --open == 0)
            return p + 1;
    }
    return npos;
}

size_t hexEnd(std::string_view s, size_t p)
{
    for (++p; p < s.size(); ++p) {
        if (s[p] == '>')
            return p + 1;
        if (!isWhite(s[p]) && !std::isxdigit(static_cast<unsigned char>(s[p])))
            return npos;
    }
    return npos;
}

size_t valueAt(std::string_view s, size_t p, int depth);

// "[ ... ]" or "<< ... >>": values (or key value pairs) up to the closer.
size_t containerEnd(std::string_view s, size_t p, int depth, bool dict)
{
    if (depth > kMaxDepth)
        return npos;
    p += dict ? 2 : 1;
    for (bool key = true;; key = !key) {
        p = skipSpace(s, p);
        if (p >= s.size())
            return npos;
        if (dict ? s.substr(p, 2) == ">>" : s[p] == ']')
            return dict && !key ? npos : p + (dict ? 2 : 1);
        if (dict && key && s[p] != '/')
            return npos;
        p = valueAt(s, p, depth + 1);
        if (p == npos)
            return npos;
    }
}

// A number, or "num gen R" when two unsigned integers and R follow.
size_t numberOrRef(std::string_view s, size_t p)
{
    const size_t end = regularEnd(s, p);
    if (!isUnsigned(s.substr(p, end - p)))
        return end;
    const size_t g = skipSpace(s, end);
    const size_t gEnd = regularEnd(s, g);
    if (g == end || !isUnsigned(s.substr(g, gEnd - g)))
        return end;
    const size_t r = skipSpace(s, gEnd);
    if (r == gEnd || r >= s.size() || s[r] != 'R' || (r + 1 < s.size() && isRegular(s[r + 1])))
        return end;
    return r + 1;
}

size_t valueAt(std::string_view s, size_t p, int depth)
{
    if (p >= s.size())
        return npos;
    switch (s[p]) {
    case '(': return literalEnd(s, p);
    case '<': return s.substr(p, 2) == "<<" ? containerEnd(s, p, depth, true) : hexEnd(s, p);
    case '[': return containerEnd(s, p, depth, false);
    case '/': return regularEnd(s, p + 1);
    default: break;
    }
    if (!isRegular(s[p]))
        return npos;
    return numberOrRef(s, p);
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

size_t skipSpace(std::string_view s, size_t p)
{
    while (p < s.size()) {
        if (isWhite(s[p]))
            ++p;
        else if (s[p] == '%')
            while (p < s.size() && s[p] != '\n' && s[p] != '\r')
                ++p;
        else
            break;
    }
    return p;
}

size_t valueEnd(std::string_view s, size_t p) { return valueAt(s, p, 0); }

std::optional<std::vector<Entry>> dictEntries(std::string_view dict)
{
    size_t p = skipSpace(dict, 0);
    const size_t end = dict.substr(p, 2) == "<<" ? valueEnd(dict, p) : npos;
    if (end == npos || skipSpace(dict, end) != dict.size())
        return std::nullopt;
    std::vector<Entry> out;
    for (p = skipSpace(dict, p + 2); dict.substr(p, 2) != ">>"; p = skipSpace(dict, p)) {
        const size_t keyEnd = valueEnd(dict, p);
        const size_t v = skipSpace(dict, keyEnd);
        const size_t vEnd = valueEnd(dict, v);
        out.emplace_back(std::string(dict.substr(p + 1, keyEnd - p - 1)), std::string(dict.substr(v, vEnd - v)));
        p = vEnd;
    }
    return out;
}

std::optional<std::vector<std::string>> arrayItems(std::string_view array)
{
    size_t p = skipSpace(array, 0);
    const size_t end = p < array.size() && array[p] == '[' ? valueEnd(array, p) : npos;
    if (end == npos || skipSpace(array, end) != array.size())
        return std::nullopt;
    std::vector<std::string> out;
    for (p = skipSpace(array, p + 1); array[p] != ']'; p = skipSpace(array, p)) {
        const size_t end = valueEnd(array, p);
        out.emplace_back(array.substr(p, end - p));
        p = end;
    }
    return out;
}

std::string decodeName(std::string_view spelled)
{
    std::string out;
    for (size_t i = 0; i < spelled.size(); ++i) {
        if (spelled[i] == '#' && i + 2 < spelled.size() && hexDigit(spelled[i + 1]) >= 0 &&
            hexDigit(spelled[i + 2]) >= 0) {
            out += static_cast<char>(hexDigit(spelled[i + 1]) * 16 + hexDigit(spelled[i + 2]));
            i += 2;
        } else {
            out += spelled[i];
        }
    }
    return out;
}

bool nameIs(std::string_view spelled, std::string_view key)
{
    return spelled.find('#') == std::string_view::npos ? spelled == key : decodeName(spelled) == key;
}

const std::string* find(const std::vector<Entry>& entries, std::string_view key)
{
    for (const auto& [k, v] : entries)
        if (nameIs(k, key))
            return &v;
    return nullptr;
}

std::string* find(std::vector<Entry>& entries, std::string_view key)
{
    return const_cast<std::string*>(find(static_cast<const std::vector<Entry>&>(entries), key));
}

std::optional<std::string_view> indirectValue(std::string_view file, size_t offset, int num, int gen)
{
    size_t p = skipSpace(file, offset);
    for (const std::string& word : {std::to_string(num), std::to_string(gen), std::string("obj")}) {
        const size_t end = regularEnd(file, p);
        if (file.substr(p, end - p) != word)
            return std::nullopt;
        p = skipSpace(file, end);
    }
    const size_t end = valueEnd(file, p);
    if (end == npos)
        return std::nullopt;
    return file.substr(p, end - p);
}

std::optional<std::string_view> trailerDict(std::string_view file, size_t offset)
{
    if (offset >= file.size())
        return std::nullopt;
    const bool table = file.substr(offset, 4) == "xref";
    const char* keyword = table ? "trailer" : "obj"; // a cross-reference stream's dictionary follows "n g obj"
    size_t p = file.find(keyword, offset);
    p = p == npos ? npos : skipSpace(file, p + std::char_traits<char>::length(keyword));
    const size_t end = p != npos && file.substr(p, 2) == "<<" ? valueEnd(file, p) : npos;
    if (end == npos)
        return std::nullopt;
    return file.substr(p, end - p);
}

} // namespace bsre::pdf::raw
