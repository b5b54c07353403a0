#!/usr/bin/env bash
# Screenshots of the extension's dialogs in English and Indonesian, taken in a
# real LibreOffice Writer under Xvfb:
#   docs/screenshots/file-menu-{en,id}.png       File menu with "Sign with BSrE…"
#   docs/screenshots/sign-dialog-{en,id}.png     the Sign with BSrE dialog, filled in
#   docs/screenshots/sign-dialog-unusable-{en,id}.png  the same with the expired certificate selected
#   docs/screenshots/result-dialog-{en,id}.png   the result after signing
#   docs/screenshots/verify-dialog-{en,id}.png   Verify BSrE signatures… on a PDF changed after signing
#   docs/screenshots/batch-dialog-{en,id}.png    Sign several files with BSrE… on a folder of four files
#   docs/screenshots/batch-result-{en,id}.png    its result: three signed, one refused (not a PDF)
#   docs/screenshots/sign-dialog-server-{en,id}.png  the sign dialog offering a BSrE account
#       (IT configured BSrE's signing service; the NIK typed in)
#   docs/screenshots/sign-dialog-siglines-{en,id}.png  a document with two Signature Lines
#   docs/screenshots/sign-dialog-pdf-{en,id}.png  the next signer: its signed PDF in Draw
#   docs/screenshots/result-dialog-ltv-{en,id}.png  the result of a B-LT signature
#       (loopback TSA/OCSP/CRL of tests/fixtures/LTV.md, TsaUrl set, Level automatic)
#
#   scripts/screenshots.sh [BUILD_DIR]
# Without BUILD_DIR it builds into build-shots/; with it, it uses
# BUILD_DIR/bsre-sign.oxt as it is. Run as root on Debian 12: it installs what it
# needs (xvfb, xdotool, imagemagick, and a private GUI LibreOffice of the
# installed version, see scripts/screenshots/lo-gui.sh, cached in
# $BSRE_SHOTS_CACHE, default /var/cache/bsre-shots).
# For each language it opens tests/data/letter.fodt in a visible Writer with
# the .oxt installed in a throw-away profile (scripts/office-run.sh), opens the
# File menu, dispatches vnd.bsresign:sign, types a reason and a location,
# presses Enter (Sign), photographs the result and closes it with Escape.
# BSRE_SHOTS_KEEP=1 keeps the work directory (logs, profiles, signed PDFs).
# BSRE_SHOTS_OUT=DIR writes the pictures there instead of docs/screenshots;
# BSRE_SHOTS_LANGS="id" takes only those languages (default "en id"); the guide's
# test (tests/guide_dialogs.sh) uses both, with BSRE_SHOTS_KEEP=1.
# BSRE_SHOTS_ONLY="batch verify" takes only those sections (sign, verify,
# batch, server, ltv, siglines); the default is all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
t_start=$(date +%s)
log() { echo "screenshots: $*" >&2; }
die() { log "$*"; exit 1; }
[[ $(id -u) -eq 0 ]] || die "run as root (installs packages, runs LibreOffice as the user bsretest)"

# --- packages -----------------------------------------------------------------
scripts/install-deps.sh
need=(xvfb xauth xdotool imagemagick)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi
program=$(scripts/screenshots/lo-gui.sh "${BSRE_SHOTS_CACHE:-/var/cache/bsre-shots}")

# --- build --------------------------------------------------------------------
if [[ $# -ge 1 ]]; then
  build=$1
else
  build=build-shots
  cmake -S . -B "$build" >/dev/null
  cmake --build "$build" -j2 >/dev/null
fi
oxt=$(cd "$build" && pwd)/bsre-sign.oxt
[[ -f $oxt ]] || die "no $oxt"

# --- work directory, cleanup ---------------------------------------------------
# A fixed, short path: it shows in the dialogs (output file). One run at a time.
work=/tmp/bsre-shots
exec 9>"$work.lock"
flock -w 900 9 || die "another screenshots.sh holds $work.lock"
rm -rf "$work"
mkdir -m 0755 "$work"
export HOME=$work/home
mkdir -p "$HOME"
. scripts/screenshots/common.sh
trap cleanup EXIT
trap 'exit 130' INT TERM

tests/fixtures/make-pki.sh "$work/pki" >/dev/null
tests/fixtures/make-pdfs.sh "$work/pdfs" >/dev/null 2>&1 || die "make-pdfs.sh failed"
mkdir -p "$work/bin"
ln -s "$program/soffice" "$work/bin/soffice"
ln -s "$program/unopkg" "$work/bin/unopkg"

# --- X server -----------------------------------------------------------------
start_xvfb

# --- helpers ------------------------------------------------------------------
out=${BSRE_SHOTS_OUT:-$repo/docs/screenshots}
langs=${BSRE_SHOTS_LANGS:-en id}
mkdir -p "$out"
# wait_window SECONDS REGEX: prints the id of the first window whose name matches.
wait_window() {
  local w
  w=$(timeout "$1" xdotool search --sync --name "$2" 2>/dev/null | head -n1) || true
  [[ -n $w ]] && echo "$w"
}
# wait_status SECONDS WORD: waits until the macro wrote WORD to its status file.
wait_status() {
  local i
  for ((i = 0; i < $1 * 4; i++)); do
    grep -qx "$2" "$run/status" 2>/dev/null && return 0
    grep -q '^error' "$run/status" 2>/dev/null && break
    kill -0 "$office_pid" 2>/dev/null || break
    sleep 0.25
  done
  return 1
}
fail() {
  import -window root "$work/failed-$lang.png" 2>/dev/null || true
  log "$lang: $*"
  cat "$run/status" "$run/soffice.log" >&2 2>/dev/null || true
  BSRE_SHOTS_KEEP=1
  exit 1
}
# start_office NSSDB LOG [VAR=VALUE...]: Writer with the letter of $lang in
# $run, the .oxt installed, show-dialogs.bas waiting for "go".
start_office() {
  local nssdb=$1 logfile=$2
  shift 2
  PATH=$work/bin:$PATH BSRE_UI_LOCALE=${locale[$lang]} BSRE_OFFICE_MODE="--nodefault --nolockcheck" \
    BSRE_OFFICE_ENV="PATH=$work/bin:/usr/local/bin:/usr/bin:/bin DISPLAY=$DISPLAY SAL_USE_VCLPLUGIN=gen http_proxy= https_proxy=" \
    BSRE_OFFICE_TIMEOUT=240 \
    scripts/office-run.sh "$oxt" "$nssdb" "$run" scripts/screenshots/show-dialogs.bas ShowDialogs \
    "SHOTS_LETTER=$letter" "SHOTS_GO=$run/go" "SHOTS_STATUS=$run/status" TZ=Asia/Jakarta "$@" \
    >"$logfile" 2>&1 &
  office_pid=$!
}
# shown_window SECONDS TITLE [WHAT]: waits for the window titled TITLE and
# focuses it (the pointer parked); its id in $win.
shown_window() {
  win=$(wait_window "$1" "^$2\$") || fail "the window '$2' did not appear${3:+ ($3)}"
  sleep 1.5
  timeout 10 xdotool windowfocus --sync "$win" || true
  park_pointer
}
# end_office [WHAT]: the dialogs are closed; waits for the macro and the office to end.
end_office() {
  wait_status 30 dispatched || fail "the macro did not finish${1:+ ($1)}"
  for _ in $(seq 120); do kill -0 "$office_pid" 2>/dev/null || break; sleep 0.25; done
  stop_office
}
# The open menu: the largest visible window smaller than the screen.
menu_bottom_right() {
  local w best=0 r=0 b=0 X Y WIDTH HEIGHT WINDOW SCREEN
  for w in $(xdotool search --onlyvisible --name '' 2>/dev/null); do
    eval "$(xdotool getwindowgeometry --shell "$w" 2>/dev/null)" || continue
    ((WIDTH < 1280 && HEIGHT < 900 && WIDTH * HEIGHT > best)) || continue
    best=$((WIDTH * HEIGHT)) r=$((X + WIDTH)) b=$((Y + HEIGHT))
  done
  echo "$r $b"
}

# fill_sign_dialog WINDOW PNG: in the sign dialog, the first (usable)
# certificate, the PIN left empty, the reason and location of $lang typed in;
# photographed into PNG (Enter is the caller's).
fill_sign_dialog() {
  xdotool key Home
  xdotool key Tab ctrl+a BackSpace Tab ctrl+a
  xdotool type --delay 15 "${reason[$lang]}"
  xdotool key Tab ctrl+a
  xdotool type --delay 15 "Jakarta"
  park_pointer
  sleep 0.7
  import -window "$1" "$2"
}

# want SECTION: is the section asked for (BSRE_SHOTS_ONLY)?
want() { [[ -z ${BSRE_SHOTS_ONLY:-} || " $BSRE_SHOTS_ONLY " == *" $1 "* ]]; }

# --- per language -------------------------------------------------------------
declare -A title=([en]="Sign with BSrE" [id]="Tandatangani dengan BSrE")
declare -A result=([en]="Signed with BSrE" [id]="Ditandatangani dengan BSrE")
declare -A reason=([en]="Approval" [id]="Persetujuan")
declare -A locale=([en]="en-US" [id]="id")
declare -A folder=([en]="Documents" [id]="Dokumen")
want sign && for lang in $langs; do
  t_lang=$(date +%s)
  run=$work/$lang
  letter=$run/${folder[$lang]}/nota-dinas.fodt
  mkdir -p "$(dirname "$letter")"
  cp tests/data/letter.fodt "$letter"
  # $work/bin first in PATH: unopkg and soffice of the GUI LibreOffice (PATH is
  # also given to soffice explicitly, in case office-run.sh clears the environment).
  start_office "$work/pki/nssdb" "$work/office-run-$lang.log"

  wait_status 120 loaded || fail "Writer did not open the letter"
  writer=$(wait_window 30 'nota-dinas.*LibreOffice') || fail "no Writer window"
  sleep 2   # let the document finish painting

  # File menu: click the first menu bar entry (works whatever the UI language).
  eval "$(xdotool getwindowgeometry --shell "$writer")"
  xdotool mousemove $((X + 14)) $((Y + 9)) click 1
  sleep 1.5
  park_pointer
  sleep 0.5
  read -r mr mb < <(menu_bottom_right)
  ((mr > 0)) || { mr=200; mb=520; }
  import -window root -crop "$((mr + 420))x$((mb + 12))+0+0" +repage "$out/file-menu-$lang.png"
  xdotool key Escape
  sleep 0.5

  # Sign with BSrE…
  touch "$run/go"
  shown_window 60 "${title[$lang]}"
  dlg=$win
  # Focus starts on the certificate list. The third entry is the expired
  # certificate: its line and the reason it cannot sign.
  xdotool key Down Down
  sleep 0.7
  import -window "$dlg" "$out/sign-dialog-unusable-$lang.png"
  # Back to the first (usable) one; Tab: PIN (left empty), reason, location.
  fill_sign_dialog "$dlg" "$out/sign-dialog-$lang.png"
  xdotool key Return
  shown_window 120 "${result[$lang]}"
  import -window "$win" "$out/result-dialog-$lang.png"
  xdotool key Escape
  end_office
  log "$lang: done in $(($(date +%s) - t_lang)) s"
done

# --- Signature Lines, then the next signer on the signed PDF ------------------------
# tests/data/siglines/two-lines.fodt has two Signature Lines: a paraf (Andi
# Wijaya) and the final signer (Budi Santoso, the test PKI's officer-rsa). The
# sign dialog pre-selects Budi Santoso's line and names the one still empty;
# Enter signs, which leaves Andi Wijaya's line an empty field in the PDF. That
# PDF opened in Draw is what the next signer gets: the dialog offers the empty
# field ("signed as it is").
declare -A sltitle=([en]="Sign with BSrE" [id]="Tandatangani dengan BSrE")
declare -A slname=([en]="decree" [id]="surat-keputusan")
want siglines && for lang in $langs; do
  run=$work/siglines-$lang
  letter=$run/${folder[$lang]}/${slname[$lang]}.fodt
  mkdir -p "$(dirname "$letter")"
  cp tests/data/siglines/two-lines.fodt "$letter"
  chmod -R a+rwX "$run"
  start_office "$work/pki/nssdb" "$work/office-run-siglines-$lang.log"
  wait_status 120 loaded || fail "Writer did not open the document (Signature Lines)"
  sleep 2
  touch "$run/go"
  shown_window 60 "${sltitle[$lang]}" "Signature Lines"
  fill_sign_dialog "$win" "$out/sign-dialog-siglines-$lang.png"
  xdotool key Return
  shown_window 120 "${result[$lang]}" "Signature Lines"
  xdotool key Escape
  end_office "Signature Lines"
  signed=$run/${folder[$lang]}/${slname[$lang]}_signed.pdf
  [[ -f $signed ]] || fail "no $signed"
  log "siglines-$lang: done"

  run=$work/pdf-$lang
  letter=$run/${folder[$lang]}/${slname[$lang]}_signed.pdf
  mkdir -p "$(dirname "$letter")"
  cp "$signed" "$letter"
  chmod -R a+rwX "$run"
  start_office "$work/pki/nssdb" "$work/office-run-pdf-$lang.log" SHOTS_PDF=1
  wait_status 120 loaded || fail "Draw did not open the signed PDF"
  sleep 2
  touch "$run/go"
  shown_window 60 "${sltitle[$lang]}" "a PDF's empty field"
  park_pointer
  sleep 0.7
  import -window "$win" "$out/sign-dialog-pdf-$lang.png"
  xdotool key Escape
  end_office "a PDF's empty field"
  log "pdf-$lang: done"
done

# --- the Verify dialog -------------------------------------------------------------
# The letter signed by bsre-sign, then changed by an incremental update that
# draws over its text (tests/tools/pdf_attack.py append-content), opened in
# Draw: File > Verify BSrE signatures… shows the refused change.
declare -A vtitle=([en]="Verify BSrE signatures" [id]="Verifikasi tanda tangan BSrE")
want verify && for lang in $langs; do
  run=$work/verify-$lang
  letter=$run/${folder[$lang]}/nota-dinas-diubah.pdf
  mkdir -p "$(dirname "$letter")"
  "$build/bsre-sign" sign --nssdb "$work/pki/nssdb" --cert officer-rsa --page 1 --rect 340,120,200,70 --no-ledger \
    "$work/pdfs/letter.pdf" -o "$run/signed.pdf" >/dev/null || die "bsre-sign sign failed"
  python3 tests/tools/pdf_attack.py append-content "$run/signed.pdf" "$letter" || die "pdf_attack.py failed"
  chmod -R a+rX "$run"
  start_office "$work/pki/nssdb" "$work/office-run-verify-$lang.log" SHOTS_VERIFY=1
  wait_status 120 loaded || fail "Draw did not open the PDF"
  sleep 2
  touch "$run/go"
  shown_window 60 "${vtitle[$lang]}"
  sleep 0.5
  import -window "$win" "$out/verify-dialog-$lang.png"
  xdotool key Escape
  end_office verify
  log "verify-$lang: done"
done

# --- several files ------------------------------------------------------------------
# A folder of two letters, a PDF and a file named .pdf that is not one: the
# batch dialog starts with the folder's files (the dispatch's Files argument),
# Enter signs them all, the result lists the three signed and the refused one.
declare -A btitle=([en]="Sign several files with BSrE" [id]="Tandatangani beberapa berkas dengan BSrE")
declare -A bresult=([en]="Signed with BSrE: several files" [id]="Ditandatangani dengan BSrE: beberapa berkas")
declare -A bfiles=([en]="memo invitation" [id]="nota-dinas undangan-rapat")
want batch && for lang in $langs; do
  run=$work/batch-$lang
  docs=$run/${folder[$lang]}
  mkdir -p "$docs"
  for name in ${bfiles[$lang]}; do cp tests/data/letter.fodt "$docs/$name.fodt"; done
  cp "$work/pdfs/letter.pdf" "$docs/$( [[ $lang == id ]] && echo lampiran || echo attachment).pdf"
  cp "$work/pdfs/not-a-pdf.pdf" "$docs/$( [[ $lang == id ]] && echo rusak || echo broken).pdf"
  letter=$run/cover.fodt
  cp tests/data/letter.fodt "$letter"
  chmod -R a+rwX "$run"
  start_office "$work/pki/nssdb" "$work/office-run-batch-$lang.log" SHOTS_BATCH=1 "SHOTS_FOLDER=$docs" \
    "SHOTS_REASON=${reason[$lang]}" SHOTS_LOCATION=Jakarta
  wait_status 120 loaded || fail "Writer did not open the letter (batch)"
  sleep 2
  touch "$run/go"
  shown_window 60 "${btitle[$lang]}" batch
  sleep 0.5
  import -window "$win" "$out/batch-dialog-$lang.png"
  xdotool key Return
  shown_window 180 "${bresult[$lang]}" batch
  import -window "$win" "$out/batch-result-$lang.png"
  xdotool key Escape
  end_office batch
  log "batch-$lang: done"
done

# --- a BSrE account (server-held key) -----------------------------------------------
# IT configured BSrE's signing service (Server/Enabled, DocumentsLeaveDesk, Url):
# the sign dialog lists "BSrE account (server-held key)" after the desk's
# certificates; chosen (End), its NIK / e-mail row is enabled and filled in.
want server && for lang in $langs; do
  run=$work/server-$lang
  letter=$run/${folder[$lang]}/nota-dinas.fodt
  mkdir -p "$(dirname "$letter")"
  cp tests/data/letter.fodt "$letter"
  chmod -R a+rwX "$run"
  start_office "$work/pki/nssdb" "$work/office-run-server-$lang.log" "SHOTS_SERVER=https://esign.bsre.example.go.id"
  wait_status 120 loaded || fail "Writer did not open the letter (server)"
  sleep 2
  touch "$run/go"
  shown_window 60 "${title[$lang]}" server
  xdotool key End
  sleep 0.5
  xdotool key Tab Tab
  xdotool type --delay 15 "3171000000000001"
  park_pointer
  sleep 0.7
  import -window "$win" "$out/sign-dialog-server-$lang.png"
  xdotool key Escape
  end_office server
  log "server-$lang: done"
done

# --- the result of a B-LT signature ----------------------------------------------
# The loopback TSA, OCSP responder and CRL server of the tests, a database with
# the LTV officer only, TsaUrl set and Level automatic: the result dialog shows
# the level, the timestamp and the LTV data.
if want ltv; then
  tests/fixtures/make-ltv-pki.sh "$work/ltv" "$work/ltv.ports" >/dev/null 2>&1 || die "make-ltv-pki.sh failed"
  tests/fixtures/ltv-servers.sh start "$work/ltv" "$work/ltv.ports" >/dev/null 2>&1 || die "the LTV servers did not start"
  trap 'tests/fixtures/ltv-servers.sh stop "$work/ltv" "$work/ltv.ports" >/dev/null 2>&1 || true; cleanup' EXIT
  tsa_url=$(. "$work/ltv.ports"; echo "$TSA_URL")
  ltvdb=$work/ltv-shots-db
  mkdir -p "$ltvdb"
  certutil -N -d "sql:$ltvdb" --empty-password
  certutil -A -d "sql:$ltvdb" -n "BSrE LTV Test Root CA" -t CT,C,C -i "$work/ltv/root.pem"
  pk12util -d "sql:$ltvdb" -i "$work/ltv/ltv-officer.p12" -W test >/dev/null
  chmod -R a+rX "$work/ltv"
fi
want ltv && for lang in $langs; do
  run=$work/ltv-$lang
  letter=$run/${folder[$lang]}/nota-dinas.fodt
  mkdir -p "$(dirname "$letter")"
  cp tests/data/letter.fodt "$letter"
  start_office "$ltvdb" "$work/office-run-ltv-$lang.log" "SHOTS_TSA=$tsa_url"
  wait_status 120 loaded || fail "Writer did not open the letter (LTV)"
  sleep 2
  touch "$run/go"
  shown_window 60 "${title[$lang]}" LTV
  xdotool key Return
  shown_window 120 "${result[$lang]}" LTV
  import -window "$win" "$out/result-dialog-ltv-$lang.png"
  xdotool key Escape
  end_office LTV
  log "ltv-$lang: done"
done

for f in "$out"/{file-menu,sign-dialog,sign-dialog-unusable,result-dialog,verify-dialog,batch-dialog,batch-result,sign-dialog-server,result-dialog-ltv,sign-dialog-siglines,sign-dialog-pdf}-{en,id}.png; do
  [[ -f $f ]] && echo "$f $(identify -format '%wx%h' "$f")"
done
log "all screenshots in $(($(date +%s) - t_start)) s"
