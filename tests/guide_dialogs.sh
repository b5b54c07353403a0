#!/usr/bin/env bash
# The officer's pages of the guide (docs/panduan/01-05), step by step in a real
# LibreOffice with an X11 window under Xvfb, in the Indonesian UI: the File
# menu, the sign dialog filled in and Enter, the result; a document with two
# Signature Lines signed on its holder's line, then that PDF opened in Draw for
# the next signer (the empty field offered); several files with one refused;
# a PDF changed after signing verified; the BSrE-account row chosen. It drives
# scripts/screenshots.sh (the same script that makes the guide's pictures) into
# a private folder, then checks what the steps produced:
#   - every dialog appeared (its picture exists and is not blank);
#   - each signed PDF passes pdfsig (valid, trusted), qpdf --check and our own
#     verifier (TOTAL-PASSED, changes allowed);
#   - the Signature Lines PDF keeps the paraf's field empty for the next signer;
#   - the refused file of the batch has no output; the sources are unchanged.
#   tests/guide_dialogs.sh SOURCE_DIR BUILD_DIR       (root; ~2 minutes)
set -euo pipefail
src=$1 build=$(cd "$2" && pwd)
cd "$src"
shots=$(mktemp -d)
work=/tmp/bsre-shots
trap 'rm -rf "$shots" "$work"' EXIT
fails=0
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

BSRE_SHOTS_OUT=$shots BSRE_SHOTS_LANGS=id BSRE_SHOTS_KEEP=1 BSRE_SHOTS_ONLY="sign siglines batch verify server" \
  scripts/screenshots.sh "$build" >"$shots/run.log" 2>&1 || { cat "$shots/run.log" >&2; echo "FAIL: screenshots.sh" >&2; exit 1; }

for n in file-menu sign-dialog sign-dialog-unusable result-dialog sign-dialog-siglines sign-dialog-pdf batch-dialog \
  batch-result verify-dialog sign-dialog-server; do
  f=$shots/$n-id.png
  [[ -s $f ]] || { bad "no picture of $n"; continue; }
  # A dialog has text and lines: many colours, not one flat area.
  colours=$(convert "$f" -format '%k' info:)
  ((colours > 8)) || bad "$n-id.png has $colours colours (blank?)"
done

. tests/lib/valid_pdf.sh
valid() { valid_pdf "$1" "$work/pki/verifydb" "$work/pki/root.pem" "$build/bsre-sign"; }
valid "$work/id/Dokumen/nota-dinas_signed.pdf"
cmp -s tests/data/letter.fodt "$work/id/Dokumen/nota-dinas.fodt" || bad "the letter was changed"

sl=$work/siglines-id/Dokumen/surat-keputusan_signed.pdf
valid "$sl"
fields=$(python3 tests/uno/pdf_fields.py "$sl" 2>&1) || bad "pdf_fields.py $sl"
# FIELD name page x1 y1 x2 y2 signed docmdp (tab-separated)
awk -F'\t' '$1 == "FIELD" && $2 == "andi-wijaya" && $(NF-1) == "0" { e = 1 }
  $1 == "FIELD" && $2 == "budi-santoso" && $(NF-1) == "1" { s = 1 } END { exit !(e && s) }' <<<"$fields" ||
  bad "not Budi Santoso's line signed and the paraf's left empty: $fields"
cmp -s tests/data/siglines/two-lines.fodt "$work/siglines-id/Dokumen/surat-keputusan.fodt" || bad "the template document was changed"
cmp -s "$sl" "$work/pdf-id/Dokumen/surat-keputusan_signed.pdf" || bad "the PDF opened in Draw was changed"

for n in lampiran nota-dinas undangan-rapat; do valid "$work/batch-id/Dokumen/${n}_signed.pdf"; done
[[ ! -e $work/batch-id/Dokumen/rusak_signed.pdf ]] || bad "the broken file got an output"

if ((fails)); then
  echo "guide_dialogs: $fails check(s) failed; log:" >&2
  tail -n 30 "$shots/run.log" >&2
  exit 1
fi
echo "guide_dialogs: the officer's dialogs shown, 5 signed PDFs valid in pdfsig, qpdf and bsre-sign verify"
