#!/bin/sh
# End-to-end: links are first-class on screen, and labels read without
# colour.  Starts the real collate on its own Xvfb twice, on a project of
# the two sample reports with four spans and one link, and works it with
# xdotool as a person would:
#
#  1. the label tags: pixels of the Person tag stand above a Person span;
#  2. hovering the link's curve shows its tooltip; clicking the curve
#     selects the link (then 2 relabels it Corroborates);
#  3. the Ctrl+L picker links "Putin" to the other report's "Putin" with the
#     label chosen by Alt+3 (Same entity) in one step;
#  4. Ctrl+click links two spans of one report with the label used last
#     (Same entity again, not the schema's first);
#  5. with Show Labels on the Text turned off, the tags are gone and the
#     text has not moved.
#
# Each step is saved with Ctrl+S and the saved JSON is checked.  The spans
# and the curve are found on screenshots by their colours (the project gives
# its labels colours nothing else on screen has), so the pointer positions
# follow the layout.
#
#   e2e-links.sh PATH/TO/collate
set -eu

COLLATE=${1:?usage: e2e-links.sh PATH/TO/collate}
SAMPLES=${COLLATE_SAMPLES_DIR:-$(dirname "$0")/../samples}
E2E_NAME=e2e-links

for tool in import convert gsettings; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "e2e: $tool is not installed; skipping" >&2
    exit 77
  fi
done

. "$(dirname "$0")/e2e-lib.sh"

# settings that outlive a run: the second run turns the tags off
export GSETTINGS_BACKEND=keyfile

PROJECT="$WORK/links.collate.json"
python3 - "$SAMPLES/witkoff-putin-report-1.txt" "$SAMPLES/witkoff-putin-report-2.txt" "$PROJECT" <<'PY'
import hashlib, json, sys
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:3]]
when = "2026-11-23T18:00:00Z"
docs = [{"id": "d%d" % (i + 1), "title": t.split("\n", 1)[0], "source": "", "text": t,
         "sha256": hashlib.sha256(t.encode("utf-8")).hexdigest()} for i, t in enumerate(texts)]
spans = []
def span(doc, word, occurrence, label):
    at = -1
    for _ in range(occurrence + 1):
        at = texts[doc].index(word, at + 1)
    spans.append({"id": "a%d" % (len(spans) + 1), "document": docs[doc]["id"], "start": at,
                  "end": at + len(word), "label": label, "text": word, "note": "",
                  "attributes": {}, "author": "T", "created": when, "modified": when})
span(0, "Witkoff", 1, "Person")        # a1: "while envoy Steve Witkoff"
span(0, "Putin", 1, "Organization")    # a2: "Vladimir Putin in Saint"
span(1, "Witkoff", 0, "Person")        # a3
span(1, "Putin", 0, "Organization")    # a4
project = {
  "format": "collate-project", "version": 1, "title": docs[0]["title"], "next_id": 10,
  "metadata": {},
  "schema": {
    "span_labels": [
      {"name": "Claim", "color": "#f5c211", "hotkey": "1", "description": ""},
      {"name": "Person", "color": "#0000ff", "hotkey": "2", "description": ""},
      {"name": "Organization", "color": "#ff0000", "hotkey": "3", "description": ""}],
    "link_labels": [
      {"name": "Contradicts", "color": "#808000", "description": ""},
      {"name": "Corroborates", "color": "#008080", "description": ""},
      {"name": "Same entity", "color": "#ff00ff", "description": ""}]},
  "documents": docs, "annotations": spans,
  "links": [{"id": "l5", "label": "Same entity", "from": "a1", "to": "a3", "note": "the envoy",
             "author": "T", "created": when, "modified": when}]}
json.dump(project, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY

find_colour () {
  # find_colour SHOT R G B TOLERANCE X0 X1 [WHICH]: the pixel nearest the
  # middle (WHICH=middle, the default) or the lowest (WHICH=bottom) of those
  # within TOLERANCE of the colour between x = X0 and X1, printed "X Y"
  convert "$1" ppm:"$WORK/shot.ppm"
  python3 - "$WORK/shot.ppm" "$2" "$3" "$4" "$5" "$6" "$7" "${8:-middle}" <<'PY'
import sys
path, r, g, b, tol, x0, x1, which = sys.argv[1], *map(int, sys.argv[2:8]), sys.argv[8]
data = open(path, "rb").read()
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace():
        pos += 1
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[pos:end])
    pos = end
pos += 1
w, h = int(fields[1]), int(fields[2])
hits = []
for y in range(h):
    row = data[pos + y * w * 3: pos + (y + 1) * w * 3]
    for x in range(x0, min(x1, w)):
        pr, pg, pb = row[3 * x], row[3 * x + 1], row[3 * x + 2]
        if abs(pr - r) <= tol and abs(pg - g) <= tol and abs(pb - b) <= tol:
            hits.append((x, y))
if not hits:
    sys.exit(1)
if which == "bottom":
    x, y = max(hits, key=lambda p: p[1])
else:
    mx = sum(p[0] for p in hits) / len(hits)
    my = sum(p[1] for p in hits) / len(hits)
    x, y = min(hits, key=lambda p: (p[0] - mx) ** 2 + (p[1] - my) ** 2)
print(x, y)
PY
}

count_colour () {
  # count_colour SHOT R G B TOLERANCE X0 Y0 X1 Y1: pixels of the colour in the box
  convert "$1" -crop "$(( $8 - $6 ))x$(( $9 - $7 ))+$6+$7" +repage -depth 8 txt:- |
    python3 -c '
import re, sys
r, g, b, tol = map(int, sys.argv[1:5])
n = 0
for line in sys.stdin:
    m = re.search(r"\((\d+),(\d+),(\d+)", line)
    if m and not line.startswith("#") and all(abs(int(v) - c) <= tol for v, c in zip(m.groups(), (r, g, b))):
        n += 1
print(n)' "$2" "$3" "$4" "$5"
}

links () {
  # links FILE: the saved links, one "label|from text@document|to text@document" a line, sorted
  python3 - "$1" <<'PY'
import json, sys
project = json.load(open(sys.argv[1], encoding="utf-8"))
spans = {a["id"]: "%s@%s" % (a["text"], a["document"]) for a in project["annotations"]}
for l in sorted("%s|%s|%s" % (l["label"], spans[l["from"]], spans[l["to"]]) for l in project["links"]):
    print(l)
PY
}

expect_links () {
  got=$(links "$1")
  [ "$got" = "$2" ] || fail "$(printf 'saved links differ\n--- expected:\n%s\n--- saved:\n%s' "$2" "$got")"
}

WINDOW_TITLE="Trump to Russia"
start_collate "$PROJECT"
sleep 1
import -window root "$WORK/tags-on.png"

# ── 1. The spans, by their backgrounds (30 % of the label's colour on white) ──
# the panes take the left of the window, the sidebar the right: the left
# report is left of x = 430, the right one between 430 and 860
set -- $(find_colour "$WORK/tags-on.png" 179 179 255 14 0 430) || fail "no Person span in the left report"
WITKOFF_1_X=$1 WITKOFF_1_Y=$2
set -- $(find_colour "$WORK/tags-on.png" 255 179 179 14 0 430) || fail "no Organization span in the left report"
PUTIN_1_X=$1 PUTIN_1_Y=$2
set -- $(find_colour "$WORK/tags-on.png" 179 179 255 14 430 860) || fail "no Person span in the right report"
WITKOFF_2_X=$1 WITKOFF_2_Y=$2
echo "spans at ($WITKOFF_1_X, $WITKOFF_1_Y) ($PUTIN_1_X, $PUTIN_1_Y) ($WITKOFF_2_X, $WITKOFF_2_Y)"

# the Person tag above the right report's Witkoff: solid blue, never on the text
above=$(count_colour "$WORK/tags-on.png" 0 0 255 10 $((WITKOFF_2_X - 30)) $((WITKOFF_2_Y - 24)) $((WITKOFF_2_X + 40)) $((WITKOFF_2_Y - 7)))
[ "$above" -gt 20 ] || fail "no label tag above the Person span ($above blue pixels)"

# ── 2. The link's curve (Same entity: magenta), hovered then clicked ──
set -- $(find_colour "$WORK/tags-on.png" 255 38 255 70 380 480) || fail "no link curve between the reports"
CURVE_X=$1 CURVE_Y=$2
echo "curve at ($CURVE_X, $CURVE_Y)"
xdotool mousemove $((CURVE_X - 20)) $((CURVE_Y - 30)) sleep 0.3 mousemove "$CURVE_X" "$CURVE_Y" sleep 0.3 \
        mousemove $((CURVE_X + 1)) "$CURVE_Y" sleep 2
import -window root "$WORK/hover.png"
xdotool mousemove $((CURVE_X + 60)) $((CURVE_Y - 100)) sleep 1.5
import -window root "$WORK/away.png"
# a tooltip is a dark box near the pointer
dark_hover=$(count_colour "$WORK/hover.png" 0 0 0 40 $((CURVE_X - 150)) $((CURVE_Y + 5)) $((CURVE_X + 150)) $((CURVE_Y + 80)))
dark_away=$(count_colour "$WORK/away.png" 0 0 0 40 $((CURVE_X - 150)) $((CURVE_Y + 5)) $((CURVE_X + 150)) $((CURVE_Y + 80)))
echo "dark pixels under the curve: $dark_hover hovered, $dark_away not"
[ "$dark_hover" -gt $((dark_away + 3000)) ] || fail "hovering the curve showed no tooltip"

xdotool mousemove "$CURVE_X" "$CURVE_Y" sleep 0.4 click 1 sleep 0.5 key 2 sleep 0.5
save_and_wait "$PROJECT"
expect_links "$PROJECT" "Corroborates|Witkoff@d1|Witkoff@d2"

# ── 3. Ctrl+L: Putin to the other report's Putin, as Same entity (Alt+3) ──
xdotool mousemove "$PUTIN_1_X" "$PUTIN_1_Y" sleep 0.2 click 1 sleep 0.5 \
        key ctrl+l sleep 0.8 type --delay 60 "Putin"
xdotool sleep 0.6 key alt+3 sleep 0.3 key Return sleep 0.6
save_and_wait "$PROJECT"
expect_links "$PROJECT" "Corroborates|Witkoff@d1|Witkoff@d2
Same entity|Putin@d1|Putin@d2"

# ── 4. Ctrl+click within one report: the label used last ──
xdotool key Escape sleep 0.3 mousemove "$WITKOFF_1_X" "$WITKOFF_1_Y" sleep 0.2 click 1 sleep 0.5 \
        mousemove "$PUTIN_1_X" "$PUTIN_1_Y" sleep 0.2 keydown ctrl sleep 0.1 click 1 sleep 0.1 keyup ctrl sleep 0.6
save_and_wait "$PROJECT"
expect_links "$PROJECT" "Corroborates|Witkoff@d1|Witkoff@d2
Same entity|Putin@d1|Putin@d2
Same entity|Witkoff@d1|Putin@d1"
xdotool key Escape sleep 0.8
import -window root "$WORK/three-links.png"
# the link within the report is drawn: magenta beside the left report
find_colour "$WORK/three-links.png" 255 38 255 70 0 440 >/dev/null || fail "the link within the report is not drawn"
quit_collate
check_log

# ── 5. Show Labels on the Text off: no tags, the text where it was ──
gsettings set org.collate.Collate show-label-tags false
start_collate "$PROJECT"
sleep 1
import -window root "$WORK/tags-off.png"
above=$(count_colour "$WORK/tags-off.png" 0 0 255 10 $((WITKOFF_2_X - 30)) $((WITKOFF_2_Y - 24)) $((WITKOFF_2_X + 40)) $((WITKOFF_2_Y - 7)))
[ "$above" -eq 0 ] || fail "label tags drawn with the setting off ($above blue pixels)"
set -- $(find_colour "$WORK/tags-off.png" 179 179 255 14 430 860) || fail "the Person span went"
# (the middle of its background, to a pixel: the tag hid a sliver of it)
[ $(( $1 - WITKOFF_2_X )) -le 1 ] && [ $(( WITKOFF_2_X - $1 )) -le 1 ] &&
  [ $(( $2 - WITKOFF_2_Y )) -le 1 ] && [ $(( WITKOFF_2_Y - $2 )) -le 1 ] ||
  fail "the text moved without the tags: ($1, $2), was ($WITKOFF_2_X, $WITKOFF_2_Y)"
quit_collate
check_log

if [ -n "${E2E_SHOTS:-}" ]; then
  cp "$WORK/tags-on.png" "$WORK/hover.png" "$WORK/three-links.png" "$WORK/tags-off.png" "$E2E_SHOTS/" || true
fi
echo "e2e-links: ok"
