#!/usr/bin/env python3
"""Runs one libFuzzer harness on a seed corpus made from the test data.

    run-fuzzer.py HARNESS NAME SOURCE_ROOT WORK_DIR

NAME is project, jsonl, label-studio, brat or text.  The seeds are copied
into a fresh corpus folder under WORK_DIR (the source tree is never written
to); a crash, leak or timeout is saved there as WORK_DIR/NAME-crash-…, and
the exit status is 1 for any finding (not libFuzzer's 77, which meson
takes for a skipped test).

FUZZ_SECONDS (default 20) is the time budget, FUZZ_SEED (default 1) the
seed; FUZZ_CORPUS names a folder to keep the corpus in across runs (it
grows as the fuzzer finds new paths).
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

SEPARATOR = b"\n\x1e\n"

GLOBS = {
    "project": ["tests/fixtures/*.json", "tests/malformed/*.json", "tests/datasets/*.collate.json"],
    "jsonl": ["tests/datasets/import/*.jsonl", "tests/datasets/malformed/jsonl/*",
              "tests/datasets/expected/*.jsonl"],
    "label-studio": ["tests/datasets/import/*.json", "tests/datasets/malformed/label-studio/*",
                     "tests/datasets/expected/label-studio/tasks.json"],
    "text": ["data/samples/*.txt", "tests/datasets/expected/brat/*.txt",
             "tests/datasets/malformed/brat/*/*.txt"],
}


def brat_seeds(root):
    """Each .ann with its .txt (and the folder's .conf files) as one input"""
    for ann in sorted(glob.glob(os.path.join(root, "tests/datasets/**/*.ann"), recursive=True)):
        folder = os.path.dirname(ann)
        parts = [ann[:-4] + ".txt", ann, os.path.join(folder, "annotation.conf"),
                 os.path.join(folder, "visual.conf"),
                 os.path.join(folder, "cross-document-links.tsv")]
        chunks = []
        for part in parts:
            try:
                with open(part, "rb") as f:
                    chunks.append(f.read())
            except OSError:
                chunks.append(b"")
        while len(chunks) > 2 and not chunks[-1]:
            chunks.pop()
        yield os.path.relpath(ann, root).replace("/", "_"), SEPARATOR.join(chunks)


def main():
    harness, name, root, work = sys.argv[1:5]
    seconds = int(os.environ.get("FUZZ_SECONDS", "20"))
    seed = os.environ.get("FUZZ_SEED", "1")
    os.makedirs(work, exist_ok=True)
    kept = os.environ.get("FUZZ_CORPUS")
    corpus = kept or tempfile.mkdtemp(prefix=f"{name}-corpus-", dir=work)
    os.makedirs(corpus, exist_ok=True)

    if name == "brat":
        for seed_name, data in brat_seeds(root):
            with open(os.path.join(corpus, seed_name), "wb") as f:
                f.write(data)
    else:
        for pattern in GLOBS[name]:
            for path in sorted(glob.glob(os.path.join(root, pattern))):
                if os.path.isfile(path):
                    shutil.copy(path, os.path.join(corpus, os.path.relpath(path, root).replace("/", "_")))

    args = [harness, f"-seed={seed}", f"-max_total_time={seconds}", "-timeout=10",
            "-rss_limit_mb=2048", "-max_len=65536", "-print_final_stats=1",
            f"-dict={os.path.join(root, 'fuzz', name + '.dict')}",
            f"-artifact_prefix={os.path.join(work, name)}-", corpus]
    print(" ".join(args), flush=True)
    status = subprocess.call(args)
    if not kept:
        shutil.rmtree(corpus, ignore_errors=True)
    if status != 0:
        print(f"{name}: the fuzzer found a crash, leak or timeout; its input is in {work}/{name}-*;"
              f" run {os.path.abspath(harness)} FILE to reproduce it", flush=True)
        # libFuzzer exits with 77 by default, which meson counts as skipped
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
