#!/usr/bin/env python3
# peer-check.py — exports a project with collate-cli as label-studio and w3c
# and loads the exports into the real frontends of Label Studio and Recogito
# in headless Chromium, through the checkers of shared/tools/peer-check:
#
#  - ls-check.mjs: every region of every task is anchored by Label Studio's
#    frontend on the exported value.text;
#  - the same on a copy of the export with its offsets turned into UTF-16 code
#    units, which must fail (the check can tell the two apart);
#  - what the frontend serializes for those tasks (ls-serialize.mjs: what Label
#    Studio stores once the task is submitted), imported by collate-cli, gives
#    back every span at its offsets and every link within a document;
#  - recogito-check.mjs --spec, for each document: every TextPositionSelector
#    counts code points with its TextQuoteSelector around it (the W3C rule),
#    and Recogito anchors every target on its exact text once the positions
#    are converted to the UTF-16 code units it counts (--positions codepoints).
#
# Usage: peer-check.py COLLATE_CLI PROJECT PEER_CHECK_DIR
# The npm work folder of the checkers is $PEERS_WORK (scripts/install-deps
# fills /var/tmp/collate-peers).  Speaks TAP; skips, saying why, only where
# Chromium is not installed.  Writes only in a temporary folder.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

collate_cli, project_path, peer_dir = (os.path.abspath(a) for a in sys.argv[1:4])
work = os.environ.get("PEERS_WORK") or "/var/tmp/collate-peers"
chromium = os.environ.get("PEERS_CHROMIUM") or "/usr/bin/chromium"
env = dict(os.environ, PEERS_WORK=work, PEERS_CHROMIUM=chromium)

if not os.access(chromium, os.X_OK):
    print(f"1..0 # SKIP Chromium is not installed ({chromium}; scripts/install-deps installs "
          "Debian's chromium where it can): Label Studio's and Recogito's frontends cannot be loaded")
    sys.exit(0)


def bail(message):
    print(f"Bail out! {message}")
    sys.exit(1)


node = shutil.which("node")
if node is None:
    bail("node is not installed (scripts/install-deps installs it)")
node_major = int(subprocess.run([node, "-p", "process.versions.node.split('.')[0]"],
                                stdout=subprocess.PIPE, encoding="utf-8").stdout.strip() or 0)
if node_major < 20:
    bail(f"node {node_major} is too old for playwright-core, which drives Chromium: it needs Node 20 or later")
for script in ("ls-check.mjs", "recogito-check.mjs", "lib.mjs"):
    if not os.path.isfile(os.path.join(peer_dir, script)):
        bail(f"{os.path.join(peer_dir, script)} is missing: the peer checkers are read from "
             "shared/tools/peer-check beside the source tree")
for package in ("playwright-core", "@heartexlabs/label-studio/build", "@recogito/text-annotator/dist"):
    if not os.path.isdir(os.path.join(work, "node_modules", package)):
        bail(f"{os.path.join(work, 'node_modules', package)} is missing: run scripts/install-deps "
             "(it installs the checkers' npm packages into $PEERS_WORK, default /var/tmp/collate-peers)")

with open(project_path, encoding="utf-8") as f:
    project = json.load(f)
documents = project["documents"]
here = os.path.dirname(os.path.abspath(__file__))

tmp = tempfile.mkdtemp(prefix="collate-peer-check-")
n = 0
failed = 0


def result(ok, description, output=""):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    for line in output.rstrip("\n").split("\n") if output else []:
        print(f"# {line}")
    print(f"{'ok' if ok else 'not ok'} {n} - {description}")


def run(argv):
    p = subprocess.run(argv, cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       encoding="utf-8", errors="replace", timeout=600)
    return p.returncode, p.stdout


def to_utf16(text, offset):
    return len(text[:offset].encode("utf-16-le")) // 2


try:
    print(f"1..{5 + len(documents)}")
    ls = os.path.join(tmp, "label-studio")
    w3c = os.path.join(tmp, "w3c.jsonld")
    rc, out = run([collate_cli, "export", "--quiet", "--format", "label-studio", "-o", ls, project_path])
    result(rc == 0, "collate-cli export --format label-studio", out)
    rc, out = run([collate_cli, "export", "--quiet", "--format", "w3c", "-o", w3c, project_path])
    result(rc == 0, "collate-cli export --format w3c", out)
    if failed:
        bail("collate-cli could not export the project")

    tasks_json = os.path.join(ls, "tasks.json")
    config_xml = os.path.join(ls, "config.xml")
    rc, out = run([node, os.path.join(peer_dir, "ls-check.mjs"), tasks_json, config_xml, "--verbose"])
    result(rc == 0, "Label Studio's frontend anchors every region on its value.text", out)

    # The same tasks with UTF-16 offsets: Label Studio must mis-anchor them
    with open(tasks_json, encoding="utf-8") as f:
        tasks = json.load(f)
    moved = 0
    for task in tasks:
        text = task["data"]["text"]
        for r in task["annotations"][0]["result"]:
            if r["type"] == "labels":
                start, end = to_utf16(text, r["value"]["start"]), to_utf16(text, r["value"]["end"])
                moved += (start, end) != (r["value"]["start"], r["value"]["end"])
                r["value"]["start"], r["value"]["end"] = start, end
    utf16_json = os.path.join(tmp, "tasks-utf16.json")
    with open(utf16_json, "w", encoding="utf-8") as f:
        json.dump(tasks, f, ensure_ascii=False)
    rc, out = run([node, os.path.join(peer_dir, "ls-check.mjs"), utf16_json, config_xml, "--timeout", "5"])
    mismatches = out.count("MISMATCH") + out.count("MISSING")
    result(rc == 1 and moved > 0 and mismatches == moved,
           f"the same tasks with UTF-16 offsets are caught ({moved} regions moved, "
           f"{mismatches} mis-anchored)", out if rc != 1 or mismatches != moved else "")

    # Label Studio's own serialization, imported back
    frontend_json = os.path.join(tmp, "frontend.json")
    back = os.path.join(tmp, "back.collate.json")
    rc, out = run([node, os.path.join(here, "ls-serialize.mjs"), peer_dir, tasks_json, config_xml, frontend_json])
    if rc == 0:
        rc, more = run([collate_cli, "import", "--format", "label-studio", "-o", back, frontend_json])
        out += more
    problems = []
    if rc == 0:
        with open(back, encoding="utf-8") as f:
            imported = json.load(f)
        got = {a["id"]: a for a in imported["annotations"]}
        for a in project["annotations"]:
            b = got.get(a["id"], {})
            if [b.get(k) for k in ("document", "start", "end", "label", "text")] != \
               [a[k] for k in ("document", "start", "end", "label", "text")]:
                problems.append(f"span {a['id']} {a['start']}-{a['end']} {a['text']!r} came back as "
                                f"{b.get('start')}-{b.get('end')} {b.get('text')!r}")
        doc_of = {a["id"]: a["document"] for a in project["annotations"]}
        want = {(k["label"], k["from"], k["to"]) for k in project["links"] if doc_of[k["from"]] == doc_of[k["to"]]}
        have = {(k["label"], k["from"], k["to"]) for k in imported["links"]}
        if want != have:
            problems.append(f"links within a document {sorted(want)} came back as {sorted(have)}")
    result(rc == 0 and not problems and len(got) == len(project["annotations"]),
           "what Label Studio's frontend serializes imports back to the same spans and links",
           out + "\n".join(problems))

    for d in documents:
        text_path = os.path.join(tmp, f"{d['id']}.txt")
        with open(text_path, "w", encoding="utf-8", newline="") as f:
            f.write(d["text"])
        source = "urn:sha256:" + hashlib.sha256(d["text"].encode("utf-8")).hexdigest()
        rc, out = run([node, os.path.join(peer_dir, "recogito-check.mjs"), text_path, w3c,
                       "--source", source, "--positions", "codepoints", "--spec", "--verbose"])
        result(rc == 0, f"{d['id']} ({d['title']}): W3C selectors in code points, and Recogito "
               "anchors every target on its exact text", out)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

sys.exit(1 if failed else 0)
