#!/bin/sh
# tests/merge.sh - TAP test of `shenyue merge BASE OURS THEIRS`, by itself
# and as a git merge driver.
#
# Run by `make check` with SHENYUE (absolute path of the built program;
# default $top_srcdir/shenyue), top_srcdir and PYTHON3 in the
# environment.  BASE is a fresh extraction of sample 01; OURS and THEIRS
# are made from it with small Python (PyYAML) edits, so without PyYAML
# the test fails (need_pyyaml); the git points also need git.
# Works in a fresh temporary directory; exits 1 if any point failed.
set -u
top_srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$top_srcdir/tests/cli_lib.sh"
S1=$(ls "$top_srcdir"/samples/01_*.txt 2>/dev/null | head -n 1)
S2=$(ls "$top_srcdir"/samples/02_*.txt 2>/dev/null | head -n 1)

if [ ! -r "$S1" ] || [ ! -r "$S2" ]; then
	echo "Bail out! samples 01 and 02 missing in $top_srcdir/samples"
	exit 1
fi

need_pyyaml "the edits of OURS and THEIRS and the checks"
cli_begin merge
have_git=1
command -v git >/dev/null 2>&1 || have_git=0

# y.py: `edit IN OUT CODE` runs CODE on the YAML of IN (as `d`) and writes
# OUT; `check FILE EXPR` exits 0 when EXPR holds for FILE; `same A B`
# exits 0 when A and B hold the same items and document.
cat >y.py <<'EOF'
import sys, yaml

def load(p):
    with open(p, encoding="utf-8") as f:
        return yaml.safe_load(f)

d = None

def items():
    return (d.get("sections") or []) + (d.get("statistics") or [])

def item(i):
    for x in items():
        if x["id"] == i:
            return x
    return None

def ids():
    return [x["id"] for x in items()]

def tagged(tag):
    return sorted(x["id"] for x in items() if tag in (x.get("tags") or []))

def stat(i, start, end, text="9件", value=9, unit="件", **kw):
    x = dict(id=i, text=text, start=start, end=end, value=value, unit=unit,
             approx=None, value_max=None, subject=None, section=None,
             status="added", tags=[])
    x.update(kw)
    d["statistics"].append(x)
    return x

def section(i, start, end, title="新标题", level=2, marker="（九）", **kw):
    x = dict(id=i, level=level, marker=marker, title=title, start=start,
             end=end, status="added", tags=[])
    x.update(kw)
    d["sections"].append(x)
    return x

def drop(i):
    for k in ("sections", "statistics"):
        d[k] = [x for x in d[k] if x["id"] != i]

def review(name, updated, cursor=None, **kw):
    r = dict(reviewer=name, updated=updated)
    if cursor:
        r["cursor"] = cursor
    r.update(kw)
    d["review"] = r

mode = sys.argv[1]
try:
    if mode == "edit":
        d = load(sys.argv[2])
        exec(sys.argv[4])
        for k in ("sections", "statistics"):
            d[k].sort(key=lambda x: (x["start"], x["end"]))
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            yaml.safe_dump(d, f, allow_unicode=True, sort_keys=False)
        sys.exit(0)
    if mode == "check":
        d = load(sys.argv[2])
        if eval("(" + sys.argv[3] + "\n)"):
            sys.exit(0)
        print("# check failed: %s" % sys.argv[3])
        sys.exit(1)
    if mode == "same":
        a, b = load(sys.argv[2]), load(sys.argv[3])
        for k in ("document", "sections", "statistics"):
            if a.get(k) != b.get(k):
                print("# %s differ" % k)
                sys.exit(1)
        sys.exit(0)
except SystemExit:
    raise
except Exception as e:
    print("# y.py %s: %s: %s" % (mode, type(e).__name__, e))
sys.exit(1)
EOF

# edit IN OUT CODE / check FILE EXPR / same A B
edit() { "$PYTHON3" y.py edit "$@" || echo "# edit of $1 failed"; }
check() { "$PYTHON3" y.py check "$@"; }
same() { "$PYTHON3" y.py same "$@"; }

# BASE: the extraction of sample 01 (and 02 for a different report).
cp "$S1" r.txt
cp "$S2" other.txt
"$SHENYUE" extract r.txt other.txt 2>err || {
	echo "Bail out! extract failed: $(cat err)"
	exit 1
}
cp r.yaml base.yaml

# ---------------------------------------------------------------- no python
run merge base.yaml base.yaml base.yaml -o self.yaml
t_rc 0 && cmp -s base.yaml self.yaml
point $? "merge of a file with itself: exit 0, the same file"

cp base.yaml ours0.yaml
run merge base.yaml ours0.yaml other.yaml
t_rc 2 && t_err_fixed "different reports" && cmp -s base.yaml ours0.yaml
point $? "different reports (sha256): refused, exit 2, OURS untouched"

run merge base.yaml ours0.yaml
t_rc 2
point $? "two files: usage error, exit 2"

run merge base.yaml no-such.yaml base.yaml
t_rc 2 && t_err_fixed "no-such.yaml"
point $? "a missing file: exit 2, named"

printf 'format: shenyue-annotations/1\nsource: [\n' >broken.yaml
run merge base.yaml broken.yaml base.yaml
t_rc 2 && t_err_fixed "broken.yaml:" && grep -q 'source: \[' broken.yaml
point $? "an unreadable OURS: exit 2, file:line, left as it was"

run merge --help
t_rc 0 && grep -q 'BASE OURS THEIRS' "$T/out"
point $? "merge --help"

# ---------------------------------------------------------------- disjoint
edit base.yaml ours.yaml '
item("s1")["status"] = "accepted"
item("n1")["status"] = "accepted"
item("n4")["status"] = "accepted"
review("wang", "2026-01-01T10:00:00Z", "n4", **{"next-ids": {"sections": 15, "statistics": 36}})'
edit base.yaml theirs.yaml '
item("n2")["status"] = "rejected"
item("s2")["tags"] = ["checked"]
item("n4")["tags"] = ["borderline"]
review("li", "2026-01-02T09:00:00Z", "n9", **{"next-ids": {"sections": 15, "statistics": 40}})'
run merge base.yaml ours.yaml theirs.yaml -o m1.yaml
t_rc 0
point $? "disjoint changes: exit 0"
check m1.yaml 'item("s1")["status"] == "accepted" and item("n1")["status"] == "accepted"
 and item("n2")["status"] == "rejected" and item("s2")["tags"] == ["checked"]
 and item("n4")["status"] == "accepted" and item("n4")["tags"] == ["borderline"]
 and tagged("conflict") == [] and len(ids()) == 49'
point $? "disjoint changes: both sides' decisions"
check m1.yaml 'd["review"]["reviewer"] == "wang, li"
 and d["review"]["updated"] == "2026-01-02T09:00:00Z" and d["review"]["cursor"] == "n4"
 and d["review"]["next-ids"] == {"sections": 15, "statistics": 40}'
point $? "disjoint changes: review block"

# ---------------------------------------------------------------- same change
edit base.yaml ours.yaml '
item("n3")["status"] = "fixed"; item("n3")["value"] = 99; item("n3")["proposed"] = {"value": item("n3")["value"]}
item("s3")["status"] = "rejected"
review("wang", "2026-01-01T10:00:00Z")'
cp ours.yaml theirs.yaml
edit theirs.yaml theirs.yaml 'review("li", "2026-01-01T09:00:00Z")'
run merge base.yaml ours.yaml theirs.yaml -o m2.yaml
t_rc 0 && check m2.yaml 'item("n3")["value"] == 99 and item("n3")["status"] == "fixed"
 and item("s3")["status"] == "rejected" and tagged("conflict") == []
 and d["review"]["updated"] == "2026-01-01T10:00:00Z"'
point $? "same change on both: clean"

# ---------------------------------------------------------------- fixes
edit base.yaml ours.yaml '
x = item("n10"); x["proposed"] = {"value": x["value"]}; x["value"] = 1234; x["status"] = "fixed"'
edit base.yaml theirs.yaml '
x = item("n10"); x["proposed"] = {"subject": x["subject"]}; x["subject"] = "改过"; x["status"] = "fixed"'
run merge base.yaml ours.yaml theirs.yaml -o m2b.yaml
t_rc 0 && check m2b.yaml 'item("n10")["value"] == 1234 and item("n10")["subject"] == "改过"
 and item("n10")["status"] == "fixed" and sorted(item("n10")["proposed"]) == ["subject", "value"]
 and tagged("conflict") == []'
point $? "different fields fixed on both: merged, proposed holds both"

# ---------------------------------------------------------------- conflict
edit base.yaml ours.yaml '
item("n5")["status"] = "accepted"
item("n6")["status"] = "accepted"
review("wang", "2026-01-01T10:00:00Z")'
edit base.yaml theirs.yaml '
x = item("n5"); x["proposed"] = {"value": x["value"]}; x["value"] = 77; x["status"] = "fixed"
item("n7")["status"] = "rejected"
review("li", "2026-01-01T11:00:00Z")'
run merge base.yaml ours.yaml theirs.yaml -o m3.yaml
t_rc 1
point $? "conflicting status: exit 1"
check m3.yaml 'tagged("conflict") == ["n5"] and item("n5")["status"] == "accepted"
 and item("n5")["conflict"]["theirs"]["status"] == "fixed"
 and item("n5")["conflict"]["theirs"]["value"] == 77
 and item("n5")["conflict"]["reviewer"] == "li"
 and item("n6")["status"] == "accepted" and item("n7")["status"] == "rejected"'
point $? "conflict: tagged, theirs' fields recorded"
t_err_fixed "1 conflict" && t_err_fixed " n5"
point $? "conflict: summary names it"
run merge m3.yaml m3.yaml m3.yaml -o m3self.yaml
t_rc 0 && cmp -s m3.yaml m3self.yaml
point $? "conflict file: merged with itself, exit 0"
same m3.yaml m3self.yaml && check m3self.yaml 'd["format"] == "shenyue-annotations/1"'
point $? "conflict file: reads back with the same items"

# ---------------------------------------------------------------- added ids
edit base.yaml ours.yaml '
stat("n36", 100, 103, text="3件", value=3)
section("s15", 60, 66, title="我方")
review("wang", "2026-01-01T10:00:00Z")'
edit base.yaml theirs.yaml '
stat("n36", 200, 204, text="4件", value=4)
section("s15", 90, 96, title="对方")
stat("n37", 92, 94, section="s15")
review("li", "2026-01-01T11:00:00Z", "s15")'
run merge base.yaml ours.yaml theirs.yaml -o m4.yaml
t_rc 0 && check m4.yaml 'len(ids()) == len(set(ids())) == 49 + 5
 and item("n36")["start"] == 100 and item("s15")["title"] == "我方"
 and [x["start"] for x in items() if x.get("text") == "4件"] == [200]
 and [x["start"] for x in items() if x.get("title") == "对方"] == [90]'
point $? "colliding added ids: both kept, distinct ids"
check m4.yaml '[x["section"] for x in items() if x.get("start") == 92] ==
 [x["id"] for x in items() if x.get("title") == "对方"] != ["s15"]
 and d["review"]["next-ids"]["sections"] > int(max(i[1:] for i in ids() if i[0] == "s"))'
point $? "colliding added ids: theirs' references follow"

edit base.yaml ours.yaml 'stat("n36", 100, 103, text="3件", value=3)'
cp ours.yaml theirs.yaml
run merge base.yaml ours.yaml theirs.yaml -o m5.yaml
t_rc 0 && check m5.yaml 'len(ids()) == 50 and item("n36")["start"] == 100'
point $? "same item added on both: kept once"

edit base.yaml theirs.yaml 'stat("n40", 100, 103, text="3件", value=3)'
run merge base.yaml ours.yaml theirs.yaml -o m6.yaml
t_rc 0 && check m6.yaml 'len(ids()) == 50 and item("n36")["start"] == 100' &&
	t_err_fixed "n40 = n36"
point $? "same item added under two ids: kept once"

edit base.yaml theirs.yaml 'stat("n36", 100, 103, text="3件", value=3, unit="个")'
run merge base.yaml ours.yaml theirs.yaml -o m7.yaml
t_rc 1 && check m7.yaml 'len(ids()) == 50 and item("n36")["unit"] == "件"
 and item("n36")["conflict"]["theirs"] == {"unit": "个"} and tagged("conflict") == ["n36"]'
point $? "same id and span, different fields: conflict"

# ---------------------------------------------------------------- unknown keys
edit base.yaml ours.yaml '
d["ours_top"] = {"a": [1, 2]}; d["shared"] = "ours"
item("n8")["ours_note"] = "o"; d["document"]["ours_doc"] = 1
review("wang", "2026-01-01T10:00:00Z", extra_o="x")'
edit base.yaml theirs.yaml '
d["theirs_top"] = "t"; d["shared"] = "theirs"
item("n8")["theirs_note"] = "t"; item("s4")["theirs_key"] = {"k": "v"}
d["source"]["theirs_src"] = True
review("li", "2026-01-01T11:00:00Z", extra_t="y")'
run merge base.yaml ours.yaml theirs.yaml -o m8.yaml
t_rc 0 && check m8.yaml 'd["ours_top"] == {"a": [1, 2]} and d["theirs_top"] == "t"
 and d["shared"] == "ours" and item("n8")["ours_note"] == "o"
 and item("n8")["theirs_note"] == "t" and item("s4")["theirs_key"] == {"k": "v"}
 and d["document"]["ours_doc"] == 1 and d["source"]["theirs_src"] is True
 and d["review"]["extra_o"] == "x" and d["review"]["extra_t"] == "y"'
point $? "unknown keys kept from both sides"

# ---------------------------------------------------------------- deletions
edit base.yaml base2.yaml 'stat("n36", 100, 103, text="3件", value=3)'
edit base2.yaml ours.yaml 'drop("n36")'
edit base2.yaml theirs.yaml 'item("n1")["status"] = "accepted"'
run merge base2.yaml ours.yaml theirs.yaml -o m9.yaml
t_rc 0 && check m9.yaml 'item("n36") is None and item("n1")["status"] == "accepted"'
point $? "deleted vs unchanged: deleted"
edit base2.yaml theirs.yaml 'item("n36")["note"] = "keep"'
run merge base2.yaml ours.yaml theirs.yaml -o m10.yaml
t_rc 1 && check m10.yaml 'item("n36")["note"] == "keep"
 and item("n36")["conflict"]["ours"] == "deleted" and tagged("conflict") == ["n36"]'
point $? "deleted vs changed: conflict, kept"

# ---------------------------------------------------------------- document
edit base.yaml ours.yaml 'd["document"]["year"] = 2024; d["document"]["status"] = "fixed"'
edit base.yaml theirs.yaml 'd["document"]["year"] = 2022; d["document"]["status"] = "fixed"'
run merge base.yaml ours.yaml theirs.yaml -o m11.yaml
t_rc 1 && t_err_fixed "document" && check m11.yaml 'd["document"]["year"] == 2024
 and d["document"]["conflict"]["theirs"] == {"year": 2022}'
point $? "document facts conflict"

# ---------------------------------------------------------------- no base
edit base.yaml ours.yaml 'item("n1")["status"] = "accepted"'
edit base.yaml theirs.yaml 'item("n2")["status"] = "accepted"'
: >empty.yaml
run merge empty.yaml ours.yaml theirs.yaml -o m12.yaml
t_rc 1 && check m12.yaml 'tagged("conflict") == ["n1", "n2"] and len(ids()) == 49'
point $? "no common ancestor (empty BASE)"

# ---------------------------------------------------------------- default out
edit base.yaml ours.yaml 'item("n1")["status"] = "accepted"'
cp theirs.yaml theirs.keep
run merge base.yaml ours.yaml theirs.yaml
t_rc 0 && cmp -s theirs.yaml theirs.keep && check ours.yaml 'item("n1")["status"] ==
 "accepted" and item("n2")["status"] == "accepted"'
point $? "default output replaces OURS"

# ---------------------------------------------------------------- git
if [ "$have_git" -eq 0 ]; then
	skip "git: clean merge by the driver" "git not installed"
	skip "git: conflict in YAML form" "git not installed"
	echo "1..$n"
	[ "$failed" -eq 0 ]
	exit
fi
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY
HOME=$T GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-01-01T00:00:00Z'
GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_DATE GIT_COMMITTER_DATE
g() { git -C repo "$@" >>git.log 2>&1; }
mkdir repo && cp "$S1" repo/r.txt && cp base.yaml repo/r.yaml
g init -q && g config user.name tester && g config user.email t@example.org &&
	g config commit.gpgsign false &&
	g config merge.shenyue.name "shenyue annotation merge" &&
	g config merge.shenyue.driver "'$SHENYUE' merge --name %P %O %A %B"
echo '*.yaml merge=shenyue' >repo/.gitattributes
g add -A && g commit -q -m base
main=$(git -C repo symbolic-ref --short HEAD)
# diverge BRANCH THEIRS OURS MESSAGE: BRANCH from the main branch with the
# edit THEIRS committed, the main branch with the edit OURS (MESSAGE),
# then `git merge BRANCH` ($T/out, $T/err, $rc)
diverge() {
	g checkout -q -b "$1"
	edit repo/r.yaml repo/r.yaml "$2"
	g commit -q -am "$1"
	g checkout -q "$main"
	edit repo/r.yaml repo/r.yaml "$3"
	g commit -q -am "$4"
	last_cmd="git merge $1"
	git -C repo merge --no-edit "$1" >"$T/out" 2>"$T/err"
	rc=$?
}
diverge li 'item("n2")["status"] = "rejected"; review("li", "2026-01-02T00:00:00Z")' \
	'item("n1")["status"] = "accepted"; review("wang", "2026-01-01T00:00:00Z")' wang
t_rc 0 && check repo/r.yaml 'item("n1")["status"] == "accepted"
 and item("n2")["status"] == "rejected" and d["review"]["reviewer"] == "wang, li"' &&
	[ -z "$(git -C repo status --porcelain)" ]
point $? "git: clean merge by the driver"

diverge li2 'item("n5")["status"] = "rejected"' 'item("n5")["status"] = "accepted"' wang2
[ "$rc" -ne 0 ] && grep -q CONFLICT "$T/out" && ! grep -q '^<<<<<<<' repo/r.yaml &&
	check repo/r.yaml 'tagged("conflict") == ["n5"] and item("n5")["status"] == "accepted"
 and item("n5")["conflict"]["theirs"]["status"] == "rejected"' &&
	git -C repo status --porcelain | grep -q '^UU r.yaml'
point $? "git: conflict in YAML form"

# The conflict is committed unsettled; both sides then change the same
# field of n5 again.  The earlier alternative (li2's rejected) must stay.
g add r.yaml && g commit -q -m "merge li2, n5 unsettled"
g checkout -q -b li3
edit repo/r.yaml repo/r.yaml '
x = item("n5"); x["proposed"] = {"value": x["value"]}; x["value"] = 88; x["status"] = "fixed"
review("li", "2026-01-03T00:00:00Z")'
g commit -q -am li3
g checkout -q "$main"
edit repo/r.yaml repo/r.yaml '
x = item("n5"); x["proposed"] = {"value": x["value"]}; x["value"] = 77; x["status"] = "fixed"
review("wang", "2026-01-03T00:00:00Z", cursor="n5")'
g commit -q -am wang3
last_cmd="git merge li3"
git -C repo merge --no-edit li3 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -ne 0 ] && grep -q CONFLICT "$T/out" &&
	check repo/r.yaml 'tagged("conflict") == ["n5"] and item("n5")["value"] == 77
 and item("n5")["conflict"]["theirs"] == {"value": 88}
 and [e["theirs"] for e in item("n5")["conflict"]["earlier"]] == [{"status": "rejected"}]'
point $? "git: a second conflict on an unsettled item keeps the earlier alternative (earlier: [...])"
cp repo/r.yaml twice.yaml
run merge twice.yaml twice.yaml twice.yaml -o twice2.yaml
t_rc 0 && cmp -s twice.yaml twice2.yaml
point $? "... and the file with its earlier alternatives merges with itself unchanged"

# both sides carry different records (each merged its own way): the
# alternatives of both are kept, whichever record the merge shows
edit twice.yaml o4.yaml 'item("n5")["conflict"]["theirs"] = {"value": 99}'
edit twice.yaml t4.yaml 'item("n5")["conflict"]["theirs"] = {"value": 55}'
run merge twice.yaml o4.yaml t4.yaml -o m4.yaml
check m4.yaml 'item("n5")["conflict"]["theirs"] == {"value": 99}
 and [e["theirs"] for e in item("n5")["conflict"]["earlier"]]
     == [{"status": "rejected"}, {"value": 55}]'
point $? "different conflict records on both sides: every alternative kept"

# the review screen settles them one by one: 2 takes the newest (88),
# the earlier one (rejected) is then shown; 1 keeps what is there
cp "$S1" m5.txt
cp twice.yaml m5.yaml
printf ':dump\n2\n:dump\nq\n' >settle.keys
run review --script settle.keys --dump settle.dump m5.txt
t_rc 0 && grep -q -F ' [+1 earlier]: value 88' settle.dump &&
	sed -n '/^--$/,$p' settle.dump | grep -q -F '): status rejected' && check m5.yaml 'item("n5")["value"] == 88 and tagged("conflict") == ["n5"]
 and item("n5")["conflict"]["theirs"] == {"status": "rejected"}
 and "earlier" not in item("n5")["conflict"]'
point $? "review: B's version says one more waits; 2 takes it, the earlier one is shown next, still tagged"
printf '1\n:dump\nq\n' >settle.keys
run review --script settle.keys --dump settle.dump m5.txt
t_rc 0 && check m5.yaml 'item("n5")["value"] == 88 and tagged("conflict") == []
 and "conflict" not in item("n5")'
point $? "review: 1 then settles the last one: no conflict left"

cli_end
