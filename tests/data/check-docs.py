#!/usr/bin/env python3
"""The documentation's links hold: every relative link of README.md and
docs/*.md names a file of the tree, every #anchor names a heading of its page
(GitHub's rule for making anchors), the README starts with its two commands and
stays a short page (under 300 lines).  TAP."""
import os
import re
import sys

root = sys.argv[1]
pages = ["README.md"] + sorted(
    os.path.join("docs", f) for f in os.listdir(os.path.join(root, "docs")) if f.endswith(".md"))


def slug(heading):
    heading = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return heading.replace(" ", "-")


def anchors(path):
    found, seen = set(), {}
    in_code = False
    for line in open(os.path.join(root, path), encoding="utf-8"):
        if line.startswith("```"):
            in_code = not in_code
        m = re.match(r"^(#+)\s+(.*?)\s*$", line)
        if m and not in_code:
            s = slug(m.group(2))
            n = seen.get(s, 0)
            seen[s] = n + 1
            found.add(s if n == 0 else f"{s}-{n}")
    return found


results = []
for page in pages:
    text = open(os.path.join(root, page), encoding="utf-8").read()
    text_no_code = re.sub(r"```.*?```", "", text, flags=re.S)
    bad = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text_no_code):
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        dest = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
        if not os.path.exists(os.path.join(root, dest)):
            bad.append(f"{target}: no file {dest}")
        elif anchor and dest.endswith(".md") and anchor not in anchors(dest):
            bad.append(f"{target}: no heading makes #{anchor} in {dest}")
    results.append((f"{page}: every link leads somewhere", bad))

readme = open(os.path.join(root, "README.md"), encoding="utf-8").read().splitlines()
commands = [l for l in readme[:8] if l.startswith("scripts/")]
results.append(("README.md starts with its two commands",
                [] if [c.split()[0] for c in commands] == ["scripts/run", "scripts/test"]
                else [f"found {commands}"]))
results.append(("README.md is a short page (under 300 lines)",
                [] if len(readme) < 300 else [f"{len(readme)} lines"]))

print(f"1..{len(results)}")
failed = 0
for i, (name, bad) in enumerate(results, 1):
    if bad:
        failed += 1
        print(f"not ok {i} - {name}")
        for b in bad:
            print(f"# {b}")
    else:
        print(f"ok {i} - {name}")
sys.exit(1 if failed else 0)
