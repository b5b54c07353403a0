#!/usr/bin/env bash
# Regenerates the extension's PNG icons from the placeholder SVGs with
# LibreOffice's own renderer (draw_png_Export), then gives them a transparent
# surround (png_alpha.py). Output is committed; run again after changing an SVG.
#   icons/make-icons.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Tight square viewBox around the shield, so small icons use their pixels.
crop='viewBox="9 8 240 240"'
sed "s/viewBox=\"0 0 256 256\"/$crop/" "$here/placeholder-logo.svg" > "$work/logo.svg"
sed "s/viewBox=\"0 0 256 256\"/$crop/" "$here/placeholder-logo-hc.svg" > "$work/logo-hc.svg"

render() { # svg size outdir
  soffice --headless -env:UserInstallation="file://$work/profile" \
    --convert-to "png:draw_png_Export:{\"PixelWidth\":{\"type\":\"long\",\"value\":\"$2\"},\"PixelHeight\":{\"type\":\"long\",\"value\":\"$2\"}}" \
    "$1" --outdir "$3" >/dev/null 2>&1
}

for spec in sign-16:16 sign-26:26 logo-42:42; do
  name=${spec%%:*} size=${spec##*:}
  render "$work/logo.svg" "$size" "$work/$size"
  python3 "$here/png_alpha.py" key "$work/$size/logo.png" "$here/$name.png"
  render "$work/logo-hc.svg" "$size" "$work/$size"
  python3 "$here/png_alpha.py" silhouette "$work/$size/logo-hc.png" "$here/$name-hc.png" ffffff
done
ls -l "$here"/*.png
