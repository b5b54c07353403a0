// What `bsre-sign verify` prints for people: two-language text (JSON: core/verify_json.hpp).
#pragma once

#include "core/verify.hpp"

#include <ostream>

namespace bsre::cli {

void printVerifyText(const VerifyReport& r, std::ostream& out);

} // namespace bsre::cli
