#!/bin/sh
# Accessibility: the real window with its accessibility tree on (no
# GTK_A11Y=none), on a private D-Bus session with the AT-SPI bus and
# registry (at-spi2-core), read through AT-SPI as a screen reader reads it
# (a11y-tree.py):
#
#  1. names and roles: each report a group "Report “TITLE”" holding a text
#     named by its title; the palette's buttons "LABEL, key N"; the sidebar
#     a group, its count buttons "LABEL, N spans", its search, filters and
#     the lists "Spans" and "Links" with a named row per span; no button
#     left with only its class for a name;
#  2. the span at the caret, announced through the text's description as
#     real keys move the caret: Ctrl+Home onto the first span, Ctrl+End off
#     every span, then a new span tagged with the keyboard (Shift+Ctrl+Left,
#     1) read out at once and found in the saved project;
#  3. the dialogs: Export Dataset (Ctrl+E), Preferences (Ctrl+,) and Import
#     Dataset (F10, I) are named windows whose controls all have names;
#     Export a Report (Ctrl+Shift+E, GTK's own file chooser) and Keyboard
#     Shortcuts (Ctrl+?, GTK's shortcuts window) named windows (their
#     insides are GTK's).
#
#   a11y.sh PATH/TO/collate
#
# Needs Xvfb, xdotool, dbus-run-session, at-spi2-core and Atspi's
# introspection data for python3 (Debian: gir1.2-atspi-2.0); exits 77,
# "skipped", saying which is missing.
set -eu

COLLATE=${1:?usage: a11y.sh PATH/TO/collate}
HERE=$(dirname "$0")
# Debian's python3, which has GObject introspection (gi), not another one
PYTHON=/usr/bin/python3

if ! command -v dbus-run-session >/dev/null 2>&1; then
  echo "a11y: dbus-run-session is not installed (Debian: dbus); skipping" >&2
  exit 77
fi
if [ ! -x /usr/libexec/at-spi-bus-launcher ] && [ ! -x /usr/lib/at-spi2-core/at-spi-bus-launcher ]; then
  echo "a11y: at-spi2-core is not installed (scripts/install-deps installs it); skipping" >&2
  exit 77
fi
if ! "$PYTHON" -c 'import gi; gi.require_version("Atspi", "2.0"); from gi.repository import Atspi' 2>/dev/null; then
  echo "a11y: python3 cannot read AT-SPI (Debian: gir1.2-atspi-2.0, scripts/install-deps installs it); skipping" >&2
  exit 77
fi

# A session bus of our own, on which GTK finds the accessibility bus
if [ -z "${COLLATE_A11Y_BUS:-}" ]; then
  COLLATE_A11Y_BUS=1 exec dbus-run-session -- "$0" "$@"
fi

bus=$DBUS_SESSION_BUS_ADDRESS
. "$HERE/e2e-lib.sh"
# e2e-lib.sh turns accessibility off and the bus away: on again, here
export DBUS_SESSION_BUS_ADDRESS="$bus"
unset GTK_A11Y NO_AT_BRIDGE

PROJECT="$WORK/talks.collate.json"
cp "$HERE/../fixtures/sample.collate.json" "$PROJECT"
WINDOW_TITLE="Witkoff in St. Petersburg"
start_collate "$PROJECT"

a11y () {
  "$PYTHON" "$HERE/a11y-tree.py" "$@" || fail "accessibility: $*"
}

# ── 1. Names and roles ──
a11y tree "$PROJECT"

# ── 2. The span at the caret ──
# A click in the first report's text (its pane is the left half), then the keys
wid=$(wait_for_window "$WINDOW_TITLE") || fail "the window is gone"
eval "$(xdotool getwindowgeometry --shell "$wid")"
xdotool mousemove $((X + 200)) $((Y + 450)) sleep 0.2 click 1 sleep 0.3
xdotool key ctrl+Home
a11y caret "Claim: “Trump to Russia”"
xdotool key ctrl+End
a11y caret-prefix "No span here"
xdotool key shift+ctrl+Left sleep 0.3 key 1 sleep 0.5
a11y caret "Claim: “Reply”"
save_and_wait "$PROJECT"
python3 - "$PROJECT" <<'PY' || fail "the span tagged from the keyboard is not in the saved project"
import json, sys
project = json.load(open(sys.argv[1], encoding="utf-8"))
text = project["documents"][0]["text"]
new = [a for a in project["annotations"] if a["label"] == "Claim" and text[a["start"]:a["end"]] == "Reply"]
sys.exit(0 if len(new) == 1 and new[0]["end"] == len(text) else 1)
PY

# ── 3. Dialogs ──
xdotool key ctrl+e
a11y dialog "Export Dataset"
xdotool key Escape sleep 0.5
xdotool key ctrl+shift+e
a11y window "Export a Report"
xdotool key Escape sleep 0.5
xdotool key ctrl+comma
a11y dialog "Preferences"
xdotool key Escape sleep 0.5
# the main menu (F10), then its item _Import a Dataset…
xdotool key F10 sleep 0.8 key i
a11y dialog "Import Dataset"
xdotool key Escape sleep 0.5
xdotool key ctrl+question
a11y window "Keyboard Shortcuts"
xdotool key Escape sleep 0.5

quit_collate
check_log
echo "a11y: ok"
