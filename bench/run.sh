#!/usr/bin/env bash
# Benchmarks: numbers beside anchors measured in the same run. Never fails a build.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh && scripts/build.sh >/dev/null || exit 0
work=$PWD/build/bench
tests/fixtures/make-pki.sh "$work/pki" >/dev/null || exit 0
tests/fixtures/make-pdfs.sh "$work/pdfs" >/dev/null || exit 0
qpdf --empty --pages $(for _ in $(seq 10); do printf '%s ' "$work/pdfs/letter.pdf"; done) -- "$work/pdfs/letter-10.pdf"
# The loopback TSA for the B-T line.
if tests/fixtures/make-ltv-pki.sh "$work/ltv" "$work/ltv.ports" >/dev/null 2>&1 &&
   tests/fixtures/ltv-servers.sh start "$work/ltv" "$work/ltv.ports" >/dev/null 2>&1; then
  trap 'tests/fixtures/ltv-servers.sh stop "$work/ltv" "$work/ltv.ports" >/dev/null 2>&1' EXIT
  export BSRE_BENCH_TSA=$(. "$work/ltv.ports"; echo "$TSA_URL") BSRE_BENCH_LTVDB=$work/ltv/ltvdb
fi
env -u http_proxy build/bench-sign "$work/pki" build "$work/pdfs/letter.pdf" "$work/pdfs/letter-10.pdf" "$work/pdfs/letter-100.pdf" || true
env -u http_proxy build/bench-ledger "$work/pki" "$work/pdfs/letter.pdf" || true
