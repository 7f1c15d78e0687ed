#!/bin/sh
# tests/signals.sh - `shenyue review` on a real terminal (tmux, private
# socket) ended by a signal after some decisions: SIGHUP (as when an SSH
# connection drops), SIGTERM and SIGINT sent to the process, and the
# terminal itself going away (the tmux session killed: the pty hangs up).
# Each with the full save and with the journal (SHENYUE_JOURNAL_BYTES=0;
# SHENYUE_JOURNAL_MS=0 for builds that choose it by time).  Checks that the
# program ends by itself, with status 0; that NAME.yaml alone (not only a
# journal beside it) holds every decision; that the terminal is restored
# (stty: echo and icanon on; the alternate screen left); that the report
# opens again.  And a signal that arrives while decisions are being made
# and saved (keys sent in a burst) must end the program too, not wait for
# the next key.
#

# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment.  Needs tmux (else skipped) and python3 with PyYAML (else
# it fails: tui_begin).  Prints
# TAP; exits 1 if any point failed.

: "${top_srcdir:=.}"
. "$top_srcdir/tests/tui_lib.sh"
tui_begin signals
NAME=01_liuxi_town_2023
SAMPLE=$top_srcdir/samples/$NAME.txt
tap_need "$SAMPLE"
tui_own

mkdir -p "$T/ref"
cp "$SAMPLE" "$T/ref/"
tui_extract "$T/ref/$NAME.txt"

# counts YAML: "accepted rejected pending" over the document and items,
# or "unreadable: why"
counts() { tui_counts "$1"; }

# a session that keeps the tmux server up
tui_new keep 80 24 "sleep 3600"

# start ID MODE WRAPPED: a work folder $T/ID/w with the report and its
# annotation file; the review screen in tmux session ID.  WRAPPED=1: run
# by a shell that then writes the exit status to $T/ID.rc and `stty -a`
# of the same terminal to $T/ID.stty and waits (tui_review); 0: the
# program is the pane's process itself (exec).  Sets $pid to the
# program's pid.
start() {
	D=$T/$1
	rm -rf "$D"
	mkdir -p "$D/w"
	cp "$T/ref/$NAME.txt" "$T/ref/$NAME.yaml" "$D/w/"
	if [ "$2" = journal ]; then e=$JENV; else e=; fi
	if [ "$3" = 1 ]; then
		tui_review "$1" "$D/w" "$e"
		return
	fi
	tui_new "$1" 80 24 \
		"cd '$D/w' && exec env $e TERM=xterm-256color '$SHENYUE' review --no-mouse '$NAME.txt' 2>'$T/$1.err'"
	pid=$(tui_pid "^$SHENYUE review")
	tui_wait_screen "$1" "reviewed"
}

# The decisions: document, s1, s2 accepted, n1 rejected, n2 accepted
# (Space accepts and goes to the next pending item).
KEYS="Space Space Space x j Space"

# check_file ID DESC: NAME.yaml alone holds the 5 decisions (4 accepted,
# 1 rejected); no journal beside it holding what the file lacks; the
# report opens again with the same decisions.
check_file() {
	D=$T/$1
	c=$(counts "$D/w/$NAME.yaml")
	case $c in
	"4 1 "*) point 0 "$2: NAME.yaml itself holds the 5 decisions ($c accepted/rejected/pending)" ;;
	*)
		point 1 "$2: NAME.yaml itself holds the 5 decisions (got: $c; want 4 accepted, 1 rejected)"
		ls -la "$D/w" | diag
		;;
	esac
	if [ -f "$D/w/$NAME.yaml.journal" ]; then
		cp "$D/w/$NAME.yaml.journal" "$D/journal"
		recs=$(grep -c '^#shenyue-journal ' "$D/journal")
		cp -r "$D/w" "$D/w2"
		env $JENV "$SHENYUE" review --script /dev/null "$D/w2/$NAME.txt" </dev/null >/dev/null 2>&1
		a=$(counts "$D/w/$NAME.yaml")
		b=$(counts "$D/w2/$NAME.yaml")
		if [ "$a" = "$b" ]; then
			point 0 "$2: no decision only in a journal"
			echo "# note: $2: a journal is left beside NAME.yaml ($recs record(s), no decision the file lacks: the cursor)"
		else
			point 1 "$2: no decision only in a journal (the journal left holds $recs record(s); replayed: $b, the file alone: $a)"
		fi
	else
		point 0 "$2: no journal left beside NAME.yaml"
	fi
	"$SHENYUE" review --script /dev/null "$D/w/$NAME.txt" </dev/null >"$D/rout" 2>"$D/rerr"
	rc=$?
	c2=$(counts "$D/w/$NAME.yaml")
	[ $rc -eq 0 ] && [ "$c2" = "$c" ]
	point $? "$2: the report opens again (status $rc), the decisions unchanged"
	[ $rc -eq 0 ] || diag <"$D/rerr"
}

# check_term ID DESC: the exit status and the terminal after the exit.
check_term() {
	D=$T/$1
	tui_wait_file "$TUI_WAIT" -s "$D.stty"
	rc=$(cat "$D.rc" 2>/dev/null)
	[ "$rc" = 0 ]
	point $? "$2: exit status 0 (got ${rc:-none})"
	[ "$rc" = 0 ] || diag <"$D.err"
	if [ -s "$D.stty" ]; then
		ok=0
		grep -q -w -e '-echo' "$D.stty" && ok=1
		grep -q -w -e '-icanon' "$D.stty" && ok=1
		grep -q -w -e 'echo' "$D.stty" && grep -q -w -e 'icanon' "$D.stty" || ok=1
		point $ok "$2: the terminal is restored (stty: echo, icanon)"
		[ $ok -eq 0 ] || grep -o -w -e '-\{0,1\}echo' -e '-\{0,1\}icanon' "$D.stty" | tr '\n' ' ' | diag
	else
		point 1 "$2: the terminal is restored (no stty output)"
	fi
	alt=$(tui_alt "$1")
	scr=$(tui_cap "$1")
	[ "$alt" = 0 ] && ! printf '%s\n' "$scr" | grep -q "reviewed"
	point $? "$2: the alternate screen is left (alternate_on=${alt:-?}, the review screen gone)"
}

# decide5 ID MODE WRAPPED: start (points: the screen up, the 5 decisions
# of KEYS shown as saved, described by $desc); 1 when the screen did not
# come up (the session is gone then)
decide5() {
	start "$1" "$2" "$3"
	ok=$?
	[ $ok -eq 0 ] && [ -n "$pid" ]
	point $? "$desc: the review screen is up (pid ${pid:-?})"
	if [ $ok -ne 0 ] || [ -z "$pid" ]; then
		tui_kill "$1"
		return 1
	fi
	# shellcheck disable=SC2086
	tui_keys "$1" $KEYS
	if [ "$2" = journal ]; then want='5/50 reviewed.*saved (journal)'; else want='5/50 reviewed.*| saved |'; fi
	tui_wait_screen "$1" "$want"
	point $? "$desc: 5 decisions shown as saved"
}

# ------------------------------------------------------------ kill -SIG
for mode in full journal; do
	for sig in HUP TERM INT; do
		id=$sig-$mode
		desc="SIG$sig ($mode save)"
		decide5 "$id" $mode 1 || continue
		kill -$sig "$pid"
		tui_gone "$pid"
		r=$?
		point $r "$desc: the program ends by itself"
		if [ $r -ne 0 ]; then
			tui_cap "$id" | tail -n 2 | diag
			kill -9 "$pid" 2>/dev/null
			tui_gone "$pid"
		fi
		check_term "$id" "$desc"
		check_file "$id" "$desc"
		tui_kill "$id"
	done
done

# ------------------------------------------------------------ hang-up
# The terminal goes away (tmux closes the pty, as sshd does when the
# connection drops): the program is the pane's process, so it gets SIGHUP
# and its terminal reads fail.
for mode in full journal; do
	id=hangup-$mode
	desc="terminal hang-up ($mode save)"
	decide5 "$id" $mode 0 || continue
	tui_kill "$id"
	tui_gone "$pid"
	r=$?
	point $r "$desc: the program ends by itself"
	if [ $r -ne 0 ]; then
		kill -9 "$pid" 2>/dev/null
		tui_gone "$pid"
	fi
	check_file "$id" "$desc"
done

# ------------------------------------------------------------ mid-burst
# A signal that lands while keys are being handled (each decision saved):
# the program must still end (it may handle the keys already read), not
# sit waiting for another key.
# shown_count CAPTURE: the decisions the status line shows (N of "N/50
# reviewed", or 50 when it says that every item is reviewed); empty when
# the screen shows neither
DONE_RE=' [2-9]/50 reviewed\| [1-4][0-9]/50 reviewed\|every item of this report is reviewed'
shown_count() {
	if grep -q 'every item of this report is reviewed' "$1"; then
		echo 50
	else
		sed -n 's|.* \([0-9][0-9]*\)/50 reviewed.*|\1|p' "$1" | head -n 1
	fi
}
BURST=
i=0
while [ $i -lt 60 ]; do BURST="$BURST Space"; i=$((i + 1)); done
for mode in full journal; do
	for sig in TERM HUP; do
		id=burst-$sig-$mode
		desc="SIG$sig during a burst of decisions ($mode save)"
		start "$id" $mode 1
		ok=$?
		if [ $ok -ne 0 ] || [ -z "$pid" ]; then
			point 1 "$desc: the review screen is up"
			tui_kill "$id"
			continue
		fi
		# shellcheck disable=SC2086
		tui_keys "$id" $BURST
		# at least 2 decisions shown; on a loaded machine the program may
		# have handled the whole burst by then: the status line then says
		# every item is reviewed (50)
		tui_wait_screen "$id" "$DONE_RE"
		tui_cap "$id" >"$T/$id.before"
		kill -$sig "$pid"
		shown=$(shown_count "$T/$id.before")
		tui_gone "$pid"
		r=$?
		point $r "$desc: the program ends by itself (signal sent at ${shown:-?}/50 reviewed)"
		if [ $r -ne 0 ]; then
			echo "#   still running $TUI_WAIT s after SIG$sig; its screen:"
			tui_cap "$id" | tail -n 1 | diag
			echo "#   repro: tmux; shenyue review REPORT; send-keys 60 x Space; kill -$sig PID while it works: it goes on and then waits for a key"
			tui_keys "$id" q
			tui_gone "$pid" || { kill -9 "$pid" 2>/dev/null; tui_gone "$pid"; }
		fi
		# no count on the screen: a failure, not a skip
		c=$(counts "$T/$id/w/$NAME.yaml")
		# shellcheck disable=SC2086
		set -- $c
		[ -n "$shown" ] && [ "${1:-0}" -ge "$shown" ] 2>/dev/null && [ "${2:-x}" = 0 ]
		point $? "$desc: NAME.yaml holds every decision shown (${shown:-no count on the screen}; the file: $c)"
		[ -n "$shown" ] || diag <"$T/$id.before"
		[ ! -f "$T/$id/w/$NAME.yaml.journal" ]
		point $? "$desc: no journal left"
		tui_kill "$id"
	done
done

tui_end
