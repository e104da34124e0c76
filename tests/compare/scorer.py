#!/usr/bin/env python3
"""A scorer for collate-cli suggest --scorer, for the tests.

Reads one JSON pair per line and answers by a rule a test can predict:
"contradiction" when premise and hypothesis hold different numbers of
hours, "entailment" when they are the same text less case and punctuation,
"neutral" otherwise.  Its first argument chooses a way to misbehave:
ok, garbage, fail, hang, missing, bad-label, bad-score, unknown-id, twice.
"""
import json
import re
import sys
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "ok"
pairs = [json.loads(line) for line in sys.stdin if line.strip()]

if mode == "fail":
    print("scorer: the model file is missing", file=sys.stderr)
    sys.exit(3)
if mode == "hang":
    time.sleep(30)
if mode == "garbage":
    print("this is not JSON")
    sys.exit(0)


def words(text):
    return re.sub(r"[^\w ]", "", text.lower()).split()


def hours(text):
    return set(re.findall(r"(\w+) hours", text.lower()))


for n, pair in enumerate(pairs):
    if mode == "missing" and n == len(pairs) - 1:
        break
    h1, h2 = hours(pair["premise"]), hours(pair["hypothesis"])
    if h1 and h2 and h1 != h2:
        answer = {"id": pair["id"], "label": "contradiction", "score": 0.9}
    elif sorted(words(pair["premise"])) == sorted(words(pair["hypothesis"])):
        answer = {"id": pair["id"], "label": "entailment", "score": 0.8}
    else:
        answer = {"id": pair["id"], "label": "neutral", "score": 0.6}
    if mode == "bad-label":
        answer["label"] = "maybe"
    if mode == "bad-score":
        answer["score"] = 1.5
    if mode == "unknown-id":
        answer["id"] = 1000
    print(json.dumps(answer))
    if mode == "twice":
        print(json.dumps(answer))
