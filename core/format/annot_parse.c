/* annot_parse.c - reading the annotation file (format 1) (see annot_io.h).
 *
 * Two steps: YAML events become a small tree of pnodes that remember where
 * each value was (line, column), refusing aliases, anchors, deep nesting,
 * huge scalars and too many nodes on the way; then the tree is mapped onto
 * the model, refusing anything that is not format 1 with
 * "NAME:LINE:COLUMN: reason".  Unknown keys become sy_nodes in `extra`.
 *
 * The events come first from a fast scanner for the subset of YAML that
 * sy_annot_emit writes (see "the fast scanner"), which also reads most
 * items of the lists straight into the model (see "direct items").  When
 * it meets anything else, or anything at all fails, the input is read
 * again from the start with libyaml's event parser, so that what is
 * accepted, the model and every message are those of libyaml's reading
 * (sy_annot_parse_libyaml reads with libyaml alone; tests/test_fastread.c
 * and fuzz/fuzz_annot.c compare the two).
 *
 * The item lists are streamed: when `sections` or `statistics` comes after
 * `source` in the top-level mapping (as the writer puts it), each item is
 * built as a small tree, read into the model at once and dropped before the
 * next item is parsed, and the top-level tree only holds an empty list in
 * its place.  A failure in such an item is kept and reported where the
 * whole-tree reading would have reported it (after any YAML error anywhere
 * in the file, after format, source and document, before review), so the
 * messages are the same either way.  Lists that come before `source` are
 * kept as trees and read at the end, as everything else.  Duplicate ids
 * and the next free ids are found at the end from the model, with the
 * place of each item's id kept on the side (itemlist.pos).
 *
 * sy_annot_load reads a regular file as the parser asks for it, never
 * holding all of it.  All pnodes live in an arena (pctx.ar): a streamed
 * item is released with arena_release, the rest goes with the arena.
 */
#include "format/annot_io.h"
#include "model/annot_limits.h"
#include "base/fileopen.h"
#include "format/yaml_pos.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#define MAX_DEPTH 64
#define MAX_SCALAR SY_MAX_SCALAR_BYTES
#ifndef SY_MAX_NODES
#define SY_MAX_NODES 10000000u
#endif
#define MAX_NODES SY_MAX_NODES
#define MAX_FILE SY_MAX_FILE_BYTES

#define TAG_STR "tag:yaml.org,2002:str"
#define TAG_NULL "tag:yaml.org,2002:null"

/* ------------------------------------------------------------ the arena */

#define CHUNK ((size_t)64 << 10)
#define ALIGN alignof(max_align_t)

typedef struct achunk achunk;
struct achunk {
	achunk *prev;          /* the chunk filled before this one */
	size_t cap, used;      /* bytes of data[] */
	max_align_t data[];
};

/* A stack of chunks; memory is given back only by arena_release (to a
 * mark) and arena_free.  One spare CHUNK-sized chunk is kept so that a
 * streamed item crossing a chunk boundary does not malloc and free one
 * every time. */
typedef struct arena {
	achunk *cur, *spare;
} arena;

typedef struct amark {
	achunk *cur;
	size_t used;
} amark;

/* N bytes (aligned for anything) from AR, owned by AR; NULL on OOM. */
static void *arena_alloc(arena *ar, size_t n)
{
	achunk *k = ar->cur;
	void *p;

	if (n > SIZE_MAX - ALIGN - sizeof *k)
		return NULL;
	n = (n + ALIGN - 1) / ALIGN * ALIGN;
	if (!k || k->cap - k->used < n) {
		size_t cap = n > CHUNK / 4 ? n : CHUNK;
		if (cap == CHUNK && ar->spare) {
			k = ar->spare;
			ar->spare = NULL;
		} else if (!(k = malloc(sizeof *k + cap))) {
			return NULL;
		}
		k->prev = ar->cur;
		k->cap = cap;
		k->used = 0;
		ar->cur = k;
	}
	p = (char *)k->data + k->used;
	k->used += n;
	return p;
}

/* Grow the block OLD (OLDN bytes, from arena_alloc, or NULL) to NEWN
 * bytes, in place when it is the last block, by copying otherwise (the old
 * block then stays until a release).  NULL on OOM, OLD untouched. */
static void *arena_grow(arena *ar, void *old, size_t oldn, size_t newn)
{
	achunk *k = ar->cur;
	size_t o = (oldn + ALIGN - 1) / ALIGN * ALIGN;
	void *p;

	if (old && k && newn <= SIZE_MAX - ALIGN &&
	    (char *)old + o == (char *)k->data + k->used) {
		size_t n = (newn + ALIGN - 1) / ALIGN * ALIGN;
		if (n - o <= k->cap - k->used) {
			k->used += n - o;
			return old;
		}
	}
	p = arena_alloc(ar, newn);
	if (p && old)
		memcpy(p, old, oldn);
	return p;
}

static amark arena_mark(const arena *ar)
{
	return (amark){ ar->cur, ar->cur ? ar->cur->used : 0 };
}

/* Give back everything allocated since M was taken. */
static void arena_release(arena *ar, amark m)
{
	while (ar->cur != m.cur) {
		achunk *k = ar->cur;
		ar->cur = k->prev;
		if (k->cap == CHUNK && !ar->spare)
			ar->spare = k;
		else
			free(k);
	}
	if (ar->cur)
		ar->cur->used = m.used;
}

static void arena_free(arena *ar)
{
	arena_release(ar, (amark){ NULL, 0 });
	free(ar->spare);
	ar->spare = NULL;
}

/* ------------------------------------------------------------ the tree */

typedef struct pnode pnode;
struct pnode {
	sy_node_kind kind;
	char *text;            /* SCALAR, NUL-terminated */
	int quoted;            /* SCALAR: not plain in the file */
	char *tag;             /* explicit tag or NULL */
	size_t line, col;      /* 0-based, from libyaml's start mark */
	pnode **kids;          /* SEQ: items; MAP: key, value, key, value... */
	size_t n, cap;
};                             /* all of it in the parser's arena */

/* ------------------------------------------------------------ context */

/* A file read as the parser asks for it (sy_annot_load). */
typedef struct fdin {
	int fd;
	const char *path;
	size_t total;          /* bytes read so far */
	int errnum;            /* a read failed with this errno */
	bool limit;            /* the file reached MAX_FILE */
	bool nul;              /* a NUL byte was read, at offset nul_off */
	size_t nul_off;
} fdin;

enum { L_SECTIONS, L_STATS };

/* Where an item's id value is (0-based), one per item in file order. */
typedef struct idpos {
	size_t line, col;
} idpos;

/* The state of one item list, `sections` or `statistics`. */
typedef struct itemlist {
	bool streamed;         /* read item by item while parsing */
	sy_status st;          /* a streamed item failed: the first failure */
	sy_error err;          /* ... and its message */
	idpos *pos;            /* owned; pos[i] for the list's i-th item */
	size_t npos, cap;
} itemlist;

typedef struct fast fast;

typedef struct pctx {
	yaml_parser_t y;
	fast *fast;            /* events come from the fast scanner, not y */
	const char *name;
	const char *buf;       /* the input (sy_annot_parse), else NULL */
	size_t len;
	fdin *in;              /* the input (sy_annot_load), else NULL */
	sy_error *err;
	size_t nodes;
	size_t chars;          /* source.chars, once read */
	arena ar;              /* every pnode */
	sy_annot *a;           /* the model being filled */
	itemlist lists[2];     /* [L_SECTIONS], [L_STATS] */
	int direct;            /* 1 + the list being streamed (the fast
				* scanner may read its items directly), or 0 */
	bool libyaml_only;     /* no fast scanner (sy_annot_parse_libyaml,
				* SHENYUE_READER=libyaml) */
	sy_parse_info info;    /* how the reading went */
} pctx;

/* "NAME:LINE:COLUMN: message" for C's input (yaml_pos.h). */
#define fail_at(c, ...) sy_yaml_fail_at((c)->err, (c)->name, __VA_ARGS__)
#define FAIL_NODE(c, p, code, ...) fail_at((c), (p)->line, (p)->col, (code), __VA_ARGS__)
#define FAIL_MARK(c, m, code, ...) fail_at((c), (m).line, (m).column, (code), __VA_ARGS__)

static sy_status nomem(pctx *c)
{
	return sy_fail(c->err, SY_ERR_NOMEM, "%s: out of memory", c->name);
}

/* Line and column (0-based, column in code points) of byte OFF in the
 * input.  A file is read again from its start for this. */
static void locate(const void *ctx, size_t off, size_t *line, size_t *col)
{
	const pctx *c = ctx;
	char b[16384];
	size_t pos = 0;

	*line = *col = 0;
	if (!c->in) {
		sy_text_advance(c->buf, off < c->len ? off : c->len, line, col);
		return;
	}
	while (pos < off) {
		size_t want = off - pos < sizeof b ? off - pos : sizeof b;
		ssize_t r = pread(c->in->fd, b, want, (off_t)pos);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sy_text_advance(b, (size_t)r, line, col);
		pos += (size_t)r;
	}
}

/* The message for a failed yaml_parser_parse. */
static sy_status syntax_error(pctx *c)
{
	return sy_yaml_syntax_error(c->err, c->name, &c->y, locate, c);
}

/* ------------------------------------------------------------ the fast scanner
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
 * up, and run() reads the input again with libyaml; it does so too after
 * any failure, so that every message comes from libyaml's reading.  The
 * marks of its events are approximate (a line and a byte offset): no
 * message kept uses them.
 */

#define FAST_MAX_LINE (MAX_SCALAR + 4096)   /* longer lines: give up */
#define FAST_MAX_KEY 1000      /* libyaml wants ':' within 1024 of a key */
#define FAST_CHUNK ((size_t)64 << 10)

/* An event of the current line. */
typedef struct fevent {
	yaml_event_type_t type;
	yaml_scalar_style_t style;
	const char *v;         /* SCALAR: in the line or in fast.tmp */
	size_t len;
	size_t col;
} fevent;

typedef struct fast {
	const char *p, *end;   /* buffer input: what is left of it */
	char *buf;             /* file input: owned; unread bytes in [beg, fill) */
	size_t cap, beg, fill;
	bool eof;
	size_t line;           /* lines read */
	struct {
		bool seq;      /* a block sequence, else a block mapping */
		size_t indent; /* its column */
	} stack[MAX_DEPTH + 1];
	int depth;
	bool pending;          /* the last line was "key:", the value follows */
	bool any;              /* a line that is not blank or a comment was read */
	bool started, ended;
	fevent *q;             /* owned: the events of the current line */
	size_t qn, qi, qcap;
	char *tmp;             /* owned: unquoted '' scalars of the line */
	size_t tmpn, tmpcap;
	const char *held;      /* a line taken from the input but not fed */
	size_t heldn;
	bool has_held;
	char *dtmp;            /* owned: the direct reader's texts */
	size_t dtmpcap;
	pnode *dtags;          /* owned: the direct reader's tag nodes */
	pnode **dkids;         /* owned: ... and the list of them */
	size_t dtagcap;
} fast;

static int fd_chunk(fdin *in, unsigned char *buf, size_t size, size_t *got);

static void fast_free(fast *f)
{
	free(f->buf);
	free(f->q);
	free(f->tmp);
	free(f->dtmp);
	free(f->dtags);
	free(f->dkids);
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
static bool fast_text_ok(const char *s, size_t n)
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

static bool key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
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
static int fast_value(fast *f, const char *s, size_t n, size_t j)
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
static int tmp_room(fast *f, size_t n)
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

	if (n > FAST_MAX_LINE || !fast_text_ok(s, n))
		return -1;
	if (tmp_room(f, n) < 0)
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
		for (j = i; j < n && key_char(s[j]); j++)
			;
		if (j == i || s[i] == '-' || j == n || s[j] != ':' ||
		    (j + 1 < n && s[j + 1] != ' '))
			return i < n ? fast_value(f, s, n, i) : -1;
		if (fast_open(f, false, i) < 0)
			return -1;
	}
	/* key: [A-Za-z0-9_][A-Za-z0-9_-]*, then ':' and the end of the line
	 * or one space and the value */
	if (i >= n || s[i] == '-')
		return -1;
	for (j = i; j < n && key_char(s[j]); j++)
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
	return fast_value(f, s, n, j + 1);
}

/* The next line of the input (*S, *N bytes, without its '\n').  1, 0 at
 * the end of the input, -1 to give up (a read error, a NUL byte, the size
 * limit, OOM, a line over FAST_MAX_LINE). */
static int fast_line(pctx *c, const char **s, size_t *n)
{
	fast *f = c->fast;
	const char *nl;
	size_t got;
	int r;

	if (!c->in) {
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
		r = fd_chunk(c->in, (unsigned char *)f->buf + f->fill,
			     f->cap - f->fill, &got);
		if (r < 0 || c->in->nul)
			return -1;
		f->eof = r == 0;
		f->fill += got;
	}
}

static int direct_item(pctx *c, const char *s, size_t n);

/* The line S (N bytes) taken from the input: an item read directly (see
 * direct_item), or its events queued.  0, or -1 to give up. */
static int fast_take(pctx *c, const char *s, size_t n)
{
	fast *f = c->fast;
	int r;

	if (c->direct && c->lists[c->direct - 1].st == SY_OK && !f->pending &&
	    n > 6 && memcmp(s, "- id: ", 6) == 0 && f->depth >= 2 &&
	    f->stack[1].seq && f->stack[1].indent == 0) {
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
		if (f->depth == 2 && (r = direct_item(c, s, n)) != 0)
			return r < 0 ? -1 : 0;
	}
	r = fast_feed(f, s, n);
	f->line++;
	return r;
}

/* The next event from the fast scanner into EV (nothing in it is owned;
 * see event_delete).  On giving up, an error for run() to start again. */
static sy_status fast_next(pctx *c, yaml_event_t *ev)
{
	fast *f = c->fast;
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
			r = fast_take(c, f->held, f->heldn);
		} else if ((r = fast_line(c, &s, &n)) > 0) {
			r = fast_take(c, s, n);
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
		return sy_fail(c->err, SY_ERR_FORMAT, "%s: not in the fast subset",
			       c->name);
	e = &f->q[f->qi++];
	memset(ev, 0, sizeof *ev);
	ev->type = e->type;
	ev->start_mark.line = ev->end_mark.line = f->line ? f->line - 1 : 0;
	ev->start_mark.column = ev->end_mark.column = e->col;
	if (e->type == YAML_SCALAR_EVENT) {
		/* never written nor freed: event_delete leaves it alone */
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

/* Next event into EV (to be released with event_delete on success). */
static sy_status next_event(pctx *c, yaml_event_t *ev)
{
	if (c->fast)
		return fast_next(c, ev);
	if (!yaml_parser_parse(&c->y, ev))
		return syntax_error(c);
	return SY_OK;
}

/* Release EV (a fast scanner's event owns nothing). */
static void event_delete(pctx *c, yaml_event_t *ev)
{
	if (!c->fast)
		yaml_event_delete(ev);
}

/* ------------------------------------------------------------ events -> tree */

/* A new node of KIND at EV's start mark with EV's TAG, in C's arena, with
 * EXTRA bytes after it; NULL on OOM. */
static pnode *pnode_new(pctx *c, sy_node_kind kind, const yaml_event_t *ev,
			const yaml_char_t *tag, size_t extra)
{
	pnode *p = arena_alloc(&c->ar, sizeof *p + extra);

	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->line = ev->start_mark.line;
	p->col = ev->start_mark.column;
	if (tag) {
		size_t n = strlen((const char *)tag) + 1;
		if (!(p->tag = arena_alloc(&c->ar, n)))
			return NULL;
		memcpy(p->tag, tag, n);
	}
	return p;
}

/* Append KID to P.  0 or -1 on OOM. */
static int pnode_add(pctx *c, pnode *p, pnode *kid)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		pnode **k = cap <= SIZE_MAX / sizeof *k
			    ? arena_grow(&c->ar, p->kids, p->cap * sizeof *k,
					 cap * sizeof *k) : NULL;
		if (!k)
			return -1;
		p->kids = k;
		p->cap = cap;
	}
	p->kids[p->n++] = kid;
	return 0;
}

static sy_status build_scalar(pctx *c, const yaml_event_t *ev, pnode **out)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	pnode *p;

	if (ev->data.scalar.anchor)
		return FAIL_MARK(c, ev->start_mark, SY_ERR_FORMAT,
				 "anchors are not allowed");
	if (len > MAX_SCALAR)
		return FAIL_MARK(c, ev->start_mark, SY_ERR_LIMIT,
				 "scalar longer than 1 MiB (%zu bytes)", len);
	if (memchr(v, '\0', len))
		return FAIL_MARK(c, ev->start_mark, SY_ERR_FORMAT,
				 "NUL character in a string");
	p = pnode_new(c, SY_NODE_SCALAR, ev, ev->data.scalar.tag, len + 1);
	if (!p)
		return nomem(c);
	p->text = (char *)(p + 1);
	memcpy(p->text, v, len);
	p->text[len] = '\0';
	p->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	*out = p;
	return SY_OK;
}

static sy_status build(pctx *c, yaml_event_t *ev, int depth, pnode **out);
static sy_status stream_items(pctx *c, yaml_event_t *ev, int list,
			      const pnode *source, pnode **out);

/* The list to stream (L_SECTIONS, L_STATS) when the value whose first
 * event is EV belongs to the last key of the top-level mapping ROOT, or -1:
 * the key is `sections` or `statistics`, the value a sequence, the key not
 * seen before (a second one is refused later), and `source` came before.
 * *SOURCE is then the first source value. */
static int stream_list(const pnode *root, const yaml_event_t *ev,
		       const pnode **source)
{
	const char *key = root->kids[root->n - 1]->text;
	int list;
	size_t i;

	*source = NULL;
	if (ev->type != YAML_SEQUENCE_START_EVENT)
		return -1;
	if (strcmp(key, "sections") == 0)
		list = L_SECTIONS;
	else if (strcmp(key, "statistics") == 0)
		list = L_STATS;
	else
		return -1;
	for (i = 0; i + 1 < root->n; i += 2) {
		const char *k = root->kids[i]->text;
		if (strcmp(k, key) == 0)
			return -1;
		if (!*source && strcmp(k, "source") == 0)
			*source = root->kids[i + 1];
	}
	return *source ? list : -1;
}

/* Read the children of the collection P until its end event.  TOP: P is
 * the top-level mapping, whose item lists may be streamed. */
static sy_status build_children(pctx *c, pnode *p, int depth, bool top)
{
	yaml_event_t ev;
	yaml_event_type_t end = p->kind == SY_NODE_MAP ? YAML_MAPPING_END_EVENT
						       : YAML_SEQUENCE_END_EVENT;
	const pnode *source;
	sy_status st;
	pnode *kid;
	int list;

	for (;;) {
		if ((st = next_event(c, &ev)) != SY_OK)
			return st;
		if (ev.type == end) {
			event_delete(c, &ev);
			return SY_OK;
		}
		if (top && p->n % 2 == 1 &&
		    (list = stream_list(p, &ev, &source)) >= 0)
			st = stream_items(c, &ev, list, source, &kid);
		else
			st = build(c, &ev, depth + 1, &kid);
		if (st != SY_OK)
			return st;
		if (p->kind == SY_NODE_MAP && p->n % 2 == 0 &&
		    kid->kind != SY_NODE_SCALAR)
			return FAIL_NODE(c, kid, SY_ERR_FORMAT,
					 "mapping keys must be strings");
		if (pnode_add(c, p, kid) < 0)
			return nomem(c);
	}
}

static sy_status build_collection(pctx *c, const yaml_event_t *ev, int depth,
				  pnode **out)
{
	bool map = ev->type == YAML_MAPPING_START_EVENT;
	const yaml_char_t *anchor = map ? ev->data.mapping_start.anchor
					: ev->data.sequence_start.anchor;
	const yaml_char_t *tag = map ? ev->data.mapping_start.tag
				     : ev->data.sequence_start.tag;
	pnode *p;
	sy_status st;

	if (anchor)
		return FAIL_MARK(c, ev->start_mark, SY_ERR_FORMAT,
				 "anchors are not allowed");
	if (depth > MAX_DEPTH)
		return FAIL_MARK(c, ev->start_mark, SY_ERR_LIMIT,
				 "nesting deeper than %d levels", MAX_DEPTH);
	p = pnode_new(c, map ? SY_NODE_MAP : SY_NODE_SEQ, ev, tag, 0);
	if (!p)
		return nomem(c);
	st = build_children(c, p, depth, map && depth == 1);
	if (st != SY_OK)
		return st;
	*out = p;
	return SY_OK;
}

/* Turn the event EV (consumed) and what follows it into the tree *OUT
 * (in C's arena).  DEPTH is the nesting of EV's node (root = 1). */
static sy_status build(pctx *c, yaml_event_t *ev, int depth, pnode **out)
{
	sy_status st;

	*out = NULL;
	if (++c->nodes > MAX_NODES) {
		st = FAIL_MARK(c, ev->start_mark, SY_ERR_LIMIT,
			       "more than %u YAML nodes", MAX_NODES);
	} else if (ev->type == YAML_ALIAS_EVENT) {
		st = FAIL_MARK(c, ev->start_mark, SY_ERR_FORMAT,
			       "aliases are not allowed");
	} else if (ev->type == YAML_SCALAR_EVENT) {
		st = build_scalar(c, ev, out);
	} else if (ev->type == YAML_SEQUENCE_START_EVENT ||
		   ev->type == YAML_MAPPING_START_EVENT) {
		st = build_collection(c, ev, depth, out);
	} else {
		st = FAIL_MARK(c, ev->start_mark, SY_ERR_FORMAT,
			       "unexpected YAML event");
	}
	event_delete(c, ev);
	return st;
}

/* Expect an event of TYPE next (consumed). */
static sy_status expect(pctx *c, yaml_event_type_t type, const char *what)
{
	yaml_event_t ev;
	sy_status st = next_event(c, &ev);

	if (st != SY_OK)
		return st;
	if (ev.type != type)
		st = FAIL_MARK(c, ev.start_mark, SY_ERR_FORMAT, "%s", what);
	event_delete(c, &ev);
	return st;
}

/* The one document of the stream as a tree (*ROOT, in C's arena). */
static sy_status build_document(pctx *c, pnode **root)
{
	yaml_event_t ev;
	sy_status st;

	*root = NULL;
	if ((st = expect(c, YAML_STREAM_START_EVENT, "no YAML stream")) != SY_OK)
		return st;
	if ((st = next_event(c, &ev)) != SY_OK)
		return st;
	if (ev.type != YAML_DOCUMENT_START_EVENT) {
		st = FAIL_MARK(c, ev.start_mark, SY_ERR_FORMAT,
			       "empty file: missing 'format' (not a shenyue "
			       "annotation file)");
		event_delete(c, &ev);
		return st;
	}
	event_delete(c, &ev);
	if ((st = next_event(c, &ev)) != SY_OK)
		return st;
	if ((st = build(c, &ev, 1, root)) != SY_OK)
		return st;
	st = expect(c, YAML_DOCUMENT_END_EVENT, "more than one YAML node");
	if (st == SY_OK)
		st = expect(c, YAML_STREAM_END_EVENT,
			    "more than one YAML document");
	if (st != SY_OK)
		*root = NULL;
	return st;
}

/* ------------------------------------------------------------ tree -> sy_node */

/* A copy of P as an sy_node (owned by the caller), NULL on OOM. */
static sy_node *to_node(const pnode *p)
{
	sy_node *n;
	size_t i;

	if (p->kind == SY_NODE_SCALAR)
		n = sy_node_scalar(p->text, p->quoted);
	else
		n = p->kind == SY_NODE_MAP ? sy_node_map() : sy_node_seq();
	if (!n)
		return NULL;
	if (p->tag && !(n->tag = strdup(p->tag))) {
		sy_node_free(n);
		return NULL;
	}
	for (i = 0; p->kind != SY_NODE_SCALAR && i < p->n; i++) {
		int r;
		if (p->kind == SY_NODE_MAP) {
			sy_node *v = to_node(p->kids[i + 1]);
			r = v ? sy_node_put(n, p->kids[i]->text, v) : -1;
			i++;
		} else {
			sy_node *v = to_node(p->kids[i]);
			r = v ? sy_node_push(n, v) : -1;
		}
		if (r < 0) {
			sy_node_free(n);
			return NULL;
		}
	}
	return n;
}

/* ------------------------------------------------------------ fields */

typedef struct field {
	const char *key;
	bool required;
	const pnode *k, *v;    /* set by take_fields; NULL when absent */
} field;

/* Sort the pairs of the mapping M into the fields F[0..NF) and the unknown
 * keys into *EXTRA (a new mapping, owned by the caller's model; left NULL
 * when there are none).  Refuses a non-mapping, a documented key given
 * twice and a missing required field.  WHAT names M in messages. */
static sy_status take_fields(pctx *c, const pnode *m, const char *what,
			     field *f, size_t nf, sy_node **extra)
{
	sy_node *copy;
	size_t i, j, t, next = 0;

	if (m->kind != SY_NODE_MAP)
		return FAIL_NODE(c, m, SY_ERR_FORMAT, "%s must be a mapping",
				 what);
	for (i = 0; i < m->n; i += 2) {
		const pnode *k = m->kids[i], *v = m->kids[i + 1];
		/* the keys are distinct: look from the one after the last
		 * found, as files mostly keep the table's order */
		for (t = 0, j = next; t < nf; t++, j = j + 1 < nf ? j + 1 : 0)
			if (f[j].key[0] == k->text[0] &&
			    strcmp(f[j].key, k->text) == 0)
				break;
		if (t == nf)
			j = nf;
		else
			next = j + 1 < nf ? j + 1 : 0;
		if (j < nf) {
			if (f[j].v)
				return FAIL_NODE(c, k, SY_ERR_FORMAT,
						 "duplicate key '%s' in %s",
						 k->text, what);
			f[j].k = k;
			f[j].v = v;
			continue;
		}
		if (!extra)
			continue;
		if (!*extra && !(*extra = sy_node_map()))
			return nomem(c);
		copy = to_node(v);
		if (!copy || sy_node_put(*extra, k->text, copy) < 0)
			return nomem(c);
	}
	for (j = 0; j < nf; j++)
		if (f[j].required && !f[j].v)
			return FAIL_NODE(c, m, SY_ERR_FORMAT,
					 "missing required field '%s' in %s",
					 f[j].key, what);
	return SY_OK;
}

/* YAML null: a plain ~, null, Null, NULL or nothing (or !!null). */
static bool is_null(const pnode *p)
{
	static const char *const words[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (p->kind != SY_NODE_SCALAR)
		return false;
	if (p->tag && strcmp(p->tag, TAG_NULL) == 0)
		return true;
	if (p->quoted || p->tag || !strchr("~nN", p->text[0]) ||
	    strnlen(p->text, 5) > 4)
		return false;
	for (i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(p->text, words[i]) == 0)
			return true;
	return false;
}

/* A scalar that may hold a number: plain and not tagged !!str. */
static bool is_plain(const pnode *p)
{
	return p->kind == SY_NODE_SCALAR && !p->quoted &&
	       !(p->tag && strcmp(p->tag, TAG_STR) == 0);
}

/* "the string " for a quoted scalar P, "" otherwise (for messages). */
static const char *quoted_word(const pnode *p)
{
	return p->kind == SY_NODE_SCALAR && !is_plain(p) ? "the string " : "";
}

/* P's text for messages ("a list", "a mapping" for collections). */
static const char *shown(const pnode *p)
{
	if (p->kind == SY_NODE_SCALAR)
		return p->text;
	return p->kind == SY_NODE_SEQ ? "a list" : "a mapping";
}

/* String field F into *OUT (owned by the caller).  Absent: *OUT = NULL.
 * Null: *OUT = NULL when NULLABLE, refused otherwise. */
static sy_status get_str(pctx *c, const field *f, char **out, bool nullable)
{
	*out = NULL;
	if (!f->v)
		return SY_OK;
	if (f->v->kind != SY_NODE_SCALAR)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: expected a string", f->key);
	if (is_null(f->v)) {
		if (nullable)
			return SY_OK;
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: expected a string, not null", f->key);
	}
	*out = strdup(f->v->text);
	return *out ? SY_OK : nomem(c);
}

/* Parse a decimal integer (optional sign, no leading zeros) in S.
 * 0 ok, -1 not an integer, -2 out of range. */
static int parse_ll(const char *s, long long *out)
{
	const char *d = s + (*s == '-' || *s == '+');
	char *end;

	if (*d < '0' || *d > '9' || (d[0] == '0' && d[1] != '\0'))
		return -1;
	for (end = (char *)d; *end >= '0' && *end <= '9'; end++)
		;
	if (*end)
		return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno == ERANGE ? -2 : 0;
}

/* Integer field F in [MIN, MAX] into *OUT.  An absent field is left as
 * is; null is taken (*IS_NULL = true) only when IS_NULL is non-NULL. */
static sy_status get_ll(pctx *c, const field *f, long long min,
			long long max, long long *out, bool *is_null_out)
{
	long long v;
	int r;

	if (is_null_out)
		*is_null_out = false;
	if (!f->v)
		return SY_OK;
	if (is_null_out && is_null(f->v)) {
		*is_null_out = true;
		return SY_OK;
	}
	if (!is_plain(f->v) || (r = parse_ll(f->v->text, &v)) == -1)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: expected an integer, not %s'%.40s'",
				 f->key, quoted_word(f->v), shown(f->v));
	if (r == -2 || v > max)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT, "%s: %s is too large",
				 f->key, f->v->text);
	if (v < min && min == 0)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: negative offset %s", f->key, f->v->text);
	if (v < min)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: %s is below %lld", f->key, f->v->text, min);
	*out = v;
	return SY_OK;
}

static sy_status get_size(pctx *c, const field *f, size_t *out)
{
	long long v = 0;
	long long max = (unsigned long long)SIZE_MAX < (unsigned long long)LLONG_MAX
			? (long long)SIZE_MAX : LLONG_MAX;
	sy_status st = get_ll(c, f, 0, max, &v, NULL);

	if (st == SY_OK && f->v)
		*out = (size_t)v;
	return st;
}

/* True when S is a decimal number as YAML 1.1 and 1.2 read one:
 * [-+]? (digits | digits.digits? | .digits) ([eE][-+]digits)?,
 * an integer without leading zeros, or .inf / .nan. */
static bool is_number_text(const char *s)
{
	static const char *const special[] = {
		".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf",
		"+.Inf", "+.INF", ".nan", ".NaN", ".NAN"
	};
	const char *p = s + (*s == '-' || *s == '+'), *ip;
	size_t i, idig, fdig = 0;
	bool dot = false;

	for (i = 0; i < sizeof special / sizeof *special; i++)
		if (strcmp(s, special[i]) == 0)
			return true;
	for (ip = p; *p >= '0' && *p <= '9'; p++)
		;
	idig = (size_t)(p - ip);
	if (*p == '.') {
		dot = true;
		for (ip = ++p; *p >= '0' && *p <= '9'; p++)
			;
		fdig = (size_t)(p - ip);
	}
	if (idig + fdig == 0)
		return false;
	if (!dot && idig > 1 && s[s[0] == '-' || s[0] == '+'] == '0')
		return false;          /* YAML 1.1 octal */
	if (*p == 'e' || *p == 'E') {
		if (!dot || (p[1] != '-' && p[1] != '+') || p[2] < '0' || p[2] > '9')
			return false;  /* PyYAML reads 1e5 as a string */
		for (p += 2; *p >= '0' && *p <= '9'; p++)
			;
	}
	return *p == '\0';
}

/* Number-or-null field F into *V / *HAS.  Absent: null. */
static sy_status get_num(pctx *c, const field *f, double *v, bool *has)
{
	const char *t;

	*v = 0;
	*has = false;
	if (!f->v || is_null(f->v))
		return SY_OK;
	if (!is_plain(f->v) || !is_number_text(f->v->text))
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: expected a number or null, not %s'%.40s'",
				 f->key, quoted_word(f->v), shown(f->v));
	t = f->v->text + (f->v->text[0] == '+');
	if (strstr(t, "inf") || strstr(t, "Inf") || strstr(t, "INF"))
		*v = t[0] == '-' ? -HUGE_VAL : HUGE_VAL;
	else if (strchr(t, 'n') || strchr(t, 'N'))
		*v = NAN;
	else
		*v = strtod(t, NULL);
	*has = true;
	return SY_OK;
}

static sy_status get_status(pctx *c, const field *f, sy_review_status *s)
{
	*s = SY_PENDING;
	if (!f->v)
		return SY_OK;
	if (f->v->kind != SY_NODE_SCALAR || is_null(f->v) ||
	    sy_status_parse(f->v->text, s) < 0)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "unknown status '%.40s' (expected pending, "
				 "accepted, fixed, rejected or added)",
				 shown(f->v));
	return SY_OK;
}

static sy_status get_approx(pctx *c, const field *f, sy_approx *a)
{
	*a = SY_APPROX_NONE;
	if (!f->v || is_null(f->v))
		return SY_OK;
	if (f->v->kind != SY_NODE_SCALAR || sy_approx_parse(f->v->text, a) < 0)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "unknown approx '%.40s' (expected null, over, "
				 "under, about or range)",
				 shown(f->v));
	return SY_OK;
}

static sy_status get_tags(pctx *c, const field *f, sy_tags *t)
{
	size_t i;

	if (!f->v || is_null(f->v))
		return SY_OK;
	if (f->v->kind != SY_NODE_SEQ)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "tags must be a list");
	for (i = 0; i < f->v->n; i++) {
		const pnode *p = f->v->kids[i];
		if (p->kind != SY_NODE_SCALAR || is_null(p))
			return FAIL_NODE(c, p, SY_ERR_FORMAT,
					 "tags: expected a string");
		if (sy_tags_add(t, p->text) < 0)
			return nomem(c);
	}
	return SY_OK;
}

/* ------------------------------------------------------------ the model */

/* The fields every item shares after its own, in the same order in the
 * section and statistic field tables. */
#define REVIEW_FIELDS \
	{ "status", true, NULL, NULL }, { "tags", false, NULL, NULL }, \
	{ "note", false, NULL, NULL }, { "proposed", false, NULL, NULL }

/* status, tags, note, proposed from F[0..3] into R. */
static sy_status get_review(pctx *c, const field *f, sy_review *r)
{
	sy_status st;

	if ((st = get_status(c, &f[0], &r->status)) != SY_OK ||
	    (st = get_tags(c, &f[1], &r->tags)) != SY_OK ||
	    (st = get_str(c, &f[2], &r->note, true)) != SY_OK)
		return st;
	if (!f[3].v || is_null(f[3].v))
		return SY_OK;
	if (f[3].v->kind != SY_NODE_MAP)
		return FAIL_NODE(c, f[3].v, SY_ERR_FORMAT,
				 "proposed must be a mapping");
	r->proposed = to_node(f[3].v);
	return r->proposed ? SY_OK : nomem(c);
}

/* start, end from FS, FE: start <= end <= source.chars. */
static sy_status get_span(pctx *c, const field *fs, const field *fe,
			  size_t *start, size_t *end)
{
	sy_status st;

	if ((st = get_size(c, fs, start)) != SY_OK ||
	    (st = get_size(c, fe, end)) != SY_OK)
		return st;
	if (*start > *end)
		return FAIL_NODE(c, fs->v, SY_ERR_FORMAT,
				 "start %zu > end %zu", *start, *end);
	if (*end > c->chars)
		return FAIL_NODE(c, fe->v, SY_ERR_FORMAT,
				 "end %zu beyond source.chars %zu", *end,
				 c->chars);
	return SY_OK;
}

/* A non-empty id from F into *ID. */
static sy_status get_id(pctx *c, const field *f, char **id)
{
	sy_status st = get_str(c, f, id, false);

	if (st == SY_OK && !**id)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT, "id must not be empty");
	return st;
}

/* The fields of a section and of a statistic, in the order the writer
 * puts them (the direct item reader relies on it). */
enum { SE_ID, SE_LEVEL, SE_MARKER, SE_TITLE, SE_START, SE_END, SE_REVIEW,
       SE_COUNT = SE_REVIEW + 4 };
#define SECTION_FIELDS { \
	{ "id", true, NULL, NULL }, { "level", true, NULL, NULL }, \
	{ "marker", true, NULL, NULL }, { "title", true, NULL, NULL }, \
	{ "start", true, NULL, NULL }, { "end", true, NULL, NULL }, \
	REVIEW_FIELDS }

enum { ST_ID, ST_TEXT, ST_START, ST_END, ST_VALUE, ST_UNIT, ST_APPROX,
       ST_VMAX, ST_SUBJECT, ST_SECTION, ST_REVIEW, ST_COUNT = ST_REVIEW + 4 };
#define STAT_FIELDS { \
	{ "id", true, NULL, NULL }, { "text", true, NULL, NULL }, \
	{ "start", true, NULL, NULL }, { "end", true, NULL, NULL }, \
	{ "value", true, NULL, NULL }, { "unit", false, NULL, NULL }, \
	{ "approx", false, NULL, NULL }, \
	{ "value_max", false, NULL, NULL }, \
	{ "subject", false, NULL, NULL }, \
	{ "section", false, NULL, NULL }, \
	REVIEW_FIELDS }

/* The section whose fields (SECTION_FIELDS, values found) are F into S. */
static sy_status section_fields(pctx *c, const field *f, sy_section *s)
{
	long long level = 0;
	sy_status st;

	free(s->id);
	s->id = NULL;
	if ((st = get_id(c, &f[SE_ID], &s->id)) != SY_OK ||
	    (st = get_ll(c, &f[SE_LEVEL], 1, INT_MAX, &level, NULL)) != SY_OK ||
	    (st = get_str(c, &f[SE_MARKER], &s->marker, false)) != SY_OK ||
	    (st = get_str(c, &f[SE_TITLE], &s->title, false)) != SY_OK ||
	    (st = get_span(c, &f[SE_START], &f[SE_END], &s->start,
			   &s->end)) != SY_OK)
		return st;
	s->level = (int)level;
	return get_review(c, &f[SE_REVIEW], &s->r);
}

static sy_status read_section(pctx *c, const pnode *m, sy_section *s)
{
	field f[] = SECTION_FIELDS;
	sy_status st;

	if ((st = take_fields(c, m, "section", f, sizeof f / sizeof *f,
			      &s->r.extra)) != SY_OK)
		return st;
	return section_fields(c, f, s);
}

/* The statistic whose fields (STAT_FIELDS) are F into S. */
static sy_status stat_fields(pctx *c, const field *f, sy_stat *s)
{
	sy_status st;

	free(s->id);
	s->id = NULL;
	if ((st = get_id(c, &f[ST_ID], &s->id)) != SY_OK ||
	    (st = get_str(c, &f[ST_TEXT], &s->text, false)) != SY_OK ||
	    (st = get_span(c, &f[ST_START], &f[ST_END], &s->start,
			   &s->end)) != SY_OK ||
	    (st = get_num(c, &f[ST_VALUE], &s->value, &s->has_value)) != SY_OK ||
	    (st = get_str(c, &f[ST_UNIT], &s->unit, true)) != SY_OK ||
	    (st = get_approx(c, &f[ST_APPROX], &s->approx)) != SY_OK ||
	    (st = get_num(c, &f[ST_VMAX], &s->value_max,
			  &s->has_value_max)) != SY_OK ||
	    (st = get_str(c, &f[ST_SUBJECT], &s->subject, true)) != SY_OK ||
	    (st = get_str(c, &f[ST_SECTION], &s->section, true)) != SY_OK)
		return st;
	return get_review(c, &f[ST_REVIEW], &s->r);
}

static sy_status read_stat(pctx *c, const pnode *m, sy_stat *s)
{
	field f[] = STAT_FIELDS;
	sy_status st;

	if ((st = take_fields(c, m, "statistic", f, sizeof f / sizeof *f,
			      &s->r.extra)) != SY_OK)
		return st;
	return stat_fields(c, f, s);
}

static bool is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
			return false;
	return s[64] == '\0';
}

static sy_status read_source(pctx *c, const pnode *m, sy_sourceinfo *s)
{
	field f[] = {
		{ "path", true, NULL, NULL }, { "sha256", true, NULL, NULL },
		{ "encoding", false, NULL, NULL }, { "chars", true, NULL, NULL },
	};
	char *sha = NULL;
	sy_status st;

	if ((st = take_fields(c, m, "source", f, 4, &s->extra)) != SY_OK ||
	    (st = get_str(c, &f[0], &s->path, false)) != SY_OK ||
	    (st = get_str(c, &f[1], &sha, false)) != SY_OK)
		return st;
	if (!is_hex64(sha)) {
		free(sha);
		return FAIL_NODE(c, f[1].v, SY_ERR_FORMAT,
				 "sha256: expected 64 hex digits");
	}
	memcpy(s->sha256, sha, 65);
	free(sha);
	if ((st = get_str(c, &f[2], &s->encoding, true)) != SY_OK ||
	    (st = get_size(c, &f[3], &s->chars)) != SY_OK)
		return st;
	if (f[3].v) {
		s->chars_line = f[3].v->line;
		s->chars_col = f[3].v->col;
	}
	if (!s->encoding && !(s->encoding = strdup("utf-8")))
		return nomem(c);
	if (strcmp(s->encoding, "utf-8") != 0 &&
	    strcmp(s->encoding, "gb18030") != 0)
		return FAIL_NODE(c, f[2].v, SY_ERR_FORMAT,
				 "unknown encoding '%.40s' (expected utf-8 or "
				 "gb18030)", s->encoding);
	c->chars = s->chars;
	return SY_OK;
}

static sy_status read_document(pctx *c, const pnode *m, sy_docfacts *d)
{
	field f[] = {
		{ "title", false, NULL, NULL }, { "issuer", false, NULL, NULL },
		{ "region", false, NULL, NULL }, { "year", false, NULL, NULL },
		{ "date", false, NULL, NULL }, { "status", false, NULL, NULL },
	};
	long long year = 0;
	bool null_year;
	sy_status st;

	if (!m || is_null(m))
		return SY_OK;
	if ((st = take_fields(c, m, "document", f, 6, &d->extra)) != SY_OK ||
	    (st = get_str(c, &f[0], &d->title, true)) != SY_OK ||
	    (st = get_str(c, &f[1], &d->issuer, true)) != SY_OK ||
	    (st = get_str(c, &f[2], &d->region, true)) != SY_OK ||
	    (st = get_ll(c, &f[3], INT_MIN, INT_MAX, &year, &null_year)) != SY_OK ||
	    (st = get_str(c, &f[4], &d->date, true)) != SY_OK ||
	    (st = get_status(c, &f[5], &d->status)) != SY_OK)
		return st;
	d->year = null_year ? 0 : (int)year;
	return SY_OK;
}

static sy_status read_review(pctx *c, const pnode *m, sy_reviewinfo *r)
{
	field f[] = {
		{ "reviewer", false, NULL, NULL }, { "updated", false, NULL, NULL },
		{ "cursor", false, NULL, NULL },
	};
	sy_status st;

	if (!m || is_null(m))
		return SY_OK;
	r->present = true;
	if ((st = take_fields(c, m, "review", f, 3, &r->extra)) != SY_OK ||
	    (st = get_str(c, &f[0], &r->reviewer, true)) != SY_OK ||
	    (st = get_str(c, &f[1], &r->updated, true)) != SY_OK)
		return st;
	return get_str(c, &f[2], &r->cursor, true);
}

/* ------------------------------------------------------------ the items */

/* Remember where the id of list LIST's next item is (P: the id value). */
static sy_status note_pos(pctx *c, int list, const pnode *p)
{
	itemlist *l = &c->lists[list];

	if (l->npos == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		idpos *v = cap <= SIZE_MAX / sizeof *v
			   ? realloc(l->pos, cap * sizeof *v) : NULL;
		if (!v)
			return nomem(c);
		l->pos = v;
		l->cap = cap;
	}
	l->pos[l->npos++] = (idpos){ p->line, p->col };
	return SY_OK;
}

/* The node of the `id` value of item map M (for messages). */
static const pnode *id_node(const pnode *m)
{
	size_t i;

	for (i = 0; i < m->n; i += 2)
		if (strcmp(m->kids[i]->text, "id") == 0)
			return m->kids[i + 1];
	return m;
}

/* Room for one more element of SIZE bytes in *V (count N, capacity *CAP),
 * growing as sy_annot_add_section does.  0, or -1 on OOM (*V unchanged). */
static int grow(void **v, size_t n, size_t *cap, size_t size)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (ncap > SIZE_MAX / size || !(p = realloc(*v, ncap * size)))
		return -1;
	*v = p;
	*cap = ncap;
	return 0;
}

/* The item map M as a new item at the end of list LIST of the model.
 * (Not sy_annot_add_section / _stat: the fresh id they make would at once
 * be replaced by the file's.) */
/* A new zeroed item at the end of list LIST of the model (a sy_section or
 * a sy_stat), or NULL on OOM. */
static void *new_item(pctx *c, int list)
{
	sy_annot *a = c->a;
	void *v;

	if (list == L_SECTIONS) {
		v = a->sections;
		if (grow(&v, a->nsections, &a->capsections, sizeof *a->sections) < 0)
			return NULL;
		a->sections = v;
		memset(&a->sections[a->nsections], 0, sizeof *a->sections);
		return &a->sections[a->nsections++];
	}
	v = a->stats;
	if (grow(&v, a->nstats, &a->capstats, sizeof *a->stats) < 0)
		return NULL;
	a->stats = v;
	memset(&a->stats[a->nstats], 0, sizeof *a->stats);
	return &a->stats[a->nstats++];
}

static sy_status read_item(pctx *c, int list, const pnode *m)
{
	void *item = new_item(c, list);
	sy_status st;

	if (!item)
		return nomem(c);
	st = list == L_SECTIONS ? read_section(c, m, item) : read_stat(c, m, item);
	return st == SY_OK ? note_pos(c, list, id_node(m)) : st;
}

/* Stream the sequence that starts with EV (consumed) as list LIST: each
 * item is built, read into the model (source.chars taken from SOURCE, the
 * source value) and released at once.  The first failure of an item is
 * kept in the list for read_items; later items are then only parsed.
 * YAML errors are returned at once.  *OUT is an empty sequence node in
 * C's arena standing for the list in the tree. */
static sy_status stream_items(pctx *c, yaml_event_t *ev, int list,
			      const pnode *source, pnode **out)
{
	itemlist *l = &c->lists[list];
	yaml_event_t iev;
	pnode *p = NULL, *item;
	sy_status st = SY_OK;
	size_t i;

	*out = NULL;
	if (++c->nodes > MAX_NODES)
		st = FAIL_MARK(c, ev->start_mark, SY_ERR_LIMIT,
			       "more than %u YAML nodes", MAX_NODES);
	else if (ev->data.sequence_start.anchor)
		st = FAIL_MARK(c, ev->start_mark, SY_ERR_FORMAT,
			       "anchors are not allowed");
	else if (!(p = pnode_new(c, SY_NODE_SEQ, ev,
				 ev->data.sequence_start.tag, 0)))
		st = nomem(c);
	event_delete(c, ev);
	if (st != SY_OK)
		return st;
	l->streamed = true;
	/* source.chars as read_source will read it; when it will refuse it,
	 * the items do not matter */
	c->chars = SIZE_MAX;
	for (i = 0; source->kind == SY_NODE_MAP && i < source->n; i += 2) {
		const pnode *v = source->kids[i + 1];
		long long n;
		if (strcmp(source->kids[i]->text, "chars") != 0)
			continue;
		if (is_plain(v) && parse_ll(v->text, &n) == 0 && n >= 0 &&
		    (unsigned long long)n <= SIZE_MAX)
			c->chars = (size_t)n;
		break;
	}
	c->direct = list + 1;
	for (;;) {
		amark m;
		if ((st = next_event(c, &iev)) != SY_OK) {
			c->direct = 0;
			return st;
		}
		if (iev.type == YAML_SEQUENCE_END_EVENT) {
			event_delete(c, &iev);
			break;
		}
		m = arena_mark(&c->ar);
		if ((st = build(c, &iev, 3, &item)) != SY_OK) {
			c->direct = 0;
			return st;
		}
		if (l->st == SY_OK) {
			sy_error *keep = c->err;
			c->err = &l->err;
			l->st = read_item(c, list, item);
			c->err = keep;
		}
		arena_release(&c->ar, m);
	}
	c->direct = 0;
	*out = p;
	return SY_OK;
}

/* ------------------------------------------------------------ direct items
 *
 * Most items are exactly what the writer writes: "- id: ...", then one
 * "  key: value" line for each field in the writer's order (SECTION_FIELDS,
 * STAT_FIELDS) up to tags, maybe a note, maybe a proposed mapping of
 * scalars, and nothing else (no unknown key, no blank or comment line).
 * While a list is streamed, the fast scanner reads such an item straight
 * into the model: its values are scanned by fast_value as always and
 * become pnodes on the side, read by the same section_fields /
 * stat_fields, without events, tree or key matching.  Anything else is left to the events; a value the model
 * refuses makes the scanner give up, as any failure does. */

/* The most "proposed" keys of an item read directly. */
#define DIRECT_MAX_PROPOSED 32

/* The line after offset *AT of the input not yet taken, without taking
 * it: 1 with *S, *N, and *AT past it; 0 at the end of the input; -1 when
 * the line is not all read in yet. */
static int fast_peek(pctx *c, size_t *at, const char **s, size_t *n)
{
	fast *f = c->fast;
	const char *base = c->in ? f->buf + f->beg : f->p;
	const char *end = c->in ? f->buf + f->fill : f->end;
	const char *p = base + *at, *nl;

	if (p == end)
		return !c->in || f->eof ? 0 : -1;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl && c->in && !f->eof)
		return -1;
	*s = p;
	*n = nl ? (size_t)(nl - p) : (size_t)(end - p);
	*at = (size_t)((nl ? nl + 1 : end) - base);
	return 1;
}

/* S (N bytes) is "  KEY: " and a value. */
static bool key_line(const char *s, size_t n, const char *key)
{
	size_t k = strlen(key);

	return n > k + 4 && s[0] == ' ' && s[1] == ' ' &&
	       memcmp(s + 2, key, k) == 0 && s[k + 2] == ':' && s[k + 3] == ' ';
}

/* Room for N more bytes in the direct reader's text buffer and for NT tag
 * nodes.  0, or -1 on OOM. */
static int direct_room(fast *f, size_t n, size_t nt)
{
	if (n > f->dtmpcap) {
		char *t = realloc(f->dtmp, n);
		if (!t)
			return -1;
		f->dtmp = t;
		f->dtmpcap = n;
	}
	if (nt > f->dtagcap) {
		pnode *t = calloc(nt, sizeof *t);
		pnode **k = calloc(nt, sizeof *k);
		if (!t || !k) {
			free(t);
			free(k);
			return -1;
		}
		free(f->dtags);
		free(f->dkids);
		f->dtags = t;
		f->dkids = k;
		f->dtagcap = nt;
	}
	return 0;
}

/* The value at column J of the line S (N bytes), scanned by fast_value:
 * its events are then in fast.q.  0, 1 when the line is outside the
 * subset, -1 on OOM. */
static int direct_scan(fast *f, const char *s, size_t n, size_t j)
{
	if (n > FAST_MAX_LINE || !fast_text_ok(s, n))
		return 1;
	if (tmp_room(f, n) < 0)
		return -1;
	f->qn = f->qi = 0;
	if (fast_value(f, s, n, j) < 0) {
		f->qn = 0;
		return 1;
	}
	return 0;
}

/* *P becomes a scalar node of the text V[0..LEN), copied into fast.dtmp
 * at *USED (which moves past it), QUOTED or plain, at LINE, COL. */
static void direct_scalar(fast *f, pnode *p, const char *v, size_t len,
			  bool quoted, size_t line, size_t col, size_t *used)
{
	memset(p, 0, sizeof *p);
	p->kind = SY_NODE_SCALAR;
	p->text = f->dtmp + *used;
	memcpy(p->text, v, len);
	p->text[len] = '\0';
	p->quoted = quoted;
	p->line = line;
	p->col = col;
	*used += len + 1;
}

/* direct_item without emptying the event queue it borrows. */
static int direct_read(pctx *c, const char *s, size_t n)
{
	fast *f = c->fast;
	int list = c->direct - 1;
	field fs[SE_COUNT] = SECTION_FIELDS, ft[ST_COUNT] = STAT_FIELDS;
	field *fl = list == L_SECTIONS ? fs : ft;
	size_t rv = list == L_SECTIONS ? SE_REVIEW : ST_REVIEW;
	const char *ls[ST_COUNT], *pl[DIRECT_MAX_PROPOSED];
	size_t ln[ST_COUNT], pln[DIRECT_MAX_PROPOSED], nl = 1, np = 0, at = 0;
	size_t end = 0, total = n, i, used = 0, ntags = 0, nodes;
	bool prop = false;
	pnode vals[ST_COUNT], pk[DIRECT_MAX_PROPOSED], pv[DIRECT_MAX_PROPOSED];
	pnode pmap, *pkids[2 * DIRECT_MAX_PROPOSED];
	sy_error scratch, *keep;
	sy_status st;
	void *item;
	int r;

	/* the lines: the fields up to tags, maybe a note, maybe "proposed:"
	 * and its "    key: value" lines, then a line at column 0 or the end
	 * of the input */
	ls[0] = s;
	ln[0] = n;
	for (;;) {
		const char *t;
		size_t tn, before = at;

		r = fast_peek(c, &at, &t, &tn);
		if (r < 0)
			return 0;
		if (!prop && (nl <= rv + 1 ||
			      (nl == rv + 2 && r > 0 && key_line(t, tn, "note")))) {
			if (r == 0 || !key_line(t, tn, fl[nl].key))
				return 0;
			ls[nl] = t;
			ln[nl++] = tn;
			total += tn;
			continue;
		}
		if (!prop && r > 0 && tn == 11 && memcmp(t, "  proposed:", 11) == 0) {
			prop = true;
			continue;
		}
		if (prop && r > 0 && tn > 4 && memcmp(t, "    ", 4) == 0) {
			if (np == DIRECT_MAX_PROPOSED)
				return 0;
			pl[np] = t;
			pln[np++] = tn;
			total += tn;
			continue;
		}
		if ((prop && np == 0) ||
		    (r > 0 && (tn == 0 || t[0] == ' ' || t[0] == '#')))
			return 0;
		end = before;
		break;
	}
	if (direct_room(f, 2 * total + 16, total / 2 + 1) < 0)
		return -1;
	/* the values, as fast_feed would scan them */
	memset(vals, 0, sizeof vals);
	for (i = 0; i < nl; i++) {
		size_t j = 4 + strlen(fl[i].key), q;
		bool tags = i == rv + 1;

		if ((r = direct_scan(f, ls[i], ln[i], j)) != 0)
			return r < 0 ? -1 : 0;
		if (tags ? f->q[0].type != YAML_SEQUENCE_START_EVENT
			 : f->qn != 1 || f->q[0].type != YAML_SCALAR_EVENT)
			return 0;
		vals[i].kind = tags ? SY_NODE_SEQ : SY_NODE_SCALAR;
		vals[i].line = f->line + i;
		vals[i].col = j;
		for (q = tags ? 1 : 0; q < f->qn; q++) {
			const fevent *e = &f->q[q];
			pnode *p = tags ? &f->dtags[ntags] : &vals[i];

			if (e->type != YAML_SCALAR_EVENT)
				continue;       /* the list's end */
			if (e->len > MAX_SCALAR)
				return 0;
			direct_scalar(f, p, e->v, e->len,
				      e->style != YAML_PLAIN_SCALAR_STYLE,
				      f->line + i, e->col, &used);
			if (tags)
				f->dkids[ntags++] = p;
		}
		if (tags) {
			vals[i].kids = f->dkids;
			vals[i].n = vals[i].cap = ntags;
		}
		fl[i].v = &vals[i];
	}
	/* proposed: "    KEY: VALUE", KEY as fast_feed takes it, VALUE a
	 * scalar */
	for (i = 0; i < np; i++) {
		const char *t = pl[i];
		size_t tn = pln[i], j, line = f->line + nl + 1 + i;
		const fevent *e;

		for (j = 4; j < tn && key_char(t[j]); j++)
			;
		if (j == 4 || t[4] == '-' || j - 4 > FAST_MAX_KEY ||
		    j + 2 >= tn || t[j] != ':' || t[j + 1] != ' ')
			return 0;
		if ((r = direct_scan(f, t, tn, j + 2)) != 0)
			return r < 0 ? -1 : 0;
		e = &f->q[0];
		if (f->qn != 1 || e->type != YAML_SCALAR_EVENT || e->len > MAX_SCALAR)
			return 0;
		direct_scalar(f, &pk[i], t + 4, j - 4, false, line, 4, &used);
		direct_scalar(f, &pv[i], e->v, e->len,
			      e->style != YAML_PLAIN_SCALAR_STYLE, line, j + 2,
			      &used);
		pkids[2 * i] = &pk[i];
		pkids[2 * i + 1] = &pv[i];
	}
	if (prop) {
		memset(&pmap, 0, sizeof pmap);
		pmap.kind = SY_NODE_MAP;
		pmap.line = f->line + nl + 1;
		pmap.col = 4;
		pmap.kids = pkids;
		pmap.n = pmap.cap = 2 * np;
		fl[rv + 3].v = &pmap;
	}
	/* the nodes the events would have built: the mapping, each key and
	 * value, each tag, proposed's mapping and its keys and values */
	nodes = 1 + 2 * nl + ntags + (prop ? 2 + 2 * np : 0);
	if (c->nodes + nodes > MAX_NODES)
		return 0;
	/* into the model, as read_item does */
	if (!(item = new_item(c, list)))
		return -1;
	keep = c->err;
	c->err = &scratch;
	st = list == L_SECTIONS ? section_fields(c, fl, item)
				: stat_fields(c, fl, item);
	if (st == SY_OK)
		st = note_pos(c, list, &vals[0]);
	c->err = keep;
	if (st != SY_OK)
		return -1;      /* the model refuses it: libyaml will say why */
	c->nodes += nodes;
	/* take the item's lines */
	if (c->in)
		f->beg += end;
	else
		f->p += end;
	f->line += nl + (prop ? 1 + np : 0);
	f->any = true;
	c->info.direct++;
	return 1;
}

/* The item whose first line S (N bytes, "- id: ...") was just taken from
 * the input, read directly when it is in the writer's shape (see above).
 * Returns 1 when the item is in the model and its lines are taken, 0 when
 * it is left to the events (nothing changed), -1 to give up.  The values
 * are scanned through the (empty) event queue, emptied again after. */
static int direct_item(pctx *c, const char *s, size_t n)
{
	int r = direct_read(c, s, n);

	c->fast->qn = c->fast->qi = 0;
	return r;
}

/* The list F (LIST: L_SECTIONS or L_STATS) into the model.  A streamed
 * list is already there: its kept failure, if any, is returned now. */
static sy_status read_items(pctx *c, const field *f, int list)
{
	const itemlist *l = &c->lists[list];
	size_t i;
	sy_status st;

	if (l->streamed) {
		if (l->st != SY_OK && c->err)
			*c->err = l->err;
		return l->st;
	}
	if (!f->v || is_null(f->v))
		return SY_OK;
	if (f->v->kind != SY_NODE_SEQ)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT, "%s must be a list",
				 f->key);
	for (i = 0; i < f->v->n; i++)
		if ((st = read_item(c, list, f->v->kids[i])) != SY_OK)
			return st;
	return SY_OK;
}

/* ------------------------------------------------------------ ids */

/* Item I of the model counting sections, then statistics, in file order
 * (before sorting): its id and where the id is. */
static const char *item_id(const pctx *c, size_t i, const idpos **where)
{
	const sy_annot *a = c->a;

	if (i < a->nsections) {
		*where = &c->lists[L_SECTIONS].pos[i];
		return a->sections[i].id;
	}
	*where = &c->lists[L_STATS].pos[i - a->nsections];
	return a->stats[i - a->nsections].id;
}

static uint32_t id_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Refuse a duplicate id over sections and statistics.  Of the ids that
 * occur more than once, the message names the smallest (strcmp), at its
 * second occurrence in the order sections, statistics. */
static sy_status check_ids(pctx *c)
{
	size_t n = c->a->nsections + c->a->nstats, cap = 16, i, h;
	size_t dup = SIZE_MAX, first = 0;
	const idpos *w, *w1;
	const char *id;
	uint32_t *t;

	if (n < 2)
		return SY_OK;
	if (n >= UINT32_MAX / 2)
		return nomem(c);
	while (cap < 2 * n)
		cap *= 2;
	t = malloc(cap * sizeof *t);
	if (!t)
		return nomem(c);
	memset(t, 0xff, cap * sizeof *t);
	for (i = 0; i < n; i++) {
		id = item_id(c, i, &w);
		for (h = id_hash(id) & (cap - 1); t[h] != UINT32_MAX;
		     h = (h + 1) & (cap - 1))
			if (strcmp(item_id(c, t[h], &w1), id) == 0)
				break;
		if (t[h] == UINT32_MAX) {
			t[h] = (uint32_t)i;
		} else if (dup == SIZE_MAX ||
			   strcmp(id, item_id(c, dup, &w1)) < 0) {
			dup = i;
			first = t[h];
		}
	}
	free(t);
	if (dup == SIZE_MAX)
		return SY_OK;
	id = item_id(c, dup, &w);
	item_id(c, first, &w1);
	return fail_at(c, w->line, w->col, SY_ERR_FORMAT,
		       "duplicate id '%.40s' (first at line %zu)", id,
		       w1->line + 1);
}

/* Raise *NEXT above the number of ID when ID is PREFIX + digits. */
static sy_status bump_next(pctx *c, const char *id, const idpos *where,
			   char prefix, unsigned *next)
{
	unsigned long long v = 0;
	const char *p;

	if (id[0] != prefix || !id[1])
		return SY_OK;
	for (p = id + 1; *p; p++) {
		if (*p < '0' || *p > '9')
			return SY_OK;
		v = v * 10 + (unsigned)(*p - '0');
		if (v >= UINT_MAX)
			return FAIL_NODE(c, where, SY_ERR_LIMIT,
					 "id number too large: %.40s", id);
	}
	if (v + 1 > *next)
		*next = (unsigned)(v + 1);
	return SY_OK;
}

/* next_section_id / next_stat_id: one past the largest "sN" / "nN" in the
 * file, at least 1. */
static sy_status set_next_ids(pctx *c)
{
	sy_annot *a = c->a;
	size_t i;
	sy_status st;

	a->next_section_id = a->next_stat_id = 1;
	for (i = 0; i < a->nsections + a->nstats; i++) {
		const idpos *w;
		const char *id = item_id(c, i, &w);
		if ((st = bump_next(c, id, w, 's', &a->next_section_id)) != SY_OK ||
		    (st = bump_next(c, id, w, 'n', &a->next_stat_id)) != SY_OK)
			return st;
	}
	return SY_OK;
}

/* ------------------------------------------------------------ top level */

enum { T_FORMAT, T_SOURCE, T_DOCUMENT, T_SECTIONS, T_STATS, T_REVIEW };

static sy_status check_format(pctx *c, const pnode *root)
{
	size_t i;

	if (root->kind != SY_NODE_MAP)
		return FAIL_NODE(c, root, SY_ERR_FORMAT,
				 "not a shenyue annotation file: expected a "
				 "mapping with 'format'");
	for (i = 0; i < root->n; i += 2) {
		const pnode *v = root->kids[i + 1];
		if (strcmp(root->kids[i]->text, "format") != 0)
			continue;
		if (v->kind != SY_NODE_SCALAR ||
		    strcmp(v->text, SY_FORMAT_NAME) != 0)
			return FAIL_NODE(c, v, SY_ERR_FORMAT,
					 "unknown format '%.60s' (expected "
					 SY_FORMAT_NAME ")", shown(v));
		return SY_OK;
	}
	return FAIL_NODE(c, root, SY_ERR_FORMAT,
			 "missing 'format' (not a shenyue annotation file)");
}

static sy_status read_root(pctx *c, const pnode *root, sy_annot *a)
{
	field f[] = {
		{ "format", true, NULL, NULL }, { "source", true, NULL, NULL },
		{ "document", false, NULL, NULL },
		{ "sections", false, NULL, NULL },
		{ "statistics", false, NULL, NULL },
		{ "review", false, NULL, NULL },
	};
	sy_status st;

	if ((st = check_format(c, root)) != SY_OK ||
	    (st = take_fields(c, root, "the top-level mapping", f, 6, &a->extra)) != SY_OK ||
	    (st = read_source(c, f[T_SOURCE].v, &a->source)) != SY_OK ||
	    (st = read_document(c, f[T_DOCUMENT].v, &a->doc)) != SY_OK ||
	    (st = read_items(c, &f[T_SECTIONS], L_SECTIONS)) != SY_OK ||
	    (st = read_items(c, &f[T_STATS], L_STATS)) != SY_OK ||
	    (st = read_review(c, f[T_REVIEW].v, &a->review)) != SY_OK ||
	    (st = check_ids(c)) != SY_OK ||
	    (st = set_next_ids(c)) != SY_OK)
		return st;
	sy_annot_sort(a);
	return SY_OK;
}

/* ------------------------------------------------------------ input */

/* Read up to SIZE bytes of IN into BUF (*GOT bytes).  1 data, 0 end of
 * file, -1 a read error or the size limit (noted in IN).  The first NUL
 * byte is noted in IN. */
static int fd_chunk(fdin *in, unsigned char *buf, size_t size, size_t *got)
{
	const unsigned char *z;
	ssize_t r;

	*got = 0;
	if (in->errnum || in->limit)
		return -1;
	if (in->total >= MAX_FILE) {
		in->limit = true;
		return -1;
	}
	if (size > MAX_FILE - in->total)
		size = MAX_FILE - in->total;
	if (size > SSIZE_MAX)
		size = SSIZE_MAX;
	do
		r = read(in->fd, buf, size);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		in->errnum = errno ? errno : EIO;
		return -1;
	}
	if (r == 0)
		return 0;
	if (!in->nul && (z = memchr(buf, '\0', (size_t)r))) {
		in->nul = true;
		in->nul_off = in->total + (size_t)(z - buf);
	}
	in->total += (size_t)r;
	*got = (size_t)r;
	return 1;
}

/* libyaml's read handler over an fdin: fails at a read error, the size
 * limit or a NUL byte (sy_annot_load reports them). */
static int fd_read(void *data, unsigned char *buf, size_t size, size_t *got)
{
	fdin *in = data;

	if (fd_chunk(in, buf, size, got) < 0 || in->nul) {
		*got = 0;
		return 0;
	}
	return 1;
}

/* After a failure ST of a file being read: read the rest of it, and return
 * the error that reading the whole file first would have given (a read
 * error, the size limit, a NUL byte), else ST. */
static sy_status input_failure(pctx *c, sy_status st)
{
	fdin *in = c->in;
	unsigned char b[16384];
	size_t got, line, col;

	while (fd_chunk(in, b, sizeof b, &got) > 0)
		;
	if (in->errnum)
		return sy_fail(c->err, SY_ERR_IO, "%s: %s", in->path,
			       strerror(in->errnum));
	if (in->limit)
		return sy_fail(c->err, SY_ERR_LIMIT, "%s: file larger than 1 GiB",
			       in->path);
	if (in->nul) {
		locate(c, in->nul_off, &line, &col);
		return fail_at(c, line, col, SY_ERR_FORMAT,
			       "NUL byte in input (not a text file)");
	}
	return st;
}

/* Refuse a NUL byte anywhere in the input. */
static sy_status check_nul(pctx *c)
{
	const char *z = c->len ? memchr(c->buf, '\0', c->len) : NULL;
	size_t line, col;

	if (!z)
		return SY_OK;
	locate(c, (size_t)(z - c->buf), &line, &col);
	return fail_at(c, line, col, SY_ERR_FORMAT,
		       "NUL byte in input (not a text file)");
}

/* Build and read the whole document (see sy_annot_parse). */
static sy_status parse_all(pctx *c, sy_annot *a)
{
	pnode *root;
	sy_status st = build_document(c, &root);

	return st == SY_OK ? read_root(c, root, a) : st;
}

/* Forget everything read so far, for reading again. */
static void reset(pctx *c, sy_annot *a)
{
	int i;

	sy_annot_free(a);
	arena_release(&c->ar, (amark){ NULL, 0 });
	for (i = 0; i < 2; i++) {
		free(c->lists[i].pos);
		memset(&c->lists[i], 0, sizeof c->lists[i]);
	}
	c->nodes = 0;
	c->chars = 0;
}

/* Parse the input (C->buf, or C->in from its start) into A, which owns the
 * result on success and is left empty on failure.  First with the fast
 * scanner; when it gives up or anything fails, again with libyaml, whose
 * reading decides. */
static sy_status run(pctx *c, sy_annot *a)
{
	sy_error *err = c->err, scratch;
	fast f;
	sy_status st;
	locale_t cloc, old = (locale_t)0;
	bool yaml = false;

	c->a = a;
	/* numbers are read with '.', whatever LC_NUMERIC says */
	cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (cloc)
		old = uselocale(cloc);
	memset(&f, 0, sizeof f);
	f.p = c->buf;
	f.end = c->buf ? c->buf + c->len : NULL;   /* no buffer: reading a file */
	if (!c->libyaml_only) {
		const char *mode = getenv("SHENYUE_READER");
		c->libyaml_only = mode && strcmp(mode, "libyaml") == 0;
	}
	if (c->libyaml_only) {
		st = SY_ERR_FORMAT;
	} else {
		c->fast = &f;
		c->err = &scratch;
		st = parse_all(c, a);
		c->fast = NULL;
		c->err = err;
		fast_free(&f);
		c->info.fast = st == SY_OK;
		if (st != SY_OK)
			c->info.direct = 0;
	}
	if (st != SY_OK) {
		reset(c, a);
		st = SY_OK;
		if (c->in) {
			if (lseek(c->in->fd, 0, SEEK_SET) != 0)
				st = sy_fail(err, SY_ERR_IO, "%s: %s", c->name,
					     strerror(errno));
			c->in->total = 0;
			c->in->errnum = 0;
			c->in->limit = c->in->nul = false;
		}
		if (st == SY_OK && !(yaml = yaml_parser_initialize(&c->y)))
			st = nomem(c);
		if (st == SY_OK) {
			if (c->in)
				yaml_parser_set_input(&c->y, fd_read, c->in);
			else
				yaml_parser_set_input_string(
					&c->y, (const unsigned char *)c->buf, c->len);
			st = parse_all(c, a);
			if (st != SY_OK && c->in)
				st = input_failure(c, st);
		}
	}
	if (cloc) {
		uselocale(old);
		freelocale(cloc);
	}
	if (yaml)
		yaml_parser_delete(&c->y);
	if (st != SY_OK)
		sy_annot_free(a);
	free(c->lists[L_SECTIONS].pos);
	free(c->lists[L_STATS].pos);
	arena_free(&c->ar);
	return st;
}

/* sy_annot_parse, with or without the fast scanner. */
/* sy_annot_parse, with or without the fast scanner; *INFO (may be NULL)
 * tells how it went. */
static sy_status parse_buffer(const char *buf, size_t len, const char *name,
			      sy_annot *a, sy_error *err, bool libyaml_only,
			      sy_parse_info *info)
{
	pctx c;
	sy_status st;

	sy_annot_init(a);
	memset(&c, 0, sizeof c);
	c.libyaml_only = libyaml_only;
	c.name = name ? name : "<input>";
	c.buf = buf ? buf : "";
	c.len = buf ? len : 0;
	c.err = err;
	if ((st = check_nul(&c)) == SY_OK)
		st = run(&c, a);
	if (info)
		*info = c.info;
	return st;
}

sy_status sy_annot_parse(const char *buf, size_t len, const char *name,
			 sy_annot *a, sy_error *err)
{
	return parse_buffer(buf, len, name, a, err, false, NULL);
}

sy_status sy_annot_parse_libyaml(const char *buf, size_t len, const char *name,
				 sy_annot *a, sy_error *err)
{
	return parse_buffer(buf, len, name, a, err, true, NULL);
}

sy_status sy_annot_parse_info(const char *buf, size_t len, const char *name,
			      sy_annot *a, sy_parse_info *info, sy_error *err)
{
	return parse_buffer(buf, len, name, a, err, false, info);
}

/* A regular file is parsed as it is read, never held whole (the parser
 * reads it through fd_read, at most MAX_FILE bytes); anything else (a
 * FIFO, a device) is refused before it is read (fileopen.h). */
sy_status sy_annot_load(const char *path, sy_annot *a, sy_error *err)
{
	fdin in;
	pctx c;
	sy_status r;
	int fd;

	sy_annot_init(a);
	if ((r = sy_open_regular(path, &fd, NULL, err)) != SY_OK)
		return r;
	memset(&in, 0, sizeof in);
	in.fd = fd;
	in.path = path;
	memset(&c, 0, sizeof c);
	c.name = path;
	c.in = &in;
	c.err = err;
	r = run(&c, a);
	close(fd);
	return r;
}
