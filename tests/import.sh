#!/bin/sh
# tests/import.sh - TAP test of `shenyue import` (issue 13): predictions
# written here as JSONL (and as another annotation file), read back into
# copies of tests/import/ and the samples, the results compared with the
# expected annotation file committed there (tests/import/r1.expected.yaml)
# and checked with PyYAML: joins, new items, disagreement beside a
# reviewed item, extraction of a report without a file, the round trip
# extract -> export --to jsonl -> import, refusals with their line,
# idempotence (same bytes, mtime unchanged), the lock.

top_srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$top_srcdir/tests/cli_lib.sh"
SAMPLES=$top_srcdir/samples
DATA=$top_srcdir/tests/import

if ! "$SHENYUE" import --help >/dev/null 2>&1; then
	echo "Bail out! $SHENYUE has no 'import' command"
	exit 1
fi
for f in r1.txt r1.yaml r2.txt r1.expected.yaml; do
	tap_need "$DATA/$f"
done
need_pyyaml "the checks of the imported files"
cli_begin imp

# py SCRIPT ARGS...: a python check (PyYAML), 0 when it holds.
py() {
	last_cmd="python: $1"
	"$PYTHON3" -c "$@" 2>"$T/diag"
}

mtime() { stat -c '%y %i' "$1"; }

mkdir a
cp "$DATA/r1.txt" "$DATA/r1.yaml" "$DATA/r2.txt" a/
chmod u+w a/*
# r1: a section and a statistic joined (the statistic's subject differs),
# a reviewed statistic with another value, a new statistic, a new
# section; r2 by its id alone, its text stated per item
cat >crf.jsonl <<'EOF'
{"id": "r1", "text": "一、主要工作\n今年共办理案件120件，培训人员35人次，新增调解员约50名。\n二、存在问题\n", "label": [[0, 6, "SECTION"], [14, 18, "STAT"], [23, 27, "STAT"], [33, 37, "STAT"], [39, 45, "SECTION"]], "meta": {"model_version": "crf-2.1"}, "items": [{"level": 1, "marker": "一、", "title": "主要工作", "score": 0.7}, {"value": 120, "unit": "件", "subject": "办理案件", "score": 0.9}, {"value": 36, "unit": "人次", "score": 0.4}, {"value": 50, "unit": "名", "approx": "about", "subject": "新增调解员", "score": 0.6}, {"level": 1, "marker": "二、", "title": "存在问题", "score": 0.95}]}

{"id": "r2", "label": [[15, 17, "STAT"]], "items": [{"text": "8件", "value": 8, "unit": "件", "score": 1}]}
EOF

run import crf.jsonl a/r1.txt a/r2.txt
t_rc 0 && t_err_fixed "2 written (1 extracted first)"
point $? "import of two reports exits 0 and says what it wrote"

cmp -s a/r1.yaml "$DATA/r1.expected.yaml"
r=$?
[ $r -eq 0 ] || diff "$DATA/r1.expected.yaml" a/r1.yaml | head -20 >"$T/diag"
point $r "r1.yaml is tests/import/r1.expected.yaml"

py '
import sys, yaml
a = yaml.safe_load(open("a/r1.yaml"))
n = {s["id"]: s for s in a["statistics"]}
ok = (n["n1"]["by"] == {"shenyue": 0.8, "crf": 0.9}
      and n["n1"]["subject"] == "今年共办理案件"
      and n["n1"]["disagreement"] == {"crf": {"subject": "办理案件"}}
      and "disagreement" in n["n1"]["tags"]
      and a["proposers"]["crf"] == {"format": "jsonl", "model_version": "crf-2.1"})
sys.exit(0 if ok else 1)'
point $? "a joined span: the source and its score in by, its other subject under disagreement, the tag"

py '
import sys, yaml
a = yaml.safe_load(open("a/r1.yaml"))
b = yaml.safe_load(open("'"$DATA"'/r1.yaml"))
n2 = [s for s in a["statistics"] if s["id"] == "n2"][0]
o2 = [s for s in b["statistics"] if s["id"] == "n2"][0]
rest = {k: v for k, v in n2.items() if k != "disagreement"}
ok = (n2["status"] == "accepted" and "by" not in n2
      and rest == o2 and "disagreement" not in n2.get("tags", [])
      and n2["disagreement"] == {"crf": {"value": 36}})
sys.exit(0 if ok else 1)'
point $? "a reviewed item keeps its fields and tags; the other value is recorded beside it"

py '
import sys, yaml
a = yaml.safe_load(open("a/r1.yaml"))
n3 = [s for s in a["statistics"] if s["start"] == 33][0]
s2 = [s for s in a["sections"] if s["start"] == 39][0]
ok = (n3["status"] == "pending" and n3["text"] == "约50名" and n3["by"] == {"crf": 0.6}
      and n3["approx"] == "about" and n3["section"] == "s1" and n3["id"] == "n3"
      and s2["by"] == {"crf": 0.95} and s2["title"] == "存在问题")
sys.exit(0 if ok else 1)'
point $? "new spans become pending items of the source alone, with a fresh id and their section"

py '
import sys, yaml
a = yaml.safe_load(open("a/r2.yaml"))
n = [s for s in a["statistics"] if s["start"] == 15]
ok = (a["source"]["path"] == "r2.txt" and len(n) == 1 and n[0]["by"]["crf"] == 1
      and n[0]["value"] == 8 and all(s["status"] == "pending" for s in a["statistics"]))
sys.exit(0 if ok else 1)'
point $? "a report without an annotation file is extracted first, matched by its id"

m1=$(mtime a/r1.yaml) m2=$(mtime a/r2.yaml)
cp a/r1.yaml r1.before
sleep 0.05 2>/dev/null || sleep 1
run import crf.jsonl a/r1.txt a/r2.txt
t_rc 0 && cmp -s a/r1.yaml r1.before && [ "$(mtime a/r1.yaml)" = "$m1" ] &&
	[ "$(mtime a/r2.yaml)" = "$m2" ] && t_err_fixed "0 written (0 extracted first), 2 unchanged"
point $? "importing the same predictions again: same bytes, no write (mtime and inode unchanged)"

py '
import sys, yaml
a = yaml.safe_load(open("a/r1.yaml"))
s1 = a["sections"][0]
sys.exit(0 if list(s1["by"]) == ["shenyue", "crf"] and s1["by"]["shenyue"] is None else 1)'
point $? "an item of a file without by (an older extract) is said to be extract's too, first"

# the source's next run: a new value for the item it alone proposed
mkdir b
cp "$DATA/r1.txt" "$DATA/r1.yaml" b/
chmod u+w b/*
"$SHENYUE" import crf.jsonl b/r1.txt 2>/dev/null
sed 's/"value": 50, "unit": "名"/"value": 51, "unit": "名"/' crf.jsonl | head -n 1 >crf2.jsonl
run import --source crf crf2.jsonl b/r1.txt
py '
import sys, yaml
a = yaml.safe_load(open("b/r1.yaml"))
n3 = [s for s in a["statistics"] if s["start"] == 33][0]
sys.exit(0 if n3["value"] == 51 and "disagreement" not in n3 and n3["tags"] == [] else 1)'
r=$?
t_rc 0 && [ $r -eq 0 ]
point $? "a pending item the source alone proposed takes the source's new value (no disagreement with itself)"

# ---------------------------------------------------------------- refusals
cp a/r1.yaml r1.kept
cat >bad.jsonl <<'EOF'
{"id": "r2", "label": [[15, 17, "STAT"]], "items": [{"text": "8件"}]}
{"id": "r1", "label": [[14, 18, "STAT"]], "items": [{"text": "121件", "value": 121}]}
EOF
run import --source crf bad.jsonl a/r1.txt a/r2.txt
t_rc 1 && t_err_fixed 'bad.jsonl:2: label 1: the span 14-18 holds "120件"' &&
	t_err_fixed 'not "121件"' && cmp -s a/r1.yaml r1.kept
point $? "a span that does not hold its stated text is refused with its line; nothing written"

# two lines for one report: the first applied and written, the second
# refused; its message says what is true (that line is not applied)
mkdir two
cp "$DATA/r1.txt" "$DATA/r1.yaml" two/
chmod u+w two/*
cat >two.jsonl <<'EOF'
{"id": "r1", "label": [[14, 18, "STAT"]], "items": [{"text": "120件", "value": 122}]}
{"id": "r1", "label": [[14, 18, "STAT"]], "items": [{"text": "121件", "value": 121}]}
EOF
run import --source crf two.jsonl two/r1.txt
t_rc 1 && t_err_fixed 'two.jsonl:2: label 1: the span 14-18 holds "120件"' &&
	t_err_fixed "this prediction (line 2) is not applied to two/r1.yaml" &&
	! t_err_fixed "nothing written" &&
	t_err_fixed "2 predicted reports: 1 written (0 extracted first), 0 unchanged, 1 refused" &&
	grep -q "value: 122" two/r1.yaml
point $? "a refused line says that prediction is not applied; another line for the same report is written"

cat >far.jsonl <<'EOF'
{"id": "r1", "text": "一、其他工作\n今年", "label": [[0, 6, "SECTION"]]}
EOF
run import --source crf far.jsonl a/r1.txt
t_rc 1 && t_err_fixed 'far.jsonl:1: label 1: the span 0-6 holds "一、主要工作"' &&
	t_err_fixed 'not "一、其他工作"' && cmp -s a/r1.yaml r1.kept
point $? "a span checked against the text the prediction carries when it is another text"

cat >who.jsonl <<'EOF'
{"id": "r1", "label": []}
{"id": "r9", "text": "别的报告", "label": [[0, 2, "STAT"]]}
EOF
run import --source crf who.jsonl a/r1.txt a/r2.txt
t_rc 1 && t_err_fixed "who.jsonl:2: no report given matches this prediction (id r9"
point $? "a prediction for a report not given is refused with its line"

printf '{"id": "r1", "label": []}\n{"id": "r2", "label": [[0, 1, "STAT"]\n' >broken.jsonl
run import --source crf broken.jsonl a/r1.txt a/r2.txt
t_rc 1 && t_err "broken.jsonl:2:[0-9]*: not a JSON object" && cmp -s a/r1.yaml r1.kept
point $? "malformed JSON is refused with its line"

printf '{"id": "r1", "label": [[0, 6, "HEADING"]]}\n' >lab.jsonl
run import --source crf lab.jsonl a/r1.txt
t_rc 1 && t_err_fixed "lab.jsonl:1: label 1: the label is neither SECTION nor STAT"
point $? "an unknown label is refused with its line"

run import --source shenyue crf.jsonl a/r1.txt
t_rc 2 && t_err_fixed "extract's own"
point $? "the source may not be called shenyue (extract's own rules)"

run import crf.txt a/r1.txt
t_rc 2 && t_err_fixed "with --format"
point $? "a predictions file of no known extension asks for --format"

# a file a review session holds is not written
mkdir c
cp "$DATA/r1.txt" "$DATA/r1.yaml" c/
chmod u+w c/*
cp c/r1.yaml c.kept
printf 'user: zhao\nhost: far.example\npid: 42\nsince: 2026-11-21T08:00:00Z\n' >c/r1.yaml.lock
run import crf.jsonl c/r1.txt
t_rc 1 && t_err "being reviewed by zhao" && cmp -s c/r1.yaml c.kept
point $? "a file whose lock a review session holds is left alone"

head -n 1 crf.jsonl >one.jsonl
run import --dry-run one.jsonl c
t_rc 0 && cmp -s c/r1.yaml c.kept && [ ! -e c/r2.yaml ] && t_err_fixed "1 written"
point $? "--dry-run counts and writes nothing (and takes no lock)"

# ---------------------------------------------------------------- doccano entities, stdin
mkdir d
cp "$DATA/r2.txt" d/
printf '{"id": 7, "text": "一、总体情况\\n全年受理复议申请8件，纠错2件。\\n", "entities": [{"start_offset": 20, "end_offset": 22, "label": "stat", "value": 2, "unit": "件", "score": 0.5}]}\n' |
	"$SHENYUE" import --source doc - d >"$T/out" 2>"$T/err"
rc=$?
last_cmd="shenyue import --source doc - d"
py '
import sys, yaml
a = yaml.safe_load(open("d/r2.yaml"))
n = [s for s in a["statistics"] if s["start"] == 20]
sys.exit(0 if len(n) == 1 and n[0]["by"]["doc"] == 0.5 and a["proposers"]["doc"]["format"] == "jsonl" else 1)'
r=$?
[ "$rc" -eq 0 ] && [ $r -eq 0 ]
point $? "doccano entities from standard input, matched by the sha256 of the text, into a folder's report"

# ---------------------------------------------------------------- another annotation file
mkdir e
cp "$DATA/r1.txt" e/
run import --format shenyue --source other "$DATA/r1.yaml" e
py '
import sys, yaml
a = yaml.safe_load(open("e/r1.yaml"))
n = {s["start"]: s for s in a["statistics"]}
ok = (n[14]["by"].get("other") == 0.8 and "other" in n[23]["by"]
      and a["proposers"]["other"]["format"] == "shenyue")
sys.exit(0 if ok else 1)'
r=$?
t_rc 0 && [ $r -eq 0 ]
point $? "another annotation file as predictions, matched by its source's sha256, its scores kept"

# ---------------------------------------------------------------- round trip
mkdir x y
for f in 01_liuxi_town_2023 02_shiqiao_town_2022 03_songling_township_crlf \
	04_qinghe_county_2022 05_gb18030; do
	cp "$SAMPLES/$f.txt" x/
	cp "$SAMPLES/$f.txt" y/
done
chmod u+w x/* y/*
run extract x
r=$?
"$SHENYUE" export --to jsonl x >rt.jsonl 2>"$T/err"
run import --source rt rt.jsonl y
t_rc 0 && [ $r -eq 0 ] && t_err_fixed "5 written (5 extracted first)"
point $? "extract -> export --to jsonl -> import into fresh reports exits 0"

py '
import glob, os, sys, yaml
KEEP = ("id", "start", "end", "text", "value", "unit", "approx", "value_max", "subject",
        "level", "marker", "title", "section", "status", "tags")
def items(p):
    a = yaml.safe_load(open(p))
    return [{k: i.get(k) for k in KEEP} for i in a["sections"] + a["statistics"]], a
bad = []
n = 0
for p in sorted(glob.glob("x/*.yaml")):
    x, _ = items(p)
    y, a = items(os.path.join("y", os.path.basename(p)))
    every = all("rt" in i.get("by", {}) for i in a["sections"] + a["statistics"])
    n += len(x)
    if x != y or not every:
        bad.append(p)
print(bad, n, file=sys.stderr)
sys.exit(0 if not bad and n > 50 else 1)'
point $? "the round trip gives the same items, each proposed by the source"

# another run's folder of annotation files, as predictions
mkdir z
cp y/*.txt z/
mkdir run2
cp x/*.yaml run2/
run import --source run2 run2 z
py '
import glob, os, sys, yaml
n = 0
for p in sorted(glob.glob("x/*.yaml")):
    a = yaml.safe_load(open(p))
    b = yaml.safe_load(open(os.path.join("z", os.path.basename(p))))
    ka = [(i["start"], i["end"]) for i in a["sections"] + a["statistics"]]
    kb = [(i["start"], i["end"]) for i in b["sections"] + b["statistics"]
          if "run2" in i.get("by", {})]
    n += len(ka)
    if ka != kb or b["proposers"]["run2"]["format"] != "shenyue":
        sys.exit(1)
sys.exit(0 if n > 50 else 1)'
r=$?
t_rc 0 && [ $r -eq 0 ] && t_err_fixed "5 predicted reports: 5 written"
point $? "a folder of another run's annotation files: each matched to its report, every item proposed by it"

# ---------------------------------------------------------------- names
mkdir f f/g
cp "$DATA/r2.txt" f/r2.txt
cp "$DATA/r2.txt" f/g/copy.txt
printf '{"id": "copy", "text": "一、总体情况\\n全年受理复议申请8件，纠错2件。\\n", "label": [[20, 22, "STAT"]], "items": [{"value": 2, "score": 0.3}]}\n' >same.jsonl
run import --source same same.jsonl f f/r2.txt f/g/copy.txt f/g
py '
import os, sys, yaml
a = yaml.safe_load(open("f/g/copy.yaml"))
n = [s for s in a["statistics"] if s["start"] == 20]
sys.exit(0 if len(n) == 1 and n[0]["by"]["same"] == 0.3 and not os.path.exists("f/r2.yaml") else 1)'
r=$?
t_rc 0 && [ $r -eq 0 ]
point $? "a report named twice is one report; two with the same text are told apart by the id"

cli_end
