#!/usr/bin/env bash
# smoke.sh FUZZER SEEDS WORK SECONDS
#
# CTest's NAME.smoke (tests/fuzz/replay.cmake): a short fuzzing run from a
# fresh copy of the committed corpus, with a fixed seed, so that every test
# run keeps the fuzz targets building and running. WORK is wiped first.
set -euo pipefail
[[ $# -eq 4 ]] || { echo "usage: $0 FUZZER SEEDS WORK SECONDS" >&2; exit 2; }
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
case $3 in */fuzz-smoke/*) ;; *) echo "smoke.sh: refusing to wipe $3" >&2; exit 2 ;; esac
rm -rf -- "$3"
exec "$here/run.sh" "$1" "$4" "$3/corpus" "$2" -seed=1
