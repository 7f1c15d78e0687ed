#!/bin/sh
# tests/diskfull.sh - a failed write: "leaves the previous file intact,
# tells the reviewer on the status line, keeps the decisions in memory and
# retries; quitting then asks before losing anything."
#
# The review screen runs in tmux (private socket) with:
#  - a file-size limit (ulimit -S -f, smaller than NAME.yaml, larger than
#    the journal's first records): the writes fail with EFBIG, and
#    SIGXFSZ must not kill the program;
#  - the journal forced (SHENYUE_JOURNAL_BYTES=0, SHENYUE_JOURNAL_MS=0)
#    under the same limit: the first decisions fit in the journal, then
#    it fails;
#  - a full file system (a 64 KiB tmpfs filled up; root only, skipped when
#    it cannot be mounted), full save and journal;
#  - a read-only folder (chmod 555; as root, where permissions do not
#    stop writes, a read-only bind mount instead, or skipped);
#  - the terminal hanging up while a decision is not saved (the program
#    must end, not wait or spin).
# (The mounts are undone when the test ends; a test killed with SIGKILL
# leaves them: umount TMPDIR/shenyue-diskfull.*/full.)
# After each failure: NAME.yaml byte for byte the same, no temporary file
# left, NOT SAVED on the screen, the program alive and the decisions still
# shown; when the room is back (the limit lifted with prlimit, the filler
# removed) the next decision saves them all; q asks ("q again quits
# anyway"), another key keeps the session, q q quits with status 1 and the
# file as it was.
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment.  Needs tmux (else skipped) and python3 with PyYAML (else
# it fails: tui_begin).  Prints
# TAP; exits 1 if any point failed.

: "${top_srcdir:=.}"
. "$top_srcdir/tests/tui_lib.sh"
tui_begin diskfull
NAME=01_liuxi_town_2023
SAMPLE=$top_srcdir/samples/$NAME.txt
tap_need "$SAMPLE"
MOUNTS=
tui_at_exit() {
	for m in $MOUNTS; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; done
	chmod -R u+w "$T" 2>/dev/null
}
tui_own

mkdir -p "$T/ref"
cp "$SAMPLE" "$T/ref/"
tui_extract "$T/ref/$NAME.txt"
YSIZE=$(wc -c <"$T/ref/$NAME.yaml")

# counts YAML: "ACCEPTED REJECTED PENDING", or why not
counts() { tui_counts "$1"; }

tui_new keep 80 24 "sleep 3600"

# work ID [DIR]: W=DIR (default $T/ID/w) with the report and its
# annotation file, a copy of which is kept as $T/ID.orig
work() {
	W=${2:-$T/$1/w}
	mkdir -p "$W"
	cp "$T/ref/$NAME.txt" "$T/ref/$NAME.yaml" "$W/"
	cp "$W/$NAME.yaml" "$T/$1.orig"
}

status_line() { tui_cap "$1" | sed -n '$p'; }
screen_has() { tui_has "$1" "$2"; }
alive() { [ -e "/proc/$1" ] && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# start ID DIR MODE PRE: the review screen in tmux session ID on DIR's
# report, MODE full or journal, PRE a shell command run first (a limit);
# the shell then writes the exit status to $T/ID.rc.  Sets $pid.
start() {
	if [ "$3" = journal ]; then e=$JENV; else e=; fi
	tui_review "$1" "$2" "$e" "$4"
}

# stop ID: end the session (the program killed if still there)
stop() {
	if [ -n "$pid" ] && alive "$pid"; then
		kill -9 "$pid" 2>/dev/null
		tui_gone "$pid"
	fi
	tui_kill "$1"
}

# temps DIR: temporary files of the writer left in DIR
temps() { ls -a "$1" | grep -c "^\.$NAME\.yaml\.\|^$NAME\.yaml\..*tmp"; }

# intact DIR ORIG DESC: NAME.yaml the same bytes as ORIG, no temporary file
intact() {
	cmp -s "$1/$NAME.yaml" "$2"
	point $? "$3: NAME.yaml is byte for byte the previous file"
	tn=$(temps "$1")
	[ "$tn" -eq 0 ]
	point $? "$3: no temporary file left beside it ($tn)"
	[ "$tn" -eq 0 ] || ls -la "$1" | diag
}

# failing ID DIR ORIG DESC: after a decision that could not be written:
# NOT SAVED, alive, the file intact, the decision still shown.
failing() {
	tui_wait_screen "$1" "NOT SAVED"
	r=$?
	point $r "$4: the status line says NOT SAVED"
	status_line "$1" | diag
	alive "$pid"
	r=$?
	point $r "$4: the program is still running (SIGXFSZ/EFBIG/ENOSPC do not end it)"
	if [ $r -ne 0 ]; then
		tui_wait_file "$TUI_WAIT" -s "$T/$1.rc"
		echo "#   exit status: $(cat "$T/$1.rc" 2>/dev/null) (153 = killed by SIGXFSZ)"
	fi
	intact "$2" "$3" "$4"
}

# quit_asks ID DIR ORIG DESC: q asks, another key keeps the session, q q
# quits with status 1, the file as ORIG.
quit_asks() {
	tui_keys "$1" q
	sleep 0.3
	first=$(status_line "$1")
	tui_wait_screen "$1" "q: quit, LOSING"
	point $? "$4: q asks before losing the decisions (\"q: quit, LOSING ...\")"
	echo "#   0.3 s after q: $first"
	echo "#   later: $(status_line "$1")"
	tui_keys "$1" j
	tui_wait_screen "$1" "still open\|NOT SAVED\|reviewed"
	alive "$pid" && screen_has "$1" "still open\|NOT SAVED\|reviewed"
	point $? "$4: another key than q keeps the session"
	tui_keys "$1" q
	tui_wait_screen "$1" "q: quit, LOSING"
	tui_keys "$1" q
	quits "$1" "$2" "$3" "$4: q q quits" \
		"$4: exit status 1 when decisions were not saved" "$4 after quitting"
}

# ends ID RC QUIT STATUS: after the q that quits: the program ends (point
# QUIT) with status RC (point STATUS)
ends() {
	tui_gone "$pid"
	point $? "$3"
	tui_wait_file "$TUI_WAIT" -s "$T/$1.rc"
	rc=$(cat "$T/$1.rc" 2>/dev/null)
	[ "$rc" = "$2" ]
	point $? "$4 (got ${rc:-none})"
}
# quits ID DIR ORIG QUIT STATUS AFTER: ends with status 1, the file as
# ORIG (intact AFTER)
quits() {
	ends "$1" 1 "$4" "$5"
	intact "$2" "$3" "$6"
}

# reopens DESC: the report in $W opened again (point DESC, a %s in it: the
# exit status); its counts then in $c
reopens() {
	"$SHENYUE" review --script /dev/null "$W/$NAME.txt" </dev/null >/dev/null 2>"$T/err"
	rc=$?
	# shellcheck disable=SC2059
	point $rc "$(printf "$1" "$rc")"
	[ $rc -eq 0 ] || diag <"$T/err"
	c=$(counts "$W/$NAME.yaml")
}

# marks_ok ID A X: the items pane shows at least A accepted ([+]) and X
# rejected ([x]) rows (the status line may be taken by a message)
marks_ok() {
	scr=$(tui_cap "$1")
	a=$(printf '%s\n' "$scr" | grep -c '^[> ]\[+\]')
	x=$(printf '%s\n' "$scr" | grep -c '^[> ]\[x\]')
	[ "$a" -ge "$2" ] && [ "$x" -ge "$3" ]
}
wait_marks() { tui_wait "$TUI_WAIT" marks_ok "$1" "$2" "$3"; }

# decide ID KEYS WANT: send KEYS, wait for the screen to show WANT
decide() {
	# shellcheck disable=SC2086
	tui_keys "$1" $2
	tui_wait_screen "$1" "$3"
}

# limit_bytes PID: the soft file-size limit of PID in bytes (or unlimited)
limit_bytes() { awk '/^Max file size/ { print $4 }' "/proc/$1/limits" 2>/dev/null; }

HAVE_PRLIMIT=0
command -v prlimit >/dev/null 2>&1 && HAVE_PRLIMIT=1

# ------------------------------------------------------------ file-size limit
# 4 blocks of ulimit -f: 2 KiB (POSIX 512-byte blocks) or 4 KiB (bash),
# either way less than NAME.yaml.
work fsize
D="file-size limit"
start fsize "$W" full "ulimit -S -f 4"
point $? "$D: the review screen is up"
lim=$(limit_bytes "$pid")
[ -n "$lim" ] && [ "$lim" != unlimited ] && [ "$lim" -lt "$YSIZE" ]
point $? "$D: the limit is in force ($lim bytes < NAME.yaml's $YSIZE)"
decide fsize a "1/50 reviewed\|NOT SAVED"
failing fsize "$W" "$T/fsize.orig" "$D, a decision"
tui_keys fsize j x
wait_marks fsize 1 1
point $? "$D: the decisions stay in memory (the items show [+] and [x] after a second one)"
screen_has fsize "NOT SAVED"
point $? "$D: NOT SAVED after the second decision"
status_line fsize | diag
intact "$W" "$T/fsize.orig" "$D, two decisions"
# the screen retries by itself when idle (1.5 s): it must go on saying so
sleep 2.5
screen_has fsize "NOT SAVED"
point $? "$D: after the idle retry, the status line still says NOT SAVED"
status_line fsize | diag
intact "$W" "$T/fsize.orig" "$D, after the idle retry"
if alive "$pid"; then
	tui_keys fsize q
	tui_wait_screen fsize "q: quit, LOSING"
	point $? "$D: q asks before losing the decisions"
	status_line fsize | diag
	screen_has fsize "q: quit, LOSING the unsaved decisions" && screen_has fsize "keep them and retry"
	point $? "$D: the question can be read whole at 80 columns (\"q again quits anyway (decisions lost)\")"
	tui_keys fsize j
	tui_wait_screen fsize "still open\|NOT SAVED\|reviewed"
	alive "$pid"
	point $? "$D: another key keeps the session"
	if [ $HAVE_PRLIMIT -eq 1 ]; then
		prlimit --pid "$pid" --fsize=unlimited: 2>"$T/err"
		point $? "$D: the limit lifted (prlimit)"
		# (the j above was taken by the question)
		decide fsize "j a" "3/50 reviewed.*| saved |"
		point $? "$D: the next decision after that saves: 'saved' on the status line"
		status_line fsize | diag
		c=$(counts "$W/$NAME.yaml")
		case $c in
		"2 1 "*) point 0 "$D: NAME.yaml now holds all 3 decisions ($c)" ;;
		*) point 1 "$D: NAME.yaml now holds all 3 decisions (got $c; want 2 accepted, 1 rejected)" ;;
		esac
		[ "$(temps "$W")" -eq 0 ]
		point $? "$D: no temporary file left"
		tui_keys fsize q
		ends fsize 0 "$D: then q quits at once" "$D: exit status 0"
	else
		skip "$D: the limit lifted, the next decision saves everything" "no prlimit"
	fi
else
	point 1 "$D: the program is gone (exit status $(cat "$T/fsize.rc" 2>/dev/null)): nothing more to check"
fi
stop fsize

# q q: quitting anyway leaves the file as it was
work fsize2
D="file-size limit, quitting anyway"
start fsize2 "$W" full "ulimit -S -f 4"
tui_keys fsize2 a j x
wait_marks fsize2 1 1 && screen_has fsize2 "NOT SAVED"
point $? "$D: two decisions shown, NOT SAVED"
status_line fsize2 | diag
if alive "$pid"; then
	quit_asks fsize2 "$W" "$T/fsize2.orig" "$D"
else
	point 1 "$D: the program is gone (exit status $(cat "$T/fsize2.rc" 2>/dev/null))"
fi
stop fsize2
"$SHENYUE" review --script /dev/null "$W/$NAME.txt" </dev/null >/dev/null 2>"$T/err"
point $? "$D: the report opens again afterwards"

# The question while it waits for the answer: on a terminal wide enough
# for all of it, it stays on the screen (the idle retry must not put
# another message in its place while q still quits).
work wide
D="file-size limit, 200 columns"
COLS=200 start wide "$W" full "ulimit -S -f 4"
decide wide a "NOT SAVED"
point $? "$D: a decision, NOT SAVED"
tui_keys wide q
tui_wait_screen wide "q: quit, LOSING the unsaved decisions"
point $? "$D: q asks, the whole question shown"
status_line wide | diag
sleep 2.5
screen_has wide "q: quit, LOSING"
point $? "$D: 2.5 s later the question is still on the screen (not replaced by the idle retry's message)"
status_line wide | diag
tui_keys wide q
quits wide "$W" "$T/wide.orig" "$D: q then quits" "$D: exit status 1" "$D, after quitting"
stop wide

# ------------------------------------------------------------ hang-up while NOT SAVED
# The terminal goes away (as when an SSH connection drops) while a
# decision is not saved: nobody can answer the question any more, so the
# program must end (the file as it was), not wait or spin for ever.
work hup
D="terminal hang-up while NOT SAVED"
tui_new hup 80 24 \
	"ulimit -S -f 4; cd '$W' && exec env TERM=xterm-256color '$SHENYUE' review --no-mouse '$NAME.txt' 2>'$T/hup.err'"
pid=$(tui_pid "^$SHENYUE review")
tui_wait_screen hup "reviewed"
decide hup a "NOT SAVED"
point $? "$D: a decision, NOT SAVED"
tui_kill hup
tui_gone "$pid"
r=$?
point $r "$D: the program ends after the hang-up"
if [ $r -ne 0 ]; then
	t0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)
	sleep 1
	t1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)
	echo "#   still running $TUI_WAIT s after the hang-up, using $((t1 - t0)) CPU ticks a second (of $(getconf CLK_TCK 2>/dev/null || echo 100))"
	echo "#   repro: in tmux: ulimit -S -f 4; shenyue review REPORT (NAME.yaml larger than 2 KiB); a; tmux kill-session"
	kill -9 "$pid" 2>/dev/null
	tui_gone "$pid"
fi
intact "$W" "$T/hup.orig" "$D"

# ------------------------------------------------------------ journal + limit
# The journal's records are a few hundred bytes: the first decisions fit
# under the limit, then an append fails (cut short).  NAME.yaml is never
# rewritten (larger than the limit).
work jlimit
D="journal under a file-size limit"
start jlimit "$W" journal "ulimit -S -f 4"
point $? "$D: the review screen is up"
m=0
k=0
seen_fail=0
order_ok=0
while [ $k -lt 12 ] && alive "$pid"; do
	k=$((k + 1))
	decide jlimit Space " $k/50 reviewed.*saved (journal)\|NOT SAVED\|failed\|cannot" || break
	line=$(status_line jlimit)
	case $line in
	*" $k/50 reviewed"*"saved (journal)"*)
		if [ $seen_fail -eq 0 ]; then m=$k; else order_ok=1; fi ;;
	*"NOT SAVED"*) seen_fail=1 ;;
	*) echo "#   after decision $k: $line" ;;
	esac
done
[ $m -ge 1 ]
point $? "$D: the first decisions are saved in the journal ($m shown 'saved (journal)')"
[ $seen_fail -eq 1 ]
point $? "$D: then NOT SAVED when the journal meets the limit (after $k decisions)"
status_line jlimit | diag
alive "$pid"
point $? "$D: the program is still running"
[ $order_ok -eq 0 ]
point $? "$D: once failed, no decision is shown saved before the file is rewritten"
intact "$W" "$T/jlimit.orig" "$D"
if alive "$pid"; then
	quit_asks jlimit "$W" "$T/jlimit.orig" "$D"
fi
stop jlimit
# Opening it again without the limit replays the journal: every decision
# shown saved is there.
reopens "$D: the report opens again without the limit (the journal cut short is read)"
set -- $c
[ "${1:-0}" -ge "$m" ] 2>/dev/null && [ "${1:-0}" -le "$k" ] && [ "${2:-x}" = 0 ]
point $? "$D: the $m decisions shown saved are recovered (accepted/rejected/pending: $c)"

# ------------------------------------------------------------ full disk
# A 64 KiB tmpfs filled up with a filler file.
can_mount=0
if [ "$(id -u)" = 0 ]; then
	mkdir -p "$T/full"
	if mount -t tmpfs -o size=64k,mode=0755 shenyue-test "$T/full" 2>/dev/null; then
		can_mount=1
		MOUNTS="$T/full"
	fi
fi
fill() {
	dd if=/dev/zero of="$1/filler$2" bs=1024 count=1024 >/dev/null 2>&1
	dd if=/dev/zero of="$1/fillerb$2" bs=16 count=65536 >/dev/null 2>&1
	:
}
for mode in full journal; do
	D="full file system ($mode save)"
	if [ $can_mount -eq 0 ]; then
		skip "$D" "not root, or no tmpfs mount here"
		continue
	fi
	work "full$mode" "$T/full/$mode"
	start "full$mode" "$W" $mode ""
	point $? "$D: the review screen is up"
	fill "$W" 1
	echo "# free now: $(df -k "$T/full" | awk 'NR == 2 { print $4 }') KiB"
	decide "full$mode" a "1/50 reviewed\|NOT SAVED"
	failing "full$mode" "$W" "$T/full$mode.orig" "$D, a decision"
	tui_keys "full$mode" j x
	wait_marks "full$mode" 1 1
	point $? "$D: the decisions stay in memory (the items show [+] and [x])"
	rm -f "$W"/filler*
	decide "full$mode" "j a" "3/50 reviewed.*| saved"
	point $? "$D: with room again the next decision saves"
	status_line "full$mode" | diag
	c=$(counts "$W/$NAME.yaml")
	case $c in
	"2 1 "*) point 0 "$D: NAME.yaml holds all 3 decisions ($c)" ;;
	*)
		if [ $mode = journal ]; then
			# they may be in the journal; the next opening must have them
			point 0 "$D: NAME.yaml holds all 3 decisions or the journal does ($c; checked at reopening)"
		else
			point 1 "$D: NAME.yaml holds all 3 decisions (got $c; want 2 accepted, 1 rejected)"
		fi
		;;
	esac
	cp "$W/$NAME.yaml" "$T/full-$mode.mid"
	fill "$W" 2
	tui_keys "full$mode" j x
	tui_wait_screen "full$mode" "NOT SAVED"
	r=$?
	if [ $mode = journal ] && [ $r -ne 0 ]; then
		# a record may still fit in the last free bytes; one more
		tui_keys "full$mode" j x
		tui_wait_screen "full$mode" "NOT SAVED"
		r=$?
	fi
	point $r "$D: full again: NOT SAVED"
	status_line "full$mode" | diag
	if alive "$pid"; then
		quit_asks "full$mode" "$W" "$T/full-$mode.mid" "$D"
	else
		point 1 "$D: the program is gone (exit status $(cat "$T/full$mode.rc" 2>/dev/null))"
	fi
	stop "full$mode"
	rm -f "$W"/filler*
	reopens "$D: with room again, the report opens (status %s)"
	set -- $c
	[ "${1:-0}" -ge 2 ] 2>/dev/null && [ "${2:-0}" -ge 1 ]
	point $? "$D: the 3 decisions saved before are there ($c)"
done

# ------------------------------------------------------------ read-only folder
# The folder turns read-only during the session (chmod 555; as root, where
# permissions do not stop writes, a read-only bind mount over it).  The
# report is named by its absolute path, so that the program's writes go
# through the mount.
D="read-only folder"
work ro
tui_review ro "$T" "" "" "$W/$NAME.txt"
point $? "$D: the review screen is up"
how=
if [ "$(id -u)" != 0 ]; then
	chmod 555 "$W" && how=chmod
elif mount --bind "$W" "$W" 2>/dev/null; then
	MOUNTS="$W $MOUNTS"
	if mount -o remount,ro,bind "$W" 2>/dev/null && ! touch "$W/.probe" 2>/dev/null; then
		how="read-only bind mount"
	else
		rm -f "$W/.probe"
		umount "$W"
	fi
fi
if [ -z "$how" ]; then
	skip "$D: a decision" "root without a read-only bind mount: permissions do not stop root"
else
	decide ro a "1/50 reviewed\|NOT SAVED"
	failing ro "$W" "$T/ro.orig" "$D ($how)"
	if alive "$pid"; then
		quit_asks ro "$W" "$T/ro.orig" "$D ($how)"
	fi
fi
stop ro
if [ "$how" = chmod ]; then chmod 755 "$W"; elif [ -n "$how" ]; then umount "$W" || umount -l "$W"; fi

tui_end
