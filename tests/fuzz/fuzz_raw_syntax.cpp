// pdf/raw_syntax: the lexer that finds where a PDF value ends in bytes taken
// from the input file (what signing copies as spelled). Arbitrary bytes as
// the text of a value, a dictionary, an array and a whole file, with the
// lexer's own promises checked:
//  - valueEnd is npos or lies past its start, inside the text;
//  - every entry and item found is itself exactly one value;
//  - a dictionary re-emitted from its entries (DictSnapshot::serialize's
//    spelling) reads back as the same entries.
#include "fuzz_support.hpp"

#include "pdf/model.hpp"
#include "pdf/raw_syntax.hpp"

#include <string_view>

using namespace bsre::pdf;

namespace {

constexpr size_t npos = std::string_view::npos;

void checkEnd(std::string_view s, size_t p)
{
    const size_t end = raw::valueEnd(s, p);
    if (end != npos && (end <= p || end > s.size()))
        fuzz::broken("valueEnd outside (start, size]");
    const size_t q = raw::skipSpace(s, p);
    if (q < p || q > std::max(p, s.size()))
        fuzz::broken("skipSpace moved backwards or past the end");
}

bool oneValue(std::string_view v) { return !v.empty() && raw::valueEnd(v, 0) == v.size(); }

void checkDict(std::string_view s)
{
    const auto entries = raw::dictEntries(s);
    if (!entries)
        return;
    DictSnapshot d;
    for (const auto& [k, v] : *entries) {
        if (!oneValue(v) || !oneValue("/" + k))
            fuzz::broken("a dictionary entry is not one key and one value");
        (void)raw::decodeName(k);
        (void)raw::find(*entries, k);
        (void)raw::nameIs(k, "Type");
        d.entries.emplace_back(k, v);
    }
    const auto again = raw::dictEntries(d.serialize());
    if (!again || *again != *entries)
        fuzz::broken("a dictionary re-emitted as spelled does not read back the same");
}

void checkArray(std::string_view s)
{
    const auto items = raw::arrayItems(s);
    if (!items)
        return;
    std::string joined = "[";
    for (const auto& item : *items) {
        if (!oneValue(item))
            fuzz::broken("an array item is not one value");
        joined += item + " ";
    }
    joined += "]";
    const auto again = raw::arrayItems(joined);
    if (!again || *again != *items)
        fuzz::broken("an array re-emitted as spelled does not read back the same");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view s(reinterpret_cast<const char*>(data), size);
    // Every start in a short text, a sample of them in a long one.
    const size_t step = size < 256 ? 1 : size / 128;
    for (size_t p = 0; p <= size; p += step)
        checkEnd(s, p);
    checkDict(s);
    checkArray(s);
    (void)raw::decodeName(s);
    // As a whole file: the object and the trailer at each "obj" and "xref".
    for (size_t at = s.find("obj"); at != npos; at = s.find("obj", at + 1)) {
        size_t start = at;
        while (start > 0 && s[start - 1] != '\n' && s[start - 1] != '\r')
            --start;
        (void)raw::indirectValue(s, start, 1, 0);
        if (auto t = raw::trailerDict(s, start))
            checkDict(*t);
    }
    for (size_t at = s.find("xref"); at != npos; at = s.find("xref", at + 1))
        if (auto t = raw::trailerDict(s, at))
            checkDict(*t);
    (void)raw::indirectValue(s, 0, 1, 0);
    (void)raw::indirectValue(s, size, 1, 0);
    return 0;
}
