#!/usr/bin/env python3
"""collate-cli report, looked at in a real browser (TAP).

Usage: check-report-browser.py COLLATE_CLI SAMPLE_PROJECT OUT_DIR

Makes a project with spans, links and reviews from SAMPLE_PROJECT
(`collate-cli suggest --accept-all`), writes its report, and opens it in
Debian's headless Chromium:

- a copy of the page with a probe script (the report has none, and its
  Content-Security-Policy would stop one, so the copy leaves that line out)
  is laid out at three sizes and in light and dark; the probe writes what
  the browser computed into the page, and --dump-dom returns it: the page
  does not overflow sideways, every span is drawn once with its label
  written before it, the spans have their label's colours, the documents
  stand side by side, the links and reviews are all listed;
- the report itself, unchanged, is rendered to a screenshot (OUT_DIR/
  report-light.png) whose pixels are checked at the places of the spans the
  probe found;
- and printed to PDF.

Skipped, saying so, where Chromium is missing (scripts/install-peers
installs it).
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROBE = r"""
<pre id="probe"></pre>
<script>
addEventListener('load', () => {
  const rgb = (c) => (c.match(/\d+/g) || []).slice(0, 3).map(Number);
  const firsts = [...document.querySelectorAll('mark.s.first')];
  const docs = [...document.querySelectorAll('article.document')].map((a) => {
    const r = a.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width };
  });
  const marks = firsts.map((m) => {
    const r = m.getClientRects()[0];
    const before = getComputedStyle(m, '::before');
    return {
      id: m.id,
      label: m.dataset.label,
      holds: m.querySelector('mark') !== null,
      before: before.content,
      chip: rgb(before.backgroundColor),
      background: rgb(getComputedStyle(m).backgroundColor),
      rect: { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height },
    };
  });
  document.getElementById('probe').textContent = JSON.stringify({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    page: rgb(getComputedStyle(document.body).backgroundColor),
    ink: rgb(getComputedStyle(document.body).color),
    pieces: document.querySelectorAll('mark.s').length,
    marks, docs,
    links: document.querySelectorAll('#links tbody tr').length,
    reviews: document.querySelectorAll('#reviews tbody tr').length,
    scripts: document.scripts.length,
  });
});
</script>
"""

results = []


def ok(condition, name, detail=""):
    results.append(bool(condition))
    print(f"{'ok' if condition else 'not ok'} {len(results)} - {name}")
    if not condition and detail:
        for line in str(detail).splitlines():
            print(f"# {line}")
    return condition


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def run_chromium(chromium, profile, args, url):
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
               *args, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def probe(chromium, profile, page, width, height, dark=False):
    args = [f"--window-size={width},{height}", "--dump-dom", "--virtual-time-budget=5000"]
    if dark:
        args.append("--force-dark-mode")
    done = run_chromium(chromium, profile, args, "file://" + page)
    match = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    if not match or not match.group(1):
        return None, done.stderr[-2000:]
    return json.loads(html.unescape(match.group(1))), None


def mix(hex_colour, towards, amount):
    c = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return [int(min(255, max(0, (x / 255 * amount + t / 255 * (1 - amount)) * 255 + 0.5)))
            for x, t in zip(c, towards)]


def close(a, b, tolerance=3):
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b))


def histogram(png, rect):
    """Colour → pixel count inside rect of the image, by ImageMagick"""
    x, y, w, h = (int(round(rect[k])) for k in ("x", "y", "w", "h"))
    done = subprocess.run(["convert", png, "-crop", f"{w}x{h}+{x}+{y}", "+repage",
                           "-format", "%c", "histogram:info:-"],
                          capture_output=True, text=True, timeout=60)
    counts = {}
    for line in done.stdout.splitlines():
        m = re.match(r"\s*(\d+):\s*\(\s*(\d+),\s*(\d+),\s*(\d+)", line)
        if m:
            counts[tuple(int(v) for v in m.group(2, 3, 4))] = int(m.group(1))
    return counts


def main(cli, sample, out_dir):
    chromium = chromium_path()
    if chromium is None:
        print("1..0 # SKIP Chromium is not installed (scripts/install-peers installs it)")
        return 0
    if shutil.which("convert") is None:
        print("1..0 # SKIP ImageMagick's convert is not installed (scripts/install-deps installs it)")
        return 0

    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="collate-report-browser-")
    profile = os.path.join(work, "profile")
    project = os.path.join(work, "talks.collate.json")
    report = os.path.join(work, "talks.html")
    probed = os.path.join(work, "probed.html")

    done = subprocess.run([cli, "suggest", "--accept-all", "-o", project, sample],
                          capture_output=True, text=True, timeout=120)
    if not ok(done.returncode == 0, "suggest --accept-all makes a project with reviews", done.stderr):
        return 1
    done = subprocess.run([cli, "report", project, "-o", report], capture_output=True, text=True,
                          timeout=120)
    if not ok(done.returncode == 0 and os.path.exists(report), "report -o writes the page", done.stderr):
        return 1

    with open(project, encoding="utf-8") as f:
        data = json.load(f)
    colours = {label["name"]: label["color"] for label in data["schema"]["span_labels"]}
    with open(report, encoding="utf-8") as f:
        page = f.read()
    ok("<script" not in page.lower(), "the report has no script")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', page)
    ok(csp is not None, "the report forbids fetching and running anything")
    with open(probed, "w", encoding="utf-8") as f:
        f.write(page.replace(csp.group(0), "").replace("</body>", PROBE + "</body>"))

    white, night = (255, 255, 255), (0x1d, 0x1d, 0x20)
    light = None
    for name, width, height, dark in (("wide, light", 1400, 1000, False),
                                      ("narrow, light", 500, 900, False),
                                      ("wide, dark", 1400, 1000, True)):
        facts, error = probe(chromium, profile, probed, width, height, dark)
        if not ok(facts is not None, f"{name}: Chromium lays the page out", error):
            continue
        if not dark and width == 1400:
            light = facts
        ok(facts["scripts"] == 1, f"{name}: no script but the probe", facts["scripts"])
        ok(facts["scrollWidth"] <= facts["clientWidth"],
           f"{name}: the page does not overflow sideways ({facts['scrollWidth']} ≤ {facts['clientWidth']} px)")
        ok(len(facts["marks"]) == len(data["annotations"]),
           f"{name}: every span highlighted once ({len(facts['marks'])} of {len(data['annotations'])})")
        wrong = [m for m in facts["marks"] if m["before"] != json.dumps(m["label"])]
        ok(not wrong, f"{name}: every span shows its label's name before it", wrong[:3])
        expected_bg = lambda m: mix(colours[m["label"]], night if dark else white, 0.45 if dark else 0.38)
        wrong = [(m["id"], m["background"], expected_bg(m)) for m in facts["marks"]
                 if not close(m["background"], expected_bg(m))]
        ok(not wrong, f"{name}: every span has its label's {'dark' if dark else 'light'} background", wrong[:3])
        wrong = [(m["id"], m["chip"]) for m in facts["marks"] if not close(m["chip"], mix(colours[m["label"]], white, 1))]
        ok(not wrong, f"{name}: every label is written on its colour", wrong[:3])
        page_dark = sum(facts["page"]) < 3 * 80
        ok(page_dark == dark, f"{name}: the page is {'dark' if dark else 'light'} ({facts['page']}, text {facts['ink']})")
        ok(facts["links"] == len(data["links"]), f"{name}: every link listed ({facts['links']})")
        ok(facts["reviews"] == len(data["reviews"]) > 0, f"{name}: every review listed ({facts['reviews']})")
        if width == 1400:
            docs = facts["docs"]
            ok(len(docs) == 2 and abs(docs[0]["top"] - docs[1]["top"]) < 1
               and docs[0]["left"] + docs[0]["width"] <= docs[1]["left"]
               and docs[1]["left"] + docs[1]["width"] <= width,
               f"{name}: the two documents stand side by side", docs)

    # The report itself, as a person sees it
    shot = os.path.join(out_dir, "report-light.png")
    done = run_chromium(chromium, profile, ["--window-size=1400,1000", f"--screenshot={shot}"], "file://" + report)
    if ok(os.path.exists(shot), "the report renders to a screenshot", done.stderr[-2000:]) and light:
        # spans with others inside are partly covered by them
        visible = [m for m in light["marks"] if m["rect"]["y"] + m["rect"]["h"] < 1000
                   and m["rect"]["w"] > 20 and not m["holds"]]
        ok(len(visible) >= 3, f"spans on the first screen ({len(visible)})")
        wrong = []
        for m in visible:
            counts = histogram(shot, m["rect"])
            total = sum(counts.values()) or 1
            bg = mix(colours[m["label"]], white, 0.38)
            share = sum(n for c, n in counts.items() if close(list(c), bg, 4)) / total
            if share < 0.2:
                wrong.append((m["id"], m["label"], round(share, 2)))
        ok(not wrong, f"the screenshot shows {len(visible)} spans in their label's colour where the browser put them",
           wrong)

    pdf = os.path.join(work, "talks.pdf")
    done = run_chromium(chromium, profile, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"], "file://" + report)
    pages = 0
    if os.path.exists(pdf):
        with open(pdf, "rb") as f:
            pages = len(re.findall(rb"/Type\s*/Page[^s]", f.read()))
    ok(pages >= 2, f"the report prints ({pages} pages)", done.stderr[-2000:])

    shutil.rmtree(work, ignore_errors=True)
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
