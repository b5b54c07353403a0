# Where the LibreOffice SDK and program folders are: the one place (docs/INSTALL.md,
# "Building against another LibreOffice").
#
#   BSRE_LO_SDK_DIR      the SDK folder (bin/cppumaker, bin/unoidl-write, include/, lib/)
#   BSRE_LO_PROGRAM_DIR  the program folder (types.rdb, types/offapi.rdb, the URE libraries, soffice)
#
# Each is a CMake cache variable; its first value comes from the environment
# variable of the same name, else from the first folder found of
# /usr/lib/libreoffice, /usr/lib64/libreoffice, /opt/libreoffice*. Given only
# the SDK, the program folder is the SDK's sibling `program` (as both Debian's
# and The Document Foundation's layouts have it).
#
# Nothing here reads the SDK's idl/ folder: our IDL is compiled against the type
# libraries (types.rdb, offapi.rdb), which every LibreOffice ships, so SDKs
# without IDL sources (Debian's 25.2) work as well as 7.4's.

function(bsre_find_libreoffice)
  set(sdk "$ENV{BSRE_LO_SDK_DIR}")
  set(prog "$ENV{BSRE_LO_PROGRAM_DIR}")
  if(NOT sdk)
    file(GLOB opt_dirs LIST_DIRECTORIES true /opt/libreoffice*)
    list(SORT opt_dirs COMPARE NATURAL ORDER DESCENDING)
    foreach(base /usr/lib/libreoffice /usr/lib64/libreoffice ${opt_dirs})
      if(EXISTS ${base}/sdk/bin/cppumaker OR EXISTS ${base}/sdk/bin/cppumaker.bin)
        set(sdk ${base}/sdk)
        break()
      endif()
    endforeach()
  endif()
  if(sdk AND NOT prog)
    get_filename_component(prog "${sdk}/../program" ABSOLUTE)
  endif()
  set(BSRE_LO_SDK_DIR "${sdk}" CACHE PATH "LibreOffice SDK folder (bin/cppumaker, include/, lib/)")
  set(BSRE_LO_PROGRAM_DIR "${prog}" CACHE PATH "LibreOffice program folder (types.rdb, URE libraries, soffice)")
endfunction()

bsre_find_libreoffice()
if(BSRE_LO_SDK_DIR AND EXISTS ${BSRE_LO_SDK_DIR}/include/sal/config.h)
  set(BSRE_HAVE_LO_SDK ON)
else()
  set(BSRE_HAVE_LO_SDK OFF)
endif()
