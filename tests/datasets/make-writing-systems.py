#!/usr/bin/env python3
# make-writing-systems.py — writes writing-systems.collate.json, the project
# that the peer check (tests/datasets/peer-check.py) exports and loads into
# Label Studio's and Recogito's own frontends: a social-media post with emoji
# (flags, skin tones, a ZWJ family, keycaps), text with combining marks
# (decomposed Latin, Vietnamese, Devanagari, Tamil), Japanese, Chinese with
# a character outside the BMP, Korean, and right-to-left Arabic and Hebrew
# with vowel marks, digits, Latin and emoji inside.  Spans sit before and
# after characters outside the BMP, across line breaks and inside quotes.
#
# Usage: make-writing-systems.py OUTPUT (the schema is datasets.collate.json's)
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import sys
import unicodedata

output = sys.argv[1]

POST = ("Talks lasted 4.5 hours 🕓🔥 — then the envoy flew to Moscow ✈️.\n"
        "🇷🇺 state TV called it the “third official meeting since February” 👀\n"
        "Reactions: 😂😂, 👍🏿 and a family 👨‍👩‍👧‍👦 at gate 3️⃣.\n")

# Decomposed on purpose: every accent is a combining mark of its own
MARKS = unicodedata.normalize(
    "NFD",
    "Zoë Saldaña met Nguyễn Văn An in Hà Nội; in Hindi नमस्ते means hello.\n"
    "Tamil: தமிழ் நாடு. A letter with two marks: á̈, and 𝔘́ outside the BMP.\n")

CJK = ("東京で会談が行われた。プーチン大統領は「4時間半」話した。\n"
       "北京的声明称：这是第三次正式会晤。𠮷野家の牛丼🍚は安い。\n"
       "한국어 보도: 회담은 네 시간 넘게 계속됐다.\n")

RTL = ("قال المبعوث ستيف ويتكوف إن الاجتماع استمر 4.5 ساعات 🕓 في موسكو.\n"
       "השגריר אמר: ״הפגישה נמשכה יותר מארבע שעות״ 🇮🇱 — Putin לא הגיב.\n"
       "بالتشكيل: مُوسْكُو، ثم 😀 كلمة أخيرة.\n")

documents = [
    {"id": "d1", "title": "A post with emoji", "source": "post.txt", "text": POST},
    {"id": "d2", "title": "Combining marks", "source": "marks.txt", "text": MARKS},
    {"id": "d3", "title": "日本語、中文、한국어", "source": "cjk.txt", "text": CJK},
    {"id": "d4", "title": "عربي ועברית", "source": "rtl.txt", "text": RTL},
]
for d in documents:
    d["sha256"] = hashlib.sha256(d["text"].encode("utf-8")).hexdigest()

texts = {d["id"]: d["text"] for d in documents}
annotations = []
AUTHOR = "Ana Lysis"


def span(doc, quote, label, before="", note=""):
    """A span on the first occurrence of before+quote; offsets in code points."""
    text = texts[doc]
    pos = text.find(before + quote)
    assert pos >= 0, (doc, before + quote)
    start = pos + len(before)
    a = {"id": f"a{len(annotations) + 1}", "document": doc,
         "start": start, "end": start + len(quote), "label": label, "text": quote,
         "note": note, "attributes": {}, "author": AUTHOR,
         "created": "2026-12-01T10:00:00Z", "modified": "2026-12-01T10:00:00Z"}
    annotations.append(a)
    return a["id"]


def nfd(s):
    return unicodedata.normalize("NFD", s)


hours = span("d1", "4.5 hours", "Quantity")
moscow = span("d1", "Moscow", "Location", note="after two emoji")
third = span("d1", "third official meeting since February", "Claim", before="“")
span("d1", "🇷🇺", "Location")
span("d1", "😂😂", "Claim")
span("d1", "👍🏿", "Claim")
span("d1", "family 👨‍👩‍👧‍👦", "Person")
span("d1", "3️⃣", "Quantity")
span("d1", "👀\nReactions", "Claim")

span("d2", nfd("Zoë Saldaña"), "Person")
nguyen = span("d2", nfd("Nguyễn Văn An"), "Person")
hanoi = span("d2", nfd("Hà Nội"), "Location")
span("d2", "नमस्ते", "Claim")
span("d2", "தமிழ் நாடு", "Location")
span("d2", nfd("á̈"), "Claim")
span("d2", "𝔘́", "Claim", note="a mark on a letter outside the BMP")

tokyo = span("d3", "東京", "Location")
span("d3", "プーチン大統領", "Person")
cjk_hours = span("d3", "4時間半", "Quantity", before="「")
span("d3", "第三次正式会晤", "Claim")
span("d3", "𠮷野家", "Organization", note="𠮷 is outside the BMP")
span("d3", "牛丼🍚", "Claim")
span("d3", "네 시간 넘게", "Quantity")

span("d4", "ستيف ويتكوف", "Person")
ar_hours = span("d4", "4.5 ساعات", "Quantity")
ar_moscow = span("d4", "موسكو", "Location", before="في ")
he_quote = span("d4", "הפגישה נמשכה יותר מארבע שעות", "Quantity", before="״")
span("d4", "Putin", "Person")
span("d4", "مُوسْكُو", "Location")
span("d4", "كلمة أخيرة", "Claim")

links = []


def link(label, a, b):
    links.append({"id": f"l{len(links) + 1}", "label": label, "from": a, "to": b,
                  "note": "", "author": AUTHOR,
                  "created": "2026-12-01T11:00:00Z", "modified": "2026-12-01T11:00:00Z"})


link("Corroborates", third, hours)
link("Same entity", nguyen, hanoi)
link("Corroborates", cjk_hours, tokyo)
link("Corroborates", he_quote, ar_hours)
link("Same entity", ar_moscow, moscow)

# The labels and colours of the datasets project (make-project.py)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "datasets.collate.json"),
          encoding="utf-8") as f:
    schema = json.load(f)["schema"]

project = {"format": "collate-project", "version": 1,
           "title": "Writing systems: emoji, combining marks, CJK, right to left",
           "schema": schema, "documents": documents, "annotations": annotations, "links": links}

with open(output, "w", encoding="utf-8") as f:
    json.dump(project, f, ensure_ascii=False, indent=2)
    f.write("\n")
