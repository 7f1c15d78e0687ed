#!/bin/sh
# tests/tui_day.sh - a day of review without losing one's place (issue 9):
# the filter with any tags (no crash on an odd number of configured tags,
# every tag of the batch offered, a tag typed), the cursor when a filter
# hides the current item, } to a report never opened, the place kept
# between sessions, unreadable reports passed, undo across reports,
# adjudication (B's fields in full, the next conflict, the reviewers
# kept), and Ctrl-Z / SIGSTOP in a real shell in tmux (also TERM=linux).
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment.  Key scripts (review --script) where the terminal does not
# matter; tmux with a server of its own for suspending.  TAP output; a
# check that cannot look (no PyYAML, no tmux) fails.

. "${top_srcdir:-.}/tests/cli_lib.sh"
SAMPLES=$top_srcdir/samples
R1=01_liuxi_town_2023
R2=02_shiqiao_town_2022
need_pyyaml "the file checks"
cli_begin day
. "$top_srcdir/tests/tui_lib.sh"
tui_tmux day

# fresh [REPORT...]: a new work folder $W (a new batch: HOME and its kept
# places are new too) with the samples, or some of them.
k=0
fresh() {
	k=$((k + 1))
	H=$T/home$k
	mkdir -p "$H"
	# shellcheck disable=SC2046
	tui_workdir "$T/w$k" $(for r in "$@"; do printf '%s.txt ' "$r"; done)
}

# review SCRIPT ARGS...: run the key script in $W with HOME=$H; the dump
# in $T/dump, the exit status in $rc (99 on a sanitizer report).
review() {
	printf '%s\n' "$1" >"$T/script"
	shift
	last_cmd="review --script '$(cat "$T/script")' $*"
	tui_script 80x24 "$@"
}

# dumped STRING: the last screen dumped shows STRING.
dumped() { [ "$rc" -eq 0 ] && grep -q -F -e "$1" "$T/dump"; }

# yq FILE EXPR: EXPR (python, d = the YAML of FILE, items = sections and
# statistics in list order) is true.
yq() {
	"$PY" - "$1" "$2" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
items = sorted([(x['start'], 0, x) for x in d.get('sections') or []] +
               [(x['start'], 1, x) for x in d.get('statistics') or []],
               key=lambda t: (t[0], t[1]))
items = [t[2] for t in items]
byid = {x['id']: x for x in items}
ok = eval(sys.argv[2])
if not ok:
    print('# false: ' + sys.argv[2])
sys.exit(0 if ok else 1)
EOF
}

# ------------------------------------------------------------ filter
fresh $R1
mkdir -p "$H/.config/shenyue"
printf 'tags: [alpha, beta, gamma]\n' >"$H/.config/shenyue/config.yaml"
review "f :dump Esc q" .
[ "$rc" -eq 0 ]
point $? "three tags in the config: f opens the filter, no crash"
dumped "tag: gamma"
point $? "the filter lists the configured tags"
printf 'tags: [alpha, beta, gamma, delta, epsilon]\n' >"$H/.config/shenyue/config.yaml"
review "f :dump 1 q" .
[ "$rc" -eq 0 ] && grep -q "showing: tag alpha" "$T/dump"
point $? "five tags in the config: f and a tag key filter, no crash"

# tags carried by items: in the open report and in another of the batch
fresh $R1 $R2
review "q" .
if [ -n "$PY" ]; then
	"$PY" - "$W/$R1.yaml" "$W/$R2.yaml" <<'EOF'
import sys, yaml
for path, tags in ((sys.argv[1], {'n1': ['inconsistent'], 'n2': ['lost-anchor', 'typed-by-hand']}),
                   (sys.argv[2], {'n1': ['conflict', 'only-in-two']})):
    d = yaml.safe_load(open(path, encoding='utf-8'))
    for s in d['statistics']:
        if s['id'] in tags:
            s['tags'] = tags[s['id']]
    yaml.safe_dump(d, open(path, 'w', encoding='utf-8'), allow_unicode=True, sort_keys=False)
EOF
fi
review "f :dump Esc q" .
ok=0
for t in "tag: inconsistent" "tag: lost-anchor" "tag: typed-by-hand" \
	 "tag: conflict" "tag: only-in-two" "pending only" accepted fixed \
	 rejected added "a tag, typed"; do
	dumped "$t" || { ok=1; echo "# not offered: $t"; }
done
point $ok "f offers every tag of the batch (this report and the others), every status, a typed tag"
review 'f + "typed-by-hand" Enter :dump q' .
dumped "showing: tag typed-by-hand (1 item)"
point $? "f + a tag typed filters by it"
# a tag typed in this session in another report is offered too
review 'j j t + "new-today" Enter } f :dump Esc q' .
dumped "tag: new-today"
point $? "f offers a tag typed today in another report of the batch"

# Space on the last pending item a filter shows: the others are hidden,
# not reviewed; the screen must not say that every item is reviewed
fresh $R1
review "j j j t 1 f 1 Space :dump q" $R1.txt
dumped "49 pending hidden by the filter" && ! dumped "every item of this report is reviewed"
point $? "Space under a filter that hides the pending items: says so, not 'every item reviewed'"

# ------------------------------------------------------------ the cursor
# rows 1-4 accepted, the cursor on the fourth, then pending only: the
# cursor goes to the first item after it, and a is for that one
fresh $R1
review "j a j a j a j a f p :dump a q" .
[ "$rc" -eq 0 ] && yq "$W/$R1.yaml" "[x['status'] for x in items[:8]] == ['accepted'] * 5 + ['pending'] * 3"
point $? "a filter that hides the current item keeps the next one after it: no pending item passed"
dumped "is hidden, now at"
point $? "the status line says that the current item is hidden and where the cursor is"

# } to a report never opened: its first item
fresh $R1 $R2
review "j j j j j } q" .
[ "$rc" -eq 0 ] && yq "$W/$R2.yaml" "d['review'].get('cursor') == 'document'"
point $? "} to a report never opened starts at its first item"

# the place where the reviewer quit: report and item
fresh $R1 $R2 03_songling_township_crlf
review "} j j j q" .
first=$rc
review "a q" .
[ "$first" -eq 0 ] && yq "$W/$R2.yaml" "items[2]['status'] == 'accepted' and sum(x['status'] != 'pending' for x in items) == 1" &&
	yq "$W/$R1.yaml" "all(x['status'] == 'pending' for x in items)"
point $? "reopening the folder resumes at the report and item where the reviewer quit"
ls "$H/.local/state/shenyue/"batch-*.pos >/dev/null 2>&1
point $? "the place is kept in ~/.local/state/shenyue/"
# XDG_STATE_HOME is honoured
fresh $R1 $R2
(cd "$W" && printf '} q\n' >"$T/s2" && env HOME="$H" XDG_STATE_HOME="$T/state$k" \
	"$SHENYUE" review --script "$T/s2" . </dev/null >/dev/null 2>&1)
grep -q "report: .*$R2.txt" "$T/state$k/shenyue/"batch-*.pos 2>/dev/null
point $? "the place is kept in \$XDG_STATE_HOME/shenyue/ when that is set"

# ------------------------------------------------------------ unreadable
fresh $R1 $R2
: >"$W/01a_empty.txt"
printf 'a\000b\001\002binary\n' >"$W/01b_binary.txt"
review "} :dump j :dump } { :dump q" .
# screen K of the dump (1, 2, ...) to $T/screen
screen_of() { awk -v k="$1" '/^--$/ { n++; next } n == k - 1' "$T/dump" >"$T/screen"; }
screen_of 1
sed -n 1p "$T/screen" | grep -q -F "$R2" && grep -q "passed 2 unreadable reports" "$T/screen"
point $? "} passes an empty and a binary report, and names them on the status line"
screen_of 2
grep -q -F "file 4/4 (2 unreadable)" "$T/screen"
point $? "the status line counts the unreadable reports"
screen_of 3
[ "$rc" -eq 0 ] && sed -n 1p "$T/screen" | grep -q -F "柳溪镇2023年法治政府建设情况报告" &&
	grep -q "passed 2 unreadable reports: 01a_empty.txt (empty file)" "$T/screen"
point $? "{ passes them back to the first report"

# ------------------------------------------------------------ undo
fresh $R1 $R2
review "j a } { u q" .
[ "$rc" -eq 0 ] && yq "$W/$R1.yaml" "all(x['status'] == 'pending' for x in items)"
point $? "undo after leaving the report and coming back"
fresh $R1 $R2
review "j a u } j a } { C-r } u q" .
[ "$rc" -eq 0 ] && yq "$W/$R1.yaml" "items[0]['status'] == 'accepted'" &&
	yq "$W/$R2.yaml" "all(x['status'] == 'pending' for x in items)"
point $? "redo and undo: each report keeps its own history for the session"

# ------------------------------------------------------------ adjudication
fresh $R1
mkdir -p "$W/A" "$W/B"
(cd "$W" && "$SHENYUE" extract -o A $R1.txt >/dev/null 2>&1 &&
	"$SHENYUE" extract -o B $R1.txt >/dev/null 2>&1)
"$PY" "$top_srcdir/tests/decide.py" "$W/A/$R1.yaml" wang n2.status='"rejected"' \
	n3.status='"accepted"'
"$PY" "$top_srcdir/tests/decide.py" "$W/B/$R1.yaml" li n2.status='"accepted"' \
	n3.status='"rejected"' n2.tags='["borderline", "unclear"]' n2.note='"checked twice"'
review ":dump q" --adjudicate A B -o OUT --reviewer judge
dumped "tags [borderline, unclear]" && ! grep -q -F "[...]" "$T/dump"
point $? "adjudication shows all of B's fields (tags in full)"
dumped "note checked twice"
point $? "adjudication shows B's note"
# all items shown: after 1 on n2 the cursor goes to n3 (the next
# conflict), and 2 takes B's version of it
review "f a 1 2 q" --adjudicate A B -o OUT --reviewer judge
[ "$rc" -eq 0 ] && yq "$W/OUT/$R1.yaml" "byid['n2']['status'] == 'rejected' and byid['n3']['status'] == 'rejected' and 'conflict' not in (byid['n3'].get('tags') or [])"
point $? "after a conflict is settled, the next unsettled conflict is current"
yq "$W/OUT/$R1.yaml" "[s.strip() for s in d['review']['reviewer'].split(',')] == ['wang', 'li', 'judge']"
point $? "the result names both reviewers and the adjudicator"
# a third conflict (n4: A accepts, B rejects); under the conflict filter,
# settling the last one (G 1) goes to the first unsettled one, n2 (B
# accepted it), not back to n3
if [ -n "$PY" ]; then
	"$PY" - "$W" <<'EOF'
import sys, yaml
for side, st in (('A', 'accepted'), ('B', 'rejected')):
    p = f'{sys.argv[1]}/{side}/01_liuxi_town_2023.yaml'
    d = yaml.safe_load(open(p, encoding='utf-8'))
    for s in d['statistics']:
        if s['id'] == 'n4':
            s['status'] = st
    yaml.safe_dump(d, open(p, 'w', encoding='utf-8'), allow_unicode=True, sort_keys=False)
EOF
fi
review "G 1 :dump q" --adjudicate A B -o OUT2 --reviewer judge
dumped "B (li): status accepted" && ! dumped "B (li): status rejected"
point $? "settling the last conflict goes to the first unsettled one (from the top)"

# ------------------------------------------------------------ pickers
# the tag and add pickers at 80x24 leave the current item's line of text
# in view (n1, 四次, is on "...工作四次，将法治建设纳入..."), as the forms do
for case in 'j j j t|Tag (a key toggles)' 'j j j Tab v l Enter|Add as'; do
	fresh $R1
	review "${case%%|*} :dump Escape Escape Escape q" $R1.txt
	sed '/^--$/q' "$T/dump" >"$T/first"
	[ "$rc" -eq 0 ] && grep -q -F "${case#*|}" "$T/first" &&
		grep -q -F "作四次，将法治建设纳入" "$T/first"
	point $? "the picker '${case#*|}' leaves the item's line of text in view"
done

# ------------------------------------------------------------ Ctrl-Z
# A real interactive shell in tmux: shenyue started from it, C-z gives the
# prompt back, fg brings the screen back intact; the same after SIGSTOP.
fresh
if ! command -v tmux >/dev/null 2>&1; then
	for w in "C-z: the shell prompt comes back" "fg: the screen comes back intact" \
		 "SIGSTOP: the shell prompt comes back" "fg after SIGSTOP: the screen intact" \
		 "} passes a report that is gone" "the status line counts it" \
		 "q after fg quits normally" "TERM=linux: C-z gives the shell prompt back" \
		 "TERM=linux: fg brings the screen back" \
		 "TERM=linux: q after fg quits normally"; do
		point 1 "$w (no tmux: cannot check)"
	done
else
	S=day
	cap() { tui_cap "$S" >"$T/cap"; }
	# wait_for STRING, wait_gone STRING: until the screen shows STRING (no
	# longer shows it), 60 s at most
	wait_for() { tui_wait_sees "$S" "$1" 60; }
	gone_now() { cap && ! grep -q -F -e "$1" "$T/cap"; }
	wait_gone() { tui_wait 60 gone_now "$1"; }
	tui_new day 100 30 \
		"cd '$W' && env HOME='$H' XDG_CONFIG_HOME='$H/.config' PS1='day\$ ' TERM=xterm-256color sh -i"
	wait_for 'day$'
	tui_type "$S" "'$SHENYUE' review --no-mouse $W"
	tui_keys "$S" Enter
	# intact: until the screen is the one in $T/before (60 s at most)
	intact() {
		i=0
		cap
		while [ $i -lt 600 ] && ! cmp -s "$T/before" "$T/cap"; do
			sleep 0.1
			cap
			i=$((i + 1))
		done
		cmp -s "$T/before" "$T/cap" && return 0
		[ -z "${DAY_DEBUG:-}" ] || diff "$T/before" "$T/cap"
		return 1
	}
	wait_for "file 1/5" && wait_for "? help"
	# the screen before: once two captures 0.2 s apart agree
	cap
	i=0
	while [ $i -lt 300 ]; do
		cp "$T/cap" "$T/before"
		sleep 0.2
		cap
		! cmp -s "$T/before" "$T/cap" || break
		i=$((i + 1))
	done
	tui_keys "$S" C-z
	wait_gone "file 1/5" && wait_for 'day$'
	point $? "C-z: the shell prompt comes back"
	tui_type "$S" "fg"
	tui_keys "$S" Enter
	intact
	point $? "fg: the screen comes back intact"
	pid=$(pgrep -n -f "$SHENYUE review --no-mouse $W" 2>/dev/null)
	if [ -n "$pid" ]; then
		kill -STOP "$pid"
		wait_for 'day$' && wait_for "Stopped"
		point $? "SIGSTOP: the shell prompt comes back"
		# the terminal is still in the program's raw mode (sh does not
		# reset it as bash does): a line ends with C-j
		tui_type "$S" "fg"
		tui_keys "$S" C-j
		intact
		point $? "fg after SIGSTOP: the screen comes back intact"
	else
		point 1 "SIGSTOP: the shell prompt comes back (no pid found)"
		point 1 "fg after SIGSTOP: the screen comes back intact (no pid found)"
	fi
	# a report removed while the batch is open: } passes it
	rm -f "$W/$R2.txt"
	tui_keys "$S" "}"
	wait_for "passed 1 unreadable report: $R2.txt"
	point $? "} passes a report that is gone, naming it"
	tui_keys "$S" j
	wait_for "file 3/5 (1 unreadable)"
	point $? "the status line counts it as unreadable"
	tui_keys "$S" q
	wait_for 'day$' && tui_type "$S" 'echo EXIT=$?' &&
		tui_keys "$S" Enter && wait_for "EXIT=0"
	point $? "q after fg quits normally (exit 0)"

	# TERM=linux (a Linux console): its terminfo names ^Z the "suspend"
	# key (kspd), which curses hands over as KEY_SUSPEND, not as C-z.
	# No alternate screen there: the prompt tells the shell is back.
	fresh $R1
	S=con
	tui_new con 80 24 \
		"cd '$W' && env HOME='$H' XDG_CONFIG_HOME='$H/.config' PS1='con\$ ' TERM=linux sh -i"
	wait_for 'con$'
	tui_type "$S" "'$SHENYUE' review --no-mouse $R1.txt"
	tui_keys "$S" Enter
	wait_for "0/50 reviewed" && wait_for "? help" && wait_gone 'con$'
	tui_keys "$S" C-z
	wait_for 'con$'
	point $? "TERM=linux: C-z gives the shell prompt back"
	tui_type "$S" "fg"
	tui_keys "$S" Enter
	wait_gone 'con$' && wait_for "0/50 reviewed"
	point $? "TERM=linux: fg brings the screen back"
	tui_keys "$S" q
	wait_for 'con$' && tui_type "$S" 'echo EXIT=$?' &&
		tui_keys "$S" Enter && wait_for "EXIT=0"
	point $? "TERM=linux: q after fg quits normally (exit 0)"
fi

tap_end
