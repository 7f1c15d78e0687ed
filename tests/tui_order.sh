#!/bin/sh
# tests/tui_order.sh - TAP test of issue 13 on the review screen: the
# order pending items are visited in (--order uncertain across two
# reports, --order disagreement, the status line naming it), the filter by
# source, score range and disagreement, the disagreement mark and the
# detail line's sources, propagation (preview, apply, one undo across the
# reports it reached), bulk accept (confirmation naming the count, one
# undo), `via` written and cleared, and a kill -9 after a bulk step in
# journal mode: the step replayed whole.
#
# The annotation files are written by the test (tests/order_fixture.py)
# with `by` and `disagreement` keys; the screen runs in tmux at 80x24 on a
# server of this test's own; every wait is for a condition, bounded.
. "${top_srcdir:-.}/tests/tui_lib.sh"
tui_begin order
tui_own
W=$T/w

fresh() {
	rm -rf "$W"
	mkdir -p "$W"
	"$PY" "$top_srcdir/tests/order_fixture.py" "$W" || {
		echo "Bail out! the fixture could not be written"
		exit 1
	}
}

# start ID [ENV] ARGS...: the screen in session ID on ARGS in $W
start() {
	st_id=$1
	st_env=$2
	shift 2
	rm -f "$T/$st_id.rc"
	cat >"$T/$st_id.sh" <<EOF
cd '$W' || exit 1
env $st_env TERM=xterm-256color '$SHENYUE' review --no-mouse $* 2>'$T/$st_id.err'
echo \$? >'$T/$st_id.rc'
exec sleep 3600
EOF
	tui_new "$st_id" 80 24 "sh '$T/$st_id.sh'"
	tui_wait_screen "$st_id" "reviewed"
}

# quit ID: q, and the program's exit status written
quit() {
	tui_keys "$1" q
	tui_wait_file "$TUI_WAIT" -s "$T/$1.rc"
	tui_kill "$1"
}

# items FILE: "ID=STATUS[/VIA] ..." of every statistic and section
items() {
	"$PY" - "$1" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
out = []
for it in (d.get('sections') or []) + (d.get('statistics') or []):
    s = it['id'] + '=' + it['status']
    if it.get('via'):
        s += '/' + it['via']
    out.append(s)
print(' '.join(sorted(out)))
EOF
}
# holds FILE WORD...: every WORD is in items FILE
holds() {
	h_f=$1
	shift
	h_all=" $(items "$h_f") "
	for h_w in "$@"; do
		case $h_all in *" $h_w "*) ;; *) return 1 ;; esac
	done
}
# current ID ERE: the current row of the items list matches ERE
current() { tui_cap "$1" | grep '^>\[' | grep -q -e "$2"; }
wait_current() { tui_wait "$TUI_WAIT" current "$1" "$2"; }

# ------------------------------------------------------------ uncertain
fresh
start un "" --order uncertain a.txt b.txt
tui_wait_sees un "order uncertain"
tui_keys un i      # the detail unfolded: each source's score in view
point $? "--order uncertain: the status line names the order"
tui_keys un ']'
wait_current un '78件' && tui_sees un "file 2/2"
point $? "uncertain: ] goes to the lowest score of the batch (b.txt 78件, 0.2), in the other report"
tui_keys un ']'
wait_current un '1234次' && tui_wait_sees un "file 1/2" && tui_wait_sees un "by: shenyue 0.30"
point $? "uncertain: ] then to a.txt's first page counter (0.3): back in the first report"
tui_keys un ']'
tui_wait_sees un "by: shenyue 0.35"
point $? "uncertain: ] then to the second page counter (0.35)"
tui_keys un ']'
wait_current un '12件'
point $? "uncertain: ] then to 12件 (0.4)"
tui_keys un '['
tui_wait_sees un "by: shenyue 0.35" && current un '1234次'
point $? "uncertain: [ goes back in the same order"
tui_keys un Space
wait_current un '12件'
point $? "uncertain: Space accepts and goes on in the order"
tui_keys un O
tui_wait_sees un "order: disagreement"
point $? "O switches the order and says so"
quit un

# ------------------------------------------------------------ disagreement
fresh
start dis "" --order disagreement a.txt b.txt
tui_sees dis "order disagreement"
point $? "--order disagreement: the status line names the order"
tui_cap dis | grep -q '^ \[ \]   <> 300人次'
point $? "the items list marks the item where sources disagree (<>)"
tui_keys dis ']'
wait_current dis '300人次' && tui_wait_sees dis "disagreement m2: unit"
point $? "disagreement: ] goes to the item where sources disagree first; the detail shows m2's version"
tui_keys dis i
tui_wait_sees dis "by: shenyue 0.80 m2 0.70"
point $? "i: the detail shows each source's score"
tui_keys dis i ']'
wait_current dis '78件' && tui_wait_sees dis "file 2/2"
point $? "disagreement: then the others by rising score (b.txt 78件)"
quit dis

# ------------------------------------------------------------ filter
fresh
start fl "" a.txt
tui_keys fl f S
tui_wait_sees fl "source (empty: any)"
tui_type fl m2
tui_keys fl Enter
tui_wait_sees fl "Items, from m2  2 shown"
point $? "f S m2: the items m2 proposed (2)"
tui_keys fl f R
tui_wait_sees fl "score range"
tui_type fl "0.9-1"
tui_keys fl Enter
tui_wait_sees fl "from m2, score 0.90-1.00  1 shown" && current fl '56件'
point $? "f R 0.9-1: with the source, the one item scored 0.95"
tui_keys fl f a
tui_wait_sees fl "Items  8 shown"
point $? "f a: all items again, the conditions gone"
tui_keys fl f D
tui_wait_sees fl "sources disagree  1 shown" && current fl '300人次'
point $? "f D: only where sources disagree"
tui_keys fl f U
tui_wait_sees fl "sources agree  6 shown"
point $? "f U: where they agree (the sections and four statistics)"
tui_keys fl f R
tui_wait_sees fl "score range"
tui_type fl "x"
tui_keys fl Enter
tui_wait_sees fl "not a score range: x"
point $? "f R x: refused with a message"
quit fl

# ------------------------------------------------------------ propagate
fresh
start pr "" --order uncertain a.txt b.txt
tui_keys pr i ']' ']'
tui_wait_sees pr "by: shenyue 0.30"
tui_keys pr x
wait_current pr '\[x\]   1234次'
tui_keys pr P
tui_wait_sees pr 'reject: 2 more items "1234次" in 2 reports' &&
	tui_sees pr "a.txt n5 @" && tui_sees pr "b.txt n3 @"
point $? "P: the preview names the count, the reports and the items"
tui_keys pr n
tui_wait_sees pr "propagation cancelled" &&
	holds "$W/a.yaml" n5=pending && holds "$W/b.yaml" n3=pending
point $? "P n: cancelled, nothing changed"
tui_keys pr P
tui_wait_sees pr "more items"
tui_keys pr y
tui_wait_sees pr "propagated (reject) to 2 items in 2 reports"
point $? "P y: said"
holds "$W/a.yaml" n4=rejected n5=rejected/propagate && holds "$W/b.yaml" n3=rejected/propagate
point $? "both reports written: the others rejected with via propagate, the item decided by hand without"
tui_keys pr u
tui_wait_sees pr "undone: the propagation to 2 items in 2 reports"
point $? "u: one undo takes the propagation back, said"
holds "$W/a.yaml" n4=rejected n5=pending && holds "$W/b.yaml" n3=pending
point $? "u: both reports as before the propagation (the hand decision kept)"
tui_keys pr C-r
tui_wait_sees pr "redone: the propagation to 2 items in 2 reports"
point $? "C-r: one redo puts the propagation back, said"
holds "$W/a.yaml" n4=rejected n5=rejected/propagate && holds "$W/b.yaml" n3=rejected/propagate
point $? "C-r: both reports written with the propagation again"
tui_keys pr u
tui_wait_sees pr "undone: the propagation to 2 items in 2 reports" &&
	holds "$W/a.yaml" n4=rejected n5=pending && holds "$W/b.yaml" n3=pending
point $? "u after the redo: the propagation undone in both reports again"
tui_keys pr u
tui_wait "$TUI_WAIT" holds "$W/a.yaml" n4=pending
point $? "u again: the hand decision undone"
quit pr

# ------------------------------------------------------------ propagate a fix
fresh
start pf "" a.txt
tui_keys pf f D
wait_current pf '300人次'
tui_keys pf f a
tui_keys pf G
wait_current pf '1234次'
tui_keys pf t
tui_wait_sees pf "Tag"
tui_keys pf +
tui_wait_sees pf "tag:"
tui_type pf counter
tui_keys pf Enter
tui_wait_sees pf "tagged counter"
tui_keys pf a
tui_wait_sees pf "accepted n5"
tui_keys pf P
tui_wait_sees pf 'accept #counter: 1 more item "1234次" in 1 report'
point $? "P after a tag: the preview names the decision (accept #counter)"
tui_keys pf y
tui_wait "$TUI_WAIT" holds "$W/a.yaml" n4=accepted/propagate
point $? "the tag and the accept reach the other page counter"
"$PY" -c "import yaml,sys; d=yaml.safe_load(open('$W/a.yaml')); sys.exit(0 if 'counter' in [s for s in d['statistics'] if s['id']=='n4'][0]['tags'] else 1)"
point $? "n4 carries the tag counter"
quit pf

# ------------------------------------------------------------ bulk
fresh
start bk "" a.txt
tui_keys bk f U
tui_wait_sees bk "sources agree  6 shown"
tui_keys bk A
tui_wait_sees bk "Accept the 6 pending items the filter shows?"
point $? "A: the confirmation names the count"
tui_keys bk n
tui_wait_sees bk "bulk accept cancelled" && holds "$W/a.yaml" s1=pending n1=pending
point $? "A n: nothing changed"
tui_keys bk A
tui_wait_sees bk "Accept the 6"
tui_keys bk y
tui_wait_sees bk "accepted 6 items"
point $? "A y: said"
holds "$W/a.yaml" s1=accepted/bulk s2=accepted/bulk n1=accepted/bulk n2=accepted/bulk \
	n4=accepted/bulk n5=accepted/bulk n3=pending
point $? "the six written accepted with via bulk; the hidden one still pending"
tui_keys bk u
tui_wait "$TUI_WAIT" holds "$W/a.yaml" s1=pending s2=pending n1=pending n2=pending n4=pending n5=pending
point $? "u: one undo takes the bulk accept back whole"
tui_keys bk C-r
tui_wait "$TUI_WAIT" holds "$W/a.yaml" s1=accepted/bulk n5=accepted/bulk
point $? "C-r: redone whole"
tui_keys bk g x
tui_wait "$TUI_WAIT" holds "$W/a.yaml" s1=rejected n1=accepted/bulk
point $? "deciding a bulk item one by one removes its via"
quit bk

# ------------------------------------------------------------ kill after a bulk step
# The keys come from a FIFO (--script, no idle flush: the journal stays as
# the decisions left it), the screen dumped after them; then kill -9.
# killed KEYS: run them in journal mode on a.txt, wait for the dump, kill
killed() {
	rm -f "$T/keys" "$T/kdump"
	mkfifo "$T/keys" || return 1
	(cd "$W" && exec env SHENYUE_JOURNAL_BYTES=0 SHENYUE_JOURNAL_MS=0 "$SHENYUE" review \
		--script "$T/keys" --dump "$T/kdump" a.txt </dev/null >/dev/null 2>"$T/k.err") &
	kpid=$!
	exec 3>"$T/keys"
	echo "$1 :dump" >&3
	tui_wait "$TUI_WAIT" grep -q -e "$2" "$T/kdump"
	k_rc=$?
	kill -9 "$kpid" 2>/dev/null
	wait "$kpid" 2>/dev/null
	exec 3>&-
	return $k_rc
}
reopen() {
	(cd "$W" && "$SHENYUE" review --script /dev/null a.txt </dev/null >/dev/null 2>"$T/replay.err")
}

fresh
killed 'j x f U A y f D x' 'saved (journal)'
point $? "journal mode: a decision, a bulk accept, a decision, then kill -9"
holds "$W/a.yaml" s1=rejected s2=accepted/bulk n1=accepted/bulk n2=accepted/bulk \
	n4=accepted/bulk n5=accepted/bulk n3=pending &&
	[ -s "$W/a.yaml.journal" ] && ! grep -q bulk "$W/a.yaml.journal"
point $? "after kill -9: the bulk step whole in the annotation file (one save), the journal holding only the decision after it"
reopen
holds "$W/a.yaml" s1=rejected s2=accepted/bulk n1=accepted/bulk n2=accepted/bulk \
	n4=accepted/bulk n5=accepted/bulk n3=rejected && [ ! -e "$W/a.yaml.journal" ]
point $? "reopened: the journal replayed on top, the bulk step whole, the journal gone"

fresh
killed 'f U A y u f a G a' 'saved (journal)'
point $? "journal mode: a bulk accept, its undo, a decision, then kill -9"
reopen
holds "$W/a.yaml" s1=pending s2=pending n1=pending n2=pending n4=pending n5=accepted
point $? "reopened: nothing of the undone bulk step, the decision kept"

tui_end
