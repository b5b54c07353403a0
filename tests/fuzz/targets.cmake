# The fuzz targets (docs/FUZZING.md): one source tests/fuzz/NAME.cpp each,
# defining LLVMFuzzerTestOneInput. Built with libFuzzer in the fuzz build
# (tests/fuzz/CMakeLists.txt) and as replayers in the normal one
# (tests/fuzz/replay.cmake).
set(BSRE_FUZZ_TARGETS fuzz_pdf_plan fuzz_verify fuzz_der fuzz_layout fuzz_raw_syntax)
