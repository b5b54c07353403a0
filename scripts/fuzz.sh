#!/usr/bin/env bash
# Fuzzing (docs/FUZZING.md).
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]  build if needed, fuzz TARGET for SECONDS
#   scripts/fuzz.sh build                                   build every target
#   scripts/fuzz.sh list                                    name the targets
# The fuzz build is build-fuzz/ (BSRE_FUZZ_BUILD overrides): clang with
# libstdc++, -fsanitize=fuzzer,address,undefined (-DBSRE_FUZZ=ON). A run keeps
# its corpus in build-fuzz/runs/TARGET/corpus (seeded from
# tests/fuzz/corpus/TARGET) and what it finds in build-fuzz/runs/TARGET/artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BSRE_FUZZ_BUILD:-build-fuzz}
targets=$(sed -n 's/^set(BSRE_FUZZ_TARGETS \(.*\))$/\1/p' tests/fuzz/targets.cmake)
jobs=$(nproc)
((jobs > 2)) && jobs=2

usage() { echo "usage: $0 TARGET SECONDS [options...] | build | list (targets: $targets)" >&2; exit 2; }

configure() {
  # -O1 and line tables: quick to build, fast enough to fuzz, readable stacks.
  CC=clang CXX=clang++ cmake -S . -B "$build" -DBSRE_FUZZ=ON -DBSRE_BUILD_EXTENSION=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" >/dev/null
}

[[ $# -ge 1 ]] || usage
case $1 in
  list) echo "$targets"; exit 0 ;;
  build)
    configure
    cmake --build "$build" -j"$jobs" --target fuzz_targets
    exit 0 ;;
esac
[[ $# -ge 2 ]] || usage
target=$1 seconds=$2
shift 2
[[ " $targets " == *" $target "* ]] || { echo "fuzz.sh: no target $target (targets: $targets)" >&2; exit 2; }
[[ $seconds =~ ^[0-9]+$ ]] || usage
configure
cmake --build "$build" -j"$jobs" --target "$target"
exec tests/fuzz/run.sh "$build/tests/fuzz/$target" "$seconds" "$build/runs/$target/corpus" \
  "tests/fuzz/corpus/$target" "$@"
