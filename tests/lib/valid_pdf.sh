# Sourced by the shell tests (tests/guide_*.sh): one signed PDF judged by three
# validators. Needs bad() (counts a failure) from the caller.
#   valid_pdf PDF VERIFYDB ROOT.pem BSRE_SIGN
# pdfsig (Poppler) with the database VERIFYDB: valid and trusted; qpdf --check;
# bsre-sign verify --json with ROOT.pem: every signature TOTAL-PASSED, no
# change after signing refused.
valid_pdf() {
  local pdf=$1 db=$2 root=$3 cli=$4 out
  [[ -f $pdf ]] || { bad "no $pdf"; return; }
  out=$(pdfsig -nssdir "sql:$db" "$pdf" 2>&1) || true
  grep -q 'Signature Validation: Signature is Valid' <<<"$out" || bad "pdfsig: $pdf: $out"
  grep -q 'Certificate Validation: Certificate is Trusted' <<<"$out" || bad "pdfsig trust: $pdf"
  qpdf --check "$pdf" >/dev/null 2>&1 || bad "qpdf --check $pdf"
  out=$("$cli" verify --trust "$root" --json "$pdf" 2>&1) || bad "bsre-sign verify $pdf: $out"
  grep -q '"indication":"TOTAL-PASSED"' <<<"$out" || bad "not TOTAL-PASSED: $pdf"
  ! grep -q '"allowed":false' <<<"$out" || bad "a change not allowed in $pdf"
}
