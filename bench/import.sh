#!/bin/sh
# bench/import.sh SHENYUE SRCDIR - speed of `shenyue import` (issue 13):
# predictions for 1,000 and then 10,000 small reports (JSONL made here,
# each report a few lines with three statistics and a section, the text
# carried), imported into reports without annotation files (each is
# extracted first), then imported again (nothing to write).  Prints the
# seconds and MB/s of JSONL for each, and the ratio of the two sizes'
# times (CPU, as the machine may be shared; the wall clock also counts
# the fsync of each file written and its lock): an import is a Unix filter, linear in its input, so 10,000
# reports must take no more than about ten times what 1,000 take (the
# check allows 15x, for a shared machine).  PYTHON3 makes the input.
BENCH_NAME=import
. "${2:-.}/bench/bench_lib.sh"
bench_args "$@"
bench_check "$shenyue" "$srcdir"
PY=${PYTHON3:-python3}
W=$(mktemp -d "${TMPDIR:-/tmp}/shenyue-importbench.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT

# make N: N reports in $W/N/ and their predictions in $W/N.jsonl
make_input() {
	mkdir "$W/$1"
	"$PY" - "$W/$1" "$1" >"$W/$1.jsonl" <<'EOF' || die "could not make the input"
import json, os, sys
d, n = sys.argv[1], int(sys.argv[2])
units = ["件", "人次", "场", "个", "万元"]
for i in range(n):
    a, b, c = i % 97 + 1, i % 13 + 2, i % 1000 + 10
    u = units[i % 5]
    text = ("一、工作情况\n全年共受理案件%d件，开展培训%d场，"
            "涉及金额%d%s。\n二、下一步打算\n继续推进依法行政。\n") % (a, b, c, u)
    name = "r%05d" % i
    with open(os.path.join(d, name + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    label, items = [[0, 6, "SECTION"]], [{"level": 1, "marker": "一、", "title": "工作情况", "score": 0.9}]
    for num, unit, sc in ((str(a), "件", 0.8), (str(b), "场", 0.7), (str(c), u, 0.6)):
        s = text.index(num + unit)
        label.append([s, s + len(num) + len(unit), "STAT"])
        items.append({"value": int(num), "unit": unit, "score": sc})
    print(json.dumps({"id": name, "text": text, "label": label,
                      "meta": {"model_version": "bench-1"}, "items": items},
                     ensure_ascii=False))
EOF
}

# timed_import N WHAT: import $W/N.jsonl into $W/N; wall seconds in
# $secs, CPU seconds (user + system) in $cpu
timed_import() {
	t0=$(now)
	if [ -n "$gnutime" ]; then
		$gnutime -f '%U %S' -o "$W/time" "$shenyue" import --source bench \
			"$W/$1.jsonl" "$W/$1" >/dev/null 2>"$W/err"
	else
		"$shenyue" import --source bench "$W/$1.jsonl" "$W/$1" >/dev/null 2>"$W/err"
	fi || { cat "$W/err" >&2; die "import of $1 reports failed"; }
	t1=$(now)
	cpu=$( [ -n "$gnutime" ] && tail -n 1 "$W/time" | awk '{ printf "%.2f", $1 + $2 }')
	secs=$(echo "$t0 $t1" | awk '{ printf "%.3f", ($2 - $1) / 1e9 }')
	bytes=$(wc -c <"$W/$1.jsonl")
	echo "$1 reports, $2: $(echo "$1 $bytes $secs ${cpu:-0}" | awk '{
		s = $3 < 0.001 ? 0.001 : $3; c = $4 < 0.01 ? 0.01 : $4
		printf "%.1f MB of JSONL in %.2f s (%.0f reports/s, %.2f MB/s); CPU %.2f s (%.1f MB/s)",
			$2 / 1e6, $3, $1 / s, $2 / 1e6 / s, $4, $2 / 1e6 / c }')"
}

for n in 1000 10000; do
	make_input $n
	timed_import $n "extracted first"
	eval "first_$n=\${cpu:-\$secs}"
	timed_import $n "again (nothing written)"
	eval "again_$n=\$secs"
done
ratio=$(echo "$first_1000 $first_10000" | awk '{ printf "%.1f", $2 / ($1 < 0.001 ? 0.001 : $1) }')
echo "10,000 against 1,000 reports: ${ratio}x the time (CPU when GNU time is there; linear: about 10x)"
echo "$ratio" | awk '{ exit !($1 <= 15) }' || die "import does not scale linearly (${ratio}x for 10x the reports)"
