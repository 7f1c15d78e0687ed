#!/usr/bin/env python3
"""docgen_pages.py - PDF and OFD documents laid out from a plain-text report.

The tests (tests/documents.sh) and the samples use it.  Each line of the
report is a paragraph, wrapped to the page's width (a CJK character is one
em, other characters half an em), the first line of a paragraph indented
two ems; pages carry a running header and a page number ("- 3 -") at the
bottom, so a reader has something to leave out.  The PDF is written by
hand, with no library: a Type0 font (Identity-H, its codes the characters'
own code points, a ToUnicode map saying so) that is not embedded, which is
all a text extractor needs.

  docgen_pages.py pdf REPORT OUT [--encrypt PASSWORD] [--chars N] [--lines N]
  docgen_pages.py scan OUT        (a PDF whose page has no text: a "scan")
  docgen_pages.py ofd REPORT OUT [--chars N] [--lines N]
(--chars: the width of a line in ems; --lines: lines of text a page)
"""
import hashlib
import os
import struct
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from docgen import read_report  # noqa: E402  (one reader of the samples)

HEADER = "某县人民政府办公室文件"


def width(c):
    return 1.0 if ord(c) >= 0x2E80 or 0x2010 <= ord(c) <= 0x206F else 0.5


def wrap(line, chars):
    """The lines of one paragraph: (text, indent in ems)."""
    out, cur, w, indent = [], "", 0.0, 2.0
    for c in line:
        if w + width(c) > chars - indent and cur:
            out.append((cur, indent))
            cur, w, indent = "", 0.0, 0.0
        cur += c
        w += width(c)
    if cur:
        out.append((cur, indent))
    return out


def layout(lines, chars, per_page):
    """Pages of (text, indent) lines."""
    body = []
    for l in lines:
        if l:
            body.extend(wrap(l, chars))
    return [body[i:i + per_page] for i in range(0, len(body), per_page)] or [[]]


# ------------------------------------------------------------------ PDF

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def hexstr(text):
    return "<" + "".join("%04X" % ord(c) for c in text) + ">"


def pdf(pages, out, password=None, em=12.0):
    W, H, left, top, lh = 595, 842, 72.0, 90.0, 20.0
    objs = {}
    kids = []
    n = 5                      # 1 catalog, 2 pages, 3 font, 4 cid font, 5 tounicode
    for k, lines in enumerate(pages):
        ops = ["BT /F1 9 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (left, H - 40, hexstr(HEADER))]
        for i, (t, indent) in enumerate(lines):
            y = H - (top + i * lh)
            ops.append("BT /F1 %.1f Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" %
                       (em, left + indent * em, y, hexstr(t)))
        num = "- %d -" % (k + 1)
        ops.append("BT /F1 10 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (W / 2 - 12, 40, hexstr(num)))
        content = "\n".join(ops).encode("ascii")
        objs[n + 1] = ("stream", content)
        objs[n + 2] = ("dict", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                       "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (W, H, n + 1))
        kids.append(n + 2)
        n += 2
    write_pdf(objs, kids, n, out, password)


def scan(out):
    objs = {6: ("stream", b"0.5 g 72 72 451 698 re f"),
            7: ("dict", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                "/Resources << >> /Contents 6 0 R >>")}
    write_pdf(objs, [7], 7, out, None)


def write_pdf(objs, kids, n, out, password):
    cmap = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange"]
    for start in range(0, 256, 100):
        block = range(start, min(start + 100, 256))
        cmap.append("%d beginbfrange" % len(block))
        cmap.extend("<%02X00> <%02XFF> <%02X00>" % (h, h, h) for h in block)
        cmap.append("endbfrange")
    cmap.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    objs[1] = ("dict", "<< /Type /Catalog /Pages 2 0 R >>")
    objs[2] = ("dict", "<< /Type /Pages /Kids [%s] /Count %d >>" %
               (" ".join("%d 0 R" % k for k in kids), len(kids)))
    objs[3] = ("dict", "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
               "/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>")
    objs[4] = ("dict", "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
               "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
               "/FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 "
               "/FontBBox [0 -140 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -140 "
               "/CapHeight 700 /StemV 80 >> /DW 1000 /W [32 126 500] /CIDToGIDMap /Identity >>")
    objs[5] = ("stream", "\n".join(cmap).encode("ascii"))
    fid = hashlib.md5(b"shenyue docgen").digest()
    key = None
    trailer_extra = ""
    if password is not None:
        P = -44
        okey = hashlib.md5((b"owner" + PAD)[:32]).digest()[:5]
        O = rc4(okey, (password.encode() + PAD)[:32])
        key = hashlib.md5((password.encode() + PAD)[:32] + O + struct.pack("<i", P) + fid).digest()[:5]
        U = rc4(key, PAD)
        objs[n + 1] = ("dict", "<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" %
                       (O.hex(), U.hex(), P))
        trailer_extra = " /Encrypt %d 0 R" % (n + 1)
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        kind, data = objs[num]
        offsets[num] = len(body)
        body += b"%d 0 obj\n" % num
        if kind == "stream":
            if key is not None:
                data = rc4(hashlib.md5(key + struct.pack("<I", num)[:3] + b"\0\0").digest()[:10], data)
            body += b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        else:
            body += data.encode("ascii")
        body += b"\nendobj\n"
    xref = len(body)
    last = max(objs)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (last + 1)
    for num in range(1, last + 1):
        body += (b"%010d 00000 n \n" % offsets[num]) if num in offsets else b"0000000000 65535 f \n"
    body += (("trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n" %
              (last + 1, fid.hex(), fid.hex(), trailer_extra, xref)).encode("ascii"))
    open(out, "wb").write(bytes(body))


# ------------------------------------------------------------------ OFD

NS = "http://www.ofdspec.org/2016"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ofd(pages, out, em=4.2):
    left, top, lh = 25.0, 30.0, 7.0
    parts = [("OFD.xml",
              '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="%s" Version="1.0" DocType="OFD">'
              '<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>'
              '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' % NS)]
    plist = "".join('<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>' % (k + 10, k)
                    for k in range(len(pages)))
    parts.append(("Doc_0/Document.xml",
                  '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="%s"><ofd:CommonData>'
                  '<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
                  '</ofd:PhysicalBox></ofd:PageArea><ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
                  '</ofd:CommonData><ofd:Pages>%s</ofd:Pages></ofd:Document>' % (NS, plist)))
    parts.append(("Doc_0/Tpls/Tpl_0/Content.xml",
                  '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="%s"><ofd:Content><ofd:Layer ID="3">'
                  '<ofd:TextObject ID="4" Boundary="25 10 160 5" Font="1" Size="3.5"><ofd:TextCode X="0" Y="3.5">'
                  '模板页上的页眉，不是正文</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>' % NS))
    oid = 100
    for k, lines in enumerate(pages):
        objs = []

        def text(t, x, y, size, split=False):
            nonlocal oid
            w = sum(width(c) for c in t) * size
            if split and len(t) > 4:        # a line in two text objects
                h = len(t) // 2
                text(t[:h], x, y, size)
                text(t[h:], x + sum(width(c) for c in t[:h]) * size, y, size)
                return
            oid += 1
            objs.append('<ofd:TextObject ID="%d" Boundary="%.2f %.2f %.2f %.2f" Font="1" Size="%.2f">'
                        '<ofd:TextCode X="0" Y="%.2f">%s</ofd:TextCode></ofd:TextObject>' %
                        (oid, x, y - size, w, size * 1.2, size, size, esc(t)))
        text(HEADER, left, 15.0, 3.2)
        for i, (t, indent) in enumerate(lines):
            text(t, left + indent * em, top + i * lh, em, split=(i % 3 == 1))
        text("- %d -" % (k + 1), 100.0, 285.0, 3.5)
        # written bottom-up: the reader puts them in reading order
        objs.reverse()
        parts.append(("Doc_0/Pages/Page_%d/Content.xml" % k,
                      '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="%s"><ofd:Content>'
                      '<ofd:Layer ID="%d">%s</ofd:Layer></ofd:Content></ofd:Page>' % (NS, 5 + k, "".join(objs))))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 5, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8"))


def main(argv):
    opt = {}
    args = []
    i = 1
    while i < len(argv):
        if argv[i] in ("--encrypt", "--chars", "--lines"):
            opt[argv[i]] = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if args[:1] == ["scan"] and len(args) == 2:
        scan(args[1])
        return
    if len(args) != 3 or args[0] not in ("pdf", "ofd"):
        sys.exit(__doc__)
    chars = int(opt.get("--chars", "37"))
    per_page = int(opt.get("--lines", "34" if args[0] == "pdf" else "36"))
    pages = layout(read_report(args[1]), chars, per_page)
    if args[0] == "pdf":
        pdf(pages, args[2], opt.get("--encrypt"))
    else:
        ofd(pages, args[2])


if __name__ == "__main__":
    main(sys.argv)
