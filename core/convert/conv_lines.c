/* conv_lines.c - the lines builder the converters share (see convert.h). */
#include "convert/convert.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Characters between which no space is kept: CJK, fullwidth forms and
 * the punctuation Chinese text uses (“” — …). */
static bool wide(unsigned c)
{
	return c >= 0x2E80 || (c >= 0x2010 && c <= 0x206F);
}

static bool blank(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == 0xA0 || c == 0x3000 || c == 0xFEFF ||
	       (c >= 0x2000 && c <= 0x200B);
}

/* Append the run P[0..N) of characters that are not white space, the
 * first FIRST and the last LAST. */
static void add_run(sy_lines *l, const unsigned char *p, size_t n,
		    unsigned first, unsigned last)
{
	if (l->space && l->last && l->last != '\t' &&
	    !(wide(l->last) || wide(first)))
		sy_outbuf_add(&l->line, " ", 1);
	l->space = false;
	sy_outbuf_add(&l->line, p, n);
	l->last = last;
}

/* The code point at P[0..N) into *C and its length, 0 when not UTF-8
 * (sy_utf8_decode), with ASCII and the three-byte forms of CJK decoded
 * here: this runs over every character of a document. */
static inline size_t next_cp(const unsigned char *p, size_t n, uint32_t *c)
{
	unsigned a = p[0];

	if (a < 0x80) {
		*c = a;
		return 1;
	}
	if (a >= 0xE1 && a <= 0xEF && a != 0xED && n >= 3 &&
	    (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*c = ((uint32_t)(a & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
		     (p[2] & 0x3F);
		return 3;
	}
	return sy_utf8_decode(p, n, c);
}

void sy_lines_text(sy_lines *l, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t j = i, k = 0;
		unsigned first = 0, last = 0;
		uint32_t c = 0;
		/* the longest run of characters that are not white space */
		while (j < n) {
			if ((k = next_cp(p + j, n - j, &c)) == 0)
				break;               /* not UTF-8 */
			if (!((c > 0x20 && c < 0x7F) || (c > 0x3000 && c != 0xFEFF)) &&
			    (blank(c) || c < 0x20 || c == 0x7F))
				break;       /* (the common characters first) */
			if (j == i)
				first = c;
			last = c;
			j += k;
		}
		if (j > i)
			add_run(l, p + i, j - i, first, last);
		if (j >= n)
			break;
		if (k == 0) {    /* the parsers never give it: U+FFFD */
			add_run(l, (const unsigned char *)"\xEF\xBF\xBD", 3,
				0xFFFD, 0xFFFD);
			k = 1;
		} else {
			l->space = true;
		}
		i = j + k;
	}
}

void sy_lines_cell(sy_lines *l)
{
	sy_outbuf_add(&l->line, "\t", 1);
	l->last = '\t';
	l->space = false;
}

void sy_lines_break(sy_lines *l)
{
	size_t n = l->line.n;

	while (n > 0 && l->line.p[n - 1] == '\t')
		n--;
	if (n > 0) {
		size_t i = 0;
		while (i < n && l->line.p[i] == '\t')   /* a row of empty cells */
			i++;
		if (i < n) {
			sy_outbuf_add(l->out, l->line.p, n);
			sy_outbuf_add(l->out, "\n", 1);
		}
	}
	l->line.n = 0;
	l->last = 0;
	l->space = false;
}

bool sy_lines_finish(sy_lines *l)
{
	bool ok;

	sy_lines_break(l);
	ok = !l->line.oom && !l->out->oom;
	free(l->line.p);
	memset(&l->line, 0, sizeof l->line);
	return ok;
}
