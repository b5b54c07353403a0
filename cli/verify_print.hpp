// What `bsre-sign verify` prints: JSON for programs, two-language text for people.
#pragma once

#include "core/verify.hpp"

#include <ostream>

namespace bsre::cli {

void printVerifyJson(const VerifyReport& r, std::ostream& out);
void printVerifyText(const VerifyReport& r, std::ostream& out);

} // namespace bsre::cli
