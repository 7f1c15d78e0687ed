#!/bin/sh
# tests/spelling.sh - one spelling of every value (issue 11): the values
# that review writes into `proposed`, and that merge and adjudication write
# into a conflict record, are written with the bytes the writer gives the
# same values as fields of an item (what `extract` and every save write).
#
# Awkward values are typed into the review screen's fix forms (`review
# --script`): strings that look like numbers, dates or booleans ("1.",
# "2x", "3rd report", "92.5%", "ON", "2021-12-16"), words a careless rule
# quotes ("Haidian", "Beijing", the tag "Top", the reviewer "Zhao"), the
# integers 1e15 and 3e16, a long decimal; "-0" is written into the file
# (the form refuses it).  That file, A, rewritten by the writer, is the
# reference W.  Then:
#   review       fixes every item of A to other values: each line under
#                `proposed` is W's line of that field;
#   merge        BASE B, OURS C (other values), THEIRS A: each field line
#                of the conflict record is W's line of that field;
#   adjudicate   A's folder C, B's folder A: the same.
# Shell and awk only (no PyYAML): the bytes are what is compared.
# KEEP=DIR copies the work folder there (to look at the files).
set -u
top_srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$top_srcdir/tests/cli_lib.sh"
cli_begin spelling

# The report: a title, a section, two statistics (my own sentences).
printf '%s\n' '二〇二一年工作报告' '一、基本情况' \
	'全年共办理行政复议案件12件，同比增长5%。' >r.txt
run extract r.txt
t_rc 0 && [ -s r.yaml ]
point $? "extract writes r.yaml"

# keys FILE: a key script that fixes the document, s1, n1 and n2 with the
# values on stdin (one line each: document, section, n1, n2; fields
# separated by '|', in the forms' order), then tags n1 with $TAG (if set).
keys() {
	awk -v tag="${TAG:-}" -F'|' '
	function form(line,   i, s) {
		s = "e"
		for (i = 1; i <= NF; i++)
			s = s (i > 1 ? " Tab" : "") " C-u" ($i != "" ? " \"" $i "\"" : "")
		return s " Enter"
	}
	NR == 1 { print "g"; print form() }
	NR == 2 { print "g j"; print form() }
	NR == 3 { print "g j j"; print form(); if (tag != "") print "t + C-u \"" tag "\" Enter" }
	NR == 4 { print "g j j j"; print form() }
	END { print "q" }' >"$1"
}

# review FILE REVIEWER KEYS: review the annotation FILE (of r.txt) with the
# key script KEYS; FILE receives the result.
review() {
	cp "$1" r.yaml && run review --reviewer "$2" --script "$3" --size 100x30 r.txt &&
		cp r.yaml "$1"
}

# pending IN OUT [SED]: IN without its `proposed` mappings, every fixed
# status pending again, then SED applied: a file as an extractor that had
# found these values would write it.
pending() {
	awk '/^  proposed:$/ { skip = 1; next }
	     skip && /^    / { next }
	     { skip = 0 }
	     /^  status: fixed$/ { print "  status: pending"; next }
	     { print }' "$1" | sed -e "${3:-}" >"$2"
}

# 1. A: the awkward values, typed into the forms.
cp r.yaml extracted.yaml
TAG=Top keys kA <<'EOF'
3rd report|ON|Haidian|2021|2021-12-16
2|1.|2x rule
1000000000000000|2x|range|30000000000000000|Top 3rd
7|92.5%|range|1234.56789012345|Beijing
EOF
cp extracted.yaml fixedA.yaml
review fixedA.yaml Zhao kA
t_rc 0 && grep -q '^  value: 7$' fixedA.yaml && grep -q '^  marker:' fixedA.yaml
point $? "review --script types the awkward values into the forms"
pending fixedA.yaml A.yaml 's/^  value: 7$/  value: -0/'
grep -q '^  value: -0$' A.yaml && ! grep -q 'proposed' A.yaml
point $? "A: the awkward values as the items' own, pending (-0 written in)"
run merge A.yaml A.yaml A.yaml -o W.yaml
t_rc 0 && [ -s W.yaml ]
point $? "W: A as the writer writes it"

# block FILE WHAT: the lines of the document (WHAT = document) or of the
# item WHAT, each item line indented as the document's ("- id" -> "  id").
block() {
	awk -v what="$2" '
	/^[^ -]/ { inb = (what == "document" && $0 == "document:"); next }
	/^- id: / { inb = ($0 == "- id: " what) }
	inb { sub(/^- /, "  "); print }' "$1"
}

# under FILE WHAT KEY DEPTH: the lines of the mapping KEY of the block WHAT
# of FILE (KEY a path: "conflict/theirs"), each taken DEPTH levels (of 2
# spaces) out, to the block's own field indentation.
under() {
	block "$1" "$2" | awk -v path="$3" -v depth="$4" '
	BEGIN { n = split(path, p, "/"); lvl = 0 }
	{
		match($0, /^ */)
		ind = RLENGTH
		if (lvl == n) {
			if (ind <= 2 * n)
				exit
			print substr($0, 2 * depth + 1)
		} else if (ind == 2 * (lvl + 1) && substr($0, ind + 1) == p[lvl + 1] ":") {
			lvl++
		} else if (lvl > 0 && ind <= 2 * lvl) {
			exit
		}
	}'
}

# flow: a block sequence ("tags:" then "- a" lines, as a record's tags
# are written) as one flow line ("tags: [a]", as an item's are): the
# style of the list is not what is compared, its scalars are.
flow() {
	awk '/^  [a-z_]+:$/ { if (key != "") print key; key = $0; sep = " ["; next }
	     key != "" && /^  - / { key = key sep substr($0, 5); sep = ", "; next }
	     key != "" { print key (sep == ", " ? "]" : ""); key = "" }
	     { print }
	     END { if (key != "") print key (sep == ", " ? "]" : "") }'
}

# same_lines FILE WHAT KEY DEPTH: every field line under KEY of WHAT
# in FILE is a line of WHAT in W (the diagnostic lists those that are
# not); and there is at least one.
same_lines() {
	under "$1" "$2" "$3" "$4" | flow >got
	block W.yaml "$2" >want
	[ -s got ] || { echo "no lines under $3 of $2 in $1" >"$T/diag"; return 1; }
	grep -v -x -F -f want got | sed "s|^|$1 $2 $3: not as W writes it: |" >"$T/diag"
	[ ! -s "$T/diag" ]
}

# 2. review: every item of A fixed to plain values; `proposed` holds A's.
keys kB <<'EOF'
乙报告|乙局|乙地|2020|2020-01-02
1|二、|乙情况
5|件|||乙事项
5|件|||乙增长
EOF
cp A.yaml R.yaml
review R.yaml Zhao kB
t_rc 0 && [ "$(grep -c '^  proposed:$' R.yaml)" -eq 4 ]
point $? "review fixes the four items of A"
for what in document s1 n1 n2; do
	same_lines R.yaml "$what" proposed 1
	point $? "review: $what's proposed values spelled as the writer spells them"
done

# 3. merge: BASE has B (no tag), OURS changes it to C (the tag "other"),
# THEIRS to A: a conflict whose record holds THEIRS' fields.
pending R.yaml B.yaml 's/^  tags: \[Top\]$/  tags: []/'
pending R.yaml C.yaml 's/乙/丙/g; s/^  value: 5$/  value: 6/; s/^  year: 2020$/  year: 2019/; s/^  tags: \[Top\]$/  tags: [other]/'
run merge B.yaml C.yaml A.yaml -o M.yaml
t_rc 1 && grep -q '^  conflict:$' M.yaml
point $? "merge of B, C, A: conflicts recorded"
for what in document s1 n1 n2; do
	same_lines M.yaml "$what" conflict/theirs 2
	point $? "merge: $what's conflict record spelled as the writer spells it"
done
under M.yaml n1 conflict 1 | grep '^  reviewer: ' >got
sed -n 's/^  reviewer: /  reviewer: /p' W.yaml >want
[ -s got ] && cmp -s got want
point $? "merge: the conflict's reviewer spelled as the writer spells it"

# 4. adjudicate: A's folder holds C, B's folder A.
mkdir -p ra rb OUT
sed 's|^  path: r.txt$|  path: ../r.txt|' C.yaml >ra/r.yaml
sed 's|^  path: r.txt$|  path: ../r.txt|' A.yaml >rb/r.yaml
printf 'q\n' >kq
run review --adjudicate ra rb -o OUT --script kq --size 100x30
t_rc 0 && [ -s OUT/r.yaml ]
point $? "review --adjudicate merges the two"
for what in document s1 n1 n2; do
	same_lines OUT/r.yaml "$what" conflict/theirs 2
	point $? "adjudicate: $what's conflict record spelled as the writer spells it"
done

[ -n "${KEEP:-}" ] && cp -r "$T" "$KEEP"
cli_end
