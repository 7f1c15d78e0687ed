#!/bin/sh
# bench/gen_corpus.sh - generate a large synthetic corpus from the samples.
#
#   sh bench/gen_corpus.sh [-s SAMPLES_DIR] [-d FILES_DIR] [-p PROSE -r RATIO]
#                          [SIZE_MB] OUTFILE
#
# Writes OUTFILE of exactly SIZE_MB * 1000000 bytes (default 100) of UTF-8
# text: the bundled samples (samples/*.txt, GB18030 ones converted with
# iconv) repeated round after round, a blank line between reports, with
# every Arabic number varied by a deterministic generator (Park-Miller LCG,
# fixed seed) so that the items differ from copy to copy while keeping
# their number of digits.  Runs of digits right before 年 月 日 号 (dates)
# are left alone.  The end is padded with an ASCII line so that the size is
# exact and the text stays valid UTF-8 (no multi-byte character is cut).
# Heading markers (digits at the start of a line or after an opening
# bracket) are kept too, so the section structure stays as written.
# Same arguments, same bytes.
#
# With -d FILES_DIR, every generated report is also written as a file of
# its own there (gen_000001.txt, ...): a "many files" corpus of the same
# text.
#
# With -p PROSE -r RATIO, lines of the file PROSE (narrative without any
# statistic, bench/prose.txt) are put between the lines of the samples,
# about RATIO bytes of them per byte of sample text (a decimal, e.g. 2.5),
# picked by the same generator: the samples alone are packed with items
# (about 15 per KB), real reports have long narrative stretches between
# them (about 4 per KB); RATIO 2.5 gives that density.

set -eu

usage() {
	echo "usage: sh gen_corpus.sh [-s SAMPLES_DIR] [-d FILES_DIR] [-p PROSE -r RATIO] [SIZE_MB] OUTFILE" >&2
	exit 2
}

here=$(dirname "$0")
samples=$here/../samples
files_dir=
prose=
ratio=0
while getopts s:d:p:r:h opt; do
	case $opt in
	s) samples=$OPTARG ;;
	d) files_dir=$OPTARG ;;
	p) prose=$OPTARG ;;
	r) ratio=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
case $# in
1) mb=100; out=$1 ;;
2) mb=$1; out=$2 ;;
*) usage ;;
esac
case $mb in
'' | *[!0-9]* | 0) echo "gen_corpus: SIZE_MB must be a positive integer, got '$mb'" >&2; exit 2 ;;
esac
case $ratio in
'' | *[!0-9.]* | *.*.* | .) echo "gen_corpus: RATIO must be a decimal number, got '$ratio'" >&2; exit 2 ;;
esac
if [ -n "$prose" ] && [ ! -r "$prose" ]; then
	echo "gen_corpus: $prose: cannot read the prose file" >&2
	exit 2
fi

# Gather the samples as UTF-8, in name order, into one file for awk.
tmp=$(mktemp "${TMPDIR:-/tmp}/gen_corpus.XXXXXX")
trap 'rm -f "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
n=0
for f in "$samples"/*.txt; do
	[ -f "$f" ] || continue
	if iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then
		cat "$f" >>"$tmp"
	else
		iconv -f GB18030 -t UTF-8 "$f" >>"$tmp" ||
			{ echo "gen_corpus: $f: neither UTF-8 nor GB18030" >&2; exit 1; }
	fi
	# make sure each sample ends with a newline, then mark its end
	[ -z "$(tail -c 1 "$tmp")" ] || echo >>"$tmp"
	printf '\f\n' >>"$tmp"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "gen_corpus: no samples in $samples" >&2; exit 1; }
if [ -n "$prose" ]; then
	printf '\v\n' >>"$tmp"
	grep -v '^$' "$prose" >>"$tmp" || true
fi

[ -z "$files_dir" ] || mkdir -p "$files_dir"
mkdir -p "$(dirname "$out")"

# LC_ALL=C: awk works on bytes (length() is a byte count in every awk).
LC_ALL=C awk -v limit="$((mb * 1000000))" -v files_dir="$files_dir" -v ratio="$ratio" '
BEGIN { seed = 20240130; nrep = 0; nl = 0; np = 0; inprose = 0 }
$0 == "\v" { inprose = 1; next }
inprose { prose[np++] = $0; next }
$0 == "\f" { rep_end[nrep++] = nl; next }
{ line[nl++] = $0 }
function rnd() { seed = (seed * 16807) % 2147483647; return seed }
# vary(s): every run of ASCII digits (up to 9 long, not a date part, not a
# heading marker) becomes another number with as many digits.
function vary(s,    out, pre, run, len, after, lo) {
	out = ""
	while (match(s, /[0-9]+/)) {
		pre = substr(s, 1, RSTART - 1)
		run = substr(s, RSTART, RLENGTH)
		len = RLENGTH
		s = substr(s, RSTART + RLENGTH)
		after = substr(s, 1, 3)
		if (len <= 9 && after != "年" && after != "月" && after != "日" && after != "号" &&
		    (out != "" || pre != "") && substr(pre, length(pre)) != "(" &&
		    substr(pre, length(pre) - 2) != "（") {
			lo = (len == 1) ? 0 : 10 ^ (len - 1)
			run = sprintf("%d", lo + rnd() % (10 ^ len - lo))
		}
		out = out pre run
	}
	return out s
}
END {
	size = 0; k = 0; done = 0; debt = 0
	while (!done) {
		first = 0
		for (r = 0; r < nrep && !done; r++) {
			if (files_dir != "")
				fname = sprintf("%s/gen_%06d.txt", files_dir, ++k)
			for (i = first; i < rep_end[r]; i++) {
				t = vary(line[i])
				if (size + length(t) + 1 > limit) { done = 1; break }
				print t
				size += length(t) + 1
				if (files_dir != "") print t > fname
				# prose after it, RATIO bytes per byte on the whole
				debt += ratio * (length(t) + 1)
				while (np > 0 && debt > 0 && !done) {
					p = prose[rnd() % np]
					if (size + length(p) + 1 > limit) { done = 1; break }
					print p
					size += length(p) + 1
					debt -= length(p) + 1
					if (files_dir != "") print p > fname
				}
			}
			if (files_dir != "") close(fname)
			if (!done && size + 1 <= limit) { print ""; size += 1 }
			first = rep_end[r]
		}
	}
	# pad to the exact size with ASCII, newline last
	pad = limit - size
	if (pad > 0) {
		s = ""
		while (length(s) < pad - 1) s = s "x"
		s = substr(s, 1, pad - 1)
		print s
	}
}' "$tmp" >"$out"

actual=$(wc -c <"$out")
if [ "$actual" -ne "$((mb * 1000000))" ]; then
	echo "gen_corpus: $out has $actual bytes, expected $((mb * 1000000))" >&2
	exit 1
fi
