#!/usr/bin/env python3
"""Checks Collate's kappa and alpha against NLTK's nltk.metrics.agreement.

Usage: check-nltk.py DUMP-CODING COLLATE-CLI FIXTURES-DIR   (TAP on stdout)

For each data set the C side (dump-coding, the core's functions) prints the
coding it read or made and its figures; NLTK's AnnotationTask is given the
same (coder, item, category) triples and must agree to 1e-9:
  - Cohen's kappa of each pair   = AnnotationTask.kappa_pairwise(a, b)
  - Fleiss' kappa                = AnnotationTask.pi() (multi-pi, which is
                                   Fleiss' kappa when every coder codes
                                   every item)
  - Krippendorff's alpha         = AnnotationTask.alpha() (binary distance:
                                   nominal)
Data sets: random codings written here as TSV files (2 to 5 coders, 2 to 6
categories, skewed and even), and the tokens of the three annotators'
versions of the sample reports in FIXTURES-DIR, overall and per label; for
those, `collate-cli agree --json` must print the same figures.
Run with Debian's Python (python3-nltk installs for it).
"""
import json
import math
import os
import random
import subprocess
import sys
import tempfile

try:
    from nltk.metrics.agreement import AnnotationTask
except ImportError:
    print("1..0 # SKIP NLTK is not installed (Debian's python3-nltk)")
    sys.exit(0)

TOLERANCE = 1e-9
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def close(x, y):
    if x is None or y is None:
        return x is None and y is None
    return math.isclose(x, y, rel_tol=0, abs_tol=TOLERANCE)


def nltk_figures(items, n_coders):
    triples = [(str(c), str(i), row[c]) for i, row in enumerate(items) for c in range(n_coders)]
    task = AnnotationTask(data=triples)
    undefined = len({t[2] for t in triples}) < 2

    def safe(f):
        try:
            return None if undefined else f()
        except ZeroDivisionError:
            return None

    cohen = [[a, b, safe(lambda: task.kappa_pairwise(str(a), str(b)))]
             for a in range(n_coders) for b in range(a + 1, n_coders)]
    return cohen, safe(task.pi), safe(task.alpha)


def compare(name, dumped):
    n = len(dumped["items"][0])
    cohen, fleiss, alpha = nltk_figures(dumped["items"], n)
    for (a, b, ours), (_, _, theirs) in zip(dumped["cohen"], cohen):
        check(f"{name}: Cohen's kappa {a}-{b}", close(ours, theirs), f"{ours} != {theirs}")
    check(f"{name}: Fleiss' kappa", close(dumped["fleiss"], fleiss), f"{dumped['fleiss']} != {fleiss}")
    check(f"{name}: Krippendorff's alpha", close(dumped["alpha"], alpha), f"{dumped['alpha']} != {alpha}")
    return cohen, fleiss, alpha


def run_json(argv):
    return json.loads(subprocess.run(argv, check=True, capture_output=True, text=True).stdout)


def main(dump, cli, fixtures):
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(12):
            coders = rng.randint(2, 5)
            categories = [f"c{j}" for j in range(rng.randint(2, 6))]
            weights = [rng.random() ** (3 if k % 2 else 1) for _ in categories]
            agree = rng.random()
            path = os.path.join(tmp, f"coding-{k}.tsv")
            with open(path, "w", encoding="utf-8") as f:
                for item in range(rng.randint(20, 300)):
                    truth = rng.choices(categories, weights)[0]
                    for c in range(coders):
                        value = truth if rng.random() < agree else rng.choices(categories, weights)[0]
                        f.write(f"coder{c}\titem{item}\t{value}\n")
            compare(f"random coding {k} ({coders} coders, {len(categories)} categories)",
                    run_json([dump, "--tsv", path]))

    projects = [os.path.join(fixtures, f"{n}.collate.json") for n in ("ann", "bob", "cid")]
    agree = run_json([cli, "agree", "--json"] + projects)
    for label in [None] + sorted(k for k in agree["labels"] if k):
        name = f"sample tokens, {label or 'every label'}"
        dumped = run_json([dump] + (["--label", label] if label else []) + projects)
        check(f"{name}: {len(dumped['items'])} tokens", len(dumped["items"]) == agree["tokens"])
        cohen, fleiss, alpha = compare(name, dumped)
        figures = agree["labels"][label or ""]
        for pair, (_, _, theirs) in zip(figures["pairs"], cohen):
            check(f"{name}: agree --json Cohen's kappa {pair['a']}-{pair['b']}",
                  close(pair["cohen_kappa"], theirs), f"{pair['cohen_kappa']} != {theirs}")
        check(f"{name}: agree --json Fleiss' kappa", close(figures["fleiss_kappa"], fleiss))
        check(f"{name}: agree --json alpha", close(figures["krippendorff_alpha"], alpha))
    # two annotators only: Cohen's kappa alone
    two = run_json([dump] + projects[:2])
    compare("sample tokens, two annotators", two)

    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        if not ok:
            failed += 1
            print(f"# {detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
