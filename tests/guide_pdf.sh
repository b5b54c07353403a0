#!/usr/bin/env bash
# The guide as one PDF (issue 18): scripts/panduan/build-pdf.sh builds the
# Indonesian guide and the SOP template from docs/panduan/ and signs the guide
# with the test PKI's Budi Santoso and the notice band. Checked: the guide has
# every page of the index (each page's title found in its text), the signature
# is valid and trusted in pdfsig, qpdf --check passes, our verifier says
# TOTAL-PASSED with no change refused, the notice is on its pages, and the SOP
# template is one A4 page with its placeholders.
#   tests/guide_pdf.sh SOURCE_DIR BUILD_DIR PKI_DIR
set -euo pipefail
src=$1 build=$(cd "$2" && pwd) pki=$(cd "$3" && pwd)
cd "$src"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fails=0
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

BSRE_BUILD_DIR=$build SOFTHSM2_CONF=$pki/softhsm2.conf scripts/panduan/build-pdf.sh id "$out" "$pki/nssdb" officer-rsa
guide=$out/panduan-bsre-sign.pdf sop=$out/sop-template.pdf

. tests/lib/valid_pdf.sh
valid_pdf "$guide" "$pki/verifydb" "$pki/root.pem" "$build/bsre-sign"

text=$(pdftotext "$guide" - | tr -s ' \n' '  ')
# Every page's title (its first heading) is in the PDF.
mapfile -t pages < <(sed -n 's/^[0-9]*\. \[[^]]*\](\([0-9][0-9]-[a-z0-9-]*\.md\)).*/\1/p' docs/panduan/README.md)
((${#pages[@]} >= 12)) || bad "the index lists ${#pages[@]} pages"
for p in "${pages[@]}"; do
  t=$(sed -n '1s/^# //p' "docs/panduan/$p")
  grep -qF "$t" <<<"$text" || bad "the title of $p ('$t') is not in the guide"
done
n=$(grep -o 'Dokumen ini telah ditandatangani secara elektronik' <<<"$text" | wc -l)
np=$(pdfinfo "$guide" | sed -n 's/^Pages: *//p')
((n >= np)) || bad "the notice is on $n of $np pages"

[[ $(pdfinfo "$sop" | sed -n 's/^Pages: *//p') == 1 ]] || bad "the SOP template is not one page"
pdfinfo "$sop" | grep -q 'Page size: *595.* x 841.*' || bad "the SOP template is not A4: $(pdfinfo "$sop" | grep 'Page size')"
grep -q 'NAMA INSTANSI' <(pdftotext "$sop" -) || bad "the SOP template lost its placeholders"

((fails == 0)) || { echo "guide_pdf: $fails check(s) failed" >&2; exit 1; }
echo "guide_pdf: $np pages signed, valid in pdfsig, qpdf and bsre-sign verify; notice on every page; SOP one A4 page"
