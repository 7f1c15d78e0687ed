#!/bin/sh
# layers.sh - the source tree keeps its layers (scripts/layers.py): a
# folder of core/ includes only its own and lower folders, core/ never
# includes tui/, cli/ or curses, only tui/display.c includes curses, and
# no source file in core/, tui/ or cli/ is longer than 900 lines.  Then the
# check itself is shown to catch a lower layer including a higher one.
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
: "${PYTHON3:=python3}"
# the longest a source file may be (issue 11: 900), once every file keeps it
SY_LAYERS_MAX=${SY_LAYERS_MAX---max-lines 900 --schema}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$PYTHON3" "$top_srcdir/scripts/layers.py" $SY_LAYERS_MAX "$top_srcdir" >"$tmp/out"
rc=$?
total=$(grep -c '^\(not \)\?ok ' "$tmp/out")
sed '/^1\.\./d' "$tmp/out"
. "$top_srcdir/tests/tap_lib.sh"
n=$total
[ "$total" -ge 100 ]
point $? "the check read the tree ($total files; at least 100 expected)"
[ "$rc" -eq 0 ]
point $? "layers.py exits 0 on the tree"
# a tree that breaks each rule once: the check must say so
mkdir -p "$tmp/t/core/base" "$tmp/t/core/session" "$tmp/t/tui" "$tmp/t/cli"
printf '#include "session/s.h"\n' >"$tmp/t/core/base/b.c"
printf '/* s */\n' >"$tmp/t/core/session/s.h"
printf '#include <curses.h>\n' >"$tmp/t/core/session/c.c"
printf '#include "cli.h"\n' >"$tmp/t/tui/t.c"
printf '/* cli */\n' >"$tmp/t/cli/cli.h"
"$PYTHON3" "$top_srcdir/scripts/layers.py" "$tmp/t" >"$tmp/bad"
[ $? -eq 1 ]
point $? "a tree that breaks the layers fails the check"
grep -q 'not ok .* core/base/b.c: includes "session/s.h"' "$tmp/bad"
point $? "core/base including core/session is named"
grep -q 'not ok .* core/session/c.c: includes curses' "$tmp/bad"
point $? "curses in core/ is named"
grep -q 'not ok .* tui/t.c: includes "cli.h"' "$tmp/bad"
point $? "tui/ including cli/ is named"
tap_end
