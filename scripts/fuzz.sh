#!/bin/sh
# scripts/fuzz.sh - build the libFuzzer targets of fuzz/ and run them.
#
#   sh scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS is how long each target runs (default 600); TARGET is extract,
# annot, convert or all (the default), one after the other.  Needs clang with
# libFuzzer (Debian: clang and libclang-rt-14-dev) and the core's
# libraries (libyaml-dev, libutf8proc-dev).
#
# Everything goes into fuzz/build/ (not committed):
#   obj/                  the core sources, instrumented
#   fuzz_TARGET           the fuzzer
#   corpus-TARGET/        a writable copy of fuzz/corpus/TARGET/ that the
#                         fuzzer grows (kept from run to run; the committed
#                         seeds are never written)
#   artifacts-TARGET/     what libFuzzer saved: crash-*, leak-*, timeout-*,
#                         oom-*, slow-unit-*
#   log-TARGET.txt        the fuzzer's output
# crash-* and leak-* files are then copied into fuzz/regress/TARGET/, where
# `make check` (fuzz/regress.sh) replays them until the bug is fixed.
#
# After a crash the fuzzer is started again for the rest of the time (at
# most FUZZ_MAX_CRASHES=20 times per target), so one run can find several
# bugs; only the first input of each kind of failure (the same sanitizer
# SUMMARY line or broken invariant) goes to fuzz/regress/, the others stay
# in artifacts-TARGET/.  The kinds already copied are remembered in
# fuzz/build/signatures-TARGET (delete it to copy them again).  A known bug that keeps stopping the fuzzer can be
# stepped over with FUZZ_CFLAGS (added to the compiler flags) and the
# sanitizer options, e.g. for a signed overflow in core/docfacts.c:
#   FUZZ_CFLAGS=-fsanitize-recover=signed-integer-overflow \
#   UBSAN_OPTIONS=halt_on_error=0:print_stacktrace=1:suppressions=FILE
# with FILE holding "signed-integer-overflow:core/docfacts.c".
# Extra libFuzzer options can be given in FUZZ_FLAGS (e.g. '-jobs=2
# -workers=2'), another compiler in CC (default clang).
#
# Prints per target: executions, exec/s, time, corpus size, crashes.
# Exit status: 0 when nothing was found, 3 when a target crashed or leaked,
# 1 when something could not be built or run.

set -u

die() { printf 'fuzz: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'fuzz: %s\n' "$*"; }

case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
cd "$here/.." || die "cannot cd to $here/.."
[ -f core/format/annot_io.h ] || die "$(pwd) is not the shenyue source tree"

secs=600
if [ $# -gt 0 ]; then
	case $1 in
	'' | *[!0-9]*) ;;
	*) secs=$1; shift ;;
	esac
fi
[ "$secs" -gt 0 ] || die "SECONDS must be a positive integer"
targets=${*:-extract annot convert}
for t in $targets; do
	[ -f "fuzz/fuzz_$t.c" ] || die "unknown target '$t' (no fuzz/fuzz_$t.c)"
done
max_crashes=${FUZZ_MAX_CRASHES:-20}

CC=${CC:-clang}
command -v "$CC" >/dev/null 2>&1 || die "$CC not found (apt-get install clang)"
pkg-config --exists yaml-0.1 libutf8proc libxml-2.0 libzip ||
	die "pkg-config does not find yaml-0.1, libutf8proc, libxml-2.0 and libzip (apt-get install libyaml-dev libutf8proc-dev libxml2-dev libzip-dev)"
PKG_CFLAGS=$(pkg-config --cflags yaml-0.1 libutf8proc libxml-2.0 libzip)
PKG_LIBS=$(pkg-config --libs yaml-0.1 libutf8proc libxml-2.0 libzip)
if pkg-config --exists poppler-glib; then     # PDF, as configure does
	PKG_CFLAGS="$PKG_CFLAGS $(pkg-config --cflags poppler-glib) -DHAVE_POPPLER=1"
	PKG_LIBS="$PKG_LIBS $(pkg-config --libs poppler-glib)"
fi

STD="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE"
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
# the core objects: the same instrumentation, without libFuzzer's main()
SAN_OBJ="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
CFLAGS_FUZZ="-g -O1 -fno-omit-frame-pointer"
# last, so that they can undo what comes before (-fsanitize-recover=...)
EXTRA=${FUZZ_CFLAGS:-}

BUILD=fuzz/build
mkdir -p "$BUILD/obj" || die "cannot create $BUILD"

# ------------------------------------------------------------ libFuzzer here?
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' \
	>"$BUILD/probe.c"
# shellcheck disable=SC2086 # word splitting of the flags is wanted
if ! $CC $SAN "$BUILD/probe.c" -o "$BUILD/probe" 2>"$BUILD/probe.err"; then
	cat "$BUILD/probe.err" >&2
	die "$CC cannot link -fsanitize=fuzzer: install libFuzzer (Debian 12: apt-get install libclang-rt-14-dev)"
fi
rm -f "$BUILD/probe" "$BUILD/probe.c" "$BUILD/probe.err"

# ------------------------------------------------------------ build
say "building the core with $CC ($SAN_OBJ${EXTRA:+ $EXTRA})"
objs=
flags_now="$CC $STD $CFLAGS_FUZZ $SAN_OBJ $PKG_CFLAGS $EXTRA"
flags_same=no
if [ -f "$BUILD/obj/flags" ] && [ "$(cat "$BUILD/obj/flags")" = "$flags_now" ]; then
	flags_same=yes
fi
for c in core/*/*.c; do
	o=$BUILD/obj/$(basename "$c" .c).o
	objs="$objs $o"
	# rebuild when the source or any core header is newer, or the flags
	# changed
	if [ -f "$o" ] && [ "$flags_same" = yes ] &&
		[ -z "$(find core -name '*.[ch]' -newer "$o" | head -n 1)" ]; then
		continue
	fi
	# shellcheck disable=SC2086
	$CC $STD $CFLAGS_FUZZ $SAN_OBJ -Icore $PKG_CFLAGS $EXTRA -c "$c" -o "$o" ||
		die "compiling $c failed"
done
printf '%s\n' "$flags_now" >"$BUILD/obj/flags"
for t in $targets; do
	say "building $BUILD/fuzz_$t"
	# shellcheck disable=SC2086
	$CC $STD $CFLAGS_FUZZ $SAN -Icore $PKG_CFLAGS $EXTRA "fuzz/fuzz_$t.c" $objs \
		$PKG_LIBS -lm -o "$BUILD/fuzz_$t" || die "linking fuzz_$t failed"
done

# ------------------------------------------------------------ run
# statistic NAME of a log (libFuzzer's -print_final_stats lines), summed
# over the runs in it
stat_sum() {
	awk -v k="stat::$1:" '$1 == k { s += $2 } END { print s + 0 }' "$2"
}

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

summary=
found=0
: >"$BUILD/kinds"
for t in $targets; do
	corpus=$BUILD/corpus-$t
	art=$BUILD/artifacts-$t
	log=$BUILD/log-$t.txt
	reg=fuzz/regress/$t
	mkdir -p "$corpus" "$art" "$reg" || die "cannot create the folders of $t"
	# seeds into the writable copy (files already there are kept)
	for f in fuzz/corpus/"$t"/*; do
		[ -f "$f" ] || continue
		[ -f "$corpus/${f##*/}" ] || cp "$f" "$corpus/" || die "cannot copy $f"
	done
	before=$(find "$corpus" -type f | wc -l)
	: >"$log"
	others=

	say "running fuzz_$t for ${secs}s (log: $log)"
	start=$(date +%s)
	runs=0
	crashes=0
	# kinds of failure already copied to fuzz/regress/ (kept from run to
	# run; remove the file to copy them again) and those of this run
	seen=$BUILD/signatures-$t
	[ -f "$seen" ] || : >"$seen"
	kinds_run=$BUILD/kinds-$t
	: >"$kinds_run"
	while :; do
		now=$(date +%s)
		left=$((secs - (now - start)))
		[ "$left" -gt 0 ] || break
		runs=$((runs + 1))
		# shellcheck disable=SC2086 # FUZZ_FLAGS is a list of options
		"$BUILD/fuzz_$t" -max_total_time="$left" -print_final_stats=1 \
			-dict="fuzz/$t.dict" -max_len=16384 -timeout=25 \
			-rss_limit_mb=2048 -artifact_prefix="$art/" \
			${FUZZ_FLAGS:-} "$corpus" >"$BUILD/run-$t.txt" 2>&1
		rc=$?
		cat "$BUILD/run-$t.txt" >>"$log"
		# what this run saved, as libFuzzer says it
		sed -n 's|.*Test unit written to .*/||p' "$BUILD/run-$t.txt" >"$BUILD/artifacts-new-$t"
		[ "$rc" -eq 0 ] && [ ! -s "$BUILD/artifacts-new-$t" ] && break
		if [ ! -s "$BUILD/artifacts-new-$t" ]; then
			tail -n 30 "$BUILD/run-$t.txt" >&2
			die "fuzz_$t failed (exit $rc) without an artifact"
		fi
		# the kind of failure: the broken invariant, else the sanitizer's
		# SUMMARY line, else libFuzzer's ERROR line
		sig=$(grep -m 1 'invariant broken:' "$BUILD/run-$t.txt")
		[ -n "$sig" ] || sig=$(grep -m 1 '^SUMMARY: ' "$BUILD/run-$t.txt")
		[ -n "$sig" ] || sig=$(grep -m 1 'ERROR: ' "$BUILD/run-$t.txt" | sed 's/^==[0-9]*== *//')
		new=yes
		if grep -q -x -F -e "$sig" "$seen"; then
			new=no
		else
			printf '%s\n' "$sig" >>"$seen"
		fi
		grep -q -x -F -e "$sig" "$kinds_run" || printf '%s\n' "$sig" >>"$kinds_run"
		while read -r a; do
			[ -n "$a" ] || continue
			# the corpus holds inputs under the sha1 of their bytes, as
			# the artifact is named: drop it there, or the next start
			# would stop on it again while reading the corpus
			rm -f "$corpus/${a#*-}"
			case $a in
			crash-* | leak-*)
				crashes=$((crashes + 1))
				if [ "$new" = yes ]; then
					cp "$art/$a" "$reg/$a"
					say "fuzz_$t: $a -> $reg/$a ($sig)"
				else
					say "fuzz_$t: $a: a kind found before, left in $art/ ($sig)"
				fi
				;;
			timeout-* | oom-* | slow-unit-*)
				others="$others $a"
				say "fuzz_$t: $a (in $art/)"
				;;
			esac
		done <"$BUILD/artifacts-new-$t"
		[ "$rc" -eq 0 ] && break
		[ "$runs" -le "$max_crashes" ] || break
		say "fuzz_$t stopped on a finding (exit $rc); going on for the rest of the time"
	done
	end=$(date +%s)
	kinds=$(grep -c . "$kinds_run")
	rm -f "$BUILD/artifacts-new-$t" "$BUILD/run-$t.txt"
	[ "$crashes" -eq 0 ] || found=1
	[ "$kinds" -eq 0 ] || sed "s/^/  $t: /" "$kinds_run" >>"$BUILD/kinds"
	rm -f "$kinds_run"

	execs=$(stat_sum number_of_executed_units "$log")
	elapsed=$((end - start))
	[ "$elapsed" -gt 0 ] || elapsed=1
	rate=$((execs / elapsed))
	added=$(stat_sum new_units_added "$log")
	after=$(find "$corpus" -type f | wc -l)
	kb=$(du -sk "$corpus" | cut -f1)
	line=$(printf '%-8s executions %s, exec/s %s, time %ss, corpus %s -> %s files (%s new units, %s KiB), crashes %s (%s kinds)' \
		"$t" "$execs" "$rate" "$elapsed" "$before" "$after" "$added" "$kb" "$crashes" "$kinds")
	[ -z "$others" ] || line="$line; also in $art/:$others"
	summary="$summary$line
"
done

printf '\n==== fuzz summary (%ss per target)\n%s' "$secs" "$summary"
if [ -s "$BUILD/kinds" ]; then
	echo "kinds of failure:"
	cat "$BUILD/kinds"
fi
if [ "$found" -ne 0 ]; then
	say "crashes were found: see fuzz/regress/*/ and $BUILD/log-*.txt"
	say "replay one: $BUILD/fuzz_TARGET fuzz/regress/TARGET/FILE"
	exit 3
fi
exit 0
