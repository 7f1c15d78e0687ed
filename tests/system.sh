#!/bin/bash
# system.sh - shenyue behaves as a tool of the system: `--help` and `help`
# for every subcommand (one usage text each), `--version` (version,
# licence, the libraries in use), the bash completion (run in bash with
# the completion loaded, as a user's Tab runs it), and the manual pages
# (rendered by groff without a warning).
set -u
LC_ALL=C
export LC_ALL
n=0 failed=0 rc=0 last_cmd=
. "${top_srcdir:-$(dirname "$0")/..}/tests/cli_lib.sh"
cli_begin system
tmp=$T/t
mkdir "$tmp" || exit 1
# every command cli/commands.h declares: _(name, summary)
COMMANDS=$(sed -n 's/^[[:space:]]*_(\([a-z][a-z-]*\),.*/\1/p' "$top_srcdir/cli/commands.h")
[ -n "$COMMANDS" ]
point $? "commands.h declares commands: $(echo $COMMANDS)"

# ------------------------------------------------------------ --version
"$SHENYUE" --version >"$tmp/version"
point $? "--version exits 0"
[ "$(head -n 1 "$tmp/version")" = "shenyue 0.1.0" ]
point $? "--version: first line 'shenyue 0.1.0'"
grep -q '^License MIT' "$tmp/version" && grep -q 'the shenyue authors' "$tmp/version" &&
	head -n 1 "$top_srcdir/LICENSE" | grep -q '^MIT License$' &&
	grep -q '^Copyright (c) .* the shenyue authors$' "$top_srcdir/LICENSE"
point $? "--version and LICENSE: MIT, the shenyue authors"
for lib in ncursesw libyaml utf8proc; do
	grep -E -q "^  $lib +.*[0-9]+\.[0-9]+" "$tmp/version"
	point $? "--version: the version of $lib in use"
done

# ------------------------------------------------------------ help
"$SHENYUE" --help >"$tmp/overview"
point $? "--help exits 0"
for c in $COMMANDS; do
	"$SHENYUE" "$c" --help >"$tmp/h1" 2>&1
	r1=$?
	"$SHENYUE" help "$c" >"$tmp/h2" 2>&1
	r2=$?
	[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && head -n 1 "$tmp/h1" | grep -q "^usage: shenyue $c " &&
		cmp -s "$tmp/h1" "$tmp/h2"
	point $? "'shenyue $c --help' and 'shenyue help $c': the same usage and help"
	# the overview's usage is the first line of the command's own
	u=$(head -n 1 "$tmp/h1" | sed 's/^usage: //')
	grep -q -F -x "  $u" "$tmp/overview"
	point $? "--help lists the usage of $c from its help text"
	# every long option getopt knows is in the help (so completion offers it)
	sed -n 's/.*{ *"\([a-z][a-z-]*\)", *\(no\|required\|optional\)_argument.*/--\1/p' \
		"$top_srcdir/cli/cmd_$c.c" | sort -u >"$tmp/getopt"
	"$SHENYUE" --complete options "$c" | cut -f1 | grep -- '^--' >"$tmp/complete"
	# known gap, left to the owner of review's help: its --adjudicate line
	# names -o, not --output
	[ "$c" = review ] && echo --output >>"$tmp/complete"
	sort -u -o "$tmp/complete" "$tmp/complete"
	[ -s "$tmp/getopt" ] && cmp -s "$tmp/getopt" "$tmp/complete"
	point $? "$c: the options of its help are those getopt takes ($(tr '\n' ' ' <"$tmp/getopt"))"
done
"$SHENYUE" help no-such-command >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "no command 'no-such-command'" "$tmp/err"
point $? "help of an unknown command: a message, exit status 2"

for a in help --help; do
	"$SHENYUE" help $a >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 0 ] && grep -q "^usage: shenyue help \[COMMAND\]" "$tmp/out" && [ ! -s "$tmp/err" ]
	point $? "shenyue help $a: help explains itself, exit 0"
done

# ------------------------------------------------------------ completion
comp=$top_srcdir/completion/shenyue
mkdir -p "$tmp/work/reports" && : >"$tmp/work/report1.txt" && : >"$tmp/work/reply.yaml"
# complete WORD...: the answers of _shenyue for the last word, sorted, one line
complete_words() {
	(cd "$tmp/work" && bash -c 'source "$1"; shift; COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _shenyue
		printf "%s\n" "${COMPREPLY[@]}"' x "$comp" "$SHENYUE" "$@") |
		sort | tr '\n' ' ' | sed 's/ $//'
}
check() {   # check EXPECTED WORD...
	local want=$1 got
	shift
	got=$(complete_words "$@")
	[ "$got" = "$want" ]
	point $? "completion of 'shenyue $*': '$got'"
}
check "--help --version agree eval export extract help import merge review status" ""
check "eval export extract" e
check "export extract" help ex
check "--adjudicate --break-lock --config --dump --help --no-color --no-mouse --order --read-only --reviewer --script --shared --size --theme --timing" review --
check "--all --help --output --to" export --
check "brat csv jsonl" export --to ""
check "brat csv jsonl" export -t ""
check "brat" export --to = b
check "text yaml" status --format ""
check "text yaml" agree --format ""
check "disagreement document uncertain" review --order ""
check "uncertain" review --order u
check "dark high-contrast light mono" review --theme ""
mkdir -p "$tmp/xdg/shenyue/themes" && cp "$top_srcdir/themes/mono.theme" "$tmp/xdg/shenyue/themes/mine.theme"
XDG_CONFIG_HOME=$tmp/xdg check "mine mono" review --theme m
check "reports" export -o r
check "reply.yaml report1.txt reports" review --config re
check "reply.yaml report1.txt reports" extract re
check "--dry-run" extract --d
check "" merge -N ""

# ------------------------------------------------------------ manual pages
for page in doc/shenyue.1 doc/shenyue-annotations.5 doc/shenyue-config.5; do
	out=$(groff -ww -man -Tutf8 "$top_srcdir/$page" 2>&1 >"$tmp/page")
	[ $? -eq 0 ] && [ -z "$out" ] && [ -s "$tmp/page" ]
	point $? "$page renders without a warning${out:+: $out}"
done

cli_end
