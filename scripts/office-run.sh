#!/usr/bin/env bash
# Runs a LibreOffice Basic macro in a throw-away profile with the built .oxt
# installed by unopkg and a certificate database set as LibreOffice's
# Certificate Path. As root, unopkg and soffice run as the system user
# "bsretest" (unopkg refuses root without --shared, which would touch the
# system installation).
#   office-run.sh OXT NSSDB WORKDIR MODULE.bas MACRO [VAR=VALUE...]
# The macro reads its inputs with Environ() and writes its results to files.
# OXT "-" installs nothing (the extension is already there, e.g. bundled);
# BSRE_LO_PROGRAM names the office's program folder (default: soffice on PATH);
# BSRE_OFFICE_ARGS adds arguments to soffice (e.g. -env:BUNDLED_EXTENSIONS=...).
set -euo pipefail
oxt=$1 nssdb=$2 work=$3 bas=$4 macro=$5
shift 5
user=bsretest
mkdir -p "$work"
work=$(cd "$work" && pwd -P)
prof="$work/profile"
rm -rf "$prof" "$work/home" "$work/nssdb"
mkdir -p "$prof/user/basic/Standard" "$work/home" "$work/tmp"
cp -r "$nssdb" "$work/nssdb"
[[ $oxt == - ]] || cp "$oxt" "$work/bsre-sign.oxt"

{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
  echo "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\"><prop oor:name=\"CertDir\" oor:op=\"fuse\"><value>$work/nssdb</value></prop></item>"
  echo '<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>'
  echo '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>'
  echo '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse"><value>false</value></prop></item>'
  echo '<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>0</value></prop></item>'
  [[ -n "${BSRE_UI_LOCALE:-}" ]] && echo "<item oor:path=\"/org.openoffice.Office.Linguistic/General\"><prop oor:name=\"UILocale\" oor:op=\"fuse\"><value>$BSRE_UI_LOCALE</value></prop></item>"
  echo '</oor:items>'
} > "$prof/user/registrymodifications.xcu"

cat > "$prof/user/basic/script.xlc" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/script.xlb/" xlink:type="simple" library:link="false"/>
</library:libraries>
XML
cp "$prof/user/basic/script.xlc" "$prof/user/basic/dialog.xlc"
sed -i 's/script.xlb/dialog.xlb/' "$prof/user/basic/dialog.xlc"
cat > "$prof/user/basic/Standard/script.xlb" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
XML
cat > "$prof/user/basic/Standard/dialog.xlb" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false"/>
XML
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">'
  echo '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">'
  sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' "$bas"
  echo '</script:module>'
} > "$prof/user/basic/Standard/Module1.xba"

as_user=()
if [[ $(id -u) -eq 0 ]]; then
  id "$user" >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/$user $user
  chown -R "$user:" "$work"
  as_user=(runuser -u "$user" --)
fi
envs=(HOME="$work/home" TMPDIR="$work/tmp" LANG=C.UTF-8 "$@")
prog=${BSRE_LO_PROGRAM:+$BSRE_LO_PROGRAM/}
if [[ $oxt != - ]]; then
  "${as_user[@]}" env "${envs[@]}" "${prog}unopkg" add -s "-env:UserInstallation=file://$prof" "$work/bsre-sign.oxt" >"$work/unopkg.log" 2>&1 ||
    { cat "$work/unopkg.log" >&2; exit 1; }
fi
# shellcheck disable=SC2086 # BSRE_OFFICE_ENV and BSRE_OFFICE_ARGS are word lists
"${as_user[@]}" env "${envs[@]}" ${BSRE_OFFICE_ENV:-} timeout -k 10 ${BSRE_OFFICE_TIMEOUT:-180} "${prog}soffice" ${BSRE_OFFICE_MODE:---headless} --norestore --nologo \
  "-env:UserInstallation=file://$prof" ${BSRE_OFFICE_ARGS:-} "macro:///Standard.Module1.$macro" >"$work/soffice.log" 2>&1 || true
