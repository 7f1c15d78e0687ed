#!/bin/sh
# fuzz/regress.sh - replay the fuzz corpora and the saved crash inputs
# without libFuzzer; TAP, one test point per file.
#
#   sh fuzz/regress.sh            (what `make check` runs)
#
# For each target X (extract, annot, convert), every file of fuzz/corpus/X/ and
# fuzz/regress/X/ is given to fuzz/replay_X (fuzz/fuzz_X.c linked with
# fuzz/standalone.c and the core library), one run per file: `ok` when it
# exits 0, `not ok` with the end of its output when a check of the target
# aborted, a sanitizer stopped it (in a sanitizer build) or it took more
# than 60 seconds.  top_srcdir and top_builddir (set by `make check`) say
# where the files and the programs are; both default to the folder above
# this script.

set -u

case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
top_srcdir=${top_srcdir:-$here/..}
top_builddir=${top_builddir:-$top_srcdir}

targets="extract annot convert"
to=
if command -v timeout >/dev/null 2>&1; then
	to="timeout 60"
fi

tmp=${TMPDIR:-/tmp}/sy-fuzz-regress.$$
trap 'rm -f "$tmp"' EXIT INT TERM

# the plan: every file there is
n=0
for t in $targets; do
	for f in "$top_srcdir/fuzz/corpus/$t"/* "$top_srcdir/fuzz/regress/$t"/*; do
		[ -f "$f" ] && n=$((n + 1))
	done
done
if [ "$n" -eq 0 ]; then
	echo "1..0 # SKIP no fuzz corpus in $top_srcdir/fuzz"
	exit 0
fi
echo "1..$n"

i=0
for t in $targets; do
	prog=$top_builddir/fuzz/replay_$t
	for f in "$top_srcdir/fuzz/corpus/$t"/* "$top_srcdir/fuzz/regress/$t"/*; do
		[ -f "$f" ] || continue
		i=$((i + 1))
		name="$t: ${f#"$top_srcdir"/}"
		if [ ! -x "$prog" ]; then
			echo "not ok $i - $name (no $prog: build it with make check)"
			continue
		fi
		# shellcheck disable=SC2086 # $to is a command and its argument
		$to "$prog" "$f" >"$tmp" 2>&1
		rc=$?
		if [ "$rc" -eq 0 ]; then
			echo "ok $i - $name"
		else
			echo "not ok $i - $name (exit status $rc)"
			tail -n 40 "$tmp" | sed 's/^/# /'
		fi
	done
done
exit 0
