#!/usr/bin/env bash
# The guide's pictures that are not dialogs (docs/panduan/img/), made with the
# current build's bsre-sign on the fixtures' letter and the test PKI's Budi
# Santoso, rendered at 150 dpi with pdftoppm and cropped with ImageMagick:
#   keterangan.png           the notice band (logo, text, QR code) of a signed page
#   spesimen.png             a visible signature (the standard style, with the logo)
#   laporan-pemanfaatan.png  the yearly usage report (report --format pdf), page 1
#   laporan-verifikasi.png   a verification report (verify --report), page 1
#
#   scripts/panduan/renders.sh [BUILD_DIR]    (default build/; runs its fixtures when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
. scripts/lib/fixtures.sh
build_fixtures "$build"
out=docs/panduan/img
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=Asia/Jakarta
year=$(date +%Y)
bsre() { SOFTHSM2_CONF=$fix/pki/softhsm2.conf "$build/bsre-sign" "$@"; }
page1() { pdftoppm -r 150 -png -singlefile -f 1 -l 1 "$1" "$2"; }

# A signed letter with a visible signature and the notice, its ledger kept.
bsre sign --nssdb "$fix/pki/nssdb" --cert officer-rsa --page 1 --rect 340,120,200,70 \
  --reason Persetujuan --location Jakarta --image icons/placeholder-logo.png --notice \
  --qr-url 'https://tte.contoh.go.id/verifikasi?sha256={sha256}' --ledger "$work/ledger" \
  "$fix/pdfs/letter.pdf" -o "$work/signed.pdf" >/dev/null
page1 "$work/signed.pdf" "$work/signed"
# A4 at 150 dpi is 1240 x 1754 px. The band: the bottom 2.1 cm (124 px).
convert "$work/signed.png" -gravity south -crop 1240x130+0+0 +repage "$out/keterangan.png"
# The block: (340,120) 200 x 70 pt, 6 pt around it; y from the top of 842 pt.
convert "$work/signed.png" -crop "$(((200 + 12) * 150 / 72))x$(((70 + 12) * 150 / 72))+$(((340 - 6) * 150 / 72))+$(((842 - 120 - 70 - 6) * 150 / 72))" \
  +repage "$out/spesimen.png"

# Two more signatures in the ledger (another month's worth is not needed: the
# report lists all twelve months anyway), then the report.
for i in 1 2; do
  bsre sign --nssdb "$fix/pki/nssdb" --cert officer-ec --invisible --ledger "$work/ledger" \
    "$fix/pdfs/letter.pdf" -o "$work/more-$i.pdf" >/dev/null
done
bsre report --year "$year" --ledger "$work/ledger" --format pdf --institution "Kementerian Contoh" \
  -o "$work/report.pdf" >/dev/null
page1 "$work/report.pdf" "$work/report"
convert "$work/report.png" -trim +repage -bordercolor white -border 40 -resize 900x "$out/laporan-pemanfaatan.png"

# The report names the file as given: a name an officer would have.
cp "$work/signed.pdf" "$work/nota-dinas_signed.pdf"
root=$(cd "$fix/pki" && pwd)/root.pem cli=$(cd "$build" && pwd)/bsre-sign
(cd "$work" && SOFTHSM2_CONF=/dev/null "$cli" verify --trust "$root" \
  --report verify.pdf nota-dinas_signed.pdf >/dev/null)
page1 "$work/verify.pdf" "$work/verify"
convert "$work/verify.png" -trim +repage -bordercolor white -border 40 -resize 900x "$out/laporan-verifikasi.png"
for f in keterangan spesimen laporan-pemanfaatan laporan-verifikasi; do
  echo "$out/$f.png $(identify -format '%wx%h' "$out/$f.png")"
done
