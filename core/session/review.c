/* review.c - proposed values (review_priv.h, sy_rv_settle_edit): after a
 * fix or a move, which of an item's fields keep the extractor's value
 * under `proposed`, and the item's status that follows.
 *
 * `proposed` keeps the extractor's values of the fields a reviewer
 * changed, as YAML scalars; a field changed back to its proposed value
 * leaves `proposed`, and an item with nothing left there is accepted.
 * The document has no `proposed` in the model: it is kept as the unknown
 * key `proposed` of document (doc.extra), which a load-save round trip
 * keeps.
 *
 * The rest of a review session: file.c (opening, saving), lookup.c,
 * edit.c (undo, redo), commands.c, resolve.c (conflicts), batch.c.
 */
#include "session/review_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ proposed */

/* How a tracked field compares: as a number or as a string. */
typedef enum ftype { FT_NUM, FT_STR } ftype;

typedef struct fdesc {
	const char *key;
	ftype type;
} fdesc;

/* The fields a fix or a move can change, in the format's key order. */
static const fdesc STAT_FIELDS[] = {
	{ "text", FT_STR }, { "start", FT_NUM }, { "end", FT_NUM },
	{ "value", FT_NUM }, { "unit", FT_STR }, { "approx", FT_STR },
	{ "value_max", FT_NUM }, { "subject", FT_STR },
};
static const fdesc SECTION_FIELDS[] = {
	{ "level", FT_NUM }, { "marker", FT_STR }, { "title", FT_STR },
	{ "start", FT_NUM }, { "end", FT_NUM },
};
static const fdesc DOC_FIELDS[] = {
	{ "title", FT_STR }, { "issuer", FT_STR }, { "region", FT_STR },
	{ "year", FT_NUM }, { "date", FT_STR },
};
#define NFIELDS(a) (sizeof a / sizeof a[0])
#define MAXFIELDS 8

/* Would a YAML reader take the plain scalar S for something other than a
 * string (null, bool, number, timestamp)?  Errs on the side of quoting:
 * every ASCII-only text that starts like a number is quoted. */
static bool str_needs_quotes(const char *s)
{
	static const char *const words[] = {
		"~", "null", "Null", "NULL", "yes", "Yes", "YES", "no", "No",
		"NO", "y", "Y", "n", "N", "true", "True", "TRUE", "false",
		"False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "<<",
		"=",
	};

	if (!*s)
		return true;
	for (size_t i = 0; i < NFIELDS(words); i++)
		if (strcmp(s, words[i]) == 0)
			return true;
	if (!strchr("0123456789+-.", *s))
		return false;
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* A scalar for the string S (null for NULL): new node, NULL on OOM. */
static sy_node *scal_str(const char *s)
{
	if (!s)
		return sy_node_scalar("null", 0);
	return sy_node_scalar(s, str_needs_quotes(s));
}

/* A plain scalar for V in the shortest form that reads back exactly
 * (integers without a decimal point), or null when !HAS. */
static sy_node *scal_num(double v, bool has)
{
	char buf[48];

	if (!has)
		return sy_node_scalar("null", 0);
	if (isnan(v))
		snprintf(buf, sizeof buf, ".nan");
	else if (isinf(v))
		snprintf(buf, sizeof buf, "%s.inf", v < 0 ? "-" : "");
	else if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, sizeof buf, "%.0f", v);
	else {
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(buf, sizeof buf, "%.*g", prec, v);
			if (strtod(buf, NULL) == v)
				break;
		}
		/* a float needs its '.': 1e+20 -> 1.0e+20 */
		if (!strchr(buf, '.') && strchr(buf, 'e')) {
			char *e = strchr(buf, 'e');
			memmove(e + 2, e, strlen(e) + 1);
			e[0] = '.';
			e[1] = '0';
		}
	}
	return sy_node_scalar(buf, 0);
}

/* Is the scalar N null? */
static bool scal_is_null(const sy_node *n)
{
	return !n || (n->kind == SY_NODE_SCALAR && !n->quoted &&
		      (!n->scalar || !*n->scalar || !strcmp(n->scalar, "~") ||
		       !strcmp(n->scalar, "null") ||
		       !strcmp(n->scalar, "Null") ||
		       !strcmp(n->scalar, "NULL")));
}

/* Do the scalars A and B stand for the same value of a field of TYPE?
 * (938 and 938.0 are the same number; '件' and 件 the same string.) */
static bool scal_same(const sy_node *a, const sy_node *b, ftype type)
{
	bool na = scal_is_null(a), nb = scal_is_null(b);
	char *ea, *eb;
	double da, db;

	if (na || nb)
		return na && nb;
	if (a->kind != SY_NODE_SCALAR || b->kind != SY_NODE_SCALAR)
		return sy_node_equal(a, b, false);
	if (type == FT_NUM) {
		da = strtod(a->scalar, &ea);
		db = strtod(b->scalar, &eb);
		if (!*ea && !*eb && ea != a->scalar && eb != b->scalar)
			return da == db;
	}
	return sy_str_eq(a->scalar, b->scalar);
}

static void free_nodes(sy_node **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sy_node_free(v[i]);
		v[i] = NULL;
	}
}

/* The tracked fields of an item as scalars, in OUT[0..N) (new nodes,
 * the caller frees them).  0, or -1 on OOM (OUT then all NULL). */
static int check_nodes(sy_node **out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!out[i]) {
			free_nodes(out, n);
			return -1;
		}
	return 0;
}

static int stat_scalars(const sy_stat *s, sy_node **out)
{
	out[0] = scal_str(s->text);
	out[1] = scal_num((double)s->start, true);
	out[2] = scal_num((double)s->end, true);
	out[3] = scal_num(s->value, s->has_value);
	out[4] = scal_str(s->unit);
	out[5] = scal_str(sy_approx_name(s->approx));
	out[6] = scal_num(s->value_max, s->has_value_max);
	out[7] = scal_str(s->subject);
	return check_nodes(out, NFIELDS(STAT_FIELDS));
}

static int section_scalars(const sy_section *s, sy_node **out)
{
	out[0] = scal_num(s->level, true);
	out[1] = scal_str(s->marker);
	out[2] = scal_str(s->title);
	out[3] = scal_num((double)s->start, true);
	out[4] = scal_num((double)s->end, true);
	return check_nodes(out, NFIELDS(SECTION_FIELDS));
}

static int doc_scalars(const sy_docfacts *d, sy_node **out)
{
	out[0] = scal_str(d->title);
	out[1] = scal_str(d->issuer);
	out[2] = scal_str(d->region);
	out[3] = scal_num(d->year, d->year != 0);
	out[4] = scal_str(d->date);
	return check_nodes(out, NFIELDS(DOC_FIELDS));
}

static bool is_field(const fdesc *d, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(d[i].key, key) == 0)
			return true;
	return false;
}

/* The new `proposed` of an item whose fields D[0..N) go from the scalars
 * B to A, OLD being its present `proposed` (may be NULL).  A field's
 * extractor value is OLD's when OLD has it, else B's; it is kept when it
 * differs from A.  Keys of OLD that are not fields stay, after the
 * fields.  *OUT: a new mapping, or NULL when empty; *CHANGED: some field
 * differs between B and A.  0, or -1 on OOM. */
static int repropose(const sy_node *old, const fdesc *d, size_t n,
		     sy_node *const *b, sy_node *const *a, sy_node **out,
		     bool *changed)
{
	sy_node *m = sy_node_map();

	*out = NULL;
	*changed = false;
	if (!m)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const sy_node *orig = sy_node_get(old, d[i].key);
		if (!scal_same(b[i], a[i], d[i].type))
			*changed = true;
		if (!orig)
			orig = b[i];
		if (!scal_same(orig, a[i], d[i].type) &&
		    sy_node_put(m, d[i].key, sy_node_clone(orig)))
			goto oom;
	}
	for (size_t i = 0; old && old->kind == SY_NODE_MAP && i < old->n; i++)
		if (!is_field(d, n, old->keys[i]) &&
		    sy_node_put(m, old->keys[i], sy_node_clone(old->items[i])))
			goto oom;
	if (m->n)
		*out = m;
	else
		sy_node_free(m);
	return 0;
oom:
	sy_node_free(m);
	return -1;
}

/* After a fix or a move from the field scalars B to A: an added item stays
 * added, without `proposed`; any other item that changed gets the new
 * `proposed` and becomes fixed, or accepted when nothing differs from the
 * extractor's values any more.  0, or -1 on OOM (nothing changed). */
static int settle(sy_review_status *status, sy_node **proposed,
		  const fdesc *d, size_t n, sy_node *const *b,
		  sy_node *const *a)
{
	sy_node *np;
	bool changed;

	if (*status == SY_ADDED)
		return 0;
	if (repropose(*proposed, d, n, b, a, &np, &changed))
		return -1;
	if (!changed) {
		sy_node_free(np);
		return 0;
	}
	sy_node_free(*proposed);
	*proposed = np;
	*status = np ? SY_FIXED : SY_ACCEPTED;
	return 0;
}

/* Set KEY of the mapping *MAP (created when NULL) to VAL, taking it; a
 * NULL VAL removes KEY (and a mapping left empty becomes NULL).  0, or -1
 * on OOM (VAL is freed, *MAP unchanged). */
static int map_set(sy_node **map, const char *key, sy_node *val)
{
	sy_node *m = *map;
	size_t i;

	for (i = 0; m && i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0)
			break;
	if (m && i < m->n) {
		sy_node_free(m->items[i]);
		if (val) {
			m->items[i] = val;
			return 0;
		}
		free(m->keys[i]);
		memmove(m->keys + i, m->keys + i + 1,
			(m->n - i - 1) * sizeof *m->keys);
		memmove(m->items + i, m->items + i + 1,
			(m->n - i - 1) * sizeof *m->items);
		if (--m->n == 0) {
			sy_node_free(m);
			*map = NULL;
		}
		return 0;
	}
	if (!val)
		return 0;
	if (!m && !(m = sy_node_map())) {
		sy_node_free(val);
		return -1;
	}
	if (sy_node_put(m, key, val)) {
		if (!*map)
			sy_node_free(m);
		return -1;
	}
	*map = m;
	return 0;
}

/* settle() for an edit's AFTER state, from its BEFORE state. */
int sy_rv_settle_edit(sy_edit *e)
{
	sy_node *b[MAXFIELDS] = { 0 }, *a[MAXFIELDS] = { 0 };
	sy_node *prop;
	size_t n;
	int r = -1;

	switch (e->kind) {
	case SY_ITEM_SECTION:
		n = NFIELDS(SECTION_FIELDS);
		if (!section_scalars(&e->sec[0], b) &&
		    !section_scalars(&e->sec[1], a))
			r = settle(&e->sec[1].r.status, &e->sec[1].r.proposed,
				   SECTION_FIELDS, n, b, a);
		break;
	case SY_ITEM_STAT:
		n = NFIELDS(STAT_FIELDS);
		if (!stat_scalars(&e->stat[0], b) &&
		    !stat_scalars(&e->stat[1], a))
			r = settle(&e->stat[1].r.status, &e->stat[1].r.proposed,
				   STAT_FIELDS, n, b, a);
		break;
	default:
		n = NFIELDS(DOC_FIELDS);
		prop = sy_node_get(e->doc[1].extra, "proposed");
		if (prop && !(prop = sy_node_clone(prop)))
			break;
		if (!doc_scalars(&e->doc[0], b) &&
		    !doc_scalars(&e->doc[1], a) &&
		    !settle(&e->doc[1].status, &prop, DOC_FIELDS, n, b, a)) {
			r = map_set(&e->doc[1].extra, "proposed", prop);
			prop = NULL;
		}
		sy_node_free(prop);
		break;
	}
	free_nodes(b, n);
	free_nodes(a, n);
	return r;
}
