#!/bin/sh
# End-to-end: spans are what the person meant.  Starts the real collate on
# its own Xvfb three times and works it with xdotool as a person would:
#
#  1. the sample reports: a keyboard selection of "Russia" in
#     "Russia-Ukraine" is tagged exactly; Alt+Shift+→ and Alt+→ move its
#     edges and Ctrl+Z takes a move back; mouse drags that cut words or
#     pick up a comma are completed and trimmed; a double click on a word
#     inside a span selects the span (the next label key relabels it, no
#     second span); dragging the selected span's start handle moves it;
#     Ctrl+Shift+T tags every occurrence of a span's text, Ctrl+Z undoes it;
#  2. a Chinese and an Arabic report: "日本" selected with the keyboard,
#     "东京" by a sloppy drag, "بوتين" by a double click;
#  3. a German report (beside the Arabic one): a drag inside "US-Sondergesandte" stops at the
#     hyphen, "Sankt Petersburg;" loses its semicolon, a keyboard selection
#     of "viereinhalb Stunden" is kept.
#
# Each run is saved with Ctrl+S and the saved JSON is checked.
#
#   e2e-spans.sh PATH/TO/collate
#
# The pointer positions are for the default 1200×760 window at the default
# text size (11 pt) with Debian 12's default fonts (and WenQuanYi Micro Hei
# for Chinese).
set -eu

COLLATE=${1:?usage: e2e-spans.sh PATH/TO/collate}
SAMPLES=${COLLATE_SAMPLES_DIR:-$(dirname "$0")/../samples}
DATA=$(cd "$(dirname "$0")/data" && pwd)
E2E_NAME=e2e-spans

. "$(dirname "$0")/e2e-lib.sh"

spans () {
  # spans FILE: the saved spans, one "label|text" a line, in file order
  python3 - "$1" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    project = json.load(f)
docs = {d["id"]: d["text"] for d in project["documents"]}
for a in project["annotations"]:
    assert docs[a["document"]][a["start"]:a["end"]] == a["text"], a
    print("%s|%s" % (a["label"], a["text"]))
PY
}

expect_spans () {
  # expect_spans FILE EXPECTED: the saved spans, sorted, are EXPECTED (one a line)
  got=$(spans "$1" | LC_ALL=C sort)
  want=$(printf '%s\n' "$2" | LC_ALL=C sort)
  [ "$got" = "$want" ] || fail "$(printf 'saved spans differ\n--- expected:\n%s\n--- saved:\n%s' "$want" "$got")"
}

# ── 1. The sample reports ──
OUT="$WORK/sample.collate.json"
WINDOW_TITLE="Trump to Russia"
start_collate --save-to "$OUT" "$SAMPLES/witkoff-putin-report-1.txt" "$SAMPLES/witkoff-putin-report-2.txt"

# Click before "Russia" in "the Russia-Ukraine war", Shift+Ctrl+→, 4 (Location)
xdotool mousemove 80 444 sleep 0.2 click 1 sleep 0.3 key shift+ctrl+Right sleep 0.3 key 4 sleep 0.5
save_and_wait "$OUT"
expect_spans "$OUT" "Location|Russia"

# Its end 8 characters later, its start one later, then that last move undone
xdotool key --delay 60 alt+shift+Right alt+shift+Right alt+shift+Right alt+shift+Right \
        alt+shift+Right alt+shift+Right alt+shift+Right alt+shift+Right sleep 0.2 key alt+Right sleep 0.3
save_and_wait "$OUT"
expect_spans "$OUT" "Location|ussia-Ukraine"
xdotool key ctrl+z sleep 0.3
save_and_wait "$OUT"
expect_spans "$OUT" "Location|Russia-Ukraine"

# A drag from inside "Donald" to inside "Trump", 2 (Person)
drag 45 474 110 474
xdotool key 2 sleep 0.4
# A drag over ", Steve Witkoff," (its commas too), 2 (Person)
drag 168 598 262 598
xdotool key 2 sleep 0.4
save_and_wait "$OUT"
expect_spans "$OUT" "Location|Russia-Ukraine
Person|Donald Trump
Person|Steve Witkoff"

# A double click on "Trump" selects the span "Donald Trump": 1 relabels it
xdotool mousemove 300 300 sleep 0.2 click 1 sleep 0.5
xdotool mousemove 110 474 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.5 key 1 sleep 0.4
save_and_wait "$OUT"
expect_spans "$OUT" "Location|Russia-Ukraine
Claim|Donald Trump
Person|Steve Witkoff"

# The selected span's start handle, dragged from before "Donald" to before "Trump"
xdotool mousemove 19 474 sleep 0.2 mousedown 1 sleep 0.2 mousemove 50 475 sleep 0.1 \
        mousemove 78 475 sleep 0.2 mouseup 1 sleep 0.5
save_and_wait "$OUT"
expect_spans "$OUT" "Location|Russia-Ukraine
Claim|Trump
Person|Steve Witkoff"

# Click the "Steve Witkoff" span, Ctrl+Shift+T: every whole-word
# occurrence in both reports is a Person now (one undo step)
xdotool mousemove 200 598 sleep 0.2 click 1 sleep 0.4 key ctrl+shift+t sleep 0.6
save_and_wait "$OUT"
python3 - "$OUT" <<'PY' || fail "Ctrl+Shift+T did not tag every occurrence of Steve Witkoff"
import json, re, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
want = sum(len(re.findall(r"(?<!\w)Steve Witkoff(?!\w)", d["text"])) for d in p["documents"])
got = sum(1 for a in p["annotations"] if a["text"] == "Steve Witkoff" and a["label"] == "Person")
print("Steve Witkoff: %d occurrences, %d Person spans" % (want, got))
sys.exit(0 if want >= 3 and got == want else 1)
PY
xdotool key ctrl+z sleep 0.4
save_and_wait "$OUT"
expect_spans "$OUT" "Location|Russia-Ukraine
Claim|Trump
Person|Steve Witkoff"
[ -n "${E2E_SHOTS:-}" ] && import -window root "$E2E_SHOTS/e2e-spans-sample.png" 2>/dev/null || true
quit_collate

# ── 2. Chinese and Arabic ──
OUT="$WORK/zh-ar.collate.json"
WINDOW_TITLE="and 1 other"
start_collate --save-to "$OUT" "$DATA/report-zh.txt" "$DATA/report-ar.txt"
# Click before 日, Shift+→ twice, 4 (Location)
xdotool mousemove 156 103 sleep 0.2 click 1 sleep 0.3 key shift+Right shift+Right sleep 0.3 key 4 sleep 0.4
# A drag from 东 to the middle of 京, 4 (Location)
drag 201 103 221 103
xdotool key 4 sleep 0.4
# A double click on بوتين (Putin), 2 (Person)
xdotool mousemove 540 103 sleep 0.2 click --repeat 2 --delay 80 1 sleep 0.4 key 2 sleep 0.4
save_and_wait "$OUT"
expect_spans "$OUT" "Location|日本
Location|东京
Person|بوتين"
[ -n "${E2E_SHOTS:-}" ] && import -window root "$E2E_SHOTS/e2e-spans-zh-ar.png" 2>/dev/null || true
quit_collate

# ── 3. German ──
OUT="$WORK/de.collate.json"
WINDOW_TITLE="Der US-Sondergesandte"
start_collate --save-to "$OUT" "$DATA/report-de.txt" "$DATA/report-ar.txt"
# A drag from inside "Sonder" to inside "gesandte", 2 (Person)
drag 100 103 170 103
xdotool key 2 sleep 0.4
# A drag over "Sankt Petersburg;", 4 (Location)
drag 165 133 300 133
xdotool key 4 sleep 0.4
# Click before "viereinhalb", Shift+Ctrl+→ twice, 6 (Quantity)
xdotool mousemove 158 163 sleep 0.2 click 1 sleep 0.3 key shift+ctrl+Right shift+ctrl+Right sleep 0.3 key 6 sleep 0.4
save_and_wait "$OUT"
expect_spans "$OUT" "Person|Sondergesandte
Location|Sankt Petersburg
Quantity|viereinhalb Stunden"
quit_collate

check_log
echo "e2e-spans: ok"
