#!/bin/sh
# tests/tui.sh - end-to-end TAP test of the review screen (`shenyue review`)
# driven in tmux: the real program on a real pty, keys sent with
# send-keys, the screen read back with capture-pane (-e for colours).
#
# Run by `make check` with SHENYUE (absolute path of the built program),
# top_srcdir and PYTHON3 in the environment.  Needs tmux and python3 with
# PyYAML (the screen checks: display widths, colours; the YAML checks);
# without tmux the whole test is skipped, without PyYAML it fails
# (tests/tui_lib.sh).
#
# Each scenario copies the samples into its own work folder, runs the
# program in a fresh tmux session of a private server, and waits for what
# it expects on the screen (or in NAME.yaml) with a time limit, never with
# fixed sleeps.  Prints "ok N - ..." / "not ok N - ..." and the plan at the
# end; exits 1 if any test point failed.

: "${top_srcdir:=.}"
. "$top_srcdir/tests/tui_lib.sh"
tui_begin tui
SAMPLES=$top_srcdir/samples
R1=01_liuxi_town_2023              # the first report of the folder
TITLE1=柳溪镇2023年法治政府建设情况报告

tap_need "$SAMPLES/$R1.txt"
# ------------------------------------------------------------ helper.py
# The screen and YAML checks.  A capture made with -e is parsed into cells
# (column, character, SGR state) with display widths as a terminal counts
# them (East Asian Wide/Fullwidth = 2 columns, combining = 0).
cat >"$T/h.py" <<'EOF'
import os, re, sys, time, unicodedata

def cw(c):
    if unicodedata.combining(c) or c in '\u200b\u200d':
        return 0
    return 2 if unicodedata.east_asian_width(c) in 'WF' else 1

def dwidth(s):
    return sum(cw(c) for c in s)

def lines_of(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        data = f.read()
    ls = data.split('\n')
    if ls and ls[-1] == '':
        ls.pop()
    return ls

# ---- SGR parsing of capture-pane -e
SGR = re.compile(r'\x1b\[([0-9;:]*)([@-~])')

def apply(st, params):
    fg, bg, at = st
    at = set(at)
    ps = [int(p) if p.isdigit() else 0 for p in params.replace(':', ';').split(';')] \
        if params else [0]
    i = 0
    while i < len(ps):
        p = ps[i]
        if p == 0:
            fg, bg, at = None, None, set()
        elif 1 <= p <= 9:
            at.add(p)
        elif p == 22:
            at.discard(1); at.discard(2)
        elif 23 <= p <= 29:
            at.discard(p - 20)
        elif 30 <= p <= 37 or 90 <= p <= 97:
            fg = str(p)
        elif p == 39:
            fg = None
        elif 40 <= p <= 47 or 100 <= p <= 107:
            bg = str(p)
        elif p == 49:
            bg = None
        elif p in (38, 48):
            if i + 1 < len(ps) and ps[i + 1] == 5 and i + 2 < len(ps):
                v = '5;%d' % ps[i + 2]; i += 2
            elif i + 1 < len(ps) and ps[i + 1] == 2 and i + 4 < len(ps):
                v = '2;%d;%d;%d' % tuple(ps[i + 2:i + 5]); i += 4
            else:
                v = '?'
            if p == 38:
                fg = v
            else:
                bg = v
        i += 1
    return (fg, bg, frozenset(at))

def cells_of(path):
    """[[(col, ch, state)]] per screen line; the state carries over."""
    st = (None, None, frozenset())
    out = []
    for raw in lines_of(path):
        cells, col, i = [], 0, 0
        while i < len(raw):
            ch = raw[i]
            if ch == '\x1b':
                m = SGR.match(raw, i)
                if m:
                    if m.group(2) == 'm':
                        st = apply(st, m.group(1))
                    i = m.end()
                else:
                    i += 2
                continue
            if ch in '\x0e\x0f':
                i += 1
                continue
            cells.append((col, ch, st))
            col += cw(ch)
            i += 1
        out.append(cells)
    return out

def text_of(cells):
    return ''.join(c[1] for c in cells)

def showst(st):
    fg, bg, at = st
    return 'fg=%s bg=%s attrs=%s' % (fg, bg, ','.join(map(str, sorted(at))) or '-')

# ---- the layout, from the screen's text
TITLE_T = re.compile(r'^[> ] Text')
TITLE_I = re.compile(r'[> ] Items')

def layout(texts, cols):
    """(text rows (line index, col0, width), items (title line, col0))"""
    tl = next((i for i, t in enumerate(texts) if TITLE_T.match(t)), None)
    if tl is None:
        return None
    m = TITLE_I.search(texts[tl])
    if m:                                        # side by side
        ix = dwidth(texts[tl][:m.start()])
        rows = [(i, 0, ix - 1) for i in range(tl + 1, len(texts) - 1)]
        return rows, (tl, ix)
    il = next((i for i, t in enumerate(texts) if i > tl and TITLE_I.match(t)), None)
    if il is None:
        return None
    rows = [(i, 0, cols) for i in range(tl + 1, il)]
    return rows, (il, 0)

def cut(s, c0, w):
    """The part of S from column C0, W columns wide; also whether a wide
    character straddles either edge."""
    out, col, straddle = [], 0, False
    for ch in s:
        k = cw(ch)
        if col >= c0 and col + k <= c0 + w:
            out.append(ch)
        elif col < c0 + w and col + k > c0 + w and col >= c0:
            straddle = True
        elif col < c0 < col + k:
            straddle = True
        col += k
    return ''.join(out), straddle

def item_rows(texts, cells=None, cols=80):
    """[(line index, row text from the items column, cells of the row)]"""
    lay = layout(texts, cols)
    if not lay:
        return []
    _, (il, ix) = lay
    rows = []
    for i in range(il + 1, len(texts) - 1):
        t, _ = cut(texts[i], ix, 10000)
        if re.match(r'[> ]\[[ +*xa]\] ', t):
            rc = [c for c in cells[i] if c[0] >= ix] if cells else None
            rows.append((i, t.rstrip(), rc))
    return rows

def read_report(path):
    """The text of a report: UTF-8 when it is valid UTF-8, else GB18030."""
    raw = open(path, 'rb').read()
    utf8 = raw.decode('utf-8', 'replace').encode('utf-8') == raw
    return raw.decode('utf-8' if utf8 else 'gb18030').lstrip('\ufeff')

# ---- commands
def c_width(path, cols):
    bad = [(i + 1, dwidth(t)) for i, t in enumerate(lines_of(path)) if dwidth(t) > int(cols)]
    for ln, w in bad:
        print('#   line %d is %d columns wide' % (ln, w))
    return not bad

def c_wrap(path, report, cols):
    """The text pane's rows hold whole characters and, joined, give back
    each long paragraph of the report shown whole on the screen."""
    cols = int(cols)
    texts = lines_of(path)
    lay = layout(texts, cols)
    if not lay:
        print('#   no text pane found')
        return False
    rows, (il, ix) = lay
    ok = True
    prow = []
    for (i, c0, w) in rows:
        part, straddle = cut(texts[i], c0, w)
        if straddle:
            print('#   a wide character straddles the pane edge on line %d' % (i + 1))
            ok = False
        if ix > 0:                               # the gap column is blank
            gap, _ = cut(texts[i], w, ix - w)
            if gap.strip():
                print('#   line %d: %r between the panes' % (i + 1, gap))
                ok = False
        prow.append(part.rstrip())
    width = rows[0][2] if rows else cols
    checked = 0
    for para in read_report(report).splitlines():
        para = para.rstrip('\r')
        if dwidth(para) <= width or ' ' in para or '\t' in para:
            continue
        starts = [k for k, r in enumerate(prow) if len(r) >= 4 and para.startswith(r)]
        for k in starts:
            got, n = '', 0
            while k + n < len(prow) and len(got) < len(para):
                got += prow[k + n]
                n += 1
            if len(got) < len(para):
                continue                         # cut off at the bottom
            checked += 1
            if got != para:
                print('#   paragraph %r...: the rows give %r' % (para[:12], got[:60]))
                ok = False
            for j in range(k, k + n - 1):        # each row but the last is full
                if dwidth(prow[j]) < width - 4:
                    print('#   row %r is only %d of %d columns'
                          % (prow[j][:10], dwidth(prow[j]), width))
                    ok = False
    if checked == 0:
        print('#   no wrapped paragraph found whole on the screen')
        ok = False
    return ok

def find_cell(cells, texts, sub, region, cols):
    """The state of the first character of SUB in REGION: text, items, all."""
    lay = layout(texts, cols)
    if region == 'all' or not lay:
        lines = [(i, 0, 10000) for i in range(1, len(texts))]
    elif region == 'text':
        lines = lay[0]
    else:
        il, ix = lay[1]
        lines = [(i, ix, 10000) for i in range(il + 1, len(texts) - 1)]
    for (i, c0, w) in lines:
        row = [c for c in cells[i] if c0 <= c[0] < c0 + w]
        t = text_of(row)
        k = t.find(sub)
        if k >= 0:
            return row[k][2]
    return None

def c_state(path, sub, region, cols):
    cells = cells_of(path)
    st = find_cell(cells, [text_of(c) for c in cells], sub, region, int(cols))
    print(showst(st) if st else 'NOT FOUND')
    return st is not None

def c_rowstate(path, sub, cols):
    """The state at the status mark of the items row holding SUB."""
    cells = cells_of(path)
    texts = [text_of(c) for c in cells]
    for (i, t, rc) in item_rows(texts, cells, int(cols)):
        if sub in t:
            print(showst(rc[0][2]))
            return True
    print('NOT FOUND')
    return False

def is_current(st):
    fg, bg, at = st
    return bg is not None or 7 in at

def c_current(path, cols):
    """Print the items row drawn as the current one (a background or
    reverse video at its status mark, unlike the others)."""
    cells = cells_of(path)
    texts = [text_of(c) for c in cells]
    rows = item_rows(texts, cells, int(cols))
    cur = [t for (i, t, rc) in rows if rc and is_current(rc[0][2])]
    if len(cur) != 1:
        print('#   %d rows look current among %d' % (len(cur), len(rows)))
        return False
    print(cur[0])
    return True

def c_intext(path, sub, cols):
    texts = lines_of(path)
    lay = layout(texts, int(cols))
    if not lay:
        return False
    joined = ''.join(cut(texts[i], c0, w)[0].rstrip() for (i, c0, w) in lay[0])
    return sub in joined

def c_ulpos(path, cols):
    """Where underlined cells are in the text pane (the search match)."""
    cells = cells_of(path)
    texts = [text_of(c) for c in cells]
    lay = layout(texts, int(cols))
    pos = []
    for (i, c0, w) in lay[0] if lay else []:
        pos += ['%d:%d' % (i, c[0]) for c in cells[i]
                if c0 <= c[0] < c0 + w and 4 in c[2][2] and c[1] != ' ']
    print(' '.join(pos))
    return bool(pos)

def c_nocolor(path):
    bad = set()
    for row in cells_of(path):
        for (col, ch, (fg, bg, at)) in row:
            if fg or bg:
                bad.add((fg, bg))
    for b in sorted(bad, key=str):
        print('#   colour in use: fg=%s bg=%s' % b)
    return not bad

def c_noleak(path, raw_sgr):
    data = open(path, encoding='utf-8', errors='replace').read()
    ok = True
    if raw_sgr in data:
        print('#   %r in the captured screen' % raw_sgr)
        ok = False
    for row in cells_of(path):
        for (col, ch, st) in row:
            if ch in '\x07\x9b\u202e\x1b':
                print('#   raw U+%04X on the screen' % ord(ch))
                ok = False
    return ok

def c_helpnames(helpout, *caps):
    names, keys = [], False
    for l in lines_of(helpout):
        if l.startswith('Keys'):
            keys = True
            continue
        if keys:
            f = re.split(r'\s{2,}', l.strip())
            if len(f) >= 3:
                names.append(f[1])
    shown = set()
    for c in caps:
        for l in lines_of(c):
            f = l[17:].split(' ') if len(l) > 17 else []
            if f and l.startswith('  '):
                shown.add(f[0])
    missing = [n for n in names if n not in shown]
    if len(names) < 20:
        print('#   only %d action names in --help' % len(names))
        return False
    if missing:
        print('#   not on the help screen: %s' % ' '.join(missing))
    return not missing

# ---- YAML
def load(path):
    import yaml
    with open(path, encoding='utf-8') as f:
        return yaml.safe_load(f)

def env_of(d):
    items = (d.get('sections') or []) + (d.get('statistics') or [])
    byid = dict((i['id'], i) for i in items)
    return {'d': d, 'items': items, 'ids': set(byid),
            'it': lambda i: byid[i], 'st': lambda i: byid[i]['status'],
            'len': len, 'all': all, 'any': any}

def c_yaml(path, expr, show=None):
    """Wait (5 s at most) until EXPR holds on the YAML file."""
    t0, last = time.time(), None
    while True:
        try:
            e = env_of(load(path))
            if eval(expr, e):
                return True
            last = 'false'
            if show:
                last += '; %s = %r' % (show, eval(show, e))
        except Exception as x:
            last = '%s: %s' % (type(x).__name__, x)
        if time.time() - t0 > float(os.environ.get('TUI_WAIT', '30')):
            print('#   %s: %s (%s)' % (os.path.basename(path), expr, last))
            return False
        time.sleep(0.05)

def c_get(path, expr):
    print(eval(expr, env_of(load(path))))
    return True

def c_same(path, snap):
    """PATH equals the snapshot SNAP but for review: (cursor, updated)."""
    import yaml
    a, b = load(path), load(snap)
    a.pop('review', None); b.pop('review', None)
    if a != b:
        print('#   the file changed on quit')
    return a == b

cmd = sys.argv[1]
fn = globals()['c_' + cmd.replace('-', '_')]
sys.exit(0 if fn(*sys.argv[2:]) else 1)
EOF

h() { "$PY" "$T/h.py" "$@"; }

# ------------------------------------------------------------ TAP
TUI_SHOW=$T/cap            # shown when a point fails
# ycheck FILE EXPR DESC [SHOW]: a YAML test point.
ycheck() {
	h yaml "$1" "$2" ${4:+"$4"} >"$T/diag"
	point $? "$3"
}
# hpoint DESC CMD...: a test point from a helper command, its output shown
# as diagnostics on failure (and the screen: TUI_SHOW).
hpoint() {
	d=$1
	shift
	h "$@" >"$T/diag"
	point $? "$d"
}

# ------------------------------------------------------------ tmux
COLS=80
ROWS=24
W=

# workdir NAME [REPORT...]: a fresh folder with the samples (or some).
workdir() {
	wd_name=$1
	shift
	tui_workdir "$T/$wd_name" "$@"
}

# start COLS ROWS TERM "ENV..." ARGS...: run `shenyue review ARGS` in the
# work folder in a new session; its exit status goes to $W/.exit.
start() {
	COLS=$1 ROWS=$2
	term=$3 envs=$4
	shift 4
	rm -f "$W/.exit"
	: >"$T/cap"
	tui_new sy "$COLS" "$ROWS" \
		"cd '$W' && env HOME='$T/home' XDG_CONFIG_HOME='$T/home/.config' USER=tester TERM=$term $envs '$SHENYUE' review $*; echo EXIT=\$? >'$W/.exit'"
}

cap() { tui_cap sy >"$T/cap"; }
cape() { tui_cap sy -e >"$T/cape"; }
keys() { tui_keys sy "$@"; }
typed() { tui_type sy "$1"; }
status() { sed -n "${ROWS}p" "$T/cap"; }

# wait_for STRING: until the screen shows STRING (TUI_WAIT s at most).
has_fixed() { cap && grep -q -F -e "$1" "$T/cap"; }
wait_for() { tui_wait "$TUI_WAIT" has_fixed "$1"; }
# wait_gone STRING
no_fixed() { cap && ! grep -q -F -e "$1" "$T/cap"; }
wait_gone() { tui_wait "$TUI_WAIT" no_fixed "$1"; }
# wait_status ERE: until the status line matches.
status_is() { cap && status | grep -q -E -e "$1"; }
wait_status() { tui_wait "$TUI_WAIT" status_is "$1"; }
# wait_current STRING: until the current items row holds STRING; the row
# is left in $CUR.
current_is() {
	cape
	CUR=$(h current "$T/cape" "$COLS")
	case $CUR in *"$1"*) return 0 ;; esac
	return 1
}
wait_current() {
	tui_wait "$TUI_WAIT" current_is "$1"
	r=$?
	cap
	return $r
}
# wait_exit: until the program has exited; its status in $EXIT.
wait_exit() {
	EXIT=
	tui_wait_file "$TUI_WAIT" -s "$W/.exit" || return 1
	EXIT=$(sed -n 's/^EXIT=//p' "$W/.exit")
	return 0
}
# row STRING: the items row holding STRING (after a cap).
row() {
	grep -F -e "$1" "$T/cap" | grep -E '\[[ +*xa]\] ' | head -n 1
}
# last_id: the id in the status line's "last: VERB ID".
last_id() { status | sed -n 's/.*last: [a-z]* \([a-z]*[0-9][0-9]*\).*/\1/p'; }

# ------------------------------------------------------------ scenarios

# The main scenario at COLS x ROWS: opening the folder, every decision,
# the highlight, search, quit.
main_scenario() {
	c=$1 r=$2
	sz="${c}x${r}"
	workdir "main-$sz"
	nrep=$(ls "$W"/*.txt | wc -l | tr -d ' ')
	Y=$W/$R1.yaml
	start "$c" "$r" xterm-256color "" .

	wait_for "$TITLE1"
	sed -n 1p "$T/cap" | grep -q -F "$TITLE1"
	point $? "$sz open: the header shows the first report's title"
	status | grep -q -F "file 1/$nrep"
	point $? "$sz open: the status line shows file 1/$nrep"
	status | grep -q -E ' 0/[0-9]+ reviewed'
	point $? "$sz open: the status line shows 0/T reviewed"
	total=$(status | sed -n 's/.* 0\/\([0-9]*\) reviewed.*/\1/p')
	ycheck "$Y" "len(items) + 1 == ${total:-0}" \
		"$sz open: T is the number of items (document + sections + statistics)"
	missing=
	for f in "$W"/*.txt; do
		[ -s "${f%.txt}.yaml" ] || missing="$missing ${f##*/}"
	done
	[ -z "$missing" ]
	point $? "$sz open: NAME.yaml created for every report${missing:+ (missing:$missing)}"
	grep -E '\[[ +*xa]\] DOCUMENT' "$T/cap" >/dev/null
	point $? "$sz open: the items pane lists the DOCUMENT facts row"
	grep -E '\[[ +*xa]\] +一、' "$T/cap" >/dev/null
	point $? "$sz open: the items pane lists a section marker 一、"
	hpoint "$sz open: every line fits in $c columns (CJK = 2)" width "$T/cap" "$c"
	hpoint "$sz open: text rows hold whole characters and join back into the report's paragraphs" \
		wrap "$T/cap" "$W/$R1.txt" "$c"

	# highlight: the current row and a pending span
	keys j j j
	wait_current "四次 ="
	point $? "$sz highlight: j j j makes the 四次 statistic current"
	cur_st=$(h rowstate "$T/cape" "四次 =" "$c")
	oth_st=$(h rowstate "$T/cape" "10% =" "$c")
	[ -n "$cur_st" ] && [ "$cur_st" != "NOT FOUND" ] && [ "$cur_st" != "$oth_st" ]
	point $? "$sz highlight: the current row is drawn unlike another pending row ($cur_st / $oth_st)"
	span_st=$(h state "$T/cape" "一、主要工作及成效" text "$c")
	plain_st=$(h state "$T/cape" "县委、县政府" text "$c")
	[ "$span_st" != "NOT FOUND" ] && [ "$plain_st" != "NOT FOUND" ] && [ "$span_st" != "$plain_st" ]
	point $? "$sz highlight: a pending item's span in the text differs from plain text ($span_st / $plain_st)"

	# accept
	keys a
	wait_status 'last: accepted [a-z]+[0-9]+'
	point $? "$sz accept: status line says last: accepted ID"
	id=$(last_id)
	status | grep -q -E ' 1/[0-9]+ reviewed'
	point $? "$sz accept: reviewed count 0 -> 1"
	status | grep -q -F '| saved'
	point $? "$sz accept: status line says saved"
	row "四次 =" | grep -q -F '[+]'
	point $? "$sz accept: the row shows [+]"
	ycheck "$Y" "st('$id') == 'accepted'" "$sz accept: $id accepted in the YAML" "st('$id')"

	# accept-next
	keys j
	wait_current "10% ="
	keys Space
	wait_status ' 2/[0-9]+ reviewed'
	point $? "$sz accept-next: reviewed count 1 -> 2"
	id=$(last_id)
	row "10% =" | grep -q -F '[+]'
	point $? "$sz accept-next: the row shows [+]"
	wait_current "37项 ="
	point $? "$sz accept-next: the next pending item is current"
	ycheck "$Y" "st('$id') == 'accepted'" "$sz accept-next: $id accepted in the YAML" "st('$id')"

	# reject
	keys x
	wait_status 'last: rejected [a-z]+[0-9]+'
	point $? "$sz reject: status line says last: rejected ID"
	id=$(last_id)
	row "37项 =" | grep -q -F '[x]'
	point $? "$sz reject: the row shows [x]"
	ycheck "$Y" "st('$id') == 'rejected'" "$sz reject: $id rejected in the YAML" "st('$id')"

	# fix: the value of 9380件
	keys j j j
	wait_current "9380件 ="
	keys e
	wait_for "Fix statistic"
	point $? "$sz fix: e opens the fix form"
	keys C-u
	typed 9381
	keys Enter
	wait_status 'last: fixed [a-z]+[0-9]+'
	point $? "$sz fix: status line says last: fixed ID"
	fid=$(last_id)
	row "9380件 =" | grep -q -F '[*]' && row "9380件 =" | grep -q -F '= 9381'
	point $? "$sz fix: the row shows [*] and the new value"
	ycheck "$Y" "st('$fid') == 'fixed' and it('$fid')['value'] == 9381" \
		"$sz fix: $fid fixed, value 9381 in the YAML" "it('$fid')"
	ycheck "$Y" "it('$fid')['proposed']['value'] == 9380" \
		"$sz fix: proposed holds the old value 9380" "it('$fid').get('proposed')"

	# tag
	keys t
	wait_for "other tag"
	point $? "$sz tag: t opens the tag menu"
	keys 2
	# at 80 columns the last action is shortened so that "saved" stays:
	# the screen shows the action, the YAML says which tag
	wait_status "last: tagged"
	point $? "$sz tag: status line says last: tagged ..."
	tag=$(h get "$Y" "(it('$fid').get('tags') or [''])[0]")
	status | grep -q -F '| saved'
	point $? "$sz tag: the status line still shows saved after a long last: message"
	row "9380件 =" | grep -q -F "#$tag"
	point $? "$sz tag: the row shows #$tag"
	ycheck "$Y" "'$tag' in it('$fid')['tags']" "$sz tag: $tag in the YAML tags" "it('$fid')['tags']"

	# note
	keys c
	wait_for "note:"
	typed "需核对原文"
	keys Enter
	wait_status "last: note on $fid"
	point $? "$sz note: status line says last: note on $fid"
	# (a row wider than the items pane ends in "…": "(…" is the mark cut;
	# the detail line under the items shows the note then)
	row "9380件 =" | grep -q -E '\(note\)|\((n|no|not|note)?…$' ||
		grep -q -F "note: 需核对原文" "$T/cap"
	point $? "$sz note: the row shows (note), or the detail line the note"
	ycheck "$Y" "it('$fid')['note'] == '需核对原文'" "$sz note: the note in the YAML" "it('$fid').get('note')"

	# span moves: > then ,
	keys '>'
	wait_for " 380件 = 9381"
	point $? "$sz span: > moves the start one character right (380件)"
	ycheck "$Y" "it('$fid')['start'] == it('$fid')['proposed']['start'] + 1 and it('$fid')['text'] == '380件'" \
		"$sz span: start + 1 in the YAML" "it('$fid')"
	keys ','
	wait_for " 380 = 9381"
	point $? "$sz span: , moves the end one character left (380)"
	ycheck "$Y" "it('$fid')['end'] == it('$fid')['proposed']['end'] - 1 and it('$fid')['text'] == '380'" \
		"$sz span: end - 1 in the YAML" "it('$fid')"
	status | grep -q -F "last: moved the span"
	point $? "$sz span: status line says last: moved the span ..."

	# add: Tab to the text, v, l l l, Enter, s, then Enter in the form
	# (Esc would cancel the add: tests/tui_forms.sh)
	keys Tab
	wait_for "> Text"
	keys v
	wait_for "SELECT"
	point $? "$sz add: v starts a selection in the text"
	keys l l l Enter
	wait_for "Add as"
	point $? "$sz add: Enter offers statistic / section"
	keys s
	wait_for "Add statistic"
	point $? "$sz add: s opens the add form prefilled"
	keys Enter
	wait_status 'last: added [a-z]+[0-9]+'
	aid=$(last_id)
	wait_gone "Add statistic"
	grep -E '^(.*[ >])?\[a\] ' "$T/cap" >/dev/null
	point $? "$sz add: Enter in the form adds the item, shown [a]"
	ycheck "$Y" "st('$aid') == 'added'" "$sz add: $aid status added in the YAML" "st('$aid')"

	# undo, redo
	keys u
	wait_status 'last: undo'
	point $? "$sz undo: status line says last: undo"
	! grep -E '\[a\] ' "$T/cap" >/dev/null
	point $? "$sz undo: the [a] row is gone"
	ycheck "$Y" "'$aid' not in ids" "$sz undo: $aid gone from the YAML" "sorted(ids)"
	keys C-r
	wait_status 'last: redo'
	point $? "$sz redo: status line says last: redo"
	grep -E '\[a\] ' "$T/cap" >/dev/null
	point $? "$sz redo: the [a] row is back"
	ycheck "$Y" "st('$aid') == 'added'" "$sz redo: $aid back in the YAML, status added" "sorted(ids)"
	status | grep -q -F '| saved'
	point $? "$sz redo: status line says saved"
	hpoint "$sz after the decisions: every line fits in $c columns" width "$T/cap" "$c"

	# search
	keys /
	wait_status '^/'
	typed "执法"
	keys Enter
	wait_status '/执法'
	point $? "$sz search: the status line shows /执法"
	cape
	before=$(h ulpos "$T/cape" "$c")
	[ -n "$before" ]
	point $? "$sz search: the match is marked in the text"
	keys n
	after=$before
	match_moved() {
		cape
		after=$(h ulpos "$T/cape" "$c")
		[ "$after" != "$before" ]
	}
	tui_wait "$TUI_WAIT" match_moved
	[ -n "$after" ] && [ "$after" != "$before" ]
	point $? "$sz search: n moves the match ($before -> $after)"

	# quit: nothing left unsaved
	cp "$Y" "$T/snap.yaml"
	keys q
	wait_exit
	[ "$EXIT" = 0 ]
	point $? "$sz quit: q exits with status 0 (got '${EXIT}')"
	ycheck "$Y" "d['format'] == 'shenyue-annotations/1' and d['review']['reviewer'] == 'tester'" \
		"$sz quit: the YAML parses, format 1, reviewer from \$USER"
	hpoint "$sz quit: q changed nothing but review.cursor/updated (all was saved)" \
		same "$Y" "$T/snap.yaml"
}

main_scenario 80 24
main_scenario 160 50

# ---- help
workdir help
start 80 24 xterm-256color "" .
wait_for "$TITLE1"
keys '?'
wait_for "accept-next"
grep -E 'Space +accept-next' "$T/cap" >/dev/null
point $? "help: lists accept-next with its key Space"
cp "$T/cap" "$T/help1"
"$SHENYUE" review --help >"$T/helpout" 2>&1
# scroll with j, one line at a time, until the last action shows
helps="$T/help1"
k=1
while ! grep -q -F "quit (every" "$T/cap" && [ $k -lt 45 ]; do
	first=$(sed -n 2p "$T/cap")
	keys j
	scrolled() { cap && [ "$(sed -n 2p "$T/cap")" != "$first" ]; }
	tui_wait "$TUI_WAIT" scrolled
	k=$((k + 1))
	cp "$T/cap" "$T/help$k"
	helps="$helps $T/help$k"
done
# shellcheck disable=SC2086
hpoint "help: every action of --help's key list is on the help screen (scrolled with j)" \
	helpnames "$T/helpout" $helps
hpoint "help: every line fits in 80 columns" width "$T/help1" 80
keys x
wait_for "$TITLE1"
point $? "help: any key (x) closes it"
status | grep -q -F "no decision yet"
point $? "help: the key that closed it did nothing else (no rejection)"
keys q
wait_exit

# ---- resume
workdir resume
Y=$W/$R1.yaml
start 80 24 xterm-256color "" .
wait_for "$TITLE1"
keys j j j Space Space
wait_status ' 2/[0-9]+ reviewed'
point $? "resume: two items accepted"
wait_current "37项 ="
point $? "resume: the item after them is current"
before=$CUR
keys q
wait_exit
[ "$EXIT" = 0 ]
point $? "resume: q exits 0"
ycheck "$Y" "d['review']['cursor'] in ids and it(d['review']['cursor'])['text'] == '37项'" \
	"resume: review.cursor names the current item" "d['review']"
start 80 24 xterm-256color "" .
wait_for "$TITLE1"
status | grep -q -E ' 2/[0-9]+ reviewed'
point $? "resume: reopened, the status line still shows 2/T reviewed"
wait_current "37项 ="
[ "$CUR" = "$before" ]
point $? "resume: the selected row is the last current item ($CUR)"
h intext "$T/cap" "37项" 80
point $? "resume: the text pane shows the current item's text (37项)"
keys q
wait_exit

# ---- resize
tv=$(tmux -V 2>/dev/null | sed -n 's/^tmux[^0-9]*\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
# shellcheck disable=SC2086
set -- $tv
if [ "${1:-0}" -lt 2 ] || { [ "${1:-0}" -eq 2 ] && [ "${2:-0}" -lt 9 ]; }; then
	for d in "80x24 is stacked" "160x50 side by side" "160x50 same item" \
		"160x50 every line fits" "back to 80x24 stacked" "80x24 same item" \
		"80x24 paragraphs"; do
		skip "resize: $d" "tmux $(tmux -V) has no resize-window"
	done
else
workdir resize
start 80 24 xterm-256color "" .
wait_for "$TITLE1"
keys j j j j j
wait_current "37项 ="
before=$CUR
grep -q -E '^[> ] Items' "$T/cap" && ! sed -n 2p "$T/cap" | grep -q Items
point $? "resize: 80x24 is stacked (text above items)"
$TM resize-window -t =sy: -x 160 -y 50
COLS=160 ROWS=50
side_by_side() { cap && sed -n 2p "$T/cap" | grep -q 'Text.*Items'; }
tui_wait "$TUI_WAIT" side_by_side
sed -n 2p "$T/cap" | grep -q 'Text.*Items' &&
	"$PY" -c '
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for l in open(sys.argv[1], encoding="utf-8"):
    k = l.find("[ ] ")
    if k > 0 and w(l[:k]) > 60:
        sys.exit(0)
sys.exit(1)' "$T/cap"
point $? "resize: at 160x50 side by side (items start past column 60)"
wait_current "37项 ="
[ "$CUR" = "$before" ]
point $? "resize: 160x50, the current item is the same ($CUR)"
hpoint "resize: 160x50, every line fits" width "$T/cap" 160
$TM resize-window -t =sy: -x 80 -y 24
COLS=80 ROWS=24
stacked() { cap && grep -q -E '^[> ] Items' "$T/cap"; }
tui_wait "$TUI_WAIT" stacked
grep -q -E '^[> ] Items' "$T/cap" && ! sed -n 2p "$T/cap" | grep -q Items
point $? "resize: back to 80x24, stacked again"
wait_current "37项 ="
[ "$CUR" = "$before" ]
point $? "resize: 80x24 again, the current item is the same ($CUR)"
hpoint "resize: back to 80x24, text rows join back into the paragraphs" \
	wrap "$T/cap" "$W/$R1.txt" 80
keys q
wait_exit
fi

# ---- terminals
for term in xterm xterm-256color screen tmux-256color linux vt100; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		skip "TERM=$term: opens" "no terminfo entry for $term"
		skip "TERM=$term: a accepts" "no terminfo entry for $term"
		skip "TERM=$term: q exits 0" "no terminfo entry for $term"
		continue
	fi
	workdir "term-$term" "$R1.txt"
	Y=$W/$R1.yaml
	start 80 24 "$term" "" "$R1.txt"
	wait_for "$TITLE1"
	point $? "TERM=$term: opens, the header shows the title"
	keys a
	wait_status 'last: accepted'
	ycheck "$Y" "d['document']['status'] == 'accepted'" \
		"TERM=$term: a accepts (the document facts, in the YAML)" "d['document']"
	keys q
	wait_exit
	[ "$EXIT" = 0 ]
	point $? "TERM=$term: q exits with status 0 (got '$EXIT')"
done

# ---- no colour: NO_COLOR=1, --theme mono
for mode in NO_COLOR mono; do
	workdir "nocolor-$mode" "$R1.txt"
	if [ $mode = NO_COLOR ]; then
		start 80 24 xterm-256color "NO_COLOR=1" "$R1.txt"
	else
		start 80 24 xterm-256color "" --theme mono "$R1.txt"
	fi
	wait_for "$TITLE1"
	keys j j j
	wait_current "四次 ="
	if [ $mode = NO_COLOR ]; then
		hpoint "NO_COLOR=1: no colour on the screen" nocolor "$T/cape"
		span_st=$(h state "$T/cape" "一、主要工作及成效" text 80)
		plain_st=$(h state "$T/cape" "县委、县政府" text 80)
		[ "$span_st" != "NOT FOUND" ] && [ "$span_st" != "$plain_st" ]
		point $? "NO_COLOR=1: a pending item's span in the text differs from plain text ($span_st / $plain_st)"
	fi
	keys a
	wait_status 'last: accepted'
	keys j
	wait_current "10% ="
	keys x
	wait_status 'last: rejected'
	row "四次 =" | grep -q -F '[+]'
	point $? "$mode: [+] visible after a"
	row "10% =" | grep -q -F '[x]'
	point $? "$mode: [x] visible after x"
	cape
	c1=$(h rowstate "$T/cape" "10% =" 80)
	c2=$(h rowstate "$T/cape" "37项 =" 80)
	[ "$c1" != "$c2" ]
	point $? "$mode: the current row is still told apart ($c1 / $c2)"
	keys q
	wait_exit
done

# ---- hostile text: ESC [31m, a C1 control, U+202E, BEL
workdir hostile
printf '%s\n' "某某镇2023年法治政府建设情况报告" "" "一、主要工作" \
	"$(printf '危险\033[31m红色文字\302\233继续\342\200\256反向\007铃声，全年办理案件12件。')" \
	"二、存在问题" "某某镇人民政府" "2024年1月5日" >"$W/hostile.txt"
start 80 24 xterm-256color "" hostile.txt
wait_for "某某镇2023年法治政府建设情况报告"
point $? "hostile: the report opens"
grep -q -F '^[' "$T/cap"
point $? "hostile: ESC is shown as ^["
grep -q -F '<U+202E>' "$T/cap"
point $? "hostile: U+202E is shown as <U+202E>"
cape
hpoint "hostile: no colour or control leaked from the report (no ESC[31m, no raw C1/BEL/U+202E)" \
	noleak "$T/cape" "$(printf '\033[31m')"
keys j
wait_current "主要工作"
point $? "hostile: the terminal still works (j moves, capture-pane reads the screen)"
grep -q -F "红色文字" "$T/cap" && status | grep -q -F "reviewed"
point $? "hostile: the text after the escapes and the status line are intact"
keys q
wait_exit
[ "$EXIT" = 0 ]
point $? "hostile: q exits 0"

tui_end
