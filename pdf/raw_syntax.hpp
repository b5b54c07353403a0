// PDF values as the file spells them (ISO 32000-1 7.2, 7.3): a lexer that
// finds where a value ends without interpreting it, so that what the product
// copies from an existing PDF (a page's /MediaBox, the catalog's entries, a
// field's /T) is written back byte for byte: reals keep their digits, strings
// their escapes and hex case, names their #xx. No Poppler here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bsre::pdf::raw {

// A dictionary entry: the key as spelled, without its slash, and the value's text.
using Entry = std::pair<std::string, std::string>;

// Past white space and comments, from p.
size_t skipSpace(std::string_view s, size_t p);
// Where the value starting at p ends (one past its last byte); npos when no
// well-formed value starts there. "12 0 R" is one value.
size_t valueEnd(std::string_view s, size_t p);
// The entries of "<< ... >>"; nullopt when the text is not one dictionary.
std::optional<std::vector<Entry>> dictEntries(std::string_view dict);
// The items of "[ ... ]"; nullopt when the text is not one array.
std::optional<std::vector<std::string>> arrayItems(std::string_view array);
// A name's #xx escapes decoded ("A#20B" -> "A B"), the slash not included.
std::string decodeName(std::string_view spelled);
// Whether a key as spelled means `key` ("Ann#6Fts" is "Annots").
bool nameIs(std::string_view spelled, std::string_view key);
// The value under `key` among entries as spelled; null when absent.
const std::string* find(const std::vector<Entry>& entries, std::string_view key);
std::string* find(std::vector<Entry>& entries, std::string_view key);
// The value of the indirect object "num gen obj ..." that starts at offset
// (white space before it allowed); nullopt when that object is not there.
std::optional<std::string_view> indirectValue(std::string_view file, size_t offset, int num, int gen);
// The trailer dictionary of the cross-reference section at offset: after
// "trailer" for a table, the stream's dictionary for a cross-reference stream.
std::optional<std::string_view> trailerDict(std::string_view file, size_t offset);

} // namespace bsre::pdf::raw
