#!/usr/bin/env python3
"""Writes the three annotators' versions of the sample project in tests/team/.

ann.collate.json holds spans over the sample reports (one to four words,
labels drawn with a fixed seed) and links between them; bob and cid start
from ann's and drop, move, relabel and add spans and links at fixed rates,
as people who disagree do.  cid's documents are in the other order under
other ids, so that pairing by text is tested too.  Run again only to change
the fixtures: the tests read the files as committed.

Usage: make-fixtures.py BASE.collate.json   (made by `collate-cli new` from
data/samples/*.txt)
"""
import json
import random
import re
import sys

LABELS = ["Claim", "Person", "Organization", "Location", "Time", "Quantity"]
LINKS = ["Contradicts", "Corroborates", "Same entity"]
WHEN = "2026-12-05T20:00:00Z"


def words(text):
    return [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]


def span(doc, start, end, label, author, ident):
    return {"id": ident, "document": doc["id"], "start": start, "end": end, "label": label,
            "text": doc["text"][start:end], "note": "", "attributes": {}, "author": author,
            "created": WHEN, "modified": WHEN}


def main(base_path):
    base = json.load(open(base_path, encoding="utf-8"))
    rng = random.Random(12)
    docs = base["documents"]
    ann = []
    for doc in docs:
        w = words(doc["text"])
        i = 0
        while i < len(w):
            i += rng.randint(2, 12)
            if i >= len(w):
                break
            n = rng.randint(1, 4)
            j = min(i + n, len(w)) - 1
            ann.append((doc, w[i][0], w[j][1], rng.choice(LABELS)))
            i = j + 1

    def perturb(spans, seed):
        r = random.Random(seed)
        out = []
        for doc, start, end, label in spans:
            x = r.random()
            if x < 0.15:
                continue                      # not tagged
            if x < 0.25:
                w = words(doc["text"])
                ends = [e for s, e in w if e > start and e != end]
                if ends:
                    end = min(ends, key=lambda e: abs(e - end))   # a word more or less
            elif x < 0.35:
                label = r.choice(LABELS)      # another label
            out.append((doc, start, end, label))
        for doc in docs:                      # a few of their own
            w = words(doc["text"])
            for _ in range(len(spans) // 20):
                k = r.randrange(len(w) - 2)
                out.append((doc, w[k][0], w[k + 1][1], r.choice(LABELS)))
        return out

    versions = {"ann": ann, "bob": perturb(ann, 1), "cid": perturb(ann, 2)}
    link_rng = random.Random(7)
    ann_links = []
    for _ in range(40):
        a, b = link_rng.sample(range(len(ann)), 2)
        ann_links.append((ann[a][:4], ann[b][:4], link_rng.choice(LINKS)))

    for name, spans in versions.items():
        project = json.loads(json.dumps(base))
        project["title"] = f"Sample reports, annotated by {name}"
        if name == "cid":
            project["documents"] = [dict(d, id=f"r{2 - k}") for k, d in enumerate(reversed(docs))]
        remap = {d["sha256"]: d for d in project["documents"]}
        annotations = []
        key_to_id = {}
        for k, (doc, start, end, label) in enumerate(spans):
            ident = f"a{k + 1}"
            key = (doc["sha256"], start, end, label)
            if key in key_to_id:
                continue
            key_to_id[key] = ident
            annotations.append(span(remap[doc["sha256"]], start, end, label, name, ident))
        links = []
        r = random.Random(len(name) * 31 + ord(name[0]))
        for k, (x, y, label) in enumerate(ann_links):
            kx = (x[0]["sha256"],) + x[1:4]
            ky = (y[0]["sha256"],) + y[1:4]
            if kx not in key_to_id or ky not in key_to_id:
                continue
            if name != "ann" and r.random() < 0.25:
                label = r.choice(LINKS)
            ends = [key_to_id[kx], key_to_id[ky]]
            if name != "ann" and r.random() < 0.5:
                ends.reverse()                # drawn the other way round
            links.append({"id": f"l{k + 1}", "label": label, "from": ends[0], "to": ends[1],
                          "note": "", "author": name, "created": WHEN, "modified": WHEN})
        project["annotations"] = annotations
        project["links"] = links
        project["next_id"] = len(spans) + len(ann_links) + 10
        with open(f"{sys.path[0]}/{name}.collate.json", "w", encoding="utf-8") as f:
            json.dump(project, f, ensure_ascii=False, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
