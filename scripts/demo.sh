#!/usr/bin/env bash
# The demo: builds, makes a demo PKI (certificate "Budi Santoso"), signs the
# bundled sample letter with a visible signature and prints the verification.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
export TZ=${TZ:-Asia/Jakarta}   # officers sign in WIB; shows the zone in /M
out=demo/out
mkdir -p "$out"
tests/fixtures/make-pki.sh "$out/pki" >/dev/null
rm -f "$out/surat-contoh_signed.pdf"
build/bsre-sign sign --nssdb "$out/pki/nssdb" --cert officer-rsa \
  --page 1 --rect 330,225,220,75 --reason "Persetujuan" --location "Jakarta" \
  --image icons/placeholder-logo.png \
  demo/surat-contoh.pdf -o "$out/surat-contoh_signed.pdf"
echo
build/bsre-sign verify --trust "$out/pki/root.pem" "$out/surat-contoh_signed.pdf"
echo
echo "pdfsig says:"
pdfsig -nssdir "sql:$out/pki/verifydb" "$out/surat-contoh_signed.pdf" | sed 's/^/  /'
