#!/usr/bin/python3
"""Reads Collate's window through the accessibility bus (AT-SPI), as a
screen reader does, and checks what it finds.  Used by a11y.sh.

  a11y-tree.py tree PROJECT      names and roles of the window's parts
  a11y-tree.py caret TEXT        the focused report text's description is TEXT
  a11y-tree.py caret-prefix TEXT … starts with TEXT
  a11y-tree.py dialog TITLE      a window or dialog named TITLE is showing,
                                 and every button and entry in it has a name
  a11y-tree.py window TITLE      a window named TITLE is showing (GTK's own
                                 file chooser: its insides are GTK's)

Exit status 0 when all is as expected, 1 otherwise (saying what differs).
Needs GObject introspection's Atspi (Debian: gir1.2-atspi-2.0).
"""
import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

problems = []


def check(cond, message):
    if not cond:
        problems.append(message)
    return cond


def fresh(node):
    node.clear_cache()
    return node


def role(node):
    return fresh(node).get_role_name()


def children(node):
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield child


def walk(node, depth=0):
    yield node, depth
    if depth < 60:
        for child in children(node):
            yield from walk(child, depth + 1)


def collate_app(timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = Atspi.get_desktop(0)
        for app in children(desktop):
            if app.get_name() == "collate":
                return app
        time.sleep(0.2)
    sys.exit("a11y: Collate is not on the accessibility bus (is GTK_A11Y=none set, or no bus?)")


def everything(app):
    return [(n, d, role(n), n.get_name() or "", n.get_description() or "") for n, d in walk(app)]


def check_tree(project_path):
    with open(project_path, encoding="utf-8") as f:
        project = json.load(f)
    app = collate_app()
    nodes = everything(app)
    frames = [n for n in nodes if n[2] == "frame"]
    check(any(project["title"] in f[3] for f in frames),
          f"no window named after the project {project['title']!r}: {[f[3] for f in frames]}")

    # Each report: a group named after it, holding its text, named by its title
    texts = [n for n in nodes if n[2] == "text"]
    for doc in project["documents"]:
        title = doc["title"]
        shown = [t for t in texts if t[3] == title]
        check(len(shown) == 1, f"no text named {title!r} (texts: {[t[3] for t in texts]})")
        check(any(n[2] == "panel" and n[3] == f"Report “{title}”" for n in nodes),
              f"no group named Report “{title}”")
        check(all(t[4] for t in shown), f"the text of {title!r} has no description")

    # The label palette: one button per span label, named "LABEL, key N"
    buttons = {n[3] for n in nodes if n[2] == "push button"}
    span_labels = project["schema"]["span_labels"]
    for i, label in enumerate(span_labels):
        key = label.get("hotkey") or str(i + 1)
        check(f"{label['name']}, key {key}" in buttons,
              f"no palette button named {label['name']}, key {key}")

    # The sidebar: a group, its counts, search, filters and lists
    check(any(n[2] == "panel" and n[3] == "Sidebar" for n in nodes), "no group named Sidebar")
    counts = {}
    for a in project["annotations"]:
        counts[a["label"]] = counts.get(a["label"], 0) + 1
    for label in span_labels:
        n = counts.get(label["name"], 0)
        name = f"{label['name']}, {n} span" + ("" if n == 1 else "s")
        check(name in buttons, f"no sidebar count button named {name!r}")
    check(any(n[2] == "entry" and n[3] == "Search quotes and notes" for n in nodes),
          "the sidebar's search has no name")
    for name in ("Label filter", "Document filter"):
        check(any(n[2] == "combo box" and n[3] == name for n in nodes), f"no combo box named {name}")
    lists = {n[3]: n for n in nodes if n[2] == "list"}
    for name in ("Spans", "Links"):
        check(name in lists, f"no list named {name} (lists: {sorted(lists)})")
    if "Spans" in lists:
        items = [c for c in children(lists["Spans"][0]) if role(c) == "list item"]
        texts_of = {d["id"]: d["text"] for d in project["documents"]}
        quotes = [texts_of[a["document"]][a["start"]:a["end"]] for a in project["annotations"]]
        check(len(items) == len(quotes), f"the Spans list has {len(items)} rows, the project {len(quotes)} spans")
        for item in items:
            name = item.get_name() or ""
            check(any(name.startswith(q + ", ") for q in quotes), f"a span row is named {name!r}")
    # The rest: no push button without a name of its own (GTK names those by
    # their class, "GtkButton")
    unnamed = sorted({n[3] for n in nodes if n[2] == "push button" and n[3].startswith("Gtk")
                      and n[3] not in ("GtkToggleButton",)})
    check(not unnamed, f"buttons without a name: {unnamed}")


def focused_text(app):
    for node, _ in walk(app):
        if role(node) == "text" and node.get_state_set().contains(Atspi.StateType.FOCUSED):
            return node
    return None


def check_caret(expected, prefix=False):
    app = collate_app()
    deadline = time.time() + 10
    got = None
    while time.time() < deadline:
        node = focused_text(app)
        got = fresh(node).get_description() if node is not None else None
        if got is not None and (got.startswith(expected) if prefix else got == expected):
            print(f"a11y: {node.get_name()!r} reads {got!r}")
            return
        time.sleep(0.2)
    check(False, f"the focused text's description is {got!r}, not {expected!r}"
                 + (" (at the start)" if prefix else ""))


def check_dialog(title, controls=True):
    app = collate_app()
    deadline = time.time() + 10
    while time.time() < deadline:
        for window in children(app):
            if (window.get_name() or "") == title:
                nodes = everything(window)
                if not controls:
                    print(f"a11y: the {role(window)} {title!r} is showing")
                    return
                unnamed = [f"{n[2]} {n[3]!r}" for n in nodes
                           if n[2] in ("push button", "entry", "toggle button", "check box", "combo box")
                           and (not n[3] or n[3].startswith("Gtk"))
                           and n[3] != "GtkToggleButton"]
                check(not unnamed, f"in {title!r}, controls without a name: {unnamed}")
                print(f"a11y: the {role(window)} {title!r} shows {len(nodes)} accessible objects")
                return
        time.sleep(0.2)
    check(False, f"no window named {title!r}: {[w.get_name() for w in children(app)]}")


mode, arg = sys.argv[1], sys.argv[2]
if mode == "tree":
    check_tree(arg)
elif mode == "caret":
    check_caret(arg)
elif mode == "caret-prefix":
    check_caret(arg, prefix=True)
elif mode == "dialog":
    check_dialog(arg)
elif mode == "window":
    check_dialog(arg, controls=False)
else:
    sys.exit(f"a11y: unknown mode {mode}")
for p in problems:
    print(f"a11y: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
