#!/usr/bin/env python3
"""Folders of projects on the command line (TAP on stdout).

Usage: check-folders.py COLLATE-CLI TEAM-FIXTURES-DIR DATASETS-DIR

Makes a corpus folder of the three annotators' projects, one of them two
folders down, and checks that validate, stats, export and agree take it:
every *.collate.json inside, recursively, in sorted order, hidden folders
skipped; every bad file named (validate goes on and exits 1); an empty
folder, a missing one and a file that cannot be read are errors; progress
goes to standard error only (asked with --progress, or on a terminal), and
--json output stays valid; a folder's jsonl, csv and conll exports load in
Python's json and csv and in NLTK's CoNLL reader.
"""
import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
import tempfile

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def run(*args, cwd=None):
    return subprocess.run([cli, *args], capture_output=True, text=True, cwd=cwd)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(cli_path, fixtures, datasets):
    global cli
    cli = cli_path
    names = ("ann", "bob", "cid")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus")
        places = {"ann": "b", "bob": "a", "cid": os.path.join("b", "deeper", "still")}
        for n in names:
            os.makedirs(os.path.join(corpus, places[n]), exist_ok=True)
            shutil.copy(os.path.join(fixtures, f"{n}.collate.json"), os.path.join(corpus, places[n]))
        # a hidden folder (as .git) and a file of another kind are not projects
        os.makedirs(os.path.join(corpus, ".hidden"))
        shutil.copy(os.path.join(fixtures, "ann.collate.json"), os.path.join(corpus, ".hidden", "x.collate.json"))
        with open(os.path.join(corpus, "notes.txt"), "w") as f:
            f.write("not a project\n")
        order = ["corpus/a/bob.collate.json", "corpus/b/ann.collate.json",
                 "corpus/b/deeper/still/cid.collate.json"]

        # validate: every project, recursively, sorted
        p = run("validate", "corpus", cwd=tmp)
        lines = p.stdout.splitlines()
        check("validate folder: status 0", p.returncode == 0, p.stderr)
        check("validate folder: every project inside, recursively, in sorted order, hidden ones skipped",
              [l.split(":")[0] for l in lines] == order, p.stdout)
        check("validate folder: no progress when standard error is not a terminal", p.stderr == "", p.stderr)

        # mixed good and bad: every bad one named, the good ones still checked, exit 1
        bad = os.path.join(corpus, "a", "broken.collate.json")
        with open(bad, "w") as f:
            f.write("{ not json")
        truncated = os.path.join(corpus, "b", "deeper", "truncated.collate.json")
        with open(os.path.join(fixtures, "ann.collate.json"), encoding="utf-8") as f:
            text = f.read()
        with open(truncated, "w", encoding="utf-8") as f:
            f.write(text[: len(text) // 2])
        dangling = os.path.join(corpus, "b", "gone.collate.json")
        os.symlink(os.path.join(tmp, "nowhere.collate.json"), dangling)
        p = run("validate", "corpus", cwd=tmp)
        check("validate mixed folder: status 1", p.returncode == 1, p.stderr)
        check("validate mixed folder: the good projects are still reported ok",
              [l.split(":")[0] for l in p.stdout.splitlines()] == order, p.stdout)
        for name in ("corpus/a/broken.collate.json", "corpus/b/deeper/truncated.collate.json",
                     "corpus/b/gone.collate.json"):
            check(f"validate mixed folder: names {name}",
                  any(l.startswith(f"collate-cli: {name}: ") for l in p.stderr.splitlines()), p.stderr)
        check("validate mixed folder: says how many were bad", "3 of 6 project files are not valid" in p.stderr,
              p.stderr)

        # stats refuses a folder with a bad file (totals would be wrong), naming it
        p = run("stats", "corpus", cwd=tmp)
        check("stats of a folder with a bad file: status 1, the file named",
              p.returncode == 1 and "corpus/a/broken.collate.json" in p.stderr and p.stdout == "", p.stderr)
        for path in (bad, truncated, dangling):
            os.remove(path)

        # empty, missing
        os.makedirs(os.path.join(tmp, "empty", "sub"))
        p = run("validate", "empty", cwd=tmp)
        check("an empty folder: status 1 and a message", p.returncode == 1 and
              "empty: no project files (*.collate.json) in this folder" in p.stderr, p.stderr)
        for command in (["stats"], ["export", "--format", "jsonl"], ["agree", "corpus"]):
            p = run(*command, "empty", cwd=tmp)
            check(f"{command[0]} of an empty folder: status 1 and a message",
                  p.returncode == 1 and "no project files" in p.stderr, p.stderr)
        p = run("validate", "missing", cwd=tmp)
        check("a missing folder: status 1", p.returncode == 1 and "missing: no such file or folder" in p.stderr,
              p.stderr)
        if os.geteuid() != 0:
            locked = os.path.join(corpus, "locked")
            os.makedirs(locked)
            os.chmod(locked, 0)
            p = run("validate", "corpus", cwd=tmp)
            os.chmod(locked, 0o755)
            os.rmdir(locked)
            check("a folder that cannot be read: named, status 1, the rest validated",
                  p.returncode == 1 and "corpus/locked: cannot read this folder" in p.stderr
                  and len(p.stdout.splitlines()) == 3, p.stderr)

        # stats: totals of the files, one line each, JSON valid with progress asked
        p = run("stats", "--json", "--progress", "corpus", cwd=tmp)
        check("stats --json --progress folder: status 0", p.returncode == 0, p.stderr)
        try:
            got = json.loads(p.stdout)
        except ValueError as e:
            got = None
            check("stats --json with --progress: standard output is JSON", False, str(e))
        singles = [json.loads(run("stats", "--json", path, cwd=tmp).stdout) for path in order]
        if got is not None:
            check("stats folder: a line per file, sorted", [f["file"] for f in got["files"]] == order,
                  json.dumps(got["files"])[:300])
            check("stats folder: the totals are the files' sums",
                  got["projects"] == 3
                  and got["spans"] == sum(s["spans"] for s in singles)
                  and got["links"] == sum(s["links"] for s in singles)
                  and got["characters"] == sum(s["characters"] for s in singles)
                  and got["documents"] == sum(len(s["documents"]) for s in singles), json.dumps(got)[:300])
            labels = {}
            for s in singles:
                for k, v in s["spans_per_label"].items():
                    labels[k] = labels.get(k, 0) + v
            check("stats folder: spans per label summed", got["spans_per_label"] == labels,
                  f"{got['spans_per_label']} != {labels}")
        check("stats --progress: the progress is on standard error",
              "Counting: 3 of 3 projects" in p.stderr, p.stderr)
        p = run("stats", "--json", order[0], order[2], cwd=tmp)
        check("stats of several files: their totals, a line each",
              p.returncode == 0 and [f["file"] for f in json.loads(p.stdout)["files"]] == [order[0], order[2]],
              p.stderr)
        p = run("stats", "corpus", cwd=tmp)
        check("stats folder as text: the totals and every file",
              p.returncode == 0 and all(o in p.stdout for o in order) and "Projects" in p.stdout, p.stdout)

        # progress on a terminal: drawn in place, erased, stdout untouched
        master, slave = pty.openpty()
        proc = subprocess.Popen([cli, "validate", "corpus", "corpus", "corpus", "corpus", "corpus",
                                 "corpus", "corpus"], cwd=tmp, stdout=subprocess.PIPE, stderr=slave)
        os.close(slave)
        err = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
        out, _ = proc.communicate()
        os.close(master)
        err = err.decode("utf-8", "replace")
        check("on a terminal, from 20 projects: progress drawn in place on standard error",
              "\r\x1b[KValidating: 21 of 21 projects" in err and out.decode().count(": ok (") == 21,
              repr(err[-200:]))
        check("on a terminal: the last progress line is erased", err.endswith("\r\x1b[K"), repr(err[-40:]))

        # exports of a folder load in the usual readers
        out = os.path.join(tmp, "corpus.jsonl")
        p = run("export", "--format", "jsonl", "-q", "-o", out, "corpus", cwd=tmp)
        check("export jsonl of a folder: status 0", p.returncode == 0, p.stderr)
        projects = [load(os.path.join(tmp, o)) for o in order]
        documents = [d for pr in projects for d in pr["documents"]]
        with open(out, encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        check("export jsonl of a folder: a record per document of every project, in order",
              [r["text"] for r in records] == [d["text"] for d in documents],
              f"{len(records)} records, {len(documents)} documents")
        check("export jsonl of a folder: every span",
              sum(len(r.get("spans", [])) for r in records) == sum(len(pr["annotations"]) for pr in projects))

        p = run("export", "--format", "csv", "-q", "corpus", cwd=tmp)
        rows = list(csv.DictReader(io.StringIO(p.stdout)))
        check("export csv of a folder: Python's csv reads every span and link",
              p.returncode == 0
              and sum(1 for r in rows if r["kind"] == "span") == sum(len(pr["annotations"]) for pr in projects)
              and sum(1 for r in rows if r["kind"] == "link") == sum(len(pr["links"]) for pr in projects),
              p.stderr)

        out = os.path.join(tmp, "corpus.conll")
        p = run("export", "--format", "conll", "-q", "-o", out, "corpus", cwd=tmp)
        # the project the export read: the folder's, documents in order
        combined = {"documents": [], "annotations": []}
        for i, pr in enumerate(projects):
            for d in pr["documents"]:
                combined["documents"].append(dict(d, id=f"p{i}-{d['id']}"))
            for a in pr["annotations"]:
                combined["annotations"].append(dict(a, document=f"p{i}-{a['document']}"))
        combined_path = os.path.join(tmp, "combined.json")
        with open(combined_path, "w", encoding="utf-8") as f:
            json.dump(combined, f)
        n = subprocess.run([sys.executable, os.path.join(datasets, "check-conll-nltk.py"), out, combined_path],
                           capture_output=True, text=True)
        if n.returncode == 77:
            check("export conll of a folder: NLTK reads it # SKIP python3-nltk is not installed", True)
        else:
            check("export conll of a folder: NLTK's CoNLL reader reads it, every entity a span",
                  p.returncode == 0 and n.returncode == 0, p.stderr + n.stderr)

        # agree: folders of annotators, projects anywhere inside
        for n_ in names:
            os.makedirs(os.path.join(tmp, n_, "deep"))
            shutil.copy(os.path.join(fixtures, f"{n_}.collate.json"),
                        os.path.join(tmp, n_, "deep" if n_ == "cid" else "", "project.collate.json"))
        p = run("agree", "--json", "--progress", "ann", "bob", "cid", cwd=tmp)
        direct = run("agree", "--json", *[os.path.join(fixtures, f"{n_}.collate.json") for n_ in names])
        try:
            same = all(json.loads(p.stdout)[k] == json.loads(direct.stdout)[k] for k in ("documents", "tokens"))
        except (ValueError, KeyError) as e:
            same = False
        check("agree on folders: projects found in folders inside, the same figures as the files",
              p.returncode == 0 and same, p.stderr)
        check("agree --progress: progress on standard error", "Loading: 3 of 3 projects" in p.stderr, p.stderr)

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
    sys.exit(main(*sys.argv[1:4]))
