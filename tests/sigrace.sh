#!/bin/sh
# tests/sigrace.sh - a stop signal (SIGTERM, SIGHUP, SIGINT) ends `shenyue
# review` at once wherever it falls: while the screen is idle, around the
# idle save of the journal (1.5 s after a decision: the signal sent as
# soon as its temporary file appears), and while keys arrive and are
# handled.  A handler that only sets a flag loses the race with
# the key read (flag checked, signal lands, the read blocks for a key
# that never comes); the self-pipe (tui/wake.h) closes it.
#
# SIGRACE_RUNS runs (default 40; 200 for a thorough check), each a fresh
# program on a report big enough for its saves to take a while, under CPU
# load of the test's own making (one bounded `yes` per core), a signal at
# a random moment (the seed is printed; SIGRACE_SEED repeats a run).
# Checks that every run ends by itself within TUI_WAIT seconds, with
# status 0, a complete annotation file PyYAML reads, and the terminal
# restored (stty echo, icanon; the alternate screen left).
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment.  Needs tmux (else skipped) and python3 with PyYAML (else
# it fails: tui_begin).  Prints
# TAP; exits 1 if any point failed.

: "${top_srcdir:=.}"
. "$top_srcdir/tests/tui_lib.sh"
tui_begin sigrace
: "${SIGRACE_RUNS:=40}"
: "${SIGRACE_SEED:=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
NAME=big
SAMPLE=$top_srcdir/samples/01_liuxi_town_2023.txt
tap_need "$SAMPLE"
tui_own

# the report: the sample 40 times (its YAML over 256 KB: the journal is used;
# the idle rewrite of the file takes some milliseconds)
mkdir -p "$T/ref"
i=0
while [ $i -lt 40 ]; do cat "$SAMPLE"; i=$((i + 1)); done >"$T/ref/$NAME.txt"
tui_extract "$T/ref/$NAME.txt"

# the load: one `yes` per core, ended at exit and bounded in any case
LOAD=
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
i=0
while [ $i -lt "$cores" ]; do
	timeout 3600 nice yes >/dev/null &
	LOAD="$LOAD $!"
	i=$((i + 1))
done
tui_at_exit() {
	for p in $LOAD; do kill "$p" 2>/dev/null; done
}

# the plan of the runs: "SIGNAL WHAT DELAY KEYS" a line
"$PY" - "$SIGRACE_SEED" "$SIGRACE_RUNS" >"$T/plan" <<'PYEOF'
import random, sys
r = random.Random(int(sys.argv[1]))
for _ in range(int(sys.argv[2])):
    sig = r.choice(['TERM', 'TERM', 'HUP', 'INT'])
    what = r.choice(['idle', 'flush', 'keys', 'keys'])
    if what == 'idle':          # the screen waits for a key, nothing to save
        delay, keys = r.uniform(0, 0.5), ''
    elif what == 'flush':       # a decision; the signal while it is saved
        delay, keys = 0, 'Space'
    else:                       # keys arriving, the signal among them
        delay = r.uniform(0, 0.4)
        keys = ' '.join(r.choice(['j', 'k', 'Space', 'x', 'u']) for _ in range(r.randint(1, 25)))
    print(sig, what, '%.3f' % delay, keys)
PYEOF
echo "# seed $SIGRACE_SEED, $SIGRACE_RUNS runs, $cores cores loaded"

# saving DIR: until the idle save of DIR/NAME.yaml has begun (its temporary
# file is there; looked for without a pause); 1 when the save was missed
# (the journal came and went) or not seen in about 10 s
saving() {
	sv_end=$(($(date +%s) + 10))
	sv_i=0
	sv_j=0
	while :; do
		for sv_f in "$1"/.$NAME.yaml.*; do
			[ -e "$sv_f" ] && return 0
		done
		if [ -e "$1/$NAME.yaml.journal" ]; then
			sv_j=1
		elif [ $sv_j = 1 ]; then
			return 1
		fi
		sv_i=$((sv_i + 1))
		if [ $((sv_i % 500)) = 0 ] && [ "$(date +%s)" -ge "$sv_end" ]; then
			return 1
		fi
	done
}

tui_new keep 80 24 "sleep 3600"
runs=0 hung=0 badrc=0 badfile=0 badterm=0
while read -r sig what delay keys; do
	runs=$((runs + 1))
	id=r$runs
	D=$T/$id
	mkdir -p "$D/w"
	cp "$T/ref/$NAME.txt" "$T/ref/$NAME.yaml" "$D/w/"
	tui_review "$id" "$D/w"
	if [ $? -ne 0 ] || [ -z "$pid" ]; then
		echo "# run $runs: the screen did not come up"
		hung=$((hung + 1))
		tui_kill "$id"
		continue
	fi
	# shellcheck disable=SC2086
	[ -z "$keys" ] || tui_keys "$id" $keys
	if [ "$what" = flush ]; then
		saving "$D/w" || echo "# run $runs: the idle save not caught (the signal sent after it)"
	else
		sleep "$delay"
	fi
	kill -"$sig" "$pid"
	if ! tui_gone "$pid" 20; then
		hung=$((hung + 1))
		echo "# run $runs ($sig, $what, ${delay}s, keys: ${keys:-none}): still running 20 s after the signal"
		tui_keys "$id" q
		tui_gone "$pid" 10 || { kill -9 "$pid" 2>/dev/null; tui_gone "$pid"; }
	fi
	tui_wait_file "$TUI_WAIT" -s "$D.stty"
	rc=$(cat "$D.rc" 2>/dev/null)
	if [ "$rc" != 0 ]; then
		badrc=$((badrc + 1))
		echo "# run $runs ($sig, $what): exit status ${rc:-none}: $(head -n 2 "$D.err" | tr '\n' ' ')"
	fi
	c=$(tui_counts "$D/w/$NAME.yaml")
	case $c in
	[0-9]*) ;;
	*)
		badfile=$((badfile + 1))
		echo "# run $runs ($sig, $what): $NAME.yaml $c"
		;;
	esac
	if ! grep -q -w -e 'echo' "$D.stty" || ! grep -q -w -e 'icanon' "$D.stty" ||
	   grep -q -w -e '-echo' -e '-icanon' "$D.stty" || [ "$(tui_alt "$id")" != 0 ]; then
		badterm=$((badterm + 1))
		echo "# run $runs ($sig, $what): the terminal is not restored"
	fi
	tui_kill "$id"
	rm -rf "$D" "$D".*
done <"$T/plan"

[ "$runs" -eq "$SIGRACE_RUNS" ] && [ "$runs" -gt 0 ]
point $? "$runs of $SIGRACE_RUNS runs made (seed $SIGRACE_SEED)"
[ "$hung" -eq 0 ]
point $? "every run ends by itself after the signal ($hung of $runs did not)"
[ "$badrc" -eq 0 ]
point $? "every run exits with status 0 ($badrc of $runs did not)"
[ "$badfile" -eq 0 ]
point $? "every run leaves a complete annotation file PyYAML reads ($badfile of $runs did not)"
[ "$badterm" -eq 0 ]
point $? "every run restores the terminal ($badterm of $runs did not)"
tui_end
