/* conv_lines.c - the lines builder the converters share (see convert.h). */
#include "convert.h"
#include "utf8.h"

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

void sy_lines_text(sy_lines *l, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		uint32_t c;
		size_t k = sy_utf8_decode(p + i, n - i, &c);
		if (k == 0) {            /* not UTF-8: the parsers never give it */
			k = 1;
			c = 0xFFFD;
		}
		if (blank(c) || c < 0x20 || c == 0x7F) {
			l->space = true;
		} else {
			if (l->space && l->last && l->last != '\t' &&
			    !(wide(l->last) || wide(c)))
				sy_outbuf_add(&l->line, " ", 1);
			l->space = false;
			if (c == 0xFFFD && k == 1)
				sy_outbuf_add(&l->line, "\xEF\xBF\xBD", 3);
			else
				sy_outbuf_add(&l->line, p + i, k);
			l->last = c;
		}
		i += k;
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
