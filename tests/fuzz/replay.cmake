# Included by tests/CMakeLists.txt (the normal, gcc build; docs/FUZZING.md).
# NAME.replay: the target NAME built without libFuzzer (tests/fuzz/replay_main.cpp)
#   runs its seed corpus and tests/data/fuzz-regressions/NAME/ once each: a
#   crash or hang found by fuzzing stays fixed, with or without clang.
# NAME.smoke: when BSRE_FUZZ_DIR names a fuzz build (scripts/build.sh makes
#   one with scripts/fuzz.sh build), the libFuzzer binary fuzzes a copy of its
#   corpus for BSRE_FUZZ_SMOKE_SECONDS (tests/fuzz/smoke.sh).
include(${CMAKE_CURRENT_SOURCE_DIR}/fuzz/targets.cmake)
set(BSRE_FUZZ_DIR "" CACHE PATH "A fuzz build (build-fuzz/) whose targets the smoke tests run; empty: no smoke tests")
set(BSRE_FUZZ_SMOKE_SECONDS 5 CACHE STRING "How long each fuzz target's smoke test fuzzes")
foreach(t ${BSRE_FUZZ_TARGETS})
  add_executable(${t}_replay fuzz/${t}.cpp fuzz/replay_main.cpp)
  target_link_libraries(${t}_replay PRIVATE bsre_core)
  target_compile_definitions(${t}_replay PRIVATE BSRE_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  set(inputs ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${t})
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/data/fuzz-regressions/${t})
    list(APPEND inputs ${CMAKE_CURRENT_SOURCE_DIR}/data/fuzz-regressions/${t})
  endif()
  add_test(NAME ${t}.replay COMMAND ${t}_replay ${inputs})
  set_tests_properties(${t}.replay PROPERTIES TIMEOUT 300)
  if(BSRE_FUZZ_DIR)
    add_test(NAME ${t}.smoke COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/smoke.sh ${BSRE_FUZZ_DIR}/tests/fuzz/${t}
             ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${t} ${CMAKE_CURRENT_BINARY_DIR}/fuzz-smoke/${t}
             ${BSRE_FUZZ_SMOKE_SECONDS})
    set_tests_properties(${t}.smoke PROPERTIES TIMEOUT 120)
  endif()
endforeach()

# The inputs fuzzing found that needed a fix, with the answer the fix gives.
bsre_test(test_fuzz_regressions)
