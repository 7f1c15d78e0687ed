#!/bin/sh
# tests/links.sh - one annotation file, one writer, whatever the path to
# it and however its last holder ended (core/lock.c, core/atomic.c):
#
#  - a review session in tmux (a private server) opens the file through a
#    symlink: its lock is beside the target, a decision replaces the
#    target and keeps the link; a second session (--script) through the
#    target's own path, and one through a hard link, are refused and name
#    the holder; `extract --force` and `merge` (in place over OURS, and
#    -o FILE) refuse to write under it;
#  - a holder that took the lock and was killed, its parent not reaping it
#    (a real zombie: kill(pid, 0) still succeeds), and a killed and
#    reaped holder: the next session takes the lock over and saves;
#  - a lock from another host: refused, taken with --break-lock.
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment.  Needs tmux and python3 (a check that cannot be made
# fails).  Prints TAP; exits 1 if any point failed.

. "${top_srcdir:-.}/tests/cli_lib.sh"
cli_begin links
NAME=01_liuxi_town_2023
SAMPLE=$top_srcdir/samples/$NAME.txt
. "$top_srcdir/tests/tui_lib.sh"
tui_tmux links
mkdir -p "$T/home"
HOME=$T/home
export HOME

# wait_cap SESSION STRING: until the pane shows STRING (60 s at most).
wait_cap() {
	tui_wait_sees "$1" "$2" 60 && return 0
	echo "waited for '$2' on $1; the screen:" >>"$T/diag"
	sed 's/^/| /' "$T/cap" >>"$T/diag"
	return 1
}

# wait_file COND PATH: until test COND PATH holds (60 s at most).
wait_file() {
	tui_wait_file 60 "$1" "$2" && return 0
	echo "waited for test $1 $2" >>"$T/diag"
	return 1
}

# second DIR REPORT USER: a second session with --script, leaving at once
# (the key s leaves a report offered read-only, q quits); its dump in
# $T/dump, stderr in $T/err, exit status in $rc.
second() {
	printf 's\n:dump\nq\n' >"$T/script"
	last_cmd="(cd $1 && shenyue review --script S $2) as $3"
	(cd "$1" && USER=$3 "$SHENYUE" review --script "$T/script" \
		--dump "$T/dump" "$2" </dev/null >"$T/out" 2>"$T/err")
	rc=$?
}

# accepted FILE: how many items FILE has accepted.
accepted() { grep -c '^ *status: accepted' "$1" 2>/dev/null; }

if ! command -v tmux >/dev/null 2>&1 || [ -z "$PYTHON3" ]; then
	point 1 "tmux and python3 are there (needed by every check here)"
	cli_end
	exit 1
fi

# ------------------------------------------------------------ two paths
# store/ holds the report and its file; work/r.yaml is a symlink to it,
# hard/r.yaml a hard link.
S=$T/store W=$T/work H=$T/hard
mkdir -p "$S" "$W" "$H"
cp "$SAMPLE" "$S/r.txt"
cp "$SAMPLE" "$W/r.txt"
cp "$SAMPLE" "$H/r.txt"
(cd "$S" && "$SHENYUE" extract r.txt) || echo "extract failed" >>"$T/diag"
ln -s ../store/r.yaml "$W/r.yaml"
ln "$S/r.yaml" "$H/r.yaml"
ino_before=$(ls -i "$S/r.yaml" | cut -d' ' -f1)

tui_new a 80 24 \
	"cd '$W' && env HOME='$HOME' USER=wang TERM=xterm-256color '$SHENYUE' review --no-mouse r.txt; echo EXIT=\$? >'$T/a.exit'"
wait_cap a "0/50 reviewed"
point $? "a session opens the report through the symlink work/r.yaml"
wait_file -f "$S/r.yaml.lock" && [ ! -e "$W/r.yaml.lock" ] &&
	grep -q '^user: wang$' "$S/r.yaml.lock"
point $? "its lock is beside the target (store/r.yaml.lock), naming wang"

second "$S" r.txt li
[ "$rc" -ne 0 ] && grep -q -F "is being reviewed by wang" "$T/err" &&
	[ "$(accepted "$S/r.yaml")" = 0 ]
point $? "a second session through the target's own path is refused, naming wang"
second "$H" r.txt zhao
[ "$rc" -ne 0 ] && grep -q -F "another name of the same file" "$T/err" &&
	[ ! -e "$H/r.yaml.lock" ]
point $? "a second session through a hard link is refused (the file's kernel lock)"

tui_keys a a
wait_cap a "1/50 reviewed" && wait_cap a "| saved"
point $? "the first session accepts an item and saves"
[ -L "$W/r.yaml" ] && [ "$(readlink "$W/r.yaml")" = ../store/r.yaml ] &&
	[ "$(accepted "$S/r.yaml")" = 1 ]
point $? "the save went through the link: still a symlink, the target holds the decision"
ls -a "$W" "$S" | grep -q '^\.r\.yaml\.' && echo "temporary files left: $(ls -a "$W" "$S")" >>"$T/diag"
! ls -a "$W" "$S" | grep -q '^\.r\.yaml\.'
point $? "no temporary file left beside the link or the target"
ino_now=$(ls -i "$S/r.yaml" | cut -d' ' -f1)
second "$H" r.txt zhao
[ "$ino_now" != "$ino_before" ] && [ "$rc" -ne 0 ] &&
	grep -q -F "another name of the same file" "$T/err"
point $? "after the save (a new inode) the hard link's session is still refused"
second "$S" r.txt li
[ "$rc" -ne 0 ] && grep -q -F "is being reviewed by wang" "$T/err"
point $? "... and so is the target's"

cp "$S/r.yaml" "$T/before"
run extract --force "$S/r.txt"
t_rc 1 && t_err_fixed "is being reviewed by wang" && cmp -s "$S/r.yaml" "$T/before"
point $? "extract --force refuses to write under the session, naming it"
run extract --force "$W/r.txt"
t_rc 1 && t_err_fixed "is being reviewed by wang" && cmp -s "$S/r.yaml" "$T/before"
point $? "... and through the symlink"
cp "$S/r.yaml" "$T/theirs.yaml"
run merge "$T/before" "$W/r.yaml" "$T/theirs.yaml"
t_rc 2 && t_err_fixed "is being reviewed by wang" && cmp -s "$S/r.yaml" "$T/before"
point $? "merge in place over OURS (the symlink) refuses, naming the holder"
run merge -o "$S/r.yaml" "$T/before" "$T/before" "$T/theirs.yaml"
t_rc 2 && t_err_fixed "is being reviewed by wang" && cmp -s "$S/r.yaml" "$T/before"
point $? "merge -o FILE refuses too"

tui_keys a q
wait_file -f "$T/a.exit" && grep -q EXIT=0 "$T/a.exit" && [ ! -e "$S/r.yaml.lock" ]
point $? "the first session quits: exit 0, its lock gone"
run merge -o "$S/r.yaml" "$T/before" "$T/before" "$T/theirs.yaml"
t_rc 0 && [ ! -e "$S/r.yaml.lock" ] && [ ! -e "$S/r.yaml.lock.guard" ]
point $? "merge -o FILE writes once no one holds it, and leaves no lock"

# ------------------------------------------------------------ another host
printf 'user: zhao\nhost: far.example\npid: 42\nsince: 2026-11-21T08:00:00Z\n' >"$S/r.yaml.lock"
run extract --force "$S/r.txt"
t_rc 1 && t_err_fixed "zhao on far.example" && t_err_fixed "--break-lock"
point $? "a lock from another host: extract --force refused, says how to break it"
run extract --force --break-lock "$S/r.txt"
t_rc 0 && [ ! -e "$S/r.yaml.lock" ] && [ "$(accepted "$S/r.yaml")" = 0 ]
point $? "extract --force --break-lock writes, and leaves no lock"

# ------------------------------------------------------------ dead holders
# holder.py MODE: a session on a pty that takes the lock, then is killed
# with SIGKILL; MODE zombie: its parent (this helper) does not reap it
# and stays until $T/hold is removed; MODE reaped: reaped at once.
cat >"$T/holder.py" <<'EOF'
import os, pty, signal, sys, time
prog, report, mode, hold = sys.argv[1:5]
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.execv(prog, [prog, "review", "--no-mouse", report])
lock = report[:-4] + ".yaml.lock"
os.set_blocking(fd, False)
for _ in range(6000):          # 60 s at most
    try:
        os.read(fd, 65536)     # keep the pty drained
    except OSError:
        pass
    if os.path.exists(lock) and os.path.getsize(lock) > 0:
        break
    time.sleep(0.01)
time.sleep(0.2)
os.kill(pid, signal.SIGKILL)
if mode == "reaped":
    os.waitpid(pid, 0)
with open(hold + ".tmp", "w") as f:
    f.write(str(pid))
os.rename(hold + ".tmp", hold)
while mode == "zombie" and os.path.exists(hold):
    time.sleep(0.05)
EOF
for mode in zombie reaped; do
	rm -f "$S/r.yaml.lock" "$T/hold"
	"$PYTHON3" "$T/holder.py" "$SHENYUE" "$S/r.txt" $mode "$T/hold" &
	hp=$!
	wait_file -f "$T/hold"
	zpid=$(cat "$T/hold" 2>/dev/null)
	if [ $mode = zombie ]; then
		state=$(sed 's/.*) \(.\).*/\1/' "/proc/$zpid/stat" 2>/dev/null)
		[ -n "$zpid" ] && [ "$state" = Z ] && kill -0 "$zpid" 2>/dev/null &&
			grep -q "^pid: $zpid\$" "$S/r.yaml.lock"
		point $? "a killed holder whose parent does not reap it: a zombie (state $state) and its lock"
	else
		[ -n "$zpid" ] && ! kill -0 "$zpid" 2>/dev/null &&
			grep -q "^pid: $zpid\$" "$S/r.yaml.lock"
		point $? "a killed and reaped holder left its lock"
	fi
	printf ']\na\n:dump\nq\n' >"$T/script"
	last_cmd="shenyue review --script (] a) store/r.txt after a $mode holder"
	n0=$(accepted "$S/r.yaml")
	(cd "$S" && USER=li "$SHENYUE" review --script "$T/script" --dump "$T/dump" \
		r.txt </dev/null >"$T/out" 2>"$T/err")
	rc=$?
	t_rc 0 && [ "$(accepted "$S/r.yaml")" = $((n0 + 1)) ] && [ ! -e "$S/r.yaml.lock" ]
	point $? "the next session takes the $mode holder's lock over and saves its decision"
	rm -f "$T/hold"
	wait "$hp"
done

cli_end
