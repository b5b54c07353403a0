#!/usr/bin/env bash
# lo-gui.sh CACHE_DIR
# Prints the program/ directory of a LibreOffice that can open windows.
#
# The project installs the Debian "-nogui" LibreOffice (scripts/install-deps.sh),
# which has no X11 backend. Replacing it with the GUI packages would change the
# system the tests and the demo run on (and install-deps.sh would swap it back),
# so instead this builds a private copy: the installed tree, with the matching
# GUI packages (libreoffice-core, libreoffice-writer, same version) and the
# Indonesian language pack (libreoffice-l10n-id) unpacked over it. Their
# libraries come from Debian (apt-get install); the copy is made once per
# LibreOffice version and reused.
set -euo pipefail
cache=$1
sys=/usr/lib/libreoffice
if [[ -e $sys/program/libvclplug_genlo.so && -e $sys/program/resource/id ]]; then
  echo "$sys/program"   # the full GUI LibreOffice and its Indonesian pack are installed
  exit 0
fi
ver=$(dpkg-query -W -f='${Version}' libreoffice-common)
tree=$cache/libreoffice
if [[ -f $tree/.bsre-shots-version && $(cat "$tree/.bsre-shots-version") == "$ver" ]]; then
  echo "$tree/program"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
pkgs=(libreoffice-core libreoffice-writer libreoffice-l10n-id)
# Shared libraries the GUI build needs that the -nogui build does not.
libs=()
for p in $(apt-cache depends --no-recommends --no-suggests libreoffice-core libreoffice-writer |
           awk '/^ *Depends:/ {print $2}' | grep -v '^<' | sort -u); do
  [[ $p =~ ^(libreoffice-|ure$|uno-libs-private$|libuno-) ]] && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || libs+=("$p")
done
if ((${#libs[@]})); then
  echo "lo-gui: installing ${libs[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${libs[@]}" >/dev/null ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${libs[@]}" >/dev/null; }
fi

rm -rf "$cache/new" "$cache/debs" "$cache/stage"
mkdir -p "$cache/debs" "$cache/stage" "$cache/new"
chown _apt "$cache/debs" 2>/dev/null || true
echo "lo-gui: downloading ${pkgs[*]} $ver" >&2
(cd "$cache/debs" && apt-get download -q "${pkgs[@]/%/=$ver}" >/dev/null 2>&1) ||
  { apt-get update -qq && (cd "$cache/debs" && apt-get download -q "${pkgs[@]/%/=$ver}" >/dev/null); }
for d in "$cache"/debs/*.deb; do dpkg -x "$d" "$cache/stage"; done

new=$cache/new/libreoffice
cp -a "$sys" "$new"
rm -rf "$new/sdk"
cp -a --remove-destination "$cache/stage$sys/." "$new/"
# Configuration layers: the system's (a link to /etc/libreoffice/registry) plus
# the GUI writer.xcd and the Indonesian language pack.
rm -f "$new/share/registry"
mkdir "$new/share/registry"
cp -a /etc/libreoffice/registry/. "$new/share/registry/"
cp -a "$cache/stage$sys/share/.registry/." "$new/share/registry/"
# Debian hard-codes the installation directory in fundamentalrc.
sed -i -e "s|file://$sys|file://$tree|g" -e "s|file:///etc/libreoffice/registry|file://$tree/share/registry|g" \
  "$new/program/fundamentalrc"
# Relative links that leave the tree (icon themes in /usr/share, ...) become absolute.
while IFS= read -r -d '' l; do
  t=$(readlink "$l")
  [[ $t == /* ]] && continue
  rel=${l#"$new"/}
  abs=$(realpath -m "$sys/$(dirname "$rel")/$t")
  [[ $abs == "$sys"/* ]] || ln -sfn "$abs" "$l"
done < <(find "$new" -type l -print0)
echo "$ver" > "$new/.bsre-shots-version"
rm -rf "$tree"
mv "$new" "$tree"
rm -rf "$cache/new" "$cache/stage" "$cache/debs"
echo "$tree/program"
