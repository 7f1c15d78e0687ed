# tests/cli_lib.sh - what the TAP tests of the command line share; sourced
# by cli.sh, status_export.sh, merge.sh and eval_agree.sh:
#
#   cli_begin NAME   top_srcdir made absolute, SHENYUE (default: the
#                    program in top_srcdir) checked, PYTHON3 found, a fresh
#                    folder $T (removed at exit) made the current one
#   run ARGS...      the program with ARGS, stdin from /dev/null; stdout
#                    in $T/out, stderr in $T/err, exit status in $rc (99
#                    when a sanitizer spoke, so that a crash cannot pass for
#                    an expected exit 1)
#   point STATUS DESCRIPTION
#                    one test point; a failure shows the last command, its
#                    exit status, the start of its stderr and $T/diag
#   skip DESCRIPTION WHY
#   t_rc N, t_err RE (any case), t_err_fixed S, t_out RE, t_out_fixed S
#                    0 or 1, for point
#   cli_end          the plan; the exit status (1 when a point failed)
#
# have_py is 1 when $PYTHON3 runs and has PyYAML.

: "${top_srcdir:=.}"
top_srcdir=$(cd "$top_srcdir" && pwd)
: "${SHENYUE:=$top_srcdir/shenyue}"
case $SHENYUE in /*) ;; *) SHENYUE=$(pwd)/$SHENYUE ;; esac
if [ -z "${PYTHON3:-}" ]; then
	PYTHON3=$(command -v python3 2>/dev/null || true)
fi
have_py=1
if [ -z "$PYTHON3" ] || ! "$PYTHON3" -c 'import yaml' 2>/dev/null; then
	have_py=0
fi

n=0
failed=0
rc=0
last_cmd=

cli_begin() {
	if [ ! -x "$SHENYUE" ]; then
		echo "Bail out! SHENYUE is not the built program (got '$SHENYUE')"
		exit 1
	fi
	T=$(mktemp -d "${TMPDIR:-/tmp}/shenyue-$1.XXXXXX") || {
		echo "Bail out! mktemp -d failed"
		exit 1
	}
	trap 'rm -rf "$T"' EXIT
	trap 'exit 1' HUP INT TERM
	cd "$T" || exit 1
}

point() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		echo "# last command: $last_cmd"
		echo "# exit status: $rc"
		if [ -s "$T/err" ]; then
			sed -n '1,8s/^/#   stderr: /p' "$T/err"
		fi
		if [ -s "$T/diag" ]; then
			sed -n '1,20s/^/#   /p' "$T/diag"
		fi
	fi
	: >"$T/diag"
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

run() {
	last_cmd="shenyue $*"
	"$SHENYUE" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	if grep -q -e 'Sanitizer' -e 'runtime error:' "$T/err"; then
		rc=99
	fi
}

t_rc() { [ "$rc" -eq "$1" ]; }
t_err() { grep -q -i -e "$1" "$T/err"; }
t_err_fixed() { grep -q -F -e "$1" "$T/err"; }
t_out() { grep -q -e "$1" "$T/out"; }
t_out_fixed() { grep -q -F -e "$1" "$T/out"; }

cli_end() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
