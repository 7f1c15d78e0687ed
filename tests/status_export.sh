#!/bin/sh
# tests/status_export.sh - TAP test of `shenyue status` and `shenyue export`.
#
# Run by `make check` with SHENYUE (absolute path of the built program),
# top_srcdir and PYTHON3 in the environment; SHENYUE
# defaults to $top_srcdir/shenyue.  Works in a fresh temporary directory:
# the samples are copied there and extracted beside themselves, some
# statuses changed with awk, a review: block added; then the status table,
# its YAML and the three export formats are checked (with python3 and
# PyYAML: without them the test fails, need_pyyaml).

top_srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$top_srcdir/tests/cli_lib.sh"
SAMPLES=$top_srcdir/samples

for c in status export; do
	if ! "$SHENYUE" "$c" --help >/dev/null 2>&1; then
		echo "Bail out! $SHENYUE has no '$c' command"
		exit 1
	fi
done
for f in 01_liuxi_town_2023 02_shiqiao_town_2022 03_songling_township_crlf \
	04_qinghe_county_2022 05_gb18030; do
	tap_need "$SAMPLES/$f.txt"
done
need_pyyaml "the checks of the status YAML and the exports"
cli_begin se

# py WHAT ARGS...: one of the python checks below; 0 when it holds.
py() {
	last_cmd="python check $*"
	rc=0
	"$PYTHON3" "$T/check.py" "$@"
}

# pypoint WHAT DESCRIPTION ARGS...: a python check as a test point.
pypoint() {
	what=$1 desc=$2
	shift 2
	py "$what" "$@"
	point $? "$desc"
}

cat >"$T/check.py" <<'EOF'
import csv, glob, json, os, re, sys

try:
    import yaml
except ImportError:
    yaml = None

def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)

def report_text(annot_path, doc):
    """The report of an annotation file, decoded as shenyue decodes it."""
    raw = open(os.path.join(os.path.dirname(annot_path),
                            doc["source"]["path"]), "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    return text[1:] if text.startswith("\ufeff") else text

def annot_files(folder):
    out = []
    for p in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
        with open(p, encoding="utf-8") as f:
            if "format: shenyue-annotations/1\n" in f.read():
                out.append(p)
    return out

STATUSES = ["pending", "accepted", "fixed", "rejected", "added"]

def counts(doc):
    c = dict.fromkeys(STATUSES, 0)
    c[doc["document"]["status"]] += 1
    for it in (doc.get("sections") or []) + (doc.get("statistics") or []):
        c[it["status"]] += 1
    return c

def fail(msg):
    print("# " + msg)
    return False

def check_status_yaml(out, folder):
    """status --format yaml agrees with a recount of the files."""
    st = load(out)
    files = annot_files(folder)
    if sorted(os.path.basename(e["file"]) for e in st["files"]) != \
            sorted(os.path.basename(p) for p in files):
        return fail("files listed: %r, expected %r" % (
            [e["file"] for e in st["files"]], files))
    total = dict.fromkeys(STATUSES, 0)
    reviewers = set()
    for e in st["files"]:
        doc = load(e["file"])
        c = counts(doc)
        for s in STATUSES:
            if e[s] != c[s]:
                return fail("%s: %s %r, recount %r" % (e["file"], s, e[s], c[s]))
            total[s] += c[s]
        n = sum(c.values())
        if e["total"] != n or e["reviewed"] != n - c["pending"]:
            return fail("%s: total/reviewed %r/%r" % (e["file"], e["total"], e["reviewed"]))
        if abs(e["percent"] - (n - c["pending"]) * 100.0 / n) > 0.1 + 1e-9:
            return fail("%s: percent %r" % (e["file"], e["percent"]))
        if e["done"] != (c["pending"] == 0):
            return fail("%s: done %r" % (e["file"], e["done"]))
        rv = (doc.get("review") or {}).get("reviewer")
        if e["reviewer"] != rv:
            return fail("%s: reviewer %r, file says %r" % (e["file"], e["reviewer"], rv))
        if rv:
            reviewers.add(rv)
        upd = (doc.get("review") or {}).get("updated")
        if upd and e["updated"] != upd:
            return fail("%s: updated %r, file says %r" % (e["file"], e["updated"], upd))
        if e["journal"] != os.path.exists(e["file"] + ".journal"):
            return fail("%s: journal %r" % (e["file"], e["journal"]))
    pend = [e["pending"] for e in st["files"]]
    # pending files first, most pending first, done files last
    nz = [p for p in pend if p]
    if pend[:len(nz)] != sorted(nz, reverse=True):
        return fail("order: pending %r" % pend)
    t = st["total"]
    for s in STATUSES:
        if t[s] != total[s]:
            return fail("total %s %r, recount %r" % (s, t[s], total[s]))
    if t["total"] != sum(total.values()) or t["files"] != len(st["files"]):
        return fail("total %r" % t)
    if t["files_done"] != sum(1 for e in st["files"] if e["pending"] == 0):
        return fail("total files_done %r" % t["files_done"])
    if sorted(t["reviewers"]) != sorted(reviewers):
        return fail("total reviewers %r, expected %r" % (t["reviewers"], sorted(reviewers)))
    return True

def check_jsonl(out, folder, mode):
    """Every line parses; text is the decoded report; spans are right."""
    docs = {os.path.basename(p)[:-5]: (p, load(p)) for p in annot_files(folder)}
    seen = set()
    with open(out, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines[-1] != "":
        return fail("no final newline")
    for line in lines[:-1]:
        o = json.loads(line)
        path, doc = docs[o["id"]]
        seen.add(o["id"])
        text = report_text(path, doc)
        if o["text"] != text:
            return fail("%s: text differs from the decoded report" % o["id"])
        items = {i["id"]: i for i in (doc.get("sections") or []) + (doc.get("statistics") or [])}
        want = [i for i in items.values() if mode == "all" or i["status"] != "rejected"]
        if len(o["label"]) != len(want) or len(o["items"]) != len(want):
            return fail("%s: %d labels, %d items, expected %d" % (
                o["id"], len(o["label"]), len(o["items"]), len(want)))
        if [l[0] for l in o["label"]] != sorted(l[0] for l in o["label"]):
            return fail("%s: labels not in start order" % o["id"])
        for (s, e, kind), it in zip(o["label"], o["items"]):
            src = items[it["id"]]
            if (s, e) != (src["start"], src["end"]) or it["status"] != src["status"]:
                return fail("%s: %s span/status differs" % (o["id"], it["id"]))
            if kind == "STAT":
                if text[s:e] != src["text"]:
                    return fail("%s: %s text[%d:%d] = %r, file says %r" % (
                        o["id"], it["id"], s, e, text[s:e], src["text"]))
                if it["value"] != src["value"] or it["unit"] != src["unit"]:
                    return fail("%s: %s value/unit" % (o["id"], it["id"]))
            elif kind == "SECTION":
                if not (text[s:e].startswith(src["marker"]) and text[s:e].endswith(src["title"])):
                    return fail("%s: %s section text %r" % (o["id"], it["id"], text[s:e]))
            else:
                return fail("label kind %r" % kind)
        m = o["meta"]
        for k in ("title", "issuer", "region", "year"):
            if m[k] != doc["document"][k]:
                return fail("%s: meta.%s %r" % (o["id"], k, m[k]))
    if seen != set(docs):
        return fail("reports exported %r, expected %r" % (sorted(seen), sorted(docs)))
    return True

T_RE = re.compile(r"^T(\d+)\t(Section|Statistic) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
A_RE = re.compile(r"^A\d+\tStatus T(\d+) (pending|accepted|fixed|rejected|added)$")
N_RE = re.compile(r"^#\d+\tAnnotatorNotes T(\d+)\t[^\t\r\n]*$")

def check_brat(outdir, folder, expect_split=None):
    """NAME.txt is the decoded report; every .ann line is well formed and
    every T line's text is its spans' text."""
    for path in annot_files(folder):
        doc = load(path)
        name = os.path.basename(path)[:-5]
        with open(os.path.join(outdir, name + ".txt"), encoding="utf-8", newline="") as f:
            txt = f.read()
        if txt != report_text(path, doc):
            return fail("%s.txt differs from the decoded report" % name)
        with open(os.path.join(outdir, name + ".ann"), encoding="utf-8", newline="") as f:
            ann = f.read()
        if ann and not ann.endswith("\n"):
            return fail("%s.ann: no final newline" % name)
        tids = set()
        ntext = 0
        for line in ann.split("\n")[:-1]:
            m = T_RE.match(line)
            if m:
                frags = [tuple(map(int, p.split())) for p in m.group(3).split(";")]
                got = " ".join(txt[s:e] for s, e in frags)
                if got != m.group(4):
                    return fail("%s.ann: %r: text is %r" % (name, line, got))
                if any("\n" in txt[s:e] or "\r" in txt[s:e] or s >= e for s, e in frags):
                    return fail("%s.ann: %r: a line break in a span" % (name, line))
                tids.add(m.group(1))
                ntext += 1
                if expect_split and len(frags) > 1 and m.group(3) != expect_split:
                    return fail("%s.ann: split %r, expected %r" % (name, m.group(3), expect_split))
                continue
            m = A_RE.match(line) or N_RE.match(line)
            if not m:
                return fail("%s.ann: bad line %r" % (name, line))
            if m.group(1) not in tids:
                return fail("%s.ann: %r refers to an unknown T" % (name, line))
        if expect_split and expect_split not in ann:
            return fail("%s.ann: no split span %r" % (name, expect_split))
        want = sum(1 for i in (doc.get("sections") or []) + (doc.get("statistics") or [])
                   if i["status"] != "rejected")
        if not expect_split and ntext != want:
            return fail("%s.ann: %d T lines, expected %d" % (name, ntext, want))
    return True

def check_csv(out, folder, mode, tricky):
    """python's csv reads it; one row per (non-rejected) statistic."""
    with open(out, encoding="utf-8", newline="") as f:
        data = f.read()
    if data.startswith("\ufeff"):
        return fail("a BOM")
    rows = list(csv.reader(data.splitlines(keepends=True)))
    head = "file,section_path,id,text,start,end,value,unit,approx,value_max,subject,status,tags".split(",")
    if rows[0] != head:
        return fail("header %r" % rows[0])
    want = 0
    stats = {}
    for p in annot_files(folder):
        for s in load(p).get("statistics") or []:
            if mode == "all" or s["status"] != "rejected":
                want += 1
                stats[(os.path.basename(p), s["id"])] = s
    body = rows[1:]
    if len(body) != want:
        return fail("%d rows, expected %d" % (len(body), want))
    for r in body:
        if len(r) != len(head):
            return fail("row of %d fields: %r" % (len(r), r))
        s = stats[(os.path.basename(r[0]), r[2])]
        if r[3] != s["text"] or int(r[4]) != s["start"] or r[10] != (s["subject"] or ""):
            return fail("row %r differs from the file" % r)
    if tricky and not any(r[10] == tricky for r in body):
        return fail("no row with subject %r" % tricky)
    return True

def main():
    what, args = sys.argv[1], sys.argv[2:]
    fn = {"status-yaml": check_status_yaml, "jsonl": check_jsonl,
          "brat": check_brat, "csv": check_csv}[what]
    try:
        ok = fn(*args)
    except Exception as e:
        ok = fail("%s: %s: %s" % (what, type(e).__name__, e))
    sys.exit(0 if ok else 1)

main()
EOF

# ---------------------------------------------------------------- usage
run status
t_rc 2
point $? "status without a file: exit status 2"
run status --help
t_rc 0 && t_out_fixed '--format'
point $? "status --help: exit status 0, mentions --format"
run status --format xml .
t_rc 2
point $? "status --format xml: exit status 2"
run export --help
t_rc 0 && t_out_fixed '--to'
point $? "export --help: exit status 0, mentions --to"
run export .
t_rc 2 && t_err_fixed '--to'
point $? "export without --to: exit status 2"
run export --to xml .
t_rc 2
point $? "export --to xml: exit status 2"
run export --to brat .
t_rc 2 && t_err_fixed '-o DIR'
point $? "export --to brat without -o DIR: exit status 2"

# ---------------------------------------------------------------- setup
mkdir rep
cp "$SAMPLES"/01_liuxi_town_2023.txt "$SAMPLES"/02_shiqiao_town_2022.txt \
	"$SAMPLES"/03_songling_township_crlf.txt "$SAMPLES"/04_qinghe_county_2022.txt \
	"$SAMPLES"/05_gb18030.txt rep/
run extract rep/01_liuxi_town_2023.txt rep/02_shiqiao_town_2022.txt \
	rep/03_songling_township_crlf.txt rep/04_qinghe_county_2022.txt rep/05_gb18030.txt
t_rc 0 && [ "$(ls rep/*.yaml | wc -l)" -eq 5 ]
point $? "setup: the five samples extracted beside themselves"

# mark FILE ACCEPT REJECT: in FILE's statistics, the statuses whose
# 1-based positions are in the space-separated lists become accepted /
# rejected; ACCEPT "all" accepts every item (the document too).
mark() {
	awk -v acc=" $2 " -v rej=" $3 " '
		/^statistics:/ { inst = 1 }
		/^review:/ { inst = 0 }
		acc == " all " && /status: pending$/ { sub(/pending$/, "accepted") }
		inst && /^  status: pending$/ {
			k++
			if (index(rej, " " k " ")) sub(/pending$/, "rejected")
			else if (index(acc, " " k " ")) sub(/pending$/, "accepted")
		}
		{ print }
	' "$1" >"$1.new" && mv "$1.new" "$1"
}
# review FILE REVIEWER UPDATED: append a review: block.
review() {
	printf 'review:\n  reviewer: %s\n  updated: "%s"\n' "$2" "$3" >>"$1"
}

R1=rep/01_liuxi_town_2023.yaml R2=rep/02_shiqiao_town_2022.yaml
R3=rep/03_songling_township_crlf.yaml R4=rep/04_qinghe_county_2022.yaml
R5=rep/05_gb18030.yaml
TRICKY='a,b "c" d'
mark "$R1" all "" && review "$R1" wang 2026-01-02T03:04:05Z
mark "$R2" "1 4" "2 3"
# statistic 1 of R2 (accepted) gets a subject with a comma and quotes
awk -v q="'" '
	/^statistics:/ { inst = 1 }
	inst && !done && /^  subject: / { print "  subject: " q "a,b \"c\" d" q; done = 1; next }
	{ print }
' "$R2" >"$R2.new" && mv "$R2.new" "$R2"
mark "$R3" "1 2 3 4 5" "6 7" && review "$R3" li 2026-02-03T04:05:06Z
mark "$R5" all "" && awk '/^  status: accepted$/ && !d { sub(/accepted$/, "pending"); d = 1 } { print }' \
	"$R5" >"$R5.new" && mv "$R5.new" "$R5"
: >"$R4.journal"
printf 'foo: bar\n' >rep/other.yaml
: >"$R1.lock"

last_cmd="setup: awk"
rc=0
[ "$(grep -c 'status: rejected' "$R2")" -eq 2 ] &&
	[ "$(grep -c 'status: pending' "$R1")" -eq 0 ] &&
	[ "$(grep -c 'status: pending' "$R5")" -eq 1 ] &&
	grep -q -F "subject: 'a,b \"c\" d'" "$R2" &&
	grep -q '^  reviewer: li$' "$R3"
point $? "setup: statuses changed, review blocks and a tricky subject added"

run status rep/02_shiqiao_town_2022.yaml
t_rc 0 && t_out_fixed '02_shiqiao_town_2022.yaml'
point $? "setup: the edited files still read as annotation files"

# ---------------------------------------------------------------- status, text
run status rep
cp "$T/out" status.txt
t_rc 0
point $? "status FOLDER: exit status 0"
t_err_fixed 'other.yaml' && ! t_err_fixed '.journal' && ! t_err_fixed '.lock'
point $? "a YAML file that is not an annotation file is skipped with a warning; journal and lock files are not listed"
[ "$(head -n 1 status.txt | awk '{ print $1, $2, $3 }')" = "FILE PENDING ACCEPTED" ] &&
	[ "$(grep -c '\.yaml' status.txt)" -eq 5 ] && ! grep -q 'other.yaml' status.txt
point $? "the table: a header and one line per annotation file"

# the file lines in order: pending column non-increasing, done files last
awk 'NR > 1 && !/^total:/ { print $2 }' status.txt >pend.txt
sort -n -r pend.txt | cmp -s - pend.txt && [ "$(tail -n 1 pend.txt)" -eq 0 ] &&
	[ "$(awk 'NR > 1 && !/^total:/ { print $1 }' status.txt | tail -n 1)" = "$R1" ] &&
	[ "$(awk 'NR > 1 && !/^total:/ { print $1 }' status.txt | sed -n 4p)" = "$R5" ]
rc=$?
last_cmd="order of status lines"
point $rc "pending files first, most pending first; the done file last"

# the columns of the file lines add up to the total line
awk '
	NR == 1 { next }
	/^total:/ { sub(/^total: [0-9]+ files?, [0-9]+ done/, "");
		for (i = 1; i <= 6; i++) tot[i] = $i; next }
	{ for (i = 2; i <= 7; i++) sum[i - 1] += $i
	  if ($2 + $3 + $4 + $5 + $6 != $7) bad = 1 }
	END { for (i = 1; i <= 6; i++) if (sum[i] != tot[i]) bad = 1; exit bad }
' status.txt
rc=$?
last_cmd="sums of the status table"
point $rc "the totals add up (per status and per line)"
last_cmd="grep status.txt"
grep -q '^total: 5 files, 1 done ' status.txt && grep '^total:' status.txt | grep -q -F 'li, wang'
rc=$?
point $rc "the total line: 5 files, 1 done, reviewers li, wang"
last_cmd="grep status.txt"
grep -F "$R1" status.txt | grep -q ' 100\.0%  *wang  *2026-01-02T03:04:05Z$' &&
	grep -F "$R3" status.txt | grep -q ' li  *2026-02-03T04:05:06Z$'
rc=$?
point $rc "a file's reviewer and review.updated are shown; done is 100.0%"
grep -F "$R4" status.txt | grep -q 'journal' && ! grep -F "$R2" status.txt | grep -q 'journal'
rc=$?
point $rc "NAME.yaml.journal beside a file: noted as journal"
grep -F "$R4" status.txt | grep -q ' 0\.0%  *-  *[0-9-]*T[0-9:]*Z  *journal'
rc=$?
point $rc "no review block: no reviewer, the file's time as last change"

run status "$R1" "$R4.journal"
t_rc 0 && [ "$(grep -c '\.yaml' "$T/out")" -eq 1 ] && t_err 'journal'
point $? "status FILE: that file; a journal named on the command line is skipped with a warning"

run status rep/no-such.yaml "$R1"
t_rc 1 && t_err_fixed 'no-such.yaml' && t_out_fixed "$R1"
point $? "a missing file: exit status 1, named; the others still shown"

printf 'format: shenyue-annotations/1\nsource: [\n' >broken.yaml
run status broken.yaml "$R1"
t_rc 1 && t_err_fixed 'broken.yaml:' && t_out_fixed "$R1"
point $? "a damaged annotation file: exit status 1 with file:line; the others still shown"

mkdir empty
run status empty
t_rc 1 && t_err 'no annotation file'
point $? "a folder without annotation files: exit status 1"

# ---------------------------------------------------------------- status, yaml
run status --format yaml rep
cp "$T/out" status.yaml
t_rc 0 && [ "$(head -n 1 status.yaml)" = "files:" ]
point $? "status --format yaml: exit status 0, a files: list"
pypoint status-yaml "status --format yaml parses with PyYAML and matches a recount of the files" status.yaml rep

# ---------------------------------------------------------------- export jsonl
run export --to jsonl rep
cp "$T/out" out.jsonl
t_rc 0 && [ "$(wc -l <out.jsonl)" -eq 5 ]
point $? "export --to jsonl: exit status 0, one line per report"
pypoint jsonl "jsonl: every line parses; text is the decoded report (CRLF, GB18030); text[start:end] is each statistic's text; rejected left out" out.jsonl rep default

run export --to jsonl --all rep
cp "$T/out" all.jsonl
pypoint jsonl "jsonl --all: rejected items too, with their status" all.jsonl rep all
grep -q '"status": "rejected"' all.jsonl && ! grep -q '"status": "rejected"' out.jsonl
rc=$?
point $rc "jsonl: rejected only with --all"
grep -q -F '\r\n' out.jsonl && ! grep -q "$(printf '\r')" out.jsonl
rc=$?
point $rc "jsonl: CR and LF escaped in strings, no raw control characters"

run export --to jsonl -o jdir rep
t_rc 0 && cmp -s jdir/annotations.jsonl out.jsonl
point $? "jsonl -o DIR writes DIR/annotations.jsonl, the same as standard output"

# ---------------------------------------------------------------- export brat
run export --to brat -o brat rep
t_rc 0 && [ "$(ls brat/*.ann | wc -l)" -eq 5 ] && [ "$(ls brat/*.txt | wc -l)" -eq 5 ] &&
	[ -s brat/annotation.conf ]
point $? "export --to brat: NAME.txt and NAME.ann per report, annotation.conf"
cmp -s brat/03_songling_township_crlf.txt "$SAMPLES/03_songling_township_crlf.txt"
point $? "brat: the CRLF report's .txt keeps its CRs"
pypoint brat "brat: .txt is the decoded text; .ann lines well formed; T text is txt[start:end]" brat rep
awk -F '\t' '
	/^T[0-9]+\t(Section|Statistic) [0-9]+ [0-9]+(;[0-9]+ [0-9]+)*\t/ { next }
	/^A[0-9]+\tStatus T[0-9]+ (pending|accepted|fixed|rejected|added)$/ { next }
	/^#[0-9]+\tAnnotatorNotes T[0-9]+\t/ { next }
	{ bad = 1 }
	END { exit bad }
' brat/*.ann
rc=$?
last_cmd="awk: grammar of the .ann lines"
point $rc "brat: every .ann line is a T, A or AnnotatorNotes line"
grep -q -F 'value=' brat/01_liuxi_town_2023.ann && grep -q -F 'approx=' brat/01_liuxi_town_2023.ann
rc=$?
point $rc "brat: the notes carry value, unit, approx, subject"

# a statistic over a line break: split into fragments; one of line breaks
# only: left out with a warning
mkdir lb
printf '共计53\r\n宗案件，另有\r\n\r\n事项。\n' >lb/r.txt
if command -v sha256sum >/dev/null 2>&1; then
	sum=$(sha256sum lb/r.txt | awk '{ print $1 }')
else
	sum=$(shasum -a 256 lb/r.txt | awk '{ print $1 }')
fi
cat >lb/r.yaml <<EOF
format: shenyue-annotations/1
source:
  path: r.txt
  sha256: $sum
  encoding: utf-8
  chars: 20
document:
  title: null
  issuer: null
  region: null
  year: null
  date: null
  status: pending
sections: []
statistics:
- id: n1
  text: "53\r\n宗"
  start: 2
  end: 7
  value: 53
  unit: 宗
  approx: null
  value_max: null
  subject: 案件
  section: null
  status: accepted
  tags: []
- id: n2
  text: "\r\n\r\n"
  start: 12
  end: 16
  value: null
  unit: null
  approx: null
  value_max: null
  subject: null
  section: null
  status: pending
  tags: []
EOF
run export --to brat -o lbout lb
t_rc 0 && grep -q "$(printf '^T1\tStatistic 2 4;6 7\t53 宗$')" lbout/r.ann && t_err_fixed 'n2'
point $? "brat: a span over a line break is split into fragments; one of line breaks only is left out, with a warning"
[ "$(grep -c '^T' lbout/r.ann)" -eq 1 ]
point $? "brat: the left-out item has no T line"
pypoint brat "brat: the split span's fragments are the text's" lbout lb "2 4;6 7"
run export --to jsonl lb
cp "$T/out" lb.jsonl
t_rc 0 && grep -q -F '"label": [[2, 7, "STAT"], [12, 16, "STAT"]]' lb.jsonl
point $? "jsonl: a span over a line break is kept whole"

# ---------------------------------------------------------------- export csv
run export --to csv rep
cp "$T/out" out.csv
t_rc 0 && [ "$(head -n 1 out.csv)" = "$(printf 'file,section_path,id,text,start,end,value,unit,approx,value_max,subject,status,tags\r')" ]
point $? "export --to csv: exit status 0, the header, CRLF line ends"
grep -q -F '"a,b ""c"" d"' out.csv
point $? "csv: a field with a comma and quotes is quoted, quotes doubled"
pypoint csv "csv: python's csv reads it; one row per non-rejected statistic; the tricky subject round-trips" out.csv rep default "$TRICKY"
run export --to csv --all rep
cp "$T/out" all.csv
pypoint csv "csv --all: one row per statistic" all.csv rep all ""
grep -q -F ' > ' out.csv
point $? "csv: section paths joined by ' > '"

# ---------------------------------------------------------------- export errors
mkdir miss
sed 's/^  path: .*/  path: gone.txt/' "$R1" >miss/01_liuxi_town_2023.yaml
cp "$R3" miss/ && cp rep/03_songling_township_crlf.txt miss/
run export --to jsonl miss
t_rc 1 && t_err_fixed 'gone.txt' && [ "$(wc -l <"$T/out")" -eq 1 ]
point $? "jsonl: a missing report is an error naming it; the other reports still exported"

mkdir chg && cp "$R3" chg/ && cp rep/03_songling_township_crlf.txt chg/
printf 'appended\r\n' >>chg/03_songling_township_crlf.txt
run export --to brat -o chgout chg
t_rc 1 && t_err 'changed' && [ ! -e chgout/03_songling_township_crlf.ann ]
point $? "a report changed since the file was written: refused, nothing written for it"
[ ! -e chgout ]
point $? "a refused brat export leaves nothing behind: no annotation.conf, no folder"

run export --to csv chg
t_rc 1 && t_err 'changed' && [ ! -s "$T/out" ]
point $? "csv: a report changed since the file was written is refused (exit 1), no row written"
run export --to csv -o "$T/csvchg" chg
t_rc 1 && [ ! -e "$T/csvchg" ]
point $? "csv -o DIR: every file refused, no statistics.csv left behind"

run export --to csv -o "$T/csvdir" miss
t_rc 1 && t_err_fixed 'gone.txt' && [ -s "$T/csvdir/statistics.csv" ] &&
	! grep -q '^01_liuxi' "$T/csvdir/statistics.csv" &&
	grep -q '03_songling' "$T/csvdir/statistics.csv"
point $? "csv: a missing report is an error naming it (offsets cannot be checked); the others still exported"

cp -r chg chgb
cp "$R1" chgb/ && cp rep/01_liuxi_town_2023.txt chgb/
run export --to brat -o chgbout chgb
t_rc 1 && [ -e chgbout/annotation.conf ] && [ -e chgbout/01_liuxi_town_2023.ann ] &&
	[ "$(ls chgbout | wc -l)" -eq 3 ]
point $? "brat: one file refused, the others exported with annotation.conf, nothing for the refused one"

# ---------------------------------------------------------------- status, unreadable
printf 'format: shenyue-annotations/1\nsource: [\n' >broken.yaml
run status broken.yaml
t_rc 1 && ! t_out '100\.0%' && t_out '^broken\.yaml .* unreadable .*broken\.yaml:3:1: ' &&
	t_out '^total: 0 files, 0 done, 1 unreadable '
point $? "status of an unreadable annotation file: listed as unreadable with the reason, no 100.0%, exit 1"
! t_err 'no annotation file found'
point $? "status of an unreadable annotation file: not also told that no annotation file was found"
run status --format yaml broken.yaml
t_rc 1 && t_out_fixed 'unreadable: "broken.yaml:3:1: ' && t_out '^  files_unreadable: 1$' &&
	t_out '^  percent: null$' && t_out '^  done: false$'
point $? "status --format yaml: the unreadable file with its reason; no percent"
mkdir unr && cp "$R1" rep/01_liuxi_town_2023.txt unr/ && : >unr/empty.txt &&
	printf 'a\000b\n' >unr/binary.txt && cp broken.yaml unr/
run status unr
t_rc 1 && t_out '^unr/empty\.txt .* unreadable .*empty' &&
	t_out '^unr/binary\.txt .* unreadable .*NUL' &&
	t_out '^unr/broken\.yaml .* unreadable' && t_out_fixed 'unr/01_liuxi_town_2023.yaml' &&
	t_out '^total: 1 file, 1 done, 3 unreadable '
point $? "status FOLDER: unreadable reports (*.txt: empty, binary) and annotation files listed as unreadable"

# ---------------------------------------------------------------- status, reviewers by name
# an adjudicated file names three reviewers in one review.reviewer; the
# total line lists each name once
mkdir revs && cp "$R1" rep/01_liuxi_town_2023.txt revs/ &&
	sed 's/^\(  *reviewer:\).*/\1 wang, li, zhao/' "$R1" >revs/adj.yaml
run status revs
t_out '^total:.*  li, wang, zhao  ' && ! t_out '^total:.*wang, wang'
point $? "status: the total lists each reviewer once, a 'wang, li, zhao' file counted by name"

cli_end
