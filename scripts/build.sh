#!/usr/bin/env bash
# Configures and builds everything into build/ (Release with debug info), and
# the fuzz targets into build-fuzz/ (clang, libFuzzer; docs/FUZZING.md) whose
# smoke tests CTest then runs. BSRE_FUZZ_SMOKE=0 skips the fuzz build (and
# so the smoke tests; the replays of the fuzz corpora still run).
# BSRE_BUILD_DIR names another build folder; BSRE_LO_SDK_DIR and
# BSRE_LO_PROGRAM_DIR another LibreOffice, read when that folder is first
# configured (cmake/LibreOffice.cmake, docs/INSTALL.md). Poppler, HarfBuzz and
# libqrencode are built from Debian's sources once per build folder
# (scripts/third-party.sh, kept in BUILD/third-party).
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_dir=
if [[ ${BSRE_FUZZ_SMOKE:-1} != 0 ]]; then
  scripts/fuzz.sh build
  fuzz_dir=$PWD/build-fuzz
fi
build=${BSRE_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBSRE_FUZZ_DIR="$fuzz_dir" >/dev/null
cmake --build "$build" -j"$(nproc)"
