#!/bin/sh
# tests/cli.sh - TAP test of the `shenyue` command line.
#
# Run by `make check` with SHENYUE (absolute path of the built program),
# top_srcdir and PYTHON3 (python3 with PyYAML, else the test fails) in
# the environment.  Works in a
# fresh temporary directory; prints "ok N - ..." / "not ok N - ..." and the
# plan "1..N" at the end; exits 1 if any test point failed.

top_srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$top_srcdir/tests/cli_lib.sh"
SAMPLES=$top_srcdir/samples
S1=$SAMPLES/01_liuxi_town_2023.txt        # UTF-8, LF
S3=$SAMPLES/03_songling_township_crlf.txt # UTF-8, CRLF
S5=$SAMPLES/05_gb18030.txt                # GB18030

tap_need "$S1" "$S3" "$S5"

need_pyyaml "the checks of the YAML written"
cli_begin cli

# pycheck YAML REPORT: the YAML parses, its format is right, and
# source.chars / source.sha256 / source.encoding agree with the report.
pycheck() {
	"$PYTHON3" - "$1" "$2" "$3" <<'EOF'
import hashlib, sys, yaml
ypath, rpath, what = sys.argv[1], sys.argv[2], sys.argv[3]

def check():
    with open(ypath, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    raw = open(rpath, "rb").read()
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = raw.decode("gb18030"), "gb18030"
    if text.startswith("\ufeff"):
        text = text[1:]
    src = doc["source"]
    if what == "format":
        ok = doc["format"] == "shenyue-annotations/1"
    elif what == "chars":
        ok = src["chars"] == len(text)
    elif what == "sha256":
        ok = src["sha256"] == hashlib.sha256(raw).hexdigest()
    elif what == "encoding":
        ok = src["encoding"] == enc
    elif what == "spans":
        items = (doc.get("sections") or []) + (doc.get("statistics") or [])
        ok = len(items) > 0 and all(
            0 <= i["start"] < i["end"] <= len(text) for i in items)
    else:
        ok = False
    if not ok:
        print("# python check %s failed for %s (source: %r, text chars %d)"
              % (what, ypath, src, len(text)))
    return ok

try:
    good = check()
except Exception as e:  # a missing or malformed file: a failed point
    print("# python check %s of %s: %s: %s"
          % (what, ypath, type(e).__name__, e))
    good = False
sys.exit(0 if good else 1)
EOF
}

# ---------------------------------------------------------------- usage
run
t_rc 2
point $? "no arguments: exit status 2"
[ ! -s "$T/out" ] && t_err 'usage'
point $? "no arguments: usage on stderr, nothing on stdout"

run --help
t_rc 0 && t_out 'extract'
point $? "--help: exit status 0 and mentions extract"

run --version
t_rc 0 && [ "$(head -n 1 "$T/out")" = "shenyue 0.1.0" ]
point $? "--version prints 'shenyue 0.1.0'"

run extract --help
t_rc 0 && t_out_fixed '--force'
point $? "extract --help: exit status 0 and mentions --force"

run extract --no-such-option "$S1"
t_rc 2
point $? "extract with an unknown option: exit status 2"

run --no-such-option
t_rc 2
point $? "an unknown global option: exit status 2"

run no-such-command
t_rc 2
point $? "an unknown command: exit status 2"

run extract
t_rc 2
point $? "extract without a report: exit status 2"

# ---------------------------------------------------------------- default output beside the report
mkdir a && cp "$S1" a/report.txt
run extract a/report.txt
t_rc 0 && [ -s a/report.yaml ]
point $? "extract REPORT writes NAME.yaml beside the report"

[ "$(head -n 1 a/report.yaml 2>/dev/null)" = "format: shenyue-annotations/1" ]
point $? "the annotation file begins with 'format: shenyue-annotations/1'"

cmp -s "$S1" a/report.txt
point $? "extract leaves the report itself unchanged"

# ---------------------------------------------------------------- -o DIR
run extract -o outdir "$S1"
t_rc 0 && [ -s outdir/01_liuxi_town_2023.yaml ]
point $? "-o DIR creates DIR and writes NAME.yaml there"

run extract -o outdir "$S3"
t_rc 0 && [ -s outdir/03_songling_township_crlf.yaml ]
point $? "-o DIR into an existing DIR"

# ---------------------------------------------------------------- -o -
mkdir d && cp "$S1" d/r.txt
run extract -o - d/r.txt
t_rc 0 && [ "$(head -n 1 "$T/out")" = "format: shenyue-annotations/1" ]
point $? "-o - writes the YAML to stdout"
cp "$T/out" stdout.yaml

[ ! -e d/r.yaml ] && [ ! -e ./- ] && [ ! -e d/- ]
point $? "-o - writes no file"

# ---------------------------------------------------------------- parse with python
last_cmd="python3 yaml check"
rc=0
pycheck stdout.yaml "$S1" format
point $? "python yaml parses the output; format is shenyue-annotations/1"
pycheck stdout.yaml "$S1" chars
point $? "source.chars is the code point count (UTF-8, LF)"
pycheck stdout.yaml "$S1" sha256
point $? "source.sha256 is the sha256 of the report's bytes"
pycheck stdout.yaml "$S1" spans
point $? "items found, all spans inside the text (UTF-8, LF)"
pycheck outdir/03_songling_township_crlf.yaml "$S3" chars
point $? "source.chars counts the CR of CRLF"
pycheck outdir/03_songling_township_crlf.yaml "$S3" spans
point $? "items found, all spans inside the text (CRLF)"

# ---------------------------------------------------------------- GB18030
cp "$S5" gb.txt
run extract gb.txt
t_rc 0 && grep -q '^ *encoding: *gb18030 *$' gb.yaml 2>/dev/null
point $? "a GB18030 report: encoding: gb18030 in the output"

last_cmd="python3 yaml check gb.yaml"
rc=0
pycheck gb.yaml gb.txt chars
point $? "GB18030: source.chars is the code point count after decoding"

# ---------------------------------------------------------------- overwrite rules
mkdir b && cp "$S1" b/r.txt
run extract b/r.txt
cp b/r.yaml b/first.yaml 2>/dev/null
echo "# stale line that a rewrite drops" >>b/r.yaml
run extract b/r.txt
t_rc 0 && ! grep -q 'stale line' b/r.yaml && ! t_err 'force' && ! t_err 'warn'
point $? "re-extract over an all-pending file overwrites it silently"

cmp -s b/r.yaml b/first.yaml
point $? "re-extract of the same report gives the same file"

# Mark the first item of sections/statistics (not the document) reviewed.
awk '
	/^(sections|statistics):/ { inlist = 1 }
	inlist && !done && /status: pending/ {
		sub(/status: pending/, "status: accepted"); done = 1
	}
	{ print }
' b/r.yaml >b/r.new && mv b/r.new b/r.yaml
cp b/r.yaml b/reviewed.yaml
grep -q 'status: accepted' b/r.yaml
rc=$?
last_cmd="awk (mark one item accepted)"
point "$rc" "test setup: one item marked accepted"

run extract b/r.txt
t_rc 1
point $? "extract over a reviewed file: exit status 1"
t_err_fixed 'r.yaml' && t_err_fixed '--force'
point $? "the refusal names the file and mentions --force"
cmp -s b/r.yaml b/reviewed.yaml
point $? "the reviewed file is left unchanged"

run extract --force b/r.txt
t_rc 0 && ! grep -q 'status: accepted' b/r.yaml && grep -q 'status: pending' b/r.yaml
point $? "--force overwrites the reviewed file"

# Same refusal through -o DIR.
mkdir -p outdir && cp b/reviewed.yaml outdir/01_liuxi_town_2023.yaml
run extract -o outdir "$S1"
t_rc 1 && cmp -s outdir/01_liuxi_town_2023.yaml b/reviewed.yaml
point $? "-o DIR: refuses to overwrite a reviewed file there too"

# ---------------------------------------------------------------- bad input
run extract "$T/no-such-report.txt"
t_rc 1 && t_err_fixed 'no-such-report.txt'
point $? "a missing report: exit status 1, message names the path"

: >empty.txt
run extract empty.txt
t_rc 1 && t_err 'empty' && [ ! -e empty.yaml ]
point $? "an empty report: exit status 1, message says empty"

printf 'abc\000def\n' >nul.txt
run extract nul.txt
t_rc 1 && t_err 'binary' && [ ! -e nul.yaml ]
point $? "a report with a NUL byte: exit status 1, message says binary"

printf 'abc\200\377' >badbytes.txt
run extract badbytes.txt
t_rc 1 && t_err 'byte' && [ ! -e badbytes.yaml ]
point $? "invalid bytes: exit status 1, message gives the byte"

# ---------------------------------------------------------------- several reports, one bad
mkdir c && cp "$S1" c/one.txt && cp "$S3" c/two.txt
run extract c/one.txt c/missing.txt c/two.txt
t_rc 1
point $? "several reports, one missing: exit status 1"
[ -s c/one.yaml ] && [ -s c/two.yaml ] && [ ! -e c/missing.yaml ]
point $? "several reports, one missing: the good ones are written"
t_err_fixed 'missing.txt'
point $? "several reports, one missing: the message names the bad one"

# ---------------------------------------------------------------- --dry-run
mkdir dry && cp "$S1" dry/one.txt
run extract --dry-run dry/one.txt
t_rc 0 && t_out "dry/one.txt: [0-9][0-9]* sections, [0-9][0-9]* statistics" && [ ! -e dry/one.yaml ]
point $? "--dry-run prints the counts and writes nothing"

# ---------------------------------------------------------------- a 1 MB line
awk 'BEGIN { printf "一、长行\n"; for (i = 0; i < 26000; i++) printf "受理案件%d宗，办结率92.5%%，", i; printf "\n" }' >long.txt
run extract long.txt
t_rc 0 && [ "$(grep -c '^- id: n' long.yaml)" -eq 52000 ]
point $? "a report with one line of over 1 MB: every statistic on it"

# ---------------------------------------------------------------- review: settings
mkdir -p cfg/shenyue rv && cp "$S1" rv/one.txt
printf 'reviewer: li\nkeys:\n  acept: a\n' >cfg/shenyue/config.yaml
XDG_CONFIG_HOME=$PWD/cfg run review --script /dev/null rv/one.txt
t_rc 1 && t_err_fixed 'config.yaml:3:3: unknown action' && [ ! -e rv/one.yaml ]
point $? "review: a config with an unknown action stops it, with file:line:column"
printf 'theme: nosuch\n' >cfg/shenyue/config.yaml
XDG_CONFIG_HOME=$PWD/cfg run review --script /dev/null rv/one.txt
t_rc 1 && t_err "unknown theme 'nosuch'"
point $? "review: an unknown theme is an error naming it and where it looked"
printf 'reviewer: [li\n' >cfg/shenyue/config.yaml
XDG_CONFIG_HOME=$PWD/cfg run review --script /dev/null rv/one.txt
t_rc 1 && t_err_fixed 'config.yaml:2:1: YAML syntax error'
point $? "review: a config that is not YAML: file:line:column"
printf 'reviewer: li\n' >cfg/shenyue/config.yaml
printf 'a q\n' >keys
XDG_CONFIG_HOME=$PWD/cfg run review --script keys rv/one.txt
t_rc 0 && grep -q 'reviewer: li' rv/one.yaml
point $? "review: the config's reviewer is written into review.reviewer"
run review
t_rc 2 && t_err 'no report'
point $? "review without a report: usage error, exit status 2"
run review --script /dev/null no-such-dir
t_rc 1 && t_err_fixed 'no-such-dir'
point $? "review of a missing path: exit status 1, names it"

# ---------------------------------------------------------------- --files-from
mkdir -p ff ffo && cp "$S1" ff/a.txt && cp "$S3" ff/b.txt
printf '%s\n\n%s\n' "$PWD/ff/a.txt" "$PWD/ff/b.txt" | "$SHENYUE" extract --files-from - -o ffo 2>"$T/err"
rc=$?
t_rc 0 && [ -s ffo/a.yaml ] && [ -s ffo/b.yaml ]
point $? "--files-from -: every listed report extracted (blank lines skipped)"
printf '%s\n%s\n' "$PWD/ff/a.txt" "$PWD/ff/missing.txt" >list
run extract --files-from list -o ffo2
t_rc 1 && [ -s ffo2/a.yaml ] && t_err_fixed 'missing.txt'
point $? "--files-from FILE: a bad path is reported, the others written, exit 1"
run extract --files-from list -o -
t_rc 2
point $? "--files-from with -o -: usage error"

cli_end
