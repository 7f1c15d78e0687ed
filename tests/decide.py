"""tests/decide.py - decisions made by hand in an annotation file, as a
reviewer would leave them (for the tests of adjudication):

    python3 tests/decide.py FILE REVIEWER ID.FIELD=JSON...

sets FIELD of the statistic ID to the JSON value (ID.fix=N: the value
fixed to N, the old one kept as proposed, status fixed), names REVIEWER
in the review block and writes FILE again with PyYAML."""
import json
import sys

import yaml

path, who = sys.argv[1], sys.argv[2]
d = yaml.safe_load(open(path, encoding='utf-8'))
stats = {s['id']: s for s in d['statistics']}
for spec in sys.argv[3:]:
    key, val = spec.split('=', 1)
    sid, field = key.split('.', 1)
    s = stats[sid]
    if field == 'fix':
        s['proposed'] = {'value': s['value']}
        s['value'] = json.loads(val)
        s['status'] = 'fixed'
    else:
        s[field] = json.loads(val)
d['review'] = {'reviewer': who, 'updated': '2026-11-20T10:00:00Z'}
yaml.safe_dump(d, open(path, 'w', encoding='utf-8'), allow_unicode=True, sort_keys=False)
