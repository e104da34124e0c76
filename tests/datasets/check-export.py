#!/usr/bin/env python3
# check-export.py — reads an export the way the tools of each format do
# (Python's json and csv modules; str indices are code points, as in brat,
# spaCy and Prodigy) and checks it against the project it came from.
#
# Usage: check-export.py FORMAT PATH PROJECT.collate.json
# Exit status 0 if the export reads back, 1 with a message otherwise.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import hashlib
import io
import json
import os
import sys

fmt, path, project_path = sys.argv[1:4]
with open(project_path, encoding="utf-8") as f:
    project = json.load(f)
docs = {d["id"]: d for d in project["documents"]}
spans = {a["id"]: a for a in project["annotations"]}
links = {l["id"]: l for l in project["links"]}
by_sha = {hashlib.sha256(d["text"].encode("utf-8")).hexdigest(): d for d in project["documents"]}
problems = []


def check(cond, message):
    if not cond:
        problems.append(message)


def check_jsonl():
    seen = set()
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            task = json.loads(line)
            text = task["text"]
            doc = docs[task["meta"]["id"]]
            check(text == doc["text"], f"line {n}: text differs")
            check(task["meta"]["sha256"] == hashlib.sha256(text.encode()).hexdigest(),
                  f"line {n}: sha256")
            tokens = task["tokens"]
            for i, t in enumerate(tokens):
                check(t["id"] == i, f"line {n}: token {i} has id {t['id']}")
                check(text[t["start"]:t["end"]] == t["text"], f"line {n}: token {i} offsets")
                check(t["text"].strip() == t["text"] != "", f"line {n}: token {i} white space")
                after = text[t["end"]:t["end"] + 1]
                check(t["ws"] == (after != "" and after.isspace()), f"line {n}: token {i} ws")
                if i > 0:
                    check(tokens[i - 1]["end"] <= t["start"], f"line {n}: token {i} order")
                    check(text[tokens[i - 1]["end"]:t["start"]].strip() == "",
                          f"line {n}: text left out before token {i}")
            for s in task["spans"]:
                check(text[s["start"]:s["end"]] == s["text"], f"line {n}: span {s['id']} offsets")
                ts, te = s["token_start"], s["token_end"]
                check(0 <= ts <= te < len(tokens), f"line {n}: span {s['id']} tokens")
                if 0 <= ts <= te < len(tokens):
                    # the tokens touch the span, and the span lies within them
                    check(tokens[ts]["start"] <= s["start"] < tokens[ts]["end"] or
                          text[s["start"]:tokens[ts]["start"]].isspace(),
                          f"line {n}: span {s['id']} token_start")
                    check(tokens[te]["start"] < s["end"] <= tokens[te]["end"] or
                          text[tokens[te]["end"]:s["end"]].isspace(),
                          f"line {n}: span {s['id']} token_end")
                seen.add(s["id"])
    check(seen == set(spans), "jsonl: not every span was written")


def check_csv():
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    check(raw.endswith("\r\n"), "csv: records must end in CRLF")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    header = rows[0]
    check(header == ["id", "kind", "document", "start", "end", "label", "quote", "note",
                     "author", "created", "modified", "from", "to"], f"csv header {header}")
    check(len(rows) == 1 + len(spans) + len(links), f"csv: {len(rows)} rows")
    for row in rows[1:]:
        check(len(row) == 13, f"csv: row {row[0]} has {len(row)} fields")
        rec = dict(zip(header, row))
        if rec["kind"] == "span":
            a = spans[rec["id"]]
            text = docs[rec["document"]]["text"]
            check(text[int(rec["start"]):int(rec["end"])] == rec["quote"], f"csv: {rec['id']} quote")
            check(rec["note"] == a["note"], f"csv: {rec['id']} note")
        else:
            l = links[rec["id"]]
            check((rec["from"], rec["to"], rec["label"], rec["note"]) ==
                  (l["from"], l["to"], l["label"], l["note"]), f"csv: link {rec['id']}")


def check_w3c():
    with open(path, encoding="utf-8") as f:
        coll = json.load(f)
    check(coll["type"] == "AnnotationCollection", "w3c: type")
    items = coll["first"]["items"]
    check(coll["total"] == len(items), "w3c: total")
    for item in items:
        check(item["type"] == "Annotation", "w3c: item type")
        target = item["target"]
        if item["motivation"] == "linking":
            check(len(target) == 2, "w3c: a link targets two spans")
            continue
        sha = target["source"][len("urn:sha256:"):]
        text = by_sha[sha]["text"]
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        pos = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        start, end = pos["start"], pos["end"]
        check(text[start:end] == quote["exact"], f"w3c: {item['id']} exact")
        check(text[max(0, start - 32):start] == quote["prefix"], f"w3c: {item['id']} prefix")
        check(text[end:end + 32] == quote["suffix"], f"w3c: {item['id']} suffix")


def check_brat():
    for name in sorted(os.listdir(path)):
        if not name.endswith(".ann"):
            continue
        with open(os.path.join(path, name[:-4] + ".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        ids = set()
        with open(os.path.join(path, name), encoding="utf-8", newline="") as f:
            for n, line in enumerate(f.read().split("\n"), 1):
                if not line:
                    continue
                fields = line.split("\t", 2)
                ids.add(fields[0])
                if line.startswith("T"):
                    kind, _, offsets = fields[1].partition(" ")
                    frags = [tuple(map(int, p.split())) for p in offsets.split(";")]
                    got = " ".join(text[s:e] for s, e in frags)
                    check(got == fields[2], f"{name}:{n}: text {fields[2]!r} != {got!r}")
                    check(all("\n" not in text[s:e] for s, e in frags), f"{name}:{n}: newline")
                elif line.startswith("R"):
                    args = [a.split(":")[1] for a in fields[1].split()[1:]]
                    check(all(a in ids for a in args), f"{name}:{n}: relation arguments")


def check_conll():
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    order = [d["id"] for d in project["documents"]]
    doc = -1
    pos = 0
    prev = "O"
    for n, line in enumerate(lines, 1):
        if line == "":
            prev = "O"          # a sentence ends: IOB2 starts over
            continue
        token, sep, tag = line.partition("\t")
        check(sep == "\t" and "\t" not in tag, f"conll:{n}: not token<TAB>tag")
        if token == "-DOCSTART-":
            doc += 1
            pos = 0
            continue
        text = docs[order[doc]]["text"]
        found = text.find(token, pos)
        check(found >= 0 and text[pos:found].strip() == "", f"conll:{n}: {token!r} is not the next token")
        pos = found + len(token)
        check(tag == "O" or tag[:2] in ("B-", "I-"), f"conll:{n}: tag {tag!r}")
        if tag.startswith("I-"):
            check(prev[2:] == tag[2:] and prev != "O", f"conll:{n}: I- without B- (IOB2)")
        prev = tag
    check(doc + 1 == len(order), "conll: -DOCSTART- per document")


def check_nli():
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            pair = json.loads(line)
            for side in ("premise", "hypothesis"):
                text = docs[pair[side + "_document"]]["text"]
                check(text[pair[side + "_start"]:pair[side + "_end"]] == pair[side],
                      f"nli:{n}: {side} offsets")
            link = links[pair["link_id"]]
            check((pair["premise_id"], pair["hypothesis_id"]) == (link["from"], link["to"]),
                  f"nli:{n}: premise/hypothesis are not the link's from/to")
            expected = {"Contradicts": "contradiction", "Corroborates": "entailment"}
            check(pair["label"] == expected.get(link["label"], link["label"]), f"nli:{n}: label")


def check_label_studio():
    import xml.etree.ElementTree as ET
    config = ET.parse(os.path.join(path, "config.xml")).getroot()
    check(config.tag == "View", "config.xml: root is not <View>")
    labels = {l.get("value") for l in config.iter("Label")}
    relations = {r.get("value") for r in config.iter("Relation")}
    text = config.find("Text")
    check(text is not None and text.get("value") == "$text", "config.xml: <Text value=\"$text\">")
    with open(os.path.join(path, "tasks.json"), encoding="utf-8") as f:
        tasks = json.load(f)
    for task in tasks:
        for r in task["annotations"][0]["result"]:
            if r["type"] == "labels":
                check(set(r["value"]["labels"]) <= labels, f"task {task['id']}: labels not in config.xml")
                # Label Studio counts code points, as Python's str indices do
                got = task["data"]["text"][r["value"]["start"]:r["value"]["end"]]
                check(got == r["value"]["text"], f"task {task['id']}: region {r['id']} offsets")
            elif r["type"] == "relation":
                check(set(r["labels"]) <= relations, f"task {task['id']}: relation label not in config.xml")


checks = {"jsonl": check_jsonl, "csv": check_csv, "w3c": check_w3c, "brat": check_brat,
          "label-studio": check_label_studio, "conll": check_conll, "nli": check_nli}
checks[fmt]()
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
