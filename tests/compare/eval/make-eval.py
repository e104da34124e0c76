#!/usr/bin/env python3
"""Writes eval.collate.json and held-out.collate.json from pairs.py: two
documents per event, and for
each true disagreement (or agreement) two Claim spans joined by a link whose
note is the kind.  Run it again after editing pairs.py; the output is
deterministic."""
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pairs import HELD_OUT, PAIRS  # noqa: E402

STAMP = "2026-12-05T00:00:00Z"


def find(text, quote, n=1):
    at = -1
    for _ in range(n):
        at = text.find(quote, at + 1)
        if at < 0:
            sys.exit(f"not found: {quote!r}")
    return at, at + len(quote)


def write(pairs, title, out):
    documents, annotations, links = [], [], []
    next_id = 1
    for i, pair in enumerate(pairs):
        ids = []
        for side in "ab":
            text = pair[side] + "\n"
            doc_id = f"e{i + 1}{side}"
            ids.append((doc_id, text))
            documents.append({
                "id": doc_id, "title": f"{pair['title']} ({side.upper()})", "source": "",
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "text": text})
        for mark in pair["marks"]:
            kind, qa, qb = mark[0], mark[1], mark[2]
            spans = []
            for (doc_id, text), quote in zip(ids, (qa, qb)):
                start, end = find(text, quote)
                span_id = f"a{next_id}"
                next_id += 1
                annotations.append({
                    "id": span_id, "document": doc_id, "start": start, "end": end,
                    "label": "Claim", "text": quote, "note": "", "attributes": {},
                    "author": "eval", "created": STAMP, "modified": STAMP})
                spans.append(span_id)
            link_id = f"l{next_id}"
            next_id += 1
            links.append({
                "id": link_id,
                "label": "Corroborates" if kind in ("agreement", "quantity-precision") else "Contradicts",
                "from": spans[0], "to": spans[1], "note": kind, "author": "eval",
                "created": STAMP, "modified": STAMP})
    order = {d["id"]: n for n, d in enumerate(documents)}
    annotations.sort(key=lambda a: (order[a["document"]], a["start"], a["end"], int(a["id"][1:])))
    links.sort(key=lambda l: int(l["id"][1:]))
    project = {
        "format": "collate-project", "version": 1,
        "title": title, "next_id": next_id, "metadata": {},
        "schema": {
            "span_labels": [{"name": "Claim", "color": "#9c7a11", "hotkey": "1"}],
            "link_labels": [{"name": "Contradicts", "color": "#e93b4a"},
                            {"name": "Corroborates", "color": "#658a0f"},
                            {"name": "Same entity", "color": "#e620b1"}]},
        "documents": documents, "annotations": annotations, "links": links}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(project, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    write(PAIRS, "Compare: evaluation set", os.path.join(here, "eval.collate.json"))
    write(HELD_OUT, "Compare: evaluation set, held out", os.path.join(here, "held-out.collate.json"))
