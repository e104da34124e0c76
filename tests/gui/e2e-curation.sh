#!/bin/sh
# End-to-end: curating two annotators' versions of the sample reports in the
# real window, driven with xdotool as a person would.
#
#  - `collate --curate ann bob` merges them in memory and shows the
#    Curation page with the first disagreement selected;
#  - Alt+1 keeps ann's version of the headline claim; Alt+↓ steps over
#    "Saint Petersburg" to "Donald Trump", Alt+N keeps neither; a click on
#    "Saint Petersburg" in the list and Alt+2 keep bob's label; Alt+A keeps
#    every version of "Thursday", Ctrl+Z takes that back and Alt+1 keeps
#    ann's instead;
#  - Save As writes the curated project: format version 4, the spans each
#    decision kept and none it rejected, and a curation per passage naming
#    what was chosen and rejected and who curated;
#  - the same with links (curate-links-…): the two link disagreements come
#    after the spans and are settled with the same keys; the saved file
#    holds the links kept and a link curation (link_end) for each.
#
#   e2e-curation.sh PATH/TO/collate
set -eu

COLLATE=${1:?usage: e2e-curation.sh PATH/TO/collate}
DATA=$(cd "$(dirname "$0")/data" && pwd)
E2E_NAME=e2e-curation

. "$(dirname "$0")/e2e-lib.sh"

OUT="$WORK/curated.collate.json"
WINDOW_TITLE="(curation)"
start_collate --curate "$DATA/curate-ann.collate.json" "$DATA/curate-bob.collate.json"
WID=$(wait_for_window "$WINDOW_TITLE") || fail "no curation window"
xdotool windowsize "$WID" 1200 760 windowmove "$WID" 0 0
sleep 1
[ -n "${E2E_SHOTS:-}" ] && import -window root "$E2E_SHOTS/e2e-curation-start.png"

# The headline claim: ann's version (Alt+1)
xdotool key alt+1 sleep 0.8
# Over "Saint Petersburg" to "Donald Trump", and neither (Alt+N)
xdotool key alt+Down sleep 0.6 key alt+n sleep 0.8
# Back to "Saint Petersburg" with a click in the list: bob's label (Alt+2)
xdotool mousemove 1000 222 sleep 0.2 click 1 sleep 0.6 key alt+2 sleep 0.8
# "Thursday": every version (Alt+A), taken back, then ann's (Alt+1)
xdotool key alt+a sleep 0.8 key ctrl+z sleep 0.8 key alt+1 sleep 0.8
[ -n "${E2E_SHOTS:-}" ] && import -window root "$E2E_SHOTS/e2e-curation-done.png"

# Save As: the file chooser takes a whole path in its name field
xdotool key ctrl+shift+s sleep 1.5
xdotool key ctrl+a type --delay 20 "$OUT"
xdotool sleep 0.3 key Return
i=0
while [ ! -s "$OUT" ]; do
  i=$((i + 1))
  [ $i -lt 100 ] || fail "Save As wrote nothing to $OUT"
  sleep 0.2
done
sleep 0.5

python3 - "$OUT" <<'PY' || fail "the curated project is wrong"
import json, os, pwd, sys

with open(sys.argv[1], encoding="utf-8") as f:
    p = json.load(f)
assert p["version"] == 4, p["version"]
docs = {d["id"]: d["text"] for d in p["documents"]}
spans = p["annotations"]
for a in spans:
    assert docs[a["document"]][a["start"]:a["end"]] == a["text"], a
have = sorted((a["text"], a["label"]) for a in spans)
want = sorted([("Witkoff", "Person"), ("Putin", "Person"),
               ("Trump to Russia: ‘Get Moving’ on Ukraine", "Claim"),
               ("Saint Petersburg", "Organization"), ("Thursday", "Time")])
assert have == want, have

gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0]
curator = gecos if gecos and gecos != "Unknown" else pwd.getpwuid(os.getuid()).pw_name
got = {}
for c in p["curations"]:
    assert docs[c["document"]][c["start"]:c["end"]] == c["text"], c
    assert c["author"] == curator, (c["author"], curator)
    for v in c["versions"]:
        assert docs[c["document"]][v["start"]:v["end"]] == v["text"], v
    got[c["text"]] = (c["choice"], c["chosen"],
                      sorted((v["label"], v["annotators"][0], v["decision"]) for v in c["versions"]))
assert got == {
    "Trump to Russia: ‘Get Moving’ on Ukraine": ("one", ["ann"], [("Claim", "ann", "accepted"), ("Claim", "bob", "rejected")]),
    "Saint Petersburg": ("one", ["bob"], [("Location", "ann", "rejected"), ("Organization", "bob", "accepted")]),
    "Donald Trump": ("none", [], [("Person", "bob", "rejected")]),
    "Thursday": ("one", ["ann"], [("Time", "ann", "accepted")]),
}, got
print("e2e-curation: %d spans, %d curations" % (len(spans), len(p["curations"])))
PY

quit_collate
check_log

# ── Links: the same two files with links (curate-links-…) ──
# ann links Witkoff → Putin "Contradicts" where bob links Putin → Witkoff
# "Same entity" (both link them "Corroborates": no disagreement), and ann
# alone links Witkoff to "Thursday" in the other report.  After the four
# span decisions (Alt+1, Alt+2, Alt+N, then Alt+N on "Thursday", which
# takes ann's link to it along, Ctrl+Z, Alt+↑ and Alt+1), the two link
# disagreements come: Alt+2 keeps bob's "Same entity"; Alt+A keeps ann's
# link across the reports, Ctrl+Z takes that back, Alt+N drops it.
OUT2="$WORK/curated-links.collate.json"
start_collate --curate "$DATA/curate-links-ann.collate.json" "$DATA/curate-links-bob.collate.json"
WID=$(wait_for_window "$WINDOW_TITLE") || fail "no curation window (links)"
xdotool windowsize "$WID" 1200 760 windowmove "$WID" 0 0
sleep 1
xdotool key alt+1 sleep 0.8 key alt+2 sleep 0.8 key alt+n sleep 0.8
# "Thursday" decided away (Alt+N) takes ann's link to it along, and the
# selection moves on to Witkoff–Putin; Ctrl+Z brings both back, Alt+↑
# steps back to "Thursday", and Alt+1 keeps ann's
xdotool key alt+n sleep 0.8
[ -n "${E2E_SHOTS:-}" ] && import -window root "$E2E_SHOTS/e2e-curation-links-removed.png"
xdotool key ctrl+z sleep 0.8 key alt+Up sleep 0.6 key alt+1 sleep 0.8
[ -n "${E2E_SHOTS:-}" ] && import -window root "$E2E_SHOTS/e2e-curation-links.png"
xdotool key alt+2 sleep 0.8
xdotool key alt+a sleep 0.8 key ctrl+z sleep 0.8 key alt+n sleep 0.8
[ -n "${E2E_SHOTS:-}" ] && import -window root "$E2E_SHOTS/e2e-curation-links-done.png"
xdotool key ctrl+shift+s sleep 1.5
xdotool key ctrl+a type --delay 20 "$OUT2"
xdotool sleep 0.3 key Return
i=0
while [ ! -s "$OUT2" ]; do
  i=$((i + 1))
  [ $i -lt 100 ] || fail "Save As wrote nothing to $OUT2"
  sleep 0.2
done
sleep 0.5

python3 - "$OUT2" "$DATA/../../../data/collate-project.schema.json" <<'PY' || fail "the curated project's links are wrong"
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    p = json.load(f)
assert p["version"] == 4, p["version"]
docs = {d["id"]: d["text"] for d in p["documents"]}
spans = {a["id"]: a for a in p["annotations"]}
links = sorted((l["label"], spans[l["from"]]["text"], spans[l["to"]]["text"]) for l in p["links"])
assert links == [("Corroborates", "Witkoff", "Putin"), ("Same entity", "Putin", "Witkoff")], links

span_curations = [c for c in p["curations"] if "link_end" not in c]
link_curations = [c for c in p["curations"] if "link_end" in c]
assert len(span_curations) == 4, span_curations
got = {}
for c in link_curations:
    end = c["link_end"]
    assert docs[c["document"]][c["start"]:c["end"]] == c["text"], c
    assert docs[end["document"]][end["start"]:end["end"]] == end["text"], c
    for v in c["versions"]:
        # a version starts at the curation's own end, or at link_end when reversed
        start = end if v.get("reversed") else c
        assert (v["start"], v["end"], v["text"]) == (start["start"], start["end"], start["text"]), v
    got[(c["text"], end["text"])] = (c["choice"], c["chosen"],
        sorted((v["label"], v["annotators"], v["decision"], v.get("reversed", False)) for v in c["versions"]))
assert got == {
    ("Witkoff", "Putin"): ("one", ["bob"], [("Contradicts", ["ann"], "rejected", False),
                                            ("Same entity", ["bob"], "accepted", True)]),
    ("Witkoff", "Thursday"): ("none", [], [("Corroborates", ["ann"], "rejected", False)]),
}, got
# the JSON Schema accepts the link curations (when python3-jsonschema is there)
try:
    import jsonschema
except ImportError:
    jsonschema = None
if jsonschema is not None:
    with open(sys.argv[2], encoding="utf-8") as f:
        jsonschema.validate(p, json.load(f))
print("e2e-curation: %d links, %d link curations" % (len(p["links"]), len(link_curations)))
PY

quit_collate
check_log
echo "e2e-curation: ok"
