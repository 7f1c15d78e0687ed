#!/bin/sh
# tests/concurrent.sh - others writing the annotation file a review screen
# holds (issue 10): see tests/concurrent.py.  Needs tmux (else skipped),
# git and PyYAML (else it fails: it could not count what it checks).
: "${top_srcdir:=.}"
. "$top_srcdir/tests/cli_lib.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
if [ "$have_py" -ne 1 ] || ! command -v git >/dev/null 2>&1; then
	echo "not ok 1 - python3 with PyYAML and git are needed to check the files"
	echo "1..1"
	exit 1
fi
export SHENYUE top_srcdir
exec "$PYTHON3" "$top_srcdir/tests/concurrent.py"
