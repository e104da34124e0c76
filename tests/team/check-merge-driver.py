#!/usr/bin/env python3
"""collate-cli merge-driver under a real `git merge`, and collate-cli merge
(TAP on stdout).

Usage: check-merge-driver.py COLLATE-CLI FIXTURES-DIR

Makes a repository in a temporary folder with ann.collate.json from
FIXTURES-DIR, enables the driver with the two lines the README gives, and
merges branches that annotated the project differently:
  1. clean: each side adds spans (under the same fresh ids, as two people's
     counters give), a link to its new span, relabels or deletes different
     spans; the merge succeeds, validates and holds both sides' work;
  2. conflict: one side relabels a span the other deletes; git reports the
     conflict, the file validates, keeps the relabelled span and records
     the conflict in its metadata;
  3. what cannot be merged leaves ours untouched;
  4. `collate-cli merge` of the three annotators' versions: one span per
     document, range and label, each listing who made it; one link per label
     and pair of merged ends, each listing who made it.
"""
import json
import os
import subprocess
import sys
import tempfile

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def git(repo, *args, ok=True):
    p = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True)
    if ok and p.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {p.stderr}")
    return p


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(path, project):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(project, f, ensure_ascii=False, indent=2)
        f.write("\n")


def add_span(project, doc_index, start, end, label, author):
    doc = project["documents"][doc_index]
    ident = f"a{project['next_id']}"
    project["next_id"] += 1
    project["annotations"].append({
        "id": ident, "document": doc["id"], "start": start, "end": end, "label": label,
        "text": doc["text"][start:end], "note": "", "attributes": {}, "author": author,
        "created": "2026-12-05T21:00:00Z", "modified": "2026-12-05T21:00:00Z"})
    return ident


def add_link(project, label, a, b, author):
    ident = f"l{project['next_id']}"
    project["next_id"] += 1
    project["links"].append({"id": ident, "label": label, "from": a, "to": b, "note": "",
                             "author": author, "created": "2026-12-05T21:00:00Z",
                             "modified": "2026-12-05T21:00:00Z"})
    return ident


def span_keys(project):
    docs = {d["id"]: d["sha256"] for d in project["documents"]}
    return {(docs[a["document"]], a["start"], a["end"], a["label"]) for a in project["annotations"]}


def main(cli, fixtures):
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:
        print("1..0 # SKIP git is not installed")
        return 0
    base_project = load(os.path.join(fixtures, "ann.collate.json"))
    with tempfile.TemporaryDirectory() as repo:
        git(repo, "init", "-q", "-b", "main")
        git(repo, "config", "user.name", "Test")
        git(repo, "config", "user.email", "test@example.org")
        with open(os.path.join(repo, ".gitattributes"), "w") as f:
            f.write("*.collate.json merge=collate\n")
        git(repo, "config", "merge.collate.driver", f"{cli} merge-driver %O %A %B %P")
        path = os.path.join(repo, "talks.collate.json")
        save(path, base_project)
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", "base")
        spans = base_project["annotations"]

        # 1. A clean merge
        git(repo, "checkout", "-q", "-b", "left")
        left = load(path)
        l_new = add_span(left, 0, 0, 5, "Claim", "left")
        add_link(left, "Corroborates", l_new, spans[10]["id"], "left")
        left["annotations"][3]["label"] = "Time" if spans[3]["label"] != "Time" else "Claim"
        left["annotations"] = [a for a in left["annotations"] if a["id"] != spans[20]["id"]]
        left["links"] = [k for k in left["links"] if spans[20]["id"] not in (k["from"], k["to"])]
        save(path, left)
        git(repo, "commit", "-q", "-am", "left")

        git(repo, "checkout", "-q", "main")
        git(repo, "checkout", "-q", "-b", "right")
        right = load(path)
        r_new = add_span(right, 1, 0, 4, "Person", "right")      # the same fresh id as left's
        add_link(right, "Same entity", r_new, spans[11]["id"], "right")
        right["annotations"][5]["label"] = "Quantity" if spans[5]["label"] != "Quantity" else "Claim"
        save(path, right)
        git(repo, "commit", "-q", "-am", "right")
        check("both sides made a span under the same id", l_new == r_new)

        merge = git(repo, "merge", "-q", "--no-edit", "left", ok=False)
        check("git merge of two annotated branches succeeds", merge.returncode == 0, merge.stdout + merge.stderr)
        v = subprocess.run([cli, "validate", path], capture_output=True, text=True)
        check("the merged file validates", v.returncode == 0, v.stderr)
        merged = load(path)
        keys = span_keys(merged)
        def key(span):
            sha = {d["id"]: d["sha256"] for d in base_project["documents"]}[span["document"]]
            return (sha, span["start"], span["end"], span["label"])

        # each side's spans, less what the other side changed or deleted
        wanted_left = span_keys(left) - {key(spans[5])}
        wanted_right = span_keys(right) - {key(spans[3]), key(spans[20])}
        check("it holds left's spans", wanted_left <= keys, sorted(wanted_left - keys))
        check("it holds right's spans", wanted_right <= keys, sorted(wanted_right - keys))
        check("and nothing else", keys == wanted_left | wanted_right, sorted(keys ^ (wanted_left | wanted_right)))
        check("left's deletion stays deleted", not any(a["id"] == spans[20]["id"] for a in merged["annotations"]))
        check("both new spans are there, under two ids",
              len({a["id"] for a in merged["annotations"] if a["author"] in ("left", "right")}) == 2)
        by_id = {a["id"]: a for a in merged["annotations"]}
        right_link = [k for k in merged["links"] if k["author"] == "right"]
        check("right's link follows its renamed span",
              len(right_link) == 1 and by_id[right_link[0]["from"]]["author"] == "right",
              json.dumps(right_link))
        check("both relabellings are kept",
              by_id[spans[3]["id"]]["label"] == left["annotations"][3]["label"]
              and by_id[spans[5]["id"]]["label"] == right["annotations"][5]["label"])
        check("no conflict is recorded", "merge_conflicts" not in merged.get("metadata", {}))
        check("one author's work on each side: link counts add up",
              len(merged["links"]) == len(base_project["links"]) + 2
              - sum(1 for k in base_project["links"] if spans[20]["id"] in (k["from"], k["to"])))

        # 2. A deletion against an edit
        git(repo, "checkout", "-q", "-b", "edit", "main")
        edit = load(path)
        target = next(a for a in edit["annotations"] if a["id"] == spans[30]["id"])
        target["label"] = "Location" if target["label"] != "Location" else "Time"
        save(path, edit)
        git(repo, "commit", "-q", "-am", "edit")
        git(repo, "checkout", "-q", "-b", "delete", "main")
        delete = load(path)
        delete["annotations"] = [a for a in delete["annotations"] if a["id"] != spans[30]["id"]]
        delete["links"] = [k for k in delete["links"] if spans[30]["id"] not in (k["from"], k["to"])]
        save(path, delete)
        git(repo, "commit", "-q", "-am", "delete")
        merge = git(repo, "merge", "-q", "--no-edit", "edit", ok=False)
        check("a deletion against an edit is a conflict for git", merge.returncode != 0)
        check("the driver names the span", spans[30]["id"] in merge.stdout + merge.stderr, merge.stderr)
        v = subprocess.run([cli, "validate", path], capture_output=True, text=True)
        check("the conflicted file still validates", v.returncode == 0, v.stderr)
        merged = load(path)
        check("the edited span is kept",
              any(a["id"] == spans[30]["id"] and a["label"] == target["label"] for a in merged["annotations"]))
        check("the conflict is recorded in the metadata",
              spans[30]["id"] in merged.get("metadata", {}).get("merge_conflicts", ""))
        git(repo, "merge", "--abort", ok=False)

        # 3. What cannot be merged leaves ours as it was
        ours = os.path.join(repo, "ours.collate.json")
        save(ours, base_project)
        with open(ours, "rb") as f:
            before = f.read()
        broken = os.path.join(repo, "broken.collate.json")
        with open(broken, "w") as f:
            f.write("{ not json")
        other = json.loads(json.dumps(base_project))
        other["documents"][0]["title"] = "Another title"
        other_path = os.path.join(repo, "other.collate.json")
        save(other_path, other)
        base_path = os.path.join(repo, "base.collate.json")
        save(base_path, base_project)
        for name, theirs, message in (("a file that is not a project", broken, "not merged"),
                                      ("a document that differs", other_path, "differs")):
            p = subprocess.run([cli, "merge-driver", base_path, ours, theirs], capture_output=True, text=True)
            with open(ours, "rb") as f:
                after = f.read()
            check(f"{name}: status 1, ours untouched, a message",
                  p.returncode == 1 and after == before and message in p.stderr, p.stderr)
        same = os.path.join(repo, "same.collate.json")
        save(same, base_project)
        p = subprocess.run([cli, "merge-driver", base_path, same, base_path], capture_output=True, text=True)
        with open(same, "rb") as f:
            after = f.read()
        check("nothing changed on either side: a clean merge, the file byte for byte as it was",
              p.returncode == 0 and after == before, p.stderr)
        p = subprocess.run([cli, "merge-driver", base_path, ours], capture_output=True, text=True)
        check("two files instead of three: wrong usage", p.returncode == 2, p.stderr)

    # 4. collate-cli merge: the annotators' versions in one project
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [os.path.join(fixtures, f"{n}.collate.json") for n in ("ann", "bob", "cid")]
        out = os.path.join(tmp, "merged.collate.json")
        p = subprocess.run([cli, "merge", "-o", out, *inputs], capture_output=True, text=True)
        check("merge: status 0", p.returncode == 0, p.stderr)
        v = subprocess.run([cli, "validate", out], capture_output=True, text=True)
        check("merge: the result validates", v.returncode == 0, v.stderr)
        merged = load(out)
        made = {}
        links = {}
        for path in inputs:
            project = load(path)
            sha = {d["id"]: d["sha256"] for d in project["documents"]}
            spans_by_id = {}
            for a in project["annotations"]:
                k = (sha[a["document"]], a["start"], a["end"], a["label"])
                spans_by_id[a["id"]] = k
                made.setdefault(k, [])
                if a["author"] not in made[k]:
                    made[k].append(a["author"])
            for k in project["links"]:
                ends = tuple(sorted([spans_by_id[k["from"]], spans_by_id[k["to"]]]))
                who = links.setdefault((k["label"], ends), [])
                if k["author"] not in who:
                    who.append(k["author"])
        sha = {d["id"]: d["sha256"] for d in merged["documents"]}
        got = {(sha[a["document"]], a["start"], a["end"], a["label"]): a["attributes"].get("annotators", "").split("\n")
               for a in merged["annotations"]}
        check("merge: one span per document, range and label", len(got) == len(merged["annotations"]) == len(made),
              f"{len(merged['annotations'])} spans, {len(made)} distinct")
        check("merge: each lists everyone who made it", got == made,
              [k for k in made if got.get(k) != made[k]][:3])
        span_of = {a["id"]: (sha[a["document"]], a["start"], a["end"], a["label"]) for a in merged["annotations"]}
        got_links = {}
        for k in merged["links"]:
            got_links.setdefault((k["label"], tuple(sorted([span_of[k["from"]], span_of[k["to"]]]))), []).append(
                k.get("attributes", {}).get("annotators", "").split("\n"))
        check("merge: one link per label and pair of ends", len(got_links) == len(merged["links"]) == len(links),
              f"{len(merged['links'])} links, {len(got_links)} distinct, {len(links)} wanted")
        check("merge: each link lists everyone who made it",
              {k: v[0] for k, v in got_links.items()} == links,
              [k for k in links if got_links.get(k, [None])[0] != links[k]][:3])
        check("merge: some links were made by several annotators (the fixtures test something)",
              sum(1 for v in links.values() if len(v) > 1) >= 5)
        check("merge: a project with link attributes is format version 4", merged["version"] == 4)
        e = subprocess.run([cli, "export", "--format", "jsonl", out], capture_output=True, text=True)
        check("merge: a dataset export of it says the links' annotators were not written",
              e.returncode == 0 and "Links with attributes" in e.stderr, e.stderr)
        p = subprocess.run([cli, "merge", "-o", out, *inputs], capture_output=True, text=True)
        check("merge: an existing output needs --force", p.returncode == 1, p.stderr)
        other = os.path.join(tmp, "other.collate.json")
        o = load(inputs[0])
        o["documents"] = o["documents"][:1]
        o["annotations"] = [a for a in o["annotations"] if a["document"] == o["documents"][0]["id"]]
        kept = {a["id"] for a in o["annotations"]}
        o["links"] = [k for k in o["links"] if k["from"] in kept and k["to"] in kept]
        save(other, o)
        p = subprocess.run([cli, "merge", "-f", "-o", out, inputs[0], other], capture_output=True, text=True)
        check("merge: different texts are refused", p.returncode == 1 and "the texts differ" in p.stderr, p.stderr)

    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        if not ok:
            failed += 1
            for line in str(detail).splitlines():
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
