#!/bin/sh
# tests/readonly.sh - a report where nothing can be written still opens,
# read-only, and the status line says why (core/writable.c):
#
#  - a read-only folder with no annotation file yet (extracted in memory,
#    nothing written) and with one;
#  - a read-only annotation file in a writable folder;
#  - a read-only file system (root: a tmpfs mounted read-only).
#
# Root ignores permission bits, so as root the folder checks run as the
# unprivileged user 65534 (setpriv or runuser); as another user, chmod is
# enough.  A check that cannot be made fails.  Run by `make check` with
# SHENYUE and top_srcdir in the environment.  Prints TAP; exits 1 if any
# point failed.

. "${top_srcdir:-.}/tests/cli_lib.sh"
cli_begin readonly
SAMPLE=$top_srcdir/samples/01_liuxi_town_2023.txt
MNT=
trap '[ -z "$MNT" ] || umount "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null; rm -rf "$T"' EXIT
# the unprivileged user must reach the program and the work folder
chmod 755 "$T"
mkdir -p "$T/home" "$T/out"
chmod 777 "$T/home" "$T/out"

# AS: the command prefix that drops root's privileges ("" when not root).
AS=
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
	elif command -v runuser >/dev/null 2>&1; then
		AS="runuser -u nobody --"
	else
		AS=none
	fi
fi

# look DIR WHY: open DIR/r.txt with a script that dumps, accepts, dumps,
# quits; true when it exits 0, the first status line says READ-ONLY: WHY,
# the accept was refused with "read-only: ... WHY" (on stderr at the end),
# and nothing in DIR changed.
look() {
	printf ':dump\na\n:dump\nq\n' >"$T/script"
	chmod 644 "$T/script"
	ls -la "$1" >"$T/before.ls"
	cat "$1"/* 2>/dev/null | cksum >"$T/before.sum"
	rm -f "$T/out/dump"
	last_cmd="$AS shenyue review --script S $1/r.txt"
	if [ "$AS" = none ]; then
		echo "root, and neither setpriv nor runuser to drop privileges" >>"$T/diag"
		return 1
	fi
	$AS env HOME="$T/home" USER=tester "$SHENYUE" review --script "$T/script" \
		--dump "$T/out/dump" "$1/r.txt" </dev/null >"$T/out/out" 2>"$T/out/err"
	rc=$?
	cp "$T/out/err" "$T/err" 2>/dev/null
	{ echo "status lines:"; grep -e 'help$' -e '^ *read-only' "$T/out/dump"; } >>"$T/diag" 2>&1
	[ "$rc" -eq 0 ] &&
		grep 'help$' "$T/out/dump" | head -n 1 | grep -q -F "READ-ONLY: $2" &&
		grep -q "read-only: .*$2 (nothing is changed)" "$T/out/err" &&
		ls -la "$1" | cmp -s - "$T/before.ls" &&
		cat "$1"/* 2>/dev/null | cksum | cmp -s - "$T/before.sum"
}

# ------------------------------------------------------------ folders
D=$T/ro-new
mkdir -p "$D"
cp "$SAMPLE" "$D/r.txt"
[ -z "$AS" ] && chmod 555 "$D"
[ -n "$AS" ] && chmod 755 "$D"   # root's folder: 65534 may not write
look "$D" "folder not writable" &&
	grep -q "0/50 reviewed" "$T/out/dump" && [ ! -e "$D/r.yaml" ]
point $? "a read-only folder without an annotation file: extracted in memory, shown read-only, nothing written"

D=$T/ro-old
mkdir -p "$D"
cp "$SAMPLE" "$D/r.txt"
(cd "$D" && "$SHENYUE" extract r.txt) && chmod 644 "$D/r.yaml"
[ -z "$AS" ] && chmod 555 "$D"
[ -n "$AS" ] && chmod 755 "$D"
look "$D" "folder not writable" && [ ! -e "$D/r.yaml.lock" ]
point $? "a read-only folder with its annotation file: opened read-only, no lock made"

D=$T/ro-file
mkdir -p "$D"
chmod 777 "$D"
cp "$SAMPLE" "$D/r.txt"
(cd "$D" && "$SHENYUE" extract r.txt) && chmod 444 "$D/r.yaml"
look "$D" "file not writable" && [ ! -e "$D/r.yaml.lock" ]
point $? "a read-only annotation file in a writable folder: opened read-only"

# ------------------------------------------------------------ file system
# A read-only tmpfs: root only (as another user, the folder checks above
# are the real thing and this one is made through them).
if [ "$(id -u)" = 0 ]; then
	D=$T/rofs
	mkdir -p "$D"
	if mount -t tmpfs -o size=1m,mode=0755 shenyue-test "$D" 2>>"$T/diag"; then
		MNT=$D
		cp "$SAMPLE" "$D/r.txt"
		(cd "$D" && "$SHENYUE" extract r.txt)
		mount -o remount,ro "$D" 2>>"$T/diag"
		AS_SAVED=$AS
		AS=
		look "$D" "read-only file system"
		r=$?
		AS=$AS_SAVED
		point $r "a read-only file system (as root): opened read-only, says so"
	else
		point 1 "a read-only file system (as root): the tmpfs could not be mounted"
	fi
else
	touch "$T/probe" && [ ! -w "$T/ro-old" ]
	point $? "a read-only file system needs root to mount; the folder checks above ran as $(id -un)"
fi

cli_end
