#!/usr/bin/env bash
# Batch signing (issue 14): 1000 one-page PDFs signed by one `bsre-sign sign
# ... -O DIR` against the anchors measured in the same run: a loop of single
# `bsre-sign sign` processes and a loop of `pdfsig -add-signature` (both on a
# sample of LOOP files, reported as files per second), and the peak RSS of a
# batch of 100 and of 10000 inputs (flat memory). Never fails a build.
#   bench/batch.sh [FILES=1000] [LOOP=200] [BIG=10000]
set -uo pipefail
cd "$(dirname "$0")/.."
files=${1:-1000} loop=${2:-200} big=${3:-10000}
scripts/install-deps.sh >/dev/null && scripts/build.sh >/dev/null || exit 0
work=$PWD/build/bench-batch
rm -rf "$work" && mkdir -p "$work"
tests/fixtures/make-pki.sh "$work/pki" >/dev/null || exit 0
tests/fixtures/make-pdfs.sh "$work/pdfs" >/dev/null || exit 0
tool=$PWD/build/bsre-sign
db=$work/pki/nssdb
mkdir -p "$work/in"
for i in $(seq "$big"); do ln "$work/pdfs/letter.pdf" "$work/in/letter-$i.pdf"; done
list() { ls "$work/in" | head -n "$1" | sed "s|^|$work/in/|"; }
rate() { python3 -c "import sys; n,t=float(sys.argv[1]),float(sys.argv[2]); print(f'{n/t:8.1f} files/s ({t:6.2f} s for {int(n)})')" "$1" "$2"; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(float(sys.argv[2])-float(sys.argv[1]))" "$1" "$2"; }
batch() { # N OUTDIR EXTRA...
  local n=$1 out=$2; shift 2
  rm -rf "$out"
  list "$n" | "$tool" sign --nssdb "$db" --cert officer-rsa --no-ledger --from-list - -O "$out" --json "$@" >/dev/null
}
echo "batch signing, $files one-page PDFs (letter.pdf), $(nproc) cores"
for mode in "invisible:--invisible" "band:--invisible --notice" "visible+band:--page 1 --rect 340,120,200,70 --notice"; do
  name=${mode%%:*} extra=${mode#*:}
  for jobs in 1 2; do
    t0=$(now); batch "$files" "$work/out" $extra --jobs "$jobs"; t1=$(now)
    printf '  batch %-13s --jobs %s: %s\n' "$name" "$jobs" "$(rate "$files" "$(elapsed "$t0" "$t1")")"
  done
done
# Anchors: a loop of single processes, and pdfsig's own signing.
rm -rf "$work/loop" && mkdir -p "$work/loop"
t0=$(now)
for f in $(list "$loop"); do
  "$tool" sign --nssdb "$db" --cert officer-rsa --no-ledger --invisible "$f" -o "$work/loop/$(basename "$f")" >/dev/null
done
t1=$(now)
printf '  loop of single bsre-sign processes (invisible): %s\n' "$(rate "$loop" "$(elapsed "$t0" "$t1")")"
t0=$(now)
for f in $(list "$loop"); do
  pdfsig -nssdir "sql:$db" -add-signature -nick officer-rsa "$f" "$work/loop/p-$(basename "$f")" >/dev/null 2>&1
done
t1=$(now)
printf '  loop of pdfsig -add-signature:                  %s\n' "$(rate "$loop" "$(elapsed "$t0" "$t1")")"
# Memory: peak RSS of a batch of 100 and of $big inputs (invisible, one job).
for n in 100 "$big"; do
  rm -rf "$work/mem"
  rss=$(list "$n" | /usr/bin/time -f '%M' "$tool" sign --nssdb "$db" --cert officer-rsa --no-ledger --invisible \
        --from-list - -O "$work/mem" --json 2>&1 >/dev/null | tail -n1)
  printf '  peak RSS, batch of %5s inputs: %s KiB\n' "$n" "$rss"
done
rm -rf "$work"
exit 0
