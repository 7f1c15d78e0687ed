#!/bin/sh
# golden.sh - `shenyue extract` on every bundled sample must give exactly
# the annotation file kept in tests/golden/ (reviewed by hand when it was
# made).  To accept a deliberate change of the extractor:
#   tests/golden.sh --update   (then read the diff before committing)
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
: "${SHENYUE:=$top_srcdir/shenyue}"
case $SHENYUE in /*) ;; *) SHENYUE=$(pwd)/$SHENYUE ;; esac
top_srcdir=$(cd "$top_srcdir" && pwd)
golden="$top_srcdir/tests/golden"
n=0 failed=0
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
cd "$top_srcdir/samples" || exit 1
for report in *.txt; do
	name=${report%.txt}
	n=$((n + 1))
	if ! "$SHENYUE" extract -o - "$report" >"$out/$name.yaml" 2>"$out/err"; then
		echo "not ok $n - extract $report: $(cat "$out/err")"
		failed=$((failed + 1))
		continue
	fi
	if [ "${1:-}" = "--update" ]; then
		cp "$out/$name.yaml" "$golden/$name.yaml"
	fi
	if diff -u "$golden/$name.yaml" "$out/$name.yaml" >"$out/diff" 2>&1; then
		echo "ok $n - extract $report matches tests/golden/$name.yaml"
	else
		echo "not ok $n - extract $report differs from tests/golden/$name.yaml"
		sed 's/^/# /' "$out/diff" | head -40
		failed=$((failed + 1))
	fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
