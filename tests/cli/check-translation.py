#!/usr/bin/env python3
"""The translations are whole and clean, and collate-cli speaks them (TAP).

Usage: check-translation.py COLLATE_CLI SOURCE_DIR BUILD_LOCALEDIR

- every file of the source with a translatable string is in po/POTFILES.in;
- every po/LANG.po of po/LINGUAS passes `msgfmt --check` and has every
  message translated (but those xgettext cuts short at a format macro such
  as G_GUINT64_FORMAT, which no translation can match at run time);
- collate-cli, pointed at the build's translations (COLLATE_LOCALEDIR),
  speaks German under LANGUAGE=de with C.UTF-8, and under LC_ALL=de_DE.UTF-8
  where that locale exists (scripts/install-deps makes it): its help, a
  usage error, singular and plural counts, and a report's headings.
"""
import os
import re
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


def skip(name, reason):
    results.append(True)
    print(f"ok {len(results)} - {name} # SKIP {reason}")


def run(command, env=None):
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


MARKED = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext|g_dpgettext2)\s*\(')


def main(cli, source, localedir):
    with open(os.path.join(source, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    missing = []
    for top in ("app",):
        for folder, _, files in os.walk(os.path.join(source, top)):
            for name in files:
                if not name.endswith(".c"):
                    continue
                path = os.path.relpath(os.path.join(folder, name), source)
                with open(os.path.join(source, path), encoding="utf-8") as f:
                    if MARKED.search(f.read()) and path not in listed:
                        missing.append(path)
    for folder, _, files in os.walk(os.path.join(source, "ui")):
        for name in files:
            path = os.path.relpath(os.path.join(folder, name), source)
            if name.endswith(".ui"):
                with open(os.path.join(source, path), encoding="utf-8") as f:
                    if 'translatable="yes"' in f.read() and path not in listed:
                        missing.append(path)
    ok(not missing, "po/POTFILES.in lists every file with translatable strings", "\n".join(missing))
    gone = [p for p in listed if not os.path.exists(os.path.join(source, p))]
    ok(not gone, "every file po/POTFILES.in lists exists", "\n".join(gone))

    with open(os.path.join(source, "po", "LINGUAS"), encoding="utf-8") as f:
        languages = [w for line in f if not line.startswith("#") for w in line.split()]
    ok("de" in languages, f"po/LINGUAS: {' '.join(languages)}")
    for language in languages:
        po = os.path.join(source, "po", language + ".po")
        done = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po])
        ok(done.returncode == 0, f"msgfmt --check {language}.po: {done.stderr.strip()}", done.stderr)
        # untranslated messages, by their msgid
        done = run(["msgattrib", "--untranslated", "--no-obsolete", po])
        cut = re.findall(r'^msgid ((?:".*"\n)+)', done.stdout, re.M)
        untranslated = [m for m in ("".join(re.findall(r'"(.*)"', block)) for block in cut) if m]
        real = [m for m in untranslated if not m.endswith("%")]
        ok(not real, f"{language}.po translates every message ({len(untranslated) - len(real)} cut short "
           "at a format macro left out)", "\n".join(real[:20]))
        done = run(["msgattrib", "--only-fuzzy", "--no-obsolete", po])
        ok("msgid" not in done.stdout.replace('msgid ""\nmsgstr ""', ""), f"{language}.po has no fuzzy messages",
           done.stdout[:2000])

    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    env["COLLATE_LOCALEDIR"] = localedir
    sample = os.path.join(source, "tests", "fixtures", "sample.collate.json")
    single = os.path.join(source, "tests", "fixtures", "emoji.collate.json")
    locales = run(["locale", "-a"]).stdout.split()
    german_locale = next((l for l in locales if l.lower() in ("de_de.utf8", "de_de.utf-8")), None)

    setups = [("LANGUAGE=de, LC_ALL=C.UTF-8", {"LANGUAGE": "de", "LC_ALL": "C.UTF-8"})]
    if german_locale:
        setups.append(("LC_ALL=de_DE.UTF-8", {"LC_ALL": german_locale}))
    else:
        skip("collate-cli under LC_ALL=de_DE.UTF-8", "the locale de_DE.UTF-8 is not generated "
             "(scripts/install-deps makes it)")

    for name, extra in setups:
        e = {**env, **extra}
        done = run([cli, "--help"], e)
        ok("Befehle:" in done.stdout and "Ein Projekt aus einem Datensatz machen" in done.stdout,
           f"{name}: --help is German", done.stdout)
        done = run([cli, "validate", sample, single], e)
        ok("ok (2 Dokumente, 6 Textstellen, 2 Verknüpfungen)" in done.stdout
           and "ok (1 Dokument, 6 Textstellen, 1 Verknüpfung)" in done.stdout,
           f"{name}: validate counts in German, singular and plural", done.stdout + done.stderr)
        done = run([cli, "report"], e)
        ok(done.returncode == 2 and "collate-cli: geben Sie eine Projektdatei an" in done.stderr
           and "„collate-cli report --help“ zeigt mehr dazu." in done.stderr,
           f"{name}: a usage error in German", done.stderr)
        done = run([cli, "report", single], e)
        ok(done.returncode == 0 and '<html lang="de">' in done.stdout and "Woher die Dokumente stammen" in done.stdout
           and "Verknüpfungen" in done.stdout, f"{name}: the report's headings are German", done.stderr)
        with tempfile.TemporaryDirectory() as work:
            done = run([cli, "report", single, "-o", os.path.join(work, "x.html")], e)
            done = run([cli, "report", single, "-o", os.path.join(work, "x.html")], e)
            ok(done.returncode == 1 and "existiert bereits" in done.stderr,
               f"{name}: an error in German", done.stderr)

    # and nothing leaks into English runs
    done = run([cli, "--help"], {**env, "LC_ALL": "C.UTF-8"})
    ok("Commands:" in done.stdout, "LC_ALL=C.UTF-8 alone: English", done.stdout)

    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
