#!/bin/sh
# End-to-end: the export dialog through real input.  NLI pairs are offered a
# name of their own (PROJECT-nli.jsonl, not the JSON Lines one), the outcome
# counts the pairs, and the next export of the project, after a restart,
# starts from NLI again.
#
#   e2e-export.sh PATH/TO/collate PATH/TO/collate-cli
#
# Needs Xvfb, xdotool and python3 (exit 77, "skipped", without them).  The
# pointer positions are for the dialog's default size on a 1400 × 900 screen
# (640 px high), placed at the top left as an X server without a window
# manager places it.
set -eu

COLLATE=${1:?usage: e2e-export.sh PATH/TO/collate PATH/TO/collate-cli}
CLI=${2:?usage: e2e-export.sh PATH/TO/collate PATH/TO/collate-cli}
SAMPLES=${COLLATE_SAMPLES_DIR:-$(dirname "$0")/../samples}
E2E_NAME=e2e-export

. "$(dirname "$0")/e2e-lib.sh"

shot () {
  if [ -n "${E2E_SHOTS:-}" ] && command -v import >/dev/null 2>&1; then
    import -window root "$E2E_SHOTS/e2e-export-$1.png" || true
  fi
}

# ── A saved project with two spans and one link between them ──
PROJECT="$WORK/talks.collate.json"
"$CLI" new -o "$PROJECT" --title "talks" "$SAMPLES/witkoff-putin-report-1.txt" \
       "$SAMPLES/witkoff-putin-report-2.txt" >>"$WORK/collate.log" 2>&1 ||
  fail "collate-cli could not make the project"
python3 - "$PROJECT" <<'PY' || fail "could not add the spans"
import json, sys
path = sys.argv[1]
project = json.load(open(path, encoding="utf-8"))
d1, d2 = project["documents"]
def span(doc, phrase, aid):
    i = doc["text"].index(phrase)
    return {"id": aid, "document": doc["id"], "start": i, "end": i + len(phrase),
            "label": "Quantity", "text": phrase, "note": "", "attributes": {},
            "author": "e2e", "created": "2026-12-05T10:00:00Z",
            "modified": "2026-12-05T10:00:00Z"}
project["annotations"] = [span(d1, "four-and-a-half-hour", "a1"), span(d2, "over four hours", "a2")]
project["links"] = [{"id": "l3", "label": "Contradicts", "from": "a1", "to": "a2", "note": "",
                     "author": "e2e", "created": "2026-12-05T10:00:00Z",
                     "modified": "2026-12-05T10:00:00Z"}]
project["next_id"] = 4
json.dump(project, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY

WINDOW_TITLE="talks"
start_collate "$PROJECT"
xdotool key ctrl+e
sleep 1.5
shot dialog
# ── 1. NLI pairs, picked among the formats: their own name, pairs counted ──
xdotool mousemove 300 159 sleep 0.2 click 1 sleep 1
shot nli
xdotool mousemove 458 606 sleep 0.2 click 1
NLI="$WORK/talks-nli.jsonl"
i=0
while [ ! -s "$NLI" ]; do
  i=$((i + 1))
  [ $i -lt 50 ] || fail "Export wrote no $NLI"
  sleep 0.2
done
sleep 1
shot outcome
[ ! -e "$WORK/talks.jsonl" ] || fail "NLI pairs were written under the JSON Lines name"
[ "$(wc -l <"$NLI")" -eq 1 ] || fail "expected one pair in $NLI"
grep -q '"label":"contradiction"' "$NLI" || fail "the pair is not a contradiction: $(cat "$NLI")"
# the outcome says "Exported 1 pair from 1 link."
grep -q "^format=nli$" "$XDG_STATE_HOME/collate/export.ini" ||
  fail "the export's choices were not kept in $XDG_STATE_HOME/collate/export.ini"
xdotool key Escape
sleep 0.5
quit_collate

# ── 2. After a restart, the next export starts from NLI: with the last file
# moved away, Export (Enter) writes the NLI name again ──
mv "$NLI" "$WORK/first-nli.jsonl"
start_collate "$PROJECT"
xdotool key ctrl+e
sleep 1.5
shot remembered
xdotool mousemove 458 606 sleep 0.2 click 1
i=0
while [ ! -s "$NLI" ]; do
  i=$((i + 1))
  [ $i -lt 50 ] || fail "the second export wrote no $NLI (the format was not remembered)"
  sleep 0.2
done
[ ! -e "$WORK/talks.jsonl" ] || fail "the second export was JSON Lines, not the remembered NLI"
cmp -s "$NLI" "$WORK/first-nli.jsonl" || fail "the second export differs from the first"
sleep 0.5
xdotool key Escape
sleep 0.5
quit_collate
check_log
echo "e2e-export: ok"
