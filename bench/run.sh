#!/usr/bin/env bash
# Benchmarks: numbers beside anchors measured in the same run. Never fails a build.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh && scripts/build.sh >/dev/null || exit 0
work=build/bench
tests/fixtures/make-pki.sh "$work/pki" >/dev/null || exit 0
tests/fixtures/make-pdfs.sh "$work/pdfs" >/dev/null || exit 0
qpdf --empty --pages $(for _ in $(seq 10); do printf '%s ' "$work/pdfs/letter.pdf"; done) -- "$work/pdfs/letter-10.pdf"
BENCH_DIR=build build/bench-sign "$work/pki" build "$work/pdfs/letter.pdf" "$work/pdfs/letter-10.pdf" "$work/pdfs/letter-100.pdf" || true
