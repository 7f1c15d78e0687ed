#!/bin/sh
# tests/documents.sh - web pages, Word files, PDF and OFD documents (issue
# 14), made here from the samples by scripts/docgen.py and
# scripts/docgen_pages.py: the text taken from each equals the
# sample's own text but for white space, extraction finds the same
# sections and statistics, the same document always gives the same bytes,
# the document is recorded in the annotation file, and bad input is
# refused with its name, nothing written, exit status 1.
. "${top_srcdir:-.}/tests/cli_lib.sh"
cli_begin documents
GEN="$top_srcdir/scripts/docgen.py"
S="$top_srcdir/samples"

if [ "$have_py" -ne 1 ]; then
	echo "Bail out! python3 with PyYAML is needed to make the documents"
	exit 1
fi

# cmp.py LIST: for each line "text|items A B" of LIST, a line "0" when
# the two agree (text: but for white space; items: the same sections and
# statistics), else "1 why" (one python for all, the machine is shared)
cat >cmp.py <<'PY'
import re, sys, yaml
def text(p):
    raw = open(p, "rb").read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")
def items(p):
    d = yaml.safe_load(open(p, encoding="utf-8"))
    return ([(s["level"], s["marker"], s["title"]) for s in d["sections"]],
            [(s["text"], s["value"], s["unit"], s["approx"], s["value_max"]) for s in d["statistics"]])
def check(mode, a, b):
    if mode == "text":
        na, nb = re.sub(r"\s+", "", text(a)), re.sub(r"\s+", "", text(b))
        if na == nb:
            return "0"
        i = next((i for i in range(min(len(na), len(nb))) if na[i] != nb[i]), min(len(na), len(nb)))
        return "1 expected ...%s... got ...%s..." % (na[max(0, i - 15):i + 25], nb[max(0, i - 15):i + 25])
    ia, ib = items(a), items(b)
    if ia == ib:
        return "0"
    diff = next(((x, y) for x, y in zip(ia[0] + ia[1], ib[0] + ib[1]) if x != y), None)
    return "1 sections %d vs %d, statistics %d vs %d, first difference %s" % (
        len(ia[0]), len(ib[0]), len(ia[1]), len(ib[1]), diff)
for line in open(sys.argv[1], encoding="utf-8"):
    mode, a, b = line.split()
    try:
        print(check(mode, a, b))
    except Exception as e:
        print("1 %s: %s" % (type(e).__name__, e))
PY
# same MODE A B: one comparison, for the checks outside the matrix
same() { echo "$1 $2 $3" >one.list; "$PYTHON3" cmp.py one.list >"$T/diag" 2>&1 && [ "$(cat "$T/diag")" = 0 ]; }
same_text() { same text "$1" "$2"; }
same_items() { same items "$1" "$2"; }

# the samples' own annotation files, to compare with
mkdir -p ref
for r in 01_liuxi_town_2023 04_qinghe_county_2022 05_gb18030; do
	"$SHENYUE" extract -o ref "$S/$r.txt" >/dev/null 2>&1
done

# ---------------------------------------------------------------- HTML
# three portal templates (a: chrome before and after; b: a side menu,
# <br> lines in a layout table; c: a metadata table, related links), in
# UTF-8 and in GBK/GB2312 as declared by <meta>
set --
: >matrix.list
for r in 01_liuxi_town_2023 04_qinghe_county_2022 05_gb18030; do
	for t in a b c; do
		for e in utf-8:utf-8 gb18030:gbk gb18030:gb2312; do
			enc=${e%%:*} meta=${e#*:}
			set -- "$@" "$t" "$enc" "$meta" "$S/$r.txt" "$r-$t-$meta.html"
			echo "text $S/$r.txt $r-$t-$meta.txt" >>matrix.list
			echo "items ref/$r.yaml $r-$t-$meta.yaml" >>matrix.list
		done
	done
done
"$PYTHON3" "$GEN" html "$@"
run extract ./*-*-*.html
point $(t_rc 0; echo $?) "27 pages (3 samples, 3 templates, 3 charsets) extracted"
"$PYTHON3" cmp.py matrix.list >matrix.out 2>&1
i=0
while read -r mode a b; do
	i=$((i + 1))
	res=$(sed -n "${i}p" matrix.out)
	echo "${res#1 }" >"$T/diag"
	case $mode in
	text) point "${res%% *}" "${b%.txt}.html: the text is the sample's" ;;
	*) point "${res%% *}" "${b%.yaml}.html: the same sections and statistics as the sample" ;;
	esac
done <matrix.list
point $([ "$i" -eq 54 ] && [ "$(wc -l <matrix.out)" -eq 54 ]; echo $?) "54 comparisons made"
p=01_liuxi_town_2023-a-utf-8
point $(! grep -q -e '您当前所在位置' -e '扫一扫' -e '网站标识码' -e '浏览次数' \
	-e '统计代码' -e '首页' -e '发布日期' "$p.txt"; echo $?) \
	"template a: no breadcrumb, navigation, metadata row, share line, footer or script"
p=01_liuxi_town_2023-c-gbk
point $(! grep -q -e '索引号' -e '相关链接' -e 'ICP' -e '搜索' "$p.txt"; echo $?) \
	"template c: no metadata table, related links, footer or search form"
# GBK pages read through the two-byte table give the very bytes of their
# UTF-8 twins; so does a GB18030 page with four-byte characters (CJK
# extension A and B, a rare sign) beside two-byte ones
nsame=0
for r in 01_liuxi_town_2023 04_qinghe_county_2022 05_gb18030; do
	for t in a b c; do
		cmp -s "$r-$t-utf-8.txt" "$r-$t-gbk.txt" && nsame=$((nsame + 1))
	done
done
point $([ "$nsame" -eq 9 ]; echo $?) "the 9 GBK pages give the same bytes as their UTF-8 twins ($nsame)"
"$PYTHON3" - <<'PY'
body = ("<p>某县2023年法治政府建设情况报告</p><p>一、主要工作。全年办理案件12件，"
        "调解纠纷30起，其中涉及\u3400\u4db5姓氏的纠纷2起，\U00020000字1处，"
        "\u20ac符号与\ue000私用区字符各1个。</p><p>二、存在问题。人员不足，经费紧张，"
        "宣传不够深入，制度执行还需加强。</p>")
page = "<html><head><meta charset=\"%s\"></head><body><div>" + body + "</div></body></html>\n"
open("four-u.html", "wb").write((page % "utf-8").encode("utf-8"))
open("four-g.html", "wb").write((page % "gb18030").encode("gb18030"))
PY
run extract four-u.html four-g.html
point $(t_rc 0 && cmp four-u.txt four-g.txt >"$T/diag" 2>&1 && grep -q "$(printf '\343\220\200')" four-g.txt; echo $?) \
	"a GB18030 page with four-byte characters: the same bytes as its UTF-8 twin"

# a <meta> that names the wrong charset
"$PYTHON3" "$GEN" html a utf-8 gb2312 "$S/04_qinghe_county_2022.txt" wrong1.html
run extract wrong1.html
point $(t_rc 0 && same_text "$S/04_qinghe_county_2022.txt" wrong1.txt; echo $?) \
	"a UTF-8 page whose <meta> says gb2312 is read as UTF-8"
"$PYTHON3" "$GEN" html c gb18030 utf-8 "$S/04_qinghe_county_2022.txt" wrong2.html
run extract wrong2.html
point $(t_rc 0 && same_text "$S/04_qinghe_county_2022.txt" wrong2.txt; echo $?) \
	"a GBK page whose <meta> says utf-8 is read as GBK"

# Big5, with and without its <meta>
"$PYTHON3" "$GEN" big5 big5.html big5-expected.txt big5
run extract big5.html
point $(t_rc 0 && same_text big5-expected.txt big5.txt; echo $?) "a Big5 page"
"$PYTHON3" "$GEN" big5 big5b.html big5-expected.txt -
run extract big5b.html
point $(t_rc 0 && same_text big5-expected.txt big5b.txt; echo $?) \
	"a Big5 page without <meta>: the charset found from the bytes"

# a report in a <pre>: its line breaks are lines
printf '<html><body><div class="nav"><a href="/">首页</a> <a href="/x">政务公开</a></div><pre>\n某镇2023年法治政府建设情况报告\n\n一、主要工作。全年办理案件12件，调解纠纷30起。\n二、存在问题。人员不足，经费紧张。\n</pre></body></html>\n' >pre.html
printf '某镇2023年法治政府建设情况报告\n一、主要工作。全年办理案件12件，调解纠纷30起。\n二、存在问题。人员不足，经费紧张。\n' >pre-expected.txt
run extract pre.html
point $(t_rc 0 && cmp pre-expected.txt pre.txt >"$T/diag" 2>&1; echo $?) "a report in a <pre>: one line for each of its lines"

# told by content, not by name
cp 01_liuxi_town_2023-b-gbk.html page.bin
run extract page.bin
point $(t_rc 0 && cmp -s page.txt 01_liuxi_town_2023-b-gbk.txt; echo $?) \
	"a page named .bin is read as a page"
cp 01_liuxi_town_2023-a-utf-8.html saved.txt
run extract saved.txt
point $(t_rc 0 && [ -f saved.txt.txt ] && cmp -s saved.txt 01_liuxi_town_2023-a-utf-8.html; echo $?) \
	"a page named .txt: its text goes to NAME.txt.txt, the page is kept"

# ---------------------------------------------------------------- DOCX
"$PYTHON3" "$GEN" docx "$S/01_liuxi_town_2023.txt" word.docx --extras
run extract word.docx
{ cat "$S/01_liuxi_town_2023.txt"; printf '项目\t2022年\t2023年\n行政复议案件\t12件\t15件\n普法活动\t30场\t45场\n简单域的结果\n'; } >word-expected.txt
point $(t_rc 0 && same_text word-expected.txt word.txt; echo $?) \
	"docx: Word's numbering at three levels (one by style), a tracked insertion, a field: the sample's text"

# a folder holding only a document: extract and import take it as review does
mkdir onlydoc onlydoc2
cp word.docx onlydoc/w.docx
cp word.docx onlydoc2/w.docx
run extract onlydoc
point $(t_rc 0 && [ -s onlydoc/w.txt ] && [ -s onlydoc/w.yaml ] &&
	same_text word-expected.txt onlydoc/w.txt; echo $?) \
	"extract FOLDER of a .docx alone: NAME.txt and NAME.yaml beside it"
printf '{"id": "w", "label": []}\n' >onlydoc.jsonl
run import --source crf onlydoc.jsonl onlydoc2
point $(t_rc 0 && t_err_fixed "1 written (1 extracted first)" && [ -s onlydoc2/w.txt ] &&
	grep -q "^  crf:" onlydoc2/w.yaml; echo $?) \
	"import PRED FOLDER of a .docx alone: its text extracted, the predictions imported"
point $(grep -q -F "$(printf '行政复议案件\t12件\t15件')" word.txt; echo $?) \
	"docx: a table row is a line of tab-separated cells"
point $(! grep -q -e '删掉的字' -e '页眉' -e 'QUOTE' -e 'PAGE' word.txt; echo $?) \
	"docx: no tracked deletion, no header, no field code"
point $(grep -q '^一、主要工作及成效$' word.txt && grep -q '^（二）推进依法全面履行政府职能$' word.txt &&
	grep -q '^2\.严格规范行政执法' word.txt; echo $?) \
	"docx: the markers Word shows (一、 （二） 2.)"
"$PYTHON3" "$GEN" docx "$S/01_liuxi_town_2023.txt" plain.docx
run extract plain.docx
point $(t_rc 0 && same_items ref/01_liuxi_town_2023.yaml plain.yaml; echo $?) \
	"docx: the same sections and statistics as the sample"
"$PYTHON3" "$GEN" numfmt numfmt.docx
run extract numfmt.docx
printf '%s\n' 甲、项 第九条项 第一〇条项 第一一条项 ⑴项 ⑵项 （一）项 （二）项 \
	（三）项 （四）项 甲.1项 甲.2项 'I)项' 项 乙、项 第二〇条项 >numfmt-expected.txt
point $(t_rc 0 && cmp numfmt-expected.txt numfmt.txt >"$T/diag" 2>&1; echo $?) \
	"docx: ideographTraditional, chineseCounting, decimalEnclosedParen, chineseCountingThousand, %1.%5, upperRoman, bullet, startOverride"

# ---------------------------------------------------------------- .doc
# Word 97 files written by scripts/docgen_doc.py (an OLE2 compound file:
# the FIB, the text in UTF-16, a piece table in 1Table), read through
# catdoc (CI installs it; without it these fail)
ndoc=0
for r in 01_liuxi_town_2023 04_qinghe_county_2022 05_gb18030; do
	"$PYTHON3" "$top_srcdir/scripts/docgen_doc.py" "$S/$r.txt" "$r-w.doc"
	run extract "$r-w.doc"
	point $(t_rc 0 && grep -q "format: 'doc'" "$r-w.yaml" &&
		grep -q "converter: 'shenyue-doc 1 (" "$r-w.yaml"; echo $?) \
		"$r as .doc: extracted, source.original a doc"
	same_text "$S/$r.txt" "$r-w.txt"
	point $? "$r as .doc: the text is the sample's"
	same_items "ref/$r.yaml" "$r-w.yaml"
	point $? "$r as .doc: the same sections and statistics as the sample"
	ndoc=$((ndoc + 1))
done
point $([ "$ndoc" -eq 3 ]; echo $?) "3 .doc files compared"

# ---------------------------------------------------------------- the same bytes, recorded
mkdir -p again
run extract -o again word.docx 01_liuxi_town_2023-c-gbk.html
point $(t_rc 0 && cmp -s word.txt again/word.txt && cmp -s 01_liuxi_town_2023-c-gbk.txt \
	again/01_liuxi_town_2023-c-gbk.txt; echo $?) \
	"the same document gives the same text to the byte (docx, html)"
cat >orig.py <<'PY'
import hashlib, sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
s, o = d["source"], d["source"]["original"]
sha = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
assert s["path"] == sys.argv[2], s["path"]
assert s["sha256"] == sha(sys.argv[2]), "text sha256"
assert o["path"] == sys.argv[3], o["path"]
assert o["sha256"] == sha(sys.argv[3]), "document sha256"
assert o["format"] == sys.argv[4], o["format"]
assert o["converter"].startswith("shenyue-" + sys.argv[4] + " 1 ("), o["converter"]
PY
point $("$PYTHON3" orig.py word.yaml word.txt word.docx docx >"$T/diag" 2>&1; echo $?) \
	"source names the text; source.original the docx (path, sha256, format, converter)"
point $("$PYTHON3" orig.py 01_liuxi_town_2023-a-gbk.yaml 01_liuxi_town_2023-a-gbk.txt \
	01_liuxi_town_2023-a-gbk.html html >"$T/diag" 2>&1; echo $?) \
	"source.original of a page"
run status word.yaml
point $(t_rc 0; echo $?) "the annotation file of a document reads as format 1 (status)"
run extract --dry-run -o dry word.docx
point $(t_rc 0 && t_out 'sections' && [ ! -e dry ]; echo $?) "--dry-run converts but writes nothing"

# NAME.txt that holds other text
printf 'other text\n' >mine.txt
cp word.docx mine.docx
run extract mine.docx
point $(t_rc 1 && t_err_fixed 'mine.txt' && t_err_fixed 'mine.docx' && t_err '--force' &&
	[ "$(cat mine.txt)" = "other text" ] && [ ! -e mine.yaml ]; echo $?) \
	"a NAME.txt with other text is not overwritten (names both files, says --force)"
run extract --force mine.docx
point $(t_rc 0 && cmp -s mine.txt word.txt; echo $?) "--force replaces it"

# a changed document: its own earlier text is replaced without --force
# (its annotation file names it), and a reviewed annotation file is kept
# for the review screen to re-anchor
printf 'q\n' >quit.keys
"$PYTHON3" "$GEN" html a utf-8 utf-8 "$S/01_liuxi_town_2023.txt" changing.html
run extract changing.html
"$PYTHON3" "$GEN" html a utf-8 utf-8 "$S/04_qinghe_county_2022.txt" changing.html
run extract changing.html
point $(t_rc 0 && same_text "$S/04_qinghe_county_2022.txt" changing.txt &&
	same_items ref/04_qinghe_county_2022.yaml changing.yaml; echo $?) \
	"a changed page: re-converted, its earlier text and pending annotation file replaced"
sed '0,/status: pending/s//status: accepted/' changing.yaml >changing.new && mv changing.new changing.yaml
cp changing.yaml reviewed.yaml
"$PYTHON3" "$GEN" html a utf-8 utf-8 "$S/01_liuxi_town_2023.txt" changing.html
run extract changing.html
point $(t_rc 1 && t_err 'reviewed items' && cmp -s changing.yaml reviewed.yaml &&
	same_text "$S/01_liuxi_town_2023.txt" changing.txt; echo $?) \
	"a changed page with a reviewed annotation file: the text follows the page, the review is kept"
run review --script quit.keys changing.txt
cat >resha.py <<'PY'
import hashlib, sys, yaml
d = yaml.safe_load(open("changing.yaml", encoding="utf-8"))
assert d["source"]["sha256"] == hashlib.sha256(open("changing.txt", "rb").read()).hexdigest(), "not re-anchored"
assert d["source"]["original"]["path"] == "changing.html", d["source"].get("original")
assert any(x["status"] != "pending" for x in [d["document"]] + d["sections"] + d["statistics"]), "the review is lost"
PY
point $(t_rc 0 && "$PYTHON3" resha.py >"$T/diag" 2>&1; echo $?) \
	"review re-anchors it to the new text; source.original survives the load and save"

# ---------------------------------------------------------------- review
# review takes documents as extract does: converted before the screen,
# the text kept as NAME.txt, the annotation file made with
# source.original; an unchanged document opens with nothing converted;
# a changed one is converted again and re-anchored
mkdir -p rv
cp word.docx rv/w.docx
cp 01_liuxi_town_2023-c-gbk.html rv/p.html
run review --script quit.keys --dump rv/screen rv/w.docx rv/p.html
point $(t_rc 0 && cmp -s rv/w.txt word.txt && cmp -s rv/p.txt 01_liuxi_town_2023-c-gbk.txt &&
	grep -q '柳溪镇' rv/screen; echo $?) \
	"review of a .docx and a page: converted, their texts kept beside them, the screen opened"
(cd rv && "$PYTHON3" ../orig.py w.yaml w.txt w.docx docx && "$PYTHON3" ../orig.py p.yaml p.txt p.html html) >"$T/diag" 2>&1
point $? "review made their annotation files: source the text, source.original the document"
touch -d '2001-01-01 00:00' rv/w.txt rv/w.yaml
run review --script quit.keys rv/w.docx
point $(t_rc 0 && [ -z "$(find rv -name 'w.*' -newer rv/p.yaml)" ]; echo $?) \
	"an unchanged document opens with nothing converted or written"
sed '0,/status: pending/s//status: accepted/' rv/w.yaml >rv/w.new && mv rv/w.new rv/w.yaml
{ printf '前言：这是新加的一句。\n'; cat "$S/01_liuxi_town_2023.txt"; } >rv/changed.txt
"$PYTHON3" "$GEN" docx rv/changed.txt rv/w.docx --extras
run review --script quit.keys rv/w.docx
cat >rv/check.py <<'PY'
import hashlib, sys, yaml
sha = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
d = yaml.safe_load(open("w.yaml", encoding="utf-8"))
assert d["source"]["sha256"] == sha("w.txt"), "not re-anchored"
assert d["source"]["original"]["sha256"] == sha("w.docx"), "source.original not the new document"
assert d["document"]["status"] == "accepted", "the review is lost"
t = open("w.txt", encoding="utf-8").read()
s = d["sections"][0]
assert t[s["start"]:s["end"]] == s["marker"] + s["title"], "section s1 not at its new place"
assert list(d["source"]).count("original") == 1
PY
point $(t_rc 0 && grep -q '^前言：这是新加的一句。$' rv/w.txt &&
	(cd rv && "$PYTHON3" check.py) >"$T/diag" 2>&1; echo $?) \
	"a changed .docx: converted again, the annotation file re-anchored, the review kept"
cp rv/w.yaml rv/w.kept
run review --script quit.keys rv/w.docx
point $(t_rc 0 && cmp -s rv/w.yaml rv/w.kept; echo $?) "opened again: nothing converted"
head -c 300 word.docx >rv/bad.docx
run review --script quit.keys --dump rv/bad.screen rv/w.docx rv/bad.docx
point $(t_rc 1 && t_err_fixed 'rv/bad.docx' && t_err 'corrupt zip' && [ ! -e rv/bad.txt ] &&
	[ ! -e rv/bad.yaml ] && [ ! -e rv/bad.screen ]; echo $?) \
	"review of a corrupt .docx: its name and why, nothing written, no screen, status 1"
mkdir -p rvdir
cp word.docx rvdir/a.docx
cp 04_qinghe_county_2022-b-gbk.html rvdir/b.html
cp "$S/05_gb18030.txt" rvdir/c.txt
cp word.docx rv/mixed.docx
"$PYTHON3" -c '
import zipfile
with zipfile.ZipFile("rvdir/attachments.zip", "w") as z:
    z.writestr("notes.md", "not a report")'
run review --script quit.keys --dump rvdir/screen rvdir rv/mixed.docx
point $(t_rc 0 && cmp -s rvdir/a.txt word.txt && cmp -s rvdir/b.txt 04_qinghe_county_2022-b-gbk.txt &&
	[ -f rvdir/a.yaml ] && [ -f rvdir/b.yaml ] && [ -f rv/mixed.yaml ] && [ -s rvdir/screen ]; echo $?) \
	"review of a folder of documents, text and a zip with a .docx: each document converted, the zip left alone"

# ---------------------------------------------------------------- bad input
bad() {   # FILE WHAT REGEX
	run extract "$1"
	base=${1%.*}
	point $(t_rc 1 && t_err_fixed "$1" && t_err "$3" && [ ! -e "$base.txt" ] &&
		[ ! -e "$base.yaml" ] && [ ! -e "$1.yaml" ]; echo $?) \
		"$2: refused with the file name, nothing written"
}
head -c 300 word.docx >corrupt.docx
bad corrupt.docx "a corrupt zip" 'corrupt zip'
"$PYTHON3" -c '
import zipfile
z = zipfile.ZipFile("nodoc.docx", "w")
z.writestr("[Content_Types].xml", "<Types/>")
z.writestr("word/styles.xml", "<w:styles/>")
z.close()'
bad nodoc.docx "a docx without word/document.xml" 'no word/document.xml'
"$PYTHON3" -c '
import zipfile
with zipfile.ZipFile("bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("word/document.xml", "w") as f:
        f.write(b"<w:document>")
        for i in range(65):
            f.write(b" " * (1 << 20))'
bad bomb.docx "a zip bomb (65 MB of XML in a 65 KB zip)" 'zip bomb'
cat >nomain.html <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页</title></head><body>
<ul><li><a href="/a">首页</a></li><li><a href="/b">政务公开</a></li><li><a href="/c">互动交流</a></li></ul>
<div>您当前所在位置：<a href="/">首页</a> &gt; <a href="/x">通知公告</a></div>
<div class="footer">主办单位：某县人民政府办公室 网站标识码：0000000001</div></body></html>
HTML
bad nomain.html "a page with no main content" 'no main content'
# the PDF reader is there when configure found poppler-glib (CI has it)
if "$SHENYUE" --version | grep -q '^  poppler  *not in this build'; then
	have_pdf=0
else
	have_pdf=1
fi
printf '%%PDF-1.7\n%%\342\343\317\323\n1 0 obj\n<<>>\nendobj\n' >report.pdf
if [ "$have_pdf" -eq 1 ]; then
	bad report.pdf "a PDF cut short" 'corrupt PDF'
else
	bad report.pdf "a PDF (not in this build)" 'not supported by this build'
fi
"$PYTHON3" -c '
import zipfile
z = zipfile.ZipFile("report.ofd", "w")
z.writestr("OFD.xml", "<ofd:OFD/>")
z.close()'
bad report.ofd "an OFD whose OFD.xml names no document" 'names no document'
printf '\320\317\021\340\241\261\032\341rest of an old Word file' >old.doc
if command -v catdoc >/dev/null 2>&1 || command -v antiword >/dev/null 2>&1; then
	bad old.doc "a broken .doc" 'could not read it'
else
	bad old.doc "a .doc on a machine with no reader" 'install catdoc'
fi
# with no reader on the PATH the message names the package
PATH=/nonexistent "$SHENYUE" extract old.doc >"$T/out" 2>"$T/err"; rc=$?
point $(t_rc 1 && t_err_fixed 'old.doc' && t_err_fixed 'install catdoc or antiword' &&
	[ ! -e old.txt ] && [ ! -e old.yaml ]; echo $?) \
	"a .doc with no catdoc or antiword: the message names the packages"

# ---------------------------------------------------------------- PDF and OFD
# laid out from the samples by scripts/docgen_pages.py: several pages,
# a running header, page numbers, paragraphs and headings wrapped by the
# layout (and in the OFD a line cut into two text objects, objects
# written bottom-up, a header on a template page)
PG="$top_srcdir/scripts/docgen_pages.py"
: >pages.list
npg=0
for r in 01_liuxi_town_2023 04_qinghe_county_2022 05_gb18030; do
	for f in pdf ofd; do
		[ "$f" = pdf ] && [ "$have_pdf" -eq 0 ] && continue
		"$PYTHON3" "$PG" "$f" "$S/$r.txt" "$r-p.$f" --lines 12 --chars 30
		echo "text $S/$r.txt $r-p.txt" >>pages.list
		run extract -o "$f-out" "$r-p.$f"
		point $(t_rc 0; echo $?) "$r as $f: extracted"
		mv "$f-out/$r-p.txt" "$f-out/$r-p.yaml" . 2>/dev/null
		mv "$r-p.txt" "$r-p-$f.txt"; mv "$r-p.yaml" "$r-p-$f.yaml"
		same_text "$S/$r.txt" "$r-p-$f.txt"
		point $? "$r as $f: the text is the sample's (no header, no page number, no broken line)"
		same_items "ref/$r.yaml" "$r-p-$f.yaml"
		point $? "$r as $f: the same sections and statistics as the sample"
		npg=$((npg + 1))
	done
done
point $([ "$npg" -eq $((have_pdf * 3 + 3)) ]; echo $?) "$npg PDF and OFD documents compared"
# the same document gives the same bytes; the document is recorded
if [ "$have_pdf" -eq 1 ]; then
	"$PYTHON3" "$PG" pdf "$S/04_qinghe_county_2022.txt" twice.pdf --lines 12
	run extract -o once twice.pdf
	run extract -o again twice.pdf
	point $(t_rc 0 && cmp -s once/twice.txt again/twice.txt &&
		grep -q "format: 'pdf'" once/twice.yaml &&
		grep -q "converter: 'shenyue-pdf 1 (poppler " once/twice.yaml; echo $?) \
		"a PDF gives the same text twice; source.original records it (pdf, converter)"
	# a heading that the layout wraps is one heading again
	"$PYTHON3" "$PG" pdf "$S/01_liuxi_town_2023.txt" narrow.pdf --lines 20 --chars 12
	run extract narrow.pdf
	same_items ref/01_liuxi_town_2023.yaml narrow.yaml
	point $? "a PDF 12 characters wide (headings wrapped): the same sections and statistics"
	"$PYTHON3" "$PG" pdf "$S/01_liuxi_town_2023.txt" locked.pdf --encrypt secret
	bad locked.pdf "an encrypted PDF" 'encrypted PDF that needs a password'
	"$PYTHON3" "$PG" scan scan.pdf
	bad scan.pdf "a scanned PDF" 'no text layer: this PDF needs OCR'
fi
"$PYTHON3" "$PG" ofd "$S/04_qinghe_county_2022.txt" twice.ofd --lines 12
run extract -o once twice.ofd
run extract -o again twice.ofd
point $(t_rc 0 && cmp -s once/twice.txt again/twice.txt &&
	grep -q "format: 'ofd'" once/twice.yaml; echo $?) \
	"an OFD gives the same text twice; source.original records it"
# ofd NAME PAGE-CONTENT: an OFD of one page (no page: PAGE-CONTENT "-")
ofd() {
	"$PYTHON3" - "$1" "$2" <<'PY'
import sys, zipfile
ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("OFD.xml", "<ofd:OFD %s><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>" % ns)
z.writestr("Doc_0/Document.xml", '<ofd:Document %s><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>' % ns)
if sys.argv[2] != "-":
    z.writestr("Doc_0/Pages/Page_0/Content.xml", "<ofd:Page %s><ofd:Content>%s</ofd:Content></ofd:Page>" % (ns, sys.argv[2]))
z.close()
PY
}
ofd pictures.ofd '<ofd:Layer ID="2"><ofd:ImageObject ID="3" Boundary="0 0 210 297" ResourceID="9"/></ofd:Layer>'
bad pictures.ofd "an OFD of pictures" 'needs OCR'
ofd nopage.ofd -
bad nopage.ofd "an OFD whose page is missing" 'holds no Doc_0/Pages/Page_0/Content.xml'

cli_end
