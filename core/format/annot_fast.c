/* annot_fast.c - the writer's fast path (see annot_fast.h).
 *
 * How libyaml 0.2 writes a scalar, in the subset handled here:
 *   - it analyses the text: an indicator character at the start
 *     (# , [ ] { } & * ! | > ' " % @ `, or ? : - followed by a space or
 *     the end), "---" or "..." at the start, ", ? [ ] { }" anywhere, ':'
 *     followed by a space or the end, or '#' after a space, forbid the
 *     plain style in a flow collection (the tags list); only the first
 *     kind, "---"/"...", ": " and " #" forbid it in block context;
 *   - a plain scalar it may not write plain it writes single-quoted;
 *     the single-quoted style is allowed for every text of the subset;
 *   - with no line width, a plain scalar is its text after one space, a
 *     single-quoted one "'" + the text with each ' doubled + "'"; in a
 *     flow sequence the first item follows "[" directly, the others
 *     ", ".
 * The writer asks for single quotes where sy_needs_quotes says so, plain
 * otherwise.
 */
#include "format/annot_fast.h"
#include "model/schema.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ scalars */

enum { ST_NO, ST_PLAIN, ST_SINGLE };

/* Indicator characters at the start of a scalar that forbid the plain
 * style everywhere. */
static bool first_indicator(unsigned c)
{
	switch (c) {
	case '#': case ',': case '[': case ']': case '{': case '}':
	case '&': case '*': case '!': case '|': case '>': case '\'':
	case '"': case '%': case '@': case '`':
		return true;
	default:
		return false;
	}
}

/* The style libyaml writes the string S in: ST_PLAIN, ST_SINGLE, or ST_NO
 * when S is outside the subset; *LEN receives its length.  FLOW: inside
 * a flow sequence; QUOTED: the writer asks for single quotes. */
static int classify(const unsigned char *s, size_t *len, bool flow, bool quoted)
{
	bool fi = false, bi = false;   /* flow / block indicators */
	size_t i = 0;
	unsigned c;

	if ((s[0] == '-' && s[1] == '-' && s[2] == '-') ||
	    (s[0] == '.' && s[1] == '.' && s[2] == '.'))
		fi = bi = true;
	while ((c = s[i]) != 0) {
		if (c < 0x80) {
			bool next_blank;

			if (c < 0x20 || c == 0x7f)
				return ST_NO;
			if (c >= '0' && c != ':' && c != '?' && c != '@' &&
			    c != '[' && c != ']' && c != '`' && c != '{' &&
			    c != '|' && c != '}' && c != '>') {
				i++;
				continue;
			}
			next_blank = s[i + 1] == 0 || s[i + 1] == ' ';
			if (i == 0) {
				if (c == ' ')
					return ST_NO;   /* leading space */
				if (first_indicator(c))
					fi = bi = true;
				if (c == '?' || c == ':') {
					fi = true;
					if (next_blank)
						bi = true;
				}
				if (c == '-' && next_blank)
					fi = bi = true;
			} else {
				if (c == ' ' && s[i + 1] == 0)
					return ST_NO;   /* trailing space */
				if (c == ',' || c == '?' || c == '[' ||
				    c == ']' || c == '{' || c == '}')
					fi = true;
				if (c == ':') {
					fi = true;
					if (next_blank)
						bi = true;
				}
				if (c == '#' && s[i - 1] == ' ')
					fi = bi = true;
			}
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			/* U+0080..U+009F (C1 controls, NEL) are not printable */
			if ((s[i + 1] & 0xc0) != 0x80 ||
			    (c == 0xc2 && s[i + 1] < 0xa0))
				return ST_NO;
			i += 2;
			continue;
		}
		if (c >= 0xe0 && c <= 0xef) {
			unsigned c1 = s[i + 1], c2;

			/* a NUL fails the continuation test: no read beyond it */
			if ((c1 & 0xc0) != 0x80)
				return ST_NO;
			c2 = s[i + 2];
			if ((c2 & 0xc0) != 0x80)
				return ST_NO;
			if ((c == 0xe0 && c1 < 0xa0) ||       /* overlong */
			    (c == 0xed && c1 >= 0xa0))        /* surrogate */
				return ST_NO;
			if (c == 0xe2 && c1 == 0x80 && (c2 == 0xa8 || c2 == 0xa9))
				return ST_NO;                 /* LS, PS */
			if (c == 0xef && ((c1 == 0xbb && c2 == 0xbf) ||
					  (c1 == 0xbf && c2 >= 0xbe)))
				return ST_NO;                 /* BOM, FFFE, FFFF */
			i += 3;
			continue;
		}
		return ST_NO;   /* 4-byte sequences (libyaml escapes them), bad bytes */
	}
	*len = i;
	if (i == 0)
		return quoted ? ST_SINGLE : ST_NO;
	if (i > INT_MAX)
		return ST_NO;   /* libyaml's limit: the writer refuses it */
	if (quoted)
		return ST_SINGLE;
	return (flow ? fi : bi) ? ST_SINGLE : ST_PLAIN;
}

/* ------------------------------------------------------------ writing */

/* One item being written: O from START on is its text so far. */
typedef struct fw {
	sy_outbuf *o;
	const sy_quoting *q;
	size_t start;
	int st;                /* 1 so far in the subset, 0 not, -1 oom */
} fw;

/* Append P[0..N) (no NUL: fw_end adds it). */
static void put(fw *f, const char *p, size_t n)
{
	sy_outbuf *o = f->o;

	if (f->st != 1)
		return;
	if (!o->p || n >= o->cap - o->n) {
		if (!sy_outbuf_reserve(o, n)) {
			f->st = -1;
			return;
		}
	}
	memcpy(o->p + o->n, p, n);
	o->n += n;
}

#define PUTS(f, lit) put((f), (lit), sizeof(lit) - 1)

/* S styled as libyaml would, asked for single quotes when QUOTED (else
 * for the plain style), after the separator SEP[0..SL) (" " in block
 * context, "" or ", " in a flow sequence, "" for a key); MAXLEN bounds
 * its length (a longer one is left to libyaml). */
static void put_styled(fw *f, const char *sep, size_t sl, const char *s,
		       bool flow, bool quoted, size_t maxlen)
{
	size_t n = 0, i, k;
	int style;
	char *d;

	if (f->st != 1)
		return;
	style = classify((const unsigned char *)s, &n, flow, quoted);
	if (style == ST_NO || n > maxlen) {
		f->st = 0;
		return;
	}
	if (style == ST_PLAIN) {
		put(f, sep, sl);
		put(f, s, n);
		return;
	}
	/* single-quoted: at most 2n + 2 bytes */
	if (n > (SIZE_MAX - 3 - sl) / 2 || !sy_outbuf_reserve(f->o, sl + 2 * n + 2)) {
		f->o->oom = true;
		f->st = -1;
		return;
	}
	d = f->o->p + f->o->n;
	memcpy(d, sep, sl);
	k = sl;
	d[k++] = '\'';
	for (i = 0; i < n; i++) {
		d[k++] = s[i];
		if (s[i] == '\'')
			d[k++] = '\'';
	}
	d[k++] = '\'';
	f->o->n += k;
}

/* S (a string of the model, NULL for null) as the writer asks for it:
 * quoted when a reader would take it for another type. */
static void put_scalar(fw *f, const char *sep, size_t sl, const char *s,
		       bool flow)
{
	if (f->st != 1)
		return;
	if (!s) {
		put(f, sep, sl);
		PUTS(f, "null");
		return;
	}
	put_styled(f, sep, sl, s, flow, sy_needs_quotes(f->q, s), SIZE_MAX);
}

/* KEY (a literal, with its indentation and ':') and a value. */
#define KV_STR(f, key, s) kv_str((f), (key), sizeof(key) - 1, (s))
#define KV_SIZE(f, key, v) kv_size((f), (key), sizeof(key) - 1, (v))
#define KV_DOUBLE(f, key, v, has) kv_double((f), (key), sizeof(key) - 1, (v), (has))

static void kv_str(fw *f, const char *key, size_t kl, const char *s)
{
	put(f, key, kl);
	put_scalar(f, " ", 1, s, false);
	PUTS(f, "\n");
}

static void kv_size(fw *f, const char *key, size_t kl, size_t v)
{
	char buf[24], *p = buf + sizeof buf;

	*--p = '\n';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	*--p = ' ';
	put(f, key, kl);
	put(f, p, (size_t)(buf + sizeof buf - p));
}

static void kv_double(fw *f, const char *key, size_t kl, double v, bool has)
{
	char buf[48];

	put(f, key, kl);
	if (has) {
		buf[0] = ' ';
		sy_yaml_number(v, buf + 1, sizeof buf - 2);
		put(f, buf, strlen(buf));
	} else {
		PUTS(f, " null");
	}
	PUTS(f, "\n");
}

/* `proposed`, when it is what the review commands make: a non-empty
 * block mapping of untagged scalars.  A key is a simple key (at most 128
 * bytes, libyaml's limit), asked for quotes as any string; a value keeps
 * the style it was read with (sy_node.quoted). */
static void put_proposed(fw *f, const char *key, size_t kl, const sy_node *p)
{
	size_t i;

	if (p->kind != SY_NODE_MAP || p->tag || p->n == 0) {
		f->st = f->st == 1 ? 0 : f->st;
		return;
	}
	put(f, key, kl);
	PUTS(f, "\n");
	for (i = 0; i < p->n && f->st == 1; i++) {
		const sy_node *v = p->items[i];

		if (!p->keys[i] || v->kind != SY_NODE_SCALAR || v->tag ||
		    !v->scalar) {
			f->st = 0;
			return;
		}
		PUTS(f, "    ");
		put_styled(f, "", 0, p->keys[i], false,
			   sy_needs_quotes(f->q, p->keys[i]), 128);
		PUTS(f, ":");
		put_styled(f, " ", 1, v->scalar, false, v->quoted != 0, SIZE_MAX);
		PUTS(f, "\n");
	}
}

/* The tags: a flow sequence. */
static void put_tags(fw *f, const char *key, size_t kl, const sy_tags *t)
{
	size_t i;

	put(f, key, kl);
	PUTS(f, " [");
	for (i = 0; i < t->n; i++)
		put_scalar(f, ", ", i ? 2 : 0, t->v[i], true);
	PUTS(f, "]\n");
}

/* The field MEMBER of IT (the model's struct) after the literal KEY, by
 * its TYPE in model/schema.h (a section's level is never negative
 * here, a document's year never written here). */
#define FW_SY_FT_ID(f, key, it, m) KV_STR(f, key, (it)->m)
#define FW_SY_FT_STR(f, key, it, m) KV_STR(f, key, (it)->m)
#define FW_SY_FT_INT(f, key, it, m) KV_SIZE(f, key, (size_t)(it)->m)
#define FW_SY_FT_SIZE(f, key, it, m) KV_SIZE(f, key, (it)->m)
#define FW_SY_FT_NUM(f, key, it, m) KV_DOUBLE(f, key, (it)->m, (it)->has_##m)
#define FW_SY_FT_APPROX(f, key, it, m) \
	KV_STR(f, key, (it)->m == SY_APPROX_NONE ? NULL : sy_approx_name((it)->m))
#define FW_SY_FT_STATUS(f, key, it, m) KV_STR(f, key, sy_status_name((it)->m))
#define FW_SY_FT_TAGS(f, key, it, m) put_tags(f, key, sizeof(key) - 1, &(it)->m)
#define FW_SY_FT_MAP(f, key, it, m) put_proposed(f, key, sizeof(key) - 1, (it)->m)

/* One field of IT, as a key of an item of a block sequence ("  key:";
 * fw_end makes the first one "- key:"); an optional one only when
 * present. */
#define FW_FIELD_(NAME, key, type, member, flags) \
	if (!((flags) & SY_FF_OPT) || SY_FIELD_PRESENT(type, it, member)) \
		FW_##type(f, "  " key ":", it, member);

/* status, tags, note, proposed; unknown keys are left to libyaml. */
static void review_fields(fw *f, const sy_review *it)
{
	if (it->extra && it->extra->kind == SY_NODE_MAP && it->extra->n > 0) {
		f->st = f->st == 1 ? 0 : f->st;
		return;
	}
	SY_REVIEW_FIELDS(FW_FIELD_)
}

/* The end of an item: 1, or 0 / -1 with O back as it was.  The item's
 * first key becomes the sequence entry's ("  id:" -> "- id:"). */
static int fw_end(fw *f)
{
	if (f->st != 1)
		f->o->n = f->start;
	else
		f->o->p[f->start] = '-';
	if (f->o->p)
		f->o->p[f->o->n] = '\0';   /* put left room for it */
	return f->st;
}

_Static_assert(SY_SEC_ID == 0 && SY_STAT_ID == 0,
	       "fw_end: an item's first key is its id");

int sy_fast_section(sy_outbuf *o, const sy_quoting *q, const sy_section *it)
{
	fw fs = { o, q, o->n, 1 }, *f = &fs;

	if (it->level < 0)
		return 0;   /* never in a valid file: left to libyaml */
	SY_SECTION_FIELDS(FW_FIELD_)
	review_fields(f, &it->r);
	return fw_end(f);
}

int sy_fast_stat(sy_outbuf *o, const sy_quoting *q, const sy_stat *it)
{
	fw fs = { o, q, o->n, 1 }, *f = &fs;

	SY_STAT_FIELDS(FW_FIELD_)
	review_fields(f, &it->r);
	return fw_end(f);
}
