#!/bin/sh
# docs.sh - the documentation keeps in step with the program and with
# itself:
#  - the manual page, README.md and README.zh_CN.md list every action of
#    the review screen with its default keys, as `shenyue review --help`
#    (generated from tui/actions.h) gives them, and every review option;
#  - every command of cli/commands.h (the program's own list) has an
#    entry in the manual page, a usage line and a section in both READMEs,
#    each of its long options in the manual and both READMEs, and bash
#    completion of its name and its options (its `--help` and `help CMD`
#    are tests/system.sh's, its zsh completion tests/zsh.sh's, both for
#    the same list);
#  - README.zh_CN.md keeps in step with README.md: the same headings at
#    each level in the same order, every line of README.md's code blocks
#    (commands, examples, options, keys, settings, the theme format; up to
#    its comment), every inline code span (options, keys, config and
#    theme keys, files, values), every theme role; each README links to
#    the other at its top.
set -u
# the program's English texts (gettext leaves the C locale untranslated)
LC_ALL=C
export LC_ALL
: "${top_srcdir:=$(dirname "$0")/..}"
: "${SHENYUE:=$top_srcdir/shenyue}"
. "$top_srcdir/tests/tap_lib.sh"
tap_program
tap_tmpdir docs
man=$top_srcdir/doc/shenyue.1
readme=$top_srcdir/README.md
zh=$top_srcdir/README.zh_CN.md
tap_need "$man" "$readme" "$zh" "$top_srcdir/cli/commands.h" "$top_srcdir/completion/shenyue"
help=$("$SHENYUE" review --help)
point $? "shenyue review --help"
# the key lines: two spaces, keys, action name, help
keys=$(printf '%s\n' "$help" | sed -n '/^Keys (defaults/,$p' | sed 1d)
[ -n "$keys" ]
point $? "the help lists keys"
printf '%s\n' "$keys" | while IFS= read -r line; do
	k=$(printf '%s' "$line" | cut -c3-15 | sed 's/ *$//')
	a=$(printf '%s' "$line" | cut -c16-29 | sed 's/ *$//')
	echo "$k|$a"
done >"$T/keys"
while IFS='|' read -r k a; do
	# the manual escapes - as \-
	ma=$(printf '%s' "$a" | sed 's/-/\\\\-/g')
	grep -q -e "^\.RB ( $ma )\$" "$man"
	point $? "manual: action $a"
	grep -q -F -e "\"$(printf '%s' "$k" | sed 's/-/\\-/g')\"" "$man" ||
		grep -q -F -e "\"\\&$(printf '%s' "$k" | sed 's/-/\\-/g')\"" "$man"
	point $? "manual: keys '$k' of $a"
	re="^    $(printf '%s' "$k" | sed 's/[][\\.^$*+?(){}|]/\\&/g') +$a "
	grep -q -E -e "$re" "$readme"
	point $? "README: '$k' $a"
	grep -q -E -e "$re" "$zh"
	point $? "README.zh_CN: '$k' $a"
done <"$T/keys"

# ------------------------------------------------------------ commands
# the commands as commands.h declares them: _(name, summary)
COMMANDS=$(sed -n 's/^[[:space:]]*_(\([a-z][a-z-]*\),.*/\1/p' "$top_srcdir/cli/commands.h")
[ -n "$COMMANDS" ] &&
	[ "$(printf '%s\n' $COMMANDS help)" = "$("$SHENYUE" --complete commands)" ]
point $? "commands.h declares the commands the program has: $(echo $COMMANDS)"
# bash_complete WORD...: what the bash completion offers for the last word
bash_complete() {
	bash -c 'source "$1"; shift; COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _shenyue
		printf "%s\n" "${COMPREPLY[@]}"' x "$top_srcdir/completion/shenyue" \
		"$SHENYUE" "$@" | sort | tr '\n' ' ' | sed 's/ $//'
}
offered=" $(bash_complete "") "
for cmd in $COMMANDS; do
	grep -q -e "^\.B shenyue $cmd\|^\.B $cmd\$\|^\.B $cmd " "$man" || grep -q -e "^\.BI $cmd " "$man"
	point $? "manual: command $cmd"
	grep -q -e "^    shenyue $cmd " "$readme" && grep -q -x "### shenyue $cmd" "$readme"
	point $? "README: usage and section of $cmd"
	grep -q -e "^    shenyue $cmd " "$zh" && grep -q -x "### shenyue $cmd" "$zh"
	point $? "README.zh_CN: usage and section of $cmd"
	"$SHENYUE" --complete options "$cmd" | cut -f1 | grep -e '^--' | sort -u >"$T/opts"
	for o in $(cat "$T/opts"); do
		grep -q -F -e "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$man" &&
			grep -q -F -e "$o" "$readme" && grep -q -F -e "$o" "$zh"
		point $? "$cmd $o: in the manual and both READMEs"
	done
	case $offered in *" $cmd "*) r=0 ;; *) r=1 ;; esac
	point $r "bash completion: 'shenyue <Tab>' offers $cmd"
	got=$(bash_complete "$cmd" --)
	[ -s "$T/opts" ] && [ "$got" = "$(tr '\n' ' ' <"$T/opts" | sed 's/ $//')" ]
	point $? "bash completion: 'shenyue $cmd --<Tab>' offers its options ($got)"
done

# every option of review --help is in the README's review options and in
# the manual, and the README says how the lock works
printf '%s\n' "$help" | sed -n 's/^  \(--[a-z-]*\).*/\1/p' >"$T/ropts"
[ -s "$T/ropts" ]
point $? "the help lists options"
while read -r o; do
	grep -q -e "^      $o " "$readme"
	point $? "README: review option $o"
	grep -q -e "^      $o " "$zh"
	point $? "README.zh_CN: review option $o"
	grep -q -F -e "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$man"
	point $? "manual: option $o"
done <"$T/ropts"
grep -q -F 'NAME.yaml.lock' "$readme" && grep -q -F -e '--break-lock' "$readme" &&
	grep -q -F -e '--read-only' "$readme"
point $? "README: the lock, --read-only and --break-lock are explained"

# ------------------------------------------------------------ README.zh_CN.md
head -n 5 "$readme" | grep -q -F '(README.zh_CN.md)' &&
	head -n 5 "$zh" | grep -q -F '(README.md)'
point $? "each README links to the other at its top"
# headings: the level of each, in order (no fenced code in the READMEs)
headings() { sed -n 's/^\(#\{1,6\}\) .*/\1/p' "$1" | tr '\n' ' '; }
he=$(headings "$readme")
hz=$(headings "$zh")
for lvl in '#' '##' '###' '####'; do
	ne=$(printf '%s\n' $he | grep -c -x -F -e "$lvl")
	nz=$(printf '%s\n' $hz | grep -c -x -F -e "$lvl")
	[ "$ne" -gt 0 ] || [ "$lvl" = '####' ] || ne=-1   # cannot count: fail
	[ "$ne" -eq "$nz" ]
	point $? "README.zh_CN: $nz headings of level ${#lvl} (README.md: $ne)"
done
[ -n "$he" ] && [ "$he" = "$hz" ]
point $? "README.zh_CN: the headings' levels in the same order"
# code lines: indented by 4 (up to 11) blanks; what comes before two
# blanks (a comment, a key's help, an option's text) must begin a line of
# README.zh_CN.md; continuation lines (12 blanks or more) and comment
# lines are prose
awk 'match($0, /^ +/) && RLENGTH >= 4 && RLENGTH < 12 {
	rest = substr($0, RLENGTH + 1)
	if ((i = index(rest, "  ")) > 0)
		rest = substr(rest, 1, i - 1)
	sub(/ +$/, "", rest)
	if (rest != "" && rest !~ /^#/)
		print substr($0, 1, RLENGTH) rest
}' "$readme" | sort -u >"$T/code"
[ "$(wc -l <"$T/code")" -gt 50 ]
point $? "README.md: code lines to compare ($(wc -l <"$T/code" | tr -d ' '))"
: >"$T/diag"
while IFS= read -r c; do
	grep -q -F -x -e "$c" "$zh" || grep -q -F -e "$c " "$zh" ||
		echo "missing code line: '$c'" >>"$T/diag"
done <"$T/code"
[ ! -s "$T/diag" ]
point $? "README.zh_CN: every code line of README.md (commands, examples, options, keys, settings)"
# inline code spans, over line breaks
spans() { tr '\n' ' ' <"$1" | grep -o '`[^`]*`' | sed 's/  */ /g' | sort -u; }
spans "$readme" >"$T/spans.en"
spans "$zh" >"$T/spans.zh"
comm -23 "$T/spans.en" "$T/spans.zh" | sed 's/^/missing inline code: /' >"$T/diag"
[ "$(wc -l <"$T/spans.en")" -gt 100 ] && [ ! -s "$T/diag" ]
point $? "README.zh_CN: every inline code of README.md ($(wc -l <"$T/spans.en" | tr -d ' '))"
# the roles of a theme file (named in prose)
roles=$(sed -n 's/^\([a-z][a-z-]*\) .*/\1/p' "$top_srcdir/themes/dark.theme" | sort -u)
[ -n "$roles" ]
point $? "themes/dark.theme names its roles"
for r in $roles; do
	sed -n '/^## Themes/,$p' "$readme" | grep -q -w -e "$r" &&
		sed -n '/^## 主题/,$p' "$zh" | grep -q -w -e "$r"
	point $? "both READMEs' themes section: role $r"
done
tap_end
