/* textscan.c - see textscan.h */
#include "text/textscan.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

void sy_linescan_init(sy_linescan *ls, const char *text, size_t len)
{
	memset(ls, 0, sizeof *ls);
	ls->text = (const unsigned char *)text;
	ls->len = len;
}

void sy_linescan_free(sy_linescan *ls)
{
	free(ls->buf);
	memset(ls, 0, sizeof *ls);
}

int sy_linescan_next(sy_linescan *ls, sy_line *line)
{
	const unsigned char *p, *end, *nl;
	size_t n = 0;

	if (ls->done)
		return 0;
	p = ls->text + ls->pos;
	end = ls->text + ls->len;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl)
		nl = end;
	/* a line has at most as many code points as bytes */
	if ((size_t)(nl - p) + 1 > ls->cap) {
		size_t cap = (size_t)(nl - p) + 1;
		uint32_t *b;
		if (cap < 256)
			cap = 256;
		b = realloc(ls->buf, cap * sizeof *b);
		if (!b)
			return -1;
		ls->buf = b;
		ls->cap = cap;
	}
	while (p < nl) {
		unsigned char c = *p;
		if (c < 0x80) {
			ls->buf[n++] = c;
			p++;
		} else if (c < 0xE0) {
			ls->buf[n++] = ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
			p += 2;
		} else if (c < 0xF0) {
			ls->buf[n++] = ((uint32_t)(c & 0x0F) << 12) |
				       ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			p += 3;
		} else {
			ls->buf[n++] = ((uint32_t)(c & 0x07) << 18) |
				       ((uint32_t)(p[1] & 0x3F) << 12) |
				       ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
			p += 4;
		}
	}
	line->cp = ls->buf;
	line->n = n;
	line->start = ls->cpos;
	line->index = ls->index++;
	ls->cpos += n + (nl < end ? 1 : 0);
	if (nl == end)
		ls->done = true;          /* the last line has no '\n' */
	else
		ls->pos = (size_t)(nl - ls->text) + 1;
	return 1;
}

char *sy_cp_utf8(const uint32_t *cp, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];
		if (c < 0x80) {
			*out++ = (char)c;
		} else if (c < 0x800) {
			*out++ = (char)(0xC0 | (c >> 6));
			*out++ = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			*out++ = (char)(0xE0 | (c >> 12));
			*out++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*out++ = (char)(0x80 | (c & 0x3F));
		} else {
			out += sy_utf8_encode(c, out);
		}
	}
	*out = '\0';
	return out;
}

char *sy_cp_dup(const uint32_t *cp, size_t n)
{
	char *s = malloc(n * 4 + 1);
	if (s)
		sy_cp_utf8(cp, n, s);
	return s;
}

bool sy_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0x3000 ||
	       c == 0xA0 || c == 0xFEFF || c == '\f' || c == '\v';
}

bool sy_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

bool sy_is_clause_punct(uint32_t c)
{
	switch (c) {
	case 0xFF0C: case ',': case 0x3002: case 0xFF1B: case ';':
	case 0xFF1A: case ':': case 0x3001: case 0xFF01: case '!':
	case 0xFF1F: case '?':
		return true;
	default:
		return false;
	}
}

/* Decode LIT into OUT (at most CAP code points); returns the count. */
static size_t lit_decode(const char *lit, uint32_t *out, size_t cap)
{
	size_t n = 0, len = strlen(lit), pos = 0;
	while (pos < len && n < cap) {
		uint32_t c;
		size_t k = sy_utf8_decode((const unsigned char *)lit + pos,
					  len - pos, &c);
		if (!k)
			break;
		out[n++] = c;
		pos += k;
	}
	return n;
}

/* LIT's length in code points when CP[0..N) starts (AT_END: ends) with
 * it, else 0. */
static size_t cp_affix(const uint32_t *cp, size_t n, const char *lit,
		       bool at_end)
{
	uint32_t l[32];
	size_t m = lit_decode(lit, l, 32);
	if (m == 0 || m > n)
		return 0;
	if (at_end)
		cp += n - m;
	return memcmp(cp, l, m * sizeof *l) == 0 ? m : 0;
}

size_t sy_cp_prefix(const uint32_t *cp, size_t n, const char *lit)
{
	return cp_affix(cp, n, lit, false);
}

size_t sy_cp_suffix(const uint32_t *cp, size_t n, const char *lit)
{
	return cp_affix(cp, n, lit, true);
}
