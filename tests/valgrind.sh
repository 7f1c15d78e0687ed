#!/bin/sh
# valgrind.sh - the core tests and a scripted review session under
# valgrind memcheck: no invalid access, no leak (definite, indirect or
# possible).  Memory that ncurses' terminfo cache keeps until exit is
# "still reachable" and not counted.  `make check-valgrind`; CI runs it.
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"
: "${SHENYUE:=$top_builddir/shenyue}"
. "$top_srcdir/tests/tap_lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed"
	exit 0
fi
export top_srcdir SHENYUE
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
VG="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99"
for t in test_numeral test_yaml test_extract test_stream test_layout test_config \
	test_review test_journal test_lock test_reanchor test_source; do
	prog=$top_builddir/tests/$t
	[ -x "$prog" ] || { point 1 "$t: not built"; continue; }
	$VG --log-file="$T/$t.vg" "$prog" >"$T/$t.out" 2>&1
	rc=$?
	[ $rc -eq 0 ] && ! grep -q "^not ok" "$T/$t.out" && [ ! -s "$T/$t.vg" ]
	point $? "$t under memcheck: exit $rc, $(grep -c '^ok' "$T/$t.out") points"
	[ -s "$T/$t.vg" ] && sed 's/^/#   /' "$T/$t.vg" | head -30
done
mkdir "$T/r"
cp "$top_srcdir"/samples/*.txt "$T/r/"
printf '%s\n' 'j j a Space x e C-u "12" Enter t 2 c "note" Enter > , u C-r' \
	'/ "执法" Enter n Tab v l l l Enter s Esc f p f a } { ? q q' >"$T/keys"
$VG --log-file="$T/review.vg" "$SHENYUE" review --script "$T/keys" --size 80x24 "$T/r" \
	>/dev/null 2>"$T/review.err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$T/review.vg" ]
point $? "a scripted review session under memcheck (decisions, fix, tag, note, spans, undo, search, add, filter, files, help): exit $rc"
[ -s "$T/review.vg" ] && sed 's/^/#   /' "$T/review.vg" | head -30
$VG --log-file="$T/extract.vg" "$SHENYUE" extract -o "$T/x" "$T"/r/*.txt 2>"$T/extract.err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$T/extract.vg" ]
point $? "shenyue extract under memcheck: exit $rc"
tap_end
