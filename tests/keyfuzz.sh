#!/bin/sh
# tests/keyfuzz.sh - the key-script fuzzer's seed inputs (fuzz/keys/) and
# every failure it found and that was fixed (fuzz/keys-regress/), run
# again through `shenyue review --script` on the samples or a generated
# large report: exit 0, no sanitizer report, every annotation file read by
# PyYAML and by `shenyue status` with the same counts, and the last
# screen's reviewed counts equal to the files' (scripts/keyfuzz.py).
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 in the
# environment.  Needs python3 with PyYAML (else it fails).  Prints TAP.
. "${top_srcdir:-.}/tests/tap_lib.sh"
tap_program
need_pyyaml "the annotation file checks"
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
