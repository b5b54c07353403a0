# The PDF room's libraries: Poppler, HarfBuzz (with its subsetter) and
# libqrencode, as three targets bsre::poppler, bsre::harfbuzz, bsre::qrencode.
#
# BSRE_BUNDLED_LIBS=ON (the default but in the fuzz build): static, -fPIC,
# hidden-visibility builds of Debian 12's own sources (scripts/third-party.sh,
# cached in <build>/third-party by version), so bsresign.uno.so and the CLI
# need no libpoppler.so.NNN (its soname changes with every Poppler release),
# no libharfbuzz-subset.so.0 and no libqrencode.so.4, none of which comes with
# LibreOffice on other distributions. Their symbols stay inside the component
# (-Wl,--exclude-libs,ALL in uno/): a Poppler that LibreOffice itself loads
# never meets ours.
# OFF: the system's shared libraries through pkg-config (Debian: libpoppler-private-dev,
# libharfbuzz-dev, libqrencode-dev).

option(BSRE_BUNDLED_LIBS "Link Poppler, HarfBuzz and libqrencode statically, built from Debian's sources" ${BSRE_BUNDLED_DEFAULT})
# Another build folder's cache can be shared (the libraries do not depend on
# the LibreOffice SDK), e.g. -DBSRE_THIRD_PARTY_DIR=build/third-party.
set(BSRE_THIRD_PARTY_DIR ${CMAKE_BINARY_DIR}/third-party CACHE PATH "Where scripts/third-party.sh keeps the static libraries")

pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
if(BSRE_BUNDLED_LIBS)
  string(TIMESTAMP t0 "%s")
  execute_process(COMMAND ${CMAKE_SOURCE_DIR}/scripts/third-party.sh ${BSRE_THIRD_PARTY_DIR}
                  OUTPUT_VARIABLE bsre_tp_out RESULT_VARIABLE bsre_tp_rc)
  if(NOT bsre_tp_rc EQUAL 0)
    message(FATAL_ERROR "scripts/third-party.sh failed (${bsre_tp_rc}); -DBSRE_BUNDLED_LIBS=OFF links the system's libraries")
  endif()
  string(TIMESTAMP t1 "%s")
  math(EXPR dt "${t1} - ${t0}")
  string(REGEX MATCHALL "[a-z]+=[^\n]+" bsre_tp_lines "${bsre_tp_out}")
  foreach(line ${bsre_tp_lines})
    string(REGEX REPLACE "=.*" "" name "${line}")
    string(REGEX REPLACE "^[a-z]+=" "" prefix "${line}")
    set(BSRE_TP_${name} ${prefix})
    get_filename_component(shown ${prefix} NAME)
    list(APPEND shown_all ${shown})
  endforeach()
  message(STATUS "Bundled libraries (static): ${shown_all} (${dt} s)")

  add_library(bsre_poppler_a STATIC IMPORTED)
  set_target_properties(bsre_poppler_a PROPERTIES IMPORTED_LOCATION ${BSRE_TP_poppler}/lib/libpoppler.a)
  add_library(bsre_poppler INTERFACE)
  target_include_directories(bsre_poppler SYSTEM INTERFACE ${BSRE_TP_poppler}/include ${BSRE_TP_poppler}/include/poppler)
  target_link_libraries(bsre_poppler INTERFACE bsre_poppler_a PkgConfig::FREETYPE PkgConfig::FC PkgConfig::ZLIB Threads::Threads)
  target_compile_definitions(bsre_poppler INTERFACE BSRE_POPPLER_DATADIR="/usr/share/poppler")

  add_library(bsre_hb_a STATIC IMPORTED)
  set_target_properties(bsre_hb_a PROPERTIES IMPORTED_LOCATION ${BSRE_TP_harfbuzz}/lib/libharfbuzz.a)
  add_library(bsre_hb_subset_a STATIC IMPORTED)
  set_target_properties(bsre_hb_subset_a PROPERTIES IMPORTED_LOCATION ${BSRE_TP_harfbuzz}/lib/libharfbuzz-subset.a)
  add_library(bsre_harfbuzz INTERFACE)
  target_include_directories(bsre_harfbuzz SYSTEM INTERFACE ${BSRE_TP_harfbuzz}/include/harfbuzz)
  target_link_libraries(bsre_harfbuzz INTERFACE bsre_hb_subset_a bsre_hb_a Threads::Threads m)

  add_library(bsre_qrencode_a STATIC IMPORTED)
  set_target_properties(bsre_qrencode_a PROPERTIES IMPORTED_LOCATION ${BSRE_TP_qrencode}/lib/libqrencode.a)
  add_library(bsre_qrencode INTERFACE)
  target_include_directories(bsre_qrencode SYSTEM INTERFACE ${BSRE_TP_qrencode}/include)
  target_link_libraries(bsre_qrencode INTERFACE bsre_qrencode_a)
else()
  pkg_check_modules(POPPLER REQUIRED IMPORTED_TARGET poppler)
  pkg_check_modules(HB REQUIRED IMPORTED_TARGET harfbuzz harfbuzz-subset)
  pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
  add_library(bsre_poppler INTERFACE)
  target_link_libraries(bsre_poppler INTERFACE PkgConfig::POPPLER)
  add_library(bsre_harfbuzz INTERFACE)
  target_link_libraries(bsre_harfbuzz INTERFACE PkgConfig::HB)
  add_library(bsre_qrencode INTERFACE)
  target_link_libraries(bsre_qrencode INTERFACE PkgConfig::QRENCODE)
endif()
add_library(bsre::poppler ALIAS bsre_poppler)
add_library(bsre::harfbuzz ALIAS bsre_harfbuzz)
add_library(bsre::qrencode ALIAS bsre_qrencode)
