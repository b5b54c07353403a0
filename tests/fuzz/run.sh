#!/usr/bin/env bash
# run.sh FUZZER SECONDS CORPUS SEEDS [libFuzzer options...]
#
# Runs one libFuzzer binary for SECONDS: CORPUS is the writable folder that
# keeps what it finds (created when missing), SEEDS the committed corpus
# (tests/fuzz/corpus/NAME, only read). A crash, hang, leak or out-of-memory
# input is kept in CORPUS/../artifacts/ and the exit status is non-zero.
# Used by scripts/fuzz.sh and tests/fuzz/smoke.sh (docs/FUZZING.md).
#
# Two phases, for leaks:
#  1. fuzzing, with ASan's fast unwinder and libFuzzer's own leak check off:
#     NSS and fontconfig (not instrumented, no frame pointers) leak inside
#     themselves, and with fast stacks those leaks cannot be told from ours;
#  2. every input of CORPUS and SEEDS replayed in batches with whole stacks
#     (fast_unwind_on_malloc=0), LeakSanitizer on, tests/fuzz/lsan.supp naming
#     the library functions that leak. A batch that leaks is split to find the
#     input, which is kept as artifacts/leak-SHA1.
set -euo pipefail
[[ $# -ge 4 ]] || { echo "usage: $0 FUZZER SECONDS CORPUS SEEDS [options...]" >&2; exit 2; }
bin=$1 seconds=$2 corpus=$3 seeds=$4
shift 4
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
[[ -x $bin ]] || { echo "run.sh: $bin is not built (scripts/fuzz.sh build)" >&2; exit 1; }
[[ -d $seeds ]] || { echo "run.sh: no seed corpus $seeds" >&2; exit 1; }
artifacts=$(dirname -- "$corpus")/artifacts
mkdir -p -- "$corpus" "$artifacts"
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# The PDF tokens help the targets that read PDF syntax.
opts=()
case $(basename -- "$bin") in
  fuzz_pdf_plan | fuzz_verify | fuzz_raw_syntax) opts+=(-dict="$here/pdf.dict") ;;
esac

# Phase 1. 20 s for one input is a hang; 4 GB (with ASan's shadow) is running away.
# No allocation stacks (malloc_context_size=0): in Poppler, NSS and HarfBuzz,
# which have no frame pointers, they came out as ever new junk that filled
# ASan's stack depot (a third of fuzz_pdf_plan's time after 15 minutes, 1.2 GB).
# An error still shows where it happened; replaying the artifact
# (build-fuzz/tests/fuzz/TARGET FILE) shows where the memory came from.
ASAN_OPTIONS="fast_unwind_on_malloc=1:malloc_context_size=0:detect_leaks=0" \
  "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 -detect_leaks=0 \
  -artifact_prefix="$artifacts/" "${opts[@]}" "$@" "$corpus" "$seeds"

# Phase 2.
export ASAN_OPTIONS="fast_unwind_on_malloc=0:detect_leaks=1"
replay() { "$bin" -timeout=60 -rss_limit_mb=4096 "$@" >/dev/null 2>&1; }
mapfile -t inputs < <(find "$corpus" "$seeds" -type f ! -name '.*' | sort)
leaks=0
for ((i = 0; i < ${#inputs[@]}; i += 64)); do
  batch=("${inputs[@]:i:64}")
  replay "${batch[@]}" && continue
  for f in "${batch[@]}"; do
    if ! replay "$f"; then
      keep="$artifacts/leak-$(sha1sum "$f" | cut -c1-40)"
      cp -- "$f" "$keep"
      echo "run.sh: $f leaks or fails when replayed with whole stacks; kept as $keep" >&2
      "$bin" "$f" 2>&1 | grep -E -A12 'ERROR|leak of' | head -40 >&2 || true
      leaks=$((leaks + 1))
    fi
  done
done
echo "run.sh: ${#inputs[@]} corpus input(s) replayed for leaks, $leaks leaking"
((leaks == 0))
