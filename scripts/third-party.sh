#!/usr/bin/env bash
# Builds the libraries the engine links statically into bsresign.uno.so and the
# CLI, from Debian 12's own source packages (the versions the machine's
# libpoppler126, libharfbuzz0b and libqrencode4 have), with -fPIC, only what the
# engine uses, into a cache folder keyed by version:
#
#   scripts/third-party.sh CACHE_DIR      prints CACHE_DIR/<name>-<version> for each,
#                                         one "name=prefix" line per library
#
#   poppler   the core library only (no glib/qt/cpp/utils/tests), Splash for
#             page pictures, its own DCT/JPX decoders, no lcms/NSS/curl/cairo/tiff/png
#   harfbuzz  libharfbuzz + libharfbuzz-subset (the amalgamated sources)
#   qrencode  libqrencode
#
# A library already in the cache is not fetched nor built again. The sources
# come with `apt-get source` through a private sources list (deb-src lines)
# that leaves the machine's apt state alone. Why static: the component must
# load wherever LibreOffice runs (docs/INSTALL.md); Poppler's soname changes
# with every release and libharfbuzz-subset/libqrencode are not there with
# LibreOffice on other distributions.
set -euo pipefail
src_root=$(cd "$(dirname "$0")/.." && pwd)
source "$src_root/scripts/lib/private-apt.sh"
cache=${1:?usage: third-party.sh CACHE_DIR}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
jobs=${BSRE_THIRD_PARTY_JOBS:-2}
# Two build folders may share one cache: one builder at a time.
exec 9>"$cache/.lock"
flock 9
log() { echo "third-party: $*" >&2; }

# The Debian source version matching the installed binary package, or the
# candidate when it is not installed.
debian_version() {
  local v
  v=$(dpkg-query -W -f='${Version}' "$1" 2>/dev/null) || true
  [[ -n $v ]] || v=$(apt-cache policy "$1" | awk '/Candidate:/{print $2}')
  [[ -n $v && $v != "(none)" ]] || { log "no version of $1 known to apt"; exit 1; }
  echo "$v"
}

apt_ready=
fetch_source() { # NAME VERSION DEST: unpacks Debian's source (patches applied) into DEST
  local name=$1 version=$2 dest=$3 work
  if [[ -z $apt_ready ]]; then
    private_apt_init "$cache/apt" 'deb-src bookworm' 'deb-src bookworm-updates' 'deb-src bookworm-security'
    apt_ready=1
  fi
  work=$(mktemp -d "$cache/fetch.XXXXXX")
  (cd "$work" && private_apt "$cache/apt" source -qq --download-only "$name=$version" >&2) || true
  local dsc=("$work"/*.dsc) orig=("$work"/*.orig.tar.*)
  if [[ -f ${dsc[0]} ]] && (cd "$work" && dpkg-source -x "${dsc[0]}" src >/dev/null 2>&1); then
    :
  elif [[ -f ${orig[0]} ]]; then
    # A mirror without the .debian part still serves the upstream tarball
    # Debian builds from; Debian's changes are packaging only then (checked
    # below by the library's own version).
    log "$name $version: Debian's patch set could not be fetched, building the upstream source Debian ships"
    mkdir "$work/src" && tar -xf "${orig[0]}" -C "$work/src" --strip-components=1
  else
    log "could not fetch the source of $name $version"; rm -rf "$work"; exit 1
  fi
  rm -rf "$dest" && mv "$work/src" "$dest" && rm -rf "$work"
}

build_poppler() { # SRC PREFIX
  local b=$1/_build
  cmake -S "$1" -B "$b" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$2" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DCMAKE_CXX_VISIBILITY_PRESET=hidden -DCMAKE_C_VISIBILITY_PRESET=hidden -DCMAKE_VISIBILITY_INLINES_HIDDEN=ON \
    -DENABLE_UNSTABLE_API_ABI_HEADERS=ON -DENABLE_UTILS=OFF -DENABLE_CPP=OFF -DENABLE_GLIB=OFF \
    -DENABLE_GOBJECT_INTROSPECTION=OFF -DENABLE_QT5=OFF -DENABLE_QT6=OFF -DBUILD_GTK_TESTS=OFF \
    -DBUILD_QT5_TESTS=OFF -DBUILD_QT6_TESTS=OFF -DBUILD_CPP_TESTS=OFF -DBUILD_MANUAL_TESTS=OFF \
    -DENABLE_BOOST=OFF -DENABLE_LIBCURL=OFF -DENABLE_CMS=none -DENABLE_LIBOPENJPEG=unmaintained \
    -DENABLE_DCTDECODER=unmaintained -DWITH_JPEG=OFF -DWITH_PNG=OFF -DWITH_TIFF=OFF -DWITH_NSS3=OFF \
    -DWITH_Cairo=OFF -DWITH_GLIB=OFF -DWITH_GTK=OFF -DENABLE_GPGME=OFF -DRUN_GPERF_IF_PRESENT=OFF \
    -DTESTDATADIR=/nonexistent
  cmake --build "$b" --target poppler -j"$jobs"
  cmake --install "$b"
}

build_qrencode() { # SRC PREFIX
  local b=$1/_build
  cmake -S "$1" -B "$b" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$2" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_C_VISIBILITY_PRESET=hidden \
    -DWITH_TOOLS=NO -DWITH_TESTS=NO
  cmake --build "$b" -j"$jobs"
  cmake --install "$b"
}

build_harfbuzz() { # SRC PREFIX: the two amalgamated sources, as meson would build them
  local s=$1/src
  mkdir -p "$2/lib" "$2/include/harfbuzz"
  local flags=(-std=c++11 -O2 -fPIC -fvisibility=hidden -fvisibility-inlines-hidden -fno-exceptions -fno-rtti
               -fno-threadsafe-statics -DHAVE_PTHREAD=1 -I"$s")
  g++ "${flags[@]}" -c "$s/harfbuzz.cc" -o "$1/harfbuzz.o" &
  g++ "${flags[@]}" -c "$s/harfbuzz-subset.cc" -o "$1/harfbuzz-subset.o" &
  wait %1 && wait %2
  ar rcs "$2/lib/libharfbuzz.a" "$1/harfbuzz.o"
  ar rcs "$2/lib/libharfbuzz-subset.a" "$1/harfbuzz-subset.o"
  (cd "$s" && cp hb.h hb-*.h "$2/include/harfbuzz/")
}

for spec in poppler:libpoppler126 harfbuzz:libharfbuzz0b qrencode:libqrencode4; do
  name=${spec%%:*} binary=${spec#*:}
  version=$(debian_version "$binary")
  version=${version#*:}
  prefix=$cache/$name-$version
  if [[ ! -f $prefix/.complete ]]; then
    t0=$SECONDS
    rm -rf "$prefix" "$cache/$name-src"
    fetch_source "$name" "$version" "$cache/$name-src"
    "build_$name" "$cache/$name-src" "$prefix" >"$prefix.log" 2>&1 ||
      { tail -n 40 "$prefix.log" >&2; log "building $name $version failed (whole log: $prefix.log)"; exit 1; }
    rm -rf "$cache/$name-src"
    echo "$version built in $((SECONDS - t0)) s" >"$prefix/.complete"
    log "$name $version built in $((SECONDS - t0)) s"
  fi
  echo "$name=$prefix"
done
rm -rf "$cache/apt"
