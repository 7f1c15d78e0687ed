#!/usr/bin/env python3
"""layers.py - the layers of the source tree, and the check that keeps them.

Usage: layers.py [--max-lines N] SRCDIR

Each folder of core/ is a layer with a rank; a file may include headers of
its own folder and of folders of lower rank only.  core/ never includes
tui/, cli/ or curses; tui/ never includes cli/; only tui/display.c
includes curses.  Core headers are included by their folder
("base/error.h"), so the layer of every include shows where it is written.
With --max-lines, no .c or .h file in core/, tui/ or cli/ may be longer.
With --schema, every key of format 1 that core/model/schema.h declares
(but the few that are also common words: text, title, status, ...) is
written as a string literal in code (comments aside) in at most three
files of core/, tui/ and cli/: the schema, and where text for people
needs it.

Prints one TAP line per file checked (and per rule it breaks), ends with
the plan; exits 1 when a rule is broken or no file could be checked.
"""
import os
import re
import sys

# The layers, lowest first.  Folders of the same rank must not include
# each other.
RANK = {
    "core/base": 0,      # error, memory, utf8, sha256, files
    "core/model": 1,     # the annotation model, its fields and rules
    "core/convert": 2,   # web pages and Word files to text
    "core/text": 3,      # a report decoded, its lines and numerals
    "core/format": 4,    # format 1: reading and writing the YAML
    "core/extract": 5,   # the extractor, documents taken in
    "core/merge": 6,     # three-way merge of annotation files
    "core/config": 6,    # settings and themes
    "core/session": 7,   # a report under review: edits, journal, lock
    "core/compare": 8,   # eval, agree, adjudicate, export, progress
    "core/import": 8,    # other extractors' predictions taken in
    "tui": 9,            # the review screen
    "cli": 10,           # the commands
}
CURSES = re.compile(r"#\s*include\s*<(n?cursesw?/)?n?cursesw?\.h>|"
                    r"#\s*include\s*<(term|panel|menu|form)\.h>")
QUOTED = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


# Keys that are also ordinary words of other things (a theme's "text", an
# HTML "title", a message's "section"): not counted.
COMMON_WORDS = {"id", "text", "title", "status", "tags", "note", "path",
                "section", "sections", "reviewer", "updated", "sha256",
                "format", "source", "document", "statistics", "review"}
SCHEMA_KEY = re.compile(r'X\(\s*\w+\s*,\s*"([a-z_0-9]+)"')
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def code_of(text):
    """TEXT without its comments."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def schema_check(src, files):
    """[(key, files)] of the keys spelled in more than three files."""
    with open(os.path.join(src, "core/model/schema.h"), encoding="utf-8") as f:
        keys = set(SCHEMA_KEY.findall(f.read())) - COMMON_WORDS
    where = {k: [] for k in keys}
    for rel in files:
        with open(os.path.join(src, rel), encoding="utf-8") as f:
            lits = set(STRING.findall(code_of(f.read())))
        for k in keys & lits:
            where[k].append(rel)
    return len(keys), sorted((k, v) for k, v in where.items() if len(v) > 3)


def layer_of(rel):
    d = os.path.dirname(rel)
    return d if d in RANK else None


def main(argv):
    max_lines = None
    schema = False
    while len(argv) > 2 and argv[1].startswith("--"):
        if argv[1] == "--max-lines":
            max_lines = int(argv[2])
            argv = [argv[0]] + argv[3:]
        elif argv[1] == "--schema":
            schema = True
            argv = [argv[0]] + argv[2:]
        else:
            break
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    src = argv[1]
    n = 0
    bad = 0
    files = []
    for top in ("core", "tui", "cli"):
        for root, dirs, names in os.walk(os.path.join(src, top)):
            dirs.sort()
            for name in sorted(names):
                if name.endswith((".c", ".h")):
                    files.append(os.path.relpath(os.path.join(root, name), src))
    for rel in files:
        problems = []
        me = layer_of(rel)
        with open(os.path.join(src, rel), encoding="utf-8") as f:
            text = f.read()
        if me is None:
            problems.append("folder %s is not a known layer (scripts/layers.py)"
                            % os.path.dirname(rel))
        if CURSES.search(text) and rel != "tui/display.c":
            problems.append("includes curses (only tui/display.c may)")
        for inc in QUOTED.findall(text):
            here = os.path.join(os.path.dirname(rel), inc)
            if rel.startswith("core/") and os.path.exists(os.path.join(src, here)) \
                    and "/" not in inc and not os.path.exists(os.path.join(src, "core", inc)):
                problems.append('"%s": name core headers by folder' % inc)
                continue
            if os.path.exists(os.path.join(src, "core", inc)):
                target = os.path.dirname(os.path.join("core", inc))
            elif os.path.exists(os.path.join(src, here)):
                target = os.path.dirname(os.path.normpath(here))
            elif os.path.exists(os.path.join(src, "tui", inc)):
                target = "tui"
            elif os.path.exists(os.path.join(src, "cli", inc)):
                target = "cli"
            else:
                # a generated header (config.h) or one outside the tree
                continue
            if target not in RANK or me is None:
                problems.append('"%s" is in no known layer' % inc)
            elif target != me and RANK[target] >= RANK[me]:
                problems.append('includes "%s" of %s (rank %d) from %s (rank %d)'
                                % (inc, target, RANK[target], me, RANK[me]))
        if max_lines is not None:
            lines = text.count("\n")
            if lines > max_lines:
                problems.append("%d lines, more than %d" % (lines, max_lines))
        n += 1
        if problems:
            bad += 1
            print("not ok %d - %s: %s" % (n, rel, "; ".join(problems)))
        else:
            print("ok %d - %s" % (n, rel))
    if schema and n:
        nkeys, spread = schema_check(src, files)
        n += 1
        if nkeys < 10 or spread:
            bad += 1
            print("not ok %d - the keys of format 1 (%d from schema.h) each in "
                  "at most 3 files: %s" % (n, nkeys, "; ".join(
                      "%s in %s" % (k, ", ".join(v)) for k, v in spread)))
        else:
            print("ok %d - the keys of format 1 (%d from schema.h) each in at "
                  "most 3 files" % (n, nkeys))
    if n == 0:
        print("not ok 1 - no source file found under %s" % src)
        n = 1
        bad = 1
    print("1..%d" % n)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
