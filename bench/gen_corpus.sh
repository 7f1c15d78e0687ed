#!/bin/sh
# bench/gen_corpus.sh - generate a large synthetic corpus from the samples.
#
#   sh bench/gen_corpus.sh [-s SAMPLES_DIR] [-d FILES_DIR] [SIZE_MB] OUTFILE
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

set -eu

usage() {
	echo "usage: sh gen_corpus.sh [-s SAMPLES_DIR] [-d FILES_DIR] [SIZE_MB] OUTFILE" >&2
	exit 2
}

here=$(dirname "$0")
samples=$here/../samples
files_dir=
while getopts s:d:h opt; do
	case $opt in
	s) samples=$OPTARG ;;
	d) files_dir=$OPTARG ;;
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

[ -z "$files_dir" ] || mkdir -p "$files_dir"
mkdir -p "$(dirname "$out")"

# LC_ALL=C: awk works on bytes (length() is a byte count in every awk).
LC_ALL=C awk -v limit="$((mb * 1000000))" -v files_dir="$files_dir" '
BEGIN { seed = 20240130; nrep = 0; nl = 0 }
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
	size = 0; k = 0; done = 0
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
