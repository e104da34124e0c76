#!/usr/bin/env python3
"""Writes curate-ann.collate.json and curate-bob.collate.json beside this file:
two annotators' versions of the sample reports (documents taken from
tests/team/ann.collate.json) that agree on two spans and disagree on four
passages, for e2e-curation.sh and test-curation-panel.  Run again only to
change the fixtures: the tests read the files as committed.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
WHEN = "2026-12-05T20:00:00Z"


def main():
    base = json.load(open(os.path.join(HERE, "..", "..", "team", "ann.collate.json"), encoding="utf-8"))
    docs = base["documents"]
    d1, d2 = docs[0], docs[1]

    def at(doc, quote, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = doc["text"].index(quote, start + 1)
        return doc, start, start + len(quote)

    def span(where, label, author, ident):
        doc, start, end = where
        return {"id": ident, "document": doc["id"], "start": start, "end": end, "label": label,
                "text": doc["text"][start:end], "note": "", "attributes": {}, "author": author,
                "created": WHEN, "modified": WHEN}

    claim = "Trump to Russia: ‘Get Moving’ on Ukraine"
    shared = [(at(d1, "Witkoff"), "Person"), (at(d1, "Putin"), "Person")]
    ann = shared + [(at(d1, claim), "Claim"),
                    (at(d1, "Saint Petersburg"), "Location"),
                    (at(d2, "Thursday"), "Time")]
    bob = shared + [(at(d1, "Trump to Russia"), "Claim"),
                    (at(d1, "Saint Petersburg"), "Organization"),
                    (at(d2, "Donald Trump"), "Person")]
    for name, spans in (("ann", ann), ("bob", bob)):
        project = {
            "format": "collate-project", "version": 1, "title": "Trump to Russia",
            "next_id": 100, "metadata": {}, "schema": base["schema"], "documents": docs,
            "annotations": [span(w, label, name, "a%d" % (i + 1)) for i, (w, label) in enumerate(spans)],
            "links": [],
        }
        with open(os.path.join(HERE, "curate-%s.collate.json" % name), "w", encoding="utf-8") as f:
            json.dump(project, f, ensure_ascii=False, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
