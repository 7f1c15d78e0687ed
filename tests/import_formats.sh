#!/bin/sh
# tests/import_formats.sh - TAP test of `shenyue import` from Label Studio
# predictions JSON, brat standoff and CSV (issue 13): files written here
# (Label Studio offsets in UTF-16 code units after a character outside
# the BMP, brat .ann with notes, CSV with a quoted comma, quotes and line
# break) imported into copies of tests/import/ and compared with the
# expected annotation files committed there; the round trips
# extract -> export --to brat|csv -> import; refusals with their line
# (bad offsets, unknown labels, malformed JSON and CSV), nothing written.

top_srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$top_srcdir/tests/cli_lib.sh"
SAMPLES=$top_srcdir/samples
DATA=$top_srcdir/tests/import

if ! "$SHENYUE" import --help >/dev/null 2>&1; then
	echo "Bail out! $SHENYUE has no 'import' command"
	exit 1
fi
for f in r1.txt r1.yaml r3.txt r3.yaml r3.labelstudio.expected.yaml \
	r1.brat.expected.yaml r1.csv.expected.yaml; do
	tap_need "$DATA/$f"
done
need_pyyaml "the checks of the imported files"
cli_begin impf

# py SCRIPT: a python check (PyYAML), 0 when it holds.
py() {
	last_cmd="python: $1"
	"$PYTHON3" -c "$@" 2>"$T/diag"
}

# fresh DIR NAME...: DIR with copies of tests/import/NAME.txt and .yaml
fresh() {
	d=$1
	shift
	rm -rf "$d"
	mkdir "$d"
	for name in "$@"; do
		cp "$DATA/$name.txt" "$DATA/$name.yaml" "$d/"
	done
	chmod u+w "$d"/*
}

# same FILE EXPECTED: FILE is EXPECTED, byte for byte (a diff told)
same() {
	cmp -s "$1" "$2" && return 0
	diff "$2" "$1" | head -20 >"$T/diag"
	return 1
}

# refused FILE KEPT MESSAGE: exit 1, MESSAGE said, FILE still KEPT
refused() {
	t_rc 1 && t_err_fixed "$3" && cmp -s "$1" "$2"
}

# ================================================================ Label Studio
# r3: "一、总体情况\n收到𠀀字来信共12件，办结10件。\n二、下步打算\n"; U+20000
# counts 2 in UTF-16, so every offset after it is one more than the
# code point's.  n1 12件 (cp 14-17, u16 15-18) joined with another
# subject; 共12件 (cp 13-17) new; n2 10件 (accepted) another value;
# 二、下步打算 (cp 25-31) as a heading; scores per prediction and per
# result.
fresh ls r3
cat >ner.json <<'EOF'
[
  {
    "id": 41,
    "data": {"text": "一、总体情况\n收到𠀀字来信共12件，办结10件。\n二、下步打算\n", "file": "r3.txt"},
    "predictions": [
      {
        "model_version": "ner-0.3",
        "score": 0.7,
        "result": [
          {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
           "value": {"start": 15, "end": 18, "text": "12件", "labels": ["STAT"]},
           "meta": {"value": 12, "unit": "件", "subject": "来信"}},
          {"id": "a2", "from_name": "label", "to_name": "text", "type": "labels",
           "score": 0.55,
           "value": {"start": 14, "end": 18, "text": "共12件", "labels": ["Statistic"]},
           "meta": {"value": 12, "unit": "件", "approx": null}},
          {"id": "a3", "type": "labels", "score": 0.9,
           "value": {"start": 21, "end": 24, "text": "10件", "labels": ["stat"]},
           "meta": {"value": 11, "unit": "件"}},
          {"id": "a4", "type": "labels",
           "value": {"start": 26, "end": 32, "text": "二、下步打算", "labels": ["heading"]},
           "meta": {"level": 1, "marker": "二、", "title": "下步打算"}}
        ]
      }
    ]
  }
]
EOF
run import ner.json ls/r3.txt
t_rc 0 && t_err_fixed "1 written (0 extracted first)" && t_err_fixed "1 new, 2 joined, 2 disagreeing"
point $? "Label Studio JSON (.json) imported into a copy of r3: exit 0, counts"

same ls/r3.yaml "$DATA/r3.labelstudio.expected.yaml"
point $? "r3.yaml is tests/import/r3.labelstudio.expected.yaml"

py '
import sys, yaml
a = yaml.safe_load(open("ls/r3.yaml"))
st = {(s["start"], s["end"]): s for s in a["statistics"]}
se = {(s["start"], s["end"]): s for s in a["sections"]}
n = st[(13, 17)]
ok = (n["text"] == "共12件" and n["status"] == "pending" and n["by"] == {"ner": 0.55}
      and n["value"] == 12 and n["unit"] == "件"
      and st[(14, 17)]["by"]["ner"] == 0.7
      and st[(14, 17)]["disagreement"] == {"ner": {"subject": "来信"}}
      and st[(20, 23)]["status"] == "accepted"
      and st[(20, 23)]["disagreement"] == {"ner": {"value": 11}}
      and se[(25, 31)]["by"]["ner"] == 0.7
      and a["proposers"]["ner"] == {"format": "labelstudio", "model_version": "ner-0.3"})
sys.exit(0 if ok else 1)'
point $? "UTF-16 offsets after U+20000 become code points (new item 13-17 holds 共12件); scores, meta, model_version"

cp ls/r3.yaml ls.kept
run import ner.json ls/r3.txt
t_rc 0 && t_err_fixed "1 unchanged" && cmp -s ls/r3.yaml ls.kept
point $? "importing the same Label Studio file again changes nothing"

# one task (not a list), matched by data.id with no text of its own
fresh one r1
cat >one.json <<'EOF'
{"id": 3, "data": {"text": "一、主要工作\n今年共办理案件120件，培训人员35人次，新增调解员约50名。\n二、存在问题\n"},
 "predictions": [{"model_version": "v2", "result": [
   {"type": "labels", "score": 0.8, "value": {"start": 14, "end": 18, "labels": ["statistic"]}}]}]}
EOF
run import --source one one.json one/r1.txt
py '
import sys, yaml
a = yaml.safe_load(open("one/r1.yaml"))
n1 = [s for s in a["statistics"] if s["id"] == "n1"][0]
sys.exit(0 if n1["by"] == {"shenyue": 0.8, "one": 0.8} else 1)'
r=$?
t_rc 0 && [ $r -eq 0 ]
point $? "one task object, matched by the sha256 of data.text, the text checked from it"

# ---------------------------------------------------------------- refusals
# ner.json's result a1 starts on line 10
sed 's/"start": 15, "end": 18/"start": 10, "end": 18/' ner.json >split.json
run import --source ner split.json ls/r3.txt
refused ls/r3.yaml ls.kept "split.json:10: the offset 10 falls inside a character (UTF-16 code units)"
point $? "an offset between the two halves of a surrogate pair is refused with its line"

sed 's/"start": 26, "end": 32/"start": 26, "end": 40/' ner.json >far.json
run import --source ner far.json ls/r3.txt
refused ls/r3.yaml ls.kept "far.json:20: the offset 40 is beyond data.text"
point $? "an offset beyond the text is refused with its line"

# the offsets as code points, as if not converted: the spans miss
sed 's/"start": 15, "end": 18/"start": 14, "end": 17/' ner.json >cp.json
run import --source ner cp.json ls/r3.txt
refused ls/r3.yaml ls.kept 'cp.json:10: item a1: the span 13-16 holds "共12" in the report ls/r3.txt, not "12件"'
point $? "offsets not in UTF-16 code units: the span's text differs, refused with its line"

sed 's/"heading"/"ORG"/' ner.json >org.json
run import --source ner org.json ls/r3.txt
refused ls/r3.yaml ls.kept 'org.json:20: the label "ORG" is neither a statistic nor a section'
point $? "an unknown label is refused naming the label and its line"

sed 's/"type": "labels",$/"type": "choices",/' ner.json >choice.json
run import --source ner choice.json ls/r3.txt
refused ls/r3.yaml ls.kept 'choice.json:10: a result of type "choices" is not a labelled span'
point $? "a result that is not a labelled span is refused with its line"

sed '12s/}},$/}/' ner.json >broken.json
run import --source ner broken.json ls/r3.txt
refused ls/r3.yaml ls.kept "broken.json:13:11: not JSON"
t_err_fixed "not JSON"
point $? "malformed JSON is refused with its line and column"

# a second task's bad label refuses the first task's report too
fresh two r1 r3
{ printf '[\n'; sed '1d;$d' ner.json; printf ',\n'; sed 's/"statistic"/"money"/' one.json; printf ']\n'; } >two.json
cp two/r3.yaml two.kept
run import --source ner two.json two/r1.txt two/r3.txt
refused two/r3.yaml two.kept '"money"'
point $? "a refusal anywhere in the file: nothing written, not even the reports before it"

# ================================================================ brat
# r1: "一、主要工作\n今年共办理案件120件，培训人员35人次，新增调解员约50名。\n二、存在问题\n"
fresh br r1
mkdir crf
cat >crf/r1.ann <<'EOF'
T1	Section 0 6	一、主要工作
#1	AnnotatorNotes T1	level=1 marker=一、 title=主要工作 score=0.6
T2	Statistic 14 18	120件
A1	Status T2 accepted
#2	AnnotatorNotes T2	value=120 unit=件 approx=none subject=办理 案件 id=n1 score=0.85
T3	STAT 23 27	35人次
#3	AnnotatorNotes T3	value=36 unit=人次 subject=null
T4	Statistic 33 37	约50名
#4	AnnotatorNotes T4	checked by hand, value=50 looks right
R1	Overlap Arg1:T2 Arg2:T3
EOF
run import --source crf --format brat crf br
t_rc 0 && t_err_fixed "1 written" && t_err_fixed "1 new, 2 joined, 2 disagreeing"
point $? "a folder of brat .ann (no .txt beside) into a copy of r1 by its stem: exit 0, counts"

same br/r1.yaml "$DATA/r1.brat.expected.yaml"
point $? "r1.yaml is tests/import/r1.brat.expected.yaml"

py '
import sys, yaml
a = yaml.safe_load(open("br/r1.yaml"))
st = {s["start"]: s for s in a["statistics"]}
ok = (st[14]["by"]["crf"] == 0.85 and st[14]["disagreement"] == {"crf": {"subject": "办理 案件"}}
      and st[23]["disagreement"] == {"crf": {"value": 36, "subject": None}}
      and st[33]["by"] == {"crf": None} and st[33]["value"] is None
      and a["sections"][0]["by"]["crf"] == 0.6
      and a["proposers"]["crf"] == {"format": "brat"})
sys.exit(0 if ok else 1)'
point $? "notes give value, unit, subject (with a space), score; a person's note is left alone"

cp br/r1.yaml br.kept
cp "$DATA/r1.txt" disc.txt
printf 'T1\tSection 0 6\t一、主要工作\nT2\tStatistic 14 16;17 18\t12 件\n' >disc.ann
run import --source crf disc.ann br/r1.txt
refused br/r1.yaml br.kept "disc.ann:2: a discontinuous span"
point $? "a span in pieces parted by more than line breaks is refused with its line"

# pieces parted only by a line break of NAME.txt: one span (export
# --to brat writes a span across lines so)
mkdir lines
cp "$DATA/r1.txt" lines/r1.txt
printf 'T1\tSection 0 6;7 9\t一、主要工作 今年\n#1\tAnnotatorNotes T1\tlevel=2 marker=null title=主要工作\n' >lines/r1.ann
run import --source crf lines/r1.ann br/r1.txt
py '
import sys, yaml
a = yaml.safe_load(open("br/r1.yaml"))
s = [s for s in a["sections"] if (s["start"], s["end"]) == (0, 9)]
sys.exit(0 if len(s) == 1 and s[0]["by"] == {"crf": None} and s[0]["level"] == 2 else 1)'
r=$?
t_rc 0 && [ $r -eq 0 ]
point $? "a span in pieces parted only by a line break of NAME.txt is one span"
cp br.kept br/r1.yaml

printf 'T1\tSection 0 6\t一、主要工作\nT2\tPerson 14 18\t120件\n' >who.ann
run import --source crf who.ann br/r1.txt
refused br/r1.yaml br.kept 'who.ann:2: the label "Person" is neither a statistic nor a section'
point $? "an unknown brat label is refused naming it and its line"

# a .ann without a span (under the sanitizers: no arithmetic on no items)
mkdir none
printf 'R1\tOverlap Arg1:T1 Arg2:T2\n' >none/r1.ann
run import --source crf none/r1.ann br/r1.txt
t_rc 0 && t_err_fixed "1 predicted report: " && t_err_fixed "0 new, 0 joined"
point $? "a .ann with no T line is a report with no prediction"
cp br.kept br/r1.yaml

printf 'T1\tStatistic 14 18\t120件\n#1\tAnnotatorNotes T1\tvalue=12O unit=件\n' >num.ann
run import --source crf num.ann br/r1.txt
refused br/r1.yaml br.kept "num.ann:2: the note: value is not a number"
point $? "a note whose value is not a number is refused with its line"

printf 'T1\tStatistic 14 x\t120件\n' >off.ann
run import --source crf off.ann br/r1.txt
refused br/r1.yaml br.kept "off.ann:1: the offsets are not START END"
point $? "bad brat offsets are refused with their line"

# ================================================================ CSV
fresh cs r1
printf 'file,section_path,id,text,start,end,value,unit,approx,value_max,subject,status,tags,score\r\n' >m.csv
printf 'r1.txt,,p1,120件,14,18,120,件,,,今年共办理案件,pending,,0.9\r\n' >>m.csv
printf 'r1.txt,"一、主要工作",p2,约50名,33,37,50,名,about,,"新增调解员,\r\n含""兼职""",pending,,0.4\r\n' >>m.csv
printf 'r1.txt,,p3,35人次,23,27,35,人次,,,培训人员,accepted,,\r\n' >>m.csv
run import m.csv cs/r1.txt
t_rc 0 && t_err_fixed "1 new, 1 joined, 0 disagreeing"
point $? "CSV imported into a copy of r1: exit 0, counts"

same cs/r1.yaml "$DATA/r1.csv.expected.yaml"
point $? "r1.yaml is tests/import/r1.csv.expected.yaml"

py '
import sys, yaml
a = yaml.safe_load(open("cs/r1.yaml"))
st = {s["start"]: s for s in a["statistics"]}
ok = (st[33]["subject"] == "新增调解员,\r\n含\"兼职\"" and st[33]["approx"] == "about"
      and st[33]["by"] == {"m": 0.4} and st[14]["by"]["m"] == 0.9
      and "disagreement" not in st[14] and a["proposers"]["m"] == {"format": "csv"})
sys.exit(0 if ok else 1)'
point $? "a quoted field with a comma, doubled quotes and a line break is one value"

cp cs/r1.yaml cs.kept
printf 'file,id,text,start,end,value\n' >bad.csv
printf 'r1.txt,p1,120件,14,18,120\n' >>bad.csv
printf 'r1.txt,p2,"约50名\n",33,37,50\n' >>bad.csv
printf 'r1.txt,p3,35人次,23,x,35\n' >>bad.csv
run import --source m bad.csv cs/r1.txt
refused cs/r1.yaml cs.kept 'bad.csv:5: end is not an offset of 0 or more: "x"'
point $? "a bad offset is refused with its physical line (after a quoted line break); nothing written"

printf 'file,id,text,start,end\nr1.txt,p1,"120件,14,18\n' >open.csv
run import --source m open.csv cs/r1.txt
refused cs/r1.yaml cs.kept "open.csv:2: a quoted field is not closed"
point $? "an unclosed quote is refused with the line where it opens"

printf 'file,id,text,start,end\r\nr1.txt,p1,120件,14,18\r\nr1.txt,p2,35人次,23\r\n' >short.csv
run import --source m short.csv cs/r1.txt
refused cs/r1.yaml cs.kept "short.csv:3: 4 fields, the header has 5"
point $? "a row with too few fields is refused with its line"

printf 'file,kind,start,end\nr1.txt,money,14,18\n' >kind.csv
run import --source m kind.csv cs/r1.txt
refused cs/r1.yaml cs.kept 'kind.csv:2: the label "money" is neither a statistic nor a section'
point $? "an unknown kind is refused naming it and its line"

printf 'file,text,start,end\nr1.txt,121件,14,18\n' >text.csv
run import --source m text.csv cs/r1.txt
refused cs/r1.yaml cs.kept 'text.csv:2: label 1: the span 14-18 holds "120件"'
point $? "a span that does not hold the row's text is refused with its line"

# ================================================================ round trips
mkdir x y z
for f in 01_liuxi_town_2023 02_shiqiao_town_2022 03_songling_township_crlf \
	04_qinghe_county_2022 05_gb18030; do
	cp "$SAMPLES/$f.txt" x/
	cp "$SAMPLES/$f.txt" y/
	cp "$SAMPLES/$f.txt" z/
done
chmod u+w x/* y/* z/*
"$SHENYUE" extract x 2>"$T/err"
"$SHENYUE" export --to brat -o brat x 2>>"$T/err"
"$SHENYUE" export --to csv -o csv x 2>>"$T/err"
run import --source rt --format brat brat y
t_rc 0 && t_err_fixed "5 written (5 extracted first)"
point $? "extract -> export --to brat -> import of the folder into fresh reports exits 0"

run import --source rt csv/statistics.csv z
t_rc 0 && t_err_fixed "5 written (5 extracted first)"
point $? "extract -> export --to csv -> import into fresh reports exits 0"

# roundtrip DIR KINDS: DIR's items are x's, each proposed by rt, none
# disagreeing
roundtrip() {
	py '
import glob, os, sys, yaml
KEEP = ("id", "start", "end", "text", "value", "unit", "approx", "value_max", "subject",
        "level", "marker", "title", "section", "status", "tags")
kinds = sys.argv[2].split(",")
bad, n = [], 0
for p in sorted(glob.glob("x/*.yaml")):
    x = yaml.safe_load(open(p))
    y = yaml.safe_load(open(os.path.join(sys.argv[1], os.path.basename(p))))
    for k in ("sections", "statistics"):
        xi = [{f: i.get(f) for f in KEEP} for i in x[k]]
        yi = [{f: i.get(f) for f in KEEP} for i in y[k]]
        n += len(xi)
        if xi != yi:
            bad.append((p, k, "items differ"))
        if k in kinds and not all("rt" in i.get("by", {}) and "disagreement" not in i
                                  for i in y[k]):
            bad.append((p, k, "not each proposed by rt alone"))
print(bad, n, file=sys.stderr)
sys.exit(0 if not bad and n > 50 else 1)' "$1" "$2"
}
roundtrip y sections,statistics
point $? "brat round trip: the same items, each proposed by the source, none disagreeing"

roundtrip z statistics
point $? "CSV round trip: the same items, each statistic proposed by the source, none disagreeing"

cli_end
