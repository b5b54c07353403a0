#!/usr/bin/env bash
# Proves the packages built here on another Debian (not in the default test
# command: it downloads LibreOffice, about 200 MB):
#   1. debootstrap a SUITE root (default trixie, Debian 13) from the mirror
#      this machine's apt uses, and install LibreOffice Writer (nogui),
#      poppler-utils and qpdf there from that suite's own packages;
#   2. per user: install build/bsre-sign.oxt with unopkg into a fresh profile,
#      sign the sample letter through id.bsresign.Signer (the notice on), and
#      check the PDF with that system's pdfsig and qpdf and with our verifier;
#   3. for all users: install build/bsre-sign_<version>_amd64.deb with dpkg,
#      check that a new user's LibreOffice lists the extension (bundled) and
#      signs without any unopkg call; the package's example policy .xcd in
#      share/registry locks its keys; then `dpkg -r` and check it is gone.
#
#   scripts/test-other-distro.sh [SUITE] [ROOT]   default: trixie /var/tmp/bsre-distro-SUITE
#
# The root is kept (LibreOffice installed once); remove ROOT to start afresh.
# Needs root (debootstrap, chroot, mounts) and a built tree (scripts/build.sh,
# scripts/build-deb.sh). Prints the time each stage took.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
source "$src/scripts/lib/private-apt.sh"
suite=${1:-trixie}
root=${2:-/var/tmp/bsre-distro-$suite}
build=${BSRE_BUILD_DIR:-$src/build}
oxt=$build/bsre-sign.oxt
version=$(sed -n 's/^project(bsre_sign VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
deb=$build/bsre-sign_${version}_$(dpkg --print-architecture).deb
[[ $(id -u) == 0 ]] || { echo "test-other-distro: run as root (debootstrap, chroot)" >&2; exit 2; }
[[ -f $oxt ]] || { echo "test-other-distro: $oxt missing (scripts/build.sh)" >&2; exit 2; }
[[ -f $deb ]] || "$src/scripts/build-deb.sh" -b "$build" >/dev/null
command -v debootstrap >/dev/null || { echo "test-other-distro: apt-get install debootstrap" >&2; exit 2; }
t_start=$SECONDS
stage() { echo "== [$((SECONDS - t_start)) s] $*"; }

mounted=()
cleanup() {
  local m
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
mount_root() {
  mount -t proc proc "$root/proc" && mounted+=("$root/proc")
  mount --bind /dev "$root/dev" && mounted+=("$root/dev")
  mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm" && mounted+=("$root/dev/shm")
}
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

mirror=$(private_apt_mirror)
if [[ ! -f $root/.bsre-ready ]]; then
  stage "debootstrap $suite into $root ($mirror)"
  rm -rf "$root"
  debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg "$suite" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
    { tail -20 "$root.debootstrap.log" >&2; exit 1; }
  mount_root
  stage "installing LibreOffice Writer, poppler-utils, qpdf from $suite"
  in_root apt-get update -qq
  in_root apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils qpdf \
    fonts-liberation2 >"$root.apt.log" 2>&1 || { tail -20 "$root.apt.log" >&2; exit 1; }
  in_root dpkg-query -W -f='${Version}\n' libreoffice-core-nogui >"$root/.bsre-ready"
else
  mount_root
fi
lo_version=$(cat "$root/.bsre-ready")
stage "$suite root ready: LibreOffice $lo_version, $(in_root pdfsig -v 2>&1 | head -n1)"

# Inputs inside the root: the test PKI (made here), the sample letter, the macro.
work=/var/tmp/bsre-test
rm -rf "${root:?}$work" && mkdir -p "$root$work"
"$src/tests/fixtures/make-pki.sh" "$root$work/pki" >/dev/null
cp "$src/demo/surat-contoh.fodt" "$src/demo/sign-letter.bas" "$src/scripts/office-run.sh" "$oxt" "$deb" "$root$work/"
in_root sh -c "id bsretest >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/bsretest bsretest"
chown -R "$(in_root id -u bsretest):$(in_root id -g bsretest)" "$root$work"   # the root's user, not this machine's

fail=0
sign_in_root() { # NAME OXT|-: signs the letter into $work/NAME.pdf and checks it
  local name=$1 what=$2 out=$work/$1.pdf
  in_root env TZ=Asia/Jakarta "$work/office-run.sh" "$what" "$work/pki/nssdb" "$work/$name" "$work/sign-letter.bas" SignDemo \
    "BSRE_DEMO_INPUT=$work/surat-contoh.fodt" "BSRE_DEMO_OUTPUT=$out" "BSRE_DEMO_RESULT=$work/$name.result" \
    "BSRE_DEMO_SIGNER=Budi Santoso" || true
  if [[ $(head -n1 "$root$work/$name.result" 2>/dev/null) != ok ]]; then
    echo "FAIL ($name): signing in LibreOffice $lo_version did not succeed:"
    cat "$root$work/$name.result" "$root$work/$name/soffice.log" 2>/dev/null | tail -20
    fail=1; return
  fi
  echo "signed in LibreOffice $lo_version: $(sed -n 2,5p "$root$work/$name.result" | tr '\n' ' ')"
  local sig
  sig=$(in_root pdfsig -nssdir "sql:$work/pki/verifydb" "$out" 2>&1) || true
  echo "$sig" | sed 's/^/  pdfsig: /'
  grep -q "Signature Validation: Signature is Valid" <<<"$sig" && grep -q "Certificate Validation: Certificate is Trusted" <<<"$sig" ||
    { echo "FAIL ($name): $suite's pdfsig does not find a valid, trusted signature"; fail=1; }
  in_root qpdf --check "$out" >"$root$work/$name.qpdf" 2>&1 ||
    { echo "FAIL ($name): $suite's qpdf --check"; cat "$root$work/$name.qpdf"; fail=1; }
  echo "  qpdf: $(tail -n1 "$root$work/$name.qpdf")"
  "$build/bsre-sign" verify --trust "$root$work/pki/root.pem" "$root$out" >"$root$work/$name.verify" 2>&1 ||
    { echo "FAIL ($name): bsre-sign verify"; cat "$root$work/$name.verify"; fail=1; }
  # The notice: the band's text is real text on the page.
  in_root pdftotext "$out" - | tr -s ' \n' ' ' | grep -qi "ditandatangani secara elektronik" ||
    { echo "FAIL ($name): the notice's text is not on the page"; fail=1; }
}

stage "per user: unopkg add $(basename "$oxt") into a fresh profile, sign"
sign_in_root peruser "$work/$(basename "$oxt")"

stage "for all users: dpkg -i $(basename "$deb")"
in_root apt-get install -y -qq --no-install-recommends "$work/$(basename "$deb")" >"$root.deb.log" 2>&1 ||
  { echo "FAIL: the package does not install on $suite:"; tail -20 "$root.deb.log"; fail=1; }
listed=$(in_root runuser -u bsretest -- env HOME=/tmp/bsre-newuser-$$ /usr/lib/libreoffice/program/unopkg list --bundled 2>&1 || true)
if grep -q "Identifier: id.bsresign.libreoffice" <<<"$listed"; then
  echo "a new user's LibreOffice lists the bundled extension: $(grep -m1 -i 'Version:' <<<"$listed" | xargs)"
else
  echo "FAIL: unopkg list --bundled does not list id.bsresign.libreoffice:"; echo "$listed" | tail -20; fail=1
fi
sign_in_root bundled -

# The example policy .xcd in LibreOffice's share/registry locks its keys for a new user.
xcd=/usr/share/doc/bsre-sign/examples/policy/bsre-sign-policy.xcd
registry=$root$(in_root readlink -f /usr/lib/libreoffice/share/registry)   # resolved inside the root
cp "$root$xcd" "$registry/bsre-sign-policy.xcd"
cp "$src/tests/deb_policy.bas" "$root$work/"
in_root "$work/office-run.sh" - "$work/pki/nssdb" "$work/policy" "$work/deb_policy.bas" CheckPolicy \
  "BSRE_POLICY_RESULT=$work/policy.txt" || true
rm -f "$registry/bsre-sign-policy.xcd"
if grep -q '^TsaUrl|http://tsa.example.go.id/|True$' "$root$work/policy.txt" 2>/dev/null &&
   grep -q '^Text|Dokumen ini telah ditandatangani.*|True$' "$root$work/policy.txt"; then
  echo "the example policy in share/registry (${registry#"$root"}) locks Signing/TsaUrl and Notice/Text"
else
  echo "FAIL: the example policy .xcd in share/registry does not lock its keys:"; cat "$root$work/policy.txt" 2>/dev/null; fail=1
fi
in_root dpkg -r bsre-sign >"$root.deb-r.log" 2>&1 || { echo "FAIL: dpkg -r bsre-sign"; cat "$root.deb-r.log"; fail=1; }
if [[ -e $root/usr/lib/libreoffice/share/extensions/bsre-sign || -e $root/usr/bin/bsre-sign ]]; then
  echo "FAIL: dpkg -r left the extension or the CLI behind"; fail=1
fi
listed=$(in_root runuser -u bsretest -- env HOME=/tmp/bsre-newuser2-$$ /usr/lib/libreoffice/program/unopkg list --bundled 2>&1 || true)
grep -q "id.bsresign.libreoffice" <<<"$listed" && { echo "FAIL: still listed after dpkg -r"; fail=1; }
[[ $fail == 0 ]] && echo "removed: dpkg -r took the extension and the CLI away"

stage "done ($suite, LibreOffice $lo_version): $([[ $fail == 0 ]] && echo PASSED || echo FAILED)"
exit $fail
