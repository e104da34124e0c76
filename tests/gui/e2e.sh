#!/bin/sh
# End-to-end: start the real collate under a virtual X server on a new
# project made from the two sample reports, work it with xdotool like a
# person (mouse drags, double-clicks, a keyboard selection, label hotkeys,
# Ctrl+Z and Ctrl+Shift+Z, Ctrl+click to link), save with Ctrl+S, check the
# saved JSON, then reopen the file.
#
#   e2e.sh PATH/TO/collate
#
# Needs Xvfb, xdotool and python3 (exit 77, "skipped", without them).
# The pointer positions below are for the default 1200×760 window at the
# default text size (11 pt) with the default fonts of Debian 12; the
# checks on the saved file say what each gesture should have produced.
set -eu

COLLATE=${1:?usage: e2e.sh PATH/TO/collate}
SAMPLES=${COLLATE_SAMPLES_DIR:-$(dirname "$0")/../samples}

. "$(dirname "$0")/e2e-lib.sh"

OUT="$WORK/meeting.collate.json"

# ── 1. A new project from the two reports; Save writes $OUT ──
"$COLLATE" --save-to "$OUT" "$SAMPLES/witkoff-putin-report-1.txt" \
           "$SAMPLES/witkoff-putin-report-2.txt" >"$WORK/collate.log" 2>&1 &
APP_PID=$!
# The title names the project once the reports are shown
wait_for_window "Trump to Russia" >/dev/null || fail "no window showed the project"
sleep 1.5

# Drag over "four-and-a-half-hour meeting" (report 1, over a line break), press 6 (Quantity)
drag 311 600 163 630
xdotool key 6 sleep 0.5
# Drag over "over four hours" (report 2, over a line break), press 6 (Quantity)
drag 760 692 511 723
xdotool key 6 sleep 0.5
# Double-click "Putin" (report 2), press 2 (Person)
xdotool mousemove 707 692 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 2 sleep 0.5
# A keyboard selection: click before "Vladimir", Shift+Ctrl+Right twice, press 2 (Person)
xdotool mousemove 98 257 sleep 0.2 click 1 sleep 0.3 key shift+ctrl+Right shift+ctrl+Right sleep 0.3 key 2 sleep 0.5
# A mistake undone: double-click "Witkoff" (title of report 1), press 1 (Claim), Ctrl+Z
xdotool mousemove 45 134 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 1 sleep 0.4 key ctrl+z sleep 0.4
# Undo and redo: tag it as a Person (2), Ctrl+Z, Ctrl+Shift+Z
xdotool mousemove 45 134 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 2 sleep 0.4 \
        key ctrl+z sleep 0.4 key ctrl+shift+z sleep 0.4
# Click the first span to select it, Ctrl+click the second: a Contradicts link
xdotool mousemove 60 630 sleep 0.2 click 1 sleep 0.5
xdotool mousemove 800 692 sleep 0.2 keydown ctrl sleep 0.1 click 1 sleep 0.1 keyup ctrl sleep 0.5
# Save
xdotool key ctrl+s

i=0
while [ ! -s "$OUT" ]; do
  i=$((i + 1))
  [ $i -lt 100 ] || fail "Ctrl+S wrote nothing to $OUT"
  sleep 0.2
done
sleep 0.5
if [ -n "${E2E_SHOTS:-}" ] && command -v import >/dev/null 2>&1; then
  import -window root "$E2E_SHOTS/e2e-saved.png" || true
fi

# ── 2. The saved JSON ──
python3 - "$OUT" <<'PY' || fail "the saved project is not what was done"
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    project = json.load(f)

def check(cond, message):
    if not cond:
        print("e2e: " + message, file=sys.stderr)
        sys.exit(1)

check(project.get("format") == "collate-project", "format is not collate-project")
docs = {d["id"]: d for d in project["documents"]}
check(len(project["documents"]) == 2, "expected two documents")
d1, d2 = (d["id"] for d in project["documents"])
spans = project["annotations"]
for a in spans:
    text = docs[a["document"]]["text"]
    check(text[a["start"]:a["end"]] == a["text"],
          "quote %r does not match the text at its offsets" % a["text"])
    print("span %s in %s [%d, %d) %s: %r" % (a["id"], a["document"], a["start"], a["end"],
                                             a["label"], a["text"]))

def find(doc, label, words):
    for a in spans:
        if a["document"] == doc and a["label"] == label and words in a["text"]:
            return a
    return None

length_1 = find(d1, "Quantity", "half-hour")
length_2 = find(d2, "Quantity", "four")
putin = find(d2, "Person", "Putin")
check(length_1 is not None, "no Quantity span over the drag in report 1")
check(length_2 is not None, "no Quantity span over the drag in report 2")
check(putin is not None and putin["text"] == "Putin", "no Person span on the double-clicked word")
check("four-and-a-half-hour meeting" in length_1["text"], "drag 1 missed the phrase: %r" % length_1["text"])
check(any(a["document"] == d1 and a["label"] == "Person" and a["text"] == "Vladimir Putin" for a in spans),
      "the keyboard selection was not tagged as a Person")
witkoff = [a for a in spans if a["document"] == d1 and a["text"] == "Witkoff"]
check(len(witkoff) == 1 and witkoff[0]["label"] == "Person",
      "undo/redo: expected one Person span on \"Witkoff\", found %r" % [(a["label"], a["text"]) for a in witkoff])
check("four hours" in length_2["text"], "drag 2 missed the phrase: %r" % length_2["text"])

links = project["links"]
check(len(links) == 1, "expected one link, found %d" % len(links))
link = links[0]
check(link["label"] == "Contradicts", "the link is %r, not Contradicts" % link["label"])
check({link["from"], link["to"]} == {length_1["id"], length_2["id"]},
      "the link does not join the two accounts of the meeting's length")
print("link %s: %s → %s (%s)" % (link["id"], link["from"], link["to"], link["label"]))
PY

# ── 3. Quit (nothing unsaved: no question), then reopen the file ──
quit_collate

"$COLLATE" "$OUT" >>"$WORK/collate.log" 2>&1 &
APP_PID=$!
wait_for_window "Trump to Russia" >/dev/null || fail "the saved project did not reopen"
sleep 1
if [ -n "${E2E_SHOTS:-}" ] && command -v import >/dev/null 2>&1; then
  import -window root "$E2E_SHOTS/e2e-reopened.png" || true
fi
# Reopened unmodified: the title has no unsaved mark, Ctrl+Q quits at once
TITLE=$(xdotool getwindowname "$(wait_for_window 'Trump to Russia')")
case "$TITLE" in
  •*) fail "the reopened project is marked unsaved: $TITLE" ;;
esac
quit_collate

check_log
echo "e2e: ok"
