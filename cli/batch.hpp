// `bsre-sign sign IN.pdf... -O OUTDIR`: many inputs, one NSS start, one
// login, one PIN (docs/CLI.md, "Many files").
#pragma once

#include "cli/args.hpp"

namespace bsre::cli {

// More than one input, --from-list or -O/--output-dir.
bool isBatch(const Args& a);
int cmdSignBatch(const Args& a);

} // namespace bsre::cli
