# tests/shared1000.py - two --shared sessions (--script fed through FIFOs,
# --dump to know when each command is done) interleave 1,000 decisions on
# one file: accept, reject, span moves (< >), undo; now and then both decide
# the same item two ways at the same moment.  Python keeps its own model of
# what each command does (review.h's rules: accept is fixed when the span
# was moved, a span moved back is accepted; undo restores the state before
# the session's own last step; after a merge, a session's undo steps on
# items the other changed are gone), and at the end the file must hold
# exactly that model, each item decided two ways at once holding both
# decisions and tagged conflict, no other item tagged conflict.
# Used by tests/concurrent.py (run(tap, T, PROG)).
import os
import random

from conc_lib import NAME, ScriptSession, fresh, holds, load

STEPS = 1000


def pick_items(path):
    """Items far enough from their neighbours that a span moved by one
    never changes the order: [(screen position, id, start, end)]."""
    import yaml
    with open(path, 'rb') as f:
        d = yaml.safe_load(f)
    its = sorted((it['start'], it['end'], it['id']) for k in ('sections', 'statistics')
                 for it in d.get(k) or [])
    out = []
    for i, (s, e, iid) in enumerate(its):
        prev_s = its[i - 1][0] if i else -10
        next_s = its[i + 1][0] if i + 1 < len(its) else 10 ** 9
        if e - s >= 3 and s - prev_s >= 3 and next_s - s >= 3 and s >= 2:
            out.append((i + 1, iid, s, e))
    return out


def run(t, T, prog):
    rnd = random.Random(int(os.environ.get('SHENYUE_TEST_SEED', '1000')))
    W = fresh(T, 'shared1000')
    path = os.path.join(W, NAME + '.yaml')
    items = pick_items(path)
    pos = {iid: p for p, iid, _, _ in items}
    orig = {iid: (s, e) for _, iid, s, e in items}
    state = {iid: {'start': s, 'end': e, 'status': 'pending'} for _, iid, s, e in items}
    frozen = {}                 # id -> {statuses decided at the same moment}
    D = 'two --shared sessions, %d decisions' % STEPS
    A = ScriptSession(T, prog, W, 'wang', ('--shared', '--reviewer', 'wang'))
    B = ScriptSession(T, prog, W, 'li', ('--shared', '--reviewer', 'li'))
    for s in (A, B):
        s.undo = []             # (id, state before), the model's undo stack
        s.view = None           # the model as this session last saw it
    for s in (A, B):
        s.view = {k: dict(v) for k, v in state.items()}

    def sync(s):
        # the session merges the file at its next key: its undo steps on
        # items that changed under it go
        changed = {k for k in state if k not in frozen and s.view.get(k) != state[k]}
        s.undo = [(k, b) for k, b in s.undo if k not in changed]

    def moved(st, iid):
        return (st['start'], st['end']) != orig[iid]

    def apply(s, cmd, iid):
        sync(s)
        if cmd == 'u':
            if s.undo:
                k, before = s.undo.pop()
                if before is not None:     # None: an item decided at once
                    state[k] = before
            return
        old = state[iid]
        new = dict(old)
        if cmd == 'a':
            new['status'] = 'fixed' if moved(new, iid) else 'accepted'
        elif cmd == 'x':
            new['status'] = 'rejected'
        else:
            d = 1 if cmd == '>' else -1
            ns = new['start'] + d
            if abs(ns - orig[iid][0]) > 1 or ns >= new['end']:
                return                     # not tried: the model stays simple
            new['start'] = ns
            new['status'] = 'fixed' if moved(new, iid) else 'accepted'
        if new != old:
            s.undo.append((iid, old))
            state[iid] = new

    def keys(cmd, iid):
        return 'g ' + 'j ' * pos[iid] + cmd if cmd != 'u' else 'u'

    ok = True
    n = 0
    while n < STEPS and ok:
        free = [iid for _, iid, _, _ in items if iid not in frozen]
        if n % 40 == 39 and len(free) > 4:
            # both decide one item two ways at the same moment
            iid = rnd.choice(free)
            for s in (A, B):
                sync(s)
            sa = 'fixed' if moved(state[iid], iid) else 'accepted'
            for s in (A, B):             # both on the item, then both keys
                s.send(keys('', iid))
                ok = ok and s.wait()
            A.send('a')
            B.send('x')
            ok = ok and A.wait() and B.wait()
            for s in (A, B, A, B):       # each looks again (its next key)
                s.send('g')
                ok = ok and s.wait()
            # Made at once (each on the version before the other's): a
            # conflict, and both sessions' steps on it dropped.  Or one
            # session merged the other's first and decided over it: taken
            # as it is, and only that session's step stays.
            got = (load(path) or {}).get(iid, {})
            if 'conflict' in (got.get('tags') or []):
                frozen[iid] = {sa, 'rejected'}
                keep = None
            else:
                frozen[iid] = set()
                keep = B if got.get('status') == 'rejected' else A
            for s in (A, B):
                if s is not keep:
                    s.undo = [(k, b) for k, b in s.undo if k != iid]
                elif s.undo and s.undo[-1][0] == iid:
                    pass
                else:
                    s.undo.append((iid, None))
            acted = (A, B)
            n += 2
        else:
            s = A if rnd.random() < 0.5 else B
            cmd = rnd.choice('aaxx<>u')
            iid = rnd.choice(free)
            if cmd in '<>':
                # only the moves the model keeps within one of the original
                d = 1 if cmd == '>' else -1
                if abs(state[iid]['start'] + d - orig[iid][0]) > 1:
                    cmd = 'a'
            apply(s, cmd, iid)
            if os.environ.get('SHARED1000_DEBUG'):
                print('# %d %s %s %s -> %s undo %s' % (n, s.name, cmd, iid, state[iid],
                                                      [k for k, _ in s.undo]))
            s.send(keys(cmd, iid))
            ok = s.wait()
            acted = (s,)
            n += 1
        # a session that acted has merged and written: it sees the file
        for s in acted:
            s.view = {k: dict(v) for k, v in state.items()}
        if os.environ.get('SHARED1000_DEBUG'):
            it = load(path)
            for k, v in state.items():
                if k in frozen:
                    continue
                g = it[k]
                if g['status'] != v['status'] or g['start'] != v['start']:
                    print('# step %d (%s %s %s): %s want %s got %s %s' % (
                        n, acted[0].name, cmd if len(acted) == 1 else 'pair', iid,
                        k, v, g['status'], g['start']))
                    ok = False
                    break
    t.point(ok, D + ': every command done and dumped (%d steps, %d decided two ways at once)'
            % (n, len(frozen)))
    ra, rb = A.close(), B.close()
    t.point(ra == 0 and rb == 0, D + ': both quit with status 0 (%s, %s)' % (ra, rb))
    it = load(path)
    bad = []
    if it is None:
        bad.append('the file does not parse')
    else:
        for iid, st in state.items():
            if iid in frozen:
                if frozen[iid] and (not all(holds(it, iid, x) for x in frozen[iid]) or
                                    'conflict' not in (it[iid].get('tags') or [])):
                    bad.append('%s: want both %s, tagged conflict; got %s'
                               % (iid, sorted(frozen[iid]), it[iid]))
                continue
            got = it[iid]
            if got['status'] != st['status'] or got['start'] != st['start'] or \
                    'conflict' in (got.get('tags') or []):
                bad.append('%s: want %s, got status %s start %s tags %s'
                           % (iid, st, got['status'], got['start'], got.get('tags')))
    nc = sum(1 for v in frozen.values() if v)
    t.point(not bad, D + ': the file holds exactly the model: %d items; of %d decided '
            'two ways at once, %d conflicts holding both decisions, %d decided over '
            'the other' % (len(state), len(frozen), nc, len(frozen) - nc), '\n'.join(bad))
