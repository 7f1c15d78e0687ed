# bench/bench_lib.sh - what the benchmarks share; sourced by bench.sh and
# tui_bench.sh (as `. "$srcdir/bench/bench_lib.sh"`, BENCH_NAME set first):
#
#   die MESSAGE...         the message as "BENCH_NAME: error: ...", exit 1
#   bench_args "$@"        the two arguments SHENYUE SRCDIR in $shenyue and
#                          $srcdir (else die with the usage)
#   bench_positive VAR=VALUE...   die unless each VALUE is a positive integer
#   bench_number VAR=VALUE...     die unless each VALUE is a number (0: skip)
#   bench_check SHENYUE SRCDIR
#                          the program runs and SRCDIR has the samples (else
#                          die); gnutime is GNU time (empty, said, when
#                          there is none: no peak RSS); date gives
#                          nanoseconds (else die)
#   now                    the clock in nanoseconds
#   timed rss|wall NAME CMD...
#                          CMD run once, stdout in $out/NAME.stdout, stderr
#                          in $out/NAME.stderr; its wall time in $ns; with
#                          rss (and GNU time) its peak RSS in KB in
#                          $out/NAME.rss; the status CMD's
#   best_of rss|wall NAME CMD...
#                          timed $runs times: the best wall time in
#                          $best_ns, with rss the highest peak RSS in
#                          $peak_kb; the status of the first failing run

die() { printf '%s: error: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }

bench_args() {
	[ $# -eq 2 ] || die "usage: sh $BENCH_NAME.sh SHENYUE SRCDIR"
	shenyue=$1
	srcdir=$2
}

bench_positive() {
	for bp_v in "$@"; do
		case ${bp_v#*=} in '' | *[!0-9]* | 0) die "${bp_v%%=*} must be a positive integer" ;; esac
	done
}

bench_number() {
	for bn_v in "$@"; do
		case ${bn_v#*=} in '' | *[!0-9]*) die "${bn_v%%=*} must be a number (0: skip)" ;; esac
	done
}

bench_check() {
	[ -x "$1" ] || die "$1: not an executable program (build it first: make)"
	[ -d "$2/samples" ] || die "$2/samples: no such directory"
	gnutime=
	if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
		gnutime=/usr/bin/time
	else
		echo "$BENCH_NAME: GNU time not found (apt-get install time): no peak RSS" >&2
	fi
	if ! date +%N | grep -q '^[0-9][0-9]*$'; then
		die "date +%N does not give nanoseconds (GNU coreutils needed)"
	fi
}

now() { date +%s%N; }

timed() {
	tm_rss=$1
	tm_name=$2
	shift 2
	t0=$(now)
	if [ "$tm_rss" = rss ] && [ -n "$gnutime" ]; then
		"$gnutime" -f %M -o "$out/$tm_name.rss" "$@" >"$out/$tm_name.stdout" 2>"$out/$tm_name.stderr"
	else
		"$@" >"$out/$tm_name.stdout" 2>"$out/$tm_name.stderr"
	fi
	tm_st=$?
	ns=$(($(now) - t0))
	return $tm_st
}

best_of() {
	bo_mode=$1
	bo_name=$2
	shift 2
	best_ns=
	peak_kb=
	bo_i=0
	while [ "$bo_i" -lt "$runs" ]; do
		bo_i=$((bo_i + 1))
		timed "$bo_mode" "$bo_name" "$@" || return
		if [ -z "$best_ns" ] || [ "$ns" -lt "$best_ns" ]; then
			best_ns=$ns
		fi
		if [ "$bo_mode" = rss ] && [ -n "$gnutime" ]; then
			kb=$(tail -n 1 "$out/$bo_name.rss")
			if [ -z "$peak_kb" ] || [ "$kb" -gt "$peak_kb" ]; then
				peak_kb=$kb
			fi
		fi
	done
	return 0
}
