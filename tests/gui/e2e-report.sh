#!/bin/sh
# End-to-end: File ▸ Export a Report… in the real window.  Opens a saved
# project, presses Ctrl+Shift+E, accepts the name the file chooser offers
# (the project's name with .html, in the project's folder) with Return,
# checks that the page written is the one `collate-cli report` makes of the
# same project (but for the time it was made), then clicks the banner's
# Open button and checks that the desktop's default handler for web pages
# (a stand-in here, registered in the private XDG folders) got the page.
#
#   e2e-report.sh PATH/TO/collate PATH/TO/collate-cli
#
# Needs Xvfb, xdotool and python3 (exit 77, "skipped", without them).
set -eu

COLLATE=${1:?usage: e2e-report.sh PATH/TO/collate PATH/TO/collate-cli}
COLLATE_CLI=${2:?usage: e2e-report.sh PATH/TO/collate PATH/TO/collate-cli}
FIXTURES=$(dirname "$0")/../fixtures

. "$(dirname "$0")/e2e-lib.sh"

PROJECT="$WORK/talks.collate.json"
PAGE="$WORK/talks.html"
OPENED="$WORK/opened"
cp "$FIXTURES/sample.collate.json" "$PROJECT"

# ── A stand-in browser: the default application for text/html ──
mkdir -p "$XDG_DATA_HOME/applications" "$XDG_CONFIG_HOME"
cat >"$WORK/browser" <<EOF
#!/bin/sh
printf '%s\\n' "\$1" >"$OPENED"
EOF
chmod +x "$WORK/browser"
cat >"$XDG_DATA_HOME/applications/collate-test-browser.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=Test Browser
Exec=$WORK/browser %u
MimeType=text/html;
NoDisplay=true
EOF
cat >"$XDG_CONFIG_HOME/mimeapps.list" <<EOF
[Default Applications]
text/html=collate-test-browser.desktop
EOF

WINDOW_TITLE="Witkoff in St. Petersburg"
start_collate "$PROJECT"

# ── Ctrl+Shift+E, the file chooser, Return ──
xdotool key ctrl+shift+e
wait_for_window "Export a Report" >/dev/null || fail "Ctrl+Shift+E showed no file chooser"
sleep 1
if [ -n "${E2E_SHOTS:-}" ] && command -v import >/dev/null 2>&1; then
  import -window root "$E2E_SHOTS/e2e-report-chooser.png" || true
fi
xdotool key Return
i=0
while [ ! -s "$PAGE" ]; do
  i=$((i + 1))
  [ $i -lt 100 ] || fail "Return in the file chooser wrote nothing to $PAGE (the name offered was not talks.html?)"
  sleep 0.2
done
sleep 1
if [ -n "${E2E_SHOTS:-}" ] && command -v import >/dev/null 2>&1; then
  import -window root "$E2E_SHOTS/e2e-report-done.png" || true
fi

# ── The page is the report of the project ──
"$COLLATE_CLI" report "$PROJECT" -o "$WORK/cli.html" 2>>"$WORK/collate.log" \
  || fail "collate-cli report failed on the same project"
python3 - "$PAGE" "$WORK/cli.html" "$PROJECT" <<'PY' || fail "the exported page is not the project's report"
import html, json, re, sys

page, cli, project = (open(p, encoding="utf-8").read() for p in sys.argv[1:4])
project = json.loads(project)

def check(cond, message):
    if not cond:
        print("e2e-report: " + message, file=sys.stderr)
        sys.exit(1)

check(page.startswith("<!DOCTYPE html>"), "not an HTML page")
check("Content-Security-Policy" in page, "no Content-Security-Policy: the page is not self-contained")
# The same bytes as the command line's report, but for when each was made
made = re.compile(r'<footer>.*?<time datetime="[^"]*">[^<]*</time></footer>')
check(len(made.findall(page)) == 1, "the page does not say when it was made")
check(made.sub("", page) == made.sub("", cli),
      "the page differs from `collate-cli report` of the same project")
text = html.unescape(page)
for doc in project["documents"]:
    check(doc["title"][:30] in text, "the title of %s is missing" % doc["id"])
texts = {d["id"]: d["text"] for d in project["documents"]}
for a in project["annotations"]:
    quote = texts[a["document"]][a["start"]:a["end"]]
    check(quote in text, "the span %r is missing" % quote)
check(len(project["links"]) > 0, "the fixture has no link")
for link in project["links"]:
    check(link["label"] in text, "the link label %r is missing" % link["label"])
PY

# ── The banner's Open button opens it in the default browser ──
# The banner's button sits 98 px from the window's right edge, 77 px down
wid=$(wait_for_window "$WINDOW_TITLE") || fail "the project's window is gone"
eval "$(xdotool getwindowgeometry --shell "$wid")" || fail "the window's place is unknown"
xdotool mousemove $((X + WIDTH - 98)) $((Y + 77)) sleep 0.3 click 1
i=0
while [ ! -s "$OPENED" ]; do
  i=$((i + 1))
  [ $i -lt 50 ] || fail "the banner's Open button launched no browser"
  sleep 0.2
done
# (a file:// URI, or its path: GIO gives a local file's path for %u)
python3 - "$(cat "$OPENED")" "$PAGE" <<'PY' || fail "the browser was given $(cat "$OPENED"), not $PAGE"
import os, sys, urllib.parse
opened, page = sys.argv[1:3]
if opened.startswith("file://"):
    opened = urllib.parse.unquote(urllib.parse.urlparse(opened).path)
sys.exit(0 if os.path.realpath(opened) == os.path.realpath(page) else 1)
PY

quit_collate
check_log
echo "e2e-report: ok (the report written, the same as collate-cli's, and opened)"
