#!/bin/sh
# tests/keyfuzz.sh - the key-script fuzzer's seed inputs (fuzz/keys/) and
# every failure it found and that was fixed (fuzz/keys-regress/), run
# again through `shenyue review --script` on the samples or a generated
# large report: exit 0, no sanitizer report, every annotation file read by
# PyYAML and by `shenyue status` with the same counts, and the last
# screen's reviewed counts equal to the files' (scripts/keyfuzz.py).
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment.  Needs python3 with PyYAML (else skipped).  Prints TAP.
: "${top_srcdir:=.}"
top_srcdir=$(cd "$top_srcdir" && pwd)
: "${SHENYUE:=$top_srcdir/shenyue}"
case $SHENYUE in /*) ;; *) SHENYUE=$(pwd)/$SHENYUE ;; esac
PY=
for p in "${PYTHON3:-}" python3; do
	if [ -n "$p" ] && "$p" -c 'import yaml' >/dev/null 2>&1; then
		PY=$p
		break
	fi
done
if [ -z "$PY" ]; then
	echo "1..0 # SKIP no python3 with PyYAML"
	exit 0
fi
set -- "$top_srcdir"/fuzz/keys/*.keys
for f in "$top_srcdir"/fuzz/keys-regress/*.keys; do
	[ -f "$f" ] && set -- "$@" "$f"
done
if [ ! -f "$1" ]; then
	echo "Bail out! no seed inputs in $top_srcdir/fuzz/keys"
	exit 1
fi
exec "$PY" "$top_srcdir/scripts/keyfuzz.py" replay --shenyue "$SHENYUE" \
	--srcdir "$top_srcdir" "$@"
