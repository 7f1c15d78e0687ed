#!/bin/sh
# scripts/keyfuzz.sh SECONDS [SEED] - the key-script fuzzer
# (scripts/keyfuzz.py) on the ASan build: random key scripts through
# `shenyue review --script` on the samples (a folder batch) and on a
# large report (bench/gen_corpus.sh) for SECONDS.  A failing script is
# shrunk and saved in fuzz/keys-regress/ (replayed by `make check`, as
# tests/keyfuzz.sh, once the bug is fixed: until then keep it in
# fuzz/keys-open/).  SEED: the random seed (default: the time), printed at
# the end with the figures.
#
# SHENYUE: the program to fuzz (default: an ASan build made in
# build-asan/, as COMMON.md builds it).  Needs python3 with PyYAML.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:?usage: keyfuzz.sh SECONDS [SEED]}
prog=${SHENYUE:-$top/build-asan/shenyue}
if [ ! -x "$prog" ]; then
	echo "keyfuzz: $prog is not built (mkdir build-asan && cd build-asan && ../configure CC=clang CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' LDFLAGS='-fsanitize=address,undefined' && make shenyue)" >&2
	exit 2
fi
# ASan: stop at the first report; LeakSanitizer on
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export ASAN_OPTIONS
exec nice python3 "$top/scripts/keyfuzz.py" fuzz --shenyue "$prog" --srcdir "$top" \
	--seconds "$secs" ${2:+--seed "$2"} --out "$top/fuzz/keys-regress" --shrink-budget 40
