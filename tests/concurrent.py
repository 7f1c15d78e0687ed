#!/usr/bin/env python3
# tests/concurrent.py - issue 10, defect 1: the annotation file changed by
# someone else while a review screen (tmux, private server) holds it, then
# a decision on the screen.  Each writer in both modes, the full save and
# the journal (SHENYUE_JOURNAL_BYTES=0):
#   - `git checkout` of an older version of the file;
#   - an editor that writes a new file and renames it (vim's default);
#   - an editor that rewrites the file in place, same size, mtime put back;
#   - a second session that took the lock with --break-lock and decided.
# Nothing either side decided may be lost: the other side's decisions are
# merged in, a decision of ours the other side replaced is kept with the
# other version as its conflict alternative (tag conflict), and the status
# line says so.  A screen whose lock was broken says so and writes nothing
# more (its decision goes to the rescue file when it quits).
# Then --shared: two screens deciding on one file see each other's
# decisions within a second (idle tick), and the file holds both.
# Run with SHENYUE, top_srcdir (tests/concurrent.sh); TAP.
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conc_lib import (NAME, Tap, Screens, fresh, holds, item_ids, load,  # noqa: E402
                      setup, write_by_rename, write_in_place)
import shared1000  # noqa: E402

t = Tap()
T, PROG = setup('shenyue-concurrent.')
S = Screens(T, PROG, 'shenyue-concurrent-%d' % os.getpid())
IDS = item_ids(os.path.join(T, 'ref', NAME + '.yaml'))
JENV = 'SHENYUE_JOURNAL_BYTES=0'


def decide(name, idx, key, what):
    """Go to item IDX (screen order) and press KEY; wait until the status
    line names it.  True when it did."""
    S.keys(name, 'g', *(['j'] * idx), key)
    return S.wait(name, r'last: %s %s\b|changed on disk' % (what, IDS[idx]))


def yaml_of(W):
    return os.path.join(W, NAME + '.yaml')


def git(W, *args):
    return subprocess.run(['git', '-C', W] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT).returncode


def quit(name):
    """Quit the screen (in journal mode the file is then complete)."""
    S.keys(name, 'q')
    S.rc(name, 20)
    S.kill(name)


X, Y, Z, V = 3, 5, 7, 9     # screen positions of the items used below

for mode, env in (('full save', ''), ('journal', JENV)):
    tag = mode.split()[0]

    # ---- git checkout of an older version
    W = fresh(T, 'git-' + tag)
    git(W, 'init', '-q')
    git(W, 'config', 'user.email', 't@example.org')
    git(W, 'config', 'user.name', 't')
    git(W, 'add', '.')
    git(W, 'commit', '-q', '-m', 'extracted')
    write_by_rename(yaml_of(W), IDS[Z], 'rejected')     # someone's decision
    git(W, 'commit', '-q', '-am', 'Z rejected')
    name = 'g' + tag
    D = 'git checkout (%s)' % mode
    t.point(S.start(name, W, env=env), D + ': the screen is up')
    t.point(decide(name, X, 'a', 'accepted'), D + ': X accepted')
    t.point(git(W, 'checkout', 'HEAD~1', '--', NAME + '.yaml') == 0,
            D + ': git checkout HEAD~1 of the file (neither X nor Z decided there)')
    t.point(decide(name, Y, 'a', 'accepted'), D + ': then Y accepted')
    t.point(S.wait(name, r'changed on disk: merged', 10),
            D + ': the status line says the file changed on disk and was merged',
            S.status(name))
    quit(name)
    it = load(yaml_of(W))
    t.point(it is not None, D + ': the file parses')
    t.point(holds(it, IDS[X], 'accepted') and holds(it, IDS[Y], 'accepted') and
            holds(it, IDS[Z], 'rejected'),
            D + ': X and Y accepted and Z rejected are all in the file',
            it and [it.get(IDS[i]) for i in (X, Y, Z)])
    t.point(it is not None and 'conflict' in (it[IDS[Z]].get('tags') or []) and
            holds(it, IDS[Z], 'pending'),
            D + ': Z, which the checkout set back, is a conflict holding both versions',
            it and it.get(IDS[Z]))

    # ---- an editor writing by rename, then in place
    W = fresh(T, 'edit-' + tag)
    name = 'e' + tag
    D = 'editor (%s)' % mode
    t.point(S.start(name, W, env=env), D + ': the screen is up')
    t.point(decide(name, X, 'a', 'accepted'), D + ': X accepted')
    write_by_rename(yaml_of(W), IDS[Z], 'rejected')
    t.point(decide(name, Y, 'a', 'accepted'), D + ': Z rejected by rename, then Y accepted')
    t.point(S.wait(name, r'changed on disk: merged', 10),
            D + ': the status line says the file was merged', S.status(name))
    quit(name)
    it = load(yaml_of(W))
    t.point(it is not None and it[IDS[Z]]['status'] == 'rejected' and
            it[IDS[Y]]['status'] == 'accepted' and it[IDS[X]]['status'] == 'accepted' and
            'conflict' not in (it[IDS[Z]].get('tags') or []),
            D + ': by rename: Z rejected (theirs), X and Y accepted (ours), no conflict',
            it and [it.get(IDS[i]) for i in (X, Y, Z)])
    t.point(S.start(name, W, env=env), D + ': the screen is up again')
    write_in_place(yaml_of(W), IDS[X], 'rejected')      # same size, old mtime
    t.point(decide(name, V, 'a', 'accepted'), D + ': X set to rejected in place, then V accepted')
    t.point(S.wait(name, r'changed on disk: merged.*1 conflict', 10),
            D + ': in place: the status line tells of 1 conflict', S.status(name))
    quit(name)
    it = load(yaml_of(W))
    t.point(it is not None and holds(it, IDS[X], 'accepted') and holds(it, IDS[X], 'rejected') and
            'conflict' in (it[IDS[X]].get('tags') or []) and
            it[IDS[V]]['status'] == 'accepted' and it[IDS[Z]]['status'] == 'rejected',
            D + ': in place (same size, mtime restored): X holds both versions, tagged conflict',
            it and [it.get(IDS[i]) for i in (X, V, Z)])

    # ---- a second session that breaks the lock
    W = fresh(T, 'lock-' + tag)
    a, b = 'la' + tag, 'lb' + tag
    D = 'broken lock (%s)' % mode
    t.point(S.start(a, W, env=env), D + ': screen A is up')
    t.point(decide(a, X, 'a', 'accepted'), D + ': A accepts X')
    t.point(S.start(b, W, args=('--break-lock',), env=env), D + ': B breaks the lock')
    t.point(decide(b, Z, 'x', 'rejected'), D + ': B rejects Z')
    S.keys(a, 'g', *(['j'] * Y), 'a')
    t.point(S.wait(a, r'READ-ONLY NOW.*lock was taken|NOT SAVED.*lock was taken', 15),
            D + ': A, deciding Y, is told its lock was taken and writes nothing more',
            S.status(a))
    it = load(yaml_of(W))
    t.point(it is not None and (env or it[IDS[Z]]['status'] == 'rejected') and
            it[IDS[X]]['status'] == 'accepted' and it[IDS[Y]]['status'] == 'pending',
            D + ": B's Z kept (in journal mode: in B's journal), A's X kept, A's Y not written",
            it and [it.get(IDS[i]) for i in (X, Y, Z)])
    S.keys(a, 'x')
    t.point(S.wait(a, r'read-only', 10), D + ': A refuses further decisions (read-only)',
            S.status(a))
    S.keys(a, 'q')
    S.wait(a, r'LOSING', 10)
    S.keys(a, 'q')
    rc = S.rc(a, 20)
    home = os.environ['HOME']
    resc = [f for f in os.listdir(home) if f.startswith(NAME + '.rescue-')]
    rit = load(os.path.join(home, resc[-1])) if resc else None
    t.point(rc == 1 and rit is not None and rit[IDS[Y]]['status'] == 'accepted',
            D + ": A's unsaved Y goes to a rescue file when it quits (status 1)",
            'rc %s, rescue %s' % (rc, resc))
    for f in resc:
        os.unlink(os.path.join(home, f))
    S.keys(b, 'q')
    S.rc(b, 20)
    S.kill(a)
    S.kill(b)
    it = load(yaml_of(W))
    t.point(it is not None and it[IDS[Z]]['status'] == 'rejected' and
            it[IDS[X]]['status'] == 'accepted', D + ': after both quit: X and Z kept',
            it and [it.get(IDS[i]) for i in (X, Y, Z)])

# ---- --shared: two reviewers at once
W = fresh(T, 'shared')
D = '--shared'
t.point(S.start('sa', W, args=('--shared', '--reviewer', 'wang')) and
        S.start('sb', W, args=('--shared', '--reviewer', 'li')),
        D + ': two screens open the same file')
t.point(not os.path.exists(yaml_of(W) + '.lock'), D + ': no lock file is taken')
t.point(decide('sa', X, 'a', 'accepted'), D + ': A accepts X')
t0 = time.time()
seen = S.wait('sb', r'1/50 reviewed|merged \(1 of', 5)
t.point(seen and time.time() - t0 < 2.5,
        D + ": B's screen shows A's decision by its idle tick (%.1f s)" % (time.time() - t0),
        S.status('sb'))
t.point(decide('sb', Z, 'x', 'rejected'), D + ': B rejects Z')
t.point(S.wait('sa', r'2/50 reviewed|merged \([0-9]+ of', 5), D + ": A's screen shows B's decision",
        S.status('sa'))
S.keys('sa', 'g', *(['j'] * Y))
S.keys('sb', 'g', *(['j'] * Y))
time.sleep(0.5)
S.keys('sa', 'a')
S.keys('sb', 'x')
t.point(S.wait('sa', r'3/50 reviewed|merged', 10) and S.wait('sb', r'3/50 reviewed|merged', 10),
        D + ': both decide Y at the same moment, A accepts, B rejects')
time.sleep(2.5)              # two idle ticks: each screen has looked again
for s in ('sa', 'sb'):
    S.keys(s, 'q')
for s in ('sa', 'sb'):
    S.rc(s, 20)
it = load(yaml_of(W))
t.point(it is not None and it[IDS[X]]['status'] == 'accepted' and
        it[IDS[Z]]['status'] == 'rejected', D + ': the file holds X (A) and Z (B)',
        it and [it.get(IDS[i]) for i in (X, Z)])
# made at once (each on the version before the other's): a conflict holding
# both; or one screen had merged the other's decision and decided over it
yc = it is not None and 'conflict' in (it[IDS[Y]].get('tags') or [])
t.point(it is not None and ((yc and holds(it, IDS[Y], 'accepted') and
                             holds(it, IDS[Y], 'rejected')) or
                            (not yc and it[IDS[Y]]['status'] in ('accepted', 'rejected'))),
        D + ': Y: %s' % ('a conflict holding both decisions' if yc else
                         'one decided over the other (%s)' % (it and it[IDS[Y]]['status'])),
        it and it.get(IDS[Y]))

S.close()
shared1000.run(t, T, PROG)
if t.failed == 0:
    subprocess.run(['rm', '-rf', T])
else:
    t.diag('kept: ' + T)
sys.exit(t.end())
