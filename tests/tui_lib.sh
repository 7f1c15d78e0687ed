# tests/tui_lib.sh - what the TAP tests of the review screen in a real
# terminal (tmux) share; sourced by tui.sh, tui_terminal.sh, signals.sh,
# kill.sh and diskfull.sh (new tmux tests: source it too, as
# `. "$top_srcdir/tests/tui_lib.sh"` after setting top_srcdir).
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
#   tui_begin NAME   top_srcdir and SHENYUE made absolute and checked (Bail
#                    out), tmux (else the whole test is skipped), python3
#                    with PyYAML in $PY (else skipped), TMUX unset,
#                    SHELL=/bin/sh, a fresh folder $T (removed at exit) with
#                    $T/home, the server shenyue-NAME-PID in $TM (killed at
#                    exit, its socket file removed).  A function tui_at_exit, if the test defines
#                    one, runs at exit before $T is removed.
#   tui_server NAME  switch $TM to another private server (for a scenario
#                    whose server is killed); every one is killed at exit
#   point STATUS DESCRIPTION
#                    one test point (STATUS 0: ok); on failure the file
#                    named by $TUI_SHOW, if set and not empty, is shown
#   skip DESCRIPTION WHY   (only for what the machine lacks, not for a
#                    check that could not count)
#   diag             stdin as TAP diagnostics ("#   " lines)
#   tui_end          the plan; the exit status (1 when a point failed)
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
#   tui_wait_file SECONDS TEST-ARGS...   until `test TEST-ARGS` holds,
#                    e.g. tui_wait_file 30 -s "$W/.exit"
#   tui_pid PATTERN [SECONDS]   the pid of the first process whose command
#                    line matches PATTERN (pgrep -f), once there is one
#   tui_gone PID [SECONDS]   until PID has ended and been reaped (a zombie
#                    still holds its lock); 1 if it is still running

: "${TUI_WAIT:=30}"
export TUI_WAIT
n=0
failed=0
TUI_SERVERS=
TUI_SHOW=

tui_begin() {
	: "${top_srcdir:=.}"
	top_srcdir=$(cd "$top_srcdir" && pwd)
	: "${SHENYUE:=$top_srcdir/shenyue}"
	case $SHENYUE in /*) ;; *) SHENYUE=$(pwd)/$SHENYUE ;; esac
	if [ ! -x "$SHENYUE" ]; then
		echo "Bail out! SHENYUE is not the built program (got '$SHENYUE')"
		exit 1
	fi
	if ! command -v tmux >/dev/null 2>&1; then
		echo "1..0 # SKIP tmux is not installed"
		exit 0
	fi
	PY=
	for tb_p in "${PYTHON3:-}" python3; do
		if [ -n "$tb_p" ] && "$tb_p" -c 'import yaml, unicodedata' >/dev/null 2>&1; then
			PY=$tb_p
			break
		fi
	done
	if [ -z "$PY" ]; then
		echo "1..0 # SKIP no python3 with PyYAML (the screen and YAML checks)"
		exit 0
	fi
	unset TMUX TMUX_PANE
	SHELL=/bin/sh
	export SHELL
	T=$(mktemp -d "${TMPDIR:-/tmp}/shenyue-$1.XXXXXX") || {
		echo "Bail out! mktemp -d failed"
		exit 1
	}
	mkdir -p "$T/home"
	TUI_BASE=shenyue-$1-$$
	TUI_SERVERS=$TUI_BASE
	TM="tmux -L $TUI_BASE -f /dev/null"
	trap tui_cleanup EXIT
	trap 'exit 1' HUP INT TERM
}

tui_cleanup() {
	for tc_s in $TUI_SERVERS; do
		tmux -L "$tc_s" kill-server >/dev/null 2>&1
		# the socket file stays behind otherwise
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$tc_s"
	done
	if command -v tui_at_exit >/dev/null 2>&1; then
		tui_at_exit
	fi
	rm -rf "$T"
}

tui_server() {
	TUI_SERVERS="$TUI_SERVERS $TUI_BASE-$1"
	TM="tmux -L $TUI_BASE-$1 -f /dev/null"
}

point() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		if [ -n "$TUI_SHOW" ] && [ -s "$TUI_SHOW" ]; then
			echo "#   the screen was:"
			sed 's/^/#   | /' "$TUI_SHOW"
		fi
	fi
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

diag() { sed 's/^/#   /'; }

tui_end() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
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
