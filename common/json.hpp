// The little JSON this project writes and reads back: string escaping for
// output, and flat objects (string, number, true/false/null values) for the
// ledger's records. Not a general JSON library.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace bsre::json {

// "…" with ", \ and control characters escaped (UTF-8 passes through).
std::string quoted(std::string_view s);

// One flat object: keys to values, strings unescaped, numbers and literals as
// written. nullopt for anything else (nested values, trailing bytes, bad escapes).
using FlatObject = std::map<std::string, std::string, std::less<>>;
std::optional<FlatObject> parseFlat(std::string_view text);

} // namespace bsre::json
