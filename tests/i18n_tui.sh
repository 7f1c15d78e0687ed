#!/bin/sh
# i18n_tui.sh - the Chinese review screen (LANG=zh_CN.UTF-8, the
# catalogue compiled from po/zh_CN.po) in a real terminal (tmux, a server
# of its own), at 80x24 and 160x50: the first screen with its status line
# and header, the help, a form (e: fix), a dialog (t: the tag picker),
# each compared with the expected screen in tests/screens/zh_CN-*.txt; no
# row of any of them is wider than the terminal (display width: a Chinese
# character is two columns).  SHENYUE_SCREENS_UPDATE=1 writes the
# expected screens anew (then check them by eye).
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
. "$top_srcdir/tests/tui_lib.sh"
. "$top_srcdir/tests/i18n_lib.sh"
tui_begin i18n_tui
tui_own
i18n_catalogues
i18n_zh
TM="$TM -u"                 # tmux: UTF-8 whatever it guesses
SCREENS=$top_srcdir/tests/screens
W=$T/work
tui_workdir "$W" 01_liuxi_town_2023.txt
tui_extract "$W/01_liuxi_town_2023.txt"

# width FILE COLS: 0 when no row of FILE is wider than COLS columns
width_ok() {
	"$PY" - "$1" "$2" <<'PYEOF'
import sys, unicodedata
cols = int(sys.argv[2])
bad = 0
for i, line in enumerate(open(sys.argv[1], encoding='utf-8').read().split('\n')):
    w = sum(2 if unicodedata.east_asian_width(c) in 'WF' else
            0 if unicodedata.combining(c) else 1 for c in line)
    if w > cols:
        print('row %d: %d columns: %s' % (i + 1, w, line))
        bad = 1
sys.exit(bad)
PYEOF
}

# screen NAME SIZE DESC: the capture equals tests/screens/zh_CN-NAME-SIZE.txt
# and fits SIZE's columns
screen() {
	tui_cap "$S" >"$T/$1-$2.txt"
	exp=$SCREENS/zh_CN-$1-$2.txt
	if [ -n "${SHENYUE_SCREENS_UPDATE:-}" ]; then
		cp "$T/$1-$2.txt" "$exp"
	fi
	TUI_SHOW=$T/$1-$2.txt
	cmp -s "$exp" "$T/$1-$2.txt"
	point $? "$2: $3 as tests/screens/zh_CN-$1-$2.txt"
	[ -f "$exp" ] && diff "$exp" "$T/$1-$2.txt" | head -n 20 | diag
	width_ok "$T/$1-$2.txt" "${2%x*}" >"$T/diag"
	point $? "$2: $3: no row wider than the terminal"
	TUI_SHOW=
}

# until STRING has left S's screen (a key after Esc must not arrive as
# Esc + key, Alt-key)
unseen() { ! tui_sees "$S" "$1"; }
gone() { tui_wait "$TUI_WAIT" unseen "$1"; }

for size in 80x24 160x50; do
	S=zh$size
	cat >"$T/$S.sh" <<EOS
cd '$W' || exit 1
exec env TERM=xterm-256color LANG=zh_CN.UTF-8 SHENYUE_LOCALEDIR='$SHENYUE_LOCALEDIR' \
	'$SHENYUE' review --no-mouse 01_liuxi_town_2023.txt 2>'$T/$S.err'
EOS
	tui_new "$S" "${size%x*}" "${size#*x}" "sh '$T/$S.sh'"
	tui_wait_sees "$S" "尚无决定"
	point $? "$size: the Chinese screen opens (its status line says 尚无决定)"
	screen open "$size" "the first screen: header, panes, status line"
	grep -q ' 文件 1/1 | 已审核 0/' "$T/open-$size.txt" &&
		grep -q '? 帮助' "$T/open-$size.txt"
	point $? "$size: the status line in Chinese, its end (? 帮助) in view"

	tui_keys "$S" '?'
	tui_wait_sees "$S" "shenyue review：按键"
	point $? "$size: the help opens"
	screen help "$size" "the help"
	tui_keys "$S" q
	gone "shenyue review：按键"
	point $? "$size: any other key closes the help"

	tui_keys "$S" j e
	tui_wait_sees "$S" "Tab/下 下一项"
	point $? "$size: the form (e) opens"
	screen form "$size" "a form (fix)"
	tui_keys "$S" Escape
	gone "Tab/下 下一项"
	point $? "$size: Esc closes the form"

	tui_keys "$S" t
	tui_wait_sees "$S" "按键或 Enter：选择"
	point $? "$size: the tag picker (t) opens"
	screen tag "$size" "a dialog (the tag picker)"
	tui_keys "$S" Escape
	gone "按键或 Enter：选择"
	point $? "$size: Esc closes the tag picker"

	tui_keys "$S" a
	tui_wait_sees "$S" "上一步：已接受"
	point $? "$size: a decision: the status line says 上一步：已接受"
	tui_keys "$S" u
	tui_wait_sees "$S" "上一步：撤销"
	point $? "$size: undo: 上一步：撤销"
	tui_keys "$S" t
	tui_wait_sees "$S" "按键或 Enter：选择"
	tui_keys "$S" 1
	tui_wait_sees "$S" "#边界情况" && tui_sees "$S" "上一步：已为 s"
	point $? "$size: a tag: the status line says so, the item shows its label translated"
	tui_keys "$S" u
	tui_wait_sees "$S" "上一步：撤销"
	tui_keys "$S" q
	tui_wait_closed "$S"
	point $? "$size: q quits"
done
tui_end
