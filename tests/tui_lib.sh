# tests/tui_lib.sh - the one tmux harness: what the TAP tests of the
# review screen in a real terminal (tmux) share; sourced by tui.sh,
# tui_terminal.sh, signals.sh, sigrace.sh, kill.sh, diskfull.sh (with
# tui_begin) and by tui_forms.sh, tui_day.sh, tui_seeing.sh, links.sh
# (cli_lib.sh tests that add a terminal with tui_tmux).  New tmux tests:
# source it too, as `. "$top_srcdir/tests/tui_lib.sh"`.  The points
# (point, skip, diag) and need_pyyaml come from tests/tap_lib.sh.
#
# The rules it keeps: every test talks to a tmux server of its own
# (`tmux -L NAME -f /dev/null`, never the default server, TMUX unset, so
# `make check` gives the same result inside and outside tmux); every
# target is exact (`=NAME:`, so a session name that is the prefix of
# another never picks the other one); every wait is for a condition with
# a generous bound (TUI_WAIT seconds, default 30), never a fixed sleep; a
# check that cannot count what it checks fails, it does not skip.
#
# TUI_WAIT is exported: a helper script may bound its own waits by it.
#
#   tui_begin NAME [optional]
#                    SHENYUE checked (Bail out), tmux (else the whole test
#                    is skipped; with `optional` TUI_HAVE_TMUX is 0 instead),
#                    python3 with PyYAML in $PY (else it fails: need_pyyaml),
#                    a fresh folder $T (removed at exit) with $T/home, and
#                    the tmux server of tui_tmux
#   tui_tmux NAME    TMUX unset, SHELL=/bin/sh, the server shenyue-NAME-PID
#                    in $TM (killed at exit, its socket file removed); a
#                    function tui_at_exit, if the test defines one, runs at
#                    exit before $T is removed
#   tui_server NAME  switch $TM to another private server (for a scenario
#                    whose server is killed); every one is killed at exit
#   tui_end          the plan; the exit status (1 when a point failed)
#   tui_own          a copy of the program in $T/shenyue (a rebuild during
#                    a long run must not swap it), HOME=$T/home,
#                    XDG_CONFIG_HOME, USER=tester exported; the journal's
#                    environment unset, and JENV the one that forces it
#   tui_extract FILE.txt   FILE.yaml beside it (Bail out when it fails)
#   tui_counts FILE  "ACCEPTED REJECTED PENDING" of an annotation file (the
#                    document and every item), or "unreadable: WHY"
#   tui_review ID DIR [ENV] [PRE] [REPORT]
#                    the review screen in session ID (${COLS:-80}x24) on
#                    REPORT (default $NAME.txt) in DIR, run by a shell that runs PRE first
#                    and ENV in the program's environment, stderr in
#                    $T/ID.err, then writes the exit status to $T/ID.rc and
#                    `stty -a` of the same terminal to $T/ID.stty and waits;
#                    $pid the program's; until the screen shows "reviewed"
#   tui_script SIZE ARGS...   `review --script $T/script --size SIZE
#                    --dump $T/dump ARGS` in $W with HOME=${H:-$T/home}
#                    (its config and state there),
#                    stdin /dev/null; stdout $T/out, stderr $T/err, the
#                    exit status in $rc (99 on a sanitizer report)
#   tui_workdir DIR [REPORT...]  W=DIR, fresh, with the samples (REPORT:
#                    a file name in samples/) or some of them
#
#   tui_new NAME COLS ROWS COMMAND   a new detached session NAME (one of the
#                    same name is killed first) running COMMAND
#   tui_keys NAME KEY...   send-keys to NAME;  tui_type NAME TEXT: literal
#   tui_cap NAME [-e]      the screen of NAME on stdout (-e: with colours)
#   tui_has NAME ERE       0 when the screen of NAME matches ERE (grep -e)
#   tui_alt NAME           #{alternate_on} of NAME's pane
#   tui_kill NAME          kill session NAME
#
#   tui_wait SECONDS COMMAND [ARG...]
#                    run COMMAND every 0.1 s until it succeeds (0) or
#                    SECONDS have passed (1)
#   tui_wait_screen NAME ERE [SECONDS]   until NAME's screen matches ERE
#   tui_sees NAME STRING   0 when NAME's screen (kept in $T/cap) shows
#                    STRING (a fixed string)
#   tui_wait_sees NAME STRING [SECONDS]   until tui_sees holds
#   tui_wait_closed NAME [SECONDS]   until session NAME has ended
#   tui_wait_file SECONDS TEST-ARGS...   until `test TEST-ARGS` holds,
#                    e.g. tui_wait_file 30 -s "$W/.exit"
#   tui_pid PATTERN [SECONDS]   the pid of the first process whose command
#                    line matches PATTERN (pgrep -f), once there is one
#   tui_gone PID [SECONDS]   until PID has ended and been reaped (a zombie
#                    still holds its lock); 1 if it is still running

: "${TUI_WAIT:=30}"
export TUI_WAIT
. "${top_srcdir:-.}/tests/tap_lib.sh"
TUI_SERVERS=
TUI_HAVE_TMUX=1

tui_begin() {
	tap_program
	if ! command -v tmux >/dev/null 2>&1; then
		if [ "${2:-}" != optional ]; then
			echo "1..0 # SKIP tmux is not installed"
			exit 0
		fi
		TUI_HAVE_TMUX=0
	fi
	need_pyyaml "the screen and YAML checks"
	tap_tmpdir "$1"
	mkdir -p "$T/home"
	tui_tmux "$1"
}

tui_tmux() {
	unset TMUX TMUX_PANE
	SHELL=/bin/sh
	export SHELL
	TUI_BASE=shenyue-$1-$$
	TUI_SERVERS=$TUI_BASE
	TM="tmux -L $TUI_BASE -f /dev/null"
}

# run at exit by tap_cleanup, before $T is removed
tap_at_exit() {
	for tc_s in $TUI_SERVERS; do
		tmux -L "$tc_s" kill-server >/dev/null 2>&1
		# the socket file stays behind otherwise
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$tc_s"
	done
	if command -v tui_at_exit >/dev/null 2>&1; then
		tui_at_exit
	fi
}

tui_server() {
	TUI_SERVERS="$TUI_SERVERS $TUI_BASE-$1"
	TM="tmux -L $TUI_BASE-$1 -f /dev/null"
}

tui_end() { tap_end; }

tui_own() {
	cp "$SHENYUE" "$T/shenyue" || {
		echo "Bail out! cannot copy $SHENYUE"
		exit 1
	}
	SHENYUE=$T/shenyue
	HOME=$T/home
	XDG_CONFIG_HOME=$T/home/.config
	USER=tester
	export HOME XDG_CONFIG_HOME USER
	unset SHENYUE_JOURNAL_MS SHENYUE_JOURNAL_BYTES
	JENV="SHENYUE_JOURNAL_BYTES=0 SHENYUE_JOURNAL_MS=0"
}

tui_extract() {
	if ! "$SHENYUE" extract "$1" >"$T/err" 2>&1; then
		echo "Bail out! extract failed: $(head -n 3 "$T/err")"
		exit 1
	fi
}

tui_counts() {
	"$PY" - "$1" <<'EOF'
import sys, yaml
try:
    L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
    d = yaml.load(open(sys.argv[1], 'rb'), Loader=L)
    if d.get('format') != 'shenyue-annotations/1':
        raise ValueError('format %r' % (d.get('format'),))
    st = [d['document']['status']] + [it['status'] for k in ('sections', 'statistics')
                                      for it in d.get(k) or []]
    print(st.count('accepted'), st.count('rejected'), st.count('pending'))
except Exception as e:
    print('unreadable: %s' % e)
EOF
}

tui_review() {
	rm -f "$T/$1.rc" "$T/$1.stty"
	cat >"$T/$1.sh" <<EOF
${4:-}
cd '$2' || exit 1
env ${3:-} TERM=xterm-256color '$SHENYUE' review --no-mouse '${5:-$NAME.txt}' 2>'$T/$1.err'
echo \$? >'$T/$1.rc'
stty -a >'$T/$1.stty' 2>&1
exec sleep 3600
EOF
	tui_new "$1" "${COLS:-80}" 24 "sh '$T/$1.sh'"
	# the program's pid: the only process running this copy of it (the
	# pane's own pid may be a shell in between)
	pid=$(tui_pid "^$SHENYUE review")
	tui_wait_screen "$1" "reviewed"
}

tui_script() {
	ts_size=$1
	shift
	rm -f "$T/dump"
	(cd "$W" && env HOME="${H:-$T/home}" XDG_CONFIG_HOME="${H:-$T/home}/.config" \
		XDG_STATE_HOME= USER=tester "$SHENYUE" review --script "$T/script" --size "$ts_size" \
		--dump "$T/dump" "$@" </dev/null >"$T/out" 2>"$T/err")
	rc=$?
	sanitized "$T/err"
}

tui_workdir() {
	W=$1
	shift
	rm -rf "$W"
	mkdir -p "$W"
	if [ $# -eq 0 ]; then
		cp "$top_srcdir/samples"/*.txt "$W"/
	else
		for tw_r in "$@"; do cp "$top_srcdir/samples/$tw_r" "$W"/; done
	fi
}

tui_new() {
	$TM kill-session -t "=$1" >/dev/null 2>&1
	$TM new-session -d -s "$1" -x "$2" -y "$3" "$4"
}
tui_keys() {
	tk_s=$1
	shift
	$TM send-keys -t "=$tk_s:" "$@"
}
tui_type() { $TM send-keys -t "=$1:" -l "$2"; }
tui_cap() { $TM capture-pane -p ${2:+"$2"} -t "=$1:" 2>/dev/null; }
tui_has() { tui_cap "$1" | grep -q -e "$2"; }
tui_alt() { $TM display -p -t "=$1:" '#{alternate_on}' 2>/dev/null; }
tui_kill() { $TM kill-session -t "=$1" >/dev/null 2>&1; }

tui_wait() {
	tw_lim=$(($1 * 10))
	shift
	tw_i=0
	while [ $tw_i -lt $tw_lim ]; do
		"$@" && return 0
		sleep 0.1
		tw_i=$((tw_i + 1))
	done
	"$@"
}
tui_wait_screen() { tui_wait "${3:-$TUI_WAIT}" tui_has "$1" "$2"; }
tui_sees() { tui_cap "$1" >"$T/cap" && grep -q -F -e "$2" "$T/cap"; }
tui_wait_sees() { tui_wait "${3:-$TUI_WAIT}" tui_sees "$1" "$2"; }
tui_closed() { ! $TM has-session -t "=$1" 2>/dev/null; }
tui_wait_closed() { tui_wait "${2:-$TUI_WAIT}" tui_closed "$1"; }
tui_wait_file() {
	tf_s=$1
	shift
	tui_wait "$tf_s" test "$@"
}

tui_pid_now() { TUI_PID=$(pgrep -f "$1" 2>/dev/null | head -n 1); [ -n "$TUI_PID" ]; }
tui_pid() {
	TUI_PID=
	tui_wait "${2:-$TUI_WAIT}" tui_pid_now "$1" && echo "$TUI_PID"
}

# ended PID: not running (gone, or a zombie)
tui_ended() {
	[ ! -e "/proc/$1" ] || [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" = Z ]
}
# reaped PID: gone; tmux, the parent of an exec'd pane process, is nudged
# with a client command meanwhile
tui_reaped() {
	[ ! -e "/proc/$1" ] && return 0
	$TM list-sessions >/dev/null 2>&1
	return 1
}
tui_gone() {
	tui_wait "${2:-$TUI_WAIT}" tui_ended "$1" || return 1
	tui_wait "${2:-$TUI_WAIT}" tui_reaped "$1"
	return 0
}
