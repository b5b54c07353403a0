#!/usr/bin/env bash
# The test command: installs what is missing, builds, runs every test
# (unit, engine, CLI integration with real NSS, SoftHSM2, soffice, validators).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j2 "$@"
