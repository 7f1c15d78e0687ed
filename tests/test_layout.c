/* test_layout.c - core/textmap and tui/layout (TAP).  No curses.
 *
 * The maps and wraps are checked against naive scans done here, byte by
 * byte, independently of the code under test.
 */
#include "layout.h"
#include "tap.h"
#include "text/textmap.h"
#include "base/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* Decode all of S[0..N) (valid UTF-8) into a new array of code points and
 * byte offsets (one more entry each: N / the count).  Caller frees. */
static size_t naive_decode(const char *s, size_t n, uint32_t **cps,
			   size_t **offs)
{
	size_t i = 0, k = 0;
	*cps = malloc((n + 1) * sizeof **cps);
	*offs = malloc((n + 1) * sizeof **offs);
	if (!*cps || !*offs)
		abort();
	while (i < n) {
		uint32_t c;
		size_t l = sy_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (l == 0)
			abort();
		(*cps)[k] = c;
		(*offs)[k] = i;
		++k;
		i += l;
	}
	(*cps)[k] = 0;
	(*offs)[k] = n;
	return k;
}

/* Check the rows of line LINE of M at WIDTH against a naive decode: they
 * start at the line start, are contiguous, end at the line end (without
 * '\n' and a final '\r'), fit WIDTH (but for a lone cell wider than
 * WIDTH), are greedy, are non-empty (but for an empty line), and no row
 * after the first starts with a zero-width character.  Returns true, or
 * false with a diagnostic. */
static bool check_rows(const sy_textmap *m, size_t line, int width,
		       const sy_rows *r)
{
	uint32_t *cps;
	size_t *offs, n, ls = 0, le, lcp = 0, i;
	bool good = true;

	/* the line by a naive scan of bytes */
	{
		size_t l = 0, b = 0;
		while (l < line) {
			if (m->text[b] == '\n') {
				++l;
				ls = b + 1;
			}
			++b;
		}
		le = ls;
		while (le < m->len && m->text[le] != '\n')
			++le;
		if (le > ls && m->text[le - 1] == '\r')
			--le;
		lcp = sy_utf8_count(m->text, ls);
	}
	n = naive_decode(m->text + ls, le - ls, &cps, &offs);
	if (r->n == 0) {
		diag("no rows");
		good = false;
		goto out;
	}
	if (r->v[0].start != lcp) {
		diag("first row starts at %zu, line at %zu", r->v[0].start, lcp);
		good = false;
	}
	if (r->v[r->n - 1].end != lcp + n) {
		diag("last row ends at %zu, line at %zu", r->v[r->n - 1].end,
		     lcp + n);
		good = false;
	}
	for (i = 0; good && i < r->n; ++i) {
		size_t a = r->v[i].start - lcp, e = r->v[i].end - lcp, j;
		int w = 0;
		if (i + 1 < r->n && r->v[i].end != r->v[i + 1].start) {
			diag("row %zu not contiguous", i);
			good = false;
		}
		if (e <= a && n > 0) {
			diag("row %zu empty", i);
			good = false;
			break;
		}
		for (j = a; j < e; ++j)
			w += sy_cell_width(cps[j]);
		if (w > width && e - a > 1) {
			diag("row %zu is %d columns > %d", i, w, width);
			good = false;
		}
		if (i > 0 && sy_cell_width(cps[a]) == 0) {
			diag("row %zu starts with a zero-width character", i);
			good = false;
		}
		if (i + 1 < r->n && w + sy_cell_width(cps[e]) <= width) {
			diag("row %zu not greedy", i);
			good = false;
		}
	}
out:
	free(cps);
	free(offs);
	return good;
}

/* The text of row R of M as a new string (caller frees). */
static char *row_text(const sy_textmap *m, sy_row r)
{
	size_t a = sy_textmap_byte_of(m, r.start), b = sy_textmap_byte_of(m, r.end);
	char *s = malloc(b - a + 1);
	if (!s)
		abort();
	memcpy(s, m->text + a, b - a);
	s[b - a] = '\0';
	return s;
}

/* Build a map of the string S (test helper: aborts on OOM). */
static void map_of(sy_textmap *m, const char *s)
{
	size_t n = strlen(s);
	if (sy_textmap_build(m, s, n, sy_utf8_count(s, n)) != 0)
		abort();
}

/* ------------------------------------------------------------ textmap */

static void test_textmap_shapes(void)
{
	sy_textmap m;

	map_of(&m, "ab\ncd\n");
	ok(m.nlines == 3 && m.chars == 6, "LF: 3 lines (final empty), 6 chars");
	ok(m.line_cp[0] == 0 && m.line_cp[1] == 3 && m.line_cp[2] == 6 &&
	   m.line_cp[3] == 7, "LF: line starts 0 3 6, sentinel chars+1");
	ok(sy_textmap_line_of(&m, 2) == 0 && sy_textmap_line_of(&m, 3) == 1 &&
	   sy_textmap_line_of(&m, 6) == 2 && sy_textmap_line_of(&m, 99) == 2,
	   "LF: the '\\n' is in its line; chars and beyond in the last");
	ok(sy_textmap_byte_of(&m, 6) == 6 && sy_textmap_cp_of(&m, 6) == 6,
	   "LF: byte_of/cp_of at the end");
	sy_textmap_free(&m);

	map_of(&m, "ab\r\ncd");
	ok(m.nlines == 2 && m.line_cp[1] == 4 && m.chars == 6,
	   "CRLF: 2 lines, CR counted, line 1 at 4");
	sy_textmap_free(&m);

	map_of(&m, "ab\ncd");
	ok(m.nlines == 2 && m.line_cp[2] == 6 && m.line_byte[2] == 6,
	   "no final newline: the last line counts");
	ok(sy_textmap_line_of(&m, 5) == 1, "no final newline: chars in line 1");
	sy_textmap_free(&m);

	map_of(&m, "");
	ok(m.nlines == 1 && m.chars == 0 && m.len == 0,
	   "empty text: one empty line, chars 0");
	ok(sy_textmap_line_of(&m, 0) == 0 && sy_textmap_byte_of(&m, 0) == 0 &&
	   sy_textmap_cp_of(&m, 0) == 0, "empty text: lookups of 0");
	sy_textmap_free(&m);

	ok(sy_textmap_build(&m, NULL, 0, 0) == 0 && m.nlines == 1 &&
	   m.chars == 0, "NULL text of length 0");
	sy_textmap_free(&m);
	sy_textmap_free(&m);
	ok(m.nlines == 0 && m.line_cp == NULL, "free twice, map zeroed");
	ok(sy_textmap_line_of(&m, 5) == 0 && sy_textmap_byte_of(&m, 5) == 0 &&
	   sy_textmap_cp_of(&m, 5) == 0, "lookups on a freed map give 0");

	map_of(&m, "\n\n");
	ok(m.nlines == 3 && sy_textmap_line_of(&m, 1) == 1 &&
	   sy_textmap_line_of(&m, 2) == 2, "\"\\n\\n\": three empty lines");
	sy_textmap_free(&m);
}

/* Every code point and byte offset of a mixed text against a naive scan. */
static void test_textmap_roundtrip(void)
{
	const char *piece = "第一章 总则\r\n2023年GDP增长5.2%，"
			    "全年粮食产量６９５４１万吨。\nabc\n\n末行😀é";
	char *text;
	size_t plen = strlen(piece), len, n, i, line = 0;
	uint32_t *cps;
	size_t *offs, *lines;
	sy_textmap m;
	bool lo = true, bo = true, co = true, cb = true;

	len = plen * 5;
	text = malloc(len + 1);
	for (i = 0; i < 5; ++i)
		memcpy(text + i * plen, piece, plen);
	text[len] = '\0';
	n = naive_decode(text, len, &cps, &offs);
	lines = malloc((n + 1) * sizeof *lines);
	for (i = 0; i <= n; ++i) {
		lines[i] = line;
		if (i < n && cps[i] == '\n')
			++line;
	}
	ok(sy_textmap_build(&m, text, len, n) == 0 && m.chars == n &&
	   m.nlines == line + 1, "mixed: %zu chars, %zu lines", n, line + 1);
	for (i = 0; i <= n; ++i) {
		if (sy_textmap_line_of(&m, i) != lines[i])
			lo = false;
		if (sy_textmap_byte_of(&m, i) != offs[i])
			bo = false;
		if (sy_textmap_cp_of(&m, offs[i]) != i)
			co = false;
	}
	/* every byte, inside characters too: the character holding it */
	for (i = 0, line = 0; i < len; ++i) {
		while (line + 1 <= n && offs[line + 1] <= i)
			++line;
		if (sy_textmap_cp_of(&m, i) != line)
			cb = false;
	}
	ok(lo, "mixed: line_of of every offset matches a naive scan");
	ok(bo, "mixed: byte_of of every offset matches a naive scan");
	ok(co, "mixed: cp_of(byte_of(cp)) == cp for every offset");
	ok(cb, "mixed: cp_of of a byte inside a character is that character");
	for (i = 0, bo = true; i < m.nlines; ++i)
		if (sy_textmap_byte_of(&m, m.line_cp[i]) != m.line_byte[i])
			bo = false;
	ok(bo, "mixed: byte_of(line_cp[i]) == line_byte[i] for every line");
	sy_textmap_free(&m);
	free(lines);
	free(cps);
	free(offs);
	free(text);
}

/* A single line of 1 MB (and one of 1,000,000 code points to wrap). */
static void test_textmap_long_line(void)
{
	size_t n = 1u << 20, i;
	char *t = malloc(n + 1);
	sy_textmap m;
	sy_rows r = {0};

	for (i = 0; i < n; ++i)
		t[i] = (char)('a' + i % 26);
	t[n] = '\0';
	ok(sy_textmap_build(&m, t, n, n) == 0 && m.nlines == 1 &&
	   m.chars == n, "1 MB single line: one line");
	ok(sy_textmap_byte_of(&m, 777777) == 777777 &&
	   sy_textmap_cp_of(&m, 777777) == 777777 &&
	   sy_textmap_line_of(&m, n) == 0, "1 MB single line: lookups");
	ok(sy_wrap_line(&m, 0, 80, &r) == 0 && r.n == (n + 79) / 80 &&
	   check_rows(&m, 0, 80, &r), "1 MB single line: %zu rows of 80", r.n);
	sy_textmap_free(&m);
	free(t);

	/* 1,000,000 code points: CJK, ASCII, combining marks, an escape */
	{
		static const char unit[] = "中文a\xCC\x81" "b\x1b" "字";
		size_t ul = strlen(unit), uc = sy_utf8_count(unit, ul);
		size_t reps = 1000000 / uc;
		t = malloc(reps * ul + 2);
		for (i = 0; i < reps; ++i)
			memcpy(t + i * ul, unit, ul);
		t[reps * ul] = '\n';
		t[reps * ul + 1] = '\0';
		ok(sy_textmap_build(&m, t, reps * ul + 1, reps * uc + 1) == 0 &&
		   m.nlines == 2 && m.chars == reps * uc + 1,
		   "%zu code points in one line", reps * uc);
		ok(sy_wrap_line(&m, 0, 80, &r) == 0 && check_rows(&m, 0, 80, &r),
		   "wrapping it at 80: %zu rows, all invariants", r.n);
		ok(sy_textmap_byte_of(&m, 999990) ==
		   (999990 / uc) * ul + 3 * 2 + 1 + 2 + 1,
		   "byte_of deep in the long line");
		sy_textmap_free(&m);
		free(t);
	}
	sy_rows_free(&r);
}

static void test_search(void)
{
	/* H0 世6 \n8 h9 W15 世21 end24 \n27 H28 */
	const char *t = "Hello 世界\nhello WORLD 世界 end\nHELLO";
	sy_textmap m;
	size_t s = 99, e = 99;

	map_of(&m, t);
	ok(sy_textmap_search(&m, "hello", 0, 1, &s, &e) && s == 9 && e == 14,
	   "forward: the first match after FROM (case-insensitive)");
	ok(sy_textmap_search(&m, "hello", 9, 1, &s, &e) && s == 28 && e == 33,
	   "forward: next match, all capitals");
	ok(sy_textmap_search(&m, "hello", 28, 1, &s, &e) && s == 0,
	   "forward: wraps around to the start");
	ok(sy_textmap_search(&m, "hello", 0, 0, &s, &e) && s == 0,
	   "dir 0: a match at FROM itself");
	ok(sy_textmap_search(&m, "hello", 28, -1, &s, &e) && s == 9,
	   "backward: the last match before FROM");
	ok(sy_textmap_search(&m, "hello", 0, -1, &s, &e) && s == 28,
	   "backward: wraps around to the end");
	ok(sy_textmap_search(&m, "Hello", m.chars, -1, &s, &e) && s == 28,
	   "backward from chars");
	ok(sy_textmap_search(&m, "世界", 0, 1, &s, &e) && s == 6 && e == 8,
	   "CJK needle, code point offsets");
	ok(sy_textmap_search(&m, "世界", 6, 1, &s, &e) && s == 21 && e == 23,
	   "CJK needle, next");
	ok(sy_textmap_search(&m, "世界", 6, -1, &s, &e) && s == 21,
	   "CJK needle backward wraps");
	ok(sy_textmap_search(&m, "world 世", 0, 1, &s, &e) && s == 15 && e == 22,
	   "mixed needle, case-insensitive ASCII part");
	ok(sy_textmap_search(&m, "界\nhe", 0, 1, &s, &e) && s == 7 && e == 11,
	   "a needle across a line break");
	s = e = 99;
	ok(!sy_textmap_search(&m, "世間", 0, 1, &s, &e) && s == 99 && e == 99,
	   "not found: false, START/END untouched");
	ok(!sy_textmap_search(&m, "", 0, 1, &s, &e) &&
	   !sy_textmap_search(&m, NULL, 0, 1, &s, &e),
	   "empty or NULL needle: no match");
	ok(!sy_textmap_search(&m, "\x96\x96", 0, 1, &s, &e),
	   "invalid UTF-8 needle: no match");
	ok(!sy_textmap_search(&m, "ＨＥＬＬＯ", 0, 1, &s, &e),
	   "full-width letters are not folded");
	sy_textmap_free(&m);

	map_of(&m, "abc");
	ok(sy_textmap_search(&m, "abc", 0, 1, &s, &e) && s == 0 && e == 3,
	   "the only match, found by wrapping to FROM");
	ok(!sy_textmap_search(&m, "abcd", 0, 1, &s, &e),
	   "a needle longer than the text");
	sy_textmap_free(&m);

	map_of(&m, "");
	ok(!sy_textmap_search(&m, "a", 0, 1, &s, &e) &&
	   !sy_textmap_search(&m, "a", 0, -1, &s, &e), "search in empty text");
	sy_textmap_free(&m);
}

/* ------------------------------------------------------------ cells */

static void cell_is(uint32_t c, const char *want, int wantw, const char *name)
{
	char out[16];
	int w = sy_cell(c, out);
	is_str(out, want, "sy_cell %s (U+%04X)", name, (unsigned)c);
	if (w != wantw || sy_cell_width(c) != wantw)
		diag("width %d / %d, want %d", w, sy_cell_width(c), wantw);
	ok(w == wantw && sy_cell_width(c) == wantw, "  width %d", wantw);
}

/* No drawn cell, of any code point, holds a C0, DEL, C1, bidi or
 * zero-width code point; escapes are printable ASCII; widths agree. */
static void test_cell_safety(void)
{
	uint32_t c;
	size_t bad = 0, badw = 0;

	for (c = 0; c <= 0x10FFFF + 16; ++c) {
		char out[16];
		int w = sy_cell(c, out), w2 = sy_text_width(out);
		size_t n = strlen(out), i = 0;
		bool bad_here = n == 0 && c != 0;

		while (i < n) {
			uint32_t d;
			size_t k = sy_utf8_decode((unsigned char *)out + i, n - i, &d);
			if (k == 0 || d < 0x20 || (d >= 0x7F && d < 0xA0) ||
			    (d >= 0x200B && d <= 0x200F) ||
			    (d >= 0x2028 && d <= 0x202E) ||
			    (d >= 0x2066 && d <= 0x2069) || d == 0x061C ||
			    d == 0x2060 || d == 0xFEFF ||
			    (d >= 0xE000 && d <= 0xF8FF) || d >= 0xF0000) {
				bad_here = true;
				break;
			}
			i += k;
		}
		if (bad_here && bad++ < 5)
			diag("U+%04X drawn as unsafe \"%s\"", (unsigned)c, out);
		if ((w != sy_cell_width(c) || w != w2) && badw++ < 5)
			diag("U+%04X width %d, cell_width %d, text_width %d",
			     (unsigned)c, w, sy_cell_width(c), w2);
	}
	ok(bad == 0, "every code point is drawn safely (%zu unsafe)", bad);
	ok(badw == 0, "sy_cell, sy_cell_width, sy_text_width(cell) agree");
}

static void test_cells(void)
{
	cell_is('A', "A", 1, "ASCII");
	cell_is(0x4E2D, "中", 2, "CJK");
	cell_is(0xFF11, "１", 2, "full-width digit");
	cell_is(0x3000, "　", 2, "ideographic space");
	cell_is(0x0301, "\xCC\x81", 0, "combining acute");
	cell_is(0x1B, "^[", 2, "ESC");
	cell_is(0x00, "^@", 2, "NUL");
	cell_is(0x0D, "^M", 2, "CR");
	cell_is(0x1F, "^_", 2, "U+001F");
	cell_is(0x7F, "^?", 2, "DEL");
	cell_is('\t', " ", 1, "tab");
	cell_is(0x80, "<80>", 4, "C1 first");
	cell_is(0x9B, "<9b>", 4, "C1 CSI, lowercase hex");
	cell_is(0x202E, "<U+202E>", 8, "RLO");
	cell_is(0x2066, "<U+2066>", 8, "LRI");
	cell_is(0x200F, "<U+200F>", 8, "RLM");
	cell_is(0x061C, "<U+061C>", 8, "ALM");
	cell_is(0xFEFF, "<U+FEFF>", 8, "BOM");
	cell_is(0x200B, "<U+200B>", 8, "ZWSP");
	cell_is(0x200D, "<U+200D>", 8, "ZWJ");
	cell_is(0x2060, "<U+2060>", 8, "word joiner");
	cell_is(0x2028, "<U+2028>", 8, "line separator");
	cell_is(0x00AD, "<U+00AD>", 8, "soft hyphen (format)");
	cell_is(0xE000, "<U+E000>", 8, "private use");
	cell_is(0x10FFFD, "<U+10FFFD>", 10, "plane 16 private use");
	cell_is(0xFFFF, "<U+FFFF>", 8, "noncharacter");
	cell_is(0xFDD0, "<U+FDD0>", 8, "noncharacter FDD0");
	cell_is(0xD800, "<U+D800>", 8, "surrogate");
	cell_is(0x0378, "<U+0378>", 8, "unassigned");
	cell_is(0x3164, "<U+3164>", 8, "Hangul filler (invisible)");
	cell_is(0x1F600, "😀", 2, "emoji");
	cell_is(0x2026, "…", 1, "ellipsis (ambiguous width: 1)");
	cell_is(0x00B7, "·", 1, "middle dot (ambiguous width: 1)");
	cell_is(0xFE0F, "\xEF\xB8\x8F", 0, "variation selector: a mark");
	test_cell_safety();
}

static void test_text_width(void)
{
	ok(sy_text_width("中文abc") == 7, "sy_text_width mixed");
	ok(sy_text_width("e\xCC\x81") == 1, "sy_text_width with a combining mark");
	ok(sy_text_width("a\x1b[31m") == 1 + 2 + 4, "sy_text_width of an ESC");
	ok(sy_text_width("\xE2\x80\xAE") == 8, "sy_text_width of RLO");
	ok(sy_text_width("") == 0 && sy_text_width(NULL) == 0,
	   "sy_text_width of \"\" and NULL");
	ok(sy_text_width("a\xFF" "b") == 3, "an invalid byte counts as U+FFFD");
}

/* ------------------------------------------------------------ wrap */

/* Wrap the single line S at WIDTH; check invariants and the row texts
 * joined by '|' against WANT. */
static void wrap_is(const char *s, int width, const char *want,
		    const char *name)
{
	sy_textmap m;
	sy_rows r = {0};
	char got[4096] = "";
	size_t i;
	bool inv;

	map_of(&m, s);
	if (sy_wrap_line(&m, 0, width, &r) != 0)
		abort();
	inv = check_rows(&m, 0, width, &r);
	for (i = 0; i < r.n; ++i) {
		char *t = row_text(&m, r.v[i]);
		if (i)
			strcat(got, "|");
		strncat(got, t, sizeof got - strlen(got) - 1);
		free(t);
	}
	ok(inv, "wrap %s at %d: invariants", name, width);
	is_str(got, want, "wrap %s at %d: rows", name, width);
	sy_rows_free(&r);
	sy_textmap_free(&m);
}

static void test_wrap(void)
{
	sy_textmap m;
	sy_rows r = {0};

	wrap_is("中文字符测试一二三四五", 10, "中文字符测|试一二三四|五", "CJK");
	wrap_is("中文字符测试一二三四五", 9, "中文字符|测试一二|三四五",
		"CJK, odd width leaves a column");
	wrap_is("abcdefghijklmnopqrstuvwxy", 10, "abcdefghij|klmnopqrst|uvwxy",
		"ASCII");
	wrap_is("", 10, "", "empty line");
	wrap_is("\x1b\x1b\x1b\x1b\x1b", 5, "\x1b\x1b|\x1b\x1b|\x1b",
		"ESCs (2 columns each)");
	wrap_is("\xC2\x9B\xC2\x9B\xC2\x9B", 10, "\xC2\x9B\xC2\x9B|\xC2\x9B",
		"C1 (4 columns each)");
	wrap_is("e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 3,
		"e\xCC\x81" "e\xCC\x81" "e\xCC\x81|e\xCC\x81",
		"combining marks stay with their base");
	wrap_is("中a中", 2, "中|a|中", "width 2 with wide characters");
	wrap_is("a\xE2\x80\xAE" "b", 4, "a|\xE2\x80\xAE|b",
		"an escape wider than the width gets its own row");
	wrap_is("ab\rcd\r", 4, "ab\r|cd", "inner CR is ^M, final CR dropped");
	wrap_is("a\tb\tc", 3, "a\tb|\tc", "tab is one column");
	wrap_is("\xCC\x81" "abc", 2, "\xCC\x81" "ab|c",
		"a line starting with a combining mark");
	wrap_is("😀😀x", 4, "😀😀|x", "emoji are 2 columns");

	/* lines of a whole text: CRLF, empty lines, rows reused */
	map_of(&m, "一二三\r\n\r\n\nabc\r");
	ok(m.nlines == 4, "CRLF text: 4 lines");
	ok(sy_wrap_line(&m, 0, 4, &r) == 0 && r.n == 2 && r.v[0].start == 0 &&
	   r.v[0].end == 2 && r.v[1].start == 2 && r.v[1].end == 3,
	   "CRLF line wrapped, CR excluded");
	ok(sy_wrap_line(&m, 1, 4, &r) == 0 && r.n == 1 &&
	   r.v[0].start == 5 && r.v[0].end == 5, "a line of just CR: one empty row");
	ok(sy_wrap_line(&m, 2, 4, &r) == 0 && r.n == 1 &&
	   r.v[0].start == 7 && r.v[0].end == 7, "empty line: one empty row");
	ok(sy_wrap_line(&m, 3, 80, &r) == 0 && r.n == 1 &&
	   r.v[0].start == 8 && r.v[0].end == 11 && check_rows(&m, 3, 80, &r),
	   "last line, final CR without LF excluded");
	ok(sy_wrap_line(&m, 4, 80, &r) == 0 && r.n == 0,
	   "a line beyond the text: no rows");
	ok(sy_wrap_line(&m, 0, 1, &r) == 0 && r.n == 3,
	   "width below 2 is taken as 2");
	sy_textmap_free(&m);
	sy_rows_free(&r);
	sy_rows_free(&r);
	ok(r.v == NULL && r.n == 0 && r.cap == 0, "sy_rows_free twice");
}

/* ------------------------------------------------------------ fit */

static void fit_is(const char *s, int width, size_t cap, const char *want,
		   int wantw, const char *name)
{
	char out[256];
	int w;

	memset(out, 'X', sizeof out);
	w = sy_fit(s, width, out, cap);
	is_str(out, want, "fit %s", name);
	ok(w == wantw && sy_text_width(out) == w && strlen(out) < cap,
	   "  width %d (got %d), within %zu bytes", wantw, w, cap);
}

static void test_fit(void)
{
	char out[8] = "zz";

	fit_is("中文abc", 10, 256, "中文abc", 7, "fits: unchanged");
	fit_is("中文abc", 7, 256, "中文abc", 7, "fits exactly");
	fit_is("中文字符测试", 7, 256, "中文字…", 7, "CJK cut with …");
	fit_is("中文字符测试", 6, 256, "中文…", 5,
	       "CJK cut at a character boundary");
	fit_is("a\x1b" "b", 3, 256, "a…", 2, "an escape is never cut in half");
	fit_is("a\x1b" "b", 4, 256, "a^[b", 4, "controls drawn as escapes");
	fit_is("x\xE2\x80\xAEy", 20, 256, "x<U+202E>y", 10, "RLO escaped");
	fit_is("a\tb", 5, 256, "a b", 3, "tab drawn as a space");
	fit_is("e\xCC\x81" "e\xCC\x81" "e", 2, 256, "e\xCC\x81…", 2,
	       "combining mark kept with its base");
	fit_is("中文", 1, 256, "…", 1, "width 1: just …");
	fit_is("中文字符", 8, 7, "中…", 3, "cut by CAP bytes");
	fit_is("中文", 8, 3, "", 0, "CAP too small for …");
	fit_is("", 5, 256, "", 0, "empty string");
	fit_is(NULL, 5, 256, "", 0, "NULL string");
	ok(sy_fit("abc", 0, out, sizeof out) == 0 && out[0] == '\0',
	   "width 0 gives \"\"");
	ok(sy_fit("abc", 5, out, 0) == 0 && out[0] == '\0',
	   "CAP 0 writes nothing");
}

/* ------------------------------------------------------------ scrolling */

/* sy_scroll_top against the rule it states, for every list length,
 * body, margin, starting top and selection up to a small size: SEL is in
 * view; it has min(MARGIN', rows there are) rows before and after it
 * (MARGIN' = min(MARGIN, (BODY - 1) / 2)); the list is never scrolled
 * past its end; and TOP does not move when it need not. */
static void test_scroll(void)
{
	size_t bad = 0, cases = 0;

	for (size_t n = 0; n <= 14; n++)
		for (size_t body = 1; body <= 9; body++)
			for (size_t m = 0; m <= 3; m++)
				for (size_t top = 0; top <= n; top++)
					for (size_t sel = 0; sel < (n ? n : 1); sel++) {
						size_t t = sy_scroll_top(top, sel, n, body, m);
						size_t mm = m < (body - 1) / 2 ? m : (body - 1) / 2;
						size_t before = sel < mm ? sel : mm;
						size_t after = n - 1 - sel < mm ? n - 1 - sel : mm;
						size_t maxtop = n > body ? n - body : 0;
						bool top_ok;
						cases++;
						if (n == 0) {
							bad += t != 0;
							continue;
						}
						top_ok = top + before <= sel && sel + after < top + body &&
							 top <= maxtop;
						if (t + before > sel || sel + after >= t + body ||
						    t > maxtop || (top_ok && t != top)) {
							if (bad++ < 5)
								printf("#   n %zu body %zu m %zu top %zu sel %zu -> %zu\n",
								       n, body, m, top, sel, t);
						}
					}
	ok(bad == 0, "sy_scroll_top keeps the context and moves no more than needed (%zu cases)",
	       cases);
	ok(sy_scroll_top(0, 9, 100, 10, 2) == 2, "scroll: going down, 2 rows stay after the current one");
	ok(sy_scroll_top(50, 51, 100, 10, 2) == 49, "scroll: going up, 2 rows stay before it");
	ok(sy_scroll_top(0, 99, 100, 10, 2) == 90, "scroll: at the end, no scrolling past the last row");
	ok(sy_scroll_top(5, 1, 100, 10, 2) == 0, "scroll: at the start, the context is what there is");
	ok(sy_scroll_top(0, 3, 100, 3, 2) == 2, "scroll: a body of 3 keeps one row each side");
}

int main(void)
{
	test_textmap_shapes();
	test_textmap_roundtrip();
	test_textmap_long_line();
	test_search();
	test_cells();
	test_text_width();
	test_wrap();
	test_fit();
	test_scroll();
	return tap_done();
}
