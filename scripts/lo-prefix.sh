#!/usr/bin/env bash
# Unpacks LibreOffice from Debian 12's bookworm-backports (25.2 today) into a
# private prefix with `apt-get download` + `dpkg -x`: nothing is installed, the
# machine's own LibreOffice and apt state stay as they are.
#
#   scripts/lo-prefix.sh [PREFIX]        default: /var/tmp/bsre-lo-backports
#
# Afterwards:
#   build with it:   BSRE_LO_PREFIX=PREFIX scripts/build.sh   (into build-lo-PREFIXNAME/)
#   or by hand:      cmake -DBSRE_LO_PROGRAM_DIR=PREFIX/usr/lib/libreoffice/program
#                          -DBSRE_LO_SDK_DIR=PREFIX/usr/lib/libreoffice/sdk ...
# The prefix must be readable by the office tests' user (bsretest), hence /var/tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/private-apt.sh
prefix=${1:-/var/tmp/bsre-lo-backports}
suite=${BSRE_LO_SUITE:-bookworm-backports}
apt_dir=$prefix.apt

packages=(libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui libreoffice-draw-nogui libreoffice-dev)
# Writer's menus and toolbars (soffice.cfg/modules/swriter). Without them a
# Writer frame gets an empty menu bar and the office tests' menu checks fail.
writer_menubar=$prefix/usr/lib/libreoffice/share/config/soffice.cfg/modules/swriter/menubar/menubar.xml
if [[ -x $prefix/usr/lib/libreoffice/program/soffice.bin && -f $prefix/.complete && -f $writer_menubar ]]; then
  echo "lo-prefix: $prefix is ready ($(cat "$prefix/.complete"))"
  exit 0
fi
rm -rf "$prefix" "$apt_dir"
mkdir -p "$prefix" "$apt_dir/debs"
private_apt_init "$apt_dir" 'deb bookworm' 'deb bookworm-updates' 'deb bookworm-security' "deb $suite"
# Debian's 25.2 (bookworm-backports) ships Writer's UI configuration in
# libreoffice-uiconfig-writer, which only the GUI libreoffice-writer depends on,
# not -writer-nogui (the -nogui Calc, Impress and Draw do depend on their
# uiconfig packages). Debian 12's 7.4 has no such package: its -writer-nogui
# carries the files.
if private_apt "$apt_dir" install -s -qq -t "$suite" libreoffice-uiconfig-writer >/dev/null 2>&1; then
  packages+=(libreoffice-uiconfig-writer)
fi

# What apt would install or upgrade on this machine for those packages from the
# suite: the LibreOffice packages and the few libraries the machine lacks.
mapfile -t wanted < <(private_apt "$apt_dir" install -s --no-install-recommends -t "$suite" "${packages[@]}" |
                        awk '/^Inst /{v=$3; if (v ~ /^\[/) v=$4; gsub(/[()]/, "", v); print $2 "=" v}')
((${#wanted[@]})) || { echo "lo-prefix: apt found nothing to fetch from $suite" >&2; exit 1; }
(cd "$apt_dir/debs" && private_apt "$apt_dir" download -qq "${wanted[@]}")
for deb in "$apt_dir"/debs/*.deb; do
  dpkg-deb -x "$deb" "$prefix"
done
# Libraries the machine lacks (not LibreOffice's own) go beside soffice.bin,
# where the program's RUNPATH ($ORIGIN) finds them.
# (The URE's own libraries are links between the two folders already.)
for lib in "$prefix"/usr/lib/x86_64-linux-gnu/*.so.*; do
  name=$(basename "$lib")
  [[ $(readlink "$lib" || true) == *libreoffice/program/* ]] && continue
  [[ -e $prefix/usr/lib/libreoffice/program/$name || -L $prefix/usr/lib/libreoffice/program/$name ]] && continue
  ln -s "../../x86_64-linux-gnu/$name" "$prefix/usr/lib/libreoffice/program/$name"
done
# Absolute links lead out of the prefix, into the machine's own LibreOffice 7.4
# (share/registry/main.xcd -> /etc/libreoffice/registry, the shared and
# pre-registered extensions under /var): they are pointed inside the prefix,
# or 25.2 would read 7.4's configuration and crash.
while read -r link; do
  target=$(readlink "$link")
  name=$(basename "$link")
  if [[ -e $prefix$target ]]; then
    ln -sfn "$prefix$target" "$link"
  elif [[ $link == */share/registry/* && -e $prefix/usr/lib/libreoffice/share/.registry/$name ]]; then
    ln -sfn "../.registry/$name" "$link"
  elif [[ $target == /var/* ]]; then
    mkdir -p "$prefix$target" && ln -sfn "$prefix$target" "$link"
  else
    rm -f "$link"
  fi
done < <(find "$prefix" -type l -lname '/*')
# Debian names its own folder as the brand folder; the prefix's office is its own.
sed -i 's|^BRAND_BASE_DIR=file:///usr/lib/libreoffice$|BRAND_BASE_DIR=${ORIGIN}/..|' "$prefix/usr/lib/libreoffice/program/fundamentalrc"
if grep -rqs 'file:///usr/lib/libreoffice' "$prefix"/usr/lib/libreoffice/program/*rc; then
  echo "lo-prefix: $prefix still names /usr/lib/libreoffice in its bootstrap files" >&2; exit 1
fi
[[ -f $writer_menubar ]] || { echo "lo-prefix: $prefix has no Writer menu bar configuration ($writer_menubar)" >&2; exit 1; }
version=$(dpkg-deb -f "$apt_dir"/debs/libreoffice-core-nogui_*.deb Version)
chmod -R a+rX "$prefix"
echo "$version" >"$prefix/.complete"
rm -rf "$apt_dir"
echo "lo-prefix: LibreOffice $version in $prefix"
