#!/bin/sh
# tests/tui_script.sh - TAP test of the review screen's script mode:
# `shenyue review --script S --size CxR --dump OUT DIR` reads keys from S
# and writes the screen as text to OUT (at each :dump, then at the end).
# The dumps are compared with the expected screens in tests/screens/*.txt,
# which are the spec: on a mismatch the diff is printed as diagnostics.
# Set SHENYUE_SCREENS_UPDATE=1 to write the screens anew (then check them
# by eye before committing them).
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 (may be empty)
# in the environment; no terminal needed.  Prints "ok N - ..." /
# "not ok N - ..." and the plan at the end; exits 1 if any point failed.

. "${top_srcdir:-.}/tests/tui_lib.sh"
SAMPLES=$top_srcdir/samples
SCREENS=$top_srcdir/tests/screens
R1=01_liuxi_town_2023

tap_program
tap_need "$SAMPLES/$R1.txt" "$SCREENS"
need_pyyaml "the YAML check"
tap_tmpdir script
mkdir -p "$T/home"

# fresh [REPORT...]: a work folder with the samples (or some of them).
fresh() {
	rm -rf "$T/home/.local/state"    # a new batch: no place kept
	tui_workdir "$T/w" "$@"
}

# review SCRIPT-TEXT SIZE ARGS...: run the script in the work folder with a
# private HOME (no user config), stdin from /dev/null; the dump in
# $T/dump, stderr in $T/err, the exit status in $rc.
review() {
	printf '%s\n' "$1" >"$T/script"
	size=$2
	shift 2
	last_cmd="shenyue review --script S --size $size --dump OUT $* (S: $(head -c 60 "$T/script" | tr '\n' ' '))"
	tui_script "$size" "$@"
}

# screen NAME DESC: the dump equals tests/screens/NAME.txt.
screen() {
	want=$SCREENS/$1.txt
	if [ -n "${SHENYUE_SCREENS_UPDATE:-}" ] && [ -s "$T/dump" ]; then
		cp "$T/dump" "$want"
	fi
	if [ "$rc" -eq 0 ] && [ -f "$want" ] && cmp -s "$want" "$T/dump"; then
		point 0 "$2"
	else
		point 1 "$2"
		if [ ! -f "$want" ]; then
			echo "#   no expected screen $want"
		elif [ -f "$T/dump" ]; then
			echo "#   diff expected actual:"
			diff -u "$want" "$T/dump" | sed 's/^/#   /'
		else
			echo "#   no dump written"
		fi
	fi
}

# ---------------------------------------------------------------- screens
fresh
review "" 80x24 .
screen open-80x24 "the opening screen of the samples folder at 80x24"

fresh
review "" 160x50 .
screen open-160x50 "the opening screen at 160x50: text and items side by side"

fresh
review "j j a" 80x24 .
screen jja-80x24 "after j j a: the second section accepted, [+], last: accepted"

fresh
review "?" 80x24 .
screen help-80x24 "the help screen"
[ "$rc" -eq 0 ] && [ -s "$T/dump" ] && ! grep -q "…" "$T/dump" &&
	grep -q "^ *tagged (again: fold)" "$T/dump"
point $? "the help screen at 80 columns wraps the long help texts, cutting none"

fresh
review "j j j e :dump Esc" 80x24 .
screen fix-form-80x24 "the fix form of a statistic, then Esc: nothing changed"

fresh
printf '%s\n' "某某镇2023年法治政府建设情况报告" "" "一、主要工作" \
	"$(printf '危险\033[31m红色文字\302\233继续\342\200\256反向\007铃声，全年办理案件12件。')" \
	"二、存在问题" "某某镇人民政府" "2024年1月5日" >"$W/hostile.txt"
rm -f "$W"/0*.txt
review "" 80x24 hostile.txt
screen hostile-80x24 "controls in the report are drawn as escapes (^[ <9b> <U+202E> ^G)"

# ---------------------------------------------------------------- YAML
fresh
review "Space Space x q" 80x24 .
[ "$rc" -eq 0 ]
point $? "Space Space x q: exit status 0"
"$PY" - "$W/$R1.yaml" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
items = (d.get('sections') or []) + (d.get('statistics') or [])
st = dict((i['id'], i['status']) for i in items)
want = {'s1': 'accepted', 's2': 'rejected'}
ok = d['document']['status'] == 'accepted'
ok = ok and all(st.get(k) == v for k, v in want.items())
ok = ok and all(v == 'pending' for k, v in st.items() if k not in want)
ok = ok and d['review'].get('cursor') == 's2'
if not ok:
    print('#   document: %s, s1: %s, s2: %s, cursor: %s, others: %s' % (
        d['document']['status'], st.get('s1'), st.get('s2'),
        d['review'].get('cursor'),
        sorted(set(v for k, v in st.items() if k not in want))))
sys.exit(0 if ok else 1)
EOF
point $? "Space Space x q: document and s1 accepted, s2 rejected, the rest pending, cursor s2"

# ---------------------------------------------------------------- errors
fresh "$R1.txt"
review "j a
j nosuchkey a" 80x24 .
[ "$rc" -ne 0 ]
point $? "an unknown key name in a script: exit status != 0"
grep -q -F "line 2" "$T/err" && grep -q -F "nosuchkey" "$T/err"
point $? "an unknown key name in a script: the message names the key and script line 2"

fresh "$R1.txt"
review 'j "unterminated' 80x24 .
[ "$rc" -ne 0 ] && grep -q -F "line 1" "$T/err"
point $? "an unterminated \"text\" in a script: exit status != 0, line 1 named"

fresh "$R1.txt"
last_cmd="shenyue review --script MISSING"
(cd "$W" && HOME="$T/home" "$SHENYUE" review --script "$T/no-such-script" . \
	</dev/null >"$T/out" 2>"$T/err")
rc=$?
[ "$rc" -ne 0 ] && grep -q -F "no-such-script" "$T/err"
point $? "a missing script file: exit status != 0, the file named"

# ---------------------------------------------------------------- :resize
fresh "$R1.txt"
review "j
:resize 100x30
:dump
:resize 40x10
j" 80x24 .
[ "$rc" -eq 0 ] && awk '
	/^--$/ { if (k == 0) ok1 = (rows == 30); k++; rows = 0; next }
	{ rows++ }
	END { exit !(ok1 && rows == 10) }' "$T/dump" &&
	sed -n '/^--$/q;p' "$T/dump" | grep -q -F '| batch 0/50 |'
point $? ":resize COLSxROWS: the next :dump has 30 rows (the status line whole), the screen at the end 10"

fresh "$R1.txt"
review ":resize 0x5" 80x24 .
[ "$rc" -ne 0 ] && grep -q -F "line 1" "$T/err" && grep -q -F "COLSxROWS" "$T/err"
point $? ":resize 0x5 in a script: exit status != 0, line 1 named, COLSxROWS asked for"

# a line longer than 4 KiB: a long "quoted text" is read whole (it was cut
# at 4095 bytes, inside a character: "invalid UTF-8")
fresh "$R1.txt"
long=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "审"; }')
review "j \"$long\" :dump" 80x24 .
[ "$rc" -eq 0 ] && [ ! -s "$T/err" ]
point $? "a script line of 9000 bytes (3000 characters typed): read whole, exit status 0"

# ------------------------------------------------ leaving a report NOT SAVED
# A save that fails (a file-size limit below NAME.yaml's size; the program
# ignores SIGXFSZ), then } and {: the decision stays in memory with the
# report left, the status line says NOT SAVED for the batch, going back
# shows the decision, and the run ends with exit status 1 and a message
# naming the report (its rescue copy fails under the same limit), never a
# silent 0 with the decision dropped.
fresh "$R1.txt" 02_shiqiao_town_2022.txt
(cd "$W" && env HOME="$T/home" "$SHENYUE" extract ./*.txt >/dev/null 2>&1)
printf '%s\n' "a } :dump { :dump" >"$T/script"
last_cmd="ulimit -f 8; shenyue review --script S --size 60x12 --dump OUT . (S: a } :dump { :dump)"
rm -f "$T/dump"
(ulimit -S -f 8 && cd "$W" && env HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" \
	USER=tester SHENYUE_RESCUE_DIR="$T/home" "$SHENYUE" review --script "$T/script" \
	--size 60x12 --dump "$T/dump" . </dev/null >"$T/out" 2>"$T/err")
rc=$?
d1=$(awk '/^--$/ { k++; next } k == 0' "$T/dump" 2>/dev/null | tail -n 1)
d2=$(awk '/^--$/ { k++; next } k == 1' "$T/dump" 2>/dev/null)
case $d1 in
*"file 2/2"*"NOT SAVED"*"1 other report"*) point 0 "a failed save, then }: the next report's status line says NOT SAVED (1 other report)" ;;
*) point 1 "a failed save, then }: the next report's status line says NOT SAVED (1 other report)"
   echo "#   status line: $d1" ;;
esac
printf '%s\n' "$d2" | grep -q '^>\[+\] DOCUMENT' &&
	printf '%s\n' "$d2" | tail -n 1 | grep -q 'file 1/2.*NOT SAVED'
point $? "then {: the report left NOT SAVED shows its decision again, still NOT SAVED"
[ "$rc" -eq 1 ] && grep -q "$R1" "$T/err"
point $? "the run ends with exit status 1 and names the report that could not be saved ($rc)"

# ---------------------------------------------------------------- TERM unset
fresh
printf '%s\n' "" >"$T/script"
last_cmd="env -u TERM shenyue review --script S --dump OUT ."
(cd "$W" && unset TERM && env HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" \
	USER=tester "$SHENYUE" review --script "$T/script" --dump "$T/dump" . \
	</dev/null >"$T/out" 2>"$T/err")
rc=$?
[ "$rc" -eq 0 ]
point $? "--script with TERM unset: exit status 0"
screen open-80x24 "--script with TERM unset: the default size 80x24, the same opening screen"

tap_end
