"""tests/order_fixture.py DIR: two reports of the test's own sentences
(a.txt, b.txt) and their annotation files as an import from two sources
would leave them: every statistic with `by` (source -> score), one with a
`disagreement` (source m2 says another unit) and its tag; a page counter
(网页访问次数：1234次。) twice in a and once in b, for propagation.
Uncertain order across both: b n1 .2, a n4 .3, a n5 .35, a n2 .4, b n3 .5,
b n2 .6, a n3 .8, a n1 .95, b n4 .99, then the unscored sections."""
import hashlib, os, sys
import yaml

d = sys.argv[1]
A = ("某某镇2023年法治政府建设情况报告\n\n一、主要工作\n"
     "全年办理行政复议案件56件，较上年增加12件。网页访问次数：1234次。\n"
     "二、存在问题\n培训执法人员300人次。网页访问次数：1234次。\n")
B = ("某某县2022年法治政府建设情况报告\n\n一、主要工作\n"
     "全年受理投诉78件，办结75件。网页访问次数：1234次。\n"
     "二、下一步打算\n组织学法活动9场。\n")
def item(text, t, nth, iid, value, unit, subject, by, dis=None):
    pos = -1
    for _ in range(nth):
        pos = text.index(t, pos + 1)
    it = {'id': iid, 'text': t, 'start': pos, 'end': pos + len(t), 'value': value,
          'unit': unit, 'approx': None, 'value_max': None, 'subject': subject,
          'section': None, 'status': 'pending', 'tags': ['disagreement'] if dis else [],
          'by': by}
    if dis:
        it['disagreement'] = dis
    return it
def sec(text, marker, title, iid):
    s = text.index(marker + title)
    return {'id': iid, 'level': 1, 'marker': marker, 'title': title, 'start': s,
            'end': s + len(marker + title), 'status': 'pending', 'tags': []}
def write(name, text, title, secs, stats):
    open(os.path.join(d, name + '.txt'), 'w', encoding='utf-8').write(text)
    stats.sort(key=lambda x: x['start'])
    doc = {'format': 'shenyue-annotations/1',
           'source': {'path': name + '.txt',
                      'sha256': hashlib.sha256(text.encode()).hexdigest(),
                      'encoding': 'utf-8', 'chars': len(text)},
           'document': {'title': title, 'issuer': None, 'region': None, 'year': 2023,
                        'date': None, 'status': 'pending'},
           'sections': secs, 'statistics': stats}
    with open(os.path.join(d, name + '.yaml'), 'w', encoding='utf-8') as f:
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
write('a', A, '某某镇2023年法治政府建设情况报告',
      [sec(A, '一、', '主要工作', 's1'), sec(A, '二、', '存在问题', 's2')],
      [item(A, '56件', 1, 'n1', 56, '件', '办理行政复议案件', {'shenyue': 0.9, 'm2': 0.95}),
       item(A, '12件', 1, 'n2', 12, '件', '较上年增加', {'shenyue': 0.4}),
       item(A, '1234次', 1, 'n4', 1234, '次', '网页访问次数', {'shenyue': 0.3}),
       item(A, '1234次', 2, 'n5', 1234, '次', '网页访问次数', {'shenyue': 0.35}),
       item(A, '300人次', 1, 'n3', 300, '人次', '培训执法人员', {'shenyue': 0.8, 'm2': 0.7},
            {'m2': {'unit': '人'}})])
write('b', B, '某某县2022年法治政府建设情况报告',
      [sec(B, '一、', '主要工作', 's1'), sec(B, '二、', '下一步打算', 's2')],
      [item(B, '78件', 1, 'n1', 78, '件', '受理投诉', {'shenyue': 0.2}),
       item(B, '75件', 1, 'n2', 75, '件', '办结', {'shenyue': 0.6}),
       item(B, '1234次', 1, 'n3', 1234, '次', '网页访问次数', {'shenyue': 0.5}),
       item(B, '9场', 1, 'n4', 9, '场', '组织学法活动', {'shenyue': 0.99, 'm2': 0.97})])
