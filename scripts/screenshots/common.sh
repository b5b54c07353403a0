# Shared by scripts/screenshots.sh and scripts/screenshots/options.sh (sourced):
# stopping LibreOffice with its children, cleaning up, a private Xvfb.
# Expects: log(), die(), $work; uses $office_pid and $xvfb_pid.
xvfb_pid= office_pid=
descendants() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do descendants "$c"; echo "$c"; done; }
stop_office() {
  [[ -n $office_pid ]] || return 0
  local pids
  pids=$(descendants "$office_pid"; echo "$office_pid")
  kill $pids 2>/dev/null || true
  for _ in $(seq 20); do kill -0 $pids 2>/dev/null || break; sleep 0.25; done
  kill -9 $pids 2>/dev/null || true
  wait "$office_pid" 2>/dev/null || true
  office_pid=
}
cleanup() {
  stop_office
  if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; fi
  if [[ ${BSRE_SHOTS_KEEP:-0} == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
}
# An Xvfb on the first free display from :99, 1280x900; exports DISPLAY.
start_xvfb() {
  local n
  for n in $(seq 99 140); do
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
    Xvfb ":$n" -screen 0 1280x900x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 40); do
      DISPLAY=:$n xdotool getdisplaygeometry >/dev/null 2>&1 && break 2
      kill -0 "$xvfb_pid" 2>/dev/null || break
      sleep 0.25
    done
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=
  done
  [[ -n $xvfb_pid ]] || die "could not start Xvfb"
  export DISPLAY=:$n
  log "Xvfb on $DISPLAY"
}
park_pointer() { xdotool mousemove 1279 899; }
