#!/usr/bin/env bash
# Builds the LibreOffice extension package.
#
#   ./build-oxt.sh [BUILD_DIR]             configure (if needed) and build BUILD_DIR
#                                          (default: build/), then package
#   ./build-oxt.sh --no-build BUILD_DIR    only package what BUILD_DIR holds
#                                          (the CMake target `oxt` runs this)
#
# Output: BUILD_DIR/bsre-sign.oxt; its path is printed on the last line.
# The archive is reproducible: fixed timestamps and permissions, sorted entries,
# no directory entries, no extra zip fields.
set -euo pipefail

src=$(cd "$(dirname "$0")" && pwd)
build=1
if [[ ${1:-} == --no-build ]]; then
  build=0
  shift
fi
usage() { echo "usage: $0 [--no-build] [BUILD_DIR]" >&2; exit 2; }
[[ $# -le 1 && ${1:-} != -* ]] || usage
bdir=${1:-$src/build}
[[ $build == 1 || -n ${1:-} ]] || usage

if [[ $build == 1 ]]; then
  if [[ ! -f $bdir/CMakeCache.txt ]]; then
    cmake -S "$src" -B "$bdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  # The `oxt` target depends on the component library and type library and
  # calls this script again with --no-build to package them.
  cmake --build "$bdir" --target oxt -j"$(nproc)"
  echo "$(cd "$bdir" && pwd)/bsre-sign.oxt"
  exit 0
fi

bdir=$(cd "$bdir" && pwd)
out=$bdir/bsre-sign.oxt
for f in "$bdir/uno/bsresign.rdb" "$bdir/uno/bsresign.uno.so"; do
  [[ -f $f ]] || { echo "build-oxt.sh: $f is missing (build the project first)" >&2; exit 1; }
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# extension/ without the IDL sources (they are compiled into bsresign.rdb).
(cd "$src/extension" && find . -path ./idl -prune -o -type f \
   \( -name '*.xml' -o -name '*.xcu' -o -name '*.xcs' -o -name '*.components' \
      -o -name '*.txt' -o -name '*.xdl' -o -name '*.properties' -o -name '*.png' \) -print) |
  while read -r f; do
    mkdir -p "$stage/$(dirname "$f")"
    cp "$src/extension/$f" "$stage/$f"
  done
cp "$bdir/uno/bsresign.rdb" "$stage/"
# Debug info stays in the build tree; the package gets a smaller library.
objcopy --strip-debug "$bdir/uno/bsresign.uno.so" "$stage/bsresign.uno.so"
mkdir -p "$stage/descriptions" "$stage/icons"
cp "$src"/descriptions/*.txt "$stage/descriptions/"
cp "$src"/icons/*.png "$stage/icons/"

# Templates (File > New > Templates, category "BSrE"; Paths.xcu adds the
# folder): LibreOffice converts the flat XML sources to .ott in a throw-away
# profile, then each .ott is re-zipped with fixed times (mimetype first,
# stored) and the session's random Rsid set to a fixed value, so the
# package stays reproducible.
tpl=$(mktemp -d)
trap 'rm -rf "$stage" "$tpl"' EXIT
soffice=$(command -v soffice || command -v libreoffice) ||
  { echo "build-oxt.sh: soffice is needed to build the templates" >&2; exit 1; }
timeout -k 10 180 "$soffice" "-env:UserInstallation=file://$tpl/profile" --headless --norestore --nologo \
  --convert-to ott:writer8_template --outdir "$tpl/ott" "$src"/extension/templates/src/*.fodt >"$tpl/log" 2>&1 || true
mkdir -p "$stage/templates/BSrE"
for f in "$src"/extension/templates/src/*.fodt; do
  n=$(basename "$f" .fodt)
  [[ -s $tpl/ott/$n.ott ]] || { cat "$tpl/log" >&2; echo "build-oxt.sh: soffice did not make $n.ott" >&2; exit 1; }
  mkdir "$tpl/$n" && (cd "$tpl/$n" && unzip -q "$tpl/ott/$n.ott" &&
    sed -i 's|\(config:name="Rsid" config:type="int">\)[0-9]*<|\11000001<|' settings.xml &&
    find . -exec env TZ=UTC touch -h -d '1980-01-01 00:00:00' {} + &&
    TZ=UTC zip -q -X -0 "$stage/templates/BSrE/$n.ott" mimetype &&
    find . -mindepth 1 ! -name mimetype | sed 's|^\./||' | LC_ALL=C sort |
      TZ=UTC zip -q -X -9 "$stage/templates/BSrE/$n.ott" -@)
done

# Consistency: every file the manifest, description.xml, Addons.xcu or the
# .components file names exists, and every configuration file and type or
# component library is registered in the manifest.
fail=0
manifest=$stage/META-INF/manifest.xml
for ref in $(grep -o 'full-path="[^"]*"' "$manifest" | cut -d'"' -f2) \
           $(grep -o 'xlink:href="[^":]*"' "$stage/description.xml" | cut -d'"' -f2) \
           $(grep -o '%origin%/[^<]*' "$stage/Addons.xcu" | sed 's|%origin%/||') \
           $(grep -o 'uri="[^"]*"' "$stage/bsresign.components" | cut -d'"' -f2); do
  [[ -f $stage/$ref ]] || { echo "build-oxt.sh: referenced file not packaged: $ref" >&2; fail=1; }
done
while read -r f; do
  grep -q "full-path=\"${f#./}\"" "$manifest" ||
    { echo "build-oxt.sh: not registered in META-INF/manifest.xml: ${f#./}" >&2; fail=1; }
done < <(cd "$stage" && find . -type f \( -name '*.xcu' -o -name '*.xcs' -o -name '*.rdb' -o -name '*.components' \))
for d in $(grep -o '%origin%/[^"]*' "$stage/Paths.xcu" | sed 's|%origin%/||'); do
  [[ -n $(find "$stage/$d" -name '*.ott' 2>/dev/null) ]] || { echo "build-oxt.sh: no templates in $d" >&2; fail=1; }
done
[[ $fail == 0 ]] || exit 1

# Reproducible archive.
find "$stage" -type d -exec chmod 755 {} +
find "$stage" -type f -exec chmod 644 {} +
chmod 755 "$stage/bsresign.uno.so"
find "$stage" -exec env TZ=UTC touch -h -d '1980-01-01 00:00:00' {} +
rm -f "$out.tmp"
(cd "$stage" && find . -type f | sed 's|^\./||' | LC_ALL=C sort |
   TZ=UTC zip -q -X -D -9 "$out.tmp" -@)
mv -f "$out.tmp" "$out"
echo "$out"
