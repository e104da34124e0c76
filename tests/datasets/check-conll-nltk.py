#!/usr/bin/env python3
# check-conll-nltk.py — reads a CoNLL export with NLTK's own CoNLL corpus
# reader and IOB converter (Debian's python3-nltk), and checks that every
# entity it finds is a span of the project it came from.
#
# Usage: check-conll-nltk.py FILE PROJECT.collate.json
# Exit status 0 if it reads back, 1 with a message otherwise, 77 when NLTK
# is not installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys

try:
    from nltk.chunk import conlltags2tree
    from nltk.corpus.reader.conll import ConllCorpusReader
    from nltk.tree import Tree
except ImportError:
    sys.exit(77)

path, project_path = sys.argv[1:3]
with open(project_path, encoding="utf-8") as f:
    project = json.load(f)
documents = project["documents"]
problems = []


def tag_of(label):
    # the exporter's tag for a label: white space as str.split() knows it
    return "".join("_" if c.isspace() else c for c in label)


# The reader splits lines at white space, checks that every line of a
# sentence has as many columns, and leaves a -DOCSTART- block as an empty
# sentence; the tag column is read as "pos" to get (token, tag) pairs
reader = ConllCorpusReader(os.path.dirname(os.path.abspath(path)), [os.path.basename(path)],
                           columntypes=("words", "pos"), encoding="utf-8")
try:
    sentences = list(reader.tagged_sents())
except (ValueError, IndexError) as e:
    print(f"NLTK cannot read {path}: {type(e).__name__}: {e}", file=sys.stderr)
    sys.exit(1)

doc = -1
pos = 0
n_entities = 0
for n, sentence in enumerate(sentences, 1):
    if len(sentence) == 0:
        doc += 1
        pos = 0
        continue
    if doc < 0 or doc >= len(documents):
        problems.append(f"sentence {n}: not inside a document (-DOCSTART- missing)")
        break
    text = documents[doc]["text"]
    # character offsets of the tokens, found in order in the text
    offsets = []
    for word, _ in sentence:
        found = text.find(word, pos)
        if found < 0 or text[pos:found].strip() != "":
            problems.append(f"sentence {n}: {word!r} is not the next token of {documents[doc]['id']}")
            break
        offsets.append((found, found + len(word)))
        pos = found + len(word)
    if len(offsets) != len(sentence):
        continue
    try:
        tree = conlltags2tree([(w, "-", t) for w, t in sentence], strict=True)
    except ValueError as e:
        problems.append(f"sentence {n}: NLTK rejects its IOB tags: {e}")
        continue
    i = 0
    for node in tree:
        if isinstance(node, Tree):
            start, end = offsets[i][0], offsets[i + len(node) - 1][1]
            n_entities += 1
            if not any(a["document"] == documents[doc]["id"] and tag_of(a["label"]) == node.label()
                       and a["start"] < end and start < a["end"] for a in project["annotations"]):
                problems.append(f"sentence {n}: entity {node.label()} {text[start:end]!r} "
                                f"is no span of the project")
            i += len(node)
        else:
            i += 1

if doc + 1 != len(documents):
    problems.append(f"{doc + 1} -DOCSTART- for {len(documents)} documents")
if n_entities == 0 and project["annotations"]:
    problems.append("no entities read")
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
