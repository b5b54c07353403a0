#!/usr/bin/env bash
# The guide (docs/panduan/) as one PDF, and the SOP template as its own PDF:
#   scripts/panduan/build-pdf.sh id|en OUTDIR [NSSDB CERT]
# writes OUTDIR/panduan-bsre-sign.pdf (en: OUTDIR/bsre-sign-guide.pdf) and
# OUTDIR/sop-template.pdf (en: sop-template-en.pdf). With NSSDB and CERT the
# guide is signed with that certificate by the build's bsre-sign, with the BSrE
# notice band, so the guide itself shows what it describes (the demo does this
# with the demo certificate). BSRE_BUILD_DIR names the build (default build/).
# Markdown -> ODT (pandoc, A4, the pages in order) -> PDF (LibreOffice, the
# writer_pdf_Export filter) -> signed PDF. Needs pandoc and soffice.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# -eq 2 || $# -eq 4 ]] || { echo "usage: $0 id|en OUTDIR [NSSDB CERT]" >&2; exit 2; }
lang=$1 outdir=$2 nssdb=${3:-} cert=${4:-}
build=${BSRE_BUILD_DIR:-build}
case $lang in
  id) src=docs/panduan name=panduan-bsre-sign sop=sop-template title="Panduan Tanda Tangan BSrE" ;;
  en) src=docs/panduan/en name=bsre-sign-guide sop=sop-template-en title="BSrE Sign: the guide" ;;
  *) echo "$0: language id or en" >&2; exit 2 ;;
esac
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The pages in the order of the index (README.md), then the page-to-test table.
mapfile -t pages < <(sed -n 's/^[0-9]*\. \[[^]]*\](\([0-9][0-9]-[a-z0-9-]*\.md\)).*/\1/p' "$src/README.md")
((${#pages[@]} >= 10)) || { echo "$0: the index $src/README.md lists ${#pages[@]} pages" >&2; exit 1; }
pages=(README.md "${pages[@]}")

# A4 pages: pandoc's default reference document is US Letter. The guide: 2.5 cm
# margins, 3 cm at the bottom (the notice band goes there); the SOP template,
# one page: 1.8 cm margins and a 10 pt body.
pandoc -o "$work/letter.odt" --print-default-data-file reference.odt
python3 - "$work/letter.odt" <<'PY'
import sys, zipfile, re, os
src = sys.argv[1]
def make(dest, margin, bottom, size):
    with zipfile.ZipFile(src) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(dest, "w") as z:
        for info, data in items:
            if info.filename == "styles.xml":
                s = data.decode()
                def page(m):
                    t = re.sub(r'fo:page-width="[^"]*"', 'fo:page-width="21cm"', m.group(0))
                    t = re.sub(r'fo:page-height="[^"]*"', 'fo:page-height="29.7cm"', t)
                    for side in ("left", "right", "top"):
                        t = re.sub(r'fo:margin-%s="[^"]*"' % side, 'fo:margin-%s="%s"' % (side, margin), t)
                    return re.sub(r'fo:margin-bottom="[^"]*"', 'fo:margin-bottom="%s"' % bottom, t)
                s = re.sub(r'<style:page-layout-properties[^>]*>', page, s)
                s = s.replace('fo:font-size="12pt"', 'fo:font-size="%s"' % size)
                data = s.encode()
            z.writestr(info, data, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
d = os.path.dirname(src)
make(os.path.join(d, "ref.odt"), "2.5cm", "3cm", "12pt")
make(os.path.join(d, "ref-sop.odt"), "1.8cm", "1.8cm", "10pt")
PY
odt() { # OUT.odt REFERENCE.odt FILE... [-- pandoc options]
  local o=$1 ref=$2
  shift 2
  (cd "$src" && pandoc --from gfm --to odt --reference-doc="$ref" --lua-filter="$OLDPWD/scripts/panduan/links.lua" \
    --resource-path=. -o "$o" "$@")
}
odt "$work/$name.odt" "$work/ref.odt" --metadata title="$title" "${pages[@]}"
odt "$work/$sop.odt" "$work/ref-sop.odt" sop-template.md

# LibreOffice: a private profile, removed with the work folder.
soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
  --convert-to pdf:writer_pdf_Export --outdir "$work" "$work/$name.odt" "$work/$sop.odt" >"$work/soffice.log" 2>&1 ||
  { cat "$work/soffice.log" >&2; exit 1; }
[[ -s $work/$name.pdf && -s $work/$sop.pdf ]] || { cat "$work/soffice.log" >&2; echo "$0: no PDF" >&2; exit 1; }

mv "$work/$sop.pdf" "$outdir/$sop.pdf"
if [[ -n $nssdb ]]; then
  reason=$( [[ $lang == id ]] && echo "Panduan resmi" || echo "The official guide")
  SOFTHSM2_CONF=${SOFTHSM2_CONF:-/dev/null} "$build/bsre-sign" sign --nssdb "$nssdb" --cert "$cert" --invisible --notice \
    --notice-preset "$lang" --reason "$reason" --location Jakarta --no-ledger --overwrite \
    "$work/$name.pdf" -o "$outdir/$name.pdf" >/dev/null
else
  mv "$work/$name.pdf" "$outdir/$name.pdf"
fi
echo "$outdir/$name.pdf $(pdfinfo "$outdir/$name.pdf" | sed -n 's/^Pages: *//p') pages"
echo "$outdir/$sop.pdf $(pdfinfo "$outdir/$sop.pdf" | sed -n 's/^Pages: *//p') page(s)"
