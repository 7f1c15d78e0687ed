#!/bin/sh
# tests/confidence.sh - TAP test of shenyue's own scores and of comparing
# sources (issue 13): every extracted item carries by: {shenyue: SCORE}
# in [0, 1] and the file names shenyue's version under proposers; in a
# table of our own sentences a clean case scores above a borderline one;
# `eval --calibration` prints its reliability table, and on the dev
# corpus (../shared) the items scored 0.9 or more are right at least 90%
# of the time; `eval --source` scores one source's items; `agree --source
# A --source B` compares two sources in the same files.
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment; needs PyYAML and ../shared (the dev corpus and its gold):
# without them the points that need them fail.
set -u
top_srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$top_srcdir/tests/cli_lib.sh"
SAMPLES=$top_srcdir/samples
SHARED=${SHENYUE_SHARED:-$top_srcdir/../shared}
case $SAMPLES in /*) ;; *) SAMPLES=$(pwd)/$SAMPLES ;; esac
case $SHARED in /*) ;; *) SHARED=$(pwd)/$SHARED ;; esac

need_pyyaml "the checks of the scores"
cli_begin confidence

# ------------------------------------------------------------ the samples
mkdir samples-out
run extract -o samples-out "$SAMPLES"/*.txt
t_rc 0 && "$PYTHON3" - samples-out >"$T/diag" 2>&1 <<'EOF'
import glob, sys, yaml
n = 0
for p in glob.glob(sys.argv[1] + "/*.yaml"):
    d = yaml.safe_load(open(p, encoding="utf-8"))
    v = d["proposers"]["shenyue"]["version"]
    assert isinstance(v, str) and v, (p, v)
    for it in (d["sections"] or []) + (d["statistics"] or []):
        s = it["by"]["shenyue"]
        assert isinstance(s, (int, float)) and 0 <= s <= 1, (p, it["id"], s)
        assert round(s, 2) == s, (p, it["id"], s)
        n += 1
assert n > 100, n
print("items scored:", n)
EOF
point $? "every extracted item of the samples has by.shenyue in [0, 1] (2 decimals) and proposers names shenyue's version"

# ------------------------------------------------------------ clean above borderline
# Our own sentences: each line of cases.tsv is CLEAN<TAB>BORDERLINE (the
# texts of two statistics, or two section markers) and the kind of
# evidence that should lower the second.
cat >cases.txt <<'EOF'
一、主要工作
全年受理群众来信案件53宗，化解率98.5%。
每个社区配备网格员2名以上，全街道共配备网格员36名。
开展两次专题辅导，开展普法讲座12次。
发放环保布袋200袋，发放普法资料3000份。
共办理案件10件，其中甲类案件3件、乙类案件4件。
综合考评排名3位，全街道共有社区15个。
新增法律服务机构3至5家，发放手册500本。
三、存在问题
EOF
cat >cases.tsv <<'EOF'
53宗	2名	a norm (N名以上)
36名	2名	a norm (N名以上)
12次	两次	a small Chinese numeral
3000份	200袋	a rarer measure word
3件	10件	the inconsistent tag
15个	3位	an ordinal-like context (排名)
500本	3至5家	a range
一、	三、	a numbering skip
EOF
run extract -o - cases.txt
t_rc 0 && cp "$T/out" cases.yaml && "$PYTHON3" - cases.yaml cases.tsv >"$T/diag" 2>&1 <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
score = {}
for it in d["statistics"]:
    score[it["text"]] = it["by"]["shenyue"]
for it in d["sections"]:
    score[it["marker"]] = it["by"]["shenyue"]
bad = 0
rows = 0
for line in open(sys.argv[2], encoding="utf-8"):
    clean, border, why = line.rstrip("\n").split("\t")
    rows += 1
    if clean not in score or border not in score:
        print("not extracted:", clean, border)
        bad += 1
    elif not score[clean] > score[border]:
        print("%s %s <= %s %s (%s)" % (clean, score[clean], border,
                                        score[border], why))
        bad += 1
    elif score[clean] < 0.9:
        print("clean %s only %s" % (clean, score[clean]))
        bad += 1
assert rows == 8 and not bad
EOF
point $? "our own sentences: each clean case scores 0.9 or more and above its borderline one (8 pairs)"

# ------------------------------------------------------------ calibration on dev
if [ -d "$SHARED/gold" ] && [ -d "$SHARED/corpus" ]; then
	mkdir dev
	run extract -o dev "$SHARED"/corpus/*.txt
	run eval --calibration "$SHARED/gold" dev
	t_rc 0 && cp "$T/out" calib.txt && "$PYTHON3" - calib.txt >"$T/diag" 2>&1 <<'EOF'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert lines[0] == "calibration of the scores of any source", lines[0]
assert lines[1].split() == ["score", "items", "correct", "share"], lines[1]
want = ["[0.0, 0.5)", "[0.5, 0.7)", "[0.7, 0.8)", "[0.8, 0.9)",
        "[0.9, 1.0]", "no score"]
assert [l[:12].strip() for l in lines[2:]] == want, lines
total = 0
for l in lines[2:]:
    f = l[12:].split()
    n, ok = int(f[0]), int(f[1])
    assert 0 <= ok <= n and (f[2] == "-" if n == 0 else
                             abs(float(f[2]) - ok / n) < 0.0005), l
    total += n
top = lines[6][12:].split()
print(lines[6])
assert total > 200 and int(top[0]) > 100, total
assert int(top[1]) >= 0.9 * int(top[0]), top
EOF
	point $? "eval --calibration: the table's rows; on the dev corpus the items scored >= 0.9 are correct >= 90% of the time"
	run eval --calibration --source shenyue --format yaml "$SHARED/gold" dev
	t_rc 0 && "$PYTHON3" -c '
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
assert d["source"] == "shenyue"
c = d["calibration"]
assert [(b["from"], b["to"]) for b in c] == [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0)]
assert all(b["items"] == 0 and b["share"] is None or b["share"] == b["correct"] / b["items"] for b in c)
assert d["unscored"]["items"] == 0
' "$T/out" >"$T/diag" 2>&1
	point $? "eval --calibration --source shenyue --format yaml: the buckets with items, correct, share"
else
	echo "../shared (the dev corpus and gold) missing" >"$T/diag"
	point 1 "eval --calibration on the dev corpus (needs ../shared)"
	point 1 "eval --calibration --format yaml (needs ../shared)"
fi

# ------------------------------------------------------------ two sources
# gold.yaml: the cases' extraction, every item accepted; pred.yaml: the
# same, 3件 proposed by source m1 too with another value, 53宗 by m1 alone
# (shenyue's score taken away), and an m1 item not in gold.
"$PYTHON3" - cases.yaml gold.yaml pred.yaml >"$T/diag" 2>&1 <<'EOF'
import sys, yaml
src, gold, pred = sys.argv[1:4]
d = yaml.safe_load(open(src, encoding="utf-8"))
g = yaml.safe_load(open(src, encoding="utf-8"))
for it in g["sections"] + g["statistics"]:
    it["status"] = "accepted"
yaml.safe_dump(g, open(gold, "w", encoding="utf-8"), allow_unicode=True,
               sort_keys=False)
d["proposers"]["m1"] = {"version": "7"}
for it in d["statistics"]:
    if it["text"] == "3件":
        it["by"]["m1"] = 0.9
        it["disagreement"] = {"m1": {"value": 30}}
        it["tags"] = ["disagreement"]
    if it["text"] == "36名":
        it["by"]["m1"] = None
    if it["text"] == "53宗":
        it["by"] = {"m1": 0.5}
    if it["text"] == "12次":
        it["start"] -= 1        # not in gold
        it["text"] = "讲座12次"[1:]
        it["by"] = {"m1": 0.99}
yaml.safe_dump(d, open(pred, "w", encoding="utf-8"), allow_unicode=True,
               sort_keys=False)
EOF
point $? "the test's gold and prediction files written"

run eval --source m1 gold.yaml pred.yaml
t_rc 0 && grep -q "^stat_p: 0.750" "$T/out" &&
	grep -q "^stat_value_acc: 0.667" "$T/out" && grep -q "^sec_p: 0.000" "$T/out"
point $? "eval --source m1: only m1's 4 statistics scored (12次 not in gold; 3件 with m1's value 30)"
run eval --source m1 --calibration gold.yaml pred.yaml
t_rc 0 && t_out_fixed "[0.0, 0.5)          0        0       -" &&
	t_out_fixed "[0.5, 0.7)          1        1   1.000" &&
	t_out_fixed "[0.9, 1.0]          2        0   0.000" &&
	t_out_fixed "no score            1        1   1.000"
point $? "eval --source m1 --calibration: m1's scores per bucket, 36名 (null) under no score"
run eval --source shenyue gold.yaml pred.yaml
t_rc 0 && grep -q "^stat_p: 1.000" "$T/out" && grep -q "^sec_p: 1.000" "$T/out"
point $? "eval --source shenyue: shenyue's own items, all right"

run agree --source shenyue --source m1 pred.yaml
t_rc 0 && t_out_fixed "items_matched: 2" && t_out_fixed "items_only_b: 2" &&
	grep -q "^items_only_a: [1-9]" "$T/out" &&
	grep -q 'statistic "3件": A pending | B pending; value 3.0 | 30.0' "$T/out"
point $? "agree --source shenyue --source m1: 2 items both proposed, 2 m1 alone, 3件's values differ"
run agree --source shenyue --source m1 --format yaml pred.yaml
t_rc 0 && "$PYTHON3" -c '
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
assert d["items_matched"] == 2 and d["items_only_b"] == 2
v = [x for x in d["disagreements"] if x["differs"] == ["stat_value"]]
assert len(v) == 1 and v[0]["a"]["value"] == 3 and v[0]["b"]["value"] == 30
' "$T/out" >"$T/diag" 2>&1
point $? "agree --source --format yaml: the same in YAML"
run eval --source nobody gold.yaml pred.yaml
t_rc 0 && t_err "eval: no item in pred.yaml was proposed by nobody" &&
	grep -q "^stat_p: 0.000" "$T/out"
point $? "eval --source with a name no item carries: a warning naming it, exit 0"
run agree --source shenyue --source nobody pred.yaml
t_rc 0 && t_err "agree: no item in the files given was proposed by nobody" &&
	! t_err "proposed by shenyue"
point $? "agree --source with a name no item carries: a warning naming it (only it), exit 0"
run agree --source shenyue pred.yaml
t_rc 2
point $? "agree with one --source: usage error, exit 2"
run agree --source a --source b
t_rc 2
point $? "agree --source twice without files: usage error, exit 2"

cli_end
