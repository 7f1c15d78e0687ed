#!/bin/sh
# adjudicate.sh - `shenyue review --adjudicate A B -o OUT`: agreements taken
# as they are, differences shown one by one with the other version, 1
# keeps A's, 2 takes B's; the result is a normal annotation file, and the
# command resumes.  Key scripts, no terminal.
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
: "${SHENYUE:=$top_srcdir/shenyue}"
: "${PYTHON3:=python3}"
. "$top_srcdir/tests/tap_lib.sh"
need_pyyaml "the reviewers' files"
tap_tmpdir adjudicate
cd "$T" || exit 1
mkdir -p A B rep
cp "$top_srcdir/samples/01_liuxi_town_2023.txt" "$top_srcdir/samples/03_songling_township_crlf.txt" rep/
"$SHENYUE" extract -o A rep/*.txt && "$SHENYUE" extract -o B rep/*.txt
point $? "two reviewers start from the same extraction"
# A and B decide: n1 both accept; n2 A rejects, B accepts; n3 A accepts,
# B rejects; n4 B fixes the value; both name themselves
dec() { "$PYTHON3" "$top_srcdir/tests/decide.py" "$@"; }
dec A/01_liuxi_town_2023.yaml wang n1.status='"accepted"' n2.status='"rejected"' \
	n3.status='"accepted"'
dec B/01_liuxi_town_2023.yaml li n1.status='"accepted"' n2.status='"accepted"' \
	n3.status='"rejected"' n4.fix=9999
printf ':dump q\n' >look
"$SHENYUE" review --adjudicate A B -o OUT --script look --size 100x30 --dump screen 2>err
point $? "review --adjudicate opens (exit 0)"
grep -q "3 conflicts" err
point $? "it counts the conflicts: $(cat err)"
[ -s OUT/01_liuxi_town_2023.yaml ] && [ -s OUT/03_songling_township_crlf.yaml ]
point $? "a merged file per report in OUT"
grep -q "B (li): status accepted" screen && grep -q "1: keep A  2: take B" screen
point $? "the screen shows B's version of the current conflict and the keys"
grep -q "3 shown" screen
point $? "only the conflicts are listed"
printf '1 2 2 q\n' >settle
"$SHENYUE" review --adjudicate A B -o OUT --script settle --size 100x30 2>/dev/null
point $? "settling (1, 2, 2) exits 0"
"$PYTHON3" - <<'PY'
import sys, yaml
d = yaml.safe_load(open('OUT/01_liuxi_town_2023.yaml', encoding='utf-8'))
s = {x['id']: x for x in d['statistics']}
checks = [
    ('n1 agreed: accepted', s['n1']['status'] == 'accepted'),
    ('n2: 1 kept A (rejected)', s['n2']['status'] == 'rejected'),
    ('n3: 2 took B (rejected)', s['n3']['status'] == 'rejected'),
    ('n4: 2 took B (fixed, 9999, proposed kept)', s['n4']['status'] == 'fixed' and s['n4']['value'] == 9999 and s['n4'].get('proposed', {}).get('value') is not None),
    ('no conflict left', not any('conflict' in x or 'conflict' in (x.get('tags') or []) for x in d['statistics'] + d['sections'])),
    ('untouched items still pending', s['n5']['status'] == 'pending'),
]
bad = [c for c, ok in checks if not ok]
if bad: print('\n'.join('# ' + c for c in bad))
sys.exit(1 if bad else 0)
PY
point $? "the settled file holds A's and B's versions as chosen, and no conflict"
cp OUT/01_liuxi_town_2023.yaml before
printf 'q\n' >again
"$SHENYUE" review --adjudicate A B -o OUT --script again --size 100x30 2>/dev/null
"$PYTHON3" -c "
import yaml, sys
a = yaml.safe_load(open('before', encoding='utf-8')); b = yaml.safe_load(open('OUT/01_liuxi_town_2023.yaml', encoding='utf-8'))
sys.exit(0 if a['statistics'] == b['statistics'] else 1)"
point $? "running it again resumes: the settled decisions stay"
"$SHENYUE" review --adjudicate A -o OUT --script again 2>/dev/null
[ $? -eq 2 ]
point $? "--adjudicate without B: usage error"
tap_end
