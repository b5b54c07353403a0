#!/usr/bin/env bash
# The demo: builds bsre-sign.oxt, installs it into a throw-away LibreOffice
# profile whose certificate database holds a demo certificate ("Budi
# Santoso"), signs the bundled sample letter through id.bsresign.Signer (the
# code path behind File > Sign with BSrE…), and prints the verification. It
# also builds the guide (docs/panduan) as one PDF and signs it with the demo
# certificate, so the guide itself shows the notice.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=${TZ:-Asia/Jakarta}   # officers sign in WIB; the zone shows in /M
scripts/install-deps.sh
scripts/build.sh >/dev/null
out=$PWD/demo/out
rm -rf "$out"
mkdir -p "$out"
echo "== Demo PKI and certificate database (tests/fixtures/make-pki.sh)"
tests/fixtures/make-pki.sh "$out/pki" >/dev/null
cp demo/surat-contoh.fodt "$out/surat-contoh.fodt"
# LibreOffice runs as the unprivileged user "bsretest" when this runs as root
# (see scripts/office-run.sh); it writes the signed PDF here.
if [[ $(id -u) -eq 0 ]]; then
  id bsretest >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/bsretest bsretest
  chown bsretest: "$out" "$out/surat-contoh.fodt"
fi
echo "== Installing build/bsre-sign.oxt into a throw-away profile and signing in LibreOffice"
result=$out/result.txt
scripts/office-run.sh build/bsre-sign.oxt "$out/pki/nssdb" "$out/office" demo/sign-letter.bas SignDemo \
  "BSRE_DEMO_INPUT=$out/surat-contoh.fodt" "BSRE_DEMO_OUTPUT=$out/surat-contoh_signed.pdf" \
  "BSRE_DEMO_RESULT=$result" "BSRE_DEMO_SIGNER=Budi Santoso" "TZ=$TZ"
if [[ ! -s $result || $(head -n1 "$result") != ok ]]; then
  echo "Signing in LibreOffice failed:" >&2
  cat "$result" "$out/office/soffice.log" >&2 2>/dev/null || true
  exit 1
fi
signed=$(sed -n 2p "$result")
echo "Signed PDF: $signed"
sed -n '3,$p' "$result" | sed 's/^/  /'
echo
echo "== bsre-sign verify"
build/bsre-sign verify --trust "$out/pki/root.pem" "$signed"
echo
echo "== pdfsig (Poppler)"
pdfsig -nssdir "sql:$out/pki/verifydb" "$signed" | sed 's/^/  /'
echo
echo "== The guide (docs/panduan) as one PDF, signed with the demo certificate"
SOFTHSM2_CONF=$out/pki/softhsm2.conf scripts/panduan/build-pdf.sh id "$out" "$out/pki/nssdb" officer-rsa | sed 's/^/  /'
build/bsre-sign verify --trust "$out/pki/root.pem" "$out/panduan-bsre-sign.pdf" | head -n 3 | sed 's/^/  /'
rm -rf "$out/office"
