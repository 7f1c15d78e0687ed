#!/bin/sh
# tui_terminal.sh - the review screen as a terminal program: no CPU used
# while it waits for a key (also after a decision), and 24-bit colour on a
# direct-colour terminal.  Real terminal: tmux on a private socket.
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
: "${SHENYUE:=$top_srcdir/shenyue}"
n=0 failed=0
point() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
T=$(mktemp -d) || exit 1
# one tmux server per scenario: a server being killed cannot take the
# next scenario's session with it
sock() { TM="tmux -L shenyue-term-$$-$1 -f /dev/null"; }
cleanup() {
	for s in idle broken lock lock2 direct; do
		tmux -L "shenyue-term-$$-$s" kill-server 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
sock idle
cp "$top_srcdir/samples/01_liuxi_town_2023.txt" "$T/"
export HOME="$T" XDG_CONFIG_HOME="$T/config"

# ticks PID: user + system CPU ticks used so far
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
wait_pid() {
	i=0
	while [ $i -lt 50 ]; do
		p=$(pgrep -f "^$SHENYUE review $T" | head -n 1)
		[ -n "$p" ] && { echo "$p"; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

$TM new-session -d -s t -x 80 -y 24 "TERM=xterm-256color $SHENYUE review $T; sleep 30"
pid=$(wait_pid)
point $? "the review screen is running"
if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
	sleep 1
	a=$(ticks "$pid"); sleep 3; b=$(ticks "$pid")
	[ "$a" = "$b" ]
	point $? "waiting for a key uses no CPU ($a -> $b ticks in 3 s)"
	$TM send-keys -t t a
	sleep 2.5                      # past the idle flush
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
sock broken
M=$T/broken
mkdir -p "$M" && cp "$top_srcdir/samples/01_liuxi_town_2023.txt" "$M/"
printf 'format: shenyue-annotations/1\nsource: [broken\n' >"$M/01_liuxi_town_2023.yaml"
cp "$M/01_liuxi_town_2023.yaml" "$T/broken.orig"
$TM new-session -d -s m -x 100 -y 24 "TERM=xterm-256color $SHENYUE review $M; sleep 30"
i=0
while [ $i -lt 100 ] && ! $TM capture-pane -p -t m | grep -q "re-extract"; do
	sleep 0.1
	i=$((i + 1))
done
$TM capture-pane -p -t m | grep -q "01_liuxi_town_2023.yaml:3:1: YAML syntax error"
point $? "an unreadable annotation file: the message gives file:line:column"
$TM send-keys -t m r
i=0
while [ $i -lt 100 ] && [ ! -s "$M/01_liuxi_town_2023.new.yaml" ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -s "$M/01_liuxi_town_2023.new.yaml" ] && cmp -s "$T/broken.orig" "$M/01_liuxi_town_2023.yaml"
point $? "r: a fresh extraction in NAME.new.yaml, the unreadable file untouched"
$TM kill-server 2>/dev/null

# one writer per file: a second reviewer is told who holds it and may look
# read-only; a lock left by a killed session is taken over
sock lock
L=$T/lock
mkdir -p "$L" && cp "$top_srcdir/samples/01_liuxi_town_2023.txt" "$L/"
$TM new-session -d -s a -x 100 -y 24 "USER=wang TERM=xterm-256color $SHENYUE review $L; sleep 30"
i=0   # the lock is taken first, then the new file is written: wait for both
while [ $i -lt 150 ] && ! $TM capture-pane -p -t a | grep -q "| saved |"; do sleep 0.1; i=$((i + 1)); done
grep -q '^user: wang' "$L/01_liuxi_town_2023.yaml.lock"
point $? "the first reviewer holds the lock (user, host, pid, since)"
cp "$L/01_liuxi_town_2023.yaml" "$T/lock.before"
$TM new-session -d -s b -x 100 -y 24 "USER=li TERM=xterm-256color $SHENYUE review $L; sleep 30"
i=0
while [ $i -lt 100 ] && ! $TM capture-pane -p -t b | grep -q "being reviewed by wang"; do sleep 0.1; i=$((i + 1)); done
$TM capture-pane -p -t b | grep -q "being reviewed by wang"
point $? "a second reviewer is told who holds the file"
$TM send-keys -t b o
sleep 0.5
$TM send-keys -t b a
i=0
while [ $i -lt 50 ] && ! $TM capture-pane -p -t b | grep -q "read-only:"; do sleep 0.1; i=$((i + 1)); done
$TM capture-pane -p -t b | grep -q "read-only:" && cmp -s "$T/lock.before" "$L/01_liuxi_town_2023.yaml"
point $? "read-only: a decision is refused and the file is unchanged"
pkill -9 -f "^$SHENYUE review $L" 2>/dev/null
sleep 0.3
$TM kill-server 2>/dev/null
sock lock2
$TM new-session -d -s c -x 100 -y 24 "USER=zhao TERM=xterm-256color $SHENYUE review $L; sleep 30"
i=0
while [ $i -lt 100 ] && ! grep -q '^user: zhao' "$L/01_liuxi_town_2023.yaml.lock" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
grep -q '^user: zhao' "$L/01_liuxi_town_2023.yaml.lock" 2>/dev/null
point $? "a lock left by a killed session on this host is taken over"
$TM send-keys -t c q
i=0
while [ $i -lt 50 ] && [ -e "$L/01_liuxi_town_2023.yaml.lock" ]; do sleep 0.1; i=$((i + 1)); done
[ ! -e "$L/01_liuxi_town_2023.yaml.lock" ]
point $? "quitting releases the lock"
$TM kill-server 2>/dev/null

if infocmp xterm-direct >/dev/null 2>&1; then
	sock direct
	$TM new-session -d -s d -x 80 -y 24 "TERM=xterm-direct $SHENYUE review --theme dark $T; sleep 30"
	i=0
	while [ $i -lt 50 ] && ! $TM capture-pane -p -t d | grep -q "Items"; do
		sleep 0.1
		i=$((i + 1))
	done
	$TM capture-pane -p -e -t d | grep -q "38;2;[0-9]*;[0-9]*;[0-9]*m"
	point $? "xterm-direct: the theme's colours are sent as 24-bit RGB"
	$TM kill-server 2>/dev/null
else
	n=$((n + 1))
	echo "ok $n - xterm-direct # SKIP no terminfo entry (Debian: ncurses-term)"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
