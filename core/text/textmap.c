/* textmap.c - see textmap.h.
 *
 * Lines.  The text is split at every '\n'; the '\n' belongs to the line it
 * ends, and a '\r' before it stays part of the line (offsets count the CR
 * of CRLF).  There is always one more line than there are '\n':
 *
 *   ""          1 line  (empty)
 *   "a"         1 line  "a"             (a final line without '\n' counts)
 *   "a\n"       2 lines "a", ""         (a final '\n' opens an empty line)
 *   "a\r\nb"    2 lines "a\r", "b"
 *
 * line_cp[i] / line_byte[i] is where line i starts; entry nlines is
 * chars + 1 / len + 1, as if the text ended with one more '\n', so that the
 * text of line i is always [line_cp[i], line_cp[i + 1] - 1) in code points
 * and [line_byte[i], line_byte[i + 1] - 1) in bytes, '\n' excluded.
 * Offset CHARS (just past the text) is in the last line, which is the empty
 * line after a final '\n' when there is one.
 *
 * Building is one pass: memchr finds each '\n' and sy_utf8_count (8 bytes
 * at a time) counts the code points of the line.  Lookups binary-search
 * the line starts, then walk within one line.  Nothing here touches curses.
 */
#include "text/textmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/mem.h"

/* Free what M owns and zero it.  Safe on a zeroed or freed map. */
void sy_textmap_free(sy_textmap *m)
{
	if (!m)
		return;
	free(m->line_cp);
	free(m->line_byte);
	memset(m, 0, sizeof *m);
}

/* Grow both arrays of M to hold at least NEED entries.  0, or -1 on OOM
 * (the arrays are then unchanged and still owned by M). */
static int grow(sy_textmap *m, size_t *cap, size_t need)
{
	size_t cap_cp = *cap, cap_byte = *cap;

	/* both grow alike; *CAP moves only when both did */
	if (sy_reserve(&m->line_cp, 0, need, &cap_cp, sizeof *m->line_cp, 64) < 0 ||
	    sy_reserve(&m->line_byte, 0, need, &cap_byte, sizeof *m->line_byte,
		       64) < 0)
		return -1;
	*cap = cap_cp;
	return 0;
}

/* Build the map of TEXT (valid UTF-8, LEN bytes; TEXT may be NULL when LEN
 * is 0).  M keeps a pointer to TEXT (not owned: TEXT must outlive M) and
 * owns its two arrays; free with sy_textmap_free.  CHARS is what the caller
 * counted; the map uses its own count, which is the same for valid UTF-8.
 * Returns 0, or -1 on OOM with *M zeroed (nothing to free). */
int sy_textmap_build(sy_textmap *m, const char *text, size_t len, size_t chars)
{
	size_t cap = 0, n = 0, b = 0, cp = 0;

	(void)chars;
	memset(m, 0, sizeof *m);
	if (!text) {
		text = ""; /* no arithmetic on a null pointer */
		len = 0;
	}
	/* a guess that avoids most regrowing: one line per ~40 bytes */
	if (grow(m, &cap, len / 40 + 2) < 0)
		goto oom;
	for (;;) {
		const char *nl = len > b ? memchr(text + b, '\n', len - b) : NULL;
		size_t e = nl ? (size_t)(nl - text) : len;

		if (n + 2 > cap && grow(m, &cap, n + 2) < 0)
			goto oom;
		m->line_cp[n] = cp;
		m->line_byte[n] = b;
		++n;
		cp += sy_utf8_count(text + b, e - b);
		if (!nl)
			break;
		cp += 1; /* the '\n' */
		b = e + 1;
	}
	m->line_cp[n] = cp + 1;
	m->line_byte[n] = len + 1;
	m->text = text;
	m->len = len;
	m->chars = cp;
	m->nlines = n;
	return 0;
oom:
	sy_textmap_free(m);
	return -1;
}

/* Largest i < N with A[i] <= X (A[0] is 0, so there is one). */
static size_t bsearch_le(const size_t *a, size_t n, size_t x)
{
	size_t lo = 0, hi = n; /* answer in [lo, hi) */

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The line holding code point CP; CP >= chars gives the last line (the
 * empty line after a final '\n', if any).  0 for an empty map. */
size_t sy_textmap_line_of(const sy_textmap *m, size_t cp)
{
	if (!m || m->nlines == 0)
		return 0;
	if (cp > m->chars)
		cp = m->chars;
	return bsearch_le(m->line_cp, m->nlines, cp);
}

/* The byte offset of code point CP (len for CP >= chars; 0 for an empty
 * map).  O(log lines + length of CP's line). */
size_t sy_textmap_byte_of(const sy_textmap *m, size_t cp)
{
	const unsigned char *s;
	size_t line, b, k;

	if (!m || m->nlines == 0)
		return 0;
	if (cp >= m->chars)
		return m->len;
	line = bsearch_le(m->line_cp, m->nlines, cp);
	b = m->line_byte[line];
	k = cp - m->line_cp[line];
	s = (const unsigned char *)m->text;
	/* skip K characters: count lead bytes until the K+1st */
	while (k > 0) {
		/* ASCII fast path, 8 bytes at a time */
		while (k >= 8 && b + 8 <= m->len) {
			uint64_t w;
			memcpy(&w, s + b, sizeof w);
			if (w & UINT64_C(0x8080808080808080))
				break;
			b += 8;
			k -= 8;
		}
		if (k == 0)
			break;
		++b;
		while (b < m->len && (s[b] & 0xC0) == 0x80)
			++b;
		--k;
	}
	return b;
}

/* The code point offset of byte offset B: for a byte inside a character,
 * the offset of that character; chars for B >= len; 0 for an empty map.
 * O(log lines + length of B's line). */
size_t sy_textmap_cp_of(const sy_textmap *m, size_t b)
{
	const unsigned char *s;
	size_t line, lb;

	if (!m || m->nlines == 0)
		return 0;
	if (b >= m->len)
		return m->chars;
	s = (const unsigned char *)m->text;
	line = bsearch_le(m->line_byte, m->nlines, b);
	lb = m->line_byte[line];
	while (b > lb && (s[b] & 0xC0) == 0x80)
		--b; /* back to the lead byte */
	return m->line_cp[line] + sy_utf8_count(m->text + lb, b - lb);
}

/* ---------------------------------------------------------------- search */

static inline unsigned char fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

typedef struct needle {
	const unsigned char *s;
	size_t n;
	size_t k;       /* anchor: an index whose byte needs no folding */
	bool anchored;  /* false when every byte is an ASCII letter */
} needle;

static inline bool match_at(const unsigned char *t, const needle *nd)
{
	for (size_t i = 0; i < nd->n; ++i)
		if (fold(t[i]) != fold(nd->s[i]))
			return false;
	return true;
}

/* Does ND fit in a text of LEN bytes?  *HI then no later than the last
 * start where it fits. */
static bool fit(size_t len, const needle *nd, size_t *hi)
{
	if (nd->n > len)
		return false;
	if (*hi > len - nd->n)
		*hi = len - nd->n;
	return true;
}

/* First match starting at a byte in [LO, HI] (and fitting in the text), or
 * SIZE_MAX. */
static size_t find_fwd(const unsigned char *t, size_t len, const needle *nd,
		       size_t lo, size_t hi)
{
	if (!fit(len, nd, &hi) || lo > hi)
		return SIZE_MAX;
	if (nd->anchored) {
		const unsigned char c = nd->s[nd->k];
		const unsigned char *p = t + lo + nd->k;
		const unsigned char *last = t + hi + nd->k;

		while (p <= last) {
			const unsigned char *q =
				memchr(p, c, (size_t)(last - p) + 1);
			if (!q)
				break;
			if (match_at(q - nd->k, nd))
				return (size_t)(q - nd->k - t);
			p = q + 1;
		}
		return SIZE_MAX;
	}
	for (size_t p = lo; p <= hi; ++p)
		if (fold(t[p]) == fold(nd->s[0]) && match_at(t + p, nd))
			return p;
	return SIZE_MAX;
}

/* Last match starting at a byte in [LO, HI] (and fitting), or SIZE_MAX. */
static size_t find_bwd(const unsigned char *t, size_t len, const needle *nd,
		       size_t lo, size_t hi)
{
	const unsigned char c = fold(nd->s[nd->k]);

	if (!fit(len, nd, &hi) || lo > hi)
		return SIZE_MAX;
	for (size_t p = hi + 1; p-- > lo;)
		if (fold(t[p + nd->k]) == c && match_at(t + p, nd))
			return p;
	return SIZE_MAX;
}

/* Search NEEDLE in M (see textmap.h).  Matches start at character
 * boundaries and are compared byte for byte, ASCII letters folded.
 * DIR > 0: the first match starting after FROM, else (wrapping) the first
 * from the start of the text up to FROM itself.  DIR < 0: the last match
 * starting before FROM, else (wrapping) the last from the end back to
 * FROM.  DIR == 0 (an extension, for incremental search): like DIR > 0
 * but a match starting at FROM comes first.  FROM beyond the text is taken
 * as chars.  On a match sets *START and *END (code points, END exclusive) and
 * returns true; false (START/END untouched) for no match, an empty map, or
 * a NULL, empty or invalid UTF-8 NEEDLE.  Allocates nothing. */
bool sy_textmap_search(const sy_textmap *m, const char *needle_, size_t from,
		       int dir, size_t *start, size_t *end)
{
	const unsigned char *t;
	needle nd;
	size_t bf, p;

	if (!m || m->nlines == 0 || !needle_ || !*needle_)
		return false;
	nd.s = (const unsigned char *)needle_;
	nd.n = strlen(needle_);
	if (sy_utf8_validate(nd.s, nd.n) != nd.n || nd.n > m->len)
		return false;
	/* Anchor on the most telling byte that needs no folding: the last
	 * continuation byte (64 values, unlike the few lead bytes of CJK),
	 * else the first byte that is not an ASCII letter. */
	nd.anchored = false;
	nd.k = 0;
	for (size_t i = nd.n; i-- > 0;)
		if ((nd.s[i] & 0xC0) == 0x80) {
			nd.k = i;
			nd.anchored = true;
			break;
		}
	for (size_t i = 0; !nd.anchored && i < nd.n; ++i)
		if (fold(nd.s[i]) == nd.s[i] &&
		    !(nd.s[i] >= 'a' && nd.s[i] <= 'z')) {
			nd.k = i;
			nd.anchored = true;
		}

	t = (const unsigned char *)m->text;
	if (from > m->chars)
		from = m->chars;
	bf = sy_textmap_byte_of(m, from);
	if (dir >= 0) {
		/* a match starts at a lead byte, so bf + 1 skips FROM only */
		p = find_fwd(t, m->len, &nd, dir > 0 ? bf + 1 : bf, m->len);
		if (p == SIZE_MAX)
			p = find_fwd(t, m->len, &nd, 0, bf);
	} else {
		p = bf > 0 ? find_bwd(t, m->len, &nd, 0, bf - 1) : SIZE_MAX;
		if (p == SIZE_MAX)
			p = find_bwd(t, m->len, &nd, bf, m->len);
	}
	if (p == SIZE_MAX)
		return false;
	if (start || end) {
		size_t s = sy_textmap_cp_of(m, p);
		if (start)
			*start = s;
		if (end)
			*end = s + sy_utf8_count(needle_, nd.n);
	}
	return true;
}
