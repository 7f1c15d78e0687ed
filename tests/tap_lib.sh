# tests/tap_lib.sh - the TAP points every test script prints, and what
# every one of them sets up first; sourced by tests/cli_lib.sh and
# tests/tui_lib.sh (and so by every test script that sources those), or
# directly as `. "$top_srcdir/tests/tap_lib.sh"`.
#
#   tap_paths        top_srcdir and SHENYUE (default: the program in
#                    top_srcdir) made absolute; PYTHON3 found when empty;
#                    have_py 1 when $PYTHON3 has PyYAML.  Done on sourcing.
#   tap_program      Bail out unless SHENYUE is the built program
#   need_pyyaml [WHAT]  PY (and PYTHON3) a python3 with PyYAML; without one
#                    the test fails once, clearly (Bail out): the checks
#                    that read YAML cannot count what they check, and CI
#                    has python3-yaml
#   tap_need FILE... Bail out unless every FILE is readable
#   tap_tmpdir NAME  a fresh folder $T, removed at exit
#                    (TAP_KEEP set: kept and named); a function tap_at_exit,
#                    if the test defines one, runs at exit first
#   point STATUS DESCRIPTION
#                    one test point (STATUS 0: ok).  On failure it shows
#                    what there is to show: the last command ($last_cmd),
#                    its exit status ($rc) and stderr ($T/err) when
#                    last_cmd is set; the file named by $TUI_SHOW (a
#                    screen); $T/diag (emptied after every point)
#   skip DESCRIPTION WHY   (only for what the machine lacks, not for a
#                    check that could not count)
#   diag             stdin as TAP diagnostics ("#   " lines)
#   tap_end          the plan; the exit status (1 when a point failed)
#   sanitized FILE   rc=99 when FILE (a stderr) holds a sanitizer report,
#                    so that a crash cannot pass for an expected exit 1

# sourced once (cli_lib.sh and tui_lib.sh both source it)
[ -z "${tap_lib_loaded:-}" ] || return 0
tap_lib_loaded=1
n=0
failed=0
rc=0
last_cmd=
T=
TUI_SHOW=

tap_paths() {
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
}
tap_paths

tap_program() {
	if [ ! -x "$SHENYUE" ]; then
		echo "Bail out! SHENYUE is not the built program (got '$SHENYUE')"
		exit 1
	fi
}

need_pyyaml() {
	PY=
	for np_p in "${PYTHON3:-}" python3; do
		if [ -n "$np_p" ] && "$np_p" -c 'import yaml, unicodedata' >/dev/null 2>&1; then
			PY=$np_p
			break
		fi
	done
	if [ -z "$PY" ]; then
		echo "Bail out! no python3 with PyYAML (PYTHON3='${PYTHON3:-}'): ${1:-the YAML checks} cannot count; install python3-yaml"
		exit 1
	fi
	PYTHON3=$PY
	have_py=1
}

tap_need() {
	for tn_f in "$@"; do
		if [ ! -r "$tn_f" ]; then
			echo "Bail out! missing: $tn_f"
			exit 1
		fi
	done
}

tap_tmpdir() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/shenyue-$1.XXXXXX") || {
		echo "Bail out! mktemp -d failed"
		exit 1
	}
	trap tap_cleanup EXIT
	trap 'exit 1' HUP INT TERM
}

tap_cleanup() {
	if command -v tap_at_exit >/dev/null 2>&1; then
		tap_at_exit
	fi
	[ -n "$T" ] || return 0
	cd / || true
	if [ -n "${TAP_KEEP:-}" ]; then
		echo "# kept $T" >&2
	else
		rm -rf "$T"
	fi
}

point() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		if [ -n "$last_cmd" ]; then
			echo "# last command: $last_cmd"
			echo "# exit status: $rc"
			if [ -s "$T/err" ]; then
				sed -n '1,8s/^/#   stderr: /p' "$T/err"
			fi
		fi
		if [ -n "$TUI_SHOW" ] && [ -s "$TUI_SHOW" ]; then
			echo "#   the screen was:"
			sed 's/^/#   | /' "$TUI_SHOW"
		fi
		if [ -n "$T" ] && [ -s "$T/diag" ]; then
			sed -n '1,20s/^/#   /p' "$T/diag"
		fi
	fi
	if [ -n "$T" ] && [ -s "$T/diag" ]; then
		: >"$T/diag"
	fi
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

diag() { sed 's/^/#   /'; }

tap_end() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}

sanitized() {
	if grep -q -e 'Sanitizer' -e 'runtime error:' "$1"; then
		rc=99
	fi
}
