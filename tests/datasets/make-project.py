#!/usr/bin/env python3
# make-project.py — writes datasets.collate.json, the project that the
# dataset tests export and import: the two sample reports and a text with
# emoji, with spans right after curly quotes and dashes, spans across line
# breaks, nested spans, notes with commas, quotes and line breaks,
# attributes, and links within and across documents.
#
# Usage: make-project.py SAMPLES_DIR OUTPUT
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import sys

samples, output = sys.argv[1], sys.argv[2]


def read(name):
    with open(f"{samples}/{name}", encoding="utf-8", newline="") as f:
        return f.read()


EMOJI = ("Launch 🚀 at 09:00 — the crowd said “wow” 😀👍🏽.\n"
         "Flags 🇺🇦 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text; a family 👨‍👩‍👧 waved.\n")

documents = [
    {"id": "d1", "title": "Trump to Russia: ‘Get Moving’ on Ukraine as Witkoff Holds Talks With Putin",
     "source": "witkoff-putin-report-1.txt", "text": read("witkoff-putin-report-1.txt")},
    {"id": "d2", "title": "U.S. President Donald Trump on Thursday called on Russia",
     "source": "witkoff-putin-report-2.txt", "text": read("witkoff-putin-report-2.txt")},
    {"id": "d3", "title": "../../etc/passwd\u0001 Emoji: 🚀/test",
     "source": "emoji.txt", "text": EMOJI},
]
for d in documents:
    d["sha256"] = hashlib.sha256(d["text"].encode("utf-8")).hexdigest()

texts = {d["id"]: d["text"] for d in documents}
annotations = []
AUTHOR = "Ana Lysis"


def span(doc, quote, label, before="", nth=0, note="", attributes=None, id=None):
    """A span on the nth occurrence of before+quote; offsets in code points."""
    text = texts[doc]
    pos = -1
    for _ in range(nth + 1):
        pos = text.find(before + quote, pos + 1)
        assert pos >= 0, (doc, before + quote)
    start = pos + len(before)
    a = {"id": id or f"a{len(annotations) + 1}", "document": doc,
         "start": start, "end": start + len(quote), "label": label, "text": quote,
         "note": note, "attributes": attributes or {}, "author": AUTHOR,
         "created": "2026-11-20T10:00:00Z", "modified": "2026-11-21T09:30:00Z"}
    annotations.append(a)
    return a["id"]


headline = span("d1", "Get Moving", "Claim", before="‘", note="headline")
get_moving = span("d1", "get moving", "Claim", before="“")
envoy = span("d1", "his envoy, Steve Witkoff, held a four-and-a-half-hour meeting with Russian "
             "President Vladimir Putin", "Claim")
witkoff1 = span("d1", "Steve Witkoff", "Person", before="envoy, ")
meeting = span("d1", "four-and-a-half-hour meeting", "Quantity",
               note='Compare: "over four hours",\nreport 2')
third1 = span("d1", "third official meeting with Putin since February", "Claim")
move = span("d1", "a move central to his second-term foreign policy agenda", "Claim", before="—",
            attributes={"certainty": "high", "checked": "yes"})
trump_dash = span("d1", "Trump\n\nTrump’s blunt statement", "Claim", before="– ")
trump = span("d1", "Trump", "Person", before="– ")
us = span("d1", "U.S.", "Location")

senseless = span("d2", "senseless", "Claim", before="“")
stpete_line = span("d2", "St. Petersburg.\n“Russia has to get moving,”", "Claim")
stpete = span("d2", "St. Petersburg", "Location")
witkoff2 = span("d2", "Steve Witkoff", "Person")
four = span("d2", "over four hours", "Quantity")
third2 = span("d2", "third visit to Russia this year", "Claim")
raising = span("d2", "raising further alarm among Western allies", "Claim", before="—")

rocket = span("d3", "🚀", "Claim")
wow = span("d3", "wow", "Claim", before="“")
smile = span("d3", "😀👍🏽", "Quantity", note="emoji, with a skin tone")
flag = span("d3", "🇺🇦", "Location")
fraktur = span("d3", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Organization")
family = span("d3", "family 👨‍👩‍👧", "Person")

links = []


def link(label, a, b, note=""):
    links.append({"id": f"l{len(links) + 1}", "label": label, "from": a, "to": b,
                  "note": note, "author": AUTHOR,
                  "created": "2026-11-20T11:00:00Z", "modified": "2026-11-20T11:00:00Z"})


link("Contradicts", meeting, four, 'Four and a half hours against "over four"')
link("Same entity", witkoff1, witkoff2)
link("Corroborates", get_moving, headline, "The headline quotes the post")
link("Contradicts", third1, third2)
link("Corroborates", smile, wow)
link("Same entity", trump, trump_dash)

project = {
    "format": "collate-project",
    "version": 1,
    "title": "Datasets test: “quotes”, dashes — and emoji 🚀",
    "schema": {
        "span_labels": [
            {"name": "Claim", "color": "#9c7a11", "hotkey": "1"},
            {"name": "Person", "color": "#307ce8", "hotkey": "2"},
            {"name": "Organization", "color": "#c041ea", "hotkey": "3"},
            {"name": "Location", "color": "#109251", "hotkey": "4"},
            {"name": "Time", "color": "#d05b17", "hotkey": "5"},
            {"name": "Quantity", "color": "#108d91", "hotkey": "6"},
        ],
        "link_labels": [
            {"name": "Contradicts", "color": "#e93b4a"},
            {"name": "Corroborates", "color": "#658a0f"},
            {"name": "Same entity", "color": "#e620b1"},
        ],
    },
    "documents": documents,
    "annotations": annotations,
    "links": links,
}

with open(output, "w", encoding="utf-8") as f:
    json.dump(project, f, ensure_ascii=False, indent=2)
    f.write("\n")
