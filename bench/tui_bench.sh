#!/bin/sh
# bench/tui_bench.sh - speed and memory of the review screen on a big report.
#
#   sh bench/tui_bench.sh SHENYUE SRCDIR      (what `make bench` runs, after
#                                             bench.sh)
#
# SHENYUE is the program to measure, SRCDIR the source tree (for the
# samples and the generator).  Works in ./bench-out/.  Generates one report
# of TUI_BENCH_MB MB (default 10) with gen_corpus.sh, extracts it, then
# runs `shenyue review --script KEYS --size 80x24 --timing` on it:
#
#   - BENCH_RUNS times (default 3) with an empty script: time to the first
#     full screen (the annotation file exists beforehand: opening a
#     reviewed-in-progress report);
#   - one script per kind of key, to tell which kinds are slow: moving
#     (TUI_BENCH_MOVE keys, default 1000), deciding (TUI_BENCH_DECIDE,
#     default 200: Space, a, x, u, C-r), searching (TUI_BENCH_SEARCH keys,
#     default 400: "/" C-u WORD Enter n n N, 8 keys a search), and moving in
#     the text pane (TUI_BENCH_TEXT keys, default 500);
#   - the mixed script of TUI_BENCH_KEYS keys (default 10000), under GNU
#     time for the peak RSS.
#
# Every run starts from the annotation file as `extract` wrote it (copied
# back, journal removed).  References measured in the same run: `cat`, and
# `shenyue extract --dry-run` (read and extract the report, write nothing)
# and `shenyue extract --force` (the same, and the whole YAML written).
#
# Exit status: 0 when measured (targets PASS or FAIL), 1 when something
# could not run; with BENCH_STRICT=1 a FAILed target gives exit status 3.

set -u

BENCH_NAME=tui_bench
say() { printf 'tui_bench: %s\n' "$*"; }

case $0 in */*) . "${0%/*}/bench_lib.sh" ;; *) . ./bench_lib.sh ;; esac
bench_args "$@"
mb=${TUI_BENCH_MB:-10}
runs=${BENCH_RUNS:-3}
nkeys=${TUI_BENCH_KEYS:-10000}
nmove=${TUI_BENCH_MOVE:-1000}
ndecide=${TUI_BENCH_DECIDE:-200}
nsearch=${TUI_BENCH_SEARCH:-400}
ntext=${TUI_BENCH_TEXT:-500}
bench_positive "TUI_BENCH_MB=$mb" "BENCH_RUNS=$runs" "TUI_BENCH_KEYS=$nkeys"
bench_number "TUI_BENCH_MOVE=$nmove" "TUI_BENCH_DECIDE=$ndecide" \
	"TUI_BENCH_SEARCH=$nsearch" "TUI_BENCH_TEXT=$ntext"

bench_check "$shenyue" "$srcdir"
# curses wants a terminal type even when the screen goes to /dev/null
TERM=${TERM:-xterm}
[ "$TERM" = dumb ] && TERM=xterm
LC_ALL=C.UTF-8
export TERM LC_ALL

out=bench-out
report=$out/review-${mb}M.txt
yaml=$out/review-${mb}M.yaml
fresh=$out/review-${mb}M.yaml.extracted
bytes=$((mb * 1000000))
mkdir -p "$out" || die "cannot create $out"

# ------------------------------------------------------------ report
have=0
[ -f "$report" ] && have=$(wc -c <"$report")
if [ "$have" -ne "$bytes" ]; then
	say "generating $report ($mb MB)"
	sh "$srcdir/bench/gen_corpus.sh" -s "$srcdir/samples" "$mb" "$report" ||
		die "generating $report failed"
else
	say "using $report ($mb MB, already there)"
fi
cat "$report" >/dev/null # warm the page cache

# ------------------------------------------------------------ helpers
ms() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }

# run_failed NAME STATUS CMD...: say what failed and exit 1
run_failed() {
	name=$1
	st=$2
	shift 2
	echo "tui_bench: error: '$*' failed (exit status $st)" >&2
	if [ -s "$out/$name.stderr" ]; then
		echo "tui_bench: its stderr ends with:" >&2
		tail -n 10 "$out/$name.stderr" | sed 's/^/  /' >&2
	fi
	[ "$st" -gt 128 ] && echo "tui_bench: (killed by signal $((st - 128)))" >&2
	exit 1
}

# best NAME CMD...: run CMD $runs times; best_ns = best wall time (ns)
best() {
	name=$1
	shift
	best_of wall "$name" "$@" || run_failed "$name" "$?" "$@"
}

# review NAME KEYS: one review run from the freshly extracted annotation
# file; sets first_ms, keys, mean_ms, worst_ms (empty without keys),
# wall_ns, rss_kb (empty without GNU time).
review() {
	name=$1
	script=$2
	cp "$fresh" "$yaml" || die "cannot copy $fresh to $yaml"
	rm -f "$yaml.journal"
	set -- "$shenyue" review --script "$script" --size 80x24 --timing "$report"
	timed rss "$name" "$@"
	st=$?
	[ "$st" -eq 0 ] || run_failed "$name" "$st" "$@"
	wall_ns=$ns
	first_ms=$(sed -n 's/^first screen: \([0-9.]*\) ms$/\1/p' "$out/$name.stderr" | tail -n 1)
	[ -n "$first_ms" ] || run_failed "$name" "$st (no 'first screen:' line)" "$@"
	set -- $(sed -n 's/^keys: \([0-9]*\), mean \([0-9.]*\) ms, worst \([0-9.]*\) ms$/\1 \2 \3/p' \
		"$out/$name.stderr" | tail -n 1)
	keys=${1:-0} mean_ms=${2:-} worst_ms=${3:-}
	rss_kb=
	[ -n "$gnutime" ] && rss_kb=$(tail -n 1 "$out/$name.rss")
}

# gen_keys KIND N FILE: a deterministic key script of about N keys (a
# typed character is one key).  Prints the number of keys written and, for
# the mix, how many of each kind.  KIND: mix, move, decide, search, text.
gen_keys() {
	LC_ALL=C awk -v kind="$1" -v n="$2" -v seed=20240131 '
	function rnd() { seed = (seed * 16807) % 2147483647; return seed }
	function emit(s, k) { line = line (line == "" ? "" : " ") s; nk += k
		if (length(line) > 70) { print line; line = "" } }
	function tally(what, k) { count[what] += k }
	# "/" C-u WORD Enter: 1 + 1 + 2 characters + 1 keys (the prompt comes
	# with the last search in it: C-u clears it)
	function search() { emit("/ C-u \"" word[rnd() % nw] "\" Enter", 5); tally("searching", 5) }
	function textmoves(   m, i, r) {
		emit("Tab", 1); m = 2 + rnd() % 7
		for (i = 0; i < m; i++) {
			r = rnd() % 10
			emit(r < 4 ? "j" : r < 6 ? "k" : r < 7 ? "l" : r < 8 ? "h" : r < 9 ? "PgDn" : "PgUp", 1)
		}
		emit("Tab", 1); tally("text-pane", m + 2)
	}
	BEGIN {
		nw = split("执法 法治 行政 全年 推进 建设 宣传 依法 纠纷 政府 " \
			   "落实 群众 调解 办结 案件 万元 同比 培训 排查 整改", word, " ")
		for (i = 1; i <= nw; i++) word[i - 1] = word[i]
		print "# " kind " key script, generated by bench/tui_bench.sh"
		line = ""; nk = 0
		if (kind == "text") { emit("Tab", 1); tally("text-pane", 1) }
		# off the document facts (the first row), which x cannot reject
		if (kind == "decide") { emit("j", 1); tally("moving", 1) }
		while (nk < n) {
			r = rnd() % 1000
			if (kind == "move") {
				k = r < 450 ? "j" : r < 700 ? "k" : r < 800 ? "PgDn" : r < 880 ? "PgUp" : \
				    r < 900 ? "g" : r < 920 ? "G" : r < 980 ? "]" : "Enter"
				emit(k, 1); tally("moving", 1)
			} else if (kind == "decide") {
				k = r < 600 ? "Space" : r < 750 ? "a" : r < 850 ? "x" : r < 950 ? "u" : "C-r"
				emit(k, 1); tally("deciding", 1)
			} else if (kind == "search") {
				search(); emit("n", 1); emit("n", 1); emit("N", 1); tally("searching", 3)
			} else if (kind == "text") {
				k = r < 400 ? "j" : r < 600 ? "k" : r < 700 ? "l" : r < 800 ? "h" : \
				    r < 880 ? "PgDn" : r < 950 ? "PgUp" : r < 975 ? "G" : "g"
				emit(k, 1); tally("text-pane", 1)
			} else {
				# by keys: about 55% moving, 15% deciding, 13% searching,
				# 16% in the text pane
				if (r < 100) { emit("k", 1); tally("moving", 1) }
				else if (r < 160) { emit("PgDn", 1); tally("moving", 1) }
				else if (r < 200) { emit("PgUp", 1); tally("moving", 1) }
				else if (r < 210) { emit("g j", 2); tally("moving", 2) }
				else if (r < 215) { emit("G", 1); tally("moving", 1) }
				else if (r < 245) { emit("]", 1); tally("moving", 1) }
				else if (r < 260) { emit("Enter", 1); tally("moving", 1) }
				else if (r < 350) { emit("Space", 1); tally("deciding", 1) }
				else if (r < 375) { emit("a", 1); tally("deciding", 1) }
				else if (r < 395) { emit("x", 1); tally("deciding", 1) }
				else if (r < 415) { emit("u", 1); tally("deciding", 1) }
				else if (r < 425) { emit("C-r", 1); tally("deciding", 1) }
				else if (r < 450) { search() }
				else if (r < 480) { emit("n", 1); tally("searching", 1) }
				else if (r < 490) { emit("N", 1); tally("searching", 1) }
				else if (r < 515) { textmoves() }
				else { emit("j", 1); tally("moving", 1) }
			}
		}
		if (line != "") print line
		s = nk ""
		for (w in count) s = s " " w "=" count[w]
		print s > "/dev/stderr"
	}' >"$3"
}

# ------------------------------------------------------------ references
say "references: cat, extract --dry-run, extract --force; best of $runs runs"
best cat cat "$report"
cat_ns=$best_ns
best dry "$shenyue" extract --dry-run "$report"
dry_ns=$best_ns
counts=$(sed -n 's/.*: \([0-9]*\) sections, \([0-9]*\) statistics.*/\1 \2/p' "$out/dry.stdout" | tail -n 1)
[ -n "$counts" ] || die "cannot read the item count in $out/dry.stdout: $(head -c 200 "$out/dry.stdout")"
set -- $counts
nsec=$1 nstat=$2
items=$((nsec + nstat))
best extract "$shenyue" extract --force "$report"
ext_ns=$best_ns
[ -f "$yaml" ] || die "extract did not write $yaml"
cp "$yaml" "$fresh" || die "cannot copy $yaml"
yaml_bytes=$(wc -c <"$fresh")

# ------------------------------------------------------------ first screen
printf '# no keys: open, draw, quit\n' >"$out/review-empty.keys"
say "first screen: $runs runs with no keys"
first_best=
for i in $(seq "$runs"); do
	review first "$out/review-empty.keys"
	if [ -z "$first_best" ] || [ "$(awk -v a="$first_ms" -v b="$first_best" 'BEGIN { print (a < b) }')" = 1 ]; then
		first_best=$first_ms
	fi
	first_rss=$rss_kb
done

# ------------------------------------------------------------ kinds of keys
# results per kind: kind|script keys|counted keys|mean|worst
kinds=$out/review-kinds.txt
: >"$kinds"
run_kind() {
	kind=$1
	n=$2
	label=$3
	[ "$n" -gt 0 ] || return 0
	desc=$(gen_keys "$kind" "$n" "$out/review-$kind.keys" 2>&1)
	say "$label: ${desc%% *} keys"
	review "kind-$kind" "$out/review-$kind.keys"
	echo "$label|${desc%% *}|$keys|$mean_ms|$worst_ms|$(ms "$wall_ns")" >>"$kinds"
}
run_kind move "$nmove" "moving (j k PgDn PgUp g G ] Enter)"
run_kind decide "$ndecide" "deciding (Space a x u C-r)"
run_kind search "$nsearch" "searching (/ C-u WORD Enter, n n N)"
run_kind text "$ntext" "text pane (Tab, j k h l PgDn PgUp g G)"

# ------------------------------------------------------------ the mix
mix=$out/review-mix.keys
desc=$(gen_keys mix "$nkeys" "$mix" 2>&1)
script_keys=${desc%% *}
say "mixed script: $script_keys keys:${desc#* }"
est=$(awk -F'|' -v d="$desc" '
	/^moving/ { mv = $4 } /^deciding/ { dc = $4 }
	END { n = split(d, f, " "); t = 0
		for (i = 2; i <= n; i++) { split(f[i], kv, "=")
			t += kv[2] * (kv[1] == "deciding" ? dc : mv) }
		printf "%.0f", t / 1000 + 5 }' "$kinds")
say "running it (about $est s from the runs above; TUI_BENCH_KEYS=N for fewer keys)"
review mix "$mix"
mix_keys=$keys mix_mean=$mean_ms mix_worst=$worst_ms mix_first=$first_ms mix_rss=$rss_kb
mix_wall=$wall_ns

# ------------------------------------------------------------ results
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3g", a / b; else print "?" }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b) ? "PASS" : "FAIL" }'; }
strict_fail=0
target() { # target VERDICT TEXT
	[ "$1" = PASS ] || strict_fail=1
	echo "target: $2: $1"
}

echo
printf '%-26s %s MB (%s bytes), one file\n' "report:" "$mb" "$bytes"
printf '%-26s %s (%s sections + %s statistics, from extract --dry-run)\n' "items:" "$items" "$nsec" "$nstat"
printf '%-26s %s bytes (%s x the report)\n' "annotation file:" "$yaml_bytes" \
	"$(awk -v a="$yaml_bytes" -v b="$bytes" 'BEGIN { printf "%.2f", a / b }')"
printf '%-26s %s ms\n' "ref: cat:" "$(ms "$cat_ns")"
printf '%-26s %s ms\n' "ref: extract --dry-run:" "$(ms "$dry_ns")"
printf '%-26s %s ms (whole YAML written)\n' "ref: extract --force:" "$(ms "$ext_ns")"
printf '%-26s %s ms (best of %s; %s ms in the mixed run), %s x extract --dry-run, %s x cat\n' \
	"first screen:" "$first_best" "$runs" "$mix_first" \
	"$(ratio "$first_best" "$(ms "$dry_ns")")" "$(ratio "$first_best" "$(ms "$cat_ns")")"
echo
echo "per kind of key (separate runs; the screen is 80x24; a prompt's typed keys count as one key in 'counted'):"
printf '  %-42s %7s %7s %10s %10s %9s\n' kind script counted "mean ms" "worst ms" "run s"
while IFS='|' read -r label sk ck mean worst wall; do
	printf '  %-42s %7s %7s %10s %10s %9s\n' "$label" "$sk" "$ck" "${mean:--}" "${worst:--}" \
		"$(awk -v m="$wall" 'BEGIN { printf "%.1f", m / 1000 }')"
	case $label in deciding*)
		dec_mean=$mean
		printf '  %-42s %s x extract --force (%s ms, the whole YAML written)\n' \
			"  deciding mean:" "$(ratio "$mean" "$(ms "$ext_ns")")" "$(ms "$ext_ns")" ;;
	esac
done <"$kinds"
echo
printf '%-26s %s in the script, %s counted by --timing; run %s s\n' "mixed run, keys:" \
	"$script_keys" "$mix_keys" "$(awk -v n="$mix_wall" 'BEGIN { printf "%.1f", n / 1e9 }')"
printf '%-26s mean %s ms, worst %s ms\n' "mixed run, per key:" "${mix_mean:--}" "${mix_worst:--}"

target "$(lt "$first_best" 200)" "first screen < 200 ms ($first_best ms, $(ratio "$first_best" "$(ms "$dry_ns")") x extract --dry-run)"
if [ -n "$mix_mean" ]; then
	target "$(lt "$mix_mean" 1)" "mean per key < 1 ms ($mix_mean ms over $mix_keys keys)"
	target "$(lt "$mix_worst" 20)" "worst per key < 20 ms ($mix_worst ms)"
else
	target FAIL "per key: no 'keys:' line from --timing"
fi
if [ -n "$mix_rss" ]; then
	limit=$((4 * bytes + 300 * items))
	rss_b=$((mix_rss * 1024))
	limit_mb=$(awk -v b="$limit" 'BEGIN { printf "%.1f", b / 1e6 }')
	rss_mb=$(awk -v b="$rss_b" 'BEGIN { printf "%.1f", b / 1e6 }')
	printf '%-26s %s MB (%s x the report; %s MB opening only)\n' "peak RSS:" "$rss_mb" \
		"$(awk -v a="$rss_b" -v b="$bytes" 'BEGIN { printf "%.1f", a / b }')" \
		"$(awk -v k="$first_rss" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')"
	target "$(lt "$rss_b" "$limit")" "peak RSS < 4 x report + 300 B x items (< $limit_mb MB) ($rss_mb MB, $(ratio "$rss_b" "$limit") x the limit)"
else
	echo "target: peak RSS < 4 x report + 300 B x items: UNKNOWN (no GNU time)"
fi
# Which kinds of keys miss the per-key targets in their own run.
slow=$(awk -F'|' '$4 != "" && ($4 >= 1 || $5 >= 20) {
	printf "%s%s (mean %s ms, worst %s ms)", sep, $1, $4, $5; sep = "; " }' "$kinds")
if [ -n "$slow" ]; then
	echo "note: kinds of keys over 1 ms mean or 20 ms worst in their own run: $slow"
fi
# A decision that costs about a whole save means the annotation file is
# rewritten at each one.
if [ -n "${dec_mean:-}" ] &&
	[ "$(awk -v d="$dec_mean" -v e="$(ms "$ext_ns")" 'BEGIN { print (d > e / 4) }')" = 1 ]; then
	echo "note: a decision costs about as much as extract --force: each one rewrites"
	echo "      the whole annotation file ($yaml_bytes bytes)."
fi

if [ "${BENCH_STRICT:-0}" = 1 ] && [ "$strict_fail" -eq 1 ]; then
	exit 3
fi
exit 0
