#!/bin/sh
# End-to-end: the window's small things, with real input under a virtual X
# server.  A saved project changed by another program shows a banner whose
# Reload button (clicked) reads it again; the same after a tag, through the
# save-time question's Reload; a deleted file is said, and the banner's Save
# writes it back; the shortcuts window (Ctrl+?) fits an 800 × 600 screen;
# narrowing a window of three reports keeps the one with the caret shown.
#
#   e2e-window.sh PATH/TO/collate
#
# Needs Xvfb, xdotool and python3 (exit 77, "skipped", without them).  The
# pointer positions are for the default 1200×760 window (as in e2e.sh).
set -eu

COLLATE=${1:?usage: e2e-window.sh PATH/TO/collate}
SAMPLES=${COLLATE_SAMPLES_DIR:-$(dirname "$0")/../samples}
E2E_NAME=e2e-window

. "$(dirname "$0")/e2e-lib.sh"

OUT="$WORK/watched.collate.json"
shot () {
  if [ -n "${E2E_SHOTS:-}" ] && command -v import >/dev/null 2>&1; then
    import -window root "$E2E_SHOTS/e2e-window-$1.png" || true
  fi
}

# Another program's edit: a new title, and the file written in place
retitle () {
  python3 - "$OUT" "$1" <<'PY'
import json, sys
path, title = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    project = json.load(f)
project["title"] = title
with open(path, "w", encoding="utf-8") as f:
    json.dump(project, f, ensure_ascii=False, indent=2)
PY
}

# ── 1. A new project from the two reports, saved ──
WINDOW_TITLE="Trump to Russia"
start_collate --save-to "$OUT" "$SAMPLES/witkoff-putin-report-1.txt" \
              "$SAMPLES/witkoff-putin-report-2.txt"
# Something to save: double-click "Putin" (report 2), press 2 (Person)
xdotool mousemove 707 692 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 2 sleep 0.5
save_and_wait "$OUT"

# ── 2. Changed by another program: the banner comes by itself; a click on
# its Reload shows the other version ──
sleep 1.1
retitle "Changed elsewhere"
sleep 2
shot changed
xdotool mousemove 1097 76 sleep 0.2 click 1
wait_for_window "Changed elsewhere" >/dev/null || fail "Reload did not show the changed file"
sleep 0.5
TITLE=$(xdotool getwindowname "$(wait_for_window 'Changed elsewhere')")
case "$TITLE" in
  •*) fail "the reloaded project is marked unsaved: $TITLE" ;;
esac

# ── 3. Changed again while a tag is unsaved: Ctrl+S asks, and its Reload
# (Alt+R, the button's mnemonic) drops the tag for the other version ──
xdotool mousemove 707 692 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 3 sleep 0.5
sleep 1.1
retitle "Changed twice"
xdotool key ctrl+s
sleep 1.5
shot conflict
xdotool key alt+r
wait_for_window "Changed twice" >/dev/null || fail "the save-time question's Reload did not show the changed file"
sleep 0.5
python3 - "$OUT" <<'PY' || fail "the file is not the other program's version"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    project = json.load(f)
labels = sorted(a["label"] for a in project["annotations"])
if project["title"] != "Changed twice" or labels != ["Person"]:
    print("e2e: title %r, spans %r" % (project["title"], labels), file=sys.stderr)
    sys.exit(1)
PY
TITLE=$(xdotool getwindowname "$(wait_for_window 'Changed twice')")
case "$TITLE" in
  •*) fail "the reloaded project is marked unsaved: $TITLE" ;;
esac

# ── 4. Deleted: the banner says so; its Save writes the project back ──
rm "$OUT"
sleep 1.5
shot deleted
xdotool mousemove 1097 76 sleep 0.2 click 1
i=0
while [ ! -s "$OUT" ]; do
  i=$((i + 1))
  [ $i -lt 50 ] || fail "the banner's Save did not write the deleted file back"
  sleep 0.2
done

# ── 5. Renamed: the banner's Use the New Name, then Ctrl+S saves there ──
MOVED="$WORK/renamed.collate.json"
sleep 1
mv "$OUT" "$MOVED"
sleep 1.5
shot renamed
xdotool mousemove 1060 76 sleep 0.2 click 1
sleep 0.5
xdotool mousemove 707 692 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 4 sleep 0.5
save_and_wait "$MOVED"
[ ! -e "$OUT" ] || fail "Ctrl+S wrote the old name again after Use the New Name"
grep -q '"label" *: *"Location"' "$MOVED" || fail "the save under the new name lacks the new span"

# ── 6. The shortcuts window fits 800 × 600 ──
MAIN=$(wait_for_window "Changed twice")
xdotool key ctrl+question
sleep 1.5
shot shortcuts
# the other window of collate's that is more than a popup
SHORTCUTS=
for wid in $(xdotool search --onlyvisible --pid "$APP_PID" 2>/dev/null); do
  [ "$wid" != "$MAIN" ] || continue
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  if [ "$WIDTH" -gt 200 ] && [ "$HEIGHT" -gt 200 ]; then
    SHORTCUTS=$wid
    break
  fi
done
[ -n "$SHORTCUTS" ] || fail "Ctrl+? showed no shortcuts window"
[ "$WIDTH" -le 800 ] && [ "$HEIGHT" -le 600 ] ||
  fail "the shortcuts window is ${WIDTH}×${HEIGHT}, more than 800×600"
echo "e2e-window: the shortcuts window is ${WIDTH}×${HEIGHT}"
xdotool key Escape
sleep 0.5

quit_collate

# ── 7. Three reports, narrowed: the one with the caret stays shown ──
# A click in the first report, then the window 683 px wide: two panes fit,
# and the first report is still the left one (a word double-clicked there
# and tagged is saved in it); a click in the third and narrowing again
# hides the second, so the third is the right one.
NARROW="$WORK/narrow.collate.json"
start_collate --save-to "$NARROW" "$SAMPLES/witkoff-putin-report-1.txt" \
              "$SAMPLES/witkoff-putin-report-2.txt" "$(dirname "$0")/data/report-de.txt"
MAIN=$(wait_for_window "$WINDOW_TITLE")
xdotool mousemove 120 320 sleep 0.2 click 1 sleep 0.5
xdotool windowsize "$MAIN" 683 760
sleep 1.5
shot narrow-first
# "Ukraine", second line of the left pane's second paragraph
xdotool mousemove 51 291 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 4 sleep 0.5
xdotool windowsize "$MAIN" 1200 760
sleep 1.5
shot wide-again
# "Steve", first paragraph of the third report
xdotool mousemove 690 133 sleep 0.2 click 1 sleep 0.5
xdotool windowsize "$MAIN" 683 760
sleep 1.5
shot narrow-third
# "Witkoff", second line of the right pane (the third report)
xdotool mousemove 420 167 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 2 sleep 0.5
save_and_wait "$NARROW"
python3 - "$NARROW" <<'PY' || fail "narrowing hid the report with the caret"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    project = json.load(f)
titles = {d["id"]: d["title"] for d in project["documents"]}
spans = sorted((a["label"], titles[a["document"]][:12]) for a in project["annotations"])
print("e2e-window: narrowed, tagged %r" % spans)
if spans != [("Location", "Trump to Rus"), ("Person", "Der US-Sonde")]:
    sys.exit(1)
PY
quit_collate
check_log
echo "e2e-window: ok"
