#!/bin/sh
# tests/tui_forms.sh - TAP test of the review screen's forms (issue 9,
# "Forms"): a refused field keeps the form open with the message at it and
# every other edit; the core's rules (value_max only with range, no
# negative value, level 1-4, no number stored as .inf or rounded); long
# notes; Esc on an add's form cancels the add; and, in a real terminal
# (tmux, a server of its own), the form at 80x24 leaves the item's line of
# text visible.
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment.  Prints "ok N - ..." / "not ok N - ..." and the plan.

. "${top_srcdir:-.}/tests/cli_lib.sh"
SAMPLES=$top_srcdir/samples
R1=01_liuxi_town_2023
tap_need "$SAMPLES/$R1.txt"
need_pyyaml "the file checks"
cli_begin forms
. "$top_srcdir/tests/tui_lib.sh"
tui_tmux forms
mkdir -p "$T/home"

# fpoint STATUS DESC: a point that shows the first screen dump on failure.
fpoint() {
	[ "$1" -eq 0 ] || [ ! -s "$T/dump" ] || sed -n '1,25p' "$T/dump" >"$T/diag"
	point "$1" "$2"
}

# fresh: a work folder with the first sample.
fresh() {
	tui_workdir "$T/w" "$R1.txt"
	Y=$W/$R1.yaml
}

# review SCRIPT-TEXT: run the key script at 80x24 in the work folder; the
# screen dumps in $T/dump, the exit status in $rc.
review() {
	printf '%s\n' "$1" >"$T/script"
	last_cmd="shenyue review --script S --size 80x24 --dump OUT (S: $(head -c 60 "$T/script" | tr '\n' ' '))"
	tui_script 80x24 "$R1.txt"
}

# field ID KEY: the field KEY of item ID in the file, as Python prints it.
field() {
	"$PY" - "$Y" "$1" "$2" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
for i in (d.get('sections') or []) + (d.get('statistics') or []):
    if i['id'] == sys.argv[2]:
        print(i.get(sys.argv[3]))
EOF
}

# dumped TEXT: the first dump (up to its "--") shows TEXT.
dumped() { sed '/^--$/q' "$T/dump" | grep -q -F -e "$1"; }
# the line after the one holding $1 in the first dump holds $2
under() {
	sed '/^--$/q' "$T/dump" | grep -A1 -F -e "$1" | tail -1 | grep -q -F -e "$2"
}

# ---------------------------------------------------------------- one bad field
fresh
# n1 (四次): unit and value_max edited, approx "maybe": refused, the form
# stays; then approx range: saved with every edit
review 'j j j e Tab C-u "次数" Tab C-u "maybe" Tab C-u "6" Enter :dump C-u "range" Enter :dump q'
dumped "Fix statistic n1" && under "approx     maybe" "approx: must be empty, over, under, about or range" &&
	dumped "unit       次数" && dumped "value_max  6"
fpoint $? "approx maybe: the form stays open, the message under approx, the other edits kept"
[ "$rc" -eq 0 ] && [ "$(field n1 approx)" = range ] && [ "$(field n1 value_max)" = 6 ] &&
	[ "$(field n1 unit)" = 次数 ] && [ "$(field n1 status)" = fixed ]
fpoint $? "approx corrected to range: saved with unit 次数 and value_max 6 (file)"

# ---------------------------------------------------------------- rules
for case in \
	'Tab Tab Tab C-u "7"|value_max: only a range has an upper bound|value_max without approx range' \
	'C-u "-3"|value: -3 is negative|a negative value' \
	"C-u \"$(printf '%0400d' 0 | tr 0 9)\"|value: too large to store|a value of 400 digits" \
	'C-u "12345678901234567891"|cannot be stored exactly|a value of 20 significant digits' \
	'C-u "4.5件"|value: not a number|a value with a unit in it'
do
	keys=${case%%|*}
	rest=${case#*|}
	msg=${rest%%|*}
	what=${rest#*|}
	fresh
	review "j j j e $keys Enter :dump Esc q"
	dumped "$msg" && [ "$(field n1 value)" = 4 ] && [ "$(field n1 value_max)" = None ] &&
		[ "$(field n1 status)" = pending ]
	fpoint $? "$what: refused in the form ($msg), the file unchanged"
done

fresh
review 'j e C-u "5" Enter :dump Esc q'
dumped "Fix section s1" && under "level      5" "level: must be 1 to 4" &&
	[ "$(field s1 level)" = 1 ] && [ "$(field s1 status)" = pending ]
fpoint $? "a section level 5: refused at the level field, the file unchanged"

fresh
review 'e Tab Tab Tab Tab C-u "2024-02-30" Enter :dump Esc q'
dumped "date: must be a date written YYYY-MM-DD"
fpoint $? "document date 2024-02-30: refused at the date field"

# ---------------------------------------------------------------- long notes
fresh
long=
i=0
while [ $i -lt 8 ]; do
	long="$long第${i}段：本段说明这个数字为何需要复核，原文与附表不一致，应以附表为准。 row $i of a long note, ASCII too. "
	i=$((i + 1))
done
# 8 x ~120 characters: ~3 KB of UTF-8, typed on several script lines
script="j j j c"
i=0
while [ $i -lt 4 ]; do
	script="$script
\"$long\""
	i=$((i + 1))
done
review "$script
:dump Enter q"
want="$long$long$long$long"
"$PY" - "$Y" "$want" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
n1 = [s for s in d['statistics'] if s['id'] == 'n1'][0]
sys.exit(0 if n1.get('note') == sys.argv[2] and len(sys.argv[2].encode()) > 4000 else 1)
EOF
fpoint $? "a note of $(printf '%s' "$want" | wc -c) bytes (CJK and ASCII) is kept whole"
sed '/^--$/q' "$T/dump" | sed -n 24p >"$T/prompt"
"$PY" - "$T/prompt" <<'EOF'
import sys, unicodedata
line = open(sys.argv[1], encoding='utf-8').read().rstrip('\n')
w = sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in line)
ok = line.startswith('note: …') and line.rstrip().endswith('ASCII too.') and w <= 80
sys.exit(0 if ok else 1)
EOF
fpoint $? "typing a long note: the prompt line scrolls by display width (note: …, the end shown, 80 columns)"
# opened again: the prompt starts with the stored note; typed at its end
review 'g j j j c C-e "。" Enter q'
"$PY" - "$Y" "$want。" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
n1 = [s for s in d['statistics'] if s['id'] == 'n1'][0]
sys.exit(0 if n1.get('note') == sys.argv[2] else 1)
EOF
fpoint $? "the long note read back by shenyue, edited at its end, saved whole again"

# ---------------------------------------------------------------- Esc on an add
fresh
review 'j j j v l l Enter s :dump Esc :dump u :dump q'
"$PY" - "$Y" "$T/dump" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
st = d['statistics']
dumps = open(sys.argv[2], encoding='utf-8').read().split('\n--\n')
ok = len(st) == len([s for s in st if s['status'] != 'added']) and \
    'Add statistic' in dumps[0] and 'add cancelled' in dumps[1].splitlines()[-1] and \
    'nothing to undo' in dumps[2].splitlines()[-1]
sys.exit(0 if ok else 1)
EOF
fpoint $? "Esc on the form of an added statistic: nothing added, 'add cancelled', nothing to undo"

fresh
review 'j j j v l l Enter h Esc q'
[ "$rc" -eq 0 ] && ! grep -q "status: added" "$Y"
fpoint $? "Esc on the form of an added section: nothing added"

fresh
review 'j j j v l l Enter s Tab Tab C-u "about" Enter :dump u q'
"$PY" - "$Y" "$T/dump" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
dumps = open(sys.argv[2], encoding='utf-8').read().split('\n--\n')
ok = 'added n' in dumps[0].splitlines()[-1] and \
    not [s for s in d['statistics'] if s['status'] == 'added']
sys.exit(0 if ok else 1)
EOF
fpoint $? "an add saved from its form is one step: a single u removes it"

# a form saved without a change: nothing to undo, and the status line
# does not call the item fixed
fresh
review 'j j j e Enter :dump q'
[ "$rc" -eq 0 ] && dumped "last: n1 unchanged" && ! dumped "fixed n1" &&
	[ "$(field n1 status)" = pending ]
fpoint $? "a fix form saved unchanged: 'n1 unchanged', not 'fixed n1'; the item stays pending"

# ---------------------------------------------------------------- the terminal
if ! command -v tmux >/dev/null 2>&1; then
	point 1 "tmux is not installed: the form's place at 80x24 cannot be checked"
else
	fresh
	# wait_for STRING: until the screen shows it (60 s at most: a loaded
	# machine is slow, a missing string fails).
	wait_for() { tui_wait_sees sy "$1" 60; }
	keys() { tui_keys sy "$@"; }
	# tpoint STATUS DESC: a point that shows the terminal when it fails
	tpoint() {
		[ "$1" -eq 0 ] || cp "$T/cap" "$T/diag"
		rm -f "$T/err"
		last_cmd="the review screen in tmux at 80x24"
		point "$1" "$2"
	}
	tui_new sy 80 24 \
		"cd '$W' && env HOME='$T/home' XDG_CONFIG_HOME='$T/home/.config' USER=tester TERM=xterm-256color '$SHENYUE' review $R1.txt"
	rc=0
	wait_for "0/50 reviewed"
	point $? "tmux 80x24: the review screen is up"
	# each: the keys that reach an item, its form's title, the item's line
	# each: the keys that reach an item, its form's title, the item's line
	for case in \
		'j j j|Fix statistic n1|作四次，将法治建设纳入' \
		'j j j j j j j j|Fix statistic n4|服务事项9380件' \
		'G|Fix section s14|五、下一步工作打算'; do
		ks=${case%%|*}
		rest=${case#*|}
		title=${rest%%|*}
		line=${rest#*|}
		keys g
		# shellcheck disable=SC2086
		keys $ks e
		wait_for "$title" && grep -q -F -e "$line" "$T/cap"
		tpoint $? "tmux 80x24: the form '$title' leaves the item's text visible ($line)"
		keys Escape
		wait_for "? help"
	done
	keys g j j j v l l Enter s
	wait_for "Add statistic" && grep -q -F "作四次，将法治建设纳入" "$T/cap"
	tpoint $? "tmux 80x24: the form of an add leaves the selected text visible"
	keys Escape
	wait_for "add cancelled"
	tpoint $? "tmux 80x24: Esc on it says the add was cancelled"
	# a long CJK note in the terminal: the line scrolls, the cursor is
	# right after the last character (two columns each)
	keys g j j j c
	wait_for "note: "
	tui_type sy "$(i=0; while [ $i -lt 60 ]; do printf '审阅数字'; i=$((i + 1)); done)尾"
	wait_for "审阅数字尾"
	x=$($TM display-message -p -t =sy: '#{cursor_x} #{cursor_y}')
	sed -n 24p "$T/cap" >"$T/prompt"
	"$PY" - "$T/prompt" "$x" <<'EOF'
import sys, unicodedata
line = open(sys.argv[1], encoding='utf-8').read().rstrip('\n').rstrip(' ')
w = sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in line)
x, y = sys.argv[2].split()
sys.exit(0 if line.startswith('note: …') and line.endswith('尾') and
         int(x) == w and int(y) == 23 and w <= 80 else 1)
EOF
	tpoint $? "tmux 80x24: a 241-character CJK note scrolls; the cursor ($x) right after its last character"
	keys Escape
	wait_for "? help"
	keys q
	tui_wait_closed sy 60    # the program gone before the folder is removed
fi

cli_end
