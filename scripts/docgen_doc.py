#!/usr/bin/env python3
"""docgen_doc.py - a Word 97 binary document (.doc) written by hand.

No Debian tool makes a .doc without LibreOffice, so the tests
(tests/documents.sh) write one here from a plain-text report: the least
that catdoc and antiword read.

  docgen_doc.py REPORT OUT.doc [--fast-saved]

The file is an OLE2 compound file (MS-CFB, version 3, 512-byte sectors)
with two streams, each at least 4096 bytes so that no mini stream is
needed:

  WordDocument  the FIB (MS-DOC 2.5.1: FibBase, FibRgW97, FibRgLw97
                with ccpText, FibRgFcLcb97 with fcClx/lcbClx) and, at
                0x400, the text in UTF-16LE, one paragraph a line ending
                in a paragraph mark (CR).  FibBase's fcMin and fcMac (the
                bytes at 24 and 28) bound the text, as catdoc reads it.
  1Table        the CLX: a piece table of one piece (the whole text,
                uncompressed), and a stylesheet of one empty style, as
                antiword reads them (fWhichTblStm set).

--fast-saved sets fComplex, which catdoc reports on standard error.
"""
import struct
import sys

SECTOR = 512
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
TEXT_AT = 0x400


def read_report(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    return [l.strip() for l in text.replace("\r\n", "\n").split("\n") if l.strip()]


def word_document(text, fast_saved):
    """The WordDocument stream for TEXT (paragraphs ending in CR) and the
    1Table stream with its piece table."""
    utf16 = text.encode("utf-16-le")
    ccp = len(utf16) // 2
    # 1Table: Clx = Pcdt (0x02, lcb, PlcPcd: CP[0], CP[1], one Pcd)
    plc = struct.pack("<II", 0, ccp) + struct.pack("<HIH", 0, TEXT_AT, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    # a stylesheet of one empty style (antiword reads it): cbStshi,
    # STSHI (cstd 1, cbSTDBaseInFile 10, the rest 0), one STD of no bytes
    stsh = struct.pack("<H", 18) + struct.pack("<HH", 1, 10) + b"\0" * 14
    stsh += struct.pack("<H", 0)
    table = (clx + stsh).ljust(4096, b"\0")

    flags = 0x1000 | 0x0200            # fExtChar, fWhichTblStm (1Table)
    if fast_saved:
        flags |= 0x0004                # fComplex
    base = struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0x6A62, 0x0804, 0, flags)
    base += struct.pack("<HIBBHH", 0x00BF, 0, 0, 0, 0, 0)
    base += struct.pack("<II", TEXT_AT, TEXT_AT + len(utf16))   # fcMin, fcMac
    assert len(base) == 32
    rgw = struct.pack("<H", 14) + b"\0" * 28
    lw = [0] * 22
    lw[0] = TEXT_AT + len(utf16)        # cbMac
    lw[3] = ccp                         # ccpText
    rglw = struct.pack("<H", 22) + struct.pack("<22I", *lw)
    fclcb = [0] * (0x5D * 2)
    fclcb[33 * 2] = 0                   # fcClx: the Clx opens 1Table
    fclcb[33 * 2 + 1] = len(clx)        # lcbClx
    fclcb[1 * 2] = len(clx)             # fcStshf: the stylesheet after it
    fclcb[1 * 2 + 1] = len(stsh)        # lcbStshf
    rgfc = struct.pack("<H", 0x5D) + struct.pack("<%dI" % len(fclcb), *fclcb)
    fib = base + rgw + rglw + rgfc + struct.pack("<H", 0)
    assert len(fib) <= TEXT_AT
    doc = fib.ljust(TEXT_AT, b"\0") + utf16
    return doc.ljust(max(4096, len(doc)), b"\0"), table


def dir_entry(name, kind, child, left, right, start, size):
    n = (name + "\0").encode("utf-16-le") if name else b""
    return (n.ljust(64, b"\0") + struct.pack("<HBB", len(n), kind, 1) +
            struct.pack("<III", left, right, child) + b"\0" * 16 +
            struct.pack("<I", 0) + b"\0" * 16 +
            struct.pack("<III", start, size, 0))


def compound(streams):
    """An OLE2 file of STREAMS [(name, bytes)], each >= 4096 bytes."""
    sizes = [(len(b) + SECTOR - 1) // SECTOR for _, b in streams]
    nfat = 1
    while nfat * (SECTOR // 4) < nfat + 1 + sum(sizes):
        nfat += 1
    assert nfat <= 109
    fat = [FATSECT] * nfat + [END]                # the FAT, the directory
    starts, at = [], nfat + 1
    for s in sizes:
        starts.append(at)
        fat += [at + i + 1 for i in range(s - 1)] + [END]
        at += s
    fat += [FREE] * (nfat * (SECTOR // 4) - len(fat))
    # the directory: root, then the streams; the root's child is the
    # last stream, the others hang to its left (names compare by length)
    ents = [dir_entry("Root Entry", 5, len(streams), FREE, FREE, END, 0)]
    for i, (name, b) in enumerate(streams):
        left = i if i > 0 else FREE
        ents.append(dir_entry(name, 2, FREE, left if i == len(streams) - 1 else FREE,
                              FREE, starts[i], len(b)))
    while len(ents) % (SECTOR // 128):
        ents.append(dir_entry("", 0, FREE, FREE, FREE, 0, 0))   # unused
    directory = b"".join(ents)
    assert len(directory) == SECTOR
    difat = list(range(nfat)) + [FREE] * (109 - nfat)
    head = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 +
            struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\0" * 6 +
            struct.pack("<IIIIIIIII", 0, nfat, nfat, 0, 4096, END, 0, END, 0) +
            struct.pack("<109I", *difat))
    assert len(head) == SECTOR
    body = struct.pack("<%dI" % len(fat), *fat) + directory
    for _, b in streams:
        body += b.ljust(SECTOR * ((len(b) + SECTOR - 1) // SECTOR), b"\0")
    return head + body


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    lines = read_report(argv[1])
    text = "".join(l + "\r" for l in lines)
    doc, table = word_document(text, "--fast-saved" in argv[3:])
    # names by length: "1Table" < "WordDocument"; the root's child is
    # WordDocument, with 1Table to its left
    with open(argv[2], "wb") as f:
        f.write(compound([("1Table", table), ("WordDocument", doc)]))


if __name__ == "__main__":
    main(sys.argv)
