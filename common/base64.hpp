// Base64 (RFC 4648 section 4, with padding): the BSrE signing service sends
// PDFs and images inside JSON as base64 text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bsre {

std::string base64Encode(std::string_view bytes);
// nullopt for anything but the standard alphabet with correct padding
// (whitespace such as line breaks is skipped).
std::optional<std::string> base64Decode(std::string_view text);

} // namespace bsre
