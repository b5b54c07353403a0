#!/usr/bin/env bash
# The LibreOffice path beside LibreOffice's own export and signed export, in
# one warm soffice with the built .oxt (issue 11). Never fails a build.
#   bench/office/run.sh [ROUNDS]   (default 7; medians)
set -uo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-7}
scripts/install-deps.sh && scripts/build.sh >/dev/null || exit 0
work=$PWD/build/bench-office
rm -rf "$work"; mkdir -p "$work/out"
tests/fixtures/make-pki.sh "$work/pki" >/dev/null || exit 0
chmod -R a+rwX "$work"
touch "$work/steps.txt"; chmod a+rw "$work/steps.txt"
vars=(BSRE_BENCH_IMAGE="$PWD/icons/logo-42.png" BSRE_BENCH_SIGNER="Budi Santoso" BSRE_BENCH_OUT="$work/out"
      BSRE_BENCH_ROUNDS="$rounds" BSRE_BENCH_RESULT="$work/result.txt"
      BSRE_BENCH_LINE_SVG=/usr/lib/libreoffice/share/filter/signature-line.svg BSRE_STEP_TIMES="$work/steps.txt")
env "${vars[@]}" BSRE_OFFICE_TIMEOUT=2400 scripts/office-run.sh build/bsre-sign.oxt "$work/pki/nssdb" "$work/office" \
  bench/office/office.bas Bench "${vars[@]}" >/dev/null 2>&1 || true
[[ -s "$work/result.txt" ]] || { echo "bench/office: no result (see $work)"; exit 0; }
python3 bench/office/table.py "$work/result.txt" "$work/steps.txt" || true
