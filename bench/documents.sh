#!/bin/sh
# bench/documents.sh SHENYUE SRCDIR - speed of the document converters:
# MB of text produced per second for a large web page and a large .docx
# made by scripts/docgen.py from the samples (repeated to about 7 MB of
# text).  `shenyue extract --dry-run` converts and extracts, so the
# conversion's share is that time less the time of the same text as a
# .txt file.  The bound of issue 14: 20 MB/s of text produced.
SHENYUE=${1:-./shenyue}
SRC=${2:-.}
PY=${PYTHON3:-python3}
W=$(mktemp -d "${TMPDIR:-/tmp}/shenyue-docbench.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT

# the samples 600 times over: about 7 MB of text
for i in $(seq 600); do
	for r in "$SRC"/samples/0[1345]*.txt; do
		iconv -f gb18030 -t utf-8 "$r" 2>/dev/null || cat "$r"
	done
done | tr -d '\r' | grep -v '^$' >"$W/big.txt"
sed -i '1i 大文件的标题：某镇法治政府建设情况报告' "$W/big.txt"
"$PY" "$SRC/scripts/docgen.py" html a utf-8 utf-8 "$W/big.txt" "$W/big.html"
"$PY" "$SRC/scripts/docgen.py" html c gb18030 gbk "$W/big.txt" "$W/bigg.html"
"$PY" "$SRC/scripts/docgen.py" docx "$W/big.txt" "$W/big.docx"

# best of 3 CPU seconds (user + system) of CMD...: the machine may be
# shared, and its wall clock then says little
best() {
	b=
	for k in 1 2 3; do
		c=$( { /usr/bin/time -f '%U %S' "$@" >/dev/null; } 2>&1 | tail -1) || exit 1
		b=$(echo "$c $b" | awk '{ t = $1 + $2; print ($3 == "" || t < $3) ? t : $3 }')
	done
	echo "$b"
}

for d in big.html bigg.html big.docx; do
	"$SHENYUE" extract -o "$W/out" "$W/$d" >/dev/null || exit 1
	t=$W/out/${d%.*}.txt
	bytes=$(wc -c <"$t")
	td=$(best "$SHENYUE" extract --dry-run "$W/$d")
	tt=$(best "$SHENYUE" extract --dry-run "$t")   # the text alone: extraction
	echo "$d: $(echo "$bytes $td $tt" | awk '{
		c = $2 - $3; if (c < 0.01) c = 0.01
		printf "%.1f MB of text: %.2f s CPU with extraction (%.1f MB/s), conversion %.2f s: %.1f MB/s",
			$1 / 1e6, $2, $1 / 1e6 / $2, c, $1 / 1e6 / c }')"
done

# PDF: shenyue's conversion against pdftotext (poppler-utils) on the same
# PDF, side by side (issue 14: no more than 2x).  A PDF of the samples 40
# times over (about 0.5 MB of text, ~170 pages) made by
# scripts/docgen_pages.py.
if "$SHENYUE" --version | grep -q '^  poppler  *not in this build'; then
	echo "big.pdf: this build reads no PDF (poppler-glib missing): not measured"
	exit 1
fi
command -v pdftotext >/dev/null 2>&1 || {
	echo "big.pdf: pdftotext (poppler-utils) is needed to compare: not measured"
	exit 1
}
head -n "$(($(wc -l <"$W/big.txt") / 15))" "$W/big.txt" >"$W/pdf.txt"
"$PY" "$SRC/scripts/docgen_pages.py" pdf "$W/pdf.txt" "$W/bigp.pdf"
"$SHENYUE" extract -o "$W/out" "$W/bigp.pdf" >/dev/null || exit 1
td=$(best "$SHENYUE" extract --dry-run "$W/bigp.pdf")
tt=$(best "$SHENYUE" extract --dry-run "$W/out/bigp.txt")
tp=$(best pdftotext "$W/bigp.pdf" -)
pages=$(grep -c '/Type /Page ' "$W/bigp.pdf")
echo "bigp.pdf: $pages pages: $(echo "$td $tt $tp" | awk '{
	c = $1 - $2; if (c < 0.01) c = 0.01
	p = $3; if (p < 0.01) p = 0.01
	printf "conversion %.2f s CPU, pdftotext %.2f s: %.2fx pdftotext (bound 2x)", c, $3, c / p }')"
