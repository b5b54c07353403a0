# Turns a text table (uno/texts/*.tsv: name TAB English TAB Indonesian) into a
# C++ header of `const Text name{"English", "Indonesian"};` lines in a
# namespace. Run as: cmake -DIN=table.tsv -DOUT=header.hpp -DNS=T -P texts.cmake
# A malformed line stops the build with its line number.

file(READ "${IN}" content)
# Escape for C++ string literals, and keep CMake's list separator out of the way.
string(REPLACE "\\" "\\\\" content "${content}")
string(REPLACE "\"" "\\\"" content "${content}")
string(REPLACE ";" "@SEMICOLON@" content "${content}")
string(REPLACE "\n" ";" lines "${content}")

set(body "")
set(number 0)
foreach(line IN LISTS lines)
  math(EXPR number "${number} + 1")
  if(line STREQUAL "" OR line MATCHES "^#")
    continue()
  endif()
  string(REPLACE "@SEMICOLON@" ";" line "${line}")
  if(NOT line MATCHES "^([A-Za-z][A-Za-z0-9_]*)\t([^\t]+)\t([^\t]+)$")
    message(FATAL_ERROR "${IN}:${number}: expected: name TAB English TAB Indonesian")
  endif()
  string(APPEND body "const Text ${CMAKE_MATCH_1}{\"${CMAKE_MATCH_2}\", \"${CMAKE_MATCH_3}\"};\n")
endforeach()

set(header "// Generated from ${IN} by uno/texts/texts.cmake: edit the table, not this file.\n")
string(APPEND header "#pragma once\n#include \"uno_util.hpp\"\n\nnamespace bsre::ext::${NS} {\n${body}} // namespace bsre::ext::${NS}\n")
# Rewrite only on change, so that dependants rebuild only when a text changed.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
  if(old STREQUAL header)
    return()
  endif()
endif()
file(WRITE "${OUT}" "${header}")
