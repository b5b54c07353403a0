#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the demo and the tests need.
# Runs apt only when something is missing, so a second run costs nothing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  # the fuzz build (docs/FUZZING.md): clang, libFuzzer and the sanitizer runtimes, llvm-symbolizer
  clang libclang-rt-14-dev llvm-14
  libnss3-dev libnss3-tools
  libpoppler-private-dev poppler-utils
  libharfbuzz-dev libfontconfig-dev fonts-liberation2
  libpng-dev zlib1g-dev libqrencode-dev libcurl4-openssl-dev
  libboost-test-dev
  softhsm2 opensc
  mupdf-tools qpdf openssl zbar-tools
  libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui libreoffice-draw-nogui
  libreoffice-dev xvfb xauth xdotool unzip zip
  python3 curl iproute2 time
  # Poppler, HarfBuzz and libqrencode built from Debian's sources (scripts/third-party.sh)
  dpkg-dev libfreetype-dev xz-utils bzip2
  # the package for IT (scripts/build-deb.sh) and its check; other distributions (scripts/test-other-distro.sh)
  lintian debootstrap
  # the guide (docs/panduan): built as one PDF with pandoc, its pictures cropped with ImageMagick
  pandoc imagemagick
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing packages (run as root to install): ${missing[*]}" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
