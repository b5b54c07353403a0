#!/usr/bin/env bash
# Screenshots of Tools > Options > BSrE Sign under Xvfb, and a check that the
# page saves what the user changes:
#   docs/screenshots/options-{en,id}.png         the page, nothing locked
#   docs/screenshots/options-notice-en.png, options-notice-locked-id.png
#       the Notice page, free and with the policy (Notice/Text locked)
#   docs/screenshots/options-locked-{en,id}.png  with the policy of
#       tests/data/policy installed: Signing/Visible, Signing/DefaultReason
#       (and Notice/Text, not on the page) locked, their fields greyed
#
#   scripts/screenshots/options.sh [BUILD_DIR]
# Uses BUILD_DIR/bsre-sign.oxt (default build-shots/, built when missing). Run
# as root on Debian 12, after scripts/screenshots.sh has installed what it
# needs (xvfb, xdotool, imagemagick, the GUI LibreOffice copy of
# scripts/screenshots/lo-gui.sh). LibreOffice runs as the user bsretest.
#
# Both extensions are installed as IT does (`unopkg add --shared -s`), but
# into a private shared area (-env:UNO_SHARED_PACKAGES_CACHE for unopkg and
# soffice): the machine's /var/spool/libreoffice is not touched, which the
# script checks at the end.
#
# Saving: in "en" the script types a new default reason into the page and
# presses OK; in "locked-en" a new default location (the reason is locked).
# The macro (show-options.bas) then reads the settings back through the
# configuration, and the script also finds them in the profile's
# registrymodifications.xcu after LibreOffice has ended, as the only key of
# BSrE Sign there (unchanged values are not written).
# BSRE_SHOTS_KEEP=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
log() { echo "options.sh: $*" >&2; }
die() { log "$*"; exit 1; }
[[ $(id -u) -eq 0 ]] || die "run as root (runs LibreOffice as the user bsretest)"
for t in Xvfb xdotool import zip; do command -v "$t" >/dev/null || die "$t is missing (run scripts/screenshots.sh once)"; done
program=$(scripts/screenshots/lo-gui.sh "${BSRE_SHOTS_CACHE:-/var/cache/bsre-shots}")

build=${1:-build-shots}
if [[ ! -f $build/bsre-sign.oxt ]]; then
  cmake -S . -B "$build" >/dev/null
  cmake --build "$build" -j2 >/dev/null
fi
oxt=$(cd "$build" && pwd)/bsre-sign.oxt

user=bsretest
id "$user" >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/$user $user
system_state() {
  local roots="/var/spool/libreoffice /usr/lib/libreoffice/share/uno_packages /usr/lib/libreoffice/share/extensions"
  { find $roots -type d -printf '%p %y %U:%G %m\n'; find $roots ! -type d -printf '%p %y %s %T@ %U:%G %m %l\n'; } 2>/dev/null | LC_ALL=C sort
}
system_before=$(system_state)

work=/tmp/bsre-options-shots
exec 9>"$work.lock"
flock -w 900 9 || die "another options.sh holds $work.lock"
rm -rf "$work"
mkdir -m 0755 "$work"
. scripts/screenshots/common.sh
trap cleanup EXIT
trap 'exit 130' INT TERM

(cd tests/data/policy && zip -q -X -r "$work/bsre-sign-policy.oxt" description.xml META-INF BsreSignPolicy.xcu)

start_xvfb

out=$repo/docs/screenshots
mkdir -p "$out"
wait_window() {
  local w
  w=$(timeout "$1" xdotool search --sync --onlyvisible --name "$2" 2>/dev/null | head -n1) || true
  [[ -n $w ]] && echo "$w"
}
wait_status() {
  local i
  for ((i = 0; i < $1 * 4; i++)); do
    grep -q "^$2" "$run/status" 2>/dev/null && return 0
    grep -q '^error' "$run/status" 2>/dev/null && break
    kill -0 "$office_pid" 2>/dev/null || break
    sleep 0.25
  done
  return 1
}
fail() {
  import -window root "$work/failed-$name.png" 2>/dev/null || true
  log "$name: $*"
  cat "$run/status" "$run/soffice.log" >&2 2>/dev/null || true
  BSRE_SHOTS_KEEP=1
  exit 1
}
# The profile's registrymodifications.xcu value of a Signing key.
saved() {
  grep -o "oor:path=\"/id.bsresign.Settings/Signing\"><prop oor:name=\"$1\" oor:op=\"fuse\"><value>[^<]*<" \
    "$run/profile/user/registrymodifications.xcu" | sed 's/.*<value>//; s/<$//' | tail -n1
}

# name:UI locale:policy (0/1):file name[:leaf]
scenarios=("en:en-US:0:options-en" "id:id:0:options-id" "locked-en:en-US:1:options-locked-en" "locked-id:id:1:options-locked-id"
           "notice-en:en-US:0:options-notice-en:id.bsresign.NoticeLeaf" "notice-locked-id:id:1:options-notice-locked-id:id.bsresign.NoticeLeaf")
for s in "${scenarios[@]}"; do
  IFS=: read -r name locale policy shot leaf <<<"$s"
  run=$work/$name
  prof=$run/profile
  mkdir -p "$run/shared" "$run/unopkg-profile" "$prof/user/basic/Standard" "$run/home" "$run/tmp"
  cp "$oxt" "$run/bsre-sign.oxt"
  pkgs=("$run/bsre-sign.oxt")
  if [[ $policy == 1 ]]; then cp "$work/bsre-sign-policy.oxt" "$run/"; pkgs+=("$run/bsre-sign-policy.oxt"); fi
  cat >"$prof/user/registrymodifications.xcu" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="UILocale" oor:op="fuse"><value>$locale</value></prop></item>
</oor:items>
XML
  cat >"$prof/user/basic/script.xlc" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/script.xlb/" xlink:type="simple" library:link="false"/>
</library:libraries>
XML
  sed 's/script.xlb/dialog.xlb/' "$prof/user/basic/script.xlc" >"$prof/user/basic/dialog.xlc"
  cat >"$prof/user/basic/Standard/script.xlb" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
XML
  cat >"$prof/user/basic/Standard/dialog.xlb" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false"/>
XML
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">'
    echo '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">'
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' scripts/screenshots/show-options.bas
    echo '</script:module>'
  } >"$prof/user/basic/Standard/Module1.xba"
  chown -R "$user:" "$run"

  shared="-env:UNO_SHARED_PACKAGES_CACHE=file://$run/shared"
  envs=(HOME="$run/home" TMPDIR="$run/tmp" LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin)
  runuser -u "$user" -- env -i "${envs[@]}" "$program/unopkg" add --shared -s "$shared" \
    "-env:UserInstallation=file://$run/unopkg-profile" "${pkgs[@]}" >"$run/unopkg.log" 2>&1 ||
    { cat "$run/unopkg.log" >&2; die "$name: unopkg add --shared failed"; }
  runuser -u "$user" -- env -i "${envs[@]}" DISPLAY="$DISPLAY" SAL_USE_VCLPLUGIN=gen SHOTS_STATUS="$run/status" SHOTS_LEAF="${leaf:-id.bsresign.Leaf}" \
    timeout -k 10 240 "$program/soffice" --norestore --nologo --nodefault --nolockcheck \
    "-env:UserInstallation=file://$prof" "$shared" "macro:///Standard.Module1.ShowOptions" >"$run/soffice.log" 2>&1 &
  office_pid=$!

  wait_status 120 "page " || fail "the macro did not reach the dialog"
  grep '^page ' "$run/status" >&2
  dlg=$(wait_window 60 'BSrE') || fail "no Options window showing BSrE Sign"
  sleep 2
  park_pointer
  sleep 0.5
  xdotool getwindowname "$dlg" >&2
  import -window "$dlg" "$out/$shot.png"
  log "$name: $out/$shot.png $(identify -format '%wx%h' "$out/$shot.png")"

  timeout 10 xdotool windowfocus --sync "$dlg" || true
  case $name in
  en | locked-en)
    # Focus is on the tree after opening; Tab enters the page at its first
    # field (TSA URL). Order: TsaUrl, TsaUser, TsaPassword, Level,
    # AllowLowerLevel, PdfA, Visible, Certification, DefaultReason,
    # DefaultLocation (disabled fields are skipped).
    if [[ $name == en ]]; then tabs=9 field=DefaultReason value="Persetujuan Kepala Biro"
    else tabs=8 field=DefaultLocation value="Bandung"; fi
    xdotool key --delay 80 $(printf 'Tab %.0s' $(seq "$tabs"))
    xdotool key ctrl+a BackSpace
    xdotool type --delay 15 "$value"
    sleep 0.7
    import -window "$dlg" "$work/$name-typed.png"
    xdotool key Return   # OK
    ;;
  *) xdotool key Escape ;;   # Cancel
  esac
  wait_status 60 done || fail "the macro did not finish"
  for _ in $(seq 120); do kill -0 "$office_pid" 2>/dev/null || break; sleep 0.25; done
  stop_office
  sed -n '/^closed/,$p' "$run/status" >&2
  case $name in
  en | locked-en)
    grep -qx "$field=$value" "$run/status" || fail "the configuration does not hold $field=$value after OK"
    [[ $(saved "$field") == "$value" ]] || fail "registrymodifications.xcu does not hold $field=$value"
    # Only the changed key: unchanged values must not be pinned in the user's layer.
    written=$(grep -o '/id.bsresign.Settings/[A-Za-z]*"><prop oor:name="[A-Za-z0-9]*"' \
      "$run/profile/user/registrymodifications.xcu" | sed 's/"><prop oor:name="/\//; s/"$//' | sort -u | tr '\n' ' ')
    [[ $written == "/id.bsresign.Settings/Signing/$field " ]] || fail "OK wrote other keys than $field: $written"
    log "$name: saved $field=$value (configuration and registrymodifications.xcu), nothing else"
    if [[ $name == locked-en ]]; then
      grep -qx "DefaultReason=Persetujuan" "$run/status" || fail "the locked DefaultReason changed"
      [[ -z $(saved DefaultReason) ]] || fail "a locked key was written to registrymodifications.xcu"
    fi
    ;;
  esac
done

[[ $(system_state) == "$system_before" ]] || die "the machine's shared extension folders changed"
log "the machine's shared extension folders are unchanged"
