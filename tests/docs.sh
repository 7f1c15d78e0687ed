#!/bin/sh
# docs.sh - the manual page and the README list every action of the review
# screen with its default keys, as `shenyue review --help` (generated from
# tui/actions.h) gives them; and every subcommand's usage.
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
: "${SHENYUE:=$top_srcdir/shenyue}"
. "$top_srcdir/tests/tap_lib.sh"
man=$top_srcdir/doc/shenyue.1
readme=$top_srcdir/README.md
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
done >keys.$$
while IFS='|' read -r k a; do
	# the manual escapes - as \-
	ma=$(printf '%s' "$a" | sed 's/-/\\\\-/g')
	mk=$(printf '%s' "$k" | sed 's/\\/\\\\\\\\/g; s/-/\\\\-/g')
	grep -q -e "^\.RB ( $ma )\$" "$man"
	point $? "manual: action $a"
	grep -q -F -e "\"$(printf '%s' "$k" | sed 's/-/\\-/g')\"" "$man" ||
		grep -q -F -e "\"\\&$(printf '%s' "$k" | sed 's/-/\\-/g')\"" "$man"
	point $? "manual: keys '$k' of $a"
	grep -q -E -e "^    $(printf '%s' "$k" | sed 's/[][\\.^$*+?(){}|]/\\&/g') +$a " "$readme"
	point $? "README: '$k' $a"
done <keys.$$
rm -f keys.$$
for cmd in extract review status export merge eval agree; do
	grep -q -e "^\.B shenyue $cmd\|^\.B $cmd\$\|^\.B $cmd " "$man" || grep -q -e "^\.BI $cmd " "$man"
	point $? "manual: command $cmd"
	grep -q -e "^    shenyue $cmd " "$readme"
	point $? "README: usage of $cmd"
done
# every option of review --help is in the README's review options and in
# the manual, and the README says how the lock works
printf '%s\n' "$help" | sed -n 's/^  \(--[a-z-]*\).*/\1/p' >opts.$$
[ -s opts.$$ ]
point $? "the help lists options"
while read -r o; do
	grep -q -e "^      $o " "$readme"
	point $? "README: review option $o"
	grep -q -F -e "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$man"
	point $? "manual: option $o"
done <opts.$$
rm -f opts.$$
grep -q -F 'NAME.yaml.lock' "$readme" && grep -q -F -e '--break-lock' "$readme" &&
	grep -q -F -e '--read-only' "$readme"
point $? "README: the lock, --read-only and --break-lock are explained"
tap_end
