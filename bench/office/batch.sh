#!/usr/bin/env bash
# Several files (issue 14): N Writer letters (default 100) signed through
# id.bsresign.Signer's signFiles in one warm soffice with the built .oxt (one
# login, the notice band and without), beside LibreOffice's own signed export
# from the command line, as a script would do it: a loop of
#   soffice --convert-to 'pdf:writer_pdf_Export:{"SignPDF":...,"SignCertificateSubjectName":...}'
# one soffice per file, and the same in one soffice call for all the files.
# Prints files per second of each; never fails a build.
#   bench/office/batch.sh [N]
set -uo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100}
signer="Budi Santoso"
scripts/install-deps.sh >/dev/null && scripts/build.sh >/dev/null || { echo "bench/office/batch: no build"; exit 0; }
work=$PWD/build/bench-batch
rm -rf "$work"; mkdir -p "$work"/{in,warm,warm-out,out-band,out-plain,lo-loop,lo-once,lo-warm}
tests/fixtures/make-pki.sh "$work/pki" >/dev/null || { echo "bench/office/batch: no PKI"; exit 0; }
as_user=()
if [[ $(id -u) -eq 0 ]]; then
  id bsretest >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/bsretest bsretest
  as_user=(runuser -u bsretest --)
fi
now() { date +%s.%N; }
rate() { python3 -c "import sys; n, s = int(sys.argv[1]), float(sys.argv[2]); print(f'{n:4d} files in {s:7.1f} s = {n / s:6.2f} files/s' if s > 0 else 'no time')" "$@"; }
signed() { local c=0 f; for f in "$1"/*.pdf; do [[ -f $f ]] && grep -aq '/ByteRange' "$f" && c=$((c + 1)); done; echo "$c"; }

# The letters: tests/data/letter.fodt stored once as .odt, then copied.
cp tests/data/letter.fodt "$work/letter.fodt"
chmod -R a+rwX "$work"
loprofile=file://$work/lo-profile
lo() { "${as_user[@]}" env HOME="$work" MOZILLA_CERTIFICATE_FOLDER="$work/nssdb" timeout 300 \
         soffice --headless --norestore --nologo "-env:UserInstallation=$loprofile" "$@" >>"$work/lo.log" 2>&1; }
cp -r "$work/pki/nssdb" "$work/nssdb"
chmod -R a+rwX "$work"
lo --convert-to odt --outdir "$work" "$work/letter.fodt" || true
[[ -s $work/letter.odt ]] || { echo "bench/office/batch: soffice could not store letter.odt (see $work/lo.log)"; exit 0; }
for i in $(seq -w 1 "$n"); do cp "$work/letter.odt" "$work/in/surat-$i.odt"; done
cp "$work/letter.odt" "$work/warm/pemanasan.odt"
chmod -R a+rwX "$work"

# LibreOffice's own signed export, by the certificate's subject as NSS writes it.
# (certutil wraps long lines: the continuation lines are joined again.)
subject=$(certutil -L -d "sql:$work/pki/nssdb" -n officer-rsa 2>/dev/null |
  python3 -c 'import re, sys; m = re.search(r"Subject: \"(.*?)\"", sys.stdin.read(), re.S); print(re.sub(r"\n\s+", "", m.group(1)) if m else "")')
filter='pdf:writer_pdf_Export:{"SignPDF":{"type":"boolean","value":"true"},"SignCertificateSubjectName":{"type":"string","value":"'"$subject"'"}}'
lo --convert-to "$filter" --outdir "$work/lo-warm" "$work/warm/pemanasan.odt" || true # profile and NSS warm
t0=$(now)
for f in "$work"/in/*.odt; do lo --convert-to "$filter" --outdir "$work/lo-loop" "$f" || true; done
t_loop=$(python3 -c "print($(now) - $t0)")
t0=$(now)
lo --convert-to "$filter" --outdir "$work/lo-once" "$work"/in/*.odt || true
t_once=$(python3 -c "print($(now) - $t0)")

# Ours: signFiles in one soffice (bench/office/office.bas, BSRE_BENCH_MODE=batch); the office's start is timed too.
t0=$(now)
BSRE_OFFICE_TIMEOUT=1500 scripts/office-run.sh build/bsre-sign.oxt "$work/pki/nssdb" "$work/office" bench/office/office.bas Bench BSRE_BENCH_MODE=batch \
  "BSRE_BENCH_SIGNER=$signer" "BSRE_BENCH_IN=$work/in" "BSRE_BENCH_WARM=$work/warm" "BSRE_BENCH_WARM_OUT=$work/warm-out" \
  "BSRE_BENCH_OUT_BAND=$work/out-band" "BSRE_BENCH_OUT_PLAIN=$work/out-plain" "BSRE_BENCH_RESULT=$work/result.txt" \
  >/dev/null 2>&1 || true
t_office=$(python3 -c "print($(now) - $t0)")

echo "bench/office/batch: $n Writer letters (tests/data/letter.fodt as .odt), $(nproc) cores, LibreOffice $(soffice --version 2>/dev/null | awk '{print $2}')"
echo "  LibreOffice, soffice --convert-to per file (SignPDF): $(rate "$(signed "$work/lo-loop")" "$t_loop")  [signed: $(signed "$work/lo-loop")/$n]"
echo "  LibreOffice, one soffice --convert-to for all:        $(rate "$(signed "$work/lo-once")" "$t_once")  [signed: $(signed "$work/lo-once")/$n]"
if [[ -s $work/result.txt ]] && ! grep -q '^error' "$work/result.txt"; then
  while read -r what total ok ms; do
    [[ -n ${what:-} ]] || continue
    label="ours, signFiles, one login ($([[ $what == ours-band ]] && echo "notice band" || echo "no band"))"
    printf '  %-52s %s  [signed: %s/%s]\n' "$label:" "$(rate "$ok" "$(python3 -c "print($ms / 1000)")")" "$ok" "$total"
  done <"$work/result.txt"
  echo "  (the office run, start, unopkg, warm-up and both batches: $(python3 -c "print(round($t_office, 1))") s)"
else
  echo "  ours: no result ($(cat "$work/result.txt" 2>/dev/null); see $work/office)"
fi
exit 0
