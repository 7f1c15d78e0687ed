#!/bin/sh
# po.sh - the catalogues are complete and in step with the sources: every
# message of each po/LL.po (po/LINGUAS) is translated and none is fuzzy;
# po/shenyue.pot holds exactly the messages xgettext finds today in the
# sources of po/POTFILES.in (with po/Makevars' options); each LL.po has
# every one of them; no source of cli/, tui/ and the core layers with
# messages is missing from POTFILES.in.  When this fails after a change
# of messages: `make update-po`, then translate what it marks.
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
. "$top_srcdir/tests/tap_lib.sh"
. "$top_srcdir/tests/i18n_lib.sh"
tap_tmpdir po
po=$top_srcdir/po
for t in msgfmt msgattrib msgcmp xgettext; do
	command -v $t >/dev/null 2>&1 ||
		{ echo "Bail out! $t not found: install gettext"; exit 1; }
done

langs=$(sed 's/#.*//' "$po/LINGUAS")
[ -n "$langs" ]
point $? "po/LINGUAS names the catalogues ($(echo $langs))"
for l in $langs; do
	msgfmt -c --statistics -o /dev/null "$po/$l.po" >"$T/stat" 2>&1
	point $? "po/$l.po compiles (msgfmt -c: formats match)"
	cat "$T/stat" | diag
	! grep -q -e 'fuzzy\|untranslated' "$T/stat"
	point $? "po/$l.po: no message fuzzy or untranslated (msgfmt --statistics)"
	msgattrib --untranslated --no-obsolete "$po/$l.po" >"$T/untr" 2>&1
	c=$(grep -c '^msgid ' "$T/untr")
	# the header alone (msgid "") when every message is translated
	[ "$c" -le 1 ]
	point $? "po/$l.po: msgattrib --untranslated finds nothing ($((c > 0 ? c - 1 : 0)) found)"
	[ "$c" -le 1 ] || grep -A1 '^msgid ' "$T/untr" | head -n 20 | diag
	msgattrib --only-fuzzy --no-obsolete "$po/$l.po" >"$T/fuzzy" 2>&1
	! grep -q '^msgid ' "$T/fuzzy"
	point $? "po/$l.po: msgattrib --only-fuzzy finds nothing"
	grep -q '^"Plural-Forms: ' "$po/$l.po"
	point $? "po/$l.po declares its Plural-Forms"
done
grep -q '^"Plural-Forms: nplurals=1; plural=0;' "$po/zh_CN.po"
point $? "po/zh_CN.po: Plural-Forms nplurals=1; plural=0;"

# the catalogue template made anew from the sources, as po/Makefile does
opts=$(sed -n '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' "$po/Makevars" |
	sed 's/^XGETTEXT_OPTIONS *=//; s/\\$//' | tr '\n\t' '  ')
[ -n "$opts" ]
point $? "po/Makevars gives XGETTEXT_OPTIONS"
sed 's/#.*//; /^[[:space:]]*$/d' "$po/POTFILES.in" >"$T/files"
# shellcheck disable=SC2086 # the options are words
(cd "$top_srcdir" && xgettext $opts --package-name=shenyue -D . -f "$T/files" \
	-o "$T/new.pot") 2>"$T/err"
point $? "xgettext reads the sources of po/POTFILES.in"
msgcmp --use-untranslated "$T/new.pot" "$po/shenyue.pot" >"$T/cmp1" 2>&1
point $? "po/shenyue.pot has no message the sources lost (else: make update-po)"
diag <"$T/cmp1"
msgcmp --use-untranslated "$po/shenyue.pot" "$T/new.pot" >"$T/cmp2" 2>&1
point $? "po/shenyue.pot has every message of the sources (else: make update-po)"
diag <"$T/cmp2"
for l in $langs; do
	msgcmp "$po/$l.po" "$T/new.pot" >"$T/cmp3" 2>&1
	point $? "po/$l.po translates every message of the sources"
	head -n 20 "$T/cmp3" | diag
done

# every source with messages is listed: xgettext over all of them
(cd "$top_srcdir" && ls cli/*.[ch] tui/*.[ch] core/base/*.[ch] core/model/*.[ch] \
	core/format/*.[ch] core/merge/*.[ch] core/config/*.[ch] core/session/*.[ch] \
	core/compare/*.[ch]) >"$T/all"
# shellcheck disable=SC2086
(cd "$top_srcdir" && xgettext $opts -D . -f "$T/all" -o "$T/all.pot") 2>"$T/err"
sed -n 's/^#: //p' "$T/all.pot" | tr ' ' '\n' | sed 's/:[0-9]*$//' | sort -u >"$T/with"
[ -s "$T/with" ]
point $? "the sources with messages found ($(wc -l <"$T/with"))"
sort -u "$T/files" >"$T/listed"
comm -23 "$T/with" "$T/listed" >"$T/missing"
[ ! -s "$T/missing" ]
point $? "po/POTFILES.in lists every source with messages"
diag <"$T/missing"
tap_end
