# Sourced by the render scripts: fix=BUILD/fixtures, made by the build's own
# fixture tests (the test PKI and the sample PDFs) when they are missing.
#   build_fixtures BUILD_DIR
build_fixtures() {
  fix=$1/fixtures
  if [[ ! -d $fix/pki/nssdb || ! -f $fix/pdfs/letter.pdf ]]; then
    (cd "$1" && ctest -R 'fixture\.(pki|pdfs)' >/dev/null)
  fi
}
