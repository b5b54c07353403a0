// Byte-exact PDF syntax helpers (ISO 32000-1 7.3). Locale-independent.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bsre::pdf {

// Numbers: integers as integers, reals with at most 4 decimals, no exponent.
std::string num(double v);
std::string num(long long v);
inline std::string num(int v) { return num(static_cast<long long>(v)); }
// "/Name" with #xx escaping of delimiters, whitespace and non-printables.
std::string name(std::string_view n);
// "(text)" with \ ( ) and control bytes escaped; bytes kept as given.
std::string literal(std::string_view bytes);
// "<hex>" of the given bytes.
std::string hexString(std::string_view bytes);
// A text string for /Reason, /T etc.: PDFDocEncoding-safe ASCII stays literal,
// anything else becomes UTF-16BE with BOM (ISO 32000-1 7.9.2.2).
std::string textString(std::string_view utf8);
inline std::string ref(int objNum) { return std::to_string(objNum) + " 0 R"; }

// zlib deflate of data (throws bsre::Error on failure).
std::string deflate(std::string_view data);

// "<< ... /Length n /Filter /FlateDecode >>\nstream\n...\nendstream" body.
// dictEntries are extra entries, already in PDF syntax (e.g. "/Type /XObject").
std::string streamObject(std::string_view dictEntries, std::string_view data, bool compress);
// The same for data already deflated (zlib): /Filter /FlateDecode is said.
std::string deflatedStreamObject(std::string_view dictEntries, std::string_view deflated);

// Objects appended in an incremental update. Numbers come from the
// original's /Size upwards; bodies are what goes between "N 0 obj\n" and "\nendobj".
class NewObjects {
public:
    explicit NewObjects(int firstFree) : next_(firstFree) {}
    int reserve() { return next_++; }
    void set(int num, std::string body) { bodies_[num] = std::move(body); }
    int add(std::string body)
    {
        int n = reserve();
        set(n, std::move(body));
        return n;
    }
    // One object for identical content (a logo in both the notice and the
    // appearance, the same band stream on every page).
    template <class Build>
    int memo(const std::string& key, Build&& build)
    {
        auto it = memo_.find(key);
        if (it != memo_.end())
            return it->second;
        int n = build();
        memo_[key] = n;
        return n;
    }
    int nextFree() const { return next_; }
    const std::map<int, std::string>& bodies() const { return bodies_; }

private:
    int next_;
    std::map<int, std::string> bodies_;
    std::map<std::string, int> memo_;
};

} // namespace bsre::pdf
