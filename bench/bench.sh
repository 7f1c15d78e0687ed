#!/bin/sh
# bench/bench.sh - throughput and memory of `shenyue extract` on a big corpus.
#
#   sh bench/bench.sh SHENYUE SRCDIR        (what `make bench` runs)
#
# SHENYUE is the program to measure, SRCDIR the source tree (for the
# samples and the generator).  Works in ./bench-out/.  BENCH_MB sets the
# corpus size in MB (10^6 bytes; default 100), BENCH_RUNS the number of
# runs of each command (default 3; the best wall time is kept, the
# highest peak RSS).  Exit status: 0 when measured (targets PASS or FAIL),
# 1 when something could not run; with BENCH_STRICT=1 a FAILed target
# gives exit status 3.

set -u

BENCH_NAME=bench
case $0 in */*) . "${0%/*}/bench_lib.sh" ;; *) . ./bench_lib.sh ;; esac
bench_args "$@"
mb=${BENCH_MB:-100}
runs=${BENCH_RUNS:-3}
bench_positive "BENCH_MB=$mb" "BENCH_RUNS=$runs"

bench_check "$shenyue" "$srcdir"

out=bench-out
corpus=$out/corpus-${mb}M.txt
bytes=$((mb * 1000000))
mkdir -p "$out" || die "cannot create $out"

# ------------------------------------------------------------ corpus
# gen NAME GEN_ARGS...: make $out/NAME of $mb MB unless it is there
gen() {
	gname=$1
	shift
	have=0
	[ -f "$out/$gname" ] && have=$(wc -c <"$out/$gname")
	if [ "$have" -ne "$bytes" ]; then
		echo "bench: generating $out/$gname ($mb MB)"
		sh "$srcdir/bench/gen_corpus.sh" -s "$srcdir/samples" "$@" "$mb" "$out/$gname" ||
			die "generating $out/$gname failed"
	else
		echo "bench: using $out/$gname ($mb MB, already there)"
	fi
}
# the samples alone: about 15 items per KB, the stress case
gen "corpus-${mb}M.txt"
# the samples with narrative between their lines: the density of real
# reports (about 4.3 items per KB)
typical=$out/typical-${mb}M.txt
gen "typical-${mb}M.txt" -p "$srcdir/bench/prose.txt" -r 2.5
cat "$corpus" "$typical" >/dev/null # warm the page cache

# ------------------------------------------------------------ timing

# measure NAME CMD...: run CMD $runs times, stdout to $out/NAME.stdout,
# stderr to $out/NAME.stderr; sets best_ns (best wall time, ns) and
# peak_kb (highest max RSS, KiB; empty without GNU time).  Returns the
# exit status of the first failing run, or 0.
measure() {
	name=$1
	shift
	best_of rss "$name" "$@"
}

# mbps NS: MB/s of the corpus for a wall time of NS nanoseconds
mbps() { awk -v b="$bytes" -v ns="$1" 'BEGIN { printf "%.1f", b / 1e6 / (ns / 1e9) }'; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

echo "bench: wc -m, $runs runs"
LC_ALL=C.UTF-8
export LC_ALL
if ! locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$'; then
	echo "bench: locale C.UTF-8 missing: wc -m may count bytes" >&2
fi
measure wc wc -m "$corpus" || die "wc -m $corpus failed"
wc_ns=$best_ns
wc_chars=$(awk '{ print $1 }' "$out/wc.stdout")

echo "bench: $shenyue extract --dry-run (extraction only), $runs runs"
measure dry "$shenyue" extract --dry-run "$corpus" ||
	die "'$shenyue extract --dry-run $corpus' failed"
dry_ns=$best_ns
dry_kb=$peak_kb

echo "bench: $shenyue extract, $runs runs"
measure extract "$shenyue" extract --force -o "$out/" "$corpus"
st=$?
if [ "$st" -ne 0 ]; then
	echo "bench: error: '$shenyue extract --force -o $out/ $corpus' failed (exit status $st)" >&2
	if [ -s "$out/extract.stderr" ]; then
		echo "bench: its stderr ends with:" >&2
		tail -n 10 "$out/extract.stderr" | sed 's/^/  /' >&2
	fi
	if [ "$st" -gt 128 ]; then
		echo "bench: (killed by signal $((st - 128)))" >&2
	fi
	exit 1
fi
sy_ns=$best_ns
sy_kb=$peak_kb
yaml=$out/$(basename "$corpus" .txt).yaml

# The same with every scalar through libyaml's emitter (the writer's
# reference mode): how much the fast path gains, and a check that it
# writes the same bytes.
echo "bench: SHENYUE_WRITER=libyaml $shenyue extract, $runs runs"
mv "$yaml" "$out/fast.yaml" || die "cannot move $yaml aside"
measure libyaml env SHENYUE_WRITER=libyaml "$shenyue" extract --force -o "$out/" "$corpus" ||
	die "'SHENYUE_WRITER=libyaml $shenyue extract --force -o $out/ $corpus' failed"
ly_ns=$best_ns
if cmp -s "$yaml" "$out/fast.yaml"; then
	same=yes
else
	same="NO (cmp $yaml $out/fast.yaml)"
fi
mv "$out/fast.yaml" "$yaml" || die "cannot move $out/fast.yaml back"

echo "bench: wc -m and $shenyue extract on $typical, $runs runs"
measure twc wc -m "$typical" || die "wc -m $typical failed"
twc_ns=$best_ns
measure typical "$shenyue" extract --force -o "$out/" "$typical" ||
	die "'$shenyue extract --force -o $out/ $typical' failed"
typ_ns=$best_ns
typ_items=$(grep -c '^- id: ' "$out/typical-${mb}M.yaml")

# ------------------------------------------------------------ report
wc_rate=$(mbps "$wc_ns")
sy_rate=$(mbps "$sy_ns")
dry_rate=$(mbps "$dry_ns")
ratio=$(awk -v a="$sy_rate" -v b="$wc_rate" 'BEGIN { printf "%.2f", a / b }')
dry_ratio=$(awk -v a="$dry_rate" -v b="$wc_rate" 'BEGIN { printf "%.2f", a / b }')
ly_rate=$(mbps "$ly_ns")
ly_ratio=$(awk -v a="$ly_rate" -v b="$wc_rate" 'BEGIN { printf "%.2f", a / b }')

echo
printf '%-28s %s MB (%s bytes, %s chars)\n' "corpus:" "$mb" "$bytes" "$wc_chars"
printf '%-28s %s s, %s MB/s\n' "wc -m:" "$(secs "$wc_ns")" "$wc_rate"
printf '%-28s %s s, %s MB/s, %s x wc -m\n' "extract --dry-run:" "$(secs "$dry_ns")" "$dry_rate" "$dry_ratio"
printf '%-28s %s s, %s MB/s, %s x wc -m\n' "extract (YAML written):" "$(secs "$sy_ns")" "$sy_rate" "$ratio"
printf '%-28s %s s, %s MB/s, %s x wc -m\n' "the same, libyaml writer:" "$(secs "$ly_ns")" "$ly_rate" "$ly_ratio"
printf '%-28s %s\n' "same bytes both ways:" "$same"
if [ -f "$yaml" ]; then
	printf '%-28s %s: %s bytes, %s sections, %s statistics\n' "output:" "$yaml" \
		"$(wc -c <"$yaml")" "$(grep -c '^ *- id: s' "$yaml")" "$(grep -c '^ *- id: n' "$yaml")"
fi
twc_rate=$(mbps "$twc_ns")
typ_rate=$(mbps "$typ_ns")
typ_ratio=$(awk -v a="$typ_rate" -v b="$twc_rate" 'BEGIN { printf "%.2f", a / b }')
echo
printf '%-28s %s MB, %s items (%s per KB; the samples alone: %s)\n' "typical corpus:" "$mb" \
	"$typ_items" "$(awk -v n="$typ_items" -v b="$bytes" 'BEGIN { printf "%.1f", n / (b / 1000) }')" \
	"$(awk -v n="$(grep -c '^- id: ' "$yaml")" -v b="$bytes" 'BEGIN { printf "%.1f", n / (b / 1000) }')"
printf '%-28s %s s, %s MB/s\n' "wc -m:" "$(secs "$twc_ns")" "$twc_rate"
printf '%-28s %s s, %s MB/s, %s x wc -m\n' "extract (YAML written):" "$(secs "$typ_ns")" "$typ_rate" "$typ_ratio"
echo

strict_fail=0
[ "$same" = yes ] || strict_fail=1
# verdict RATE: PASS when RATE >= 100 MB/s
verdict() { awk -v r="$1" 'BEGIN { print (r >= 100) ? "PASS" : "FAIL" }'; }
v=$(verdict "$dry_rate")
[ "$v" = PASS ] || strict_fail=1
echo "target: extraction >=100 MB/s: $v ($dry_rate MB/s)"
v=$(verdict "$typ_rate")
[ "$v" = PASS ] || strict_fail=1
echo "target: extraction with the YAML written >=100 MB/s, typical reports: $v ($typ_rate MB/s)"
echo "  (the samples alone, 3.5 x the items per KB, the YAML 2.8 x the text: $(verdict "$sy_rate") at $sy_rate MB/s)"

# The corpus is the largest report; "few MB" is taken as 16 MB.
if [ -n "$sy_kb" ]; then
	rss_mb=$(awk -v k="$sy_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
	rss_ratio=$(awk -v k="$sy_kb" -v b="$bytes" 'BEGIN { printf "%.2f", k * 1024 / b }')
	limit_mb=$((3 * mb + 16))
	printf '%-28s %s MB, %s x corpus size\n' "peak RSS:" "$rss_mb" "$rss_ratio"
	if [ "$(awk -v r="$rss_mb" -v l="$limit_mb" 'BEGIN { print (r < l) ? "PASS" : "FAIL" }')" = PASS ]; then
		verdict=PASS
	else
		verdict=FAIL
		strict_fail=1
	fi
	echo "target: peak RSS < 3x largest report + few MB (< $limit_mb MB): $verdict ($rss_mb MB)"
else
	echo "target: peak RSS < 3x largest report + few MB: UNKNOWN (no GNU time)"
fi

if [ "${BENCH_STRICT:-0}" = 1 ] && [ "$strict_fail" -eq 1 ]; then
	exit 3
fi
exit 0
