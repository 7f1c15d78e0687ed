#!/usr/bin/env python3
"""goldkeys.py - gold by keyboard: the key script a reviewer would type to
turn the extractor's proposal into the gold file, run through
`shenyue review --script`, and the result checked against the gold.

usage:
  goldkeys.py check [--shared DIR] [--samples DIR --sample-gold DIR]
      TAP: for each report, the generated script turns the proposal into
      the gold (every field `shenyue eval` and score.py compare, plus
      marker, text, value_max, subject, the tags and a statistic's section,
      by the span of the section it names), and `shenyue eval
      GOLD RESULT` gives 1.000 on every figure.
  goldkeys.py bench [--shared DIR] [--samples DIR --sample-gold DIR]
                    [--order uncertain]
      the reviewer's effort: keys per gold item, keys per corrected item.
      With --order uncertain: the review in `--order uncertain` with a
      bulk accept of the agreeing high-score items first (see UNCERTAIN).
  goldkeys.py keys REPORT GOLD [OUT]
      write the final key script for one report (for a look at it).

Environment: SHENYUE (the program).  Needs PyYAML.

The model of the screen (tui/, README.md "Keys"): the items list is the
document, then sections and statistics merged by start (a section first
on a tie).  The script never depends on the screen size: `g` selects the
document; `]` goes to the next pending item (cyclically); Space accepts
and goes on; `x` rejects; `< > , .` move a span by one character; `e`
opens the form (Tab to a field, C-u clears it, the new text typed, Enter
saves); `t` then the picker key (or `+`, the tag, Enter) toggles a tag.
A missed item is added from the text pane: Tab, `/ C-u NEEDLE Enter`
(C-u: the prompt may come pre-filled with the last search), `l`/`h` to its
first character, `v`, `l` to its last, Enter, `s` or `h`, then the form,
prefilled by the program's own parser: what the reviewer sees there is
learnt by a first run (the probe), as a reviewer reads the form.

UNCERTAIN (issue 13): the reviewer first accepts in one stroke the items
every source agrees on with a score of BULK_MIN or more (`f U f R 0.9
Enter A y f a`), then goes back (`g`, then `j`/`k` in the list) to each of
those that was wrong and corrects it, then visits the pending items with
`]`/Space in rising score across the report (`review --order uncertain`:
the program's order, mirrored by Screen.next_pending).  An item's score
is the highest its sources give (`by:`).  When the extraction gives no
scores (a branch without them), the bench gives each item a score in a
deterministic way, written as `by: {shenyue: SCORE}` before the review:
an item the extractor tagged (inconsistent, numbering-skip,
numbering-repeat, marker-style) 0.3; a statistic without a value or a
unit 0.5; any other item 0.95.

A gold item is reached from a proposed item of the same kind with the
same span, else one overlapping it (its span moved); a proposed item
that reaches none is rejected; a gold item reached by none is added.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:           # the caller reports it (a check that cannot count fails)
    yaml = None

DEFAULT_TAGS = ["borderline", "checked-source", "unclear", "ocr-error",
                "duplicate", "needs-discussion"]
STAT_FORM = ["value", "unit", "approx", "value_max", "subject"]
SECTION_FORM = ["level", "marker", "title"]
DOC_FORM = ["title", "issuer", "region", "year", "date"]


# ------------------------------------------------------------ files

def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def report_text(path, encoding):
    """The report as the program decodes it: code points, no BOM."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    text = raw.decode("gb18030" if encoding == "gb18030" else "utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


# ------------------------------------------------------------ fields

def fmt_value(v):
    """A number as typed into the form (the form shows integers without
    a fraction)."""
    if v is None:
        return ""
    v = float(v)
    if v == int(v) and abs(v) < 1e15:
        return "%d" % int(v)
    return repr(v)


def num_same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return float(a) == float(b)


def field_text(kind, name, v):
    if name in ("value", "value_max"):
        return fmt_value(v)
    if v is None:
        return ""
    return str(v)


def same_field(kind, name, a, b):
    if name in ("value", "value_max"):
        return num_same(a, b)
    return field_text(kind, name, a) == field_text(kind, name, b)


def form_fields(kind):
    return {"section": SECTION_FORM, "stat": STAT_FORM, "document": DOC_FORM}[kind]


def tags_of(it):
    return list(it.get("tags") or [])


# ------------------------------------------------------------ the script

class Script:
    """Keys, with the item each run of keys was spent on."""

    def __init__(self):
        self.lines = []      # script lines
        self.keys = 0
        self.per_item = {}   # item label -> keys
        self.last = None     # the label of the last keys (a comment line)
        self.kinds = {}      # kind of correction -> how many

    def count(self, kind):
        self.kinds[kind] = self.kinds.get(kind, 0) + 1

    def add(self, label, tokens, typed=None):
        """TOKENS: key names; TYPED: text typed one character a key."""
        parts = list(tokens)
        n = len(tokens)
        if typed:
            esc = typed.replace("\\", "\\\\").replace('"', '\\"')
            parts.append('"%s"' % esc)
            n += len(typed)
        if label != self.last:
            self.lines.append("# " + "".join(c if ord(c) >= 0x20 else " " for c in label))
            self.last = label
        if parts:
            self.lines.append(" ".join(parts))
        self.keys += n
        self.per_item[label] = self.per_item.get(label, 0) + n

    def text(self):
        return "\n".join(self.lines) + "\n"


def type_form(sc, label, kind, have, want):
    """Keys to turn the form's fields HAVE into WANT, then save.  The form
    opens on its first field with the cursor at the end of the text."""
    cur = 0
    for i, name in enumerate(form_fields(kind)):
        if same_field(kind, name, have.get(name), want.get(name)):
            continue
        sc.count("%s %s" % (kind, name))
        sc.add(label, ["Tab"] * (i - cur) + ["C-u"])
        new = field_text(kind, name, want.get(name))
        if new:
            sc.add(label, [], new)
        cur = i
    sc.add(label, ["Enter"])


def needs_form(kind, have, want):
    return any(not same_field(kind, n, have.get(n), want.get(n))
               for n in form_fields(kind))


def tag_keys(sc, label, have, want):
    for t in sorted(set(have) ^ set(want)):
        sc.count("tag %s %s" % ("+" if t in want else "-", t))
        if t in DEFAULT_TAGS:
            sc.add(label, ["t", str(DEFAULT_TAGS.index(t) + 1)])
        else:
            sc.add(label, ["t", "+", "C-u"], t)
            sc.add(label, ["Enter"])


def span_keys(sc, label, s0, e0, s1, e1):
    """< > , . : widen first, then narrow, so that the span never empties."""
    ks = []
    if s1 < s0:
        ks += ["<"] * (s0 - s1)
    if e1 > e0:
        ks += ["."] * (e1 - e0)
    if s1 > s0:
        ks += [">"] * (s1 - s0)
    if e1 < e0:
        ks += [","] * (e0 - e1)
    if ks:
        sc.count("span moved")
        sc.add(label, ks)


def place_cursor(text, low, p, window=40, maxlen=40):
    """The cheapest search that puts the text cursor on P: a needle
    unique in the text (ASCII letters fold, as the program's search
    does), typed on one line, then moves to P.  Returns (needle, moves)
    with moves > 0 for `l`, < 0 for `h`; None when there is none."""
    best = None
    for a in range(max(0, p - window), min(len(text), p + window + 1)):
        for k in range(1, maxlen + 1):
            needle = text[a:a + k]
            if len(needle) < k or any(ord(c) < 0x20 or c == "\x7f" for c in needle):
                break
            if len(needle.encode("utf-8")) > 200:
                break
            nl = ascii_lower(needle)
            first = low.find(nl)
            if first == a and low.find(nl, a + 1) < 0:
                cost = k + abs(p - a)
                if best is None or cost < best[0]:
                    best = (cost, needle, p - a)
                break
    return None if best is None else (best[1], best[2])


class Screen:
    """The items list as the program orders it, and the selected item."""

    def __init__(self, items, order="document"):
        self.items = items    # dicts: kind, start, end, pending, key
        self.sel = None
        self.order = order

    def rows(self):
        secs = sorted((i for i in self.items if i["kind"] == "section"),
                      key=lambda i: (i["start"], i["end"]))
        stats = sorted((i for i in self.items if i["kind"] == "stat"),
                       key=lambda i: (i["start"], i["end"]))
        out = [i for i in self.items if i["kind"] == "document"]
        a = b = 0
        while a < len(secs) or b < len(stats):
            if b >= len(stats) or (a < len(secs) and secs[a]["start"] <= stats[b]["start"]):
                out.append(secs[a]); a += 1
            else:
                out.append(stats[b]); b += 1
        return out

    def queue(self):
        """--order uncertain (core/session/queue.c): by rising score,
        unscored last, ties by place then id; the document is not in it."""
        its = [i for i in self.items if i["kind"] != "document"]
        return sorted(its, key=lambda i: (i.get("score") is None, i.get("score") or 0,
                                          i["p"]["start"], i["p"]["id"]))

    def next_pending(self):
        if self.order == "uncertain":
            q = self.queue()
            r = q.index(self.sel) if self.sel in q else -1
            for k in range(1, len(q) + 1):
                if r < 0 and k > len(q):
                    break
                it = q[(r + k) % len(q)]
                if it["pending"]:
                    return it
            return None
        rows = self.rows()
        r = rows.index(self.sel)
        for k in range(1, len(rows) + 1):
            it = rows[(r + k) % len(rows)]
            if it["pending"]:
                return it
        return None


def align(props, golds, kind):
    """Pairs (proposed, gold) of one kind; then the proposed items left
    (to reject) and the gold items left (to add)."""
    pairs, used_p, used_g = [], set(), set()
    by_span = {}
    for i, p in enumerate(props):
        by_span.setdefault((p["start"], p["end"]), []).append(i)
    for j, g in enumerate(golds):
        for i in by_span.get((g["start"], g["end"]), []):
            if i not in used_p:
                pairs.append((i, j)); used_p.add(i); used_g.add(j)
                break
    cands = []
    for j, g in enumerate(golds):
        if j in used_g:
            continue
        for i, p in enumerate(props):
            if i in used_p:
                continue
            ov = min(p["end"], g["end"]) - max(p["start"], g["start"])
            if ov > 0:
                cost = abs(p["start"] - g["start"]) + abs(p["end"] - g["end"])
                cands.append((cost, i, j))
    for cost, i, j in sorted(cands):
        if i not in used_p and j not in used_g:
            pairs.append((i, j)); used_p.add(i); used_g.add(j)
    rej = [i for i in range(len(props)) if i not in used_p]
    add = [j for j in range(len(golds)) if j not in used_g]
    return pairs, rej, add


# what `shenyue eval` and score.py compare, beside the span (value_max
# goes with approx: a range's upper bound)
SCORED = {"stat": ("value", "unit", "approx", "value_max"),
          "section": ("level", "title"), "document": tuple(DOC_FORM)}


def target(kind, have, gold, scored):
    """The fields to reach from HAVE: GOLD's; when SCORED, only what eval
    compares (and the borderline tag), the rest left as HAVE."""
    if not scored:
        return gold
    t = dict(have)
    for k in SCORED[kind] + ("start", "end", "text"):
        if k in gold:
            t[k] = gold[k]
    if kind != "document":
        t["tags"] = [x for x in tags_of(have) if x != "borderline"] + \
            (["borderline"] if "borderline" in tags_of(gold) else [])
    return t


def describe_item(kind, p, g):
    """A label for the keys spent on an item (unique: the id or span)."""
    it = p if p is not None else g
    if kind == "document":
        return "document"
    what = it.get("text") if kind == "stat" else "%s%s" % (it.get("marker") or "", it.get("title") or "")
    return "%s%s at %d-%d %s%s" % (kind, " " + it["id"] if p is not None else "",
                                  it["start"], it["end"], what,
                                  ": not an item, rejected" if g is None else "")


BULK_MIN = 0.9
SYSTEM_TAGS = ("inconsistent", "numbering-skip", "numbering-repeat", "marker-style")


def item_score(it):
    """The item's score: the highest of its sources' (None: none)."""
    by = it.get("by") or {}
    vals = [v for v in by.values() if isinstance(v, (int, float))]
    return max(vals) if vals else None


def give_scores(doc):
    """No score from the extraction: the bench's own, deterministic
    (module doc, UNCERTAIN), written as by: {shenyue: SCORE}.  True when
    it gave any."""
    given = False
    for sect in ("sections", "statistics"):
        for it in doc.get(sect) or []:
            if item_score(it) is not None:
                continue
            if set(tags_of(it)) & set(SYSTEM_TAGS):
                sc = 0.3
            elif sect == "statistics" and (it.get("value") is None or not it.get("unit")):
                sc = 0.5
            else:
                sc = 0.95
            it["by"] = {"shenyue": sc}
            given = True
    return given


def item_keys(sc, label, kind, p, g, info):
    """The corrections of one item (not its moving keys); True when it
    was changed (a span or a form: no Space after it)."""
    if g is None:
        sc.count("%s rejected" % kind)
        sc.add(label, ["x"])
        info["corrected"].add(label)
        return True
    changed = False
    if kind != "document" and (p["start"], p["end"]) != (g["start"], g["end"]):
        span_keys(sc, label, p["start"], p["end"], g["start"], g["end"])
        changed = True
    if needs_form(kind, p, g):
        sc.add(label, ["e"])
        type_form(sc, label, kind, p, g)
        changed = True
    if kind != "document" and set(tags_of(p)) != set(tags_of(g)):
        tag_keys(sc, label, tags_of(p), tags_of(g))
        info["corrected"].add(label)
    if changed:
        info["corrected"].add(label)
    return changed


def bulk_keys(sc, scr, info):
    """UNCERTAIN: the bulk accept of the agreeing high-score items, then
    back to each wrong one through the list.  Marks them not pending."""
    bulk = [i for i in scr.items if i["kind"] != "document" and i["pending"]
            and i.get("score") is not None and i["score"] >= BULK_MIN
            and not i["p"].get("disagreement")]
    if not bulk:
        return
    sc.add("bulk accept", ["f", "U", "f", "R"], "%g" % BULK_MIN)
    sc.add("bulk accept", ["Enter", "A", "y", "f", "a", "g"])
    info["bulk"] = info.get("bulk", 0) + len(bulk)
    for it in bulk:
        it["pending"] = False
    rows = scr.rows()
    at = 0
    for it in rows:
        if it not in bulk:
            continue
        kind, p, g = it["kind"], it["p"], it["g"]
        if g is not None and not needs_form(kind, p, g) and \
                (p["start"], p["end"]) == (g["start"], g["end"]) and \
                set(tags_of(p)) == set(tags_of(g)):
            continue                      # right as accepted
        r = rows.index(it)
        label = describe_item(kind, p, g)
        sc.add(label, ["j"] * (r - at) if r >= at else ["k"] * (at - r))
        at = r
        info["bulk_wrong"] = info.get("bulk_wrong", 0) + 1
        item_keys(sc, label, kind, p, g, info)
        if g is not None:
            it["start"], it["end"] = g["start"], g["end"]
    scr.sel = rows[at]


def generate(prop, gold, text, prefill=None, scored=False, order="document"):
    """The key script turning PROP into GOLD (when SCORED, only as far as
    eval and score.py look).  PREFILL: (kind, start, end) -> the fields
    the add form opens with (learnt by a probe); an add not in it gets a
    bare Enter (the probe).  Returns (Script, info) where info counts the
    items and the corrections."""
    prefill = prefill or {}
    sc = Script()
    info = dict(gold_items=0, corrected=set(), unreachable=[], adds=0)
    low = ascii_lower(text)
    items = [dict(kind="document", start=-1, end=-1, pending=True, key=("document", 0),
                  p=prop.get("document") or {}, g=gold.get("document") or {})]
    items[0]["g"] = target("document", items[0]["p"], items[0]["g"], scored)
    adds = []
    for kind, sect in (("section", "sections"), ("stat", "statistics")):
        ps = prop.get(sect) or []
        gs = gold.get(sect) or []
        info["gold_items"] += len(gs)
        pairs, rej, add = align(ps, gs, kind)
        for i, j in pairs:
            items.append(dict(kind=kind, start=ps[i]["start"], end=ps[i]["end"],
                              pending=ps[i].get("status") == "pending", score=item_score(ps[i]),
                              key=(kind, i), p=ps[i], g=target(kind, ps[i], gs[j], scored)))
        for i in rej:
            items.append(dict(kind=kind, start=ps[i]["start"], end=ps[i]["end"],
                              pending=ps[i].get("status") == "pending", score=item_score(ps[i]),
                              key=(kind, i), p=ps[i], g=None))
        for j in add:
            adds.append((kind, gs[j]))
    info["adds"] = len(adds)
    scr = Screen(items, order)
    scr.sel = items[0]
    sc.add("start", ["g"])
    if order == "uncertain" and items[0]["pending"]:
        # the document first (not in the order), then the bulk stroke
        label = describe_item("document", items[0]["p"], items[0]["g"])
        if not item_keys(sc, label, "document", items[0]["p"], items[0]["g"], info):
            sc.add(label, ["a"])
        items[0]["pending"] = False
    if order == "uncertain":
        bulk_keys(sc, scr, info)
    cur = scr.sel if scr.sel["pending"] else scr.next_pending()
    if cur is not scr.sel and cur is not None:
        sc.add("start", ["]"])
    while cur is not None:
        scr.sel = cur
        label = describe_item(cur["kind"], cur["p"], cur["g"])
        kind, p, g = cur["kind"], cur["p"], cur["g"]
        item_keys(sc, label, kind, p, g, info)
        if g is not None and kind != "document":
            cur["start"], cur["end"] = g["start"], g["end"]
        cur["pending"] = False
        nxt = scr.next_pending()
        # Space accepts and moves on; after a fix or a reject, `]`
        still_pending = g is not None and not (
            (kind != "document" and (p["start"], p["end"]) != (g["start"], g["end"]))
            or needs_form(kind, p, g))
        if still_pending:
            sc.add(label, ["Space"])
        elif nxt is not None:
            sc.add(label, ["]"])
        cur = nxt
    # the missed items, from the text pane
    for kind, g in sorted(adds, key=lambda a: (a[1]["start"], a[1]["end"])):
        if scored and "borderline" in tags_of(g):
            continue                  # eval ignores it, and all that overlaps it
        label = "add " + describe_item(kind, None, g)
        sc.count("%s added" % kind)
        info["corrected"].add(label)
        pc = place_cursor(text, low, g["start"])
        if pc is None:
            info["unreachable"].append("%s at %d-%d: no unique text to search near it"
                                       % (kind, g["start"], g["end"]))
            continue
        needle, moves = pc
        sc.add(label, ["Tab", "/", "C-u"], needle)
        sc.add(label, ["Enter"] + (["l"] * moves if moves > 0 else ["h"] * -moves)
               + ["v"] + ["l"] * (g["end"] - g["start"] - 1) + ["Enter"])
        sc.add(label, ["s" if kind == "stat" else "h"])
        have = prefill.get((kind, g["start"], g["end"]))
        if have is not None and kind == "section":
            have = dict(have, level=None)   # its prefill depends on the adds before it
        if have is None:
            sc.add(label, ["Enter"])        # the probe: save the form as it opens
            continue
        g = target(kind, have, g, scored)
        type_form(sc, label, kind, have, g)
        tag_keys(sc, label, tags_of(have), tags_of(g))
    sc.add("end", ["q"])
    return sc, info


# ------------------------------------------------------------ running

def shenyue():
    """SHENYUE, else the program built beside tests/, else the PATH's."""
    built = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shenyue")
    return os.environ.get("SHENYUE") or (built if os.access(built, os.X_OK) else "shenyue")


def env_for(tmp):
    env = dict(os.environ)
    for k in ("TMUX", "NO_COLOR"):
        env.pop(k, None)
    env["HOME"] = tmp
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    env["XDG_STATE_HOME"] = os.path.join(tmp, "state")
    env["TERM"] = "xterm"
    return env


def run(cmd, env, cwd=None):
    try:
        p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
    except OSError as e:
        raise Failure("%s: %s" % (cmd[0], e))
    return p.returncode, p.stdout, p.stderr


class Failure(Exception):
    pass


def extract(report, work, env):
    """Copy REPORT into WORK and extract it there; the annotation path."""
    name = os.path.basename(report)
    shutil.copyfile(report, os.path.join(work, name))
    rc, out, err = run([shenyue(), "extract", "-o", work, os.path.join(work, name)], env)
    if rc != 0:
        raise Failure("extract %s: exit %d: %s" % (name, rc, err.strip()))
    return os.path.join(work, os.path.splitext(name)[0] + ".yaml")


def review(work, name, script, env, size="80x24", order="document"):
    keys = os.path.join(work, "keys.txt")
    with open(keys, "w", encoding="utf-8") as f:
        f.write(script.text())
    rc, out, err = run([shenyue(), "review", "--reviewer", "gold", "--script", keys,
                        "--size", size] + (["--order", order] if order != "document" else [])
                       + [os.path.join(work, name)], env)
    if rc != 0:
        raise Failure("review --script: exit %d: %s" % (rc, err.strip()[-400:]))


def added_fields(result, kind):
    out = {}
    for it in (result.get("sections" if kind == "section" else "statistics") or []):
        if it.get("status") == "added":
            out[(kind, it["start"], it["end"])] = dict(it)
    return out


def gold_by_keys(report, gold_path, tmp, scored=False, order="document"):
    """Probe (when something is to be added), generate, run.  Returns
    (script, info, result path)."""
    env = env_for(tmp)
    name = os.path.basename(report)
    gold = load(gold_path)
    prefill = None
    for attempt in range(2):
        work = os.path.join(tmp, "probe" if attempt == 0 else "run")
        os.makedirs(work)
        annot = extract(report, work, env)
        prop = load(annot)
        if order != "document" and give_scores(prop):
            with open(annot, "w", encoding="utf-8") as f:
                yaml.safe_dump(prop, f, allow_unicode=True, sort_keys=False)
        text = report_text(os.path.join(work, name), prop["source"].get("encoding"))
        sc, info = generate(prop, gold, text, prefill, scored, order)
        review(work, name, sc, env, order=order)
        if not info["adds"] or prefill is not None:
            return sc, info, annot
        result = load(annot)
        prefill = added_fields(result, "section")
        prefill.update(added_fields(result, "stat"))
    raise Failure("unreachable")


def rerun(report, script, tmp, size):
    """SCRIPT on a fresh extraction of REPORT at screen SIZE; the result."""
    env = env_for(tmp)
    work = os.path.join(tmp, "size-" + size)
    os.makedirs(work)
    annot = extract(report, work, env)
    review(work, os.path.basename(report), script, env, size)
    return load(annot)


# ------------------------------------------------------------ comparing

def section_spans(doc):
    """id -> (start, end) of the file's sections: a statistic's `section`
    is compared by the span of the section it names, since the ids of
    added sections differ from file to file."""
    return {s.get("id"): (s.get("start"), s.get("end"))
            for s in (doc.get("sections") or [])}


def held_by(it, spans):
    """The span of the section statistic IT names; None for null; the id
    itself when the file has no such section."""
    sid = it.get("section")
    if sid is None:
        return None
    return spans.get(sid, "no section %s" % sid)


def comparable(it, kind, spans=None):
    if kind == "section":
        f = ("start", "end", "level", "marker", "title")
    elif kind == "stat":
        f = ("start", "end", "text", "value", "unit", "approx", "value_max", "subject")
    else:
        f = DOC_FORM
    d = {}
    for k in f:
        v = it.get(k)
        if k in ("value", "value_max") and v is not None:
            v = float(v)
        d[k] = v
    if kind != "document":
        d["tags"] = sorted(tags_of(it))
    if kind == "stat":
        d["section"] = held_by(it, spans or {})
    return d


def describe(x, y):
    """The fields where X (the result) and Y (the gold) differ."""
    return ", ".join("%s: result %r, gold %r" % (k, x.get(k), y.get(k))
                     for k in y if x.get(k) != y.get(k))


def first_difference(result, gold):
    """None when RESULT equals GOLD on every compared field; else a line
    naming the first item that differs and how."""
    rd, gd = result.get("document") or {}, gold.get("document") or {}
    a, b = comparable(rd, "document"), comparable(gd, "document")
    if a != b:
        return "document: " + describe(a, b)
    if rd.get("status") == "pending":
        return "document: still pending"
    for kind, sect in (("section", "sections"), ("stat", "statistics")):
        ri = result.get(sect) or []
        pend = [i for i in ri if i.get("status") == "pending"]
        if pend:
            return "%s %s: still pending" % (sect, pend[0].get("id"))
        rs = sorted((comparable(i, kind, section_spans(result)) for i in ri
                     if i.get("status") != "rejected"),
                    key=lambda d: (d["start"], d["end"]))
        gs = sorted((comparable(i, kind, section_spans(gold)) for i in (gold.get(sect) or [])
                     if i.get("status") != "rejected"),
                    key=lambda d: (d["start"], d["end"]))
        for x, y in zip(rs, gs):
            if x != y:
                return "%s: gold item at %d-%d: %s" % (sect, y["start"], y["end"], describe(x, y))
        if len(rs) != len(gs):
            extra = rs[len(gs):] or gs[len(rs):]
            return "%s: %d in the result, %d in the gold; first unmatched %s" % (
                sect, len(rs), len(gs), extra[0])
    return None


EVAL_FIGURES = ("sec_p", "sec_r", "sec_f1", "sec_level_acc", "sec_title_acc",
                "stat_p", "stat_r", "stat_f1", "stat_overlap_f1", "stat_value_acc",
                "stat_unit_acc", "stat_approx_acc", "doc_acc")


def eval_all_one(gold_path, result_path, env):
    rc, out, err = run([shenyue(), "eval", gold_path, result_path], env)
    if rc != 0:
        return "eval: exit %d: %s" % (rc, err.strip())
    got = {}
    for line in out.splitlines():
        if ": " in line:
            k, v = line.split(": ", 1)
            got[k] = v
    bad = [f for f in EVAL_FIGURES if got.get(f) != "1.000"]
    if got.get("missing") != "0":
        bad.append("missing")
    return ("eval: not 1.000: " + ", ".join("%s=%s" % (f, got.get(f)) for f in bad)) if bad else None


# ------------------------------------------------------------ the sets

def report_pairs(args):
    """[(set, report, gold)]; errors as (set, None, message)."""
    out = []
    shared = args.get("shared")
    if shared is not None and not os.path.isdir(os.path.join(shared, "gold")):
        if os.environ.get("SHENYUE_NO_SHARED") == "1":
            out.append(("dev", None, "SKIP"))
        else:
            out.append(("dev", None, "%s/gold not found: the dev reports cannot be "
                        "checked (SHENYUE_NO_SHARED=1 for a tree without it)" % shared))
        shared = None
    if shared is not None:
        golds = sorted(glob.glob(os.path.join(shared, "gold", "*.yaml")))
        for g in golds:
            r = os.path.join(shared, "corpus", os.path.splitext(os.path.basename(g))[0] + ".txt")
            out.append(("dev", r, g))
        if not golds:
            out.append(("dev", None, "no gold file in %s/gold" % shared))
    samples, sgold = args.get("samples"), args.get("sample_gold")
    if samples is not None:
        reports = sorted(glob.glob(os.path.join(samples, "*.txt")))
        for r in reports:
            g = os.path.join(sgold, os.path.splitext(os.path.basename(r))[0] + ".yaml")
            out.append(("samples", r, g))
        if not reports:
            out.append(("samples", None, "no sample in %s" % samples))
    return out


def parse_args(argv):
    args = {}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--shared", "--samples", "--sample-gold", "--order"):
            args[a[2:].replace("-", "_")] = argv[i + 1]
            i += 2
        else:
            raise SystemExit("goldkeys.py: unknown argument %s" % a)
    return args


OTHER_SIZES = ("200x60", "60x20")


def check(args):
    n = failed = 0

    def point(ok, msg, diag=None):
        nonlocal n, failed
        n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", n, msg))
        if not ok:
            failed += 1
            for line in (diag or "").splitlines():
                print("#   " + line)
        sys.stdout.flush()

    for sset, report, gold in report_pairs(args):
        if report is None and gold == "SKIP":
            n += 1
            print("ok %d - %s: the dev reports # SKIP SHENYUE_NO_SHARED=1" % (n, sset))
            continue
        if report is None:
            point(False, "%s: %s" % (sset, gold))
            continue
        name = os.path.basename(report)
        tmp = tempfile.mkdtemp(prefix="shenyue-goldkeys.")
        try:
            sc, info, result_path = gold_by_keys(report, gold, tmp)
            result = load(result_path)
            diff = first_difference(result, load(gold))
            if info["unreachable"]:
                diff = "TODO cannot be reached from the keyboard: " + "; ".join(info["unreachable"]) + \
                       ("\n" + diff if diff else "")
            point(diff is None, "%s %s: %d keys turn the proposal into the gold "
                  "(%d gold items, %d corrected)" % (sset, name, sc.keys, info["gold_items"],
                                                     len(info["corrected"])),
                  diff and diff + "\nscript kept in " + tmp)
            ev = eval_all_one(gold, result_path, env_for(tmp))
            point(ev is None, "%s %s: shenyue eval GOLD RESULT gives 1.000 on every figure"
                  % (sset, name), ev)
            if sset == "samples":
                # the script does not depend on the screen's size
                sdiff = None
                for size in OTHER_SIZES:
                    d = first_difference(rerun(report, sc, tmp, size), load(gold))
                    if d:
                        sdiff = "at %s: %s" % (size, d)
                        break
                point(sdiff is None, "%s %s: the same keys at %s give the same gold"
                      % (sset, name, " and ".join(OTHER_SIZES)), sdiff)
                ev = ev or sdiff
            if diff is None and ev is None:
                shutil.rmtree(tmp, ignore_errors=True)
        except Failure as e:
            point(False, "%s %s: the key script runs" % (sset, name), str(e) + "\nkept in " + tmp)
            point(False, "%s %s: shenyue eval GOLD RESULT gives 1.000 on every figure"
                  % (sset, name), "not run")
            if sset == "samples":
                point(False, "%s %s: the same keys at %s give the same gold"
                      % (sset, name, " and ".join(OTHER_SIZES)), "not run")
    print("1..%d" % n)
    return 1 if failed else 0


def bench(args):
    """The effort table: for each report, the keys of the script that
    reaches the whole gold (every field, as the check does) and of the
    one that reaches what eval scores (1.000 on every figure)."""
    totals, kinds = {}, {}
    order = args.get("order", "document")
    bulk = [0, 0]
    print("order %s%s" % (order, ": bulk accept of agreeing items scored >= %g first" % BULK_MIN
                          if order != "document" else ""))
    print("%-8s %-30s %5s | %6s %6s %9s %8s | %6s %6s %9s %8s" % (
        "set", "report", "gold", "fixed", "keys", "keys/item", "keys/fix",
        "fixed", "keys", "keys/item", "keys/fix"))
    print("%-46s | %-34s | %s" % ("", "to the whole gold", "to what eval scores"))
    status = 0
    for sset, report, gold in report_pairs(args):
        if report is None:
            print("%s: %s" % (sset, gold))
            status = status if gold == "SKIP" else 1
            continue
        row = []
        for scored in (False, True):
            tmp = tempfile.mkdtemp(prefix="shenyue-goldkeys.")
            try:
                sc, info, result_path = gold_by_keys(report, gold, tmp, scored, order)
                bad = eval_all_one(gold, result_path, env_for(tmp))
                if not scored and not bad:
                    bad = first_difference(load(result_path), load(gold))
                if bad:
                    raise Failure(bad)
            except Failure as e:
                print("%s %s: %s" % (sset, os.path.basename(report), e))
                status = 1
                break
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            fixed = sorted(info["corrected"])
            fkeys = sum(sc.per_item.get(k, 0) for k in fixed)
            k = kinds.setdefault((sset, scored), {})
            for c, m in sc.kinds.items():
                k[c] = k.get(c, 0) + m
            if not scored:
                bulk[0] += info.get("bulk", 0)
                bulk[1] += info.get("bulk_wrong", 0)
            t = totals.setdefault((sset, scored), [0, 0, 0, 0])
            t[0] += info["gold_items"]; t[1] += len(fixed); t[2] += sc.keys; t[3] += fkeys
            row.append("%6d %6d %9.2f %8.2f" % (len(fixed), sc.keys,
                                               sc.keys / max(1, info["gold_items"]),
                                               fkeys / max(1, len(fixed))))
        else:
            print("%-8s %-30s %5d | %s | %s" % (sset, os.path.basename(report)[:30],
                                                info["gold_items"], row[0], row[1]))
    if order != "document":
        print("bulk accept: %d items accepted in one stroke, %d of them wrong "
              "(gone back to and corrected)" % (bulk[0], bulk[1]))
    for (sset, scored), t in sorted(totals.items()):
        print("effort %s, %s, order %s: %d keys for %d gold items: %.2f keys per gold item; "
              "%d items needed a correction (fixed, rejected or added): %.2f keys each"
              % (sset, "to what eval scores" if scored else "to the whole gold", order,
                 t[2], t[0], t[2] / max(1, t[0]), t[1], t[3] / max(1, t[1])))
        print("  corrections: " + ", ".join("%s %d" % (c, m) for c, m in
                                            sorted(kinds[(sset, scored)].items(),
                                                   key=lambda x: (-x[1], x[0]))))
    return status


def main(argv):
    if yaml is None:
        print("not ok 1 - PyYAML is needed to read the annotation files (python3 -m pip install pyyaml)")
        print("1..1")
        return 1
    if not argv:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "keys":
        tmp = tempfile.mkdtemp(prefix="shenyue-goldkeys.")
        try:
            sc, info, _ = gold_by_keys(rest[0], rest[1], tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        out = open(rest[2], "w", encoding="utf-8") if len(rest) > 2 else sys.stdout
        out.write(sc.text())
        return 0
    args = parse_args(rest)
    return check(args) if cmd == "check" else bench(args) if cmd == "bench" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
