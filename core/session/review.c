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
#include "format/yaml_style.h"

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
	bool fix;              /* a fix or a move can change it (SY_FF_FIX) */
} fdesc;

/* Every field of an item (model/schema.h), indexed by its field id; the
 * ones a fix or a move can change are tracked under `proposed`, in the
 * format's key order. */
#define FDESC_(NAME, key, type, member, flags) \
	{ key, (type) == SY_FT_STR || (type) == SY_FT_APPROX ? FT_STR : FT_NUM, \
	  ((flags) & SY_FF_FIX) != 0 },
static const fdesc STAT_FIELDS[] = { SY_STAT_FIELDS(FDESC_) };
static const fdesc SECTION_FIELDS[] = { SY_SECTION_FIELDS(FDESC_) };
static const fdesc DOC_FIELDS[] = { SY_DOC_FIELDS(FDESC_) };
#define NFIELDS(a) (sizeof a / sizeof a[0])
#define MAXFIELDS ((int)SY_STAT_COUNT)

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

/* Field F of an item as a scalar: new node, NULL on OOM (and for a field
 * that is not tracked).  A field the schema adds makes the compiler point
 * at these switches. */
static sy_node *stat_scalar(const void *item, int f)
{
	const sy_stat *s = item;

	switch ((enum sy_stat_field)f) {
	case SY_STAT_TEXT: return sy_yaml_str_node(s->text);
	case SY_STAT_START: return sy_yaml_num_node((double)s->start, true);
	case SY_STAT_END: return sy_yaml_num_node((double)s->end, true);
	case SY_STAT_VALUE: return sy_yaml_num_node(s->value, s->has_value);
	case SY_STAT_UNIT: return sy_yaml_str_node(s->unit);
	case SY_STAT_APPROX: return sy_yaml_str_node(sy_approx_name(s->approx));
	case SY_STAT_VALUE_MAX: return sy_yaml_num_node(s->value_max, s->has_value_max);
	case SY_STAT_SUBJECT: return sy_yaml_str_node(s->subject);
	case SY_STAT_ID: case SY_STAT_SECTION: case SY_STAT_COUNT: break;
	}
	return NULL;
}

static sy_node *section_scalar(const void *item, int f)
{
	const sy_section *s = item;

	switch ((enum sy_sec_field)f) {
	case SY_SEC_LEVEL: return sy_yaml_num_node(s->level, true);
	case SY_SEC_MARKER: return sy_yaml_str_node(s->marker);
	case SY_SEC_TITLE: return sy_yaml_str_node(s->title);
	case SY_SEC_START: return sy_yaml_num_node((double)s->start, true);
	case SY_SEC_END: return sy_yaml_num_node((double)s->end, true);
	case SY_SEC_ID: case SY_SEC_COUNT: break;
	}
	return NULL;
}

static sy_node *doc_scalar(const void *item, int f)
{
	const sy_docfacts *d = item;

	switch ((enum sy_doc_field)f) {
	case SY_DOC_TITLE: return sy_yaml_str_node(d->title);
	case SY_DOC_ISSUER: return sy_yaml_str_node(d->issuer);
	case SY_DOC_REGION: return sy_yaml_str_node(d->region);
	case SY_DOC_YEAR: return sy_yaml_num_node(d->year, d->year != 0);
	case SY_DOC_DATE: return sy_yaml_str_node(d->date);
	case SY_DOC_STATUS: case SY_DOC_COUNT: break;
	}
	return NULL;
}

/* The tracked fields D[0..N) of ITEM as scalars (FN), in OUT[0..N) (new
 * nodes, the caller frees them; NULL where not tracked).  0, or -1 on OOM
 * (OUT then all NULL). */
static int scalars(const void *item, sy_node *(*fn)(const void *, int),
		   const fdesc *d, size_t n, sy_node **out)
{
	for (size_t i = 0; i < n; i++)
		if (d[i].fix && !(out[i] = fn(item, (int)i))) {
			free_nodes(out, n);
			return -1;
		}
	return 0;
}

static bool is_field(const fdesc *d, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (d[i].fix && strcmp(d[i].key, key) == 0)
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
		const sy_node *orig = d[i].fix ? sy_node_get(old, d[i].key) : NULL;
		if (!d[i].fix)
			continue;
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

/* The fields of each kind of item (sy_item_kind's order) and how to read
 * them as scalars. */
static const struct kind_fields {
	const fdesc *d;
	size_t n;
	sy_node *(*scalar)(const void *item, int f);
} KIND_FIELDS[] = {
	[SY_ITEM_DOCUMENT] = { DOC_FIELDS, NFIELDS(DOC_FIELDS), doc_scalar },
	[SY_ITEM_SECTION] = { SECTION_FIELDS, NFIELDS(SECTION_FIELDS),
			      section_scalar },
	[SY_ITEM_STAT] = { STAT_FIELDS, NFIELDS(STAT_FIELDS), stat_scalar },
};

/* E's item in state W. */
static const void *state_of(const sy_edit *e, int w)
{
	if (e->kind == SY_ITEM_SECTION)
		return &e->sec[w];
	if (e->kind == SY_ITEM_STAT)
		return &e->stat[w];
	return &e->doc[w];
}

/* settle() for an edit's AFTER state, from its BEFORE state. */
int sy_rv_settle_edit(sy_edit *e)
{
	const struct kind_fields *k = &KIND_FIELDS[e->kind];
	const char *key = sy_rv_rev_key(SY_REV_PROPOSED);
	sy_node *b[MAXFIELDS] = { 0 }, *a[MAXFIELDS] = { 0 };
	sy_review *rv = sy_rv_after_review(e);
	sy_node *prop = NULL;
	int r = -1;

	_Static_assert((int)SY_SEC_COUNT <= MAXFIELDS &&
		       (int)SY_DOC_COUNT <= MAXFIELDS, "MAXFIELDS holds any item");
	/* the document keeps its proposed among its unknown keys */
	if (!rv && (prop = sy_node_get(e->doc[1].extra, key)) &&
	    !(prop = sy_node_clone(prop)))
		return -1;
	if (!scalars(state_of(e, 0), k->scalar, k->d, k->n, b) &&
	    !scalars(state_of(e, 1), k->scalar, k->d, k->n, a))
		r = rv ? settle(&rv->status, &rv->proposed, k->d, k->n, b, a)
		       : settle(&e->doc[1].status, &prop, k->d, k->n, b, a);
	if (!r && !rv) {
		r = map_set(&e->doc[1].extra, key, prop);
		prop = NULL;
	}
	sy_node_free(prop);
	free_nodes(b, k->n);
	free_nodes(a, k->n);
	return r;
}
