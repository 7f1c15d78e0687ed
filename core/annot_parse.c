/* annot_parse.c - reading the annotation file (format 1) with libyaml's
 * event parser (see annot_io.h).
 *
 * Two steps: the events become a small tree of pnodes that remember where
 * each value was (line, column), refusing aliases, anchors, deep nesting,
 * huge scalars and too many nodes on the way; then the tree is mapped onto
 * the model, refusing anything that is not format 1 with
 * "NAME:LINE:COLUMN: reason".  Unknown keys become sy_nodes in `extra`.
 */
#include "annot_io.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#define MAX_DEPTH 64
#define MAX_SCALAR ((size_t)1 << 20)
#ifndef SY_MAX_NODES
#define SY_MAX_NODES 10000000u
#endif
#define MAX_NODES SY_MAX_NODES
#define MAX_FILE ((size_t)1 << 30)

#define TAG_STR "tag:yaml.org,2002:str"
#define TAG_NULL "tag:yaml.org,2002:null"

/* ------------------------------------------------------------ the tree */

typedef struct pnode pnode;
struct pnode {
	sy_node_kind kind;
	char *text;            /* SCALAR, NUL-terminated, owned */
	int quoted;            /* SCALAR: not plain in the file */
	char *tag;             /* explicit tag or NULL, owned */
	size_t line, col;      /* 0-based, from libyaml's start mark */
	pnode **kids;          /* SEQ: items; MAP: key, value, key, value... */
	size_t n, cap;
};

static void pnode_free(pnode *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		pnode_free(p->kids[i]);
	free(p->kids);
	free(p->text);
	free(p->tag);
	free(p);
}

/* Append KID to P (taking it; freed on failure).  0 or -1 on OOM. */
static int pnode_add(pnode *p, pnode *kid)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		pnode **k = cap <= SIZE_MAX / sizeof *k
			    ? realloc(p->kids, cap * sizeof *k) : NULL;
		if (!k) {
			pnode_free(kid);
			return -1;
		}
		p->kids = k;
		p->cap = cap;
	}
	p->kids[p->n++] = kid;
	return 0;
}

/* ------------------------------------------------------------ context */

typedef struct pctx {
	yaml_parser_t y;
	const char *name;
	const char *buf;
	size_t len;
	sy_error *err;
	size_t nodes;
	size_t chars;          /* source.chars, once read */
} pctx;

/* Fill ERR with "NAME:LINE:COLUMN: message" (LINE, COL 0-based). */
static sy_status fail_at(pctx *c, size_t line, size_t col, sy_status code,
			 const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static sy_status fail_at(pctx *c, size_t line, size_t col, sy_status code,
			 const char *fmt, ...)
{
	char msg[800];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return sy_fail(c->err, code, "%s:%zu:%zu: %s", c->name, line + 1,
		       col + 1, msg);
}

#define FAIL_NODE(c, p, code, ...) fail_at((c), (p)->line, (p)->col, (code), __VA_ARGS__)
#define FAIL_MARK(c, m, code, ...) fail_at((c), (m).line, (m).column, (code), __VA_ARGS__)

static sy_status nomem(pctx *c)
{
	return sy_fail(c->err, SY_ERR_NOMEM, "%s: out of memory", c->name);
}

/* Line and column (0-based, column in code points) of byte OFF in the
 * input. */
static void locate(const pctx *c, size_t off, size_t *line, size_t *col)
{
	size_t i;

	*line = *col = 0;
	if (off > c->len)
		off = c->len;
	for (i = 0; i < off; i++) {
		if (c->buf[i] == '\n') {
			++*line;
			*col = 0;
		} else if (((unsigned char)c->buf[i] & 0xc0) != 0x80) {
			++*col;
		}
	}
}

/* The message for a failed yaml_parser_parse. */
static sy_status syntax_error(pctx *c)
{
	const yaml_parser_t *y = &c->y;
	const char *problem = y->problem ? y->problem : "unknown error";
	size_t line, col;

	if (y->error == YAML_MEMORY_ERROR)
		return nomem(c);
	if (y->error == YAML_READER_ERROR) {
		locate(c, y->problem_offset, &line, &col);
		return fail_at(c, line, col, SY_ERR_FORMAT,
			       "invalid input: %s", problem);
	}
	if (y->context)
		return FAIL_MARK(c, y->problem_mark, SY_ERR_FORMAT,
				 "YAML syntax error: %s (%s at line %zu)",
				 problem, y->context, y->context_mark.line + 1);
	return FAIL_MARK(c, y->problem_mark, SY_ERR_FORMAT,
			 "YAML syntax error: %s", problem);
}

/* Next event into EV (to be deleted by the caller on success). */
static sy_status next_event(pctx *c, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&c->y, ev))
		return syntax_error(c);
	return SY_OK;
}

/* ------------------------------------------------------------ events -> tree */

/* A new node of KIND at EV's start mark with EV's TAG; NULL on OOM. */
static pnode *pnode_new(sy_node_kind kind, const yaml_event_t *ev,
			const yaml_char_t *tag)
{
	pnode *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->kind = kind;
	p->line = ev->start_mark.line;
	p->col = ev->start_mark.column;
	if (tag && !(p->tag = strdup((const char *)tag))) {
		free(p);
		return NULL;
	}
	return p;
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
	p = pnode_new(SY_NODE_SCALAR, ev, ev->data.scalar.tag);
	if (!p || !(p->text = strndup(v, len))) {
		pnode_free(p);
		return nomem(c);
	}
	p->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	*out = p;
	return SY_OK;
}

static sy_status build(pctx *c, yaml_event_t *ev, int depth, pnode **out);

/* Read the children of the collection P until its end event. */
static sy_status build_children(pctx *c, pnode *p, int depth)
{
	yaml_event_t ev;
	yaml_event_type_t end = p->kind == SY_NODE_MAP ? YAML_MAPPING_END_EVENT
						       : YAML_SEQUENCE_END_EVENT;
	sy_status st;
	pnode *kid;

	for (;;) {
		if ((st = next_event(c, &ev)) != SY_OK)
			return st;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return SY_OK;
		}
		if ((st = build(c, &ev, depth + 1, &kid)) != SY_OK)
			return st;
		if (p->kind == SY_NODE_MAP && p->n % 2 == 0 &&
		    kid->kind != SY_NODE_SCALAR) {
			st = FAIL_NODE(c, kid, SY_ERR_FORMAT,
				       "mapping keys must be strings");
			pnode_free(kid);
			return st;
		}
		if (pnode_add(p, kid) < 0)
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
	p = pnode_new(map ? SY_NODE_MAP : SY_NODE_SEQ, ev, tag);
	if (!p)
		return nomem(c);
	st = build_children(c, p, depth);
	if (st != SY_OK) {
		pnode_free(p);
		return st;
	}
	*out = p;
	return SY_OK;
}

/* Turn the event EV (consumed) and what follows it into the tree *OUT
 * (owned by the caller).  DEPTH is the nesting of EV's node (root = 1). */
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
	yaml_event_delete(ev);
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
	yaml_event_delete(&ev);
	return st;
}

/* The one document of the stream as a tree (*ROOT, owned by the caller). */
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
		yaml_event_delete(&ev);
		return st;
	}
	yaml_event_delete(&ev);
	if ((st = next_event(c, &ev)) != SY_OK)
		return st;
	if ((st = build(c, &ev, 1, root)) != SY_OK)
		return st;
	st = expect(c, YAML_DOCUMENT_END_EVENT, "more than one YAML node");
	if (st == SY_OK)
		st = expect(c, YAML_STREAM_END_EVENT,
			    "more than one YAML document");
	if (st != SY_OK) {
		pnode_free(*root);
		*root = NULL;
	}
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
	size_t i, j;

	if (m->kind != SY_NODE_MAP)
		return FAIL_NODE(c, m, SY_ERR_FORMAT, "%s must be a mapping",
				 what);
	for (i = 0; i < m->n; i += 2) {
		const pnode *k = m->kids[i], *v = m->kids[i + 1];
		for (j = 0; j < nf && strcmp(f[j].key, k->text) != 0; j++)
			;
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
	if (p->quoted || p->tag)
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

enum { SE_ID, SE_LEVEL, SE_MARKER, SE_TITLE, SE_START, SE_END, SE_REVIEW };

static sy_status read_section(pctx *c, const pnode *m, sy_section *s)
{
	field f[] = {
		{ "id", true, NULL, NULL }, { "level", true, NULL, NULL },
		{ "marker", true, NULL, NULL }, { "title", true, NULL, NULL },
		{ "start", true, NULL, NULL }, { "end", true, NULL, NULL },
		REVIEW_FIELDS
	};
	long long level = 0;
	sy_status st;

	free(s->id);
	s->id = NULL;
	if ((st = take_fields(c, m, "section", f, sizeof f / sizeof *f,
			      &s->r.extra)) != SY_OK ||
	    (st = get_id(c, &f[SE_ID], &s->id)) != SY_OK ||
	    (st = get_ll(c, &f[SE_LEVEL], 1, INT_MAX, &level, NULL)) != SY_OK ||
	    (st = get_str(c, &f[SE_MARKER], &s->marker, false)) != SY_OK ||
	    (st = get_str(c, &f[SE_TITLE], &s->title, false)) != SY_OK ||
	    (st = get_span(c, &f[SE_START], &f[SE_END], &s->start,
			   &s->end)) != SY_OK)
		return st;
	s->level = (int)level;
	return get_review(c, &f[SE_REVIEW], &s->r);
}

enum { ST_ID, ST_TEXT, ST_START, ST_END, ST_VALUE, ST_UNIT, ST_APPROX,
       ST_VMAX, ST_SUBJECT, ST_SECTION, ST_REVIEW };

static sy_status read_stat(pctx *c, const pnode *m, sy_stat *s)
{
	field f[] = {
		{ "id", true, NULL, NULL }, { "text", true, NULL, NULL },
		{ "start", true, NULL, NULL }, { "end", true, NULL, NULL },
		{ "value", true, NULL, NULL }, { "unit", false, NULL, NULL },
		{ "approx", false, NULL, NULL },
		{ "value_max", false, NULL, NULL },
		{ "subject", false, NULL, NULL },
		{ "section", false, NULL, NULL },
		REVIEW_FIELDS
	};
	sy_status st;

	free(s->id);
	s->id = NULL;
	if ((st = take_fields(c, m, "statistic", f, sizeof f / sizeof *f,
			      &s->r.extra)) != SY_OK ||
	    (st = get_id(c, &f[ST_ID], &s->id)) != SY_OK ||
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

/* The list F (sections when SECTIONS, else statistics) into A. */
static sy_status read_items(pctx *c, const field *f, sy_annot *a,
			    bool sections)
{
	size_t i;
	sy_status st;

	if (!f->v || is_null(f->v))
		return SY_OK;
	if (f->v->kind != SY_NODE_SEQ)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT, "%s must be a list",
				 f->key);
	for (i = 0; i < f->v->n; i++) {
		if (sections) {
			sy_section *s = sy_annot_add_section(a);
			st = s ? read_section(c, f->v->kids[i], s) : nomem(c);
		} else {
			sy_stat *s = sy_annot_add_stat(a);
			st = s ? read_stat(c, f->v->kids[i], s) : nomem(c);
		}
		if (st != SY_OK)
			return st;
	}
	return SY_OK;
}

/* ------------------------------------------------------------ ids */

typedef struct idrec {
	const char *id;
	const pnode *where;
	size_t order;
} idrec;

static int idrec_cmp(const void *x, const void *y)
{
	const idrec *a = x, *b = y;
	int r = strcmp(a->id, b->id);

	if (r)
		return r;
	return a->order < b->order ? -1 : a->order > b->order;
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

/* Refuse a duplicate id over sections and statistics (SECS, STATS: the
 * lists as read, same order as A's arrays before sorting). */
static sy_status check_ids(pctx *c, const sy_annot *a, const pnode *secs,
			   const pnode *stats)
{
	size_t n = a->nsections + a->nstats, i;
	idrec *r;
	sy_status st = SY_OK;

	if (n < 2)
		return SY_OK;
	r = malloc(n * sizeof *r);
	if (!r)
		return nomem(c);
	for (i = 0; i < a->nsections; i++)
		r[i] = (idrec){ a->sections[i].id, id_node(secs->kids[i]), i };
	for (i = 0; i < a->nstats; i++)
		r[a->nsections + i] = (idrec){ a->stats[i].id,
			id_node(stats->kids[i]), a->nsections + i };
	qsort(r, n, sizeof *r, idrec_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(r[i - 1].id, r[i].id) == 0) {
			st = FAIL_NODE(c, r[i].where, SY_ERR_FORMAT,
				       "duplicate id '%.40s' (first at line %zu)",
				       r[i].id, r[i - 1].where->line + 1);
			break;
		}
	free(r);
	return st;
}

/* Raise *NEXT above the number of ID when ID is PREFIX + digits. */
static sy_status bump_next(pctx *c, const char *id, const pnode *where,
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
static sy_status set_next_ids(pctx *c, sy_annot *a, const pnode *secs,
			      const pnode *stats)
{
	size_t i;
	sy_status st;

	a->next_section_id = a->next_stat_id = 1;
	for (i = 0; i < a->nsections + a->nstats; i++) {
		bool sec = i < a->nsections;
		const char *id = sec ? a->sections[i].id
				     : a->stats[i - a->nsections].id;
		const pnode *w = sec ? id_node(secs->kids[i])
				     : id_node(stats->kids[i - a->nsections]);
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
	    (st = read_items(c, &f[T_SECTIONS], a, true)) != SY_OK ||
	    (st = read_items(c, &f[T_STATS], a, false)) != SY_OK ||
	    (st = read_review(c, f[T_REVIEW].v, &a->review)) != SY_OK ||
	    (st = check_ids(c, a, f[T_SECTIONS].v, f[T_STATS].v)) != SY_OK ||
	    (st = set_next_ids(c, a, f[T_SECTIONS].v, f[T_STATS].v)) != SY_OK)
		return st;
	sy_annot_sort(a);
	return SY_OK;
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

sy_status sy_annot_parse(const char *buf, size_t len, const char *name,
			 sy_annot *a, sy_error *err)
{
	pctx c;
	pnode *root = NULL;
	sy_status st;
	locale_t cloc, old = (locale_t)0;

	sy_annot_init(a);
	memset(&c, 0, sizeof c);
	c.name = name ? name : "<input>";
	c.buf = buf ? buf : "";
	c.len = buf ? len : 0;
	c.err = err;
	if ((st = check_nul(&c)) != SY_OK)
		return st;
	if (!yaml_parser_initialize(&c.y))
		return nomem(&c);
	yaml_parser_set_input_string(&c.y, (const unsigned char *)c.buf, c.len);
	st = build_document(&c, &root);
	yaml_parser_delete(&c.y);
	if (st != SY_OK)
		return st;
	/* numbers are read with '.', whatever LC_NUMERIC says */
	cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (cloc)
		old = uselocale(cloc);
	st = read_root(&c, root, a);
	if (cloc) {
		uselocale(old);
		freelocale(cloc);
	}
	pnode_free(root);
	if (st != SY_OK)
		sy_annot_free(a);
	return st;
}

/* Read all of FD into a new buffer (*BUF, owned by the caller). */
static sy_status read_fd(int fd, const char *path, char **buf, size_t *len,
			 sy_error *err)
{
	size_t cap = 1 << 16, n = 0;
	char *p = malloc(cap);

	if (!p)
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
	for (;;) {
		ssize_t r;
		if (n == cap) {
			char *q = cap < MAX_FILE ? realloc(p, cap * 2) : NULL;
			if (!q) {
				free(p);
				return cap < MAX_FILE
				       ? sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path)
				       : sy_fail(err, SY_ERR_LIMIT, "%s: file larger than 1 GiB", path);
			}
			p = q;
			cap *= 2;
		}
		r = read(fd, p + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int saved = errno;
			free(p);
			return sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(saved));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*buf = p;
	*len = n;
	return SY_OK;
}

sy_status sy_annot_load(const char *path, sy_annot *a, sy_error *err)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	sy_status r;
	int fd;

	sy_annot_init(a);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return sy_fail(err, SY_ERR_IO, "%s: is a folder", path);
	}
	r = read_fd(fd, path, &buf, &len, err);
	close(fd);
	if (r != SY_OK)
		return r;
	r = sy_annot_parse(buf, len, path, a, err);
	free(buf);
	return r;
}
