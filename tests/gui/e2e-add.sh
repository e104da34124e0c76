#!/bin/sh
# End-to-end: adding a document to an open project, driven with xdotool as
# a person would.
#
#  - a project of two text files is open; Add Documents… (Ctrl+Shift+O),
#    the path typed into the file chooser, adds a saved web page: a third
#    pane shows its article, and the saved project has it last, with the
#    page's metadata (canonical URL, author) and its text without the
#    page's navigation and footer;
#  - a file that is no report (a PNG) is refused: nothing is added;
#  - Ctrl+Z takes the addition back in one step (the saved project has the
#    two documents again), and Ctrl+Shift+Z brings it back;
#  - Ctrl+Alt+V adds the text another program put on the clipboard, and
#    an empty clipboard is refused with a message.
#
#   e2e-add.sh PATH/TO/collate
set -eu

COLLATE=${1:?usage: e2e-add.sh PATH/TO/collate}
E2E_NAME=e2e-add

. "$(dirname "$0")/e2e-lib.sh"

mkdir -p "$WORK/in"
printf 'First report. The envoy met the president on Friday.\n' >"$WORK/in/r1.txt"
printf 'Second report. The president met the envoy on Friday.\n' >"$WORK/in/r2.txt"
cat >"$WORK/in/article.html" <<'HTML'
<!DOCTYPE html><html><head><title>Port reopens | The Example Times</title>
<link rel="canonical" href="https://times.example/port-reopens">
<meta name="author" content="Ana Lima"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Port reopens after the storm</h1>
<p>The harbour of Example Bay reopened on Tuesday, three days after the storm closed it to ships.</p>
<p>Officials said cargo traffic would return to normal within a week.</p></article>
<footer>Copyright The Example Times</footer></body></html>
HTML
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$WORK/in/picture.png"

OUT="$WORK/in/added.collate.json"
WINDOW_TITLE="First report"
# the window logs the errors it shows as debug messages
export G_MESSAGES_DEBUG=all
start_collate --save-to "$OUT" "$WORK/in/r1.txt" "$WORK/in/r2.txt"
save_and_wait "$OUT"

documents () {
  # documents FILE: "id|title|url|author|text" for each document, in order
  python3 - "$1" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    p = json.load(f)
for d in p["documents"]:
    m = d.get("metadata", {})
    print("|".join([d["id"], d["title"], m.get("url", "-"), m.get("author", "-"),
                    d["text"].replace("\n", "/")]))
PY
}

add_file () {
  # add_file PATH: Add Documents…, the path typed into the chooser
  xdotool key ctrl+shift+o
  wait_for_window "Add Documents to the Project" >/dev/null || fail "Ctrl+Shift+O showed no file chooser"
  sleep 0.8
  xdotool key ctrl+l
  sleep 0.5
  xdotool type --delay 15 "$1"
  sleep 0.3
  xdotool key Return
  sleep 2
}

[ "$(documents "$OUT" | wc -l)" -eq 2 ] || fail "the project does not start with two documents"

add_file "$WORK/in/article.html"
save_and_wait "$OUT"
documents "$OUT" >"$WORK/docs"
[ "$(wc -l <"$WORK/docs")" -eq 3 ] || fail "Add Documents… did not add the page: $(cat "$WORK/docs")"
last=$(tail -n 1 "$WORK/docs")
expected="d3|Port reopens after the storm|https://times.example/port-reopens|Ana Lima|Port reopens after the storm//The harbour of Example Bay reopened on Tuesday, three days after the storm closed it to ships.//Officials said cargo traffic would return to normal within a week./"
[ "$last" = "$expected" ] || fail "the added page is not as expected: $last"
head -n 2 "$WORK/docs" | grep -q "^d1|First report" || fail "the first documents changed: $(cat "$WORK/docs")"

# The third pane shows the article
if [ -n "${E2E_SHOTS:-}" ] && command -v import >/dev/null 2>&1; then
  import -window root "$E2E_SHOTS/e2e-add-three-panes.png" 2>/dev/null || true
fi

# A PNG is refused, and nothing is added
add_file "$WORK/in/picture.png"
grep -q "picture.png: not a text file, web page or PDF" "$WORK/collate.log" \
  || fail "adding a PNG gave no clear error"
xdotool key Escape
sleep 0.3
xdotool key ctrl+z
sleep 1
save_and_wait "$OUT"
[ "$(documents "$OUT" | wc -l)" -eq 2 ] || fail "Ctrl+Z did not take the page back: $(documents "$OUT")"

xdotool key ctrl+shift+z
sleep 1
save_and_wait "$OUT"
documents "$OUT" | tail -n 1 | grep -q "^d3|Port reopens" || fail "Ctrl+Shift+Z did not bring the page back"

# ── Add Document from Clipboard (Ctrl+Alt+V): text that another program
# holds on the X clipboard (xclip, in the foreground so that it is ours to
# end), then an empty clipboard, which is refused with its own message ──
if command -v xclip >/dev/null 2>&1; then
  printf 'Third report. The talks ended on Saturday without a deal.\n' >"$WORK/in/clip.txt"
  xclip -quiet -selection clipboard -i "$WORK/in/clip.txt" >/dev/null 2>&1 &
  XCLIP_PID=$!
  sleep 0.5
  xdotool key ctrl+alt+v
  sleep 1.5
  save_and_wait "$OUT"
  documents "$OUT" >"$WORK/docs"
  [ "$(wc -l <"$WORK/docs")" -eq 4 ] || fail "Ctrl+Alt+V did not add the clipboard's text: $(cat "$WORK/docs")"
  tail -n 1 "$WORK/docs" | grep -q "^d4|Third report. The talks ended on Saturday without a deal.|-|-|Third report. The talks ended on Saturday without a deal./$" \
    || fail "the clipboard's document is not as expected: $(tail -n 1 "$WORK/docs")"
  kill "$XCLIP_PID" 2>/dev/null || true
  wait "$XCLIP_PID" 2>/dev/null || true

  printf '  \n' >"$WORK/in/blank.txt"
  xclip -quiet -selection clipboard -i "$WORK/in/blank.txt" >/dev/null 2>&1 &
  XCLIP_PID=$!
  sleep 0.5
  xdotool key ctrl+alt+v
  sleep 1.5
  grep -q "The clipboard holds no text" "$WORK/collate.log" \
    || fail "an empty clipboard gave no clear message"
  kill "$XCLIP_PID" 2>/dev/null || true
  wait "$XCLIP_PID" 2>/dev/null || true
  xdotool key Escape
  sleep 0.3
  save_and_wait "$OUT"
  [ "$(documents "$OUT" | wc -l)" -eq 4 ] || fail "an empty clipboard added a document"
else
  echo "e2e-add: xclip is not installed; the clipboard part is skipped" >&2
fi

quit_collate
check_log
echo "e2e-add: OK"
