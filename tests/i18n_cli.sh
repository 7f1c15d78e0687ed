#!/bin/sh
# i18n_cli.sh - under LANG=zh_CN.UTF-8 the command line speaks Chinese
# (the catalogue compiled from po/zh_CN.po, through SHENYUE_LOCALEDIR):
# the usage, a usage error, a summary with a count (ngettext), status's
# table, an error of the core; English stays the default; data (YAML
# keys, statuses in files, command and option names) stays as it is.
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
. "$top_srcdir/tests/tap_lib.sh"
. "$top_srcdir/tests/i18n_lib.sh"
tap_program
tap_tmpdir i18n_cli
i18n_catalogues
i18n_zh
cp "$top_srcdir/samples/01_liuxi_town_2023.txt" "$T/r.txt"
cd "$T" || exit 1

"$SHENYUE" >out 2>err
rc=$?
[ $rc -eq 2 ] && grep -q '^用法：shenyue 命令 \[选项\] \[参数\]$' err &&
	grep -q '^      在屏幕上审核条目：接受、修改、驳回、标注、新增$' err
point $? "no arguments: the usage in Chinese (exit status $rc)"
grep -q '^  shenyue review ' err && grep -q '^  shenyue --help | --version$' err
point $? "the usage keeps the command and option names"

"$SHENYUE" bogus >out 2>err
rc=$?
[ $rc -eq 2 ] && grep -q '^shenyue: 未知命令“bogus”$' err
point $? "an unknown command: a usage error in Chinese (exit status $rc)"

"$SHENYUE" extract >out 2>err
rc=$?
[ $rc -eq 2 ] && grep -q '^shenyue: extract：未指定报告$' err
point $? "extract without a report: the usage error in Chinese"

"$SHENYUE" extract --dry-run r.txt >out 2>err
rc=$?
[ $rc -eq 0 ] && grep -q '^r\.txt：[0-9][0-9]* 个章节，[0-9][0-9]* 条统计数据$' out
point $? "extract --dry-run: the summary with counts in Chinese"
cat out err | diag

"$SHENYUE" extract r.txt >out 2>err
point $? "extract writes r.yaml"
head -n 1 r.yaml | grep -q '^format: shenyue-annotations/1$' &&
	grep -q '^  status: pending$' r.yaml
point $? "the annotation file is data: its keys and statuses stay in English"

"$SHENYUE" status r.yaml >out 2>err
rc=$?
[ $rc -eq 0 ] && grep -q '^文件 ' out && grep -q '待审核' out && grep -q '已接受' out &&
	grep -q '合计：1 个文件，0 个已完成' out
point $? "status: the table's heads and the total (one file: the plural form) in Chinese"
cat out | diag

"$SHENYUE" status --format yaml r.yaml >out 2>err
grep -q 'pending' out && ! grep -q '待审核' out
point $? "status --format yaml stays data (English keys)"

printf 'format: shenyue-annotations/1\nsource: [\n' >bad.yaml
"$SHENYUE" status bad.yaml >out 2>err
grep -q '无法读取' out err
point $? "an unreadable file: the message in Chinese"
cat out err | diag

"$SHENYUE" help merge >out 2>err
rc=$?
[ $rc -eq 0 ] && grep -q '^用法：shenyue merge \[-o OUT|-\]' out &&
	grep -q '^  -q, --quiet       不在标准错误上输出摘要$' out
point $? "help merge: the help in Chinese, the options as they are"
# the calibration table's columns line up by display width (Chinese heads
# take two columns a character)
"$SHENYUE" eval --calibration r.yaml r.yaml >out 2>err &&
	grep -q '^得分' out && "$PYTHON3" - out <<'EOF'
import sys, unicodedata
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")][1:]
assert len(rows) == 7, rows
assert len({cols(r) for r in rows}) == 1, [cols(r) for r in rows]
EOF
point $? "eval --calibration: the table's columns line up in Chinese"
cat out err | diag

# every command's help in Chinese (a help left out of the catalogue shows)
i18n_bad=
for i18n_c in $("$SHENYUE" --complete commands); do
	[ "$i18n_c" = help ] && continue
	"$SHENYUE" "$i18n_c" --help 2>&1 | head -n 1 | grep -q '^用法：' ||
		i18n_bad="$i18n_bad $i18n_c"
done
[ -z "$i18n_bad" ] && [ -n "$("$SHENYUE" --complete commands)" ]
point $? "every command's --help is in Chinese${i18n_bad:+ (not:$i18n_bad)}"

"$SHENYUE" review --help >out 2>err
grep -q '^  a            accept        接受当前条目$' out
point $? "review --help: the keys' help in Chinese, the keys and actions as they are"
"$SHENYUE" --complete options merge >out 2>err
LANG=C.UTF-8 "$SHENYUE" --complete options merge >out.c 2>&1
cmp -s out out.c && grep -q '^--quiet' out
point $? "the shell completion reads the options from the English help in any language"

LANG=C.UTF-8 "$SHENYUE" bogus >out 2>err
grep -q "^shenyue: unknown command 'bogus'$" err
point $? "LANG=C.UTF-8: English, the default"

unset SHENYUE_LOCALEDIR
tap_end
