#!/bin/sh
# tests/secids.sh - TAP: a statistic's `section` in the annotation file
# follows what the reviewer does to the sections on the review screen
# (`shenyue review --script`): a section added (v ... Enter h), a section
# rejected (x), a section's start moved (<), undo (u) and redo (C-r); the
# file is read back with PyYAML and every statistic must name the last
# section, not rejected, whose heading starts at or before it.
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment (tests/cli_lib.sh); no terminal needed.

. "${top_srcdir:-.}/tests/cli_lib.sh"
unset TMUX

cli_begin secids
if [ "$have_py" -ne 1 ]; then
	point 1 "${PYTHON3:-python3} with PyYAML is needed to read the annotation file"
	cli_end
	exit 1
fi
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/config" XDG_STATE_HOME="$T/home/state"
export TERM=xterm
mkdir -p "$HOME"

# Sections the extractor finds: s1 一、 s2 （一） s3 （二） s4 二、;
# statistics n1 6次 (three characters before （一）), n2 12场, n3 30处,
# n4 500平方米, n5 23宗, n6 3个.
cat >"$T/r.txt" <<'EOF'
测试镇2023年法治政府建设情况报告
一、主要工作
全年召开专题会议6次
（一）强化组织保障
开展法治培训12场。
专项整治：整治违建30处，拆除面积500平方米。
（二）规范行政执法
查处违法案件23宗。
二、存在问题
仍有3个村未配备法律顾问。
EOF

# Run the keys in $T/keys.txt on the report; a point of its own.
run_keys() {   # WHAT
	run review --reviewer tester --script "$T/keys.txt" --size 100x30 "$T/r.txt"
	point "$rc" "$1: review --script runs"
}

# Check the statistics' sections: WANT is "n1=s1 n2=s2 ..." in file
# order, ADDED (the id of the section at 专项整治) standing for X; and
# every statistic obeys the rule.
check() {   # WHAT WANT
	"$PYTHON3" - "$T/r.yaml" "$2" >"$T/diag" 2>&1 <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
secs = d.get("sections") or []
added = [s["id"] for s in secs if s.get("status") == "added"]
want = sys.argv[2].replace("X", added[0] if added else "?")
got = " ".join("%s=%s" % (s["id"], s.get("section") or "-")
               for s in d.get("statistics") or [])
bad = 0
if got != want:
    print("got:  " + got)
    print("want: " + want)
    bad = 1
for st in d.get("statistics") or []:
    rule = None
    for s in secs:
        if s["start"] <= st["start"] and s.get("status") != "rejected":
            rule = s["id"]
    if rule != st.get("section"):
        print("%s: section %s, the rule says %s" % (st["id"], st.get("section"), rule))
        bad = 1
sys.exit(bad)
EOF
	point $? "$1"
}

run extract "$T/r.txt"
point "$rc" "extract the report"
check "as extracted" "n1=s1 n2=s2 n3=s2 n4=s2 n5=s3 n6=s4"

# a section added over 专项整治 (the cursor then on it in the items),
# then （二） three rows down rejected, then undone (the screen dumped
# between): （二）'s statistic goes to the added section and back
cat >"$T/keys.txt" <<'EOF'
Tab / C-u "专项整治" Enter v l l l Enter h Enter
j j j x
:dump
u
q
EOF
run review --reviewer tester --script "$T/keys.txt" --size 100x30 \
	--dump "$T/screen" "$T/r.txt"
point "$rc" "add a section, reject the next, undo: review --script runs"
cp "$T/screen" "$T/diag"
grep -q 'rejected s3' "$T/screen"
point $? "the screen says s3 was rejected"
check "add a section (the reject undone): the statistics under it name it" \
	"n1=s1 n2=s2 n3=X n4=X n5=s3 n6=s4"

cat >"$T/keys.txt" <<'EOF'
g j j j j j j j j x
q
EOF
run_keys "reject （二） (from the document: 8 rows down)"
check "reject a section: its statistic names the added section before it" \
	"n1=s1 n2=s2 n3=X n4=X n5=X n6=s4"

# （一）'s start moved left over 6次 (from the document: 一、, 6次, （一）),
# then undo and redo in the same session
cat >"$T/keys.txt" <<'EOF'
g j j j < < <
u C-r
q
EOF
run_keys "move a section's start"
check "move a section's start over a statistic: it names that section" \
	"n1=s2 n2=s2 n3=X n4=X n5=X n6=s4"

cli_end
