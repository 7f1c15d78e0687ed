#!/bin/sh
# tests/goldkeys.sh - gold by keyboard: for each dev report (../shared:
# corpus/ and gold/) and each sample (gold in tests/gold-samples/, the
# extraction with deliberate corrections of every kind), generate the key
# script a reviewer would type (tests/goldkeys.py), run it through
# `shenyue review --script`, and check that the result equals the gold
# field by field and that `shenyue eval GOLD RESULT` gives 1.000 on every
# figure.  Two points per report.
#
# Run by `make check` with SHENYUE, top_srcdir, PYTHON3 and SHENYUE_SHARED
# (the shared folder, SRCDIR/../shared unless configured otherwise) in the
# environment.  Without the shared folder the dev point fails, unless
# SHENYUE_NO_SHARED=1 (a tree that is not meant to have it).
: "${top_srcdir:=$(dirname "$0")/..}"
top_srcdir=$(cd "$top_srcdir" && pwd)
: "${SHENYUE:=$top_srcdir/shenyue}"
case $SHENYUE in /*) ;; *) SHENYUE=$(pwd)/$SHENYUE ;; esac
: "${SHENYUE_SHARED:=$top_srcdir/../shared}"
export SHENYUE
unset TMUX

if [ ! -x "$SHENYUE" ]; then
	echo "Bail out! SHENYUE is not the built program (got '$SHENYUE')"
	exit 1
fi
PY=${PYTHON3:-python3}
if ! "$PY" -c 'import yaml' >/dev/null 2>&1; then
	echo "not ok 1 - $PY with PyYAML is needed to compare the annotation files"
	echo "1..1"
	exit 1
fi
exec "$PY" "$top_srcdir/tests/goldkeys.py" check --shared "$SHENYUE_SHARED" \
	--samples "$top_srcdir/samples" --sample-gold "$top_srcdir/tests/gold-samples"
