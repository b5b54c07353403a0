#!/usr/bin/env bash
# The guide (docs/panduan/), remade from the current build:
#   1. every dialog picture, in English and Indonesian, under Xvfb
#      (scripts/screenshots.sh, scripts/screenshots/options.sh -> docs/screenshots/);
#   2. the pictures of signed pages and reports (scripts/panduan/renders.sh ->
#      docs/panduan/img/);
#   3. a check that every picture the guide shows was written by this run (no
#      stale picture);
#   4. the guide as one PDF in both languages and the SOP template, the guides
#      signed with the demo certificate (Budi Santoso, tests/fixtures/make-pki.sh)
#      with the notice band (scripts/panduan/build-pdf.sh -> docs/panduan/*.pdf,
#      docs/panduan/en/*.pdf); then the link check (tests/guide_links.py).
#   scripts/panduan.sh [BUILD_DIR]      (root, Debian 12; default build/; ~6 minutes)
# BSRE_PANDUAN_SKIP_SHOTS=1 skips step 1 (the renders and the PDFs only).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[[ -f $build/bsre-sign.oxt && -x $build/bsre-sign ]] || { echo "panduan: build first (scripts/build.sh)" >&2; exit 1; }
scripts/install-deps.sh
stamp=$(mktemp)
trap 'rm -f "$stamp"; rm -rf "${pki:-}"' EXIT
sleep 1

if [[ ${BSRE_PANDUAN_SKIP_SHOTS:-0} != 1 ]]; then
  scripts/screenshots.sh "$build"
  scripts/screenshots/options.sh "$build"
fi
scripts/panduan/renders.sh "$build"

# Every picture the guide shows (both languages) must be newer than this run's start.
stale=$(python3 - "$stamp" <<'PY'
import glob, os, re, sys
start = os.path.getmtime(sys.argv[1])
for page in glob.glob("docs/panduan/*.md") + glob.glob("docs/panduan/en/*.md"):
    for pic in re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", open(page, encoding="utf-8").read()):
        path = os.path.normpath(os.path.join(os.path.dirname(page), pic))
        if not os.path.exists(path) or os.path.getmtime(path) < start:
            print(path)
PY
)
if [[ -n $stale ]]; then
  echo "panduan: not remade by this run:" $(sort -u <<<"$stale") >&2
  [[ ${BSRE_PANDUAN_SKIP_SHOTS:-0} == 1 ]] || exit 1
fi
pki=$(mktemp -d)
tests/fixtures/make-pki.sh "$pki" >/dev/null
SOFTHSM2_CONF=$pki/softhsm2.conf BSRE_BUILD_DIR=$build scripts/panduan/build-pdf.sh id docs/panduan "$pki/nssdb" officer-rsa
SOFTHSM2_CONF=$pki/softhsm2.conf BSRE_BUILD_DIR=$build scripts/panduan/build-pdf.sh en docs/panduan/en "$pki/nssdb" officer-rsa
"$build/bsre-sign" verify --trust "$pki/root.pem" docs/panduan/panduan-bsre-sign.pdf | head -n 3
python3 tests/guide_links.py .
