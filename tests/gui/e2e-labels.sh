#!/bin/sh
# End-to-end: the label set is the researcher's own.  Starts the real
# collate on its own Xvfb with the sample reports and works it with xdotool
# as a person would:
#
#  1. opens the label editor from the main menu (Labels…), renames Person
#     to "Human" (Enter), adds a label "Event" with the key 7 (Add Label,
#     typing, Tab), closes the editor (Escape);
#  2. tags "Russia" with the new label's key 7 and "Donald Trump" with 2
#     (the renamed label); tags "Kremlin" through the picker: Ctrl+T, typing
#     "eve", Enter;
#  3. undoes, one Ctrl+Z at a time, the tags, the key, the new label's
#     name, the new label and the rename;
#  4. gives the link label "Same entity" the key s in the editor's Link
#     Labels page, tags "Russia" (1) and "Donald Trump" (2), links them
#     (a click, then a Ctrl+click), presses s (Same entity), then 1 (the
#     first link label, which has no key of its own), then undoes the 1;
#     links "Russia" to "Donald" in the other report through the Ctrl+L
#     picker, choosing Corroborates with Alt+2, then Same entity with Alt+s.
#
# After each step Ctrl+S saves and the saved JSON is checked: the schema's
# labels and keys, and every span's label.
#
#   e2e-labels.sh PATH/TO/collate
#
# The pointer positions are for the default 1200×760 window at the default
# text size (11 pt) with Debian 12's default fonts.
set -eu

COLLATE=${1:?usage: e2e-labels.sh PATH/TO/collate}
SAMPLES=${COLLATE_SAMPLES_DIR:-$(dirname "$0")/../samples}
E2E_NAME=e2e-labels

. "$(dirname "$0")/e2e-lib.sh"

summary () {
  # summary FILE: "span labels | link labels | spans (label:text, file order)"
  python3 - "$1" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    p = json.load(f)
docs = {d["id"]: d["text"] for d in p["documents"]}
names = {l["name"] for l in p["schema"]["span_labels"]}
for a in p["annotations"]:
    assert docs[a["document"]][a["start"]:a["end"]] == a["text"], a
    assert a["label"] in names, a
spans = ",".join(l["name"] + (":" + l["hotkey"] if "hotkey" in l else "")
                 for l in p["schema"]["span_labels"])
links = ",".join(l["name"] + (":" + l["hotkey"] if "hotkey" in l else "")
                 for l in p["schema"]["link_labels"])
tags = ",".join("%s:%s" % (a["label"], a["text"]) for a in p["annotations"])
texts = {a["id"]: a["text"] for a in p["annotations"]}
linked = ",".join("%s:%s>%s" % (l["label"], texts[l["from"]], texts[l["to"]]) for l in p["links"])
print("%s | %s | %s" % (spans, links, tags) + (" | " + linked if linked else ""))
PY
}

expect () {
  got=$(summary "$1")
  [ "$got" = "$2" ] || fail "$(printf 'saved project differs\n--- expected:\n%s\n--- saved:\n%s' "$2" "$got")"
}

DEFAULT_LINKS="Contradicts,Corroborates,Same entity"
OUT="$WORK/labels.collate.json"
WINDOW_TITLE="Trump to Russia"
start_collate --save-to "$OUT" "$SAMPLES/witkoff-putin-report-1.txt" "$SAMPLES/witkoff-putin-report-2.txt"

# ── 1. The label editor ──
xdotool mousemove 1044 27 sleep 0.2 click 1 sleep 0.8
xdotool mousemove 912 342 sleep 0.2 click 1
wait_for_window "^Labels$" >/dev/null || fail "Labels… opened no label editor"
sleep 1
# Person's name: select it all, type the new one, Enter
xdotool mousemove 160 131 sleep 0.2 click 1 sleep 0.2 key ctrl+a sleep 0.1 type --delay 40 "Human"
xdotool key Return sleep 0.8
# Add Label puts the focus in the new label's name, selected
xdotool mousemove 58 492 sleep 0.2 click 1 sleep 0.8
xdotool type --delay 40 "Event"
xdotool key Tab sleep 0.6
xdotool type --delay 40 "7"
xdotool key Tab sleep 0.6
xdotool key Escape sleep 0.8
save_and_wait "$OUT"
expect "$OUT" "Claim:1,Human:2,Organization:3,Location:4,Time:5,Quantity:6,Event:7 | $DEFAULT_LINKS | "

# ── 2. Tagging with the new and the renamed label ──
# Click before "Russia" in "the Russia-Ukraine war", Shift+Ctrl+→, 7 (Event)
xdotool mousemove 80 444 sleep 0.2 click 1 sleep 0.3 key shift+ctrl+Right sleep 0.3 key 7 sleep 0.6
# A drag over "Donald Trump", 2 (Human)
drag 24 474 110 474
xdotool key 2 sleep 0.6
save_and_wait "$OUT"
expect "$OUT" "Claim:1,Human:2,Organization:3,Location:4,Time:5,Quantity:6,Event:7 | $DEFAULT_LINKS | Event:Russia,Human:Donald Trump"

# The picker: a double click on "Kremlin", Ctrl+T, "eve", Enter
xdotool mousemove 300 474 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4
xdotool key ctrl+t sleep 0.8 type --delay 60 "eve"
sleep 0.4
xdotool key Return sleep 0.8
save_and_wait "$OUT"
expect "$OUT" "Claim:1,Human:2,Organization:3,Location:4,Time:5,Quantity:6,Event:7 | $DEFAULT_LINKS | Event:Russia,Human:Donald Trump,Event:Kremlin"

# ── 3. Undo, one step at a time ──
xdotool key ctrl+z sleep 0.4 key ctrl+z sleep 0.4 key ctrl+z sleep 0.6
save_and_wait "$OUT"
expect "$OUT" "Claim:1,Human:2,Organization:3,Location:4,Time:5,Quantity:6,Event:7 | $DEFAULT_LINKS | "
# the key, the new label's name, the new label, the rename
xdotool key ctrl+z sleep 0.6
save_and_wait "$OUT"
expect "$OUT" "Claim:1,Human:2,Organization:3,Location:4,Time:5,Quantity:6,Event | $DEFAULT_LINKS | "
xdotool key ctrl+z sleep 0.6
save_and_wait "$OUT"
expect "$OUT" "Claim:1,Human:2,Organization:3,Location:4,Time:5,Quantity:6,New label | $DEFAULT_LINKS | "
xdotool key ctrl+z sleep 0.6 key ctrl+z sleep 0.8
save_and_wait "$OUT"
expect "$OUT" "Claim:1,Person:2,Organization:3,Location:4,Time:5,Quantity:6 | $DEFAULT_LINKS | "

# ── 4. A link label's own key ──
xdotool mousemove 1044 27 sleep 0.2 click 1 sleep 0.8
xdotool mousemove 912 342 sleep 0.2 click 1
wait_for_window "^Labels$" >/dev/null || fail "Labels… opened no label editor"
sleep 1
# the Link Labels page, the key of its third label, Same entity
xdotool mousemove 446 26 sleep 0.2 click 1 sleep 0.8
xdotool mousemove 271 177 sleep 0.2 click 1 sleep 0.2 type --delay 40 "s"
xdotool key Tab sleep 0.6
xdotool key Escape sleep 0.8
save_and_wait "$OUT"
LINKS_S="Contradicts,Corroborates,Same entity:s"
SPANS="Claim:1,Person:2,Organization:3,Location:4,Time:5,Quantity:6"
expect "$OUT" "$SPANS | $LINKS_S | "
xdotool mousemove 80 444 sleep 0.2 click 1 sleep 0.3 key shift+ctrl+Right sleep 0.3 key 1 sleep 0.6
drag 24 474 110 474
xdotool key 2 sleep 0.6
# a click on "Russia", a Ctrl+click on "Donald Trump": linked, the link selected
xdotool mousemove 100 444 sleep 0.2 click 1 sleep 0.5
xdotool keydown ctrl mousemove 60 474 sleep 0.2 click 1 sleep 0.2 keyup ctrl sleep 0.6
xdotool key s sleep 0.6
save_and_wait "$OUT"
expect "$OUT" "$SPANS | $LINKS_S | Claim:Russia,Person:Donald Trump | Same entity:Russia>Donald Trump"
xdotool key 1 sleep 0.6
save_and_wait "$OUT"
expect "$OUT" "$SPANS | $LINKS_S | Claim:Russia,Person:Donald Trump | Contradicts:Russia>Donald Trump"
xdotool key ctrl+z sleep 0.6
save_and_wait "$OUT"
expect "$OUT" "$SPANS | $LINKS_S | Claim:Russia,Person:Donald Trump | Same entity:Russia>Donald Trump"
# "Donald" in the other report (double click, 2), then "Russia", Ctrl+L
xdotool mousemove 612 102 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 2 sleep 0.6
xdotool mousemove 100 444 sleep 0.2 click 1 sleep 0.5
xdotool key ctrl+l sleep 1 key alt+2 sleep 0.4 key alt+s sleep 0.4 key Return sleep 0.8
save_and_wait "$OUT"
expect "$OUT" "$SPANS | $LINKS_S | Claim:Russia,Person:Donald Trump,Person:Donald | Same entity:Russia>Donald Trump,Same entity:Russia>Donald"

quit_collate
echo "e2e-labels: ok"
