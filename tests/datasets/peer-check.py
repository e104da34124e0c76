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
#    are converted to the UTF-16 code units it counts (--positions codepoints);
#  - ls-pairs-check.mjs (here) on `export --pairs`: for every pair of
#    documents, the frontend has every region on the right one of the two
#    texts, anchored on the span's quote, and every link whose spans are in
#    the two documents as a relation from the region of its "from" quote to
#    that of its "to" quote, with its label, and no other relation; the same
#    tasks with each relation's ends swapped must fail; the same check on the
#    expected-output fixture tests/datasets/expected/label-studio-pairs.
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


def pairs_expected(project):
    """What each task of `export --pairs` must hold, from the project: every
    pair of documents in project order (the first on the left, text_a), its
    spans as regions, and the links whose two spans are in the pair, by the
    text of their ends."""
    ids = [d["id"] for d in project["documents"]]
    texts = {d["id"]: d["text"] for d in project["documents"]}
    spans = {a["id"]: a for a in project["annotations"]}
    quote = lambda a: texts[a["document"]][a["start"]:a["end"]]
    out = []
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            side = {ids[i]: "text_a", ids[j]: "text_b"}
            regions = [{"id": a["id"], "object": side[a["document"]], "label": a["label"], "text": quote(a)}
                       for a in project["annotations"] if a["document"] in side]
            relations = []
            for link in project["links"]:
                a, b = spans[link["from"]], spans[link["to"]]
                if a["document"] in side and b["document"] in side:
                    relations.append({"from": {"object": side[a["document"]], "text": quote(a)},
                                      "to": {"object": side[b["document"]], "text": quote(b)},
                                      "label": link["label"]})
            out.append({"task": len(out) + 1, "regions": regions, "relations": relations})
    return out


def to_utf16(text, offset):
    return len(text[:offset].encode("utf-16-le")) // 2


try:
    print(f"1..{9 + len(documents)}")
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

    # Compared pairs: one task per pair of documents, links across as relations
    pairs = os.path.join(tmp, "label-studio-pairs")
    rc, out = run([collate_cli, "export", "--quiet", "--format", "label-studio", "--pairs", "-o", pairs,
                   project_path])
    result(rc == 0, "collate-cli export --format label-studio --pairs", out)
    pairs_json = os.path.join(pairs, "tasks.json")
    pairs_config = os.path.join(pairs, "config.xml")
    expected_json = os.path.join(tmp, "pairs-expected.json")
    with open(expected_json, "w", encoding="utf-8") as f:
        json.dump(pairs_expected(project), f, ensure_ascii=False)
    n_cross = sum(1 for e in pairs_expected(project) for r in e["relations"]
                  if r["from"]["object"] != r["to"]["object"])
    rc, out = run([node, os.path.join(here, "ls-pairs-check.mjs"), peer_dir, pairs_json, pairs_config,
                   expected_json, "--verbose"])
    result(rc == 0 and n_cross > 0,
           f"Label Studio's frontend shows every pair's regions on the right text and every link as a "
           f"relation between the right two regions ({n_cross} across the two texts)", out)
    # The check can fail: the same tasks with every relation turned around
    with open(pairs_json, encoding="utf-8") as f:
        swapped = json.load(f)
    turned = 0
    for task in swapped:
        for r in task["annotations"][0]["result"]:
            if r["type"] == "relation":
                r["from_id"], r["to_id"] = r["to_id"], r["from_id"]
                turned += 1
    swapped_json = os.path.join(tmp, "pairs-swapped.json")
    with open(swapped_json, "w", encoding="utf-8") as f:
        json.dump(swapped, f, ensure_ascii=False)
    rc, out = run([node, os.path.join(here, "ls-pairs-check.mjs"), peer_dir, swapped_json, pairs_config,
                   expected_json])
    caught = out.count("MISSING  relation")
    result(rc == 1 and turned > 0 and caught == turned,
           f"the same pairs with every relation turned around are caught ({turned} turned, {caught} missed)",
           out if rc != 1 or caught != turned else "")

    # The expected-output fixture of the core suite, checked the same way
    fixture = os.path.join(here, "expected", "label-studio-pairs")
    with open(os.path.join(here, "datasets.collate.json"), encoding="utf-8") as f:
        fixture_project = json.load(f)
    fixture_expected = os.path.join(tmp, "fixture-expected.json")
    with open(fixture_expected, "w", encoding="utf-8") as f:
        json.dump(pairs_expected(fixture_project), f, ensure_ascii=False)
    rc, out = run([node, os.path.join(here, "ls-pairs-check.mjs"), peer_dir,
                   os.path.join(fixture, "tasks.json"), os.path.join(fixture, "config.xml"), fixture_expected])
    result(rc == 0, "tests/datasets/expected/label-studio-pairs (datasets.collate.json) loads in Label "
           "Studio's frontend with every region and relation where the project has them", out)

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
