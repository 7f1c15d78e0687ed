#!/bin/sh
# zsh.sh - the zsh completion (completion/_shenyue) as a user's Tab runs
# it: an interactive zsh on a pseudo-terminal with compinit (driven by
# tests/zsh_complete.zsh), for the subcommands, every option of every
# command of cli/commands.h, the themes, the formats, folders and files.
# Without zsh the test fails, saying so (CI and scripts/setup.sh install
# it).
set -u
# the program's English texts (gettext leaves the C locale untranslated)
LC_ALL=C
export LC_ALL
. "${top_srcdir:-$(dirname "$0")/..}/tests/cli_lib.sh"
if ! command -v zsh >/dev/null 2>&1; then
	echo "Bail out! zsh is not installed: the zsh completion cannot be checked (apt-get install zsh; scripts/setup.sh does)"
	exit 1
fi
cli_begin zsh
tap_need "$top_srcdir/completion/_shenyue" "$top_srcdir/tests/zsh_complete.zsh" \
	"$top_srcdir/cli/commands.h"
# `shenyue` on the PATH is the program under test
mkdir -p bin work/reports xdg/shenyue/themes && ln -s "$SHENYUE" bin/shenyue &&
	: >work/report1.txt && : >work/reply.yaml &&
	cp "$top_srcdir/themes/mono.theme" xdg/shenyue/themes/mine.theme || exit 1
# the commands as commands.h declares them: _(name, summary)
COMMANDS=$(sed -n 's/^[[:space:]]*_(\([a-z][a-z-]*\),.*/\1/p' "$top_srcdir/cli/commands.h")
[ -n "$COMMANDS" ]
point $? "commands.h declares commands: $(echo $COMMANDS)"

# each check: the line typed, then what Tab must offer (sorted)
: >lines
: >want
check() {   # check EXPECTED LINE
	printf '%s\n' "$1" >>want
	printf '%s\n' "$2" >>lines
}
all=$(printf '%s\n' $COMMANDS help | sort | tr '\n' ' ' | sed 's/ $//')
check "$all" "shenyue "
check "eval export extract" "shenyue e"
check "export extract" "shenyue help ex"
check "--help --version" "shenyue -"
check "--theme" "shenyue review --th"
check "dark high-contrast light mine mono" "shenyue review --theme "
check "mine mono" "shenyue review --theme m"
check "mono" "shenyue review --theme=mo"
check "brat csv jsonl" "shenyue export --to "
check "brat" "shenyue export --to=b"
check "brat csv jsonl" "shenyue export -t "
check "text yaml" "shenyue status --format "
check "text yaml" "shenyue agree --format "
check "disagreement document uncertain" "shenyue review --order "
check "uncertain" "shenyue review --order=u"
check "reports" "shenyue export -o r"
check "reply.yaml report1.txt reports" "shenyue review --config re"
check "reply.yaml report1.txt reports" "shenyue extract re"
check "--dry-run" "shenyue extract --d"
check "" "shenyue merge -N "
# every command: its long options, as the program gives them
for c in $COMMANDS; do
	check "$("$SHENYUE" --complete options "$c" | cut -f1 | grep -- '^--' | sort -u |
		tr '\n' ' ' | sed 's/ $//')" "shenyue $c --"
done

# one zsh answers every line
set --
while IFS= read -r l; do
	set -- "$@" "$l"
done <lines
last_cmd="zsh -f tests/zsh_complete.zsh"
(cd work && PATH=$T/bin:$PATH XDG_CONFIG_HOME=$T/xdg \
	zsh -f "$top_srcdir/tests/zsh_complete.zsh" "$top_srcdir/completion" "$T/got" "$@") 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && [ "$(wc -l <got)" -eq "$(wc -l <lines)" ]
point $? "zsh answered every line ($(wc -l <lines | tr -d ' '))"
last_cmd=
i=0
while IFS= read -r l; do
	i=$((i + 1))
	w=$(sed -n "${i}p" want)
	g=$(sed -n "${i}p" got)
	[ "$g" = "$w" ]
	point $? "zsh: '$l<Tab>' offers '$g'$( [ "$g" = "$w" ] || echo " (want '$w')")"
done <lines
cli_end
