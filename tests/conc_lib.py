# tests/conc_lib.py - what tests/concurrent.py and tests/soak.py share:
# TAP points, review screens in tmux (a private server), the annotation
# file read with PyYAML, and writers from outside (an editor's two ways,
# git).  Issue 10: others writing the file a review screen holds.
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

NAME = '01_liuxi_town_2023'


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def point(self, good, desc, diag=None):
        self.n += 1
        if not good:
            self.failed += 1
        print('%s %d - %s' % ('ok' if good else 'not ok', self.n, desc))
        if diag and not good:
            for line in str(diag).splitlines()[:30]:
                print('#   ' + line)
        sys.stdout.flush()
        return good

    def diag(self, text):
        for line in str(text).splitlines():
            print('#   ' + line)
        sys.stdout.flush()

    def end(self):
        print('1..%d' % self.n)
        return 1 if self.failed or self.n == 0 else 0


def setup(prefix):
    """The program copied into a fresh folder, HOME there; (T, SHENYUE)."""
    top = os.path.abspath(os.environ.get('top_srcdir', '.'))
    prog = os.path.abspath(os.environ.get('SHENYUE', os.path.join(top, 'shenyue')))
    T = tempfile.mkdtemp(prefix=prefix)
    shutil.copy(prog, os.path.join(T, 'shenyue'))
    os.makedirs(os.path.join(T, 'home'))
    os.environ['HOME'] = os.path.join(T, 'home')
    os.environ['XDG_CONFIG_HOME'] = os.path.join(T, 'home', '.config')
    os.environ['USER'] = 'tester'
    os.environ['SHELL'] = '/bin/sh'
    for k in ('TMUX', 'SHENYUE_JOURNAL_MS', 'SHENYUE_JOURNAL_BYTES'):
        os.environ.pop(k, None)
    os.makedirs(os.path.join(T, 'ref'))
    shutil.copy(os.path.join(top, 'samples', NAME + '.txt'), os.path.join(T, 'ref'))
    subprocess.run([os.path.join(T, 'shenyue'), 'extract',
                    os.path.join(T, 'ref', NAME + '.txt')], check=True,
                   stdout=subprocess.DEVNULL)
    return T, os.path.join(T, 'shenyue')


def fresh(T, name):
    """A folder W with the report and its fresh extraction."""
    W = os.path.join(T, name)
    os.makedirs(W)
    for ext in ('.txt', '.yaml'):
        shutil.copy(os.path.join(T, 'ref', NAME + ext), W)
    return W


def load(path):
    """{id: item} over document, sections and statistics, or None."""
    try:
        with open(path, 'rb') as f:
            d = yaml.safe_load(f)
        items = {'document': d['document']}
        for k in ('sections', 'statistics'):
            for it in d.get(k) or []:
                items[it['id']] = it
        return items
    except Exception:
        return None


def alternatives(it):
    """Every status an item holds: its own and its conflict alternatives."""
    out = [it.get('status')]
    c = it.get('conflict')
    recs = c if isinstance(c, list) else [c] if c else []
    # the unsettled alternatives of earlier merges (merge.c keeps them under
    # conflict.earlier, README "shenyue merge")
    recs = recs + [e for r in list(recs) if isinstance(r, dict)
                   for e in (r.get('earlier') or []) if isinstance(e, dict)]
    for r in recs:
        if isinstance(r, dict):
            th = r.get('theirs')
            if isinstance(th, dict) and 'status' in th:
                out.append(th['status'])
            elif isinstance(th, list):
                out += [x.get('status') for x in th if isinstance(x, dict)]
    return out


def holds(items, iid, status):
    return items is not None and iid in items and status in alternatives(items[iid])


def item_ids(path):
    """Ids in screen order: document, then items by (start, end)."""
    with open(path, 'rb') as f:
        d = yaml.safe_load(f)
    its = [(it['start'], it['end'], it['id']) for k in ('sections', 'statistics')
           for it in d.get(k) or []]
    return ['document'] + [i for _, _, i in sorted(its)]


def set_status_text(text, iid, new):
    """TEXT (YAML of the writer) with item IID's status replaced."""
    m = re.search(r'(?m)^- id: %s\n' % re.escape(iid), text)
    if not m:
        raise ValueError('no item ' + iid)
    s = re.compile(r'(?m)^  status: (\w+)$').search(text, m.end())
    return text[:s.start(1)] + new + text[s.end(1):]


def write_by_rename(path, iid, new):
    """An editor that writes a new file and renames it over PATH."""
    with open(path, encoding='utf-8') as f:
        text = set_status_text(f.read(), iid, new)
    tmp = os.path.join(os.path.dirname(path), '.edit-tmp')
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.rename(tmp, path)


def write_in_place(path, iid, new):
    """An editor that rewrites PATH in place (same inode), here with the
    same size and the old mtime put back: only ctime and bytes differ."""
    st = os.stat(path)
    with open(path, encoding='utf-8') as f:
        text = set_status_text(f.read(), iid, new)
    with open(path, 'r+b') as f:
        f.write(text.encode('utf-8'))
        f.truncate()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


class Screens:
    """Review screens in tmux, each a session on a private server."""

    def __init__(self, T, prog, sock):
        self.T, self.prog = T, prog
        self.tm = ['tmux', '-L', sock, '-f', '/dev/null']
        self.run('new-session', '-d', '-s', 'keep', '-x', '80', '-y', '24', 'sleep 3600')

    def run(self, *args):
        return subprocess.run(self.tm + list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL).stdout.decode('utf-8', 'replace')

    def start(self, name, W, args=(), env=''):
        sh = os.path.join(self.T, name + '.sh')
        rc = os.path.join(self.T, name + '.rc')
        if os.path.exists(rc):
            os.unlink(rc)
        with open(sh, 'w') as f:
            f.write("cd '%s' || exit 1\nenv %s TERM=xterm-256color '%s' review --no-mouse "
                    "--no-color %s '%s.txt' 2>'%s/%s.err'\necho $? >'%s'\nexec sleep 3600\n"
                    % (W, env, self.prog, ' '.join(args), NAME, self.T, name, rc))
        self.run('new-session', '-d', '-s', name, '-x', '160', '-y', '30', 'sh ' + sh)
        return self.wait(name, r'reviewed|recovered')

    def screen(self, name):
        return self.run('capture-pane', '-p', '-t', name + ':')

    def status(self, name):
        lines = [l for l in self.screen(name).splitlines() if l.strip()]
        return lines[-1] if lines else ''

    def keys(self, name, *keys):
        self.run('send-keys', '-t', name + ':', *keys)

    def wait(self, name, regex, secs=40):
        end = time.time() + secs
        while time.time() < end:
            if re.search(regex, self.screen(name)):
                return True
            time.sleep(0.05)
        return False

    def rc(self, name, secs=40):
        end = time.time() + secs
        p = os.path.join(self.T, name + '.rc')
        while time.time() < end:
            if os.path.exists(p):
                with open(p) as f:
                    t = f.read().strip()
                if t:
                    return int(t)
            time.sleep(0.05)
        return None

    def kill(self, name):
        self.run('kill-session', '-t', name)

    def close(self):
        self.run('kill-server')


class ScriptSession:
    """A review session reading keys from a FIFO (--script), writing the
    screen at each :dump (--dump), so that a test knows when each command
    is done and what the status line said."""

    def __init__(self, T, prog, W, name, args=(), env=None):
        self.name = name
        self.fifo = os.path.join(T, name + '.keys')
        self.dump = os.path.join(T, name + '.dump')
        for p in (self.fifo, self.dump):
            if os.path.exists(p):
                os.unlink(p)
        os.mkfifo(self.fifo)
        e = dict(os.environ)
        e.update(env or {})
        self.proc = subprocess.Popen(
            [prog, 'review'] + list(args) + ['--script', self.fifo, '--dump', self.dump,
                                             '--size', '100x30', NAME + '.txt'],
            cwd=W, env=e, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(T, name + '.err'), 'a'))
        self.fd = os.open(self.fifo, os.O_WRONLY)
        self.done = 0

    def send(self, line):
        """False when the session is gone."""
        try:
            os.write(self.fd, (line + ' :dump\n').encode())
        except OSError:
            return False
        self.done += 1
        return True

    def wait(self, secs=60):
        end = time.time() + secs
        while time.time() < end:
            try:
                with open(self.dump, 'rb') as f:
                    if f.read().count(b'\n--\n') >= self.done:
                        return True
            except OSError:
                pass
            if self.proc.poll() is not None:
                return False
            time.sleep(0.005)
        return False

    def status(self):
        """The status line of the last dump."""
        try:
            with open(self.dump, 'rb') as f:
                screens = f.read().decode('utf-8', 'replace').split('\n--\n')
        except OSError:
            return ''
        last = screens[-2] if len(screens) >= 2 else ''
        lines = [l for l in last.splitlines() if l.strip()]
        return lines[-1] if lines else ''

    def alive(self):
        return self.proc.poll() is None

    def close(self, secs=60):
        try:
            os.write(self.fd, b'q\n')
            os.close(self.fd)
        except OSError:
            pass
        try:
            return self.proc.wait(secs)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None
