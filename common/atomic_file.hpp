// Outputs appear whole or not at all (a half-written PDF must never replace a good one): a private temporary file
// beside the target, flushed, then renamed over it.
#pragma once

#include <string>
#include <string_view>

namespace bsre {

// Throws bsre::Error(Code::Io) with the cause; nothing is left behind on failure.
// When `overwrite` is false an existing target is refused.
void writeFileAtomically(const std::string& path, std::string_view data, bool overwrite);

std::string readFile(const std::string& path);

// Whether two paths name the same existing file (device and inode).
bool samePath(const std::string& a, const std::string& b);

} // namespace bsre
