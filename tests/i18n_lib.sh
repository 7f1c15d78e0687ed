# tests/i18n_lib.sh - what the tests of the translations share (po.sh,
# i18n_cli.sh, i18n_tui.sh); sourced after tap_lib.sh (and tap_tmpdir).
#
#   i18n_catalogues  the catalogues of po/LINGUAS compiled with msgfmt into
#                    $T/locale/LL/LC_MESSAGES/shenyue.mo and
#                    SHENYUE_LOCALEDIR exported pointing there: the program
#                    speaks them before `make install` (cli/main.c).  Bail
#                    out without msgfmt (gettext) or when one does not
#                    compile.  Built with configure --disable-nls
#                    (SHENYUE_NLS=no): the whole test is skipped, there is
#                    no translation to check.
#   i18n_zh          LANG=zh_CN.UTF-8 (LC_ALL, LANGUAGE unset) exported,
#                    after checking that the system has the locale: without
#                    it the test FAILS (Bail out) with how to generate it
#                    (the Chinese screen cannot be checked, so it is not ok)

i18n_catalogues() {
	# configure --disable-nls (Makefile.am's SHENYUE_NLS): English only
	if [ "${SHENYUE_NLS:-yes}" = no ]; then
		echo "1..0 # SKIP built with --disable-nls: no translations"
		exit 0
	fi
	if ! command -v msgfmt >/dev/null 2>&1; then
		echo "Bail out! msgfmt not found: install gettext (apt-get install gettext)"
		exit 1
	fi
	for il_l in $(sed 's/#.*//' "$top_srcdir/po/LINGUAS"); do
		mkdir -p "$T/locale/$il_l/LC_MESSAGES"
		if ! msgfmt -c -o "$T/locale/$il_l/LC_MESSAGES/shenyue.mo" \
			"$top_srcdir/po/$il_l.po" 2>"$T/msgfmt.err"; then
			echo "Bail out! po/$il_l.po does not compile: $(head -n 3 "$T/msgfmt.err")"
			exit 1
		fi
	done
	SHENYUE_LOCALEDIR=$T/locale
	export SHENYUE_LOCALEDIR
}

i18n_zh() {
	if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
		echo "Bail out! the zh_CN.UTF-8 locale is missing, so the Chinese" \
			"messages cannot be checked: generate it as root with" \
			"'localedef -i zh_CN -f UTF-8 zh_CN.UTF-8' (scripts/setup.sh and" \
			".ci/run do)"
		exit 1
	fi
	unset LC_ALL LANGUAGE LC_MESSAGES LC_CTYPE
	LANG=zh_CN.UTF-8
	export LANG
}
