#!/bin/sh
# tui_terminal.sh - the review screen as a terminal program: no CPU used
# while it waits for a key (also after a decision), and 24-bit colour on a
# direct-colour terminal.  Real terminal: tmux on a private socket.
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
. "$top_srcdir/tests/tui_lib.sh"
tui_begin term
# one tmux server per scenario (tui_server): a server being killed cannot
# take the next scenario's session with it
tui_server idle
cp "$top_srcdir/samples/01_liuxi_town_2023.txt" "$T/"
export HOME="$T" XDG_CONFIG_HOME="$T/config"

# ticks PID: user + system CPU ticks used so far
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

tui_new t 80 24 "TERM=xterm-256color $SHENYUE review $T; sleep 3600"
pid=$(tui_pid "^$SHENYUE review $T")
point $? "the review screen is running"
# the file written and the screen drawn: from then on it only waits
tui_wait_screen t "0/50 reviewed.*| saved |"
if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
	# the measures: 3 s without a key (not waits for a condition)
	a=$(ticks "$pid"); sleep 3; b=$(ticks "$pid")
	[ "$a" = "$b" ]
	point $? "waiting for a key uses no CPU ($a -> $b ticks in 3 s)"
	tui_keys t a
	tui_wait_screen t "1/50 reviewed.*| saved |"
	sleep 2.5                      # the measure starts past the idle flush
	a=$(ticks "$pid"); sleep 3; b=$(ticks "$pid")
	[ "$a" = "$b" ]
	point $? "after a decision, waiting uses no CPU ($a -> $b ticks in 3 s)"
else
	point 1 "waiting for a key uses no CPU (no process)"
	point 1 "after a decision, waiting uses no CPU (no process)"
fi
$TM kill-server 2>/dev/null

# an unreadable annotation file: refused with file:line:column, left as it
# is, and the reviewer is offered a fresh extraction in a new file
tui_server broken
M=$T/broken
mkdir -p "$M" && cp "$top_srcdir/samples/01_liuxi_town_2023.txt" "$M/"
printf 'format: shenyue-annotations/1\nsource: [broken\n' >"$M/01_liuxi_town_2023.yaml"
cp "$M/01_liuxi_town_2023.yaml" "$T/broken.orig"
tui_new m 100 24 "TERM=xterm-256color $SHENYUE review $M; sleep 3600"
tui_wait_screen m "re-extract"
tui_has m "01_liuxi_town_2023.yaml:3:1: YAML syntax error"
point $? "an unreadable annotation file: the message gives file:line:column"
tui_keys m r
tui_wait_file "$TUI_WAIT" -s "$M/01_liuxi_town_2023.new.yaml"
[ -s "$M/01_liuxi_town_2023.new.yaml" ] && cmp -s "$T/broken.orig" "$M/01_liuxi_town_2023.yaml"
point $? "r: a fresh extraction in NAME.new.yaml, the unreadable file untouched"
$TM kill-server 2>/dev/null

# one writer per file: a second reviewer is told who holds it and may look
# read-only; a lock left by a killed session is taken over
tui_server lock
L=$T/lock
mkdir -p "$L" && cp "$top_srcdir/samples/01_liuxi_town_2023.txt" "$L/"
tui_new a 100 24 "USER=wang TERM=xterm-256color $SHENYUE review $L; sleep 3600"
# the lock is taken first, then the new file is written: wait for both
tui_wait_screen a "| saved |"
grep -q '^user: wang' "$L/01_liuxi_town_2023.yaml.lock"
point $? "the first reviewer holds the lock (user, host, pid, since)"
cp "$L/01_liuxi_town_2023.yaml" "$T/lock.before"
tui_new b 100 24 "USER=li TERM=xterm-256color $SHENYUE review $L; sleep 3600"
tui_wait_screen b "being reviewed by wang"
point $? "a second reviewer is told who holds the file"
tui_keys b o
# read-only: the question gone, the items listed
ro_open() { ! tui_has b "being reviewed by wang" && tui_has b "^\[ \] "; }
tui_wait "$TUI_WAIT" ro_open
tui_keys b a
tui_wait_screen b "read-only:" && cmp -s "$T/lock.before" "$L/01_liuxi_town_2023.yaml"
point $? "read-only: a decision is refused and the file is unchanged"
for p in $(pgrep -f "^$SHENYUE review $L"); do
	kill -9 "$p" 2>/dev/null
	tui_gone "$p"
done
$TM kill-server 2>/dev/null
tui_server lock2
tui_new c 100 24 "USER=zhao TERM=xterm-256color $SHENYUE review $L; sleep 3600"
has_zhao() { grep -q '^user: zhao' "$L/01_liuxi_town_2023.yaml.lock" 2>/dev/null; }
tui_wait "$TUI_WAIT" has_zhao
point $? "a lock left by a killed session on this host is taken over"
tui_keys c q
tui_wait_file "$TUI_WAIT" ! -e "$L/01_liuxi_town_2023.yaml.lock"
point $? "quitting releases the lock"
$TM kill-server 2>/dev/null

if infocmp xterm-direct >/dev/null 2>&1; then
	tui_server direct
	tui_new d 80 24 "TERM=xterm-direct $SHENYUE review --theme dark $T; sleep 3600"
	tui_wait_screen d "Items"
	tui_cap d -e | grep -q "38;2;[0-9]*;[0-9]*;[0-9]*m"
	point $? "xterm-direct: the theme's colours are sent as 24-bit RGB"
	$TM kill-server 2>/dev/null
else
	skip "xterm-direct" "no terminfo entry (Debian: ncurses-term)"
fi
tui_end
