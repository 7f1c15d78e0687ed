/* conv_pages.c - the text of laid-out pages as the lines of a report
 * (see conv_pages.h).
 */
#include "convert/conv_pages.h"
#include "base/utf8.h"
#include "base/mem.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* How many lines at the top and at the bottom of a page may be running
 * headers or footers. */
#define EDGE_LINES 2

void sy_pages_page(sy_pages *p)
{
	if (p->oom)
		return;
	if (SY_GROW(p->pages, p->n, p->cap)) {
		p->oom = true;
		return;
	}
	memset(&p->pages[p->n++], 0, sizeof *p->pages);
}

static bool blank_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

void sy_pages_line(sy_pages *p, const char *text, size_t n, double x0,
		   double x1, double y0, double y1)
{
	sy_page *pg;
	sy_pline *l;

	while (n && blank_byte((unsigned char)*text)) {
		text++;
		n--;
	}
	while (n && blank_byte((unsigned char)text[n - 1]))
		n--;
	if (!n || p->oom)
		return;
	if (!p->n)
		sy_pages_page(p);
	if (p->oom)
		return;
	pg = &p->pages[p->n - 1];
	if (SY_GROW(pg->lines, pg->n, pg->cap)) {
		p->oom = true;
		return;
	}
	l = &pg->lines[pg->n];
	if (!(l->text = strndup(text, n))) {
		p->oom = true;
		return;
	}
	l->x0 = x0;
	l->x1 = x1;
	l->y0 = y0;
	l->y1 = y1;
	pg->n++;
}

bool sy_pages_has_text(const sy_pages *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->pages[i].n)
			return true;
	return false;
}

void sy_pages_free(sy_pages *p)
{
	for (size_t i = 0; i < p->n; i++) {
		for (size_t j = 0; j < p->pages[i].n; j++)
			free(p->pages[i].lines[j].text);
		free(p->pages[i].lines);
	}
	free(p->pages);
	memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------ page numbers */

/* The code point at *S, advancing *S; 0 at the end. */
static uint32_t next_cp(const char **s)
{
	uint32_t c = 0;
	size_t k;

	if (!**s)
		return 0;
	k = sy_utf8_decode((const unsigned char *)*s, strlen(*s), &c);
	if (!k) {
		(*s)++;
		return 0xFFFD;
	}
	*s += k;
	return c;
}

static bool is_digit_cp(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static bool is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

/* Is the line a page number alone: "3", "- 3 -", "—3—", "第3页",
 * "第 3 页 共 12 页", "3/12", "3 / 12", "Page 3", "共12页 第3页"?  Read as:
 * digits, dashes, slashes, spaces and the characters 第页共 only, with
 * at least one digit and no more than two numbers. */
static bool page_number(const char *s)
{
	int numbers = 0;
	bool in = false;
	uint32_t c;

	if (!strncmp(s, "Page ", 5) || !strncmp(s, "page ", 5))
		s += 5;
	while ((c = next_cp(&s)) != 0) {
		if (is_digit_cp(c)) {
			if (!in)
				numbers++;
			in = true;
			continue;
		}
		in = false;
		if (is_space_cp(c) || c == '-' || c == '/' || c == 0x2014 ||
		    c == 0x2013 || c == 0x2212 || c == 0xFF0D || c == 0xFF0F ||
		    c == 0x7B2C /* 第 */ || c == 0x9875 /* 页 */ ||
		    c == 0x5171 /* 共 */ || c == '.' || c == 0x3001)
			continue;
		return false;
	}
	return numbers >= 1 && numbers <= 2;
}

/* The line's text with each run of digits as one '#' and blanks left
 * out, for telling a running header that numbers its page: new string,
 * NULL on OOM. */
static char *shape(const char *s)
{
	char *o = malloc(strlen(s) + 1), *w = o;
	bool in = false;

	if (!o)
		return NULL;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (!in)
				*w++ = '#';
			in = true;
			continue;
		}
		in = false;
		if (*s != ' ' && *s != '\t')
			*w++ = *s;
	}
	*w = '\0';
	return o;
}

/* Is line J of page P among its EDGE_LINES first or last? */
static bool at_edge(const sy_page *pg, size_t j)
{
	return j < EDGE_LINES || j + EDGE_LINES >= pg->n;
}

/* Does a line of the same shape stand at an edge of at least half of the
 * other pages (at least one), at about the same height? */
static bool running(const sy_pages *p, size_t i, size_t j, char **shapes,
		    size_t *base)
{
	const sy_pline *l = &p->pages[i].lines[j];
	const char *me = shapes[base[i] + j];
	size_t others = p->n - 1, seen = 0;
	double h = l->y1 - l->y0;

	if (others == 0 || !me)
		return false;
	if (h < 1)
		h = 1;
	for (size_t k = 0; k < p->n; k++) {
		const sy_page *pg = &p->pages[k];
		if (k == i)
			continue;
		for (size_t m = 0; m < pg->n; m++) {
			if (!at_edge(pg, m))
				continue;
			if (fabs(pg->lines[m].y0 - l->y0) > 2 * h)
				continue;
			if (shapes[base[k] + m] &&
			    !strcmp(shapes[base[k] + m], me)) {
				seen++;
				break;
			}
		}
	}
	return seen * 2 >= others && seen >= 1;
}

/* ------------------------------------------------------------ joining */

/* The code point of S before byte offset *AT, moving *AT to it; 0 at
 * the start. */
static uint32_t prev_cp(const char *s, size_t *at)
{
	size_t i = *at;
	uint32_t c = 0;

	if (!i)
		return 0;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	if (!sy_utf8_decode((const unsigned char *)s + i, *at - i, &c))
		c = 0xFFFD;
	*at = i;
	return c;
}

/* Does the line S end a sentence or a heading's line for good?  A full
 * stop after a digit is a decimal point cut by the layout ("96." and
 * "5%"), not an end. */
static bool ends(const char *s)
{
	size_t at = strlen(s);
	uint32_t c = prev_cp(s, &at), before = prev_cp(s, &at);

	if (c == '.')
		return !(before >= '0' && before <= '9');
	return c == 0x3002 /* 。 */ || c == 0xFF01 || c == 0xFF1F ||
	       c == 0xFF1B || c == 0xFF1A || c == '!' || c == '?' ||
	       c == ':' || c == ';' || c == 0x2026;
}

/* Is the layout's break between the end of A and the start of B one
 * between two words (Latin letters on both sides, as the space the layout
 * took was)?  A number or CJK text cut by the layout goes on with no
 * space: "126" and "0件" are "1260件". */
static bool word_break(const char *a, const char *b)
{
	size_t at = strlen(a);
	uint32_t x = prev_cp(a, &at);
	unsigned char y = (unsigned char)b[0];

	return ((x | 0x20) >= 'a' && (x | 0x20) <= 'z') &&
	       ((y | 0x20) >= 'a' && (y | 0x20) <= 'z');
}

/* The code points of S. */
static size_t cps(const char *s)
{
	return sy_utf8_count(s, strlen(s));
}

bool sy_pages_emit(const sy_pages *p, sy_outbuf *out)
{
	size_t total = 0, *base;
	char **shapes;
	bool *drop, ok = true;
	double right = -INFINITY, cw = 0;
	size_t ncw = 0;
	sy_lines l;
	const sy_pline *prev = NULL;

	if (p->oom)
		return false;
	base = malloc((p->n + 1) * sizeof *base);
	if (!base)
		return false;
	for (size_t i = 0; i < p->n; i++) {
		base[i] = total;
		total += p->pages[i].n;
	}
	shapes = calloc(total + 1, sizeof *shapes);
	drop = calloc(total + 1, sizeof *drop);
	if (!shapes || !drop) {
		free(base);
		free(shapes);
		free(drop);
		return false;
	}
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = 0; j < p->pages[i].n; j++)
			if (at_edge(&p->pages[i], j) &&
			    !(shapes[base[i] + j] = shape(p->pages[i].lines[j].text)))
				ok = false;
	/* what is dropped; the right edge and the width of a character of
	 * what is kept */
	for (size_t i = 0; i < p->n && ok; i++) {
		const sy_page *pg = &p->pages[i];
		for (size_t j = 0; j < pg->n; j++) {
			const sy_pline *ln = &pg->lines[j];
			if (at_edge(pg, j) &&
			    (page_number(ln->text) ||
			     running(p, i, j, shapes, base))) {
				drop[base[i] + j] = true;
				continue;
			}
			if (ln->x1 > right)
				right = ln->x1;
			if (cps(ln->text) > 0) {
				cw += (ln->x1 - ln->x0) / (double)cps(ln->text);
				ncw++;
			}
		}
	}
	cw = ncw ? cw / (double)ncw : 0;
	memset(&l, 0, sizeof l);
	l.out = out;
	for (size_t i = 0; i < p->n && ok; i++) {
		const sy_page *pg = &p->pages[i];
		for (size_t j = 0; j < pg->n; j++) {
			const sy_pline *ln = &pg->lines[j];
			if (drop[base[i] + j])
				continue;
			/* the line before reached the right edge and did
			 * not end: this one goes on with it */
			if (prev && !(prev->x1 >= right - 1.5 * cw &&
				      !ends(prev->text)))
				sy_lines_break(&l);
			else if (prev && word_break(prev->text, ln->text))
				sy_lines_text(&l, " ", 1);
			sy_lines_text(&l, ln->text, strlen(ln->text));
			prev = ln;
		}
	}
	if (!sy_lines_finish(&l))
		ok = false;
	for (size_t k = 0; k < total; k++)
		free(shapes[k]);
	free(shapes);
	free(drop);
	free(base);
	return ok && !out->oom;
}
