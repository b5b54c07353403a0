// The little JSON this project writes and reads back: string escaping for
// output, and flat objects (string, number, true/false/null values) for the
// ledger's records. Not a general JSON library.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bsre::json {

// "…" with ", \ and control characters escaped (UTF-8 passes through).
std::string quoted(std::string_view s);

// One flat object: keys to values, strings unescaped, numbers and literals as
// written. nullopt for anything else (nested values, trailing bytes, bad escapes).
using FlatObject = std::map<std::string, std::string, std::less<>>;
std::optional<FlatObject> parseFlat(std::string_view text);

// Any JSON value, for answers of services this project does not control (the
// BSrE signing service, net/bsre_service.cpp). Numbers and literals are kept as
// written; strings unescaped.
struct Member;
struct Value {
    enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
    std::string text;                                   // String, Number, Bool
    std::vector<Value> items;                           // Array
    std::vector<Member> members;                        // Object, in order
    // The first member named `key` of an object; null for anything else.
    const Value* find(std::string_view key) const;
    bool isString() const { return kind == Kind::String; }
};
// (A struct, not std::pair: a pair needs Value complete where it is named.)
struct Member {
    std::string key;
    Value value;
};
// nullopt for text that is not one JSON value (or nests deeper than 64).
std::optional<Value> parse(std::string_view text);

} // namespace bsre::json
