#!/usr/bin/env python3
"""docgen.py - web pages and Word files made from a plain-text report.

The tests (tests/documents.sh) and the samples (samples/06_*.html,
samples/07_*.docx, made by `python3 scripts/docgen.py samples`) use it: the
documents hold the report's own text inside the chrome of a portal page,
or as a Word file whose headings are numbered by Word itself.

  docgen.py html TEMPLATE ENCODING META REPORT OUT...  (TEMPLATE a, b or c)
  docgen.py docx REPORT OUT [--extras]
  docgen.py numfmt OUT                              (Word's number formats)
  docgen.py big5 OUT.html EXPECTED.txt META|-       (a Big5 page)
  docgen.py samples                                 (from the source tree)
"""
import html as H
import re
import sys
import zipfile

CN = "一二三四五六七八九十"


def read_report(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    return [l.strip() for l in text.replace("\r\n", "\n").split("\n")]


def paras(lines):
    return "\n".join("<p style=\"text-indent:2em\">&nbsp;&nbsp;%s</p>" % H.escape(l)
                     for l in lines if l)


NAV = ("<div class=\"top\"><ul class=\"nav\">" +
       "".join("<li><a href=\"/%d/\">%s</a></li>" % (i, t) for i, t in enumerate(
           ["首页", "政务公开", "政务服务", "互动交流", "走进本镇", "专题专栏"])) +
       "</ul><form><input name=q><button>搜索</button></form></div>")
CRUMB = ("<div class=\"crumb\">您当前所在位置：<a href=\"/\">首页</a> &gt; "
         "<a href=\"/zwgk/\">政务公开</a> &gt; <a href=\"/fz/\">法治政府建设</a></div>")
SHARE = ("<div class=\"share\">扫一扫在手机打开当前页 <a href=\"#\">微信</a> "
         "<a href=\"#\">微博</a> <a href=\"#\">QQ空间</a></div>")
FOOT = ("<div class=\"footer\"><p><a href=\"/about\">关于我们</a> | <a href=\"/map\">网站地图</a> | "
        "<a href=\"/c\">联系我们</a></p><p>主办单位：某县人民政府办公室 承办单位：某县大数据中心</p>"
        "<p>网站标识码：0000000001 某ICP备00000001号-1 某公网安备 00000000000001号</p></div>")
SCRIPT = "<script>var s = \"统计代码，不是正文。\"; function f(){return 1;}</script>"


def page(template, lines, meta):
    title, body = lines[0], [l for l in lines[1:] if l]
    head = ("<!DOCTYPE html>\n<html><head>%s<title>%s_某县人民政府</title>"
            "<style>p{margin:0}</style>%s</head>\n<body>\n" % (meta, H.escape(title), SCRIPT))
    if template == "a":     # chrome before and after
        mid = ("%s%s<div class=\"article\"><h1>%s</h1><div class=\"info\"><span>发布日期：2024-01-05</span>"
               "<span>来源：某镇人民政府</span><span>浏览次数：1234</span>"
               "<span>字号：<a href=\"#\">大</a> <a href=\"#\">中</a> <a href=\"#\">小</a></span></div>\n"
               "<div class=\"content\">%s</div>%s</div>%s" %
               (NAV, CRUMB, H.escape(title), paras(body), SHARE, FOOT))
    elif template == "b":   # a side menu, lines broken by <br>, the layout a table
        menu = "".join("<li><a href=\"/m%d\">%s</a></li>" % (i, t) for i, t in enumerate(
            ["机构职能", "领导信息", "规划计划", "法治政府建设", "财政信息", "人事信息", "建议提案办理"]))
        mid = ("%s<table width=\"1000\"><tr><td class=\"left\" width=\"200\"><h3>信息公开目录</h3><ul>%s</ul></td>"
               "<td class=\"right\">%s<div class=\"art-title\">%s</div>\n<div id=\"zoom\"><font size=3>%s</font></div>"
               "<div class=\"tools\">【<a href=\"#\">打印本页</a>】【<a href=\"#\">关闭窗口</a>】</div></td></tr></table>%s" %
               (NAV, menu, CRUMB, H.escape(title),
                "<br>\n".join("&#12288;&#12288;" + H.escape(l) for l in body), FOOT))
    else:                   # a metadata table, then the title, then the text
        meta_rows = ("<table class=\"xxgk\"><tr><td>索引号：</td><td>000000000/2024-00012</td><td>分类：</td>"
                     "<td>法治政府</td></tr><tr><td>发布机构：</td><td>某镇人民政府</td><td>发文日期：</td>"
                     "<td>2024-01-05</td></tr><tr><td>名称：</td><td>%s</td><td>文号：</td><td></td></tr></table>"
                     % H.escape(title))
        related = ("<div class=\"related\"><h4>相关链接</h4><ul><li><a href=\"/r1\">某镇2022年法治政府建设情况报告</a></li>"
                   "<li><a href=\"/r2\">某镇2021年法治政府建设情况报告</a></li></ul></div>")
        mid = ("%s%s<div class=\"wrap\">%s<h2 class=\"t\">%s</h2><div id=\"zoom\">%s%s</div>%s</div>%s" %
               (NAV, CRUMB, meta_rows, H.escape(title),
                "\n".join("<div><span style=\"font-family:仿宋\">%s</span></div>" % H.escape(l) for l in body),
                related, SHARE, FOOT))
    return head + mid + "\n</body></html>\n"


def write_html(template, encoding, meta_charset, report, out):
    meta = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\">" % meta_charset if meta_charset else ""
    text = page(template, read_report(report), meta)
    open(out, "wb").write(text.encode(encoding))


# ------------------------------------------------------------------ docx
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVELS = [  # (pattern of the line, Word's format, lvlText)
    (re.compile(r"^([一二三四五六七八九十]+)、"), "chineseCountingThousand", "%1、"),
    (re.compile(r"^（([一二三四五六七八九十]+)）"), "chineseCountingThousand", "（%2）"),
    (re.compile(r"^(\d+)\. ?"), "decimal", "%3."),
]


def cn_value(s):
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN.index(s[1]) + 1
    return CN.index(s) + 1


def esc(s):
    return H.escape(s, quote=True)


def run(text):
    return "<w:r><w:t xml:space=\"preserve\">%s</w:t></w:r>" % esc(text)


def numbered(lines):
    """Lines as (level or None, text without the marker); the marker is
    left in the text when Word's counter would not give it."""
    count = [0, 0, 0]
    out = []
    for l in lines:
        for lv, (rx, _, _) in enumerate(LEVELS):
            m = rx.match(l)
            if m and cn_value(m.group(1)) == count[lv] + 1:
                count[lv] += 1
                for k in range(lv + 1, 3):
                    count[k] = 0
                out.append((lv, l[m.end():]))
                break
        else:
            out.append((None, l))
    return out


def docx_bytes(lines, extras):
    body = []
    for i, (lv, text) in enumerate(numbered([l for l in lines if l])):
        ppr = "<w:pPr><w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>" % lv if lv is not None else ""
        if lv == 0:   # level 1 through its style, as reports often do
            ppr = "<w:pPr><w:pStyle w:val=\"H1\"/></w:pPr>"
        runs = run(text)
        if extras and i == 2 and len(text) > 6:
            # a tracked insertion kept, a tracked deletion dropped, a field's result kept
            a, b, c = text[:2], text[2:4], text[4:]
            runs = (run(a) + "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>删掉的字</w:delText></w:r></w:del>"
                    "<w:ins w:id=\"2\" w:author=\"x\">%s</w:ins>" % run(b) +
                    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> QUOTE \"x\" </w:instrText></w:r>"
                    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>%s<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" % run(c))
        body.append("<w:p>%s%s</w:p>" % (ppr, runs))
    if extras:
        rows = [["项目", "2022年", "2023年"], ["行政复议案件", "12件", "15件"], ["普法活动", "30场", "45场"]]
        body.append("<w:tbl><w:tblPr/>%s</w:tbl>" % "".join(
            "<w:tr>%s</w:tr>" % "".join("<w:tc><w:p>%s</w:p></w:tc>" % run(c) for c in r) for r in rows))
        body.append("<w:p><w:fldSimple w:instr=\" PAGE \">%s</w:fldSimple></w:p>" % run("简单域的结果"))
    document = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                "<w:document xmlns:w=\"%s\"><w:body>%s<w:sectPr><w:headerReference w:type=\"default\"/></w:sectPr>"
                "</w:body></w:document>" % (W, "".join(body)))
    lvls = "".join("<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/><w:numFmt w:val=\"%s\"/><w:lvlText w:val=\"%s\"/>"
                   "<w:suff w:val=\"nothing\"/></w:lvl>" % (i, f, t) for i, (_, f, t) in enumerate(LEVELS))
    numbering = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:numbering xmlns:w=\"%s\">"
                 "<w:abstractNum w:abstractNumId=\"0\">%s</w:abstractNum>"
                 "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>" % (W, lvls))
    styles = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:styles xmlns:w=\"%s\">"
              "<w:style w:type=\"paragraph\" w:styleId=\"H0\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
              "<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:basedOn w:val=\"H0\"/><w:pPr><w:numPr><w:ilvl w:val=\"0\"/>"
              "</w:numPr></w:pPr></w:style></w:styles>" % W)
    header = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:hdr xmlns:w=\"%s\"><w:p>%s</w:p></w:hdr>" % (W, run("页眉：不是正文")))
    ctypes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
              "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
    return [("[Content_Types].xml", ctypes), ("word/document.xml", document), ("word/numbering.xml", numbering),
            ("word/styles.xml", styles), ("word/header1.xml", header)]


def numfmt_bytes():
    """Word's number formats, a restart by w:startOverride, a bullet."""
    fmts = [("ideographTraditional", "%1、"), ("chineseCounting", "第%2条"),
            ("decimalEnclosedParen", "%3"), ("chineseCountingThousand", "（%4）"),
            ("decimal", "%1.%5"), ("upperRoman", "%6)"), ("bullet", "\u2022")]
    lvls = "".join("<w:lvl w:ilvl=\"%d\"><w:start w:val=\"%d\"/><w:numFmt w:val=\"%s\"/><w:lvlText w:val=\"%s\"/>"
                   "<w:suff w:val=\"nothing\"/></w:lvl>" % (i, 9 if i == 1 else 1, f, t) for i, (f, t) in enumerate(fmts))
    seq = [0, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 5, 6, 0, 1]
    body = "".join("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"%d\"/></w:numPr></w:pPr>%s</w:p>"
                   % (lv, 2 if i == len(seq) - 1 else 1, run("项")) for i, lv in enumerate(seq))
    document = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document xmlns:w=\"%s\"><w:body>%s</w:body></w:document>"
                % (W, body))
    numbering = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:numbering xmlns:w=\"%s\">"
                 "<w:abstractNum w:abstractNumId=\"7\">%s</w:abstractNum>"
                 "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>"
                 "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"7\"/><w:lvlOverride w:ilvl=\"1\">"
                 "<w:startOverride w:val=\"20\"/></w:lvlOverride></w:num></w:numbering>" % (W, lvls))
    return [("word/document.xml", document), ("word/numbering.xml", numbering)]


def write_zip(out, parts):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 5, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def main(argv):
    if argv[1] == "html":      # any number of TEMPLATE ENCODING META REPORT OUT
        for i in range(2, len(argv), 5):
            meta = argv[i + 2] if argv[i + 2] != "-" else None
            write_html(argv[i], argv[i + 1], meta, argv[i + 3], argv[i + 4])
    elif argv[1] == "docx":
        write_zip(argv[3], docx_bytes(read_report(argv[2]), "--extras" in argv))
    elif argv[1] == "numfmt":
        write_zip(argv[2], numfmt_bytes())
    elif argv[1] == "big5":     # a page in traditional characters, in Big5
        lines = ["南塘鎮2023年法治政府建設情況報告", "縣委、縣政府：",
                 "2023年，本鎮堅持依法行政，全年辦理行政復議案件12件，舉辦法治講座6期。",
                 "一、主要工作", "（一）健全決策機制。全年審查合同46份，提出法律意見130條。",
                 "二、存在的問題", "執法人員數量不足，專業化水平有待提高。"]
        open(argv[3], "w", encoding="utf-8").write("\n".join(lines) + "\n")
        meta = "<meta charset=\"big5\">" if argv[4] != "-" else ""
        open(argv[2], "wb").write(page("a", lines, meta).encode("big5", "xmlcharrefreplace"))
    elif argv[1] == "samples":
        write_html("a", "utf-8", "utf-8", "samples/04_qinghe_county_2022.txt", "samples/06_qinghe_county_web.html")
        write_zip("samples/07_liuxi_town_word.docx", docx_bytes(read_report("samples/01_liuxi_town_2023.txt"), False))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
