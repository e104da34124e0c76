#!/bin/sh
# End-to-end: comparing the two sample reports in the real window, driven
# with xdotool as a person would.
#
#  - the Compare page lists suggestions; clicking the first and pressing
#    Alt+A accepts it: the saved project has its two spans (quotes equal to
#    the suggestion's), a link between them and an "accepted" review;
#  - clicking the next and pressing Alt+R rejects it: a "rejected" review,
#    no span or link for it; Ctrl+Z takes the rejection back;
#  - with "Scroll the reports together" on, turning the mouse wheel over
#    the left report scrolls the right one too; with it off, it does not
#    (checked on screenshots of the right report).
#
#   e2e-compare.sh PATH/TO/collate
set -eu

COLLATE=${1:?usage: e2e-compare.sh PATH/TO/collate}
SAMPLES=${COLLATE_SAMPLES_DIR:-$(dirname "$0")/../samples}
E2E_NAME=e2e-compare

. "$(dirname "$0")/e2e-lib.sh"

command -v compare >/dev/null 2>&1 || { echo "e2e-compare: ImageMagick is not installed; skipping" >&2; exit 77; }

OUT="$WORK/compare.collate.json"
WINDOW_TITLE="Trump to Russia"
start_collate --save-to "$OUT" "$SAMPLES/witkoff-putin-report-1.txt" "$SAMPLES/witkoff-putin-report-2.txt"

# The Compare page (the middle tab above the sidebar); the comparison takes a moment
xdotool mousemove 1040 74 sleep 0.2 click 1 sleep 2.5

reviews () {
  # reviews FILE: checks the saved project against its reviews and prints
  # "decision kind" for each, in order
  python3 - "$1" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    p = json.load(f)
docs = {d["id"]: d["text"] for d in p["documents"]}
spans = {a["id"]: a for a in p["annotations"]}
for a in spans.values():
    assert docs[a["document"]][a["start"]:a["end"]] == a["text"], a
for r in p.get("reviews", []):
    sides = r["sides"]
    found = [[a for a in spans.values()
              if a["document"] == s["document"] and a["start"] == s["start"] and a["end"] == s["end"]]
             for s in sides]
    if r["decision"] == "accepted":
        if not all(found):
            sys.exit("an accepted suggestion has no span at %r" % [s["text"] for s in sides])
        ids = {a["id"] for a in found[0]}, {a["id"] for a in found[1]}
        if not any((l["from"] in ids[0] and l["to"] in ids[1]) or (l["from"] in ids[1] and l["to"] in ids[0])
                   for l in p["links"]):
            sys.exit("an accepted suggestion has no link between its spans")
    elif any(found):
        sys.exit("a rejected suggestion became a span: %r" % [s["text"] for s in sides])
    print(r["decision"], r["kind"])
PY
}

# The first suggestion, accepted with Alt+A
xdotool mousemove 1010 205 sleep 0.2 click 1 sleep 0.6 key alt+a sleep 1
save_and_wait "$OUT"
got=$(reviews "$OUT") || fail "the accepted suggestion is not in the project: $got"
[ "$(printf '%s\n' "$got" | cut -d' ' -f1 | tr '\n' ' ')" = "accepted " ] || fail "expected one accepted review, got: $got"
[ "$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print(len(p["annotations"]), len(p["links"]))' "$OUT")" = "2 1" ] \
  || fail "accepting made other than two spans and a link"

# The one selected next, rejected with Alt+R
xdotool key alt+r sleep 1
save_and_wait "$OUT"
got=$(reviews "$OUT") || fail "the rejection is wrong: $got"
[ "$(printf '%s\n' "$got" | cut -d' ' -f1 | tr '\n' ' ')" = "accepted rejected " ] || fail "expected accepted then rejected, got: $got"

# Ctrl+Z takes the rejection back (the focus is in the list)
xdotool key ctrl+z sleep 0.6
save_and_wait "$OUT"
got=$(reviews "$OUT") || fail "undo left the project wrong: $got"
[ "$(printf '%s\n' "$got" | cut -d' ' -f1 | tr '\n' ' ')" = "accepted " ] || fail "Ctrl+Z did not take the rejection back: $got"

# Synchronised scrolling: the wheel over the left report moves the right one
# (inside the text, clear of the link ends drawn at its left edge)
right_pane () { import -window root -crop 330x600+490+90 +repage "$WORK/$1.png"; }
changed () { [ "$(compare -metric AE "$WORK/$1.png" "$WORK/$2.png" null: 2>&1 || true)" != "0" ]; }
# settled NAME: the right report's picture once it stops changing (a
# comparison refreshed after an edit redraws its marks a moment later)
settled () {
  right_pane "$1"
  i=0
  while :; do
    sleep 0.5
    right_pane "$1.next"
    changed "$1" "$1.next" || return 0
    mv "$WORK/$1.next.png" "$WORK/$1.png"
    i=$((i + 1))
    [ $i -lt 20 ] || fail "the right report never stopped changing"
  done
}
xdotool mousemove 200 400 sleep 0.2 click 1 sleep 0.3 key ctrl+Home sleep 0.8
settled before
xdotool click --repeat 6 --delay 60 5 sleep 1
right_pane after
changed before after || fail "scrolling the left report did not scroll the right one"

# …and with the check box off it does not
xdotool mousemove 1100 115 sleep 0.2 click 1 sleep 0.3
xdotool mousemove 200 400 sleep 0.3
sleep 1.5
settled before_off
xdotool click --repeat 6 --delay 60 5 sleep 1
right_pane after_off
changed before_off after_off && fail "with scrolling together off the right report still moved"

[ -n "${E2E_SHOTS:-}" ] && import -window root "$E2E_SHOTS/e2e-compare.png" 2>/dev/null || true
quit_collate
check_log
echo "e2e-compare: ok"
