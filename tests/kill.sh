#!/bin/sh
# tests/kill.sh - a decision is durable once the screen shows it: kill
# `shenyue review` with SIGKILL at pseudo-random moments of a scripted
# session (at least 200 kills), then check that NAME.yaml always parses,
# that what it holds is the state after some prefix of the session's
# decisions (nothing lost in the middle, nothing half written), and that
# after the next opening (which replays a journal left behind) the file
# holds at least every decision shown before the kill.
#
# "Shown" is observed two ways:
#  - script rounds: the script has a :dump after every decision, so the
#    dump file (--dump) holds one screen per decision already drawn; a
#    complete dump (ended by its "--" line) proves the decision before it
#    was on the screen, and so must survive the kill;
#  - tmux rounds: the program runs on a real pty; just before the kill the
#    pane is captured and its status line read ("K/N reviewed"); every one
#    of those K decisions must survive;
#  - fault injection (strace -e inject, when available): SIGKILL at chosen
#    system calls (the lock being written, a save's rename and folder
#    sync, a journal record cut after its header, the journal's sync, the
#    final rewrite, the journal's removal after it).
# Rounds alternate between the full save and the journal
# (SHENYUE_JOURNAL_BYTES=0, and SHENYUE_JOURNAL_MS=0 for builds that
# still choose it by time), and between a report with its annotation file
# and a bare report (extracted on opening, so kills also land in the first
# save) and the file as left after two thirds of the session (so that
# kills land late in it too).  After a kill, the report is opened again;
# when a lock left by the kill refuses that, the round fails, and the file
# is checked after opening it with --break-lock.
#
# The moments come from a fixed pseudo-random sequence (seed in
# KILL_SEED, default 20240611), so a failing round repeats: the
# diagnostics name its seed, delay and mode.  KILL_ROUNDS (default 200)
# script rounds (more if some ended before their kill, until 200 kills),
# KILL_TMUX_ROUNDS (default 12) tmux rounds; KILL_KEEP=1
# keeps the rounds' folders (TMPDIR/shenyue-kill.*/rN) for a look.
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 (may be empty)
# in the environment.  Needs python3 with PyYAML (the oracle and the
# checks), else it fails; without tmux the tmux rounds
# are skipped.  Prints TAP; exits 1 if any point failed.

. "${top_srcdir:-.}/tests/tui_lib.sh"
# the script rounds run without tmux: without it only the tmux rounds
# are skipped
TAP_KEEP=${KILL_KEEP:-}
tui_begin kill optional
: "${KILL_SEED:=20240611}"
: "${KILL_ROUNDS:=200}"
: "${KILL_TMUX_ROUNDS:=12}"
NAME=01_liuxi_town_2023
SAMPLE=$top_srcdir/samples/$NAME.txt
tap_need "$SAMPLE"
BGPID=
tui_at_exit() { [ -z "$BGPID" ] || kill -9 "$BGPID" 2>/dev/null; }
tui_own

# now_ms: a clock in milliseconds (0 when date has no %N)
now_ms() {
	t=$(date +%s%N 2>/dev/null)
	case $t in
	*N|'') echo 0 ;;
	*) echo $((t / 1000000)) ;;
	esac
}

# next_rand: the next value of the fixed sequence, in $rand (0..999)
seed=$KILL_SEED
next_rand() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	rand=$(( (seed / 65536) % 1000 ))
}

# secs MS: MS as seconds for sleep ("0.042")
secs() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

# ------------------------------------------------------------ helper.py
cat >"$T/h.py" <<'EOF'
import json, os, re, sys
import yaml
try:
    Loader = yaml.CSafeLoader
except AttributeError:
    Loader = yaml.SafeLoader

FORMAT = 'shenyue-annotations/1'

def load(path):
    with open(path, 'rb') as f:
        return yaml.load(f, Loader=Loader)

def state_of(path, ref):
    """The statuses of the file at PATH, checked against the reference
    (format, source, the same items); raises ValueError saying what is
    wrong."""
    d = load(path)
    if not isinstance(d, dict):
        raise ValueError('not a mapping')
    if d.get('format') != FORMAT:
        raise ValueError('format is %r' % (d.get('format'),))
    if not isinstance(d.get('source'), dict) or \
       d['source'].get('sha256') != ref['sha256']:
        raise ValueError('source.sha256 differs')
    st = {'document': d['document']['status']}
    for key in ('sections', 'statistics'):
        for it in d.get(key) or []:
            st[it['id']] = it['status']
    if sorted(st) != ref['ids']:
        raise ValueError('items differ: %d ids, want %d' % (len(st), len(ref['ids'])))
    return st

def make_ref(path, out):
    """The reference ids and sha256 of the annotation file at PATH."""
    d = load(path)
    if d.get('format') != FORMAT:
        raise SystemExit('ref: format is %r' % (d.get('format'),))
    ids = ['document'] + [it['id'] for k in ('sections', 'statistics')
                          for it in d.get(k) or []]
    ref = {'sha256': d['source']['sha256'], 'ids': sorted(ids)}
    json.dump(ref, open(out, 'w'))
    return ref

def simulate(rows, keys, pending):
    """Run KEYS (a list) over the rows; return the list of states after
    each event (a decision, undo or redo; index 0: before any), and the
    number of :dump keys."""
    st = dict(pending)
    row = 0
    states = [dict(st)]
    undo, redo = [], []
    ndump = 0
    last = len(rows) - 1
    for k in keys:
        it = rows[row]
        if k == 'j':
            row = min(row + 1, last)
        elif k == 'k':
            row = max(row - 1, 0)
        elif k == 'g':
            row = 0
        elif k == ':dump':
            ndump += 1
        elif k in ('a', 'x', 'Space'):
            new = 'rejected' if k == 'x' else 'accepted'
            undo.append((it, st[it], new))
            redo = []
            st[it] = new
            states.append(dict(st))
            if k == 'Space':           # next pending item
                r = row + 1
                while r <= last and st[rows[r]] != 'pending':
                    r += 1
                if r <= last:
                    row = r
        elif k == 'u':
            i, old, new = undo.pop()
            redo.append((i, old, new))
            st[i] = old
            states.append(dict(st))
        elif k == 'C-r':
            i, old, new = redo.pop()
            undo.append((i, old, new))
            st[i] = new
            states.append(dict(st))
        else:
            raise SystemExit('simulate: unknown key %s' % k)
    return states, ndump

def cmd_gen(args):
    """gen YAML ROWS OUTDIR: the reference (OUTDIR/ref.json), the scripts
    and the oracle.
    script.keys: pass 1 decides every row in order (accept, accept,
    reject, ...) with moves (j, sometimes j j k) and an undo + redo now
    and then; pass 2 goes back to the top and turns every decision round.
    A :dump follows every decision.  tmux.keys: Space or x j for every
    row but the last, so that the status line's "K/N reviewed" counts
    the decisions made."""
    out = args[2]
    ref = make_ref(args[0], os.path.join(out, 'ref.json'))
    # the items in screen order: the document, then each section followed
    # by its statistics (checked by the caller with review.cursor)
    d = load(args[0])
    stats = d.get('statistics') or []
    rows = ['document'] + [it['id'] for it in stats if not it.get('section')]
    for sec in d.get('sections') or []:
        rows.append(sec['id'])
        rows += [it['id'] for it in stats if it.get('section') == sec['id']]
    with open(args[1], 'w') as f:
        f.write('\n'.join(rows) + '\n')
    if sorted(rows) != ref['ids']:
        raise SystemExit('gen: the rows (%d) are not the items (%d)' %
                         (len(rows), len(ref['ids'])))
    pending = dict((i, 'pending') for i in ref['ids'])
    keys = ['g']
    for i in range(len(rows)):
        op = 'a' if i == 0 or i % 3 != 2 else 'x'
        keys += [op, ':dump']
        if i % 7 == 3:
            keys += ['u', ':dump', 'C-r', ':dump']
        keys += ['j', 'j', 'k'] if i % 5 == 4 else ['j']
    keys.append('g')
    for i in range(len(rows)):
        op = 'a' if i == 0 or i % 3 == 2 else 'x'
        keys += [op, ':dump', 'j']
    states, ndump = simulate(rows, keys, pending)
    if ndump != len(states) - 1:
        raise SystemExit('gen: %d dumps for %d events' % (ndump, len(states) - 1))
    tkeys = []
    for i in range(len(rows) - 1):
        tkeys += ['x', 'j'] if i % 4 == 3 else ['Space']
    tstates, _ = simulate(rows, tkeys, pending)
    with open(os.path.join(out, 'script.keys'), 'w') as f:
        f.write('# generated by tests/kill.sh\n')
        for i in range(0, len(keys), 16):
            f.write(' '.join(keys[i:i + 16]) + '\n')
    with open(os.path.join(out, 'tmux.keys'), 'w') as f:
        f.write(' '.join(tkeys) + '\n')
    # truncated scripts for checking the oracle against real runs: after
    # the K-th decision's :dump
    events = len(states) - 1
    cuts = sorted(set([1, events // 3, 2 * events // 3]))
    seen = 0
    for idx, k in enumerate(keys):
        if k == ':dump':
            seen += 1
            if seen in cuts:
                with open(os.path.join(out, 'cut%d.keys' % seen), 'w') as f:
                    f.write(' '.join(keys[:idx + 1]) + '\n')
    # late.keys: the rest of the session after the cut at 2/3, for rounds
    # that start from the file that cut left (its cursor included)
    late = 2 * events // 3
    seen = 0
    for idx, k in enumerate(keys):
        if k == ':dump':
            seen += 1
            if seen == late:
                rest = keys[idx + 1:]
                break
    if 'u' in rest or 'C-r' in rest:
        raise SystemExit('gen: an undo after the late cut')
    with open(os.path.join(out, 'late.keys'), 'w') as f:
        f.write(' '.join(rest) + '\n')
    json.dump({'states': states, 'tstates': tstates, 'events': events,
               'tevents': len(tstates) - 1, 'cuts': cuts, 'late': late,
               'rows': len(rows)}, open(os.path.join(out, 'oracle.json'), 'w'))
    print(events, len(tstates) - 1, late, ' '.join(map(str, cuts)))

def matches(st, states):
    return [k for k, s in enumerate(states) if s == st]

def cmd_verify(args):
    """verify T LIST: each line of LIST is "NAME YAML KIND K": the file's
    state is the oracle's state after K events (KIND script or tmux).
    Prints the NAMEs that differ (with diagnostics to stderr)."""
    ref = json.load(open(os.path.join(args[0], 'ref.json')))
    orc = json.load(open(os.path.join(args[0], 'oracle.json')))
    for line in open(args[1]):
        name, path, kind, k = line.split()
        states = orc['states' if kind == 'script' else 'tstates']
        try:
            ks = matches(state_of(path, ref), states)
        except Exception as e:
            ks = None
            sys.stderr.write('#   %s: %s\n' % (path, e))
        if ks is None or int(k) not in ks:
            if ks is not None:
                sys.stderr.write('#   %s: want the state after %s events, got %s\n' %
                                 (name, k, ks or 'no prefix'))
            print(name)

def count_dumps(path):
    try:
        with open(path, 'rb') as f:
            return sum(1 for l in f.read().split(b'\n')[:-1] if l == b'--')
    except FileNotFoundError:
        return 0

def check_round(T, ref, orc, line):
    """One round: a list of problems (empty: fine) and facts."""
    f = line.split()
    rid, kind, mode, start, delay, status = f[0], f[1], f[2], f[3], f[4], int(f[5])
    D = os.path.join(T, 'r' + rid)
    states = orc['states'] if kind == 'script' else orc['tstates']
    events = orc['events'] if kind == 'script' else orc['tevents']
    probs = []
    facts = {'killed': status == 137, 'journal': False, 'shown': 0,
             'temps': 0, 'pre_k': None}
    # what was shown before the kill
    if kind == 'script':
        shown = count_dumps(os.path.join(D, 'dump'))
        if start == 'late':
            shown += orc['late']
    else:
        shown = None
        try:
            scr = open(os.path.join(D, 'screen'), encoding='utf-8',
                       errors='replace').read()
        except FileNotFoundError:
            scr = ''
        m = re.findall(r'(\d+)/(\d+) reviewed', scr)
        if m:
            shown = int(m[0][0])
            facts['saved_journal'] = 'saved (journal)' in scr
            if 'NOT SAVED' in scr:
                probs.append('the screen said NOT SAVED before the kill')
        else:
            probs.append('no status line in the captured screen')
            shown = 0
    facts['shown'] = shown
    if status not in (0, 137):
        probs.append('the session ended with status %d (not killed, not 0)' % status)
    # the file as the kill left it
    pre = os.path.join(D, 'pre', NAME + '.yaml')
    prej = os.path.join(D, 'pre', NAME + '.yaml.journal')
    pre_ks = None
    if os.path.exists(prej) and os.path.getsize(prej) > 0:
        facts['journal'] = True
    if os.path.exists(pre):
        try:
            pre_ks = matches(state_of(pre, ref), states)
            if not pre_ks:
                probs.append('NAME.yaml after the kill holds no prefix of the decisions')
        except Exception as e:
            probs.append('NAME.yaml after the kill does not parse/check: %s' % e)
    elif start != 'bare':
        probs.append('NAME.yaml is gone after the kill')
    elif shown > 0:
        probs.append('no NAME.yaml after the kill, but %d decisions were shown' % shown)
    facts['pre_k'] = min(pre_ks) if pre_ks else None
    # the recovery open
    try:
        rrc = int(open(os.path.join(D, 'rrc')).read())
    except Exception:
        rrc = -1
    if rrc != 0:
        err = open(os.path.join(D, 'rerr'), errors='replace').read().strip()
        err = err.split('\n')[0]
        probs.append('reopening failed (status %d): %s' % (rrc, err[:400]))
        try:
            rrc2 = int(open(os.path.join(D, 'rrc2')).read())
            facts['lock_refused'] = True
            probs.append('(opened again with --break-lock: status %d; the file is '
                         'checked after that)' % rrc2)
        except Exception:
            pass
        try:
            lk = open(os.path.join(D, 'lock-pre'), 'rb').read()
            probs.append('the lock file the kill left: %d bytes %r' % (len(lk), lk[:80]))
        except Exception:
            pass
    post = os.path.join(D, 'w', NAME + '.yaml')
    # a journal may be left by the reopening's own quit (the cursor is
    # stored in the journal in journal mode): NAME.yaml is checked alone
    facts['left_journal'] = os.path.exists(post + '.journal')
    facts['temps'] = len([x for x in os.listdir(os.path.join(D, 'w'))
                          if x.startswith('.' + NAME + '.yaml.')])
    try:
        post_ks = matches(state_of(post, ref), states)
    except Exception as e:
        post_ks = None
        probs.append('NAME.yaml after reopening does not parse/check: %s' % e)
    if post_ks is not None:
        if not post_ks:
            probs.append('NAME.yaml after reopening holds no prefix of the decisions')
        else:
            if max(post_ks) < shown:
                probs.append('after reopening the file holds %d decisions, but %d were '
                             'shown before the kill (decision %d lost)' %
                             (max(post_ks), shown, max(post_ks) + 1))
            if pre_ks and max(post_ks) < min(pre_ks):
                probs.append('reopening went back from %d to %d decisions' %
                             (min(pre_ks), max(post_ks)))
            if status == 0 and events not in post_ks:
                probs.append('the session was not killed and ended, but the file '
                             'holds %d of %d decisions' % (max(post_ks), events))
        facts['post_k'] = max(post_ks) if post_ks else None
    return rid, kind, mode, start, delay, status, probs, facts

NAME = None

def D_of(T, rid):
    return os.path.join(T, 'r' + rid)

def cmd_check(args):
    """check T N0 ROUNDS: one TAP point per round, numbered from N0 + 1;
    summary facts in T/check.out."""
    global NAME
    T, n = args[0], int(args[1])
    NAME = args[3]
    ref = json.load(open(os.path.join(T, 'ref.json')))
    orc = json.load(open(os.path.join(T, 'oracle.json')))
    failed = 0
    kills = {'script': 0, 'tmux': 0}
    journal_rounds = 0
    temps = 0
    shown_max = {'script': 0, 'tmux': 0}
    journal_seen = 0
    jt = 0
    for line in open(args[2]):
        if not line.strip():
            continue
        rid, kind, mode, start, delay, status, probs, facts = \
            check_round(T, ref, orc, line)
        n += 1
        if facts['killed']:
            kills[kind] += 1
        if facts['journal']:
            journal_rounds += 1
        if kind == 'tmux' and mode == 'journal':
            jt += 1
            journal_seen += 1 if facts.get('saved_journal') else 0
        temps += facts['temps']
        shown_max[kind] = max(shown_max[kind], facts['shown'])
        when = ('killed at %s (strace fault injection)' % delay[3:]
                if delay.startswith('at:') else 'kill after %s ms' % delay)
        desc = ('round %s (%s, %s save, %s, %s%s): shown %d, '
                'file %s, reopened %s' % (
                    rid, kind, mode, {'yaml': 'with NAME.yaml', 'bare': 'bare report',
                                      'late': 'from decision %d' % orc['late']}[start],
                    when, '' if facts['killed'] else ', ended first (status %d)' % status,
                    facts['shown'], 'none' if facts['pre_k'] is None else facts['pre_k'],
                    facts.get('post_k')))
        if probs:
            failed += 1
            print('not ok %d - %s' % (n, desc))
            for p in probs:
                print('#   ' + p)
            env = 'SHENYUE_JOURNAL_BYTES=0 ' if mode == 'journal' else ''
            if delay.startswith('at:'):
                try:
                    cmd = open(os.path.join(D_of(T, rid), 'cmd')).read().strip()
                except Exception:
                    cmd = '?'
                print('#   repro: cp samples/%s.txt and the extracted NAME.yaml into W; '
                      '%s; then %sshenyue review --script /dev/null W/%s.txt '
                      '(S: any script of decisions, e.g. "a j x j a q")' % (
                          NAME, cmd, env, NAME))
            elif kind == 'script':
                print('#   repro: cp samples/%s.txt %s into W; %sshenyue review --script '
                      'S --dump DUMP W/%s.txt & sleep %s ms; kill -9; then %sshenyue '
                      'review --script /dev/null W/%s.txt (S: the generated session, '
                      'late.keys for a late start; '
                      'KILL_SEED=%s KILL_KEEP=1 sh tests/kill.sh keeps it: %s)' % (
                          NAME, {'yaml': '(and the extracted NAME.yaml)', 'bare': '',
                                 'late': '(and NAME.yaml after decision %d)' % orc['late']}[start],
                          env, NAME, delay, env, NAME, os.environ.get('KILL_SEED', '?'),
                          os.path.join(T, 'script.keys')))
            else:
                print('#   repro: %sshenyue review in tmux, the keys of %s sent at once, '
                      'capture-pane and kill -9 after %s ms (KILL_SEED=%s KILL_KEEP=1)' % (
                          env, os.path.join(T, 'tmux.keys'), delay,
                          os.environ.get('KILL_SEED', '?')))
        else:
            print('ok %d - %s' % (n, desc))
    with open(os.path.join(T, 'check.out'), 'w') as f:
        f.write('%d %d %d %d %d %d %d %d %d\n' % (
            n, failed, kills['script'], kills['tmux'], journal_rounds, temps,
            shown_max['script'], journal_seen, jt))

cmds = {'gen': cmd_gen, 'verify': cmd_verify, 'check': cmd_check}
cmds[sys.argv[1]](sys.argv[2:])
EOF

# ------------------------------------------------------------ reference
t_start=$(now_ms)
mkdir -p "$T/ref"
cp "$SAMPLE" "$T/ref/"
"$SHENYUE" extract "$T/ref/$NAME.txt" >"$T/err" 2>&1
rc=$?
point $rc "the reference annotation file is extracted"
if [ $rc -ne 0 ]; then
	sed 's/^/#   /' "$T/err"
	echo "1..$n"
	exit 1
fi
cp "$T/ref/$NAME.yaml" "$T/ref.yaml"

gen=$("$PY" "$T/h.py" gen "$T/ref.yaml" "$T/rows" "$T")
rc=$?
set -- $gen
events=${1:-0}
tevents=${2:-0}
late=${3:-0}
[ $# -gt 3 ] && shift 3
cuts=$*
[ $rc -eq 0 ] && [ "$events" -gt 100 ]
point $? "the session script: $events decisions (undo/redo, moves, :dump after each)"
if [ $rc -ne 0 ]; then
	echo "1..$n"
	exit 1
fi

# The screen order the oracle assumes, checked at a few rows: review.cursor
# after r times j (past the end: the last row).
nrows=$(wc -l <"$T/rows")
bad=
for r in 0 1 2 5 9 17 $((nrows / 2)) $((nrows - 2)) $((nrows - 1)) $((nrows + 3)); do
	want=$(sed -n "$(( (r < nrows ? r : nrows - 1) + 1 ))p" "$T/rows")
	keys=
	i=0
	while [ $i -lt $r ]; do keys="$keys j"; i=$((i + 1)); done
	cp "$T/ref.yaml" "$T/ref/$NAME.yaml"
	printf '%s q\n' "$keys" >"$T/rowscript"
	"$SHENYUE" review --script "$T/rowscript" "$T/ref/$NAME.txt" </dev/null >/dev/null 2>"$T/err"
	got=$(sed -n 's/^  cursor: //p' "$T/ref/$NAME.yaml")
	[ "$got" = "$want" ] || bad="$bad row$r:$got/$want"
done
[ -z "$bad" ]
point $? "the items in screen order ($nrows rows) as the oracle has them${bad:+ (differs:$bad)}"

# run_ref MODE SCRIPT DIR: run SCRIPT to its end in a fresh DIR; $rc, $ms
run_ref() {
	rm -rf "$3"
	mkdir -p "$3/w"
	cp "$SAMPLE" "$3/w/"
	cp "$T/ref.yaml" "$3/w/$NAME.yaml"
	t0=$(now_ms)
	if [ "$1" = journal ]; then
		env $JENV "$SHENYUE" review --script "$2" --dump "$3/dump" \
			"$3/w/$NAME.txt" </dev/null >"$3/out" 2>"$3/err"
	else
		"$SHENYUE" review --script "$2" --dump "$3/dump" \
			"$3/w/$NAME.txt" </dev/null >"$3/out" 2>"$3/err"
	fi
	rc=$?
	ms=$(( $(now_ms) - t0 ))
}

# The oracle against real runs: the whole session in both modes, cut
# after a few decisions, and the tmux keys.
: >"$T/verify"
for mode in full journal; do
	run_ref $mode "$T/script.keys" "$T/ref-$mode"
	eval "rc_$mode=$rc; dur_$mode=$ms"
	eval "ndump_$mode=$(grep -c -x -e '--' "$T/ref-$mode/dump")"
	echo "$mode $T/ref-$mode/w/$NAME.yaml script $events" >>"$T/verify"
done
for k in $cuts; do
	# the cut at $late in full save mode: its file, the cursor included,
	# is where the late rounds start
	if [ "$k" = "$late" ]; then m=full; else m=journal; fi
	run_ref $m "$T/cut$k.keys" "$T/ref-cut$k"
	[ $rc -eq 0 ] || echo "cut$k-status-$rc" >>"$T/bad0"
	echo "cut$k $T/ref-cut$k/w/$NAME.yaml script $k" >>"$T/verify"
done
# the rest of the session from the late start ends in the last state
cp "$T/ref-cut$late/w/$NAME.yaml" "$T/late.yaml"
[ -f "$T/ref-cut$late/w/$NAME.yaml.journal" ] && echo "late-journal" >>"$T/bad0"
rm -rf "$T/ref-late"
mkdir -p "$T/ref-late/w"
cp "$SAMPLE" "$T/ref-late/w/"
cp "$T/late.yaml" "$T/ref-late/w/$NAME.yaml"
"$SHENYUE" review --script "$T/late.keys" "$T/ref-late/w/$NAME.txt" </dev/null >/dev/null 2>&1 ||
	echo "late-status" >>"$T/bad0"
echo "late $T/ref-late/w/$NAME.yaml script $events" >>"$T/verify"
run_ref full "$T/tmux.keys" "$T/ref-tmux"
[ $rc -eq 0 ] || echo "tmux-status-$rc" >>"$T/bad0"
echo "tmux $T/ref-tmux/w/$NAME.yaml tmux $tevents" >>"$T/verify"
bad=$("$PY" "$T/h.py" verify "$T" "$T/verify" 2>"$T/verify.err"; cat "$T/bad0" 2>/dev/null)
for mode in full journal; do
	eval "rc=\$rc_$mode; ms=\$dur_$mode; nd=\$ndump_$mode"
	b=0
	for x in $bad; do [ "$x" = "$mode" ] && b=1; done
	[ "$rc" -eq 0 ] && [ "$nd" -eq "$events" ] && [ "$b" -eq 0 ]
	point $? "$mode save: the whole session (no kill) ends in the oracle's last state, status $rc, $nd dumps ($ms ms)"
done
others=
for x in $bad; do
	case $x in full|journal) ;; *) others="$others $x" ;; esac
done
[ -z "$others" ]
point $? "the oracle agrees with real runs cut after decisions $cuts, resumed after $late, and with the tmux keys${others:+ (differs:$others)}"
if [ -s "$T/verify.err" ]; then cat "$T/verify.err"; fi

# Kill delays: skewed towards the start, up to 85% of the session (at
# most 500 ms), at least 3 ms.
max_of() {
	m=$(( $1 * 85 / 100 ))
	[ $m -gt 500 ] && m=500
	[ $m -lt 50 ] && m=200     # no clock: a guess
	echo $m
}
max_full=$(max_of "$dur_full")
max_journal=$(max_of "$dur_journal")
echo "# session: $dur_full ms (full save), $dur_journal ms (journal); kills within $max_full / $max_journal ms; seed $KILL_SEED"

# reopen D MODE: open the report after the kill (replaying a journal)
# and quit; status in D/rrc.  When a lock left by the kill refuses it,
# that is recorded, and it is opened again with --break-lock (status in
# D/rrc2) so that the file can still be checked.
reopen() {
	if [ "$2" = journal ]; then e=$JENV; else e=; fi
	env $e "$SHENYUE" review --script /dev/null "$1/w/$NAME.txt" \
		</dev/null >/dev/null 2>"$1/rerr"
	echo $? >"$1/rrc"
	if ! grep -q -x 0 "$1/rrc" && grep -q -i "lock" "$1/rerr"; then
		env $e "$SHENYUE" review --break-lock --script /dev/null "$1/w/$NAME.txt" \
			</dev/null >/dev/null 2>"$1/rerr2"
		echo $? >"$1/rrc2"
	fi
}

# after_kill D MODE ROUND: what the kill left in D/w (the file, the
# journal: D/pre/; the lock: D/lock-pre) kept for the checks, the report
# opened again (reopen), the line ROUND added to the rounds
after_kill() {
	for f in "$1/w/$NAME.yaml" "$1/w/$NAME.yaml.journal"; do
		[ -f "$f" ] && cp "$f" "$1/pre/"
	done
	[ -f "$1/w/$NAME.yaml.lock" ] && cp "$1/w/$NAME.yaml.lock" "$1/lock-pre"
	reopen "$1" "$2"
	echo "$3" >>"$T/rounds"
}

# ------------------------------------------------------------ script rounds
t_rounds=$(now_ms)
: >"$T/rounds"
round=0
kills=0
while [ $round -lt "$KILL_ROUNDS" ] ||
	{ [ "$KILL_ROUNDS" -ge 200 ] && [ $kills -lt $((200 - KILL_TMUX_ROUNDS)) ] &&
	  [ $round -lt $((KILL_ROUNDS + 100)) ]; }; do
	round=$((round + 1))
	if [ $((round % 2)) -eq 1 ]; then mode=full; max=$max_full; else mode=journal; max=$max_journal; fi
	case $(((round + 1) / 2 % 3)) in
	0) start=yaml ;;
	1) start=late ;;
	*) start=bare ;;
	esac
	next_rand
	delay=$(( 3 + (max - 3) * rand / 1000 * rand / 1000 ))
	D=$T/r$round
	mkdir -p "$D/w" "$D/pre"
	cp "$SAMPLE" "$D/w/"
	S=$T/script.keys
	case $start in
	yaml) cp "$T/ref.yaml" "$D/w/$NAME.yaml" ;;
	late) cp "$T/late.yaml" "$D/w/$NAME.yaml"; S=$T/late.keys ;;
	esac
	if [ $mode = journal ]; then
		env $JENV "$SHENYUE" review --script "$S" \
			--dump "$D/dump" "$D/w/$NAME.txt" </dev/null >"$D/out" 2>"$D/err" &
	else
		"$SHENYUE" review --script "$S" \
			--dump "$D/dump" "$D/w/$NAME.txt" </dev/null >"$D/out" 2>"$D/err" &
	fi
	BGPID=$!
	sleep "$(secs $delay)"
	kill -9 $BGPID 2>/dev/null
	wait $BGPID 2>/dev/null
	status=$?
	BGPID=
	[ $status -eq 137 ] && kills=$((kills + 1))
	after_kill "$D" $mode "$round script $mode $start $delay $status"
done

# ------------------------------------------------------------ fault injection
# SIGKILL at chosen system calls of the writers (strace -e inject), so that
# the narrow windows are hit for sure: the lock being written, a save's
# rename and folder sync, a journal record cut between its header and its
# data, the journal's sync, the final rewrite's rename, the journal's
# removal after it.
t_inject=$(now_ms)
have_inject=0
if command -v strace >/dev/null 2>&1 &&
	strace -o /dev/null -e trace=getpid -e inject=getpid:retval=1 true >/dev/null 2>&1; then
	have_inject=1
fi
RN=rename,renameat,renameat2
UN=unlink,unlinkat
ninject=0
if [ $have_inject -eq 1 ]; then
	# NAME MODE PATH-FILTER TRACE INJECT-WHEN
	# (the lock is written into NAME.yaml.lock.PID.new and link()ed into
	# place: lock-link kills at that link, the moment it is created)
	while read -r what mode filter calls when; do
		round=$((round + 1))
		D=$T/r$round
		mkdir -p "$D/w" "$D/pre"
		cp "$SAMPLE" "$D/w/"
		cp "$T/ref.yaml" "$D/w/$NAME.yaml"
		case $filter in
		-) P= ;;
		dir) P="-P $D/w" ;;
		*) P="-P $D/w/$NAME.$filter" ;;
		esac
		if [ $mode = journal ]; then e=$JENV; else e=; fi
		echo "env $e strace -o /dev/null $P -e trace=$calls -e inject=$calls:signal=KILL:when=$when shenyue review --script S --dump DUMP W/$NAME.txt" >"$D/cmd"
		# shellcheck disable=SC2086
		env $e strace -o "$D/trace" $P -e trace=$calls -e inject=$calls:signal=KILL:when=$when \
			"$SHENYUE" review --script "$T/script.keys" --dump "$D/dump" "$D/w/$NAME.txt" \
			</dev/null >"$D/out" 2>"$D/err"
		status=$?
		[ $status -eq 137 ] && kills=$((kills + 1))
		ninject=$((ninject + 1))
		after_kill "$D" $mode "$round script $mode yaml at:$what $status"
	done <<EOF
lock-link full - link 1
lock-link journal - link 1
save-rename-3 full - $RN 3
save-rename-40 full - $RN 40
folder-sync-3 full dir fsync 3
journal-record-2-header-only journal yaml.journal write 4
journal-record-30-header-only journal yaml.journal write 60
journal-sync-5 journal yaml.journal fdatasync 5
final-rewrite-rename journal - $RN 1
journal-removal-after-rewrite journal yaml.journal $UN 1
EOF
fi

# ------------------------------------------------------------ tmux rounds
t_tmux=$(now_ms)
have_tmux=$TUI_HAVE_TMUX
tkeys=$(cat "$T/tmux.keys")
if [ $have_tmux -eq 1 ]; then
	# a session that keeps the server up between the rounds
	tui_new keep 80 24 "sleep 3600"
	t=0
	while [ $t -lt "$KILL_TMUX_ROUNDS" ]; do
		t=$((t + 1))
		round=$((round + 1))
		if [ $((t % 2)) -eq 1 ]; then mode=full; jms=; else mode=journal; jms=$JENV; fi
		next_rand
		delay=$(( 5 + 295 * rand / 1000 ))
		D=$T/r$round
		mkdir -p "$D/w" "$D/pre"
		cp "$SAMPLE" "$D/w/"
		cp "$T/ref.yaml" "$D/w/$NAME.yaml"
		# run by a shell, which reaps it at once when it is killed (tmux,
		# as its parent, may leave a zombie for a while, and a zombie's
		# pid still counts as running for the lock)
		tui_new "k$t" 80 24 \
			"env $jms TERM=xterm-256color '$SHENYUE' review --no-mouse '$D/w/$NAME.txt' 2>'$D/err'; exec sleep 3600"
		pid=$(tui_pid "^$SHENYUE review --no-mouse $D/w/")
		status=1
		if [ -n "$pid" ] && tui_wait_screen "k$t" "reviewed"; then
			# shellcheck disable=SC2086
			tui_keys "k$t" $tkeys
			# the kill lands DELAY ms after the keys: a chosen moment,
			# not a wait for a condition
			sleep "$(secs $delay)"
			tui_cap "k$t" >"$D/screen"
			kill -9 "$pid" 2>/dev/null && status=137
			# until it has been reaped
			tui_wait "$TUI_WAIT" test ! -e "/proc/$pid" ||
				echo "# round $round: pid $pid still there $TUI_WAIT s after SIGKILL" >&2
		else
			echo "# round $round: the screen did not come up" >&2
			[ -z "$pid" ] || kill -9 "$pid" 2>/dev/null
		fi
		tui_kill "k$t"
		after_kill "$D" $mode "$round tmux $mode yaml $delay $status"
	done
fi

# ------------------------------------------------------------ checks
t_check=$(now_ms)
KILL_SEED=$KILL_SEED "$PY" "$T/h.py" check "$T" "$n" "$T/rounds" "$NAME"
if [ ! -s "$T/check.out" ]; then
	echo "Bail out! the round checks did not finish"
	exit 1
fi
read -r n rfailed kscript ktmux jrounds temps shownmax jseen jt <"$T/check.out"
failed=$((failed + rfailed))

kills=$((kscript + ktmux))
[ "$kills" -ge 200 ]
point $? "at least 200 SIGKILLs: $kills ($kscript script, $ktmux tmux)"
[ "$jrounds" -gt 0 ]
point $? "the replay of a journal left by the kill was exercised ($jrounds rounds)"
[ "$shownmax" -gt $((events / 3)) ]
point $? "kills landed deep in the session (up to $shownmax of $events decisions shown)"
if [ $have_tmux -eq 1 ]; then
	[ "$jseen" -gt 0 ] || [ "$jt" -eq 0 ]
	point $? "journal tmux rounds: the screen showed 'saved (journal)' ($jseen of $jt)"
else
	skip "tmux rounds" "tmux is not installed"
fi
if [ "$temps" -gt 0 ]; then
	echo "# note: $temps temporary files (.$NAME.yaml.XXXXXX) left behind by kills are never removed"
fi

if [ $have_inject -eq 0 ]; then
	skip "SIGKILL at chosen system calls" "no strace with -e inject"
fi
t_end=$(now_ms)
echo "# times: setup $((t_rounds - t_start)) ms, script rounds $((t_inject - t_rounds)) ms, fault injection $((t_tmux - t_inject)) ms, tmux rounds $((t_check - t_tmux)) ms, checks $((t_end - t_check)) ms"
tui_end
