#!/usr/bin/env python3
"""keyfuzz.py - random key scripts through `shenyue review --script`.

Each case is a key script mixing every action of tui/actions.h, the forms
(e, t, c, v ... Enter s/h, /, f) with fields typed right and wrong, screen
resizes (:resize COLSxROWS) and file switches (} {), run on a copy of a
target: the samples as a folder batch, or a large report made by
bench/gen_corpus.sh.  A case passes when:

  - the program exits 0 within the time limit, and no sanitizer spoke;
  - every annotation file parses, with PyYAML and with shenyue's own
    reader (`shenyue status`), and both count the same statuses;
  - the screen's last status line (the final :dump) shows what is on disk:
    the current report's reviewed/total and the batch's reviewed/total (a
    journal left beside a file is folded in by opening it again first,
    which must succeed).

  keyfuzz.py fuzz --shenyue PROG --srcdir DIR --seconds N [--seed S]
                  [--out fuzz/keys-regress] [--large-mb N]
      random cases for N seconds; a failing script is shrunk (a bounded
      number of tries) and saved in --out; prints the figures.
  keyfuzz.py replay --shenyue PROG --srcdir DIR FILE.keys...
      the saved scripts again, as TAP (make check: tests/keyfuzz.sh).
  keyfuzz.py seeds --srcdir DIR --out DIR --count N [--seed S]
      write N generated scripts as seed inputs.

A script's first lines `#! key=value` say how it runs: target=samples,
large (--large-mb MB) or largeN (N MB), size=COLSxROWS, journal=0 or 1.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

try:
    LOADER = yaml.CSafeLoader
except AttributeError:
    LOADER = yaml.SafeLoader

TIMEOUT = 120          # seconds a case may take (ASan, a loaded machine)

# ---------------------------------------------------------------- scripts
MOVES = ['j', 'k', 'h', 'l', 'Down', 'Up', 'Left', 'Right', 'PgDn', 'PgUp',
         'C-f', 'C-b', 'g', 'G', 'Home', 'End', 'Tab', ']', '[', 'Enter']
DECIDE = ['a', 'Space', 'x', 'u', 'C-r', '<', '>', ',', '.', '1', '2']
OTHER = ['n', 'N', '?', 'F1', 'C-l', 'Esc', 'Backspace', 'z', 'Delete']
FILES = ['}', '{']
# field values, right and wrong ("q" never: outside a form it quits)
VALUES = ['12', '3.5', '0', '-7', 'maybe', 'true', '1e400', '9' * 400,
          '0.1234567890123456789', '万', '%', '件', '个', '2', '5', '1',
          '', '  ', '12345678901234567890', 'nan', 'inf', '3-5', '审阅',
          'a"b', 'x\\y', '\u202e', 'yes', 'no', '~', '- 1', '[1]', '{a}',
          '#c', 'key: v', '&x', '*y', '!t']
SIZES = [(80, 24), (40, 12), (20, 6), (200, 60), (100, 30), (1, 1),
         (10, 3), (160, 50), (60, 20), (120, 40), (2, 2), (30, 8)]


def quote(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def rtext(rng):
    if rng.random() < 0.1:
        return ''.join(rng.choice('审阅法治政府报告abc 123') for _ in range(rng.randint(500, 900)))
    return rng.choice(VALUES)


def form_edits(rng):
    out = []
    for _ in range(rng.randint(0, 6)):
        r = rng.random()
        if r < 0.3:
            out.append(rng.choice(['Tab', 'Down', 'Up', 'BackTab']))
        elif r < 0.45:
            out.append(' '.join(['Backspace'] * rng.randint(1, 30)))
        elif r < 0.55:
            out.append(rng.choice(['Left', 'Right', 'Home', 'End', 'Delete']))
        else:
            out.append(quote(rtext(rng)))
    out.append(rng.choice(['Enter', 'Enter', 'Enter', 'Esc']))
    if rng.random() < 0.3:   # a refused form stays open: leave it
        out.append(rng.choice(['Esc', 'Enter', 'Esc Esc']))
    return out


def group(rng):
    """One line of a script: a key, or an action with what follows it."""
    r = rng.random()
    if r < 0.25:
        return ' '.join(rng.choice(MOVES) for _ in range(rng.randint(1, 6)))
    if r < 0.45:
        return ' '.join(rng.choice(DECIDE) for _ in range(rng.randint(1, 4)))
    if r < 0.50:
        return rng.choice(OTHER)
    if r < 0.56:
        return rng.choice(FILES)
    if r < 0.64:
        return ' '.join(['e'] + form_edits(rng))
    if r < 0.70:
        k = rng.random()
        if k < 0.4:
            tail = [rng.choice('123456789')]
        elif k < 0.7:
            tail = [quote(rng.choice(['borderline', 'x', '审', 'a b', ''])), 'Enter']
        else:
            tail = [rng.choice(['Enter', 'Esc', 'Down Enter', 'Tab Enter'])]
        return ' '.join(['t'] + tail)
    if r < 0.75:
        return ' '.join(['c', quote(rtext(rng)), rng.choice(['Enter', 'Enter', 'Esc'])])
    if r < 0.82:
        mv = ' '.join(rng.choice(['l', 'Right', 'j', 'h', 'Down', 'End'])
                      for _ in range(rng.randint(0, 12)))
        tail = [mv, 'Enter', rng.choice(['s', 'h', 'Esc', 'x', 'Enter'])]
        if rng.random() < 0.7:
            tail += form_edits(rng)
        return ' '.join(['v'] + [t for t in tail if t])
    if r < 0.87:
        q = rng.choice(['法治', '2023', '件', 'zzz', '', '审', '一、', '%'])
        return ' '.join(['/', quote(q) if q else '', rng.choice(['Enter', 'Enter', 'Esc'])]).replace('  ', ' ')
    if r < 0.92:
        return ' '.join(['f', rng.choice(['1', '2', '3', '4', '5', '6', '7', '8', '9',
                                          'Esc', 'Enter', 'Down Enter', 'a', 'p',
                                          quote('bord') + ' Enter'])])
    if r < 0.97:
        w, h = rng.choice(SIZES) if rng.random() < 0.7 else \
            (rng.randint(1, 250), rng.randint(1, 80))
        return ':resize %dx%d' % (w, h)
    return ':dump'


# Leave any form, clear a message (Esc: "no action", then C-l), a size
# where the whole status line fits, and the screen as it is at the end.
TAIL = 'Esc Esc Esc Esc\n:resize 120x30\nEsc C-l\n:dump\n'


def gen_case(rng, target):
    w, h = rng.choice([(80, 24), (80, 24), (100, 30), (40, 12), (160, 50)])
    head = {'target': target, 'size': '%dx%d' % (w, h),
            'journal': str(rng.randint(0, 1))}
    lines = [group(rng) for _ in range(rng.randint(5, 80))]
    return head, lines


def render(head, lines):
    return ''.join('#! %s=%s\n' % kv for kv in sorted(head.items())) + \
        ''.join(l + '\n' for l in lines) + TAIL


def parse_case(text):
    head, lines = {}, []
    body = text
    if body.endswith(TAIL):
        body = body[:-len(TAIL)]
    for l in body.splitlines():
        m = re.match(r'#!\s*(\w+)=(\S*)', l)
        if m:
            head[m.group(1)] = m.group(2)
        else:
            lines.append(l)
    head.setdefault('target', 'samples')
    head.setdefault('size', '80x24')
    head.setdefault('journal', '0')
    return head, lines


# ---------------------------------------------------------------- targets
class Targets:
    def __init__(self, shenyue, srcdir, tmp, large_mb):
        self.shenyue, self.srcdir, self.tmp = shenyue, srcdir, tmp
        self.large_mb = large_mb
        self.dirs = {}

    def get(self, name):
        if name in self.dirs:
            return self.dirs[name]
        d = os.path.join(self.tmp, 'tpl-' + name)
        os.makedirs(d)
        if name == 'samples':
            sd = os.path.join(self.srcdir, 'samples')
            for f in sorted(os.listdir(sd)):
                if f.endswith('.txt'):
                    shutil.copy(os.path.join(sd, f), d)
        else:
            mb = int(name[len('large'):] or self.large_mb)   # large2: 2 MB
            subprocess.run(['sh', os.path.join(self.srcdir, 'bench', 'gen_corpus.sh'),
                            '-s', os.path.join(self.srcdir, 'samples'),
                            str(mb), os.path.join(d, 'large.txt')],
                           check=True, stdout=subprocess.DEVNULL)
        txts = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith('.txt'))
        subprocess.run([self.shenyue, 'extract', '--force'] + txts, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=run_env(self.tmp, '0'))
        self.dirs[name] = d
        return d


def run_env(home, journal):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith('SHENYUE_') or k.startswith('XDG_') or k in ('TMUX', 'NO_COLOR'):
            del env[k]
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, '.config'),
               XDG_STATE_HOME=os.path.join(home, '.state'),
               XDG_CACHE_HOME=os.path.join(home, '.cache'),
               USER='fuzz', TERM='xterm-256color', NCURSES_GPM_TERMS='',
               UBSAN_OPTIONS='print_stacktrace=1')
    if journal == '1':
        env.update(SHENYUE_JOURNAL_BYTES='0', SHENYUE_JOURNAL_MS='0')
    return env


# ---------------------------------------------------------------- oracle
STATUSES = ('pending', 'accepted', 'fixed', 'rejected', 'added')
STATUS_RE = re.compile(r'file (\d+)/(\d+) \| (\d+)/(\d+) reviewed \| batch (\d+)/(\d+)')


def py_counts(path):
    with open(path, 'rb') as f:
        d = yaml.load(f, Loader=LOADER)
    if not isinstance(d, dict) or d.get('format') != 'shenyue-annotations/1':
        raise ValueError('not an annotation file')
    st = [d['document']['status']] + [it['status'] for k in ('sections', 'statistics')
                                      for it in d.get(k) or []]
    return tuple(st.count(s) for s in STATUSES)


def own_counts(shenyue, folder, env):
    """{report file name: counts} from `shenyue status FOLDER`."""
    p = subprocess.run([shenyue, 'status', '.'], capture_output=True, text=True,
                       env=env, timeout=TIMEOUT, cwd=folder)
    if p.returncode != 0:
        raise ValueError('status: exit %d: %s' % (p.returncode, p.stderr.strip()[:300]))
    out = {}
    for l in p.stdout.splitlines()[1:]:
        f = l.split()
        if f and not l.startswith('total'):
            out[os.path.basename(f[0])] = tuple(int(x) for x in f[1:6])
    return out


def last_dump(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            blocks = f.read().split('\n--\n')
    except OSError:
        return None
    blocks = [b for b in blocks if b.strip()]
    return blocks[-1] if blocks else None


def run_case(shenyue, targets, text, work):
    """None when the case passes, else (kind, why, detail)."""
    head, _ = parse_case(text)
    shutil.rmtree(work, ignore_errors=True)
    w = os.path.join(work, 'w')
    shutil.copytree(targets.get(head['target']), w)
    home = os.path.join(work, 'home')
    os.makedirs(home)
    env = run_env(home, head['journal'])
    script = os.path.join(work, 'case.keys')
    with open(script, 'w', encoding='utf-8') as f:
        f.write(text)
    dump = os.path.join(work, 'dump.txt')
    reports = sorted(f for f in os.listdir(w) if f.endswith('.txt'))
    what = w if len(reports) > 1 else os.path.join(w, reports[0])
    try:
        p = subprocess.run([shenyue, 'review', '--script', script, '--dump', dump,
                            '--size', head['size'], what],
                           capture_output=True, text=True, errors='replace',
                           env=env, timeout=TIMEOUT, cwd=work)
    except subprocess.TimeoutExpired:
        return ('hang', 'no exit within %d s' % TIMEOUT, '')
    err = p.stderr
    m = re.search(r'(ERROR: \w+Sanitizer: [\w-]+|runtime error: .*|LeakSanitizer.*)', err)
    if m:
        return ('sanitizer', m.group(1)[:120], err[-6000:])
    if p.returncode != 0:
        return ('exit', 'exit status %d' % p.returncode, err[-3000:])
    # a journal left beside a file holds decisions shown as saved
    # ("saved (journal)"): the next opening folds it in; count after that
    for r in reports:
        if os.path.exists(os.path.join(w, r[:-4] + '.yaml.journal')):
            try:
                q = subprocess.run([shenyue, 'review', '--script', '/dev/null', r],
                                   capture_output=True, text=True, errors='replace',
                                   env=env, timeout=TIMEOUT, cwd=w)
            except subprocess.TimeoutExpired:
                return ('hang', 'reopening %s (journal left): no exit within %d s'
                        % (r, TIMEOUT), '')
            if q.returncode != 0 or re.search(r'Sanitizer|runtime error:', q.stderr):
                return ('reopen', '%s with its journal: exit status %d'
                        % (r, q.returncode), q.stderr[-3000:])
    counts = []
    try:
        own = own_counts(shenyue, w, env)
    except Exception as e:          # noqa: BLE001 - any failure to read
        return ('parse', 'shenyue status: %s' % str(e)[:300], '')
    for r in reports:
        y = r[:-4] + '.yaml'
        try:
            a = py_counts(os.path.join(w, y))
        except Exception as e:      # noqa: BLE001
            return ('parse', '%s: PyYAML: %s' % (y, str(e)[:200]), '')
        if own.get(y) != a:
            return ('parse', '%s: PyYAML counts %s, shenyue status %s' % (y, a, own.get(y)), '')
        counts.append(a)
    screen = last_dump(dump)
    m = STATUS_RE.search(screen or '')
    if not m:
        return ('nocount', 'the last screen shows no counts',
                (screen or '(no dump)').splitlines()[-1:][0] if screen else '')
    fi, fn, rv, tot, brv, btot = (int(x) for x in m.groups())
    rev = [sum(c[1:]) for c in counts]
    tots = [sum(c) for c in counts]
    want = (len(reports), rev[fi - 1] if 0 < fi <= len(reports) else None,
            tots[fi - 1] if 0 < fi <= len(reports) else None, sum(rev), sum(tots))
    got = (fn, rv, tot, brv, btot)
    if got != want:
        return ('mismatch', 'screen file %d/%d %d/%d reviewed batch %d/%d; on disk %s'
                % (fi, fn, rv, tot, brv, btot, want),
                m.group(0))
    return None


def signature(r):
    """The kind of failure: numbers, paths and quoted text left out, so
    that one bug hit again and again is shrunk and saved once."""
    kind, why, detail = r
    text = why
    if kind in ('exit', 'reopen', 'sanitizer') and detail:
        first = [l for l in detail.splitlines() if l.strip()]
        text = first[0] if kind in ('exit', 'reopen') and first else why
        m = re.search(r'SUMMARY: .*', detail)
        if m:
            text = m.group(0)
    text = re.sub(r'"[^"]*("|$)', '"..."', text)
    text = re.sub(r'(?<![\w.])/\S+', 'PATH', text)
    text = re.sub(r'\d+', 'N', text)
    return kind + ': ' + text[:160]


# ---------------------------------------------------------------- shrink
def shrink(shenyue, targets, head, lines, sig, work, budget):
    """Fewer lines and keys failing the same way (the same signature);
    at most BUDGET runs."""
    def fails(ls):
        r = run_case(shenyue, targets, render(head, ls), work)
        return r is not None and signature(r) == sig

    runs = 0
    chunk = max(1, len(lines) // 2)
    while chunk >= 1 and runs < budget:
        i, changed = 0, False
        while i < len(lines) and runs < budget:
            cand = lines[:i] + lines[i + chunk:]
            runs += 1
            if cand and fails(cand):
                lines, changed = cand, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    # then single keys ("quoted text" kept whole) within the lines left
    li = 0
    while li < len(lines) and runs < budget:
        toks = TOKEN_RE.findall(lines[li])
        ti = 0
        while ti < len(toks) and runs < budget:
            cand_toks = toks[:ti] + toks[ti + 1:]
            cand = lines[:li] + ([' '.join(cand_toks)] if cand_toks else []) + lines[li + 1:]
            runs += 1
            if cand and fails(cand):
                toks = cand_toks
                lines = cand
                if not toks:
                    break
            else:
                ti += 1
        if toks:
            li += 1
    return lines, runs


TOKEN_RE = re.compile(r':resize\s+\S+|"(?:[^"\\]|\\.)*"|\S+')


# ---------------------------------------------------------------- main
def cmd_fuzz(a):
    seed = a.seed if a.seed is not None else int(time.time())
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix='shenyue-keyfuzz.')
    # a copy of the program: a rebuild during the run must not take it away
    prog = os.path.join(tmp, 'shenyue')
    shutil.copy(a.shenyue, prog)
    a.shenyue = prog
    targets = Targets(a.shenyue, a.srcdir, tmp, a.large_mb)
    os.makedirs(a.out, exist_ok=True)
    end = time.time() + a.seconds
    execs, keys, found, nocount = 0, 0, {}, 0
    by_target = {'samples': 0, 'large': 0}
    t0 = time.time()
    try:
        while time.time() < end:
            target = 'large' if rng.random() < a.large_share else 'samples'
            head, lines = gen_case(rng, target)
            text = render(head, lines)
            r = run_case(a.shenyue, targets, text, os.path.join(tmp, 'case'))
            execs += 1
            if execs % 100 == 0:
                print('# %d executions, %.0f s, %d distinct failure(s)'
                      % (execs, time.time() - t0, len(found)), flush=True)
            by_target[target] += 1
            keys += len(text.split())
            if r is None:
                continue
            if r[0] == 'nocount':
                nocount += 1
                if a.verbose:
                    print('# no count: %s' % r[2], flush=True)
                continue
            sig = signature(r)
            if sig in found:
                found[sig] += 1
                continue
            found[sig] = 1
            lines2, runs = shrink(a.shenyue, targets, head, lines, sig,
                                  os.path.join(tmp, 'shrink'), a.shrink_budget)
            name = 'keys-%d-%d.keys' % (seed, execs)
            out = os.path.join(a.out, name)
            with open(out, 'w', encoding='utf-8') as f:
                f.write('# keyfuzz seed %d case %d: %s: %s\n' % (seed, execs, r[0], r[1]))
                f.write(render(head, lines2))
            print('FOUND %s: %s -> %s (%d -> %d lines, %d shrink runs)'
                  % (r[0], r[1], out, len(lines), len(lines2), runs), flush=True)
            if r[2]:
                print('\n'.join('#   ' + l for l in r[2].splitlines()[-40:]), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    dt = time.time() - t0
    print('keyfuzz: seed %d, %d executions in %.0f s (%s), %d keys, '
          '%d without a count on the last screen, %d distinct failure(s)'
          % (seed, execs, dt, ', '.join('%s %d' % kv for kv in sorted(by_target.items())),
             keys, nocount, len(found)))
    for sig, k in found.items():
        print('  %dx %s' % (k, sig))
    return 1 if found else 0


def cmd_replay(a):
    tmp = tempfile.mkdtemp(prefix='shenyue-keyreplay.')
    targets = Targets(a.shenyue, a.srcdir, tmp, a.large_mb)
    n = failed = 0
    try:
        for path in a.files:
            with open(path, encoding='utf-8') as f:
                text = f.read()
            n += 1
            r = run_case(a.shenyue, targets, text, os.path.join(tmp, 'case'))
            name = os.path.relpath(path, a.srcdir)
            if r is None:
                print('ok %d - %s' % (n, name))
            else:
                failed += 1
                print('not ok %d - %s: %s: %s' % (n, name, r[0], r[1]))
                for l in (r[2] or '').splitlines()[-30:]:
                    print('#   ' + l)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print('1..%d' % n)
    return 1 if failed else 0


def cmd_seeds(a):
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.count):
        target = 'large' if i % 16 == 15 else 'samples'
        head, lines = gen_case(rng, target)
        with open(os.path.join(a.out, 'seed-%03d.keys' % (i + 1)), 'w', encoding='utf-8') as f:
            f.write('# keyfuzz seed input %d (scripts/keyfuzz.py seeds --seed %d)\n'
                    % (i + 1, a.seed))
            f.write(render(head, lines))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    for name in ('fuzz', 'replay', 'seeds'):
        p = sub.add_parser(name)
        p.add_argument('--srcdir', required=True)
        p.add_argument('--large-mb', type=int, default=1)
        if name != 'seeds':
            p.add_argument('--shenyue', required=True)
        if name == 'fuzz':
            p.add_argument('--seconds', type=float, required=True)
            p.add_argument('--seed', type=int)
            p.add_argument('--out', default='fuzz/keys-regress')
            p.add_argument('--large-share', type=float, default=0.1)
            p.add_argument('--shrink-budget', type=int, default=80)
            p.add_argument('--verbose', action='store_true')
        elif name == 'replay':
            p.add_argument('files', nargs='*')
        else:
            p.add_argument('--out', required=True)
            p.add_argument('--count', type=int, default=32)
            p.add_argument('--seed', type=int, default=9)
    a = ap.parse_args()
    return {'fuzz': cmd_fuzz, 'replay': cmd_replay, 'seeds': cmd_seeds}[a.cmd](a)


if __name__ == '__main__':
    sys.exit(main())
