/* layout.c - see layout.h.  No curses here: this is the geometry of the
 * review screen's text pane, tested on its own (tests/test_layout.c).
 *
 * How a code point is drawn (sy_cell), in this order:
 *
 *   U+0020-007E        itself, 1 column
 *   U+0009 (tab)       one space, 1 column
 *   U+0000-001F        caret notation "^@" .. "^_" (ESC is "^[", CR "^M"),
 *                      2 columns
 *   U+007F (DEL)       "^?", 2 columns
 *   U+0080-009F (C1)   "<80>" .. "<9f>" (lowercase hex), 4 columns
 *   "<U+XXXX>"         uppercase hex, at least 4 digits (8-10 columns) for:
 *                      surrogates, noncharacters (U+FDD0-FDEF, U+xxFFFE/F),
 *                      anything above U+10FFFF; categories Cn (unassigned
 *                      in utf8proc's Unicode), Co (private use), Cs, Cc, Cf
 *                      (format: bidi embeddings, overrides, isolates and
 *                      marks, ZWSP/ZWNJ/ZWJ, word joiner, BOM, soft hyphen,
 *                      tags...), Zl and Zp (U+2028/2029); and the other
 *                      default-ignorable (invisible) code points such as
 *                      U+115F, U+3164 and U+FFA0 (Hangul fillers).  The
 *                      bidi and zero-width code points named in the spec are
 *                      also listed explicitly, whatever utf8proc says.
 *   everything else    itself, utf8proc_charwidth columns: 2 for East Asian
 *                      wide and fullwidth (CJK, emoji), 0 for combining
 *                      marks, 1 otherwise (ambiguous width counts as 1).
 *
 * Variation selectors (U+FE00-FE0F, U+E0100-E01EF, U+180B-180D, U+180F)
 * and the combining grapheme joiner U+034F are default-ignorable but are
 * marks (Mn): they are drawn as themselves with width 0, attached to the
 * character before, like any combining mark (CJK ideographic variation
 * sequences must survive).
 *
 * Escapes are plain printable ASCII, so nothing from a report can reach the
 * terminal as a control sequence.
 */
#include "layout.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/utf8.h"
#include "model/annot.h"

enum cell_kind { K_PRINT, K_TAB, K_CARET, K_C1, K_UPLUS };

/* Columns of "<U+XXXX>" for C (4 to 8 hex digits). */
static int uplus_width(uint32_t c)
{
	int d = 4;
	while (d < 8 && (c >> (4 * d)) != 0)
		++d;
	return d + 4;
}

static bool is_variation_selector(uint32_t c)
{
	return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
	       (c >= 0x180B && c <= 0x180D) || c == 0x180F || c == 0x034F;
}

/* The spec's list, independent of the utf8proc version. */
static bool is_listed_invisible(uint32_t c)
{
	return c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
	       (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
	       (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF;
}

/* How C is drawn, and its width in columns (*W). */
static enum cell_kind classify(uint32_t c, int *w)
{
	const utf8proc_property_t *p;

	if (c >= 0x20 && c < 0x7F) {
		*w = 1;
		return K_PRINT;
	}
	if (c == '\t') {
		*w = 1;
		return K_TAB;
	}
	if (c < 0x20 || c == 0x7F) {
		*w = 2;
		return K_CARET;
	}
	if (c < 0xA0) {
		*w = 4;
		return K_C1;
	}
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ||
	    (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE ||
	    is_listed_invisible(c))
		goto uplus;
	p = utf8proc_get_property((utf8proc_int32_t)c);
	switch (p->category) {
	case UTF8PROC_CATEGORY_CN:
	case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_CS:
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		goto uplus;
	default:
		break;
	}
	if (p->ignorable && !is_variation_selector(c))
		goto uplus;
	*w = (int)p->charwidth; /* what utf8proc_charwidth returns */
	return K_PRINT;
uplus:
	*w = uplus_width(c);
	return K_UPLUS;
}

/* Writes C as drawn into OUT (NUL-terminated, at most 11 bytes + NUL) and
 * returns its width in columns (0, 1, 2 for printable characters; 2, 4 or
 * 8-10 for escapes).  Owns nothing; never fails. */
int sy_cell(uint32_t c, char out[16])
{
	int w;

	switch (classify(c, &w)) {
	case K_PRINT:
		out[sy_utf8_encode(c, out)] = '\0';
		break;
	case K_TAB:
		out[0] = ' ';
		out[1] = '\0';
		break;
	case K_CARET:
		out[0] = '^';
		out[1] = (char)(c == 0x7F ? '?' : c + 0x40);
		out[2] = '\0';
		break;
	case K_C1:
		snprintf(out, 16, "<%02" PRIx32 ">", c);
		break;
	case K_UPLUS:
		snprintf(out, 16, "<U+%04" PRIX32 ">", c);
		break;
	}
	return w;
}

/* Width of C as sy_cell draws it, without drawing it.  Never fails. */
int sy_cell_width(uint32_t c)
{
	int w;
	classify(c, &w);
	return w;
}

/* The next code point of S (N > 0 bytes left): sets *C and returns the
 * bytes used.  A byte that does not start a valid sequence is taken as one
 * U+FFFD, together with the continuation bytes after it, which is how
 * sy_utf8_count counts it. */
static size_t next_cp(const unsigned char *s, size_t n, uint32_t *c)
{
	size_t k;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	k = sy_utf8_decode(s, n, c);
	if (k)
		return k;
	*c = 0xFFFD;
	k = 1;
	while (k < n && (s[k] & 0xC0) == 0x80)
		++k;
	return k;
}

/* Display width of the UTF-8 string S (NULL counts as "") as sy_cell
 * draws it; invalid bytes count as U+FFFD.  Never fails. */
int sy_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i = 0;
	int w = 0;

	if (!s)
		return 0;
	n = strlen(s);
	while (i < n) {
		uint32_t c;
		i += next_cp(p + i, n - i, &c);
		w += sy_cell_width(c);
	}
	return w;
}

/* ---------------------------------------------------------------- rows */

/* Free what R owns and zero it.  Safe on a zeroed or freed struct. */
void sy_rows_free(sy_rows *r)
{
	if (!r)
		return;
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

static int push_row(sy_rows *r, size_t start, size_t end)
{
	void *v = r->v;

	if (sy_grow(&v, r->n, &r->cap, sizeof *r->v))
		return -1;
	r->v = v;
	r->v[r->n].start = start;
	r->v[r->n].end = end;
	++r->n;
	return 0;
}

/* Wrap line LINE of M at WIDTH columns into *OUT (see layout.h).  *OUT
 * must be zeroed or hold earlier rows (its memory is reused); the caller
 * owns it and frees it with sy_rows_free.  Characters are packed greedily
 * (no word wrap: Chinese text breaks anywhere); a character that does not
 * fit starts the next row, so a wide character at an odd width leaves the
 * last column free; a zero-width character (combining mark) stays on the
 * row of the character before it.  The rows are contiguous and cover the
 * line exactly, '\n' and a final '\r' excluded.  WIDTH below 2 is taken
 * as 2.  The one case where a row is wider than WIDTH: a single escape
 * wider than WIDTH (e.g. "<U+202E>", 8 columns, at WIDTH < 8) gets a row to
 * itself, and the drawer must clip it.  LINE beyond the map (or an empty
 * map) gives no rows.  One pass, linear in the line length.  Returns 0, or
 * -1 on OOM (*OUT then holds a partial wrap; still free it). */
int sy_wrap_line(const sy_textmap *m, size_t line, int width, sy_rows *out)
{
	const unsigned char *s;
	size_t b, be, cp, cpe, rs;
	int col = 0;

	out->n = 0;
	if (!m || line >= m->nlines)
		return 0;
	if (width < 2)
		width = 2;
	s = (const unsigned char *)m->text;
	b = m->line_byte[line];
	be = m->line_byte[line + 1] - 1; /* '\n' excluded */
	cp = m->line_cp[line];
	cpe = m->line_cp[line + 1] - 1;
	if (be > b && s[be - 1] == '\r') {
		--be;
		--cpe;
	}
	rs = cp;
	while (b < be) {
		uint32_t c;
		int w;

		if (s[b] >= 0x20 && s[b] < 0x7F) { /* printable ASCII */
			++b;
			w = 1;
		} else {
			b += next_cp(s + b, be - b, &c);
			w = sy_cell_width(c);
		}
		if (w > 0 && col > 0 && col + w > width) {
			if (push_row(out, rs, cp) < 0)
				return -1;
			rs = cp;
			col = 0;
		}
		col += w;
		++cp;
	}
	(void)cpe; /* == cp for valid UTF-8 */
	return push_row(out, rs, cp);
}

/* ---------------------------------------------------------------- fit */

/* Cut S (UTF-8; NULL counts as "") to at most WIDTH columns, as drawn:
 * OUT receives the drawn form (sy_cell of each character: escapes
 * expanded, a tab as a space), so it is safe to put on the screen as is,
 * and sy_text_width(OUT) is the value returned.  When S does not fit
 * (in WIDTH columns, or in CAP - 1 bytes), it is cut at a character
 * boundary (an escape is never cut in half) and "…" (U+2026, 1 column,
 * 3 bytes) is appended; when not even "…" fits (CAP < 4), as many whole
 * characters as fit are written without it.  OUT is always NUL-terminated
 * when CAP > 0 (the caller owns OUT; nothing is allocated).  Returns the
 * width written (0 when WIDTH <= 0 or CAP == 0). */
int sy_fit(const char *s, int width, char *out, size_t cap)
{
	static const char ell[] = "\xE2\x80\xA6"; /* U+2026 … */
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n, i, used = 0, need = 0;
	size_t budget_b;
	int w = 0, budget_w;
	bool cut = false;

	if (!out || cap == 0)
		return 0;
	out[0] = '\0';
	if (width <= 0)
		return 0;
	n = strlen((const char *)p);
	/* does all of S fit? */
	for (i = 0; i < n;) {
		char cell[16];
		uint32_t c;
		i += next_cp(p + i, n - i, &c);
		w += sy_cell(c, cell);
		need += strlen(cell);
		if (w > width || need > cap - 1) {
			cut = true;
			break;
		}
	}
	if (cut && cap >= sizeof ell) {
		budget_w = width - 1;
		budget_b = cap - sizeof ell; /* room for "…" and the NUL */
	} else {
		budget_w = width;
		budget_b = cap - 1;
	}
	w = 0;
	for (i = 0; i < n;) {
		char cell[16];
		uint32_t c;
		size_t k = next_cp(p + i, n - i, &c), cl;
		int cw = sy_cell(c, cell);

		cl = strlen(cell);
		if (w + cw > budget_w || used + cl > budget_b)
			break;
		memcpy(out + used, cell, cl);
		used += cl;
		w += cw;
		i += k;
	}
	if (cut && cap >= sizeof ell) {
		memcpy(out + used, ell, sizeof ell - 1);
		used += sizeof ell - 1;
		w += 1;
	}
	out[used] = '\0';
	return w;
}

/* ---------------------------------------------------------------- scroll */

/* The first row to show of N rows in BODY rows so that row SEL is shown
 * with MARGIN rows before and after it where the list allows (see
 * layout.h).  Moves TOP as little as it can.  Never fails. */
size_t sy_scroll_top(size_t top, size_t sel, size_t n, size_t body,
		     size_t margin)
{
	size_t lo, hi, maxtop;

	if (body == 0 || n == 0)
		return 0;
	if (sel >= n)
		sel = n - 1;
	if (margin > (body - 1) / 2)
		margin = (body - 1) / 2;
	lo = sel + margin + 1 > body ? sel + margin + 1 - body : 0;
	hi = sel > margin ? sel - margin : 0;
	if (top < lo)
		top = lo;
	if (top > hi)
		top = hi;
	maxtop = n > body ? n - body : 0;
	return top > maxtop ? maxtop : top;
}
