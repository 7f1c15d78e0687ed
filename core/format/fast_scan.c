/* fast_scan.c - the fast scanner (see fast_scan.h).
 *
 * libyaml's parser takes most of the time of a load, while the files are
 * mostly what sy_annot_emit writes.  This scanner turns exactly that subset
 * into the events libyaml gives for it, and gives up on anything else.
 * The subset, line by line (lines end with '\n'):
 *
 *   INDENT KEY ":"             the value is the block that follows
 *   INDENT KEY ": " VALUE
 *   INDENT "- " KEY ":" ...    an item that is a mapping (at INDENT + 2)
 *   INDENT "- " VALUE          an item that is a scalar or a flow list
 *
 * KEY is [A-Za-z0-9_][A-Za-z0-9_-]*; VALUE runs to the end of the line: a
 * plain scalar (no indicator first, no ": ", " #" or trailing space in
 * it), a one-line '...' or a one-line "..." without a backslash, or a flow
 * list "[]" / "[a, 'b c']" of plain words and '...' scalars.  The root is
 * a mapping at column 0; the block after "key:" is a mapping deeper than
 * the key or a sequence at its column or deeper; any other line sits at
 * the column of an open collection, which ends the deeper ones; a "key:"
 * with no block after it is null.  Blank lines and comment lines are
 * skipped (no scalar goes on to another line, so they cannot be part of
 * one).  No tab or control character, only characters libyaml reads as
 * printable (and no line break or byte order mark but '\n').
 *
 * On anything else (a multi-line or escaped scalar, a comment after a
 * value, an anchor, a tag, a flow mapping, a document marker...) it gives
 * up, and the reader (annot_parse.c) reads the input again with
 * libyaml; it does so too after any failure, so that every message comes
 * from libyaml's reading.  The marks of its events are approximate (a
 * line and a byte offset): no message kept uses them.
 */
#include "format/fast_scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FAST_MAX_LINE SY_FAST_MAX_LINE
#define FAST_MAX_KEY SY_FAST_MAX_KEY
#define FAST_CHUNK ((size_t)64 << 10)

typedef sy_fast fast;
typedef sy_fevent fevent;

void sy_fast_free(fast *f)
{
	free(f->buf);
	free(f->q);
	free(f->tmp);
	free(f->dtmp);
	free(f->dtags);
	free(f->dkids);
	free(f->dmaps);
	memset(f, 0, sizeof *f);
}

/* Queue an event.  0, or -1 on OOM. */
static int fast_ev(fast *f, yaml_event_type_t type, yaml_scalar_style_t style,
		   const char *v, size_t len, size_t col)
{
	if (f->qn == f->qcap) {
		size_t cap = f->qcap ? f->qcap * 2 : 64;
		fevent *q = cap <= SIZE_MAX / sizeof *q
			    ? realloc(f->q, cap * sizeof *q) : NULL;
		if (!q)
			return -1;
		f->q = q;
		f->qcap = cap;
	}
	f->q[f->qn++] = (fevent){ type, style, v, len, col };
	return 0;
}

/* Queue an event that carries nothing. */
static int fast_ev0(fast *f, yaml_event_type_t type)
{
	return fast_ev(f, type, YAML_ANY_SCALAR_STYLE, NULL, 0, 0);
}

/* Open a block collection at column INDENT.  0, or -1. */
static int fast_open(fast *f, bool seq, size_t indent)
{
	if (f->depth == (int)(sizeof f->stack / sizeof *f->stack))
		return -1;
	f->stack[f->depth].seq = seq;
	f->stack[f->depth].indent = indent;
	f->depth++;
	return fast_ev(f, seq ? YAML_SEQUENCE_START_EVENT
			      : YAML_MAPPING_START_EVENT,
		       YAML_ANY_SCALAR_STYLE, NULL, 0, indent);
}

/* Close the innermost block collection.  0, or -1 on OOM. */
static int fast_close(fast *f)
{
	f->depth--;
	return fast_ev0(f, f->stack[f->depth].seq ? YAML_SEQUENCE_END_EVENT
						   : YAML_MAPPING_END_EVENT);
}

/* True when the N bytes at S are all characters the subset takes: ASCII
 * from space to '~', and well-formed UTF-8 for what libyaml reads as a
 * printable character that is not a line break or a byte order mark. */
bool sy_fast_text_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	uint32_t cp;

	while (p < e) {
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		if (*p >= 0xe1 && *p <= 0xec && e - p >= 3 &&
		    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
		    !(*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))) {
			/* U+1000..U+CFFF (CJK among them): all printable but
			 * LS and PS */
			p += 3;
			continue;
		}
		if (*p < 0xc2 || *p > 0xf4)
			return false;
		if (*p < 0xe0) {
			if (e - p < 2 || (p[1] & 0xc0) != 0x80)
				return false;
			cp = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else if (*p < 0xf0) {
			if (e - p < 3 || (p[1] & 0xc0) != 0x80 ||
			    (p[2] & 0xc0) != 0x80)
				return false;
			cp = (uint32_t)(p[0] & 0x0f) << 12 |
			     (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			if (cp < 0x800)
				return false;
			p += 3;
		} else {
			if (e - p < 4 || (p[1] & 0xc0) != 0x80 ||
			    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
				return false;
			cp = (uint32_t)(p[0] & 0x07) << 18 |
			     (uint32_t)(p[1] & 0x3f) << 12 |
			     (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
			if (cp < 0x10000 || cp > 0x10ffff)
				return false;
			p += 4;
		}
		if (cp < 0xa0 || (cp >= 0xd800 && cp <= 0xdfff) ||
		    cp == 0xfeff || cp == 0xfffe || cp == 0xffff ||
		    cp == 0x2028 || cp == 0x2029)
			return false;
	}
	return true;
}

/* CH is one of the (non-NUL) characters of SET. */
static bool one_of(char ch, const char *set)
{
	for (; *set; set++)
		if (*set == ch)
			return true;
	return false;
}


/* The single-quoted scalar whose opening quote is S[J], closed on this
 * line: its text (*V, *LEN; in fast.tmp when it holds a '') and *END, one
 * past its closing quote.  0, or -1 when it does not close. */
static int fast_squote(fast *f, const char *s, size_t n, size_t j,
		       const char **v, size_t *len, size_t *end)
{
	size_t k = j + 1, i, m = 0;
	bool esc = false;
	const char *q;
	char *o;

	for (;;) {
		if (k >= n || !(q = memchr(s + k, '\'', n - k)))
			return -1;
		k = (size_t)(q - s);
		if (k + 1 < n && s[k + 1] == '\'') {
			esc = true;
			k += 2;
			continue;
		}
		break;
	}
	*end = k + 1;
	if (!esc) {
		*v = s + j + 1;
		*len = k - j - 1;
		return 0;
	}
	o = f->tmp + f->tmpn;
	for (i = j + 1; i < k; i++) {
		o[m++] = s[i];
		if (s[i] == '\'')
			i++;
	}
	f->tmpn += m;
	*v = o;
	*len = m;
	return 0;
}

/* The value that starts at S[J] and ends the line.  0, or -1. */
int sy_fast_value(fast *f, const char *s, size_t n, size_t j)
{
	const char *v, *q;
	size_t len, k, b;

	if (s[j] == ' ')
		return -1;
	if (s[j] == '\'') {
		if (fast_squote(f, s, n, j, &v, &len, &k) < 0 || k != n)
			return -1;
		return fast_ev(f, YAML_SCALAR_EVENT,
			       YAML_SINGLE_QUOTED_SCALAR_STYLE, v, len, j);
	}
	if (s[j] == '"') {
		q = j + 1 < n ? memchr(s + j + 1, '"', n - j - 1) : NULL;
		if (!q || (size_t)(q - s) != n - 1 ||
		    memchr(s + j + 1, '\\', n - j - 2))
			return -1;
		return fast_ev(f, YAML_SCALAR_EVENT,
			       YAML_DOUBLE_QUOTED_SCALAR_STYLE, s + j + 1,
			       n - j - 2, j);
	}
	if (s[j] == '[') {
		if (fast_ev0(f, YAML_SEQUENCE_START_EVENT) < 0)
			return -1;
		for (k = j + 1; k < n && s[k] != ']';) {
			if (s[k] == '\'') {
				if (fast_squote(f, s, n, k, &v, &len, &b) < 0 ||
				    fast_ev(f, YAML_SCALAR_EVENT,
					    YAML_SINGLE_QUOTED_SCALAR_STYLE, v,
					    len, k) < 0)
					return -1;
				k = b;
			} else {
				if (one_of(s[k], "-?:,[]{}#&*!|>'\"%@` "))
					return -1;
				/* to a flow indicator, ':' or a space (a
				 * quote inside a plain scalar is text) */
				for (b = k; k < n && !one_of(s[k], " ,[]{}#:"); k++)
					;
				if (k - b > FAST_MAX_KEY ||
				    fast_ev(f, YAML_SCALAR_EVENT,
					    YAML_PLAIN_SCALAR_STYLE, s + b,
					    k - b, b) < 0)
					return -1;
			}
			if (k + 1 < n && s[k] == ',' && s[k + 1] == ' ')
				k += 2;
			else if (k >= n || s[k] != ']')
				return -1;
		}
		if (k + 1 != n)
			return -1;
		return fast_ev0(f, YAML_SEQUENCE_END_EVENT);
	}
	/* a plain scalar: no indicator first, no ": " or " #" in it, no
	 * trailing space */
	if (one_of(s[j], "?:,[]{}#&*!|>%@`") ||
	    (s[j] == '-' && (j + 1 == n || s[j + 1] == ' ')) || s[n - 1] == ' ')
		return -1;
	for (k = j + 1; k < n; k++)
		if ((s[k] == ':' && (k + 1 == n || s[k + 1] == ' ')) ||
		    (s[k] == '#' && s[k - 1] == ' '))
			return -1;
	return fast_ev(f, YAML_SCALAR_EVENT, YAML_PLAIN_SCALAR_STYLE, s + j,
		       n - j, j);
}

/* fast.tmp emptied, with room for the unquoted scalars of a line of N
 * bytes.  0, or -1 on OOM. */
int sy_fast_tmp_room(fast *f, size_t n)
{
	if (f->tmpcap < n) {
		char *t = realloc(f->tmp, n);
		if (!t)
			return -1;
		f->tmp = t;
		f->tmpcap = n;
	}
	f->tmpn = 0;
	return 0;
}

/* The events of the line S (N bytes, no line break).  0, or -1. */
static int fast_feed(fast *f, const char *s, size_t n)
{
	size_t i, j, ind;
	bool dash;

	if (n > FAST_MAX_LINE || !sy_fast_text_ok(s, n))
		return -1;
	if (sy_fast_tmp_room(f, n) < 0)
		return -1;
	for (i = 0; i < n && s[i] == ' '; i++)
		;
	if (i == n || s[i] == '#')
		return 0;      /* a blank or comment line: nothing */
	f->any = true;
	ind = i;
	dash = s[i] == '-' && i + 1 < n && s[i + 1] == ' ';
	if (f->pending &&
	    (dash ? ind >= f->stack[f->depth - 1].indent
		  : ind > f->stack[f->depth - 1].indent)) {
		/* the value of "key:": a block sequence at the key's column or
		 * deeper, or a block mapping deeper */
		f->pending = false;
		if (fast_open(f, dash, ind) < 0)
			return -1;
	} else {
		/* or else it is empty (null) */
		if (f->pending &&
		    fast_ev(f, YAML_SCALAR_EVENT, YAML_PLAIN_SCALAR_STYLE, "",
			    0, ind) < 0)
			return -1;
		f->pending = false;
		/* close what this line's column ends */
		for (;;) {
			size_t top = f->stack[f->depth - 1].indent;
			bool seq = f->stack[f->depth - 1].seq;
			if (ind > top)
				return -1;
			if (ind == top && dash == seq)
				break;
			if ((ind == top && !seq) || f->depth == 1)
				return -1;
			if (fast_close(f) < 0)
				return -1;
		}
	}
	i = ind;
	if (f->stack[f->depth - 1].seq) {
		/* "- key: ..." or "- key:": the item is a block mapping at
		 * column ind + 2; else it is the value after "- " */
		i = ind + 2;
		for (j = i; j < n && sy_fast_key_char(s[j]); j++)
			;
		if (j == i || s[i] == '-' || j == n || s[j] != ':' ||
		    (j + 1 < n && s[j + 1] != ' '))
			return i < n ? sy_fast_value(f, s, n, i) : -1;
		if (fast_open(f, false, i) < 0)
			return -1;
	}
	/* key: [A-Za-z0-9_][A-Za-z0-9_-]*, then ':' and the end of the line
	 * or one space and the value */
	if (i >= n || s[i] == '-')
		return -1;
	for (j = i; j < n && sy_fast_key_char(s[j]); j++)
		;
	if (j == i || j - i > FAST_MAX_KEY || j == n || s[j] != ':')
		return -1;
	if (fast_ev(f, YAML_SCALAR_EVENT, YAML_PLAIN_SCALAR_STYLE, s + i,
		    j - i, i) < 0)
		return -1;
	if (++j == n) {
		f->pending = true;
		return 0;
	}
	if (s[j] != ' ' || j + 1 == n || s[j + 1] == ' ')
		return -1;
	return sy_fast_value(f, s, n, j + 1);
}

/* The next line of the input (*S, *N bytes, without its '\n').  1, 0 at
 * the end of the input, -1 to give up (a read error, a NUL byte, the size
 * limit, OOM, a line over FAST_MAX_LINE). */
static int fast_line(fast *f, const char **s, size_t *n)
{
	const char *nl;
	size_t got;
	int r;

	if (!f->in) {
		if (f->p == f->end)
			return 0;
		nl = memchr(f->p, '\n', (size_t)(f->end - f->p));
		*s = f->p;
		*n = nl ? (size_t)(nl - f->p) : (size_t)(f->end - f->p);
		f->p = nl ? nl + 1 : f->end;
		return 1;
	}
	if (!f->buf) {
		if (!(f->buf = malloc(FAST_CHUNK)))
			return -1;
		f->cap = FAST_CHUNK;
	}
	for (;;) {
		nl = memchr(f->buf + f->beg, '\n', f->fill - f->beg);
		if (nl || (f->eof && f->beg < f->fill)) {
			*s = f->buf + f->beg;
			*n = nl ? (size_t)(nl - *s) : f->fill - f->beg;
			f->beg = nl ? (size_t)(nl + 1 - f->buf) : f->fill;
			return 1;
		}
		if (f->eof)
			return 0;
		memmove(f->buf, f->buf + f->beg, f->fill - f->beg);
		f->fill -= f->beg;
		f->beg = 0;
		if (f->fill == f->cap) {
			size_t cap = f->cap * 2;
			char *b = f->cap < FAST_MAX_LINE ? realloc(f->buf, cap) : NULL;
			if (!b)
				return -1;
			f->buf = b;
			f->cap = cap;
		}
		r = sy_fdin_chunk(f->in, (unsigned char *)f->buf + f->fill,
				  f->cap - f->fill, &got);
		if (r < 0 || f->in->nul)
			return -1;
		f->eof = r == 0;
		f->fill += got;
	}
}


/* The line S (N bytes) taken from the input: an item read directly (see
 * sy_fast.direct), or its events queued.  0, or -1 to give up. */
static int fast_take(fast *f, const char *s, size_t n)
{
	int r;

	if (f->direct_on && !f->pending && sy_fast_keyed(s, n, "- ", f->ikey) &&
	    f->depth >= 2 && f->stack[1].seq && f->stack[1].indent == 0) {
		if (f->depth >= 3) {
			/* the item before this one ends here (with whatever
			 * it holds, as fast_feed would close it): let it be
			 * read first, then come back to this line */
			f->held = s;
			f->heldn = n;
			f->has_held = true;
			while (f->depth > 2)
				if (fast_close(f) < 0)
					return -1;
			return 0;
		}
		if (f->depth == 2 && (r = f->direct(f->dctx, s, n)) != 0)
			return r < 0 ? -1 : 0;
	}
	r = fast_feed(f, s, n);
	f->line++;
	return r;
}

/* (see fast_scan.h) */
sy_status sy_fast_next(fast *f, yaml_event_t *ev, sy_error *err,
		       const char *name)
{
	const fevent *e;
	const char *s;
	size_t n;
	int r = 0;

	while (f->qi == f->qn && r == 0) {
		f->qi = f->qn = 0;
		if (f->ended) {
			r = -1;
		} else if (!f->started) {
			f->started = true;
			if (fast_ev0(f, YAML_STREAM_START_EVENT) < 0 ||
			    fast_ev0(f, YAML_DOCUMENT_START_EVENT) < 0 ||
			    fast_open(f, false, 0) < 0)
				r = -1;
		} else if (f->has_held) {
			f->has_held = false;
			r = fast_take(f, f->held, f->heldn);
		} else if ((r = fast_line(f, &s, &n)) > 0) {
			r = fast_take(f, s, n);
		} else if (r == 0) {
			/* the end (an empty input is left to libyaml) */
			f->ended = true;
			if (!f->any ||
			    (f->pending &&
			     fast_ev(f, YAML_SCALAR_EVENT, YAML_PLAIN_SCALAR_STYLE,
				     "", 0, 0) < 0))
				r = -1;
			while (r == 0 && f->depth > 0)
				r = fast_close(f);
			if (r == 0 &&
			    (fast_ev0(f, YAML_DOCUMENT_END_EVENT) < 0 ||
			     fast_ev0(f, YAML_STREAM_END_EVENT) < 0))
				r = -1;
		}
	}
	if (r < 0)
		return sy_fail(err, SY_ERR_FORMAT, "%s: not in the fast subset",
			       name);
	e = &f->q[f->qi++];
	memset(ev, 0, sizeof *ev);
	ev->type = e->type;
	ev->start_mark.line = ev->end_mark.line = f->line ? f->line - 1 : 0;
	ev->start_mark.column = ev->end_mark.column = e->col;
	if (e->type == YAML_SCALAR_EVENT) {
		/* never written nor freed: the reader does not delete it */
		ev->data.scalar.value = (yaml_char_t *)(uintptr_t)e->v;
		ev->data.scalar.length = e->len;
		ev->data.scalar.plain_implicit =
			e->style == YAML_PLAIN_SCALAR_STYLE;
		ev->data.scalar.quoted_implicit = !ev->data.scalar.plain_implicit;
		ev->data.scalar.style = e->style;
	} else if (e->type == YAML_MAPPING_START_EVENT) {
		ev->data.mapping_start.implicit = 1;
		ev->data.mapping_start.style = YAML_BLOCK_MAPPING_STYLE;
	} else if (e->type == YAML_SEQUENCE_START_EVENT) {
		ev->data.sequence_start.implicit = 1;
		ev->data.sequence_start.style = YAML_ANY_SEQUENCE_STYLE;
	}
	return SY_OK;
}
