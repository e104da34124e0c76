# e2e-lib.sh — what the end-to-end scripts share: a private Xvfb display and
# environment, a work folder removed at exit, failing with collate's output
# (and a screenshot when E2E_SHOTS names a folder), finding the window,
# dragging as a hand would, saving and waiting for the file.
#
# Source it after setting COLLATE; it sets WORK, DISPLAY and HOME.
# Needs Xvfb, xdotool and python3 (exit 77, "skipped", without them).

for tool in Xvfb xdotool python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "e2e: $tool is not installed; skipping" >&2
    exit 77
  fi
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/collate-e2e-XXXXXX")
XVFB_PID=
APP_PID=

cleanup () {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT HUP INT PIPE TERM

fail () {
  echo "e2e: FAIL: $*" >&2
  if [ -f "$WORK/collate.log" ]; then
    echo "--- collate's output:" >&2
    cat "$WORK/collate.log" >&2
  fi
  if [ -n "${E2E_SHOTS:-}" ] && [ -n "${DISPLAY:-}" ] && command -v import >/dev/null 2>&1; then
    import -window root "$E2E_SHOTS/${E2E_NAME:-e2e}-failure.png" 2>/dev/null || true
  fi
  exit 1
}

# ── A display of our own (Xvfb picks a free number and tells us) ──
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp -noreset 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
i=0
while [ ! -s "$WORK/display" ]; do
  i=$((i + 1))
  [ $i -lt 100 ] || fail "Xvfb did not start"
  sleep 0.1
done
export DISPLAY=":$(cat "$WORK/display")"
# Wait until the server answers, not just until its socket exists
i=0
until xdotool getdisplaygeometry >/dev/null 2>&1; do
  i=$((i + 1))
  [ $i -lt 100 ] || fail "Xvfb did not start"
  sleep 0.1
done

# ── A clean, private environment ──
export HOME="$WORK/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
export XDG_STATE_HOME="$HOME/.local/state" XDG_CACHE_HOME="$HOME/.cache"
export GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 GSK_RENDERER=cairo
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset DBUS_SESSION_BUS_ADDRESS || true
mkdir -p "$HOME"


wait_for_window () {
  # Prints the id of the first visible window whose title matches $1
  i=0
  while :; do
    wid=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1 || true)
    if [ -n "$wid" ]; then
      echo "$wid"
      return 0
    fi
    i=$((i + 1))
    [ $i -lt 150 ] || return 1
    sleep 0.2
  done
}

drag () {
  # drag X1 Y1 X2 Y2: press, move in steps as a hand would, release
  xdotool mousemove "$1" "$2" sleep 0.2 mousedown 1 sleep 0.2 \
          mousemove $(( ($1 + $3) / 2 )) $(( ($2 + $4) / 2 )) sleep 0.1 \
          mousemove "$3" "$4" sleep 0.2 mouseup 1 sleep 0.3
}

start_collate () {
  # start_collate ARGS…: starts collate, waits for a window (title $WINDOW_TITLE)
  "$COLLATE" "$@" >>"$WORK/collate.log" 2>&1 &
  APP_PID=$!
  wait_for_window "$WINDOW_TITLE" >/dev/null || fail "no window showed the project"
  sleep 1.5
}

save_and_wait () {
  # save_and_wait FILE: Ctrl+S, then wait until FILE is written anew
  before=$(stat -c %Y.%s "$1" 2>/dev/null || echo none)
  xdotool key ctrl+s
  i=0
  while [ ! -s "$1" ] || [ "$(stat -c %Y.%s "$1" 2>/dev/null)" = "$before" ]; do
    i=$((i + 1))
    [ $i -lt 100 ] || fail "Ctrl+S wrote nothing to $1"
    sleep 0.2
  done
  sleep 0.5
}

quit_collate () {
  xdotool key ctrl+q
  i=0
  while kill -0 "$APP_PID" 2>/dev/null; do
    i=$((i + 1))
    [ $i -lt 50 ] || fail "Ctrl+Q did not quit"
    sleep 0.2
  done
  wait "$APP_PID" || fail "collate exited with an error"
  APP_PID=
}

check_log () {
  if grep -E "CRITICAL|WARNING" "$WORK/collate.log" >/dev/null; then
    echo "--- collate complained:" >&2
    cat "$WORK/collate.log" >&2
    fail "collate logged warnings or criticals"
  fi
}
