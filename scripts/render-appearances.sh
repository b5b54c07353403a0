#!/usr/bin/env bash
# Renders of the visible signature's two styles for docs/CLI.md ("The signature block"):
#   docs/appearance-standard.png   --appearance standard, with the logo, a title, reason, location
#   docs/appearance-tnde.png       --appearance tnde --title "Kepala Bagian Tata Usaha"
#   docs/appearance-tnde-long.png  --appearance tnde with a long title (wrapped)
# Signed by the test PKI's Budi Santoso on the fixtures' letter.pdf, at 150 dpi,
# cropped to the block with ImageMagick (convert).
#
#   scripts/render-appearances.sh [BUILD_DIR]     (default build/; runs its fixtures when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
. scripts/lib/fixtures.sh
build_fixtures "$build"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rect=(340 120 200 70) # x y w h, points
render() { # NAME OPTION...
  local name=$1
  shift
  SOFTHSM2_CONF=$fix/pki/softhsm2.conf "$build/bsre-sign" sign --nssdb "$fix/pki/nssdb" --cert officer-rsa \
    --page 1 --rect "$(IFS=,; echo "${rect[*]}")" "$@" "$fix/pdfs/letter.pdf" -o "$work/$name.pdf" >/dev/null
  pdftoppm -r 150 -png -singlefile -f 1 -l 1 "$work/$name.pdf" "$work/$name"
  # Points to pixels at 150 dpi, 6 pt of the page around the block; A4 is 842 pt high.
  local x y w h
  x=$(( (rect[0] - 6) * 150 / 72 )) y=$(( (842 - rect[1] - rect[3] - 6) * 150 / 72 ))
  w=$(( (rect[2] + 12) * 150 / 72 )) h=$(( (rect[3] + 12) * 150 / 72 ))
  convert "$work/$name.png" -crop "${w}x${h}+${x}+${y}" +repage -strip "docs/$name.png"
  echo "docs/$name.png"
}

render appearance-standard --title "Kepala Bagian Tata Usaha" --reason Persetujuan --location Jakarta \
  --image icons/placeholder-logo.png
render appearance-tnde --appearance tnde --title "Kepala Bagian Tata Usaha"
render appearance-tnde-long --appearance tnde \
  --title "Kepala Biro Perencanaan, Keuangan, dan Barang Milik Negara Kementerian Contoh"
