#!/usr/bin/env bash
# Configures and builds everything into build/ (Release with debug info), and
# the fuzz targets into build-fuzz/ (clang, libFuzzer; docs/FUZZING.md) whose
# smoke tests CTest then runs. BSRE_FUZZ_SMOKE=0 skips the fuzz build (and
# so the smoke tests; the replays of the fuzz corpora still run).
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_dir=
if [[ ${BSRE_FUZZ_SMOKE:-1} != 0 ]]; then
  scripts/fuzz.sh build
  fuzz_dir=$PWD/build-fuzz
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBSRE_FUZZ_DIR="$fuzz_dir" >/dev/null
cmake --build build -j"$(nproc)"
