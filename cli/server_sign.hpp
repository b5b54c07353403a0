// `bsre-sign sign --bsre-service URL --bsre-id NIK|EMAIL --bsre-client FILE`:
// signing with a BSrE account (docs/SERVER.md).
#pragma once

#include "cli/args.hpp"

namespace bsre::cli {

int cmdSignWithService(const Args& a);

} // namespace bsre::cli
