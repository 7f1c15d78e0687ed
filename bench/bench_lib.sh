# bench/bench_lib.sh - what the benchmarks share; sourced by bench.sh and
# tui_bench.sh (as `. "$srcdir/bench/bench_lib.sh"`, BENCH_NAME set first):
#
#   die MESSAGE...         the message as "BENCH_NAME: error: ...", exit 1
#   bench_check SHENYUE SRCDIR
#                          the program runs and SRCDIR has the samples (else
#                          die); gnutime is GNU time (empty, said, when
#                          there is none: no peak RSS); date gives
#                          nanoseconds (else die)
#   now                    the clock in nanoseconds

die() { printf '%s: error: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }

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
