# tests/cli_lib.sh - what the TAP tests of the command line share; sourced
# by cli.sh, status_export.sh, merge.sh, eval_agree.sh and others.  The
# points, paths and checks come from tests/tap_lib.sh (point, skip, diag,
# need_pyyaml, tap_need, ...; have_py is 1 when $PYTHON3 has PyYAML).
#
#   cli_begin NAME   SHENYUE checked, a fresh folder $T (removed at exit)
#                    made the current one
#   run ARGS...      the program with ARGS, stdin from /dev/null; stdout
#                    in $T/out, stderr in $T/err, exit status in $rc (99
#                    when a sanitizer spoke, so that a crash cannot pass for
#                    an expected exit 1)
#   t_rc N, t_err RE (any case), t_err_fixed S, t_out RE, t_out_fixed S
#                    0 or 1, for point
#   cli_end          the plan; the exit status (1 when a point failed)

. "${top_srcdir:-.}/tests/tap_lib.sh"

cli_begin() {
	tap_program
	tap_tmpdir "$1"
	cd "$T" || exit 1
}

run() {
	last_cmd="shenyue $*"
	"$SHENYUE" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	sanitized "$T/err"
}

t_rc() { [ "$rc" -eq "$1" ]; }
t_err() { grep -q -i -e "$1" "$T/err"; }
t_err_fixed() { grep -q -F -e "$1" "$T/err"; }
t_out() { grep -q -e "$1" "$T/out"; }
t_out_fixed() { grep -q -F -e "$1" "$T/out"; }

cli_end() { tap_end; }
