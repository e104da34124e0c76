#!/usr/bin/env python3
"""`meson install` gives a complete install (TAP).

Usage: check-install.py MESON BUILD_DIR SOURCE_DIR PREFIX BINDIR DATADIR MANDIR LOCALEDIR

Installs the build into a temporary DESTDIR (`meson install --destdir
--no-rebuild`) and checks every file a desktop install needs: both programs,
the desktop file, the icons, the AppStream metainfo with its screenshots and
release notes, the settings schema (compiled here as the system's trigger
would: meson's post-install step, which compiles it in a real install, is
skipped under DESTDIR), the translations of po/LINGUAS, the manual pages,
the sample reports with their list (sample.ini) and the JSON Schema.  Then
it runs the installed collate-cli: --version, `new` on the installed
samples and `stats`.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

results = []


def ok(condition, name, detail=""):
    results.append(bool(condition))
    print(f"{'ok' if condition else 'not ok'} {len(results)} - {name}")
    if not condition and detail:
        for line in str(detail).splitlines()[-20:]:
            print(f"# {line}")
    return condition


def run(*command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)


def main(meson, build, source, prefix, bindir, datadir, mandir, localedir):
    destdir = tempfile.mkdtemp(prefix="collate-install-")
    root = destdir + prefix
    at = lambda *parts: os.path.join(root, *parts)

    done = run(meson, "install", "-C", build, "--destdir", destdir, "--no-rebuild", "--quiet")
    if not ok(done.returncode == 0, "meson install --destdir", done.stdout + done.stderr):
        print(f"1..{len(results)}")
        return 1

    app_id = "org.collate.Collate"
    with open(os.path.join(source, "po", "LINGUAS"), encoding="utf-8") as f:
        languages = [w for line in f if not line.startswith("#") for w in line.split()]
    expected = {
        "the window": (bindir, "collate"),
        "the command line": (bindir, "collate-cli"),
        "the desktop file": (datadir, "applications", app_id + ".desktop"),
        "the AppStream metainfo": (datadir, "metainfo", app_id + ".metainfo.xml"),
        "the application icon": (datadir, "icons", "hicolor", "scalable", "apps", app_id + ".svg"),
        "the symbolic icon": (datadir, "icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"),
        "the settings schema": (datadir, "glib-2.0", "schemas", app_id + ".gschema.xml"),
        "the manual page of collate": (mandir, "man1", "collate.1"),
        "the manual page of collate-cli": (mandir, "man1", "collate-cli.1"),
        "the first sample report": (datadir, "collate", "samples", "witkoff-putin-report-1.txt"),
        "the second sample report": (datadir, "collate", "samples", "witkoff-putin-report-2.txt"),
        "the sample's list of reports and titles": (datadir, "collate", "samples", "sample.ini"),
        "the JSON Schema of the project file": (datadir, "collate", "collate-project.schema.json"),
    }
    # The reference that --help and the manual pages point to
    for page in sorted(os.listdir(os.path.join(source, "docs"))):
        if page.endswith(".md"):
            expected[f"the reference page {page}"] = (datadir, "doc", "collate", page)
    for language in languages:
        expected[f"the {language} translation"] = (localedir, language, "LC_MESSAGES", "collate.mo")
    ok(len(languages) > 0, f"po/LINGUAS names translations ({', '.join(languages)})")

    for name, parts in expected.items():
        ok(os.path.isfile(at(*parts)), f"{name}: {os.path.join(prefix, *parts)}")
    for program in ("collate", "collate-cli"):
        ok(os.access(at(bindir, program), os.X_OK), f"{program} is executable")

    installed = sorted(os.path.relpath(os.path.join(d, f), root)
                       for d, _, files in os.walk(root) for f in files)
    known = {os.path.join(*parts) for parts in expected.values()}
    for path in installed:
        if path not in known:
            print(f"# also installed: {path}")

    # The desktop file and the metainfo as installed
    if shutil.which("desktop-file-validate"):
        done = run("desktop-file-validate", at(datadir, "applications", app_id + ".desktop"))
        ok(done.returncode == 0 and done.stdout.strip() == "", "the desktop file validates", done.stdout)
    metainfo_path = at(datadir, "metainfo", app_id + ".metainfo.xml")
    if os.path.isfile(metainfo_path):
        with open(metainfo_path, encoding="utf-8") as f:
            metainfo = f.read()
        shots = re.findall(r"<image>([^<]+)</image>", metainfo)
        ok(len(shots) >= 2, f"the metainfo shows {len(shots)} screenshots")
        for shot in shots:
            name = shot.rsplit("/", 1)[-1]
            ok(os.path.isfile(os.path.join(source, "data", "screenshots", name)),
               f"screenshot {name} is in data/screenshots/")
        ok(re.search(r'<release version="[^"]+" date="[^"]+">\s*<description>', metainfo) is not None,
           "the metainfo has release notes")
        for language in languages:
            ok(f'xml:lang="{language}"' in metainfo, f"the metainfo carries the {language} translation")
        if shutil.which("appstreamcli"):
            done = run("appstreamcli", "validate", "--no-net", metainfo_path)
            ok(done.returncode == 0, "the metainfo validates", done.stdout + done.stderr)

    # The schema compiles where it was installed, and has its keys
    schemas = at(datadir, "glib-2.0", "schemas")
    done = run("glib-compile-schemas", "--strict", schemas)
    ok(done.returncode == 0 and os.path.isfile(os.path.join(schemas, "gschemas.compiled")),
       "the installed settings schema compiles", done.stderr)
    if shutil.which("gsettings"):
        done = run("gsettings", "--schemadir", schemas, "list-keys", app_id)
        ok(done.returncode == 0 and len(done.stdout.split()) > 0,
           f"gsettings reads its {len(done.stdout.split())} keys", done.stderr)

    # The manual pages render without a warning
    if shutil.which("man"):
        for page in ("collate.1", "collate-cli.1"):
            done = run("man", "--warnings", "-l", at(mandir, "man1", page),
                       env={**os.environ, "LC_ALL": "C.UTF-8", "MANWIDTH": "80", "MANPAGER": "cat",
                            "PAGER": "cat"})
            ok(done.returncode == 0 and done.stderr.strip() == "" and "SYNOPSIS" in done.stdout,
               f"man {page} renders without a warning", done.stderr)

    # The installed collate-cli works on the installed samples
    cli = at(bindir, "collate-cli")
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    env.pop("LANGUAGE", None)
    done = run(cli, "--version", env=env)
    ok(done.returncode == 0 and re.fullmatch(r"collate-cli \d+\.\d+\.\d+\n", done.stdout),
       f"installed collate-cli --version: {done.stdout.strip()}", done.stderr)
    work = tempfile.mkdtemp(prefix="collate-install-work-")
    project = os.path.join(work, "talks.collate.json")
    samples = [at(datadir, "collate", "samples", f"witkoff-putin-report-{i}.txt") for i in (1, 2)]
    done = run(cli, "new", "-o", project, *samples, env=env)
    ok(done.returncode == 0, "installed collate-cli new on the installed samples", done.stderr)
    done = run(cli, "stats", "--json", project, env=env)
    ok(done.returncode == 0 and '"documents"' in done.stdout, "installed collate-cli stats", done.stderr)
    if languages:
        done = run(cli, "--help", env={**env, "LANGUAGE": languages[0]})
        ok(done.returncode == 0, f"installed collate-cli --help under LANGUAGE={languages[0]}", done.stderr)

    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(destdir, ignore_errors=True)
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:9]))
