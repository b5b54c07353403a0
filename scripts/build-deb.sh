#!/usr/bin/env bash
# Makes bsre-sign_<version>_amd64.deb for IT (docs/INSTALL.md): the extension
# for every user as a bundled extension (unpacked in LibreOffice's
# share/extensions, read at start: no unopkg on any desk), the bsre-sign CLI,
# its man page, the docs and an example policy that locks settings.
#
#   scripts/build-deb.sh [-b BUILD_DIR] [-o OUT_DIR]
#
# BUILD_DIR (default build/) must hold bsre-sign.oxt and bsre-sign (run
# scripts/build.sh first); the package lands in OUT_DIR (default BUILD_DIR),
# its path on the last line. Only dpkg-deb and dpkg-shlibdeps are used.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bdir=$src/build out=
while getopts b:o: opt; do
  case $opt in
    b) bdir=$OPTARG ;;
    o) out=$OPTARG ;;
    *) echo "usage: $0 [-b BUILD_DIR] [-o OUT_DIR]" >&2; exit 2 ;;
  esac
done
bdir=$(cd "$bdir" && pwd)
out=${out:-$bdir}
mkdir -p "$out"
out=$(cd "$out" && pwd)
for f in "$bdir/bsre-sign.oxt" "$bdir/bsre-sign"; do
  [[ -f $f ]] || { echo "build-deb.sh: $f is missing (run scripts/build.sh first)" >&2; exit 1; }
done
version=$(sed -n 's/^project(bsre_sign VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[[ -n $version ]] || { echo "build-deb.sh: no version in CMakeLists.txt" >&2; exit 1; }
arch=$(dpkg --print-architecture)
deb=$out/bsre-sign_${version}_$arch.deb

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/root
ext=$root/usr/lib/libreoffice/share/extensions/bsre-sign
doc=$root/usr/share/doc/bsre-sign
install -d "$ext" "$root/usr/bin" "$root/usr/share/bsre-sign" "$root/usr/share/man/man1" "$doc/examples"

# The extension, unpacked: LibreOffice reads bundled extensions as folders.
unzip -q "$bdir/bsre-sign.oxt" -d "$ext"
install -m 0755 "$bdir/bsre-sign" "$root/usr/bin/bsre-sign"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/bsre-sign" "$ext/bsresign.uno.so"
install -m 0644 "$src/icons/placeholder-logo.png" "$root/usr/share/bsre-sign/"
sed "s/@VERSION@/$version/" "$src/packaging/deb/bsre-sign.1" | gzip -9n >"$root/usr/share/man/man1/bsre-sign.1.gz"

install -m 0644 "$src/README.md" "$doc/"
for f in INSTALL CLI CONFIGURATION ERRORS VERIFY LEDGER MACRO TEMPLATES; do
  [[ -f $src/docs/$f.md ]] && install -m 0644 "$src/docs/$f.md" "$doc/"
done
cp -r "$src/packaging/policy" "$doc/examples/policy"
# The same policy as one .xcd for LibreOffice's share/registry (/etc/libreoffice/registry):
# that layer is read before any extension, so it carries this version's schema too.
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<!-- BSrE Sign policy for /etc/libreoffice/registry (docs/INSTALL.md, "Locking settings for'
  echo '     all desks"): the schema of bsre-sign '"$version"' (keep it as it is, take it again from'
  echo '     the new example after each upgrade), then the values to set and lock (edit these). -->'
  echo '<oor:data xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:oor="http://openoffice.org/2001/registry">'
  echo '<dependency file="main"/>'
  sed -n '/<oor:component-schema/,$p' "$src/extension/config/BsreSign.xcs"
  sed -n '/<oor:component-data/,$p' "$src/packaging/policy/bsre-sign-policy/BsreSignPolicy.xcu"
  echo '</oor:data>'
} >"$doc/examples/policy/bsre-sign-policy.xcd"
install -m 0644 "$src/packaging/deb/copyright" "$doc/copyright"
install -d "$root/usr/share/lintian/overrides"
install -m 0644 "$src/packaging/deb/lintian-overrides" "$root/usr/share/lintian/overrides/bsre-sign"
sed "s/@VERSION@/$version/; s/@DATE@/$(date -R -d "@$(git -C "$src" log -1 --format=%ct 2>/dev/null || date +%s)")/" \
  "$src/packaging/deb/changelog" | gzip -9n >"$doc/changelog.gz"

# Depends: what the binaries need (dpkg-shlibdeps), the URE by LibreOffice itself.
mkdir -p "$stage/shlibs/debian"
printf 'Source: bsre-sign\n\nPackage: bsre-sign\nArchitecture: any\n' >"$stage/shlibs/debian/control"
shlibs=$(cd "$stage/shlibs" && dpkg-shlibdeps -O -l/usr/lib/libreoffice/program \
           -xlibuno-cppu3 -xlibuno-sal3 -xlibuno-salhelpergcc3-3 -xlibuno-cppuhelpergcc3-3 -xuno-libs-private \
           -xlibreoffice-core -xlibreoffice-core-nogui \
           "$root/usr/bin/bsre-sign" "$ext/bsresign.uno.so" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[[ -n $shlibs ]] || { echo "build-deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# Debian 13 renamed libpng16-16 (64-bit time_t); either will do.
shlibs=$(echo "$shlibs" | sed 's/\(libpng16-16 ([^)]*)\)/\1 | libpng16-16t64/')

find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$root/usr/bin/bsre-sign" "$ext/bsresign.uno.so"
mkdir -p "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: bsre-sign
Version: $version
Architecture: $arch
Maintainer: BSrE Sign developers <bsre-sign@example.go.id>
Installed-Size: $size
Depends: libreoffice-core (>= 4:7.4) | libreoffice-core-nogui (>= 4:7.4), libreoffice-writer (>= 4:7.4) | libreoffice-writer-nogui (>= 4:7.4), $shlibs
Suggests: opensc, libnss3-tools
Section: text
Priority: optional
Description: PAdES signatures with BSrE certificates in LibreOffice
 BSrE Sign (Tanda Tangan BSrE) adds "Sign with BSrE..." to LibreOffice: the
 open document is exported to PDF, signed with a certificate issued by
 Balai Sertifikasi Elektronik (an NSS certificate database or a PKCS#11 token)
 and stamped with the notice BSrE requires. Signed PDFs can be verified from
 LibreOffice and from the command line.
 .
 This package installs the extension for every user of the machine (a bundled
 extension: nothing to do on each desk) and the bsre-sign command line, which
 signs, extends (LTV) and verifies PDFs with the same engine.
CONTROL
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
SOURCE_DATE_EPOCH=$(git -C "$src" log -1 --format=%ct 2>/dev/null || date +%s) \
  dpkg-deb --root-owner-group -Zxz --build "$root" "$deb.tmp" >/dev/null
mv -f "$deb.tmp" "$deb"
echo "$deb"
