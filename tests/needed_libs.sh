#!/usr/bin/env bash
# Asserts what a binary needs from the system (issue 16, docs/INSTALL.md):
# every NEEDED soname of bsresign.uno.so (or the CLI) is one that stays the same
# across distributions and is there wherever LibreOffice is installed (the URE,
# NSS/NSPR, FreeType, fontconfig, libpng16, zlib, the C and C++ runtimes);
# no Poppler, no libharfbuzz(-subset), no libqrencode. For the component, also
# that it exports nothing but the component_* entry points (the static
# Poppler's symbols stay inside).
#   needed_libs.sh uno|cli FILE
set -euo pipefail
kind=$1 file=$2
allowed=(
  libnss3.so libnssutil3.so libsmime3.so libssl3.so libnspr4.so libplc4.so libplds4.so
  libfreetype.so.6 libfontconfig.so.1 libpng16.so.16 libz.so.1
  libstdc++.so.6 libgcc_s.so.1 libm.so.6 libc.so.6 libdl.so.2 libpthread.so.0 ld-linux-x86-64.so.2
)
[[ $kind == uno ]] && allowed+=(libuno_cppu.so.3 libuno_cppuhelpergcc3.so.3 libuno_sal.so.3 libuno_salhelpergcc3.so.3)

mapfile -t needed < <(readelf -d "$file" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
((${#needed[@]} > 0)) || { echo "FAIL: readelf found no NEEDED entry in $file"; exit 1; }
fail=0
for n in "${needed[@]}"; do
  ok=0
  for a in "${allowed[@]}"; do [[ $n == "$a" ]] && ok=1; done
  if ((ok)); then echo "needed: $n"; else echo "FAIL: $file needs $n, not a stable soname present with LibreOffice"; fail=1; fi
done
if [[ $kind == uno ]]; then
  # Allowed besides the entry points: instantiations of templates whose
  # headers declare them default-visible (libstdc++'s std::, the SDK's
  # com::sun::star::uno::Sequence and cppu:: helpers, more of them with newer
  # SDKs) and the typeinfo of UNO types, which the C++ UNO bridge finds by
  # name. Nothing of Poppler, HarfBuzz or libqrencode (hb_*, QRcode_*,
  # PDFDoc, GooString, ...).
  mapfile -t exported < <(nm -D --defined-only "$file" | awk '{print $3}' | c++filt |
    grep -vE '^(component_|((typeinfo|typeinfo name|vtable) for )?(std::|com::sun::star::|cppu::|id::bsresign::))' || true)
  if ((${#exported[@]})); then
    echo "FAIL: $file exports ${#exported[@]} symbols it should keep inside, e.g.:"
    printf '  %s\n' "${exported[@]:0:10}"
    fail=1
  fi
  nm -D --defined-only "$file" | grep -q ' component_getFactory$' || { echo "FAIL: component_getFactory not exported"; fail=1; }
  echo "exported: $(nm -D --defined-only "$file" | wc -l) symbols (component_*, std::/UNO template instantiations, UNO typeinfo)"
fi
exit $fail
