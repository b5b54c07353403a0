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
