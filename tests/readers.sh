#!/bin/sh
# tests/readers.sh - TAP test of what the commands that read annotation
# files (export, eval, agree, merge, status) and the review do with files
# as a crash, a hand edit or a mistake leaves them:
#
#  - a journal left by a crash (NAME.yaml.journal, made here by a real
#    review session in journal mode, killed with SIGKILL): every reader
#    counts its decisions, and writes neither the file nor the journal;
#    a damaged journal is refused with a message;
#  - source.chars edited by hand while the sha256 matches: refused with
#    file:line:column by export and review;
#  - a FIFO or a link to /dev/zero in place of a file (the annotation file,
#    the journal, the report, the config, a theme): refused with a message,
#    never blocking (each run is bounded by `timeout`);
#  - extract of a folder; a truncated GB18030 report's error at the cut.
. "${top_srcdir:-.}/tests/cli_lib.sh"
cli_begin readers
SAMPLES=$top_srcdir/samples
unset TMUX SHENYUE_JOURNAL_MS SHENYUE_JOURNAL_BYTES XDG_CONFIG_HOME

# run_t ARGS...: run, bounded: a reader that blocks is killed (rc 124)
run_t() {
	last_cmd="shenyue $*"
	timeout 60 "$SHENYUE" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	if grep -q -e 'Sanitizer' -e 'runtime error:' "$T/err"; then
		rc=99
	fi
}

# ---------------------------------------------------------------- a crash
mkdir j
cp "$SAMPLES"/01_liuxi_town_2023.txt j/r.txt
run extract j/r.txt
t_rc 0
point $? "setup: extract"
cp j/r.yaml plain.yaml

# A review in journal mode reads keys from a FIFO, rejects two items and is
# killed once both records are in the journal: what a crash leaves.
mkfifo keys
SHENYUE_JOURNAL_BYTES=0 "$SHENYUE" review --script keys j/r.txt >/dev/null 2>&1 &
pid=$!
exec 3>keys
printf 'j\nx\nj\nx\nj\n' >&3   # down to s1, reject; down, reject
i=0
while [ "$i" -lt 300 ] && [ "$(grep -c '^#shenyue-journal ' j/r.yaml.journal 2>/dev/null)" != 2 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exec 3>&-
rm -f keys j/r.yaml.lock
[ "$(grep -c '^#shenyue-journal ' j/r.yaml.journal 2>/dev/null)" = 2 ] && cmp -s j/r.yaml plain.yaml
point $? "setup: a killed session left two decisions in r.yaml.journal, r.yaml as extracted"
before=$(cat j/r.yaml j/r.yaml.journal | cksum)

run status j/r.yaml
t_rc 0 && t_out '^j/r\.yaml  *[0-9][0-9]*  *0  *0  *2  *0 .*journal (2 decisions counted)'
point $? "status counts the journal's two rejections"

run export --to jsonl --all j/r.yaml
t_rc 0 && [ "$(grep -o '"status": "rejected"' "$T/out" | wc -l)" -eq 2 ]
point $? "export --to jsonl --all: the two items rejected in the journal are rejected"
run export --to jsonl j/r.yaml
cp "$T/out" with.jsonl
mkdir nj && cp plain.yaml nj/r.yaml && cp j/r.txt nj/
run export --to jsonl nj/r.yaml
cp "$T/out" without.jsonl
last_cmd="count labels"
"$PYTHON3" - with.jsonl without.jsonl >"$T/diag" 2>&1 <<'EOF'
import json, sys
w = json.loads(open(sys.argv[1], encoding="utf-8").read())
wo = json.loads(open(sys.argv[2], encoding="utf-8").read())
assert len(w["label"]) == len(wo["label"]) - 2, (len(w["label"]), len(wo["label"]))
EOF
point $? "export --to jsonl: the items rejected in the journal are left out"

run export --to csv j/r.yaml
t_rc 0
point $? "export --to csv of a file with a journal: exit 0"

run agree j nj
t_rc 0 && t_out 'disagreements=2$'
point $? "agree: the journal's decisions are the two disagreements"

run eval nj j
t_rc 0 && t_out '^sec_r: 0\.' && t_out '^sec_p: 1\.000$'
point $? "eval: the prediction's journal rejections count (two sections left out: recall below 1)"

run merge -o - plain.yaml j/r.yaml plain.yaml
t_rc 0 && [ "$(grep -c 'status: rejected' "$T/out")" -eq 2 ]
point $? "merge: OURS's journal decisions are in the result"

[ "$(cat j/r.yaml j/r.yaml.journal | cksum)" = "$before" ]
point $? "no reader wrote the file or the journal"

printf 'garbage line\n' >>j/r.yaml.journal
printf '#shenyue-journal 5\nab: c\n' >>j/r.yaml.journal
run export --to jsonl j/r.yaml
t_rc 1 && t_err_fixed 'r.yaml.journal' && t_err_fixed 'shenyue review' && [ ! -s "$T/out" ]
point $? "a damaged journal: export refuses, naming the journal and saying how to recover"
run status j/r.yaml
t_rc 0 && t_out 'journal (unreadable)'
point $? "a damaged journal: status shows the file's own counts and notes the journal"

# ---------------------------------------------------------------- source.chars
mkdir ch
cp j/r.txt ch/r.txt && cp plain.yaml ch/r.yaml
line=$(grep -n '^  chars: ' ch/r.yaml | cut -d: -f1)
sed -i 's/^  chars: .*/  chars: 100000/' ch/r.yaml
"$PYTHON3" - ch/r.yaml <<'EOF'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r"(statistics:\n- id: \w+\n(?:  .*\n)*?)  start: \d+\n  end: (\d+)",
           lambda m: m.group(1) + "  start: 50000\n  end: 50004", s, count=1)
open(p, "w", encoding="utf-8").write(s)
EOF
grep -q '^  start: 50000$' ch/r.yaml
point $? "setup: chars: 100000 and a statistic at 50000 in a file whose sha256 matches"
for fmt in csv jsonl; do
	run export --to $fmt ch/r.yaml
	t_rc 1 && t_err_fixed "ch/r.yaml:$line:10: source.chars is 100000, but the report ch/r.txt has" &&
		[ ! -s "$T/out" ]
	point $? "export --to $fmt: chars edited by hand is refused at file:line:column"
done
run_t review --script /dev/null ch/r.txt
t_rc 1 && t_err_fixed "ch/r.yaml:$line:10: source.chars is 100000"
point $? "review: chars edited by hand is refused at file:line:column"

# ---------------------------------------------------------------- special files
mkdir sp
cp j/r.txt sp/r.txt
# refused RC ERE DESC ARGS...: `shenyue ARGS` (run_t) ends with status RC
# (fail: any but 0 and 124, the time-out's) and says ERE
refused() {
	rf_want=$1 rf_re=$2 rf_desc=$3
	shift 3
	run_t "$@"
	if [ "$rf_want" = fail ]; then
		[ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && t_err "$rf_re"
	else
		t_rc "$rf_want" && t_err "$rf_re"
	fi
	point $? "$rf_desc"
}
mkfifo sp/r.yaml
refused 1 'not a regular file (a FIFO)' \
	"status: a FIFO in place of NAME.yaml is refused, not waited on" status sp/r.yaml
refused 1 'not a regular file (a FIFO)' \
	"export: a FIFO in place of NAME.yaml is refused, not waited on" export --to jsonl sp/r.yaml
refused fail 'not a regular file (a FIFO)' \
	"review: a FIFO in place of NAME.yaml is refused, not waited on" review --script /dev/null sp/r.txt
rm sp/r.yaml
cp plain.yaml sp/r.yaml
mkfifo sp/r.yaml.journal
refused 1 'r.yaml.journal: not a regular file (a FIFO)' \
	"export: a FIFO in place of the journal is refused, not waited on" export --to jsonl sp/r.yaml
refused fail 'r.yaml.journal: not a regular file (a FIFO)' \
	"review: a FIFO in place of the journal is refused, not waited on" review --script /dev/null sp/r.txt
rm sp/r.yaml.journal
ln -s /dev/zero sp/r.yaml.journal
refused 1 'r.yaml.journal: not a regular file (a character device)' \
	"export: a journal linked to /dev/zero is refused before reading it" export --to jsonl sp/r.yaml
run_t status sp/r.yaml
t_rc 0 && t_out 'journal (unreadable)'
point $? "status: a journal linked to /dev/zero is noted as unreadable, not read"
rm sp/r.yaml.journal
mkfifo sp/fifo.txt
refused 1 'fifo.txt: not a regular file (a FIFO)' \
	"extract: a FIFO in place of a report is refused, not waited on" extract sp/fifo.txt
mkdir -p cfg/shenyue
mkfifo cfg/shenyue/config.yaml
XDG_CONFIG_HOME=$T/cfg
export XDG_CONFIG_HOME
refused 1 'config.yaml: not a regular file (a FIFO)' \
	"review: a FIFO in place of the config file is refused, not waited on" review --script /dev/null sp/r.txt
unset XDG_CONFIG_HOME
mkfifo theme.fifo
refused 1 'theme.fifo: not a regular file (a FIFO)' \
	"review: a FIFO given as the theme file is refused, not waited on" \
	review --theme "$T/theme.fifo" --script /dev/null sp/r.txt

# ---------------------------------------------------------------- extract
mkdir ex
cp "$SAMPLES"/01_liuxi_town_2023.txt "$SAMPLES"/02_shiqiao_town_2022.txt ex/
printf 'not a report\n' >ex/notes.md
run extract ex
t_rc 0 && [ -s ex/01_liuxi_town_2023.yaml ] && [ -s ex/02_shiqiao_town_2022.yaml ] &&
	[ "$(ls ex/*.yaml | wc -l)" -eq 2 ]
point $? "extract FOLDER: every *.txt in it gets its NAME.yaml"
run extract -o exout ex
t_rc 0 && [ "$(ls exout/*.yaml | wc -l)" -eq 2 ]
point $? "extract -o DIR FOLDER: into DIR"
run extract -o - ex
t_rc 2 && t_err_fixed 'use -o DIR with a folder'
point $? "extract -o - FOLDER: a usage error"
mkdir noreports
run extract noreports "$SAMPLES"/01_liuxi_town_2023.txt -n
t_rc 1 && t_err_fixed 'noreports: no report (*.txt)' && t_out_fixed '01_liuxi_town_2023.txt:'
point $? "extract of a folder with no report: exit 1, named; the other reports still extracted"

# ---------------------------------------------------------------- GB18030 cut short
last_cmd="python3: cut a GB18030 report inside a character"
cut=$("$PYTHON3" - "$SAMPLES"/05_gb18030.txt gbcut.txt 2>"$T/diag" <<'EOF'
import sys
raw = open(sys.argv[1], "rb").read()
text = raw.decode("gb18030")
# the first 40 characters, then the first byte of the next two-byte one
k = 40
while len(text[k].encode("gb18030")) < 2:
    k += 1
out = text[:k].encode("gb18030") + text[k].encode("gb18030")[:1]
open(sys.argv[2], "wb").write(out)
print(len(out) - 1)
EOF
)
run extract -n gbcut.txt
t_rc 1 && t_err_fixed "gbcut.txt: byte $cut: the file ends inside a character"
point $? "a GB18030 report cut short: the error is at the cut (byte $cut), not at the first non-ASCII byte"

cli_end
