#!/bin/sh
# bench/effort.sh - the reviewer's effort: the keys a reviewer types to
# turn the extractor's proposal into the gold, from the generator of the
# gold-by-keyboard test (tests/goldkeys.py), on the dev reports
# (SHARED/corpus, SHARED/gold) and on the samples (tests/gold-samples).
#
#   sh bench/effort.sh SHENYUE SRCDIR [SHARED]
#
# SHARED defaults to SRCDIR/../shared; without it only the samples are
# measured (and the exit status is 1).  See bench/README.md.
set -u
if [ $# -lt 2 ]; then
	echo "usage: sh bench/effort.sh SHENYUE SRCDIR [SHARED]" >&2
	exit 2
fi
SHENYUE=$1
SRCDIR=$2
SHARED=${3:-$SRCDIR/../shared}
PY=${PYTHON3:-python3}
export SHENYUE
if ! "$PY" -c 'import yaml' >/dev/null 2>&1; then
	echo "effort: $PY with PyYAML is needed" >&2
	exit 1
fi
echo "== the reviewer's effort (keys typed to reach the gold; bench/README.md)"
# in document order, then in uncertain order with a bulk accept of the
# agreeing high-score items first (issue 13; tests/goldkeys.py, UNCERTAIN:
# where the extraction gives no scores, the bench gives them, deterministic)
rc=0
for order in document uncertain; do
	"$PY" "$SRCDIR/tests/goldkeys.py" bench --shared "$SHARED" \
		--samples "$SRCDIR/samples" --sample-gold "$SRCDIR/tests/gold-samples" \
		--order $order || rc=1
done
exit $rc
