#!/usr/bin/env bash
# The Debian package for IT (scripts/build-deb.sh), without installing it on
# this machine (the other office tests use the machine's LibreOffice, which a
# bundled extension would change for them; scripts/test-other-distro.sh does
# the real dpkg -i / dpkg -r in a debootstrap root):
#   - lintian finds no error;
#   - the layout: the extension unpacked in share/extensions, the CLI, the man page;
#   - the unpacked package, given to a fresh LibreOffice profile as its bundled
#     extensions folder (-env:BUNDLED_EXTENSIONS, no unopkg), signs a Writer
#     letter with the notice through id.bsresign.Signer: valid in pdfsig, qpdf
#     and the packaged bsre-sign verify;
#   - the example policy beside it locks its keys for that user.
#   deb_package.sh SOURCE_DIR BUILD_DIR PKI_DIR
set -euo pipefail
src=$1 build=$2 pki=$3
work=$(mktemp -d /tmp/bsre-deb.XXXXXX)
chmod 0755 "$work"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

deb=$("$src/scripts/build-deb.sh" -b "$build" -o "$work" | tail -n1)
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"
# Tags explained by the package's own overrides (packaging/deb/lintian-overrides)
# are shown as overridden; any other error or warning fails.
lintian_out=$(lintian --show-overrides "$deb" 2>&1 | grep -v 'running with root privileges') || true
echo "$lintian_out" | sed 's/^/lintian: /'
unexplained=$(echo "$lintian_out" | grep -E '^[WE]:' || true)
[[ -z $unexplained ]] || fail "lintian: errors or warnings not explained in packaging/deb/lintian-overrides"
echo "$lintian_out" | grep -q '^O: bsre-sign: embedded-library poppler' ||
  fail "lintian did not see the embedded Poppler (is lintian working?)"

root=$work/root
dpkg-deb -x "$deb" "$root"
ext=$root/usr/lib/libreoffice/share/extensions/bsre-sign
for f in "$ext/description.xml" "$ext/META-INF/manifest.xml" "$ext/bsresign.uno.so" "$ext/bsresign.rdb" \
         "$root/usr/bin/bsre-sign" "$root/usr/share/man/man1/bsre-sign.1.gz" "$root/usr/share/doc/bsre-sign/copyright" \
         "$root/usr/share/doc/bsre-sign/INSTALL.md" "$root/usr/share/bsre-sign/placeholder-logo.png"; do
  [[ -f $f ]] || fail "${f#"$root"} is not in the package"
done
zcat "$root/usr/share/man/man1/bsre-sign.1.gz" | man -l - >/dev/null 2>"$work/man.err" || fail "man page: $(cat "$work/man.err")"
dpkg-deb -f "$deb" Depends | grep -q 'libreoffice-core' || fail "Depends does not name LibreOffice"
dpkg-deb -f "$deb" Depends | grep -q 'libpoppler' && fail "Depends names Poppler (it should be inside)"

# A fresh profile whose bundled extensions are the package's.
bundled="-env:BUNDLED_EXTENSIONS=file://$root/usr/lib/libreoffice/share/extensions"
cp "$src/demo/surat-contoh.fodt" "$work/"
if [[ $(id -u) -eq 0 ]]; then
  id bsretest >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/bsretest bsretest
  chown -R bsretest: "$work"
fi
BSRE_OFFICE_ARGS=$bundled "$src/scripts/office-run.sh" - "$pki/nssdb" "$work/office" "$src/demo/sign-letter.bas" SignDemo \
  "BSRE_DEMO_INPUT=$work/surat-contoh.fodt" "BSRE_DEMO_OUTPUT=$work/signed.pdf" \
  "BSRE_DEMO_RESULT=$work/result.txt" "BSRE_DEMO_SIGNER=Budi Santoso" "TZ=Asia/Jakarta"
[[ $(head -n1 "$work/result.txt" 2>/dev/null) == ok ]] ||
  { cat "$work/result.txt" "$work/office/soffice.log" 2>/dev/null | tail -20; fail "signing with the bundled extension"; }
echo "signed with the bundled extension: $(sed -n 3,5p "$work/result.txt" | tr '\n' ' ')"
pdfsig -nssdir "sql:$pki/verifydb" "$work/signed.pdf" >"$work/pdfsig.txt" 2>&1 || true
grep -q "Signature Validation: Signature is Valid" "$work/pdfsig.txt" || { cat "$work/pdfsig.txt"; fail "pdfsig"; }
qpdf --check "$work/signed.pdf" >/dev/null || fail "qpdf --check"
"$root/usr/bin/bsre-sign" verify --trust "$pki/root.pem" "$work/signed.pdf" >"$work/verify.txt" ||
  { cat "$work/verify.txt"; fail "the packaged bsre-sign verify"; }
pdftotext "$work/signed.pdf" - | tr -s ' \n' ' ' | grep -qi "ditandatangani secara elektronik" ||
  fail "the notice is not on the page"
echo "valid: pdfsig, qpdf --check, bsre-sign verify (packaged CLI); the notice is on the page"

# The example policy beside the extension: locked for a new user.
cp -r "$root/usr/share/doc/bsre-sign/examples/policy/bsre-sign-policy" "$root/usr/lib/libreoffice/share/extensions/"
[[ $(id -u) -ne 0 ]] || chown -R bsretest: "$root/usr/lib/libreoffice/share/extensions"
BSRE_OFFICE_ARGS=$bundled "$src/scripts/office-run.sh" - "$pki/nssdb" "$work/office2" "$src/tests/deb_policy.bas" CheckPolicy \
  "BSRE_POLICY_RESULT=$work/policy.txt"
cat "$work/policy.txt"
grep -q '^TsaUrl|http://tsa.example.go.id/|True$' "$work/policy.txt" || fail "the policy does not lock Signing/TsaUrl"
grep -q '^Text|Dokumen ini telah ditandatangani.*|True$' "$work/policy.txt" || fail "the policy does not lock Notice/Text"
echo "the example policy locks Signing/TsaUrl and Notice/Text"
