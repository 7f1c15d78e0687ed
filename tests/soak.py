#!/usr/bin/env python3
# tests/soak.py - issue 10's soak test (make check-long): three writers on
# one annotation file for SHENYUE_SOAK_SECS seconds (default 300):
#   R  a scripted review session (--script through a FIFO, --dump after
#      each decision), the full save or the journal, chosen per start;
#   G  git: snapshots of the file committed, and older versions checked out
#      over it;
#   B  now and then a second session that takes the lock (--break-lock),
#      decides a few items and quits;
# with SIGKILLs of R or B at random moments.  A decision is confirmed when
# the status line of the dump after it says it was saved (or merged and
# saved).  At the end (every session quit, a journal left by a kill
# replayed by opening the report once) the file must parse, and the last
# confirmed decision on each item must be there: as the item's status, or
# as a conflict alternative.  An older version is checked out only while a
# session can write (it notices at its next write, which comes next: a
# version brought back while no one holds the file is nobody's to merge).
# Prints the counts; TAP.  SHENYUE_SOAK_SEED picks the random choices.
import os
import random
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conc_lib import (NAME, ScriptSession, Tap, alternatives, fresh,  # noqa: E402
                      item_ids, load, setup)

t = Tap()
SECS = float(os.environ.get('SHENYUE_SOAK_SECS', '300'))
seed = int(os.environ.get('SHENYUE_SOAK_SEED', str(int(time.time()))))
rnd = random.Random(seed)
t.diag('seed %d, %g s' % (seed, SECS))
T, PROG = setup('shenyue-soak.')
W = fresh(T, 'w')
YAML = os.path.join(W, NAME + '.yaml')
IDS = item_ids(YAML)


def git(*args):
    return subprocess.run(['git', '-C', W] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT).returncode


git('init', '-q')
git('config', 'user.email', 'soak@example.org')
git('config', 'user.name', 'soak')
with open(os.path.join(W, '.gitignore'), 'w') as f:
    f.write('*.journal\n*.lock\n*.guard\n.*.yaml.*\n')
git('add', '.')
git('commit', '-q', '-m', 'extracted')

confirmed = []            # (seq, id, status, who)
unconfirmed = []          # (before seq, id, key, who, status line)
counts = {'R starts': 0, 'B sessions': 0, 'kills': 0, 'checkouts': 0, 'commits': 0,
          'unconfirmed': 0, 'read-only': 0}
R = B = None
nstart = 0


def start(name, args):
    global nstart
    nstart += 1
    env = {'SHENYUE_JOURNAL_BYTES': '0'} if rnd.random() < 0.5 else {}
    return ScriptSession(T, PROG, W, '%s%d' % (name, nstart), args, env)


def decide(s, who):
    """One decision by S; recorded when confirmed.  False: S is gone or
    read-only."""
    k = rnd.randrange(1, len(IDS))
    key = rnd.choice('aax')
    if not s.send('g ' + 'j ' * k + key) or not s.wait(60):
        return False
    st = s.status()
    if 'READ-ONLY' in st or 'read-only' in st:
        counts['read-only'] += 1
        return False
    if ('| saved' in st or 'changed on disk: merged' in st) and 'NOT SAVED' not in st:
        confirmed.append((len(confirmed), IDS[k], 'accepted' if key == 'a' else 'rejected',
                          s.name))
    else:
        counts['unconfirmed'] += 1
        unconfirmed.append((len(confirmed), IDS[k], key, s.name, st))
    return True


def stop(s):
    if s is not None and s.alive():
        s.close(60)


def kill(s):
    if s is not None and s.alive():
        s.proc.send_signal(signal.SIGKILL)
        s.proc.wait()
        counts['kills'] += 1


end = time.time() + SECS
while time.time() < end:
    if R is not None and not R.alive():
        R = None
    if B is not None and not B.alive():
        B = None
    if R is not None and R.broken and B is None:
        stop(R)                     # read-only since B took its lock
        R = None
    if R is None and B is None:
        R = start('r', ())
        R.broken = False
        counts['R starts'] += 1
        if not R.wait(60) and not R.alive():
            R = None
        continue
    writer = B or R
    x = rnd.random()
    if R is not None and R.broken and x < 0.05:
        decide(R, R.name)           # says READ-ONLY, writes nothing
    if x < 0.55:
        if not decide(writer, writer.name):
            if writer is R:
                stop(R)             # read-only: its lock went to B
                R = None
    elif x < 0.65:
        git('add', NAME + '.yaml')
        if git('commit', '-q', '-m', 'snapshot') == 0:
            counts['commits'] += 1
    elif x < 0.75:
        back = rnd.randint(1, 6)
        if git('checkout', 'HEAD~%d' % back, '--', NAME + '.yaml') == 0:
            counts['checkouts'] += 1
            # the session that holds the file writes next: it merges
            if not decide(writer, writer.name) and writer is R:
                stop(R)
                R = None
    elif x < 0.82 and B is None:
        B = start('b', ('--break-lock',))
        counts['B sessions'] += 1
        if R is not None:
            R.broken = True         # its next write finds the lock gone
        B.left = rnd.randint(2, 8)
    elif x < 0.86:
        kill(rnd.choice([s for s in (R, B) if s is not None]))
    if B is not None and B.alive() and x < 0.55 and writer is B:
        B.left -= 1
        if B.left <= 0:
            stop(B)
            B = None

for s in (R, B):
    stop(s)
# a journal left by the last kill: replayed (and the file rewritten) by
# opening the report once
subprocess.run([PROG, 'review', '--script', '/dev/null', NAME + '.txt'], cwd=W,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
items = load(YAML)
t.point(items is not None, 'soak: the final file parses')
last = {}
for seq, iid, status, who in confirmed:
    last[iid] = (seq, status, who)
present = inconf = lost = 0
lost_list = []
for iid, (seq, status, who) in last.items():
    it = items.get(iid) if items else None
    if it is not None and it.get('status') == status:
        present += 1
    elif it is not None and status in alternatives(it):
        inconf += 1
    else:
        lost += 1
        lost_list.append('%s %s by %s (decision %d): file has %s' % (
            iid, status, who, seq, it))
superseded = len(confirmed) - len(last)
t.diag('soak: %d decisions confirmed on the screens (%d later decided again on the '
       'same item); of the last on each of %d items: %d present, %d in conflicts, '
       '%d lost' % (len(confirmed), superseded, len(last), present, inconf, lost))
t.diag('soak: ' + ', '.join('%s %d' % kv for kv in counts.items()))
print('SOAK confirmed=%d superseded=%d items=%d present=%d in_conflicts=%d lost=%d'
      % (len(confirmed), superseded, len(last), present, inconf, lost))
t.point(len(confirmed) > 0 and counts['checkouts'] > 0 and counts['kills'] > 0 and
        counts['B sessions'] > 0,
        'soak: all three writers and the kills were at work', counts)
san = []
for fn in sorted(os.listdir(T)):
    if fn.endswith('.err'):
        with open(os.path.join(T, fn), 'rb') as f:
            text = f.read().decode('utf-8', 'replace')
        if 'Sanitizer' in text or 'runtime error' in text:
            san.append('%s: %s' % (fn, text[:400]))
t.point(not san, 'soak: no sanitizer report from any session', '\n'.join(san))
t.point(lost == 0, 'soak: no confirmed decision lost (%d)' % lost, '\n'.join(
    lost_list + ['unconfirmed: %s' % (u,) for u in unconfirmed if u[1] in
                 [x.split()[0] for x in lost_list]]))
if t.failed == 0:
    subprocess.run(['rm', '-rf', T])
else:
    t.diag('kept: ' + T)
sys.exit(t.end())
