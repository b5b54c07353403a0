// verify's facts for programs: the JSON of `bsre-sign verify --json`, also
// what the extension's verifyPdf returns (docs/VERIFY.md lists the fields).
#pragma once

#include "core/verify.hpp"

#include <string>

namespace bsre {

std::string verifyJson(const VerifyReport& r);

} // namespace bsre
