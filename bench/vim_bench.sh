#!/bin/sh
# bench/vim_bench.sh - the first screen of `shenyue review` beside
# `vim -u NONE -N` on the same 10 MB report of real density.
#
#   sh bench/vim_bench.sh SHENYUE SRCDIR SHARED   (part of `make bench`;
#                                                 alone: make bench-vim)
#
# SHARED is the folder of the development corpus (configure's
# SHENYUE_SHARED).  Works in ./bench-out/.  Concatenates the reports of
# SHARED/corpus (whole files, in name order, a blank line after each,
# round after round) until VIM_BENCH_MB MB (default 10) are reached, and
# extracts the result once: `review` then opens a report whose annotation
# file exists, as a reviewer reopens one.  Then, VIM_BENCH_RUNS times
# (default 5), alternately, in an 80x24 pane of a tmux server of its own:
#
#   - shenyue review REPORT: the time from starting it until the screen
#     shows its status line (the "? help" at its end) under a header;
#   - VIM -u NONE -N REPORT: the time until the screen shows vim's
#     message about the file read ("REPORT" NL, NB) under its text.
#
# The screen is read with `tmux capture-pane` every few milliseconds; that
# costs the same for both.  Every shenyue run starts from the annotation
# file as extract wrote it (copied back; journal and lock removed), every
# vim run without a swap file.  Prints every run, the medians and their
# ratio, and the target of issue 11: shenyue no slower than vim.
#
# VIM is VIM_BENCH_VIM, else /usr/bin/vim, else `vim` on the PATH.  Without
# vim (or tmux) the comparison cannot be made: that is an error, not a
# skip (apt-get install vim-nox, or vim-tiny).
#
# Exit status: 0 when measured (the target PASS or FAIL), 1 when something
# could not run; with BENCH_STRICT=1 a FAILed target gives exit status 3.

set -u

me=vim_bench
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }
say() { printf '%s: %s\n' "$me" "$*"; }
positive() { case $2 in '' | *[!0-9]* | 0) die "$1 must be a positive integer" ;; esac; }

[ $# -eq 3 ] || die "usage: sh $me.sh SHENYUE SRCDIR SHARED"
shenyue=$1 shared=$3
mb=${VIM_BENCH_MB:-10} runs=${VIM_BENCH_RUNS:-5}
positive VIM_BENCH_MB "$mb"
positive VIM_BENCH_RUNS "$runs"
[ -x "$shenyue" ] || die "$shenyue: not an executable program (build it first: make)"
set -- "$shared"/corpus/*.txt
[ -f "$1" ] || die "$shared/corpus: no report (*.txt) there; set SHENYUE_SHARED at configure"

vim=${VIM_BENCH_VIM:-}
if [ -z "$vim" ]; then
	if [ -x /usr/bin/vim ]; then vim=/usr/bin/vim; else vim=$(command -v vim || true); fi
fi
[ -n "$vim" ] && [ -x "$vim" ] ||
	die "vim not found (apt-get install vim-nox, or vim-tiny; or set VIM_BENCH_VIM): the first screen cannot be compared with vim -u NONE"
command -v tmux >/dev/null 2>&1 || die "tmux not found (apt-get install tmux)"
if ! date +%N | grep -q '^[0-9][0-9]*$'; then
	die "date +%N does not give nanoseconds (GNU coreutils needed)"
fi
LC_ALL=C.UTF-8
export LC_ALL
unset TMUX

out=bench-out
mkdir -p "$out" || die "cannot create $out"
base=dev-${mb}M name=dev-${mb}M.txt
report=$out/$name yaml=$out/$base.yaml fresh=$out/$base.yaml.extracted

# ------------------------------------------------------------ report
# The same corpus always gives the same file: rebuilt when missing or
# smaller than asked (a file of another VIM_BENCH_MB is a larger one).
want=$((mb * 1000000))
have=$(wc -c <"$report" 2>/dev/null || echo 0)
if [ "$have" -lt "$want" ] || [ "$have" -gt $((want + 100000)) ]; then
	say "concatenating the reports of $shared/corpus to $mb MB: $report"
	: >"$report" || die "cannot write $report"
	size=0
	while [ "$size" -lt "$want" ]; do
		for f in "$@"; do
			cat "$f" >>"$report" && printf '\n' >>"$report" ||
				die "cannot write $report"
		done
		size=$(wc -c <"$report")
	done
	rm -f "$fresh"
fi
bytes=$(wc -c <"$report")
if [ ! -f "$fresh" ]; then
	rm -f "$yaml" "$yaml.journal"
	"$shenyue" extract --force "$report" >"$out/vim-extract.stdout" 2>"$out/vim-extract.stderr" ||
		die "shenyue extract $report failed: $(tail -n 3 "$out/vim-extract.stderr")"
	cp "$yaml" "$fresh" || die "cannot copy $yaml"
fi
items=$(grep -c '^- id:' "$fresh")
cat "$report" "$fresh" >/dev/null # warm the page cache

# ------------------------------------------------------------ tmux
sock=shenyue-vim-bench-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { tm kill-server 2>/dev/null; }
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
pane=bench:0.0
tm new-session -d -s bench -x 80 -y 24 "sleep 100000" || die "tmux: cannot start a server"
tm set-option -g remain-on-exit on >/dev/null || die "tmux: cannot set remain-on-exit"

now() { date +%s%N; }
nl='
'
# first_screen LABEL SCREEN QUIT CMD...: start CMD in the pane; ns = the
# time until the pane's first line has text and the screen matches SCREEN
# (a case pattern, unquoted: its quotes are characters to match); then
# type QUIT and wait for CMD to end.
first_screen() {
	label=$1 want_screen=$2 quit=$3
	shift 3
	tm respawn-pane -k -t "$pane" "sleep 100000" || die "tmux: respawn-pane failed"
	tm clear-history -t "$pane"
	# a fresh pane is blank: nothing of the last run may match
	screen=$(tm capture-pane -p -t "$pane")
	case $screen in *[![:space:]]*)
		die "$label: the pane is not blank before the run: $screen" ;;
	esac
	t0=$(now)
	tm respawn-pane -k -t "$pane" "$*" || die "tmux: respawn-pane failed"
	deadline=$(($(date +%s) + 60))
	polls=0
	while :; do
		screen=$(tm capture-pane -p -t "$pane")
		case $screen in
		"$nl"*) ;;   # the first line still empty
		$want_screen) break ;;
		esac
		# every 20th look: has it died, is it too late (two more forks)
		polls=$((polls + 1))
		[ $((polls % 20)) -eq 0 ] || continue
		if [ "$(tm display-message -p -t "$pane" '#{pane_dead}')" = 1 ]; then
			printf '%s\n' "$screen" >"$out/vim-$label.screen"
			die "$label: '$*' ended before its first screen (screen in $out/vim-$label.screen)"
		fi
		if [ "$(date +%s)" -gt "$deadline" ]; then
			printf '%s\n' "$screen" >"$out/vim-$label.screen"
			die "$label: no first screen within 60 s (screen in $out/vim-$label.screen)"
		fi
	done
	t1=$(now)
	ns=$((t1 - t0))
	looks=$((looks + polls + 1)) look_ns=$((look_ns + ns))
	printf '%s\n' "$screen" >"$out/vim-$label.screen"
	tm send-keys -t "$pane" $quit
	deadline=$(($(date +%s) + 30))
	until [ "$(tm display-message -p -t "$pane" '#{pane_dead}')" = 1 ]; do
		[ "$(date +%s)" -gt "$deadline" ] && die "$label: '$*' did not quit within 30 s"
		sleep 0.05
	done
}

ms() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
	END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# absolute paths: the pane's shell starts in the server's folder
dir=$(cd "$out" && pwd)
sy_runs= vim_runs= looks=0 look_ns=0
say "$runs runs each, alternately: shenyue review and $vim -u NONE -N on $report"
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	cp "$fresh" "$yaml" || die "cannot copy $fresh to $yaml"
	rm -f "$yaml.journal" "$yaml.lock"
	first_screen shenyue '*? help' q \
		"cd '$dir' && exec '$shenyue' review '$name' 2>'$dir/vim-shenyue.stderr'"
	sy_runs="$sy_runs $(ms "$ns")"
	rm -f "$out/.$name.swp" "$out/.$name.swo"
	first_screen vim "*\"$name\" *L, ${bytes}B*" ":qa! Enter" \
		"cd '$dir' && exec '$vim' -u NONE -N '$name'"
	vim_runs="$vim_runs $(ms "$ns")"
	rm -f "$out/.$name.swp" "$out/.$name.swo"
done
# shellcheck disable=SC2086
sy_med=$(median $sy_runs)
# shellcheck disable=SC2086
vim_med=$(median $vim_runs)
ratio=$(awk -v a="$sy_med" -v b="$vim_med" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }')
verdict=$(awk -v a="$sy_med" -v b="$vim_med" 'BEGIN { print (b > 0 && a <= b) ? "PASS" : "FAIL" }')

echo
printf '%-26s %s (%s bytes, %s items), from %s\n' "report:" "$report" "$bytes" "$items" "$shared/corpus"
printf '%-26s %s\n' "vim:" "$("$vim" --version | head -n 1)"
printf '%-26s median %s ms; runs:%s\n' "first screen, shenyue:" "$sy_med" "$sy_runs"
printf '%-26s median %s ms; runs:%s\n' "first screen, vim:" "$vim_med" "$vim_runs"
printf '%-26s %s x vim -u NONE\n' "shenyue / vim:" "$ratio"
printf '%-26s one look at the screen every %s ms\n' "resolution:" \
	"$(awk -v n="$look_ns" -v k="$looks" 'BEGIN { printf "%.1f", n / k / 1e6 }')"
echo "target: first screen no slower than vim -u NONE (80x24 in tmux, median of $runs): $verdict ($sy_med ms vs $vim_med ms, $ratio x)"
if [ "${BENCH_STRICT:-0}" = 1 ] && [ "$verdict" != PASS ]; then
	exit 3
fi
exit 0
