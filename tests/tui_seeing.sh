#!/bin/sh
# tests/tui_seeing.sh - TAP test of seeing and finding the current item on
# the review screen: the search prompt, the item a search selects, the
# `>` marker column, the context kept around the current item in both
# panes, the detail line (fields, tags, note, proposed, why an anomaly tag
# was set), the header at 80 columns, and the highlight's visibility on
# 8, 16, 256 and direct colours, with NO_COLOR and the mono theme.
#
# Screen contents are checked on `review --script --dump` (no terminal);
# colours and the terminal cursor in tmux, on a server of this test's own
# (`tmux -L`), reading the screen with capture-pane -e.  Every wait has a
# generous bound; a check that cannot find what it checks fails.
#
# Run by `make check` with SHENYUE, top_srcdir and PYTHON3 (may be empty)
# in the environment.  Prints "ok N - ..." / "not ok N - ..." and the plan;
# exits 1 if any point failed.

. "${top_srcdir:-.}/tests/cli_lib.sh"
SAMPLES=$top_srcdir/samples
R1=01_liuxi_town_2023.txt
R3=03_songling_township_crlf.txt
if [ ! -r "$SAMPLES/$R1" ] || [ ! -r "$SAMPLES/$R3" ] || [ -z "$PYTHON3" ]; then
	echo "Bail out! the samples or python3 are missing"
	exit 1
fi
PY=$PYTHON3
cli_begin seeing
. "$top_srcdir/tests/tui_lib.sh"
tui_tmux seeing
mkdir -p "$T/home"

# ------------------------------------------------------------ screen checks
cat >"$T/h.py" <<'EOF'
import re, sys

ROW = re.compile(r'^[> ]\[[ +*xa]\] ')

def frames(path):
    fs, cur = [], []
    for l in open(path, encoding='utf-8', errors='replace').read().split('\n'):
        if l == '--':
            fs.append(cur)
            cur = []
        else:
            cur.append(l)
    if any(cur):
        fs.append(cur)
    return fs

def panes(f):
    """(text rows, item rows, index of the current item row or None,
    the number of items shown)"""
    it = next(i for i, l in enumerate(f) if re.match(r'^[> ] Items', l))
    shown = int(re.search(r'(\d+) shown', f[it]).group(1))
    rows = []
    for l in f[it + 1:]:
        if not ROW.match(l):
            break
        rows.append(l)
    cur = [i for i, l in enumerate(rows) if l.startswith('>')]
    return f[2:it], rows, (cur[0] if len(cur) == 1 else None), shown

def item_text(row):
    """What the text pane shows of the item on ROW (its text, or the
    title of a section), or None for the document."""
    body = row[5:].strip()
    if body.startswith('! '):
        body = body[2:]
    if body.startswith('DOCUMENT'):
        return None
    if ' = ' in body:
        return body.split(' = ')[0]
    body = body.split(' #')[0]
    return body[-4:]

def items_context(path, first):
    """Frame k (from FIRST) was taken with item k current: it shows two
    items before and after it where the list has them."""
    bad = 0
    fs = frames(path)
    for k, f in enumerate(fs[:-1]):
        _, rows, cur, shown = panes(f)
        idx = first + k
        if cur is None:
            print('#   frame %d: no single current row' % k)
            return False
        need_before, need_after = min(2, idx), min(2, shown - 1 - idx)
        if cur < need_before or len(rows) - 1 - cur < need_after:
            print('#   frame %d: item %d is row %d of %d shown' % (k, idx, cur, len(rows)))
            bad += 1
    print('#   %d frames checked' % (len(fs) - 1))
    return bad == 0 and len(fs) > 10

def text_context(path):
    """In every frame the current item's text is shown with two text rows
    after it and before it (the report is long)."""
    bad = checked = 0
    for k, f in enumerate(frames(path)[:-1]):
        text, rows, cur, _ = panes(f)
        if cur is None:
            return False
        want = item_text(rows[cur])
        if not want:
            continue
        checked += 1
        at = [i for i in range(len(text))
              if want in text[i] or (i + 1 < len(text) and want in text[i] + text[i + 1]
                                     and want not in text[i + 1])]
        if not any(2 <= i <= len(text) - 3 for i in at):
            print('#   frame %d: %r on text rows %s of %d' % (k, want, at, len(text)))
            bad += 1
    print('#   %d frames checked' % checked)
    return bad == 0 and checked > 5

def current(path, k):
    f = frames(path)[k]
    _, rows, cur, _ = panes(f)
    print(rows[cur] if cur is not None else 'NONE')
    return cur is not None

def has(path, k, s):
    """Frame K holds the fixed string S (a line of it, or two lines of it
    joined: the unfolded detail wraps)."""
    f = frames(path)[k]
    return any(s in l or s in l + f[i + 1] or s in l + ' ' + f[i + 1]
               for i, l in enumerate(f[:-1])) or s in f[-1]

cmd = sys.argv[1]
if cmd == 'items_context':
    ok = items_context(sys.argv[2], int(sys.argv[3]))
elif cmd == 'text_context':
    ok = text_context(sys.argv[2])
elif cmd == 'current':
    ok = current(sys.argv[2], int(sys.argv[3]))
elif cmd == 'has':
    ok = has(sys.argv[2], int(sys.argv[3]), sys.argv[4])
else:
    ok = False
sys.exit(0 if ok else 1)
EOF
h() { "$PY" "$T/h.py" "$@"; }

# fresh REPORT...: a work folder with these samples.
fresh() { tui_workdir "$T/w" "$@"; }

# review SCRIPT SIZE ARGS...: run the key script; the dump in $T/dump.
review() {
	printf '%s\n' "$1" >"$T/script"
	size=$2
	shift 2
	tui_script "$size" "$@"
	[ "$rc" -ne 99 ] || sed 's/^/#   /' "$T/err" | head -n 20
}

# ------------------------------------------------------------ search

fresh "$R1"
review '/ "法治" Enter / "政府" Enter' 80x24 "$R1"
tail -n 1 "$T/dump" | grep -q -x -F '/政府'
point $? "search: a second / starts empty (the status shows /政府, not /法治政府)"

review '/ "9380" Enter :dump' 80x24 "$R1"
[ "$rc" -eq 0 ] && h current "$T/dump" 0 | grep -q -F '9380件 = 9380'
point $? "search from the items pane: the statistic holding the match becomes current"

review '/ "按时办结" Enter :dump' 80x24 "$R1"
[ "$rc" -eq 0 ] && h current "$T/dump" 0 | grep -q -F '100% = 100'
point $? "search from the items pane: no item holds the match, the next one after it becomes current"

fresh "$R1"
review '/ "0件" Enter :dump / Enter :dump' 80x24 "$R1"
[ "$rc" -eq 0 ] && h current "$T/dump" 0 | grep -q -F '9380件 =' &&
	h current "$T/dump" 1 | grep -q -F '1260件 =' && tail -n 1 "$T/dump" | grep -q -x -F '/0件'
point $? "search: Enter on the empty prompt repeats the last search (9380件, then 1260件)"

review 'Tab / "9380" Enter :dump' 80x24 "$R1"
[ "$rc" -eq 0 ] && h current "$T/dump" 0 | grep -q -F '9380件 = 9380'
point $? "search from the text pane: the item holding the match becomes current"

# ------------------------------------------------------------ marker, context

review ':dump' 80x24 "$R1"
[ "$(grep -c '^>\[' "$T/dump")" -eq 2 ]
point $? "marker column: exactly one items row starts with > (per screen)"

s=''
i=0
while [ $i -lt 30 ]; do s="$s j :dump"; i=$((i + 1)); done
review "$s" 80x24 "$R1"
[ "$rc" -eq 0 ] && h items_context "$T/dump" 1
point $? "items pane, going down: two items of context after (and before) the current one"
h text_context "$T/dump"
point $? "text pane, going down: the current item's text has two rows after and before it"

s='G'
i=0
while [ $i -lt 30 ]; do s="$s k :dump"; i=$((i + 1)); done
review "$s" 80x24 "$R1"
[ "$rc" -eq 0 ] && shown=$(sed -n 's/^[> ] Items  \([0-9]*\) shown.*/\1/p' "$T/dump" | head -n 1) &&
	h items_context "$T/dump" $((shown - 2))
point $? "items pane, going up from the end: two items of context before the current one"
h text_context "$T/dump"
point $? "text pane, going up: the current item's text has two rows before and after it"


# ------------------------------------------------------------ header

review ':dump' 80x24 "$R1"
head -n 1 "$T/dump" | grep -q -F '01_liuxi_town_2023.txt'
point $? "header at 80 columns: the file name is whole"
review ':dump' 60x24 "$R1"
head -n 1 "$T/dump" | grep -q -F '01_liuxi_town_2023.txt' &&
	head -n 1 "$T/dump" | grep -q -F '柳溪镇2023年'
point $? "header at 60 columns: the title is shortened, the file name is whole"

# ------------------------------------------------------------ detail line

fresh "$R3"
review '/ "90%" Enter :dump i :dump' 80x24 "$R3"
[ "$rc" -eq 0 ] && h has "$T/dump" 0 'tags: #inconsistent | inconsistent: 30件 / 40件'
point $? "detail line (folded, 80x24): the tag and why it was set"
h has "$T/dump" 1 'inconsistent: 30件 / 40件 = 75%, but the rate says 90% (15 points off)'
point $? "detail (i, 80x24): inconsistent rate: which numbers disagree and by how much"
grep -Eq '(^| )n[0-9]+ pending \[' "$T/dump" && h has "$T/dump" 1 'subject 办结率'
point $? "detail (i): the item's own fields (id, status, subject)"

review '/ "存在的问题" Enter i :dump' 80x24 "$R3"
h has "$T/dump" 0 'numbering-skip: after 一、 the next marker is 二、, found 三、'
point $? "detail: numbering-skip says which marker was expected"
review '/ "深化法治宣传" Enter i :dump' 110x40 "$R3"
h has "$T/dump" 0 'marker-style: （三） continues the level of （2） in another style; the same style would be （3）'
point $? "detail at 110x40: marker-style says which style was expected"

# A report of our own: a repeated number, a total that its parts do not
# make, and a statistic whose text changes after extraction.
W=$T/own
rm -rf "$W"
mkdir -p "$W"
printf '%s\n' '关于某县司法行政工作的测试报告' '一、基本情况' \
	'全县共受理案件120件，其中民事案件70件，行政案件40件。' '一、重复的标题' \
	'本年度开展法治培训12次，覆盖干部多人。' '（一）第一项工作' '推进依法行政。' >"$W/t.txt"
(cd "$W" && HOME="$T/home" "$SHENYUE" extract t.txt >/dev/null 2>&1)
sed 's/12次/15次/' "$W/t.txt" >"$W/t.new" && mv "$W/t.new" "$W/t.txt"
review '/ "120" Enter i :dump / "重复" Enter :dump / "培训" Enter :dump' 80x24 t.txt
[ "$rc" -eq 0 ] && h has "$T/dump" 0 'inconsistent: the 2 parts after 其中 (70件 … 40件) sum to 110, but the total says 120件 (10 off)'
point $? "detail: inconsistent total: the parts' sum and the difference"
h has "$T/dump" 1 'numbering-repeat: 一、 comes after 一、; the next marker is 二、'
point $? "detail: numbering-repeat says which marker was expected"
h has "$T/dump" 2 'lost-anchor: the report changed; the item says «12次» but its span [71, 74) now reads «15次»'
point $? "detail: lost-anchor says what the span reads now"

fresh "$R1"
review '/ "9380" Enter c "核对原文" Enter e C-u "9381" C-s i :dump' 80x24 "$R1"
[ "$rc" -eq 0 ] && h has "$T/dump" 0 'note: 核对原文' && h has "$T/dump" 0 'proposed: value 9380'
point $? "detail (i): the note and the proposed values of a fixed item"
review '/ "9380" Enter :dump' 80x24 "$R1"
h has "$T/dump" 0 'note: 核对原文' && h has "$T/dump" 0 'proposed: value 9380'
point $? "detail line (folded): the note and the proposed values too"

# ------------------------------------------------------------ tmux: colours

if ! command -v tmux >/dev/null 2>&1; then
	point 1 "tmux is needed for the colour and cursor checks"
	cli_end
	exit 1
fi

cat >"$T/sgr.py" <<'EOF'
import re, sys
SGR = re.compile(r'\x1b\[([0-9;:]*)m')
BASIC = [0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd,
         0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff,
         0x00ffff, 0xffffff]

def pal(i):
    if i < 16:
        return BASIC[i]
    if i < 232:
        i -= 16
        st = [0, 95, 135, 175, 215, 255]
        return st[i // 36] << 16 | st[i // 6 % 6] << 8 | st[i % 6]
    v = 8 + (i - 232) * 10
    return v << 16 | v << 8 | v

def cells(line):
    """[(char, bg rgb or None, reverse)] of a captured line."""
    out, bg, rev, pos = [], None, False, 0
    for m in list(SGR.finditer(line)) + [None]:
        end = m.start() if m else len(line)
        for ch in line[pos:end]:
            out.append((ch, bg, rev))
        if not m:
            break
        pos = m.end()
        ps = [int(p) if p.isdigit() else 0 for p in re.split('[;:]', m.group(1))] if m.group(1) else [0]
        i = 0
        while i < len(ps):
            p = ps[i]
            if p == 0:
                bg, rev = None, False
            elif p == 7:
                rev = True
            elif p == 27:
                rev = False
            elif 40 <= p <= 47:
                bg = BASIC[p - 40]
            elif 100 <= p <= 107:
                bg = BASIC[p - 92]
            elif p == 49:
                bg = None
            elif p == 48 and i + 2 < len(ps) and ps[i + 1] == 5:
                bg = pal(ps[i + 2]); i += 2
            elif p == 48 and ps[i + 1:i + 2] == [2] and i + 4 < len(ps):
                bg = ps[i + 2] << 16 | ps[i + 3] << 8 | ps[i + 4]; i += 4
            elif p in (38,) and i + 1 < len(ps):
                i += 2 if ps[i + 1] == 5 else 4 if ps[i + 1] == 2 else 0
            i += 1
    return out

def dist(a, b):
    return sum(((a >> s & 255) - (b >> s & 255)) ** 2 for s in (16, 8, 0)) ** 0.5

def visible(c, ground):
    ch, bg, rev = c
    if rev:
        return True
    if bg is None:
        return False
    return dist(bg, 0x000000 if ground == 'dark' else 0xffffff) >= 150

def main(path, ground, item):
    lines = open(path, encoding='utf-8', errors='replace').read().split('\n')
    plain = [SGR.sub('', l) for l in lines]
    it = next((i for i, l in enumerate(plain) if re.match(r'^[> ] Items', l)), None)
    if it is None:
        print('#   no items pane'); return False
    cur = [i for i in range(it + 1, len(plain)) if item + ' =' in plain[i]]
    if len(cur) != 1:
        print('#   %d rows of %s' % (len(cur), item)); return False
    row = cells(lines[cur[0]])
    ok = visible(row[0], ground) and visible(row[1], ground)
    print('#   items row: bg=%s reverse=%s' % (row[1][1] and '%06x' % row[1][1], row[1][2]))
    # the current item's span in the text pane
    spans = [(i, plain[i].find(item)) for i in range(2, it) if item in plain[i]]
    if not spans:
        print('#   %s not in the text pane' % item); return False
    i, _ = spans[0]
    tc = cells(lines[i])
    k = ''.join(c[0] for c in tc).find(item)
    ok2 = visible(tc[k], ground) and visible(tc[k + 1], ground)
    print('#   text span: bg=%s reverse=%s' % (tc[k][1] and '%06x' % tc[k][1], tc[k][2]))
    return ok and ok2

sys.exit(0 if main(sys.argv[1], sys.argv[2], sys.argv[3]) else 1)
EOF

# wait_screen PATTERN: until the plain screen matches PATTERN (ERE), at
# most 30 s; the capture in $T/cap.
screen_is() { tui_cap "$S" >"$T/cap" && grep -q -E "$1" "$T/cap"; }
wait_screen() { tui_wait 30 screen_is "$1"; }

# start TERM ENV OPTION...: the program in a new session $S (80x24) on
# $R1, with the environment setting ENV (may be empty) and the review
# OPTIONs; the session before it is closed.
nsess=0
S=
start() {
	term=$1
	env=$2
	shift 2
	fresh "$R1"
	old=$S
	nsess=$((nsess + 1))
	S=s$nsess
	tui_new "$S" 80 24 \
		"cd '$W' && exec env HOME='$T/home' TERM=$term $env '$SHENYUE' review $* $R1"
	[ -z "$old" ] || tui_kill "$old"
}
# cursor: the terminal cursor of the session, "FLAG X Y".
cursor() { $TM display -p -t "=$S:" '#{cursor_flag} #{cursor_x} #{cursor_y}'; }
# cursor_is FLAG-X-Y: the cursor is there; cursor_row ROW: shown on ROW
cursor_is() { [ "$(cursor)" = "$1" ]; }
cursor_row() { cr=$(cursor); [ "${cr%% *} ${cr##* }" = "1 $1" ]; }

for spec in linux:dark: screen:dark: xterm-16color:dark: xterm-256color:dark: \
	xterm-direct:dark: xterm-256color:light: xterm-direct:light: \
	linux:light: linux:light:--theme=light xterm-16color:light:--theme=light \
	xterm-256color:dark:--theme=light xterm-256color:light:--theme=light \
	xterm-direct:light:--theme=light linux:dark:--theme=high-contrast \
	xterm-256color:dark:--theme=high-contrast xterm-256color:dark:NO_COLOR=1 \
	xterm-256color:light:NO_COLOR=1 xterm-256color:light:--theme=mono; do
	term=${spec%%:*}
	rest=${spec#*:}
	ground=${rest%%:*}
	opt=${rest#*:}
	case $opt in
	NO_COLOR=*) start "$term" "$opt" ;;
	--theme=*) start "$term" "" --theme "${opt#--theme=}" ;;
	*) start "$term" "" ;;
	esac
	desc="TERM=$term ${opt:-dark theme} ($ground background)"
	if wait_screen 'Items' && tui_keys "$S" j j j && wait_screen '^>\[ \] +四次 =|^\[ \] {5}四次 ='; then
		# (the second form: a build without the marker column, where
		# only the colours tell; sleep for it to take the keys)
		grep -q '^>' "$T/cap" || sleep 1
		tui_cap "$S" -e >"$T/cape"
		"$PY" "$T/sgr.py" "$T/cape" "$ground" "四次"
		point $? "$desc: the current item is clearly visible in the items and the text"
	else
		point 1 "$desc: the screen came up and j j j made 四次 current"
	fi
done

# ------------------------------------------------------------ tmux: prompt

start xterm-256color ""
if wait_screen 'Items'; then
	tui_keys "$S" / 法治
	wait_screen '^/法治' &&
		[ "$(cursor)" = "1 5 23" ]
	point $? "search prompt: the cursor is shown at the insertion point (after /法治)"
	tui_keys "$S" Left
	tui_wait 10 cursor_is "1 3 23"
	point $? "search prompt: Left moves the cursor back one character (2 columns)"
	tui_keys "$S" Enter
	wait_screen '/法治 *$' && tui_keys "$S" / && wait_screen '^/ *$'
	point $? "search prompt: a second / shows an empty prompt"
	[ "$(cursor)" = "1 1 23" ]
	point $? "search prompt: the cursor is right after the /"
else
	point 1 "search prompt: the screen came up"
fi

# the text cursor keeps two rows of text below it (and above it) as it
# goes down: the text pane's body is rows 2-11 at 80x24
start xterm-256color ""
if wait_screen 'Items'; then
	tui_keys "$S" Tab
	bad=0
	checked=0
	k=0
	while [ $k -lt 25 ]; do
		tui_keys "$S" j
		k=$((k + 1))
		want=$((2 + k))
		[ $want -gt 9 ] && want=9
		if ! tui_wait 15 cursor_row "$want"; then
			echo "#   after $k j: cursor $(cursor), wanted row $want"
			bad=1
			break
		fi
		checked=$((checked + 1))
	done
	[ $bad -eq 0 ] && [ $checked -eq 25 ]
	point $? "text pane: the cursor goes down to row 9 of 2-11 and stays there, two rows above the bottom ($checked moves)"
else
	point 1 "text pane: the screen came up"
fi
cli_end
