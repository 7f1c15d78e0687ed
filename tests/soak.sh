#!/bin/sh
# tests/soak.sh - `make check-long`: tests/soak.py (issue 10's soak test),
# SHENYUE_SOAK_SECS seconds (default 300).  Needs PyYAML and git: without
# them it fails (it could not count what it checks).
: "${top_srcdir:=.}"
. "$top_srcdir/tests/cli_lib.sh"
if [ "$have_py" -ne 1 ] || ! command -v git >/dev/null 2>&1; then
	echo "not ok 1 - python3 with PyYAML and git are needed for the soak test"
	echo "1..1"
	exit 1
fi
export SHENYUE top_srcdir
exec "$PYTHON3" "$top_srcdir/tests/soak.py"
