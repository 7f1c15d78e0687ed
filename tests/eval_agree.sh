#!/bin/sh
# tests/eval_agree.sh - TAP test of `shenyue eval` and `shenyue agree`.
#
# eval must give the figures of ../shared/tools/score.py on the same
# inputs: a GOLD made from an extraction of the samples by python (items
# rejected, a value changed, a span moved, items deleted and added, one
# tagged borderline, document facts changed, a prediction missing, one
# unreadable, one in a subfolder), and the shared gold against an
# extraction of the shared corpus, are scored by both and every figure is
# compared (to 1e-9).  The scorer is used where it is, never copied: the
# parts that need it are skipped when ../shared is absent; without python3
# and PyYAML the test fails (need_pyyaml).
#
# agree: two copies of an extraction with different decisions made by
# python; Cohen's kappa and the kept-set F1, computed here independently,
# must equal shenyue's, and the disagreements must be the expected ids;
# identical folders give kappa 1 and no disagreement.
#
# Run by `make check` with SHENYUE (absolute path of the built program),
# top_srcdir and PYTHON3 in the environment.

top_srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$top_srcdir/tests/cli_lib.sh"
SAMPLES=$top_srcdir/samples
SHARED=$top_srcdir/../shared
SCORE=$SHARED/tools/score.py

set -- "$SAMPLES"/*.txt
if [ ! -r "$1" ]; then
	echo "Bail out! no samples in $SAMPLES"
	exit 1
fi

need_pyyaml "the gold and prediction files and score.py"
cli_begin eval

have_shared=0
if [ -r "$SCORE" ] && [ -d "$SHARED/gold" ] && [ -d "$SHARED/corpus" ]; then
	have_shared=1
fi

# ---------------------------------------------------------------- setup
mkdir rep && cp "$SAMPLES"/*.txt rep/
run extract -o ext rep/*.txt
[ "$rc" -eq 0 ] && [ -n "$(ls ext/*.yaml 2>/dev/null)" ]
point $? "extract the samples"

# ---------------------------------------------------------------- without python
run eval ext ext
[ "$rc" -eq 0 ] && grep -q '^stat_f1=1.000 sec_f1=1.000 value_acc=1.000 doc_acc=1.000$' out &&
	grep -q '^missing: 0$' out
point $? "eval of an extraction against itself: every figure 1"

run eval --per-file ext ext
[ "$rc" -eq 0 ] && [ "$(grep -c '^  pred: ' out)" -eq "$(ls ext/*.yaml | wc -l)" ]
point $? "eval --per-file: a line for each file"

run eval
[ "$rc" -eq 2 ]
point $? "eval without arguments: exit status 2"

run eval --format json ext ext
[ "$rc" -eq 2 ]
point $? "eval --format json: exit status 2"

run eval no-such-folder ext
[ "$rc" -eq 1 ] && grep -q 'no-such-folder' err
point $? "eval of a missing GOLD: exit status 1, named"

mkdir empty
run eval ext empty
[ "$rc" -eq 0 ] && grep -q "^missing: $(ls ext/*.yaml | wc -l)\$" out &&
	grep -q '^stat_f1=0.000' out
point $? "eval against an empty PRED: every file missing"

run agree ext ext
[ "$rc" -eq 0 ] && grep -q '^kappa: n/a$' out && grep -q 'disagreements=0$' out &&
	[ "$(sed -n 's/^items_both_pending: \([0-9]*\) .*/\1/p' out)" = \
	  "$(sed -n 's/^items_matched: //p' out)" ]
point $? "agree of an extraction with itself: nothing decided, every item left out of kappa (n/a), no disagreement"

run agree ext
[ "$rc" -eq 2 ]
point $? "agree with one folder: exit status 2"

# ---------------------------------------------------------------- eval = score.py
cat >mutate.py <<'EOF'
"""Make GOLD and PRED from an extraction EXT (the folder of its files)."""
import os, shutil, sys, yaml

ext, gold, pred = sys.argv[1:4]
os.makedirs(gold)
os.makedirs(pred)
names = sorted(f for f in os.listdir(ext) if f.endswith(".yaml"))
docs = {}
for f in names:
    with open(os.path.join(ext, f), encoding="utf-8") as h:
        docs[f] = yaml.safe_load(h)

class Dumper(yaml.SafeDumper):
    """No anchors for shared objects: shenyue refuses aliases."""
    def ignore_aliases(self, data):
        return True

def dump(doc, path):
    with open(path, "w", encoding="utf-8") as h:
        yaml.dump(doc, h, Dumper=Dumper, allow_unicode=True, sort_keys=False)

def fix_path(doc):
    # the report, relative to the new file's folder (both live under T)
    doc["source"]["path"] = "../rep/" + os.path.basename(doc["source"]["path"])

assert len(names) >= 4, names
for f in names:
    g, p = docs[f], yaml.safe_load(yaml.safe_dump(docs[f]))
    fix_path(g)
    fix_path(p)
    for it in (g.get("sections") or []) + (g.get("statistics") or []):
        it["status"] = "accepted"
    g["document"]["status"] = "accepted"
    gs, gn = g["sections"], g["statistics"]
    ps, pn = p["sections"], p["statistics"]
    chars = g["source"]["chars"]
    i = names.index(f)
    if i == 0:
        gn[0]["status"] = "rejected"          # still gold to score.py
        gn[1]["value"] = gn[1]["value"] * 2 + 1     # a value changed
        gn[2]["end"] -= 1                      # a span moved
        gn[3]["start"] += 1
        del gn[4]                              # a miss of the gold
        gn.append(dict(id="n900", text="x", start=0, end=1, value=1,
                       unit="个", approx=None, value_max=None, subject=None,
                       section=None, status="added", tags=[]))
        gn[5]["tags"] = ["borderline"]         # its prediction is ignored
        gn[6]["tags"] = ["checked", "borderline"]
        gn[6]["start"] = max(0, gn[6]["start"] - 1)   # overlapping only
        gn[7]["unit"] = None
        gn[8]["approx"] = "about" if gn[8].get("approx") != "about" else None
        gn[9]["value"] = gn[9]["value"] + 0.9e-6 * max(1, abs(gn[9]["value"]))
        gn[10]["value"] = gn[10]["value"] + 1.1e-6 * max(1, abs(gn[10]["value"]))
        g["document"]["title"] = None
        g["document"]["year"] = (g["document"].get("year") or 2000) + 1
        gs[0]["level"] = gs[0]["level"] + 1
        gs[1]["title"] = gs[1]["title"] + "X"
        del gs[2]
        gs.append(dict(id="s900", level=1, marker="九、", title="t",
                       start=chars - 1, end=chars, status="added", tags=[]))
        gs[3]["tags"] = ["borderline"]         # score.py keeps sections
        pn[11]["status"] = "rejected"          # a rejected prediction
        pn[12]["unit"] = None                  # str(None) == "None"
        for x in gn:
            if x["id"] == pn[12]["id"]:
                x["unit"] = "None"
        ps[4]["title"] = "\u3000 " + ps[4]["title"] + "\t\u2003"
        ps[5]["status"] = "rejected"
    elif i == 1:
        g["document"]["date"] = None
        g["document"]["issuer"] = "None"       # str(None) == "None"
        p["document"]["issuer"] = None
        p["document"]["region"] = "elsewhere"
        for x in pn[::3]:
            x["status"] = "rejected"
        pn.append(dict(pn[1], id="n901", value=-5))   # a duplicate span:
        # the later one in the file is the one score.py's dict keeps
        p["statistics"] = sorted(pn, key=lambda x: (x["start"], x["end"]))
        gs[0]["marker"] = "九、"               # not scored
        # a long borderline item over three, a short one inside it: the
        # predictions under the long one are ignored, past the short one
        for x in gn:
            if x["id"] == pn[5]["id"]:
                x["tags"] = ["borderline"]
        gn.append(dict(id="n950", text="y", start=max(0, pn[5]["start"] - 1),
                       end=pn[7]["end"], value=2, unit="个", approx=None,
                       value_max=None, subject=None, section=None,
                       status="added", tags=["borderline"]))
    elif i == 2:
        p = None                               # a missing prediction
    elif i == 3:
        g["statistics"] = []
        g["sections"] = []
        g["document"] = None
    if p is not None:
        sub = os.path.join(pred, "sub") if i == 3 else pred
        os.makedirs(sub, exist_ok=True)
        dump(p, os.path.join(sub, f))
    dump(g, os.path.join(gold, f))
with open(os.path.join(pred, "broken.yaml"), "w") as h:
    h.write("format: shenyue-annotations/1\nsource: [\n")
EOF

last_cmd="python3 mutate.py ext gold pred"
"$PYTHON3" mutate.py ext gold pred >"$T/diag" 2>&1
rc=$?
point $rc "make GOLD and PRED with python"

cat >compare.py <<'EOF'
"""compare.py SHENYUE_YAML SCORE_JSON: every figure equal to 1e-9."""
import json, math, sys, yaml

with open(sys.argv[1], encoding="utf-8") as h:
    mine = yaml.safe_load(h)
with open(sys.argv[2], encoding="utf-8") as h:
    ref = json.load(h)
bad = []

def close(a, b):
    return (isinstance(a, (int, float)) and isinstance(b, (int, float))
            and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9))

for k, v in ref.items():
    if k == "per_file_stat_f1":
        m = mine.get(k) or {}
        if set(m) != set(v):
            bad.append("per_file keys %s != %s" % (sorted(m), sorted(v)))
        for f in v:
            if not close(m.get(f), v[f]):
                bad.append("per_file %s: %r != %r" % (f, m.get(f), v[f]))
    elif not close(mine.get(k), v):
        bad.append("%s: shenyue %r, score.py %r" % (k, mine.get(k), v))
if mine.get("files", 0) < 1:
    bad.append("no file scored")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF

# eval_vs_score GOLD PRED WHAT: the point pair for one input.
eval_vs_score() {
	run eval --format yaml "$1" "$2"
	cp out mine.yaml
	cp err mine.err
	last_cmd="python3 score.py $1 $2 --json; compare"
	if [ "$rc" -eq 0 ] && "$PYTHON3" "$SCORE" "$1" "$2" --json >ref.json 2>ref.err; then
		"$PYTHON3" compare.py mine.yaml ref.json >"$T/diag" 2>&1
		rc=$?
	else
		[ "$rc" -eq 0 ] && rc=1
	fi
}

if [ "$have_shared" -eq 1 ]; then
	eval_vs_score gold pred
	point $rc "eval figures = score.py --json (mutated gold, every figure)"

	grep -q 'broken.yaml' mine.err
	point $? "an unreadable prediction is reported"

	run eval gold pred
	"$PYTHON3" "$SCORE" gold pred >ref.txt 2>/dev/null
	last_cmd="shenyue eval gold pred vs score.py gold pred (text)"
	diff ref.txt out >"$T/diag" 2>&1
	point $? "eval text = score.py text, line for line"

	run eval --format yaml --per-file gold pred
	last_cmd="shenyue eval --format yaml --per-file gold pred"
	cp out perfile.yaml
	"$PYTHON3" - perfile.yaml ref.json >"$T/diag" 2>&1 <<'EOF'
import json, math, sys, yaml
mine = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
ref = json.load(open(sys.argv[2], encoding="utf-8"))["per_file_stat_f1"]
rows = mine["per_file"]
assert len(rows) == len(ref) == mine["files"], (len(rows), len(ref))
assert sum(r["missing"] for r in rows) == mine["missing"] == 1
for r in rows:
    assert math.isclose(r["stat_f1"], ref[r["key"]], abs_tol=1e-9), r
    assert (r["pred"] is None) == bool(r["missing"]), r
EOF
	point $? "eval --per-file: each file's stat_f1 = per_file_stat_f1"

	mkdir corpus && cp "$SHARED"/corpus/*.txt corpus/
	run extract -o cpred corpus/*.txt
	if [ "$rc" -eq 0 ]; then
		eval_vs_score "$SHARED/gold" cpred
	fi
	point $rc "shared gold vs extraction of the shared corpus: eval = score.py"
else
	for what in "eval figures = score.py --json" "unreadable prediction" \
		"eval text = score.py text" "eval --per-file = per_file_stat_f1" \
		"shared gold: eval = score.py"; do
		skip "$what" "../shared (score.py) not present"
	done
fi

# ---------------------------------------------------------------- agree
cat >decide.py <<'EOF'
"""Two reviewers' decisions on copies of EXT into A and B; writes the
expected kappa, kept F1, stat_unit agreement and disagreement ids."""
import json, os, sys, yaml

class Dumper(yaml.SafeDumper):
    """No anchors for shared objects: shenyue refuses aliases."""
    def ignore_aliases(self, data):
        return True

ext, adir, bdir, expect = sys.argv[1:5]
names = sorted(f for f in os.listdir(ext) if f.endswith(".yaml"))
os.makedirs(adir)
os.makedirs(os.path.join(bdir, "deep"))
A, B = {}, {}
for f in names:
    d = yaml.safe_load(open(os.path.join(ext, f), encoding="utf-8"))
    d["source"]["path"] = "../rep/" + os.path.basename(d["source"]["path"])
    A[f] = d
    B[f] = yaml.safe_load(yaml.safe_dump(d))
    for doc in (A[f], B[f]):
        for it in doc["sections"] + doc["statistics"]:
            it["status"] = "accepted"

diff_ids = set()
f0, f1 = names[0], names[1]
an, bn = A[f0]["statistics"], B[f0]["statistics"]
an[0]["status"] = "rejected"; diff_ids.add((f0, an[0]["id"]))
bn[1]["status"] = "rejected"; diff_ids.add((f0, bn[1]["id"]))
bn[2]["status"] = "fixed"; bn[2]["value"] = bn[2]["value"] + 1
diff_ids.add((f0, bn[2]["id"]))
an[3]["status"] = bn[3]["status"] = "fixed"           # same fix: agree
an[3]["subject"] = bn[3]["subject"] = "same"
an[4]["status"] = bn[4]["status"] = "fixed"           # unit differs
an[4]["unit"], bn[4]["unit"] = "个", "件"
diff_ids.add((f0, an[4]["id"]))
an[5]["status"] = bn[5]["status"] = "pending"         # both pending
an[6]["status"] = "pending"; diff_ids.add((f0, an[6]["id"]))
# the same item added by both, with different ids: paired by span
add = dict(text="x", start=0, end=1, value=1, unit="个", approx=None,
           value_max=None, subject=None, section=None, tags=[])
an.insert(0, dict(add, id="n9100", status="added"))
bn.insert(0, dict(add, id="n9200", status="added"))
# added by B alone
bn.insert(0, dict(add, id="n9300", status="added", start=1, end=2))
diff_ids.add((f0, "n9300"))
asec, bsec = A[f1]["sections"], B[f1]["sections"]
bsec[0]["status"] = "rejected"; diff_ids.add((f1, bsec[0]["id"]))
asec[1]["status"] = bsec[1]["status"] = "fixed"
asec[1]["level"], bsec[1]["level"] = 2, 3; diff_ids.add((f1, asec[1]["id"]))

for f in names:
    for side, base in ((A, adir), (B, bdir)):
        for k in ("sections", "statistics"):
            side[f][k].sort(key=lambda x: (x["start"], x["end"]))
        out = os.path.join(base, "deep" if side is B and f == f1 else "", f)
        with open(out, "w", encoding="utf-8") as h:
            yaml.dump(side[f], h, Dumper=Dumper, allow_unicode=True,
                      sort_keys=False)

# kappa, independently: pairs by id (items not added), added ones by span
cats = ["pending", "accepted", "fixed", "rejected", "added"]
pairs = []
kept = {"a": set(), "b": set()}
unit_eq = unit_n = 0
for f in names:
    for kind in ("sections", "statistics"):
        a_items, b_items = A[f][kind], B[f][kind]
        for side, items in (("a", a_items), ("b", b_items)):
            for it in items:
                if it["status"] in ("accepted", "fixed", "added"):
                    kept[side].add((f, kind, it["start"], it["end"]))
        b_by_id = {x["id"]: x for x in b_items if x["status"] != "added"}
        b_added = [x for x in b_items if x["status"] == "added"]
        for x in a_items:
            if x["status"] != "added":
                y = b_by_id.get(x["id"])
            else:
                y = next((z for z in b_added if (z["start"], z["end"]) ==
                          (x["start"], x["end"])), None)
            if y is None:
                continue
            pairs.append((x["status"], y["status"]))
            if (kind == "statistics" and x["status"] in ("accepted", "fixed", "added")
                    and y["status"] in ("accepted", "fixed", "added")):
                unit_n += 1
                unit_eq += x.get("unit") == y.get("unit")
# items both left pending are left out of kappa (and counted)
decided = [p for p in pairs if p != ("pending", "pending")]
n = len(decided)
po = sum(a == b for a, b in decided) / n
pe = sum((sum(a == c for a, _ in decided) / n) * (sum(b == c for _, b in decided) / n)
         for c in cats)
kappa = (po - pe) / (1 - pe)
both = len(kept["a"] & kept["b"])
kf1 = 2 * both / (len(kept["a"]) + len(kept["b"]))
json.dump(dict(kappa=kappa, po=po, matched=len(pairs),
               both_pending=len(pairs) - n, kept_f1=kf1,
               unit_eq=unit_eq, unit_n=unit_n,
               diff=sorted("%s %s" % d for d in diff_ids)),
          open(expect, "w"))
EOF

last_cmd="python3 decide.py ext A B expect.json"
"$PYTHON3" decide.py ext A B expect.json >"$T/diag" 2>&1
rc=$?
point $rc "agree: make A and B with python"

run agree --format yaml A B
cp out agree.yaml
last_cmd="shenyue agree --format yaml A B"
[ "$rc" -eq 0 ] && "$PYTHON3" - agree.yaml expect.json >"$T/diag" 2>&1 <<'EOF'
import json, math, sys, yaml
got = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2]))
assert got["items_matched"] == want["matched"], (got["items_matched"], want["matched"])
assert math.isclose(got["kappa"], want["kappa"], abs_tol=1e-9), (got["kappa"], want["kappa"])
assert math.isclose(got["status_agreement"], want["po"], abs_tol=1e-9)
assert got["kappa"] < 1
EOF
point $? "agree: kappa = Cohen's kappa computed in python"

[ "$rc" -eq 0 ] && "$PYTHON3" - agree.yaml expect.json >"$T/diag" 2>&1 <<'EOF'
import json, sys, yaml
got = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2]))
assert want["both_pending"] == 1, want
assert got["items_both_pending"] == want["both_pending"], got.get("items_both_pending")
EOF
point $? "agree: items both left pending are left out of kappa, and counted (yaml)"
run agree A B
t_rc 0 && t_out_fixed 'items_both_pending: 1 (left out of status_agreement and kappa)' &&
	t_out 'both_pending=1 disagreements=[0-9]*$'
point $? "agree: the text output says how many items both left pending were left out"

[ "$rc" -eq 0 ] && "$PYTHON3" - agree.yaml expect.json >"$T/diag" 2>&1 <<'EOF'
import json, math, sys, yaml
got = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2]))
assert math.isclose(got["kept_f1"], want["kept_f1"], abs_tol=1e-9), (got["kept_f1"], want["kept_f1"])
u = got["fields"]["stat_unit"]
assert (u["equal"], u["compared"]) == (want["unit_eq"], want["unit_n"]), (u, want)
assert got["files"] >= 4 and got["files_only_a"] == got["files_only_b"] == 0
EOF
point $? "agree: kept-set F1 and field agreement = python's"

[ "$rc" -eq 0 ] && "$PYTHON3" - agree.yaml expect.json >"$T/diag" 2>&1 <<'EOF'
import json, os, sys, yaml
got = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2]))["diff"]
ids = sorted("%s %s" % (os.path.basename(d["file_a"]), d["id"])
             for d in got["disagreements"])
assert ids == want, "got %s\nwant %s" % (ids, want)
assert got["disagreement_count"] == len(want)
only = [d for d in got["disagreements"] if d["a"] is None]
assert [d["id"] for d in only] == ["n9300"] and only[0]["differs"] == ["only_b"], only
EOF
point $? "agree: the disagreements are the expected ids"

run agree --format yaml B B
last_cmd="shenyue agree --format yaml B B"
[ "$rc" -eq 0 ] && "$PYTHON3" - "$T/out" >"$T/diag" 2>&1 <<'EOF'
import sys, yaml
got = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
assert got["kappa"] == 1.0 and got["disagreements"] == [], got
assert got["kept_f1"] == 1.0 and got["items_only_a"] == got["items_only_b"] == 0
EOF
point $? "agree: identical folders give kappa 1 and no disagreement"

cli_end
