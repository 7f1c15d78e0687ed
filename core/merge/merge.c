/* merge.c - three-way merge of annotation files (see merge.h).
 *
 * The result is built as a new sy_annot (OUT): every item is a deep copy
 * of OURS's or THEIRS's item (sy_section_copy / sy_stat_copy), changed in
 * place where the other side's fields are taken.  Nothing in OUT points
 * into the inputs.
 *
 * Sections and statistics go through the same code: an item is a void *
 * to an sy_section or an sy_stat, with its kind (K_SEC, K_STAT) beside it,
 * and its fields are reached by field id (fid).  Ids are looked up in hash
 * tables (idtab) so that large files merge in linear time.
 */
#include "merge/merge.h"
#include "merge/conflict.h"
#include "format/yaml_style.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)
#define CONFLICT "conflict"        /* the tag and the item's key */
#define NEXT_IDS "next-ids"        /* under review: */
#define DOC_ID "document"

typedef enum kind { K_SEC, K_STAT } kind;

/* ------------------------------------------------------------ values */

/* A mapping of unknown keys, or NULL when M is absent or not a mapping. */
static const sy_node *as_map(const sy_node *m)
{
	return m && m->kind == SY_NODE_MAP ? m : NULL;
}

/* Extras compare equal when both are empty, however that is written. */
static bool extra_eq(const sy_node *a, const sy_node *b)
{
	a = as_map(a);
	b = as_map(b);
	if (a && !a->n)
		a = NULL;
	if (b && !b->n)
		b = NULL;
	return sy_node_equal(a, b, true);
}

/* Set KEY of the mapping *MAP (created when NULL) to V, taking V (freed
 * on failure too), in place when KEY is there, else appended; V NULL
 * removes KEY.  0, or -1 on OOM. */
static int map_set(sy_node **map, const char *key, sy_node *v)
{
	size_t i;

	if (*map && (*map)->kind == SY_NODE_MAP)
		for (i = 0; i < (*map)->n; i++) {
			if (strcmp((*map)->keys[i], key) != 0)
				continue;
			sy_node_free((*map)->items[i]);
			if (v) {
				(*map)->items[i] = v;
				return 0;
			}
			free((*map)->keys[i]);
			memmove(&(*map)->keys[i], &(*map)->keys[i + 1],
				((*map)->n - i - 1) * sizeof *(*map)->keys);
			memmove(&(*map)->items[i], &(*map)->items[i + 1],
				((*map)->n - i - 1) * sizeof *(*map)->items);
			(*map)->n--;
			return 0;
		}
	if (!v)
		return 0;
	if (!*map && !(*map = sy_node_map())) {
		sy_node_free(v);
		return -1;
	}
	return sy_node_put(*map, key, v);
}

static sy_node *raw_node(const char *s)
{
	return sy_node_scalar(s, 0);
}

static sy_node *size_node(size_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%zu", v);
	return raw_node(buf);
}

static sy_node *int_node(long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%ld", v);
	return raw_node(buf);
}

/* ------------------------------------------------------------ tags */

static void tags_clear(sy_tags *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* The same set of tags (order and repeats aside). */
static bool tags_eq(const sy_tags *a, const sy_tags *b)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!sy_tags_has(b, a->v[i]))
			return false;
	for (i = 0; i < b->n; i++)
		if (!sy_tags_has(a, b->v[i]))
			return false;
	return true;
}

/* Replace *DST with a copy of SRC.  0, or -1 on OOM. */
static int tags_copy(sy_tags *dst, const sy_tags *src)
{
	tags_clear(dst);
	for (size_t i = 0; i < src->n; i++)
		if (sy_tags_add(dst, src->v[i]))
			return -1;
	return 0;
}

/* Three-way merge of tag sets into *OUT (replaced): a tag is in when both
 * sides have it, or one side has it and BASE (may be NULL) had not; OURS's
 * order first.  0, or -1 on OOM. */
static int tags_merge(const sy_tags *b, const sy_tags *o, const sy_tags *t,
		      sy_tags *out)
{
	sy_tags r = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < o->n; i++)
		if ((sy_tags_has(t, o->v[i]) || !(b && sy_tags_has(b, o->v[i]))) &&
		    sy_tags_add(&r, o->v[i]))
			goto oom;
	for (i = 0; i < t->n; i++)
		if (!(b && sy_tags_has(b, t->v[i])) && sy_tags_add(&r, t->v[i]))
			goto oom;
	tags_clear(out);
	*out = r;
	return 0;
oom:
	tags_clear(&r);
	return -1;
}

/* ------------------------------------------------------------ unknown keys */

/* Three-way merge of the unknown keys B, O, T (mappings or NULL) into
 * *OUT (a new mapping owned by the caller, NULL when empty): a key changed
 * or added on one side only takes that side's value, one removed on one
 * side and unchanged on the other goes, one changed on both takes OURS's,
 * one removed on one side and changed on the other is kept (changed).
 * OURS's order first, then THEIRS's new keys.  *CLASH (may be NULL) is
 * set when a key went two ways (the last two cases).  0, or -1 on OOM. */
static int extra_merge(const sy_node *b, const sy_node *o, const sy_node *t,
		       sy_node **out, bool *clash)
{
	sy_node *r = NULL;
	size_t i;
	bool two_ways = false;

	b = as_map(b);
	o = as_map(o);
	t = as_map(t);
	*out = NULL;
	for (i = 0; o && i < o->n; i++) {
		const sy_node *ov = o->items[i], *bv = sy_node_get(b, o->keys[i]);
		const sy_node *tv = sy_node_get(t, o->keys[i]), *take = ov;
		if (bv && sy_node_equal(bv, ov, true))
			take = tv;           /* THEIRS changed or removed it */
		else if (tv ? !sy_node_equal(tv, ov, true) &&
			      !(bv && sy_node_equal(bv, tv, true))
			    : !!bv)
			two_ways = true;     /* OURS changed it, THEIRS too */
		if (take && map_set(&r, o->keys[i], sy_node_clone(take)))
			goto oom;
	}
	for (i = 0; t && i < t->n; i++) {
		const sy_node *bv = sy_node_get(b, t->keys[i]);
		if (sy_node_get(o, t->keys[i]) ||
		    (bv && sy_node_equal(bv, t->items[i], true)))
			continue;            /* done above; or OURS removed it */
		if (bv)
			two_ways = true;     /* OURS removed it, THEIRS changed it */
		if (map_set(&r, t->keys[i], sy_node_clone(t->items[i])))
			goto oom;
	}
	if (clash)
		*clash = two_ways;
	if (r && !r->n) {
		sy_node_free(r);
		r = NULL;
	}
	*out = r;
	return 0;
oom:
	sy_node_free(r);
	return -1;
}

/* `proposed` changed on both sides: the extractor's values of the fields
 * each reviewer changed, so merged key by key (extra_merge) into *OUT
 * (new, owned by the caller; NULL when empty).  *CLASH when a key went
 * two ways, or a side's value is not a mapping.  0, or -1 on OOM. */
static int proposed_merge(const sy_node *b, const sy_node *o, const sy_node *t,
			  sy_node **out, bool *clash)
{
	*out = NULL;
	*clash = (b && b->kind != SY_NODE_MAP) || (o && o->kind != SY_NODE_MAP) ||
		 (t && t->kind != SY_NODE_MAP);
	if (*clash)
		return 0;
	return extra_merge(b, o, t, out, clash);
}

/* ------------------------------------------------------------ items */

static size_t count(const sy_annot *a, kind k)
{
	if (!a)
		return 0;
	return k == K_SEC ? a->nsections : a->nstats;
}

static void *item_at(const sy_annot *a, kind k, size_t i)
{
	return k == K_SEC ? (void *)&a->sections[i] : (void *)&a->stats[i];
}

static char **id_ref(kind k, void *it)
{
	return k == K_SEC ? &((sy_section *)it)->id : &((sy_stat *)it)->id;
}

static const char *item_id(kind k, const void *it)
{
	return *id_ref(k, (void *)it);
}

static sy_review *rev(kind k, const void *it)
{
	return k == K_SEC ? &((sy_section *)it)->r : &((sy_stat *)it)->r;
}

static size_t item_start(kind k, const void *it)
{
	return k == K_SEC ? ((const sy_section *)it)->start
			  : ((const sy_stat *)it)->start;
}

static size_t item_end(kind k, const void *it)
{
	return k == K_SEC ? ((const sy_section *)it)->end
			  : ((const sy_stat *)it)->end;
}

static bool same_span(kind k, const void *a, const void *b)
{
	return item_start(k, a) == item_start(k, b) &&
	       item_end(k, a) == item_end(k, b);
}

/* Replace *DST with a deep copy of SRC.  0, or -1 on OOM. */
static int item_copy(kind k, void *dst, const void *src)
{
	return k == K_SEC ? sy_section_copy(dst, src) : sy_stat_copy(dst, src);
}

/* A zeroed new item at the end of A's list of kind K, or NULL on OOM.
 * (Not sy_annot_add_*: the id comes with the copy.) */
static void *item_append(sy_annot *a, kind k)
{
	void *v = k == K_SEC ? (void *)a->sections : (void *)a->stats;
	size_t *n = k == K_SEC ? &a->nsections : &a->nstats;
	size_t *cap = k == K_SEC ? &a->capsections : &a->capstats;
	size_t size = k == K_SEC ? sizeof(sy_section) : sizeof(sy_stat);
	void *it;

	if (sy_grow(&v, *n, cap, size))
		return NULL;
	if (k == K_SEC)
		a->sections = v;
	else
		a->stats = v;
	it = (char *)v + *n * size;
	memset(it, 0, size);
	++*n;
	return it;
}

/* The fields of an item that a merge compares one by one (tags and the
 * unknown keys have their own rules). */
typedef enum fid {
	F_LEVEL, F_MARKER, F_TITLE, F_TEXT, F_START, F_END, F_VALUE, F_UNIT,
	F_APPROX, F_VALUE_MAX, F_SUBJECT, F_SECTION, F_STATUS, F_TAGS, F_NOTE,
	F_PROPOSED
} fid;

static const char *const FIELD_NAME[] = {
	"level", "marker", "title", "text", "start", "end", "value", "unit",
	"approx", "value_max", "subject", "section", "status", "tags", "note",
	"proposed"
};

/* In the file's order. */
static const fid SECTION_FIELDS[] = {
	F_LEVEL, F_MARKER, F_TITLE, F_START, F_END, F_STATUS, F_TAGS, F_NOTE,
	F_PROPOSED
};
static const fid STAT_FIELDS[] = {
	F_TEXT, F_START, F_END, F_VALUE, F_UNIT, F_APPROX, F_VALUE_MAX,
	F_SUBJECT, F_SECTION, F_STATUS, F_TAGS, F_NOTE, F_PROPOSED
};

static const fid *fields(kind k, size_t *n)
{
	if (k == K_SEC) {
		*n = sizeof SECTION_FIELDS / sizeof *SECTION_FIELDS;
		return SECTION_FIELDS;
	}
	*n = sizeof STAT_FIELDS / sizeof *STAT_FIELDS;
	return STAT_FIELDS;
}

/* The string field F of IT, or NULL when F is not a string field. */
static char **str_ref(kind k, const void *it, fid f)
{
	sy_section *s = (sy_section *)it;
	sy_stat *n = (sy_stat *)it;

	switch (f) {
	case F_MARKER: return &s->marker;
	case F_TITLE: return &s->title;
	case F_TEXT: return &n->text;
	case F_UNIT: return &n->unit;
	case F_SUBJECT: return &n->subject;
	case F_SECTION: return &n->section;
	case F_NOTE: return &rev(k, it)->note;
	default: return NULL;
	}
}

static bool field_eq(kind k, fid f, const void *a, const void *b)
{
	const sy_stat *na = a, *nb = b;

	switch (f) {
	case F_LEVEL:
		return ((const sy_section *)a)->level == ((const sy_section *)b)->level;
	case F_START: return item_start(k, a) == item_start(k, b);
	case F_END: return item_end(k, a) == item_end(k, b);
	case F_VALUE:
		return sy_num_eq(na->value, na->has_value, nb->value, nb->has_value);
	case F_VALUE_MAX:
		return sy_num_eq(na->value_max, na->has_value_max, nb->value_max,
			      nb->has_value_max);
	case F_APPROX: return na->approx == nb->approx;
	case F_STATUS: return rev(k, a)->status == rev(k, b)->status;
	case F_TAGS: return tags_eq(&rev(k, a)->tags, &rev(k, b)->tags);
	case F_PROPOSED:
		return sy_node_equal(rev(k, a)->proposed, rev(k, b)->proposed, true);
	default: return sy_str_eq(*str_ref(k, a, f), *str_ref(k, b, f));
	}
}

/* Set field F of DST to SRC's (a deep copy).  0, or -1 on OOM. */
static int field_set(kind k, fid f, void *dst, const void *src)
{
	sy_stat *nd = dst;
	const sy_stat *ns = src;
	sy_review *rd = rev(k, dst), *rs = rev(k, src);
	char **p, *s;
	sy_node *node;

	switch (f) {
	case F_LEVEL:
		((sy_section *)dst)->level = ((const sy_section *)src)->level;
		return 0;
	case F_START:
		if (k == K_SEC)
			((sy_section *)dst)->start = item_start(k, src);
		else
			nd->start = ns->start;
		return 0;
	case F_END:
		if (k == K_SEC)
			((sy_section *)dst)->end = item_end(k, src);
		else
			nd->end = ns->end;
		return 0;
	case F_VALUE:
		nd->value = ns->value;
		nd->has_value = ns->has_value;
		return 0;
	case F_VALUE_MAX:
		nd->value_max = ns->value_max;
		nd->has_value_max = ns->has_value_max;
		return 0;
	case F_APPROX: nd->approx = ns->approx; return 0;
	case F_STATUS: rd->status = rs->status; return 0;
	case F_TAGS: return tags_copy(&rd->tags, &rs->tags);
	case F_PROPOSED:
		node = NULL;
		if (rs->proposed && !(node = sy_node_clone(rs->proposed)))
			return -1;
		sy_node_free(rd->proposed);
		rd->proposed = node;
		return 0;
	default:
		p = str_ref(k, dst, f);
		s = sy_strdup(*str_ref(k, src, f));
		if (!s && *str_ref(k, src, f))
			return -1;
		free(*p);
		*p = s;
		return 0;
	}
}

/* Field F of IT as a YAML value (new node, owned by the caller; NULL on
 * OOM). */
static sy_node *field_node(kind k, fid f, const void *it)
{
	const sy_stat *n = it;
	const sy_review *r = rev(k, it);
	sy_node *seq;
	const char *a;

	switch (f) {
	case F_LEVEL: return int_node(((const sy_section *)it)->level);
	case F_START: return size_node(item_start(k, it));
	case F_END: return size_node(item_end(k, it));
	case F_VALUE: return sy_yaml_num_node(n->value, n->has_value);
	case F_VALUE_MAX: return sy_yaml_num_node(n->value_max, n->has_value_max);
	case F_APPROX:
		a = sy_approx_name(n->approx);
		return raw_node(a ? a : "null");
	case F_STATUS: return raw_node(sy_status_name(r->status));
	case F_TAGS:
		if (!(seq = sy_node_seq()))
			return NULL;
		for (size_t i = 0; i < r->tags.n; i++)
			if (sy_node_push(seq, sy_yaml_str_node(r->tags.v[i]))) {
				sy_node_free(seq);
				return NULL;
			}
		return seq;
	case F_PROPOSED:
		return r->proposed ? sy_node_clone(r->proposed) : raw_node("null");
	default: return sy_yaml_str_node(*str_ref(k, it, f));
	}
}

/* Everything but the id equal (tags as sets, unknown keys by key). */
static bool item_eq(kind k, const void *a, const void *b)
{
	size_t nf, i;
	const fid *f = fields(k, &nf);

	for (i = 0; i < nf; i++)
		if (!field_eq(k, f[i], a, b))
			return false;
	return extra_eq(rev(k, a)->extra, rev(k, b)->extra);
}

/* ------------------------------------------------------------ id tables */

/* Open-addressing table from id to index into one list of an annot. */
typedef struct idtab {
	const sy_annot *a;
	kind k;
	size_t *slot;        /* index + 1; 0 = empty.  Owned */
	size_t mask;
} idtab;

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603u;   /* FNV-1a; truncated on 32 bits */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Index of the item with ID, or NONE. */
static size_t idtab_find(const idtab *t, const char *id)
{
	size_t h;

	if (!t->slot || !id)
		return NONE;
	for (h = hash_str(id) & t->mask; t->slot[h]; h = (h + 1) & t->mask)
		if (sy_str_eq(item_id(t->k, item_at(t->a, t->k, t->slot[h] - 1)), id))
			return t->slot[h] - 1;
	return NONE;
}

/* Table of A's (may be NULL) list K, leaving out the items marked in SKIP
 * (may be NULL).  Ids are unique in a file (the reader checks); a repeat
 * is left out.  0, or -1 on OOM. */
static int idtab_build(idtab *t, const sy_annot *a, kind k, const bool *skip)
{
	size_t n = count(a, k), cap = 16, i, h;

	memset(t, 0, sizeof *t);
	t->a = a;
	t->k = k;
	if (!n)
		return 0;
	while (cap < 2 * n) {
		if (cap > SIZE_MAX / 4 / sizeof *t->slot)
			return -1;
		cap *= 2;
	}
	if (!(t->slot = calloc(cap, sizeof *t->slot)))
		return -1;
	t->mask = cap - 1;
	for (i = 0; i < n; i++) {
		const char *id = item_id(k, item_at(a, k, i));
		if ((skip && skip[i]) || !id || idtab_find(t, id) != NONE)
			continue;
		for (h = hash_str(id) & t->mask; t->slot[h]; h = (h + 1) & t->mask)
			;
		t->slot[h] = i + 1;
	}
	return 0;
}

static void idtab_free(idtab *t)
{
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------ the merge */

enum { SIDE_BASE, SIDE_OURS, SIDE_THEIRS };

typedef struct mctx {
	const sy_annot *in[3];     /* base (may be NULL), ours, theirs */
	sy_annot *theirs;          /* in[2], writable (ids renamed) */
	sy_annot *out;
	sy_merge_report *rep;
	idtab tab[3][2];           /* [side][kind]; owned */
	bool *tdrop[2];            /* THEIRS's items dropped as duplicates; owned */
	unsigned next[2];          /* next free id number per kind */
} mctx;

static const char PREFIX[2] = { 's', 'n' };

/* Push a copy of S onto the list *V (N used, *CAP).  0, or -1 on OOM. */
static int list_add(char ***v, size_t *n, size_t *cap, const char *s)
{
	void *p = *v;
	char *d;

	if (sy_grow(&p, *n, cap, sizeof **v))
		return -1;
	*v = p;
	if (!(d = strdup(s)))
		return -1;
	(*v)[(*n)++] = d;
	return 0;
}

static int add_conflict(mctx *c, const char *id)
{
	return list_add(&c->rep->conflicts, &c->rep->nconflicts,
			&c->rep->capconflicts, id);
}

/* A side's reviewer as a YAML value (new node; NULL on OOM). */
static sy_node *reviewer_node(const sy_annot *a)
{
	return sy_yaml_str_node(a->review.reviewer);
}

/* The conflict record in the unknown keys EXTRA (may be NULL), or NULL. */
static const sy_node *conflict_rec(const sy_node *extra)
{
	return sy_node_get(as_map(extra), CONFLICT);
}

/* Both sides changed the conflict record of an item (each merged it
 * differently): keep the alternatives of both in *EXTRA's record (OURS's,
 * as extra_merge chose), none lost (conflict.h).  0, or -1 on OOM. */
static int join_records(sy_node **extra, const sy_node *b, const sy_node *o,
			const sy_node *t)
{
	const sy_node *rb = conflict_rec(b), *ro = conflict_rec(o);
	const sy_node *rt = conflict_rec(t);
	sy_node *j;

	if (!ro || !rt || sy_node_equal(ro, rt, true) ||
	    (rb && (sy_node_equal(rb, ro, true) || sy_node_equal(rb, rt, true))))
		return 0;
	j = sy_conflict_join(sy_node_clone(ro), NULL, rt);
	return j ? map_set(extra, CONFLICT, j) : -1;
}

/* Mark IT (a copy in OUT) as a conflict: tag it and set its key
 * `conflict` to {SIDE: WHAT, reviewer: REVIEWER}, taking WHAT, with the
 * unsettled alternatives of the earlier records OLD_A and OLD_B (each may
 * be NULL) kept under its `earlier` (conflict.h).  0, or -1 on OOM. */
static int mark_conflict(mctx *c, kind k, void *it, const char *side,
			 sy_node *what, const sy_annot *who,
			 const sy_node *old_a, const sy_node *old_b)
{
	sy_review *r = rev(k, it);
	sy_node *m = sy_node_map();

	if (!m || sy_node_put(m, side, what)) {
		if (!m)
			sy_node_free(what);
		sy_node_free(m);
		return -1;
	}
	if (sy_node_put(m, "reviewer", reviewer_node(who))) {
		sy_node_free(m);
		return -1;
	}
	if (!(m = sy_conflict_join(m, old_a, old_b)) ||
	    map_set(&r->extra, CONFLICT, m) || sy_tags_add(&r->tags, CONFLICT))
		return -1;
	return add_conflict(c, item_id(k, it));
}

enum outcome { O_SAME, O_OURS, O_THEIRS, O_MERGED, O_CONFLICT };

/* Merge O and T (matched by id) over B (NULL: no base) into R, a zeroed
 * slot of OUT.  *HOW says what happened.  0, or -1 on OOM. */
static int merge_item(mctx *c, kind k, const void *b, const void *o,
		      const void *t, void *r, enum outcome *how)
{
	size_t nf, i;
	const fid *f = fields(k, &nf);
	bool conflict = false, both_proposed = false;
	sy_node *extra, *diff, *prop = NULL;   /* prop: owned until placed */

	if (item_copy(k, r, o))
		return -1;
	if (item_eq(k, o, t)) {
		*how = b && item_eq(k, b, o) ? O_SAME : O_MERGED;
		return 0;
	}
	if (b && item_eq(k, b, o)) {
		*how = O_THEIRS;
		return item_copy(k, r, t);
	}
	if (b && item_eq(k, b, t)) {
		*how = O_OURS;
		return 0;
	}
	/* both changed it: field by field, unless a field went two ways */
	for (i = 0; i < nf && !conflict; i++) {
		if (f[i] == F_TAGS || field_eq(k, f[i], o, t) ||
		    (b && (field_eq(k, f[i], b, o) || field_eq(k, f[i], b, t))))
			continue;
		if (f[i] != F_PROPOSED) {
			conflict = true;
			break;
		}
		both_proposed = true;
		if (proposed_merge(b ? rev(k, b)->proposed : NULL,
				   rev(k, o)->proposed, rev(k, t)->proposed,
				   &prop, &conflict))
			return -1;
	}
	if (extra_merge(b ? rev(k, b)->extra : NULL, rev(k, o)->extra,
			rev(k, t)->extra, &extra, NULL)) {
		sy_node_free(prop);
		return -1;
	}
	sy_node_free(rev(k, r)->extra);
	rev(k, r)->extra = extra;
	if (join_records(&rev(k, r)->extra, b ? rev(k, b)->extra : NULL,
			 rev(k, o)->extra, rev(k, t)->extra)) {
		sy_node_free(prop);
		return -1;
	}
	if (!conflict) {
		*how = O_MERGED;
		if (both_proposed) {
			sy_node_free(rev(k, r)->proposed);
			rev(k, r)->proposed = prop;
		}
		for (i = 0; i < nf; i++) {
			if (f[i] == F_TAGS || f[i] == F_PROPOSED ||
			    field_eq(k, f[i], o, t) || !b ||
			    !field_eq(k, f[i], b, o))
				continue;
			if (field_set(k, f[i], r, t))
				return -1;
		}
		if (!both_proposed && b && !field_eq(k, F_PROPOSED, o, t) &&
		    field_eq(k, F_PROPOSED, b, o) && field_set(k, F_PROPOSED, r, t))
			return -1;
		return tags_merge(b ? &rev(k, b)->tags : NULL, &rev(k, o)->tags,
				  &rev(k, t)->tags, &rev(k, r)->tags);
	}
	/* OURS's item as it is; THEIRS's differing fields on the side */
	sy_node_free(prop);
	*how = O_CONFLICT;
	if (!(diff = sy_node_map()))
		return -1;
	for (i = 0; i < nf; i++)
		if (!field_eq(k, f[i], o, t) &&
		    sy_node_put(diff, FIELD_NAME[f[i]], field_node(k, f[i], t))) {
			sy_node_free(diff);
			return -1;
		}
	return mark_conflict(c, k, r, "theirs", diff, c->in[SIDE_THEIRS],
			     conflict_rec(rev(k, o)->extra),
			     conflict_rec(rev(k, t)->extra));
}

/* Copy SRC into a new item of OUT; *DST gets it.  0, or -1 on OOM. */
static int take(mctx *c, kind k, const void *src, void **dst)
{
	void *it = item_append(c->out, k);

	*dst = it;
	return it && !item_copy(k, it, src) ? 0 : -1;
}

/* An item one side deleted and the other changed: keep KEPT (from the
 * side that changed it), a conflict recorded as {GONE_SIDE: deleted}. */
static int keep_deleted(mctx *c, kind k, const void *kept,
			const char *gone_side, const sy_annot *gone)
{
	void *it;
	sy_node *d;

	if (take(c, k, kept, &it))
		return -1;
	if (!(d = raw_node("deleted")))
		return -1;
	return mark_conflict(c, k, it, gone_side, d, gone,
			     conflict_rec(rev(k, kept)->extra), NULL);
}

/* A fresh id of kind K ("s14"), new string owned by the caller; NULL on
 * OOM or when the numbers run out (*LIMIT set). */
static char *fresh_id(mctx *c, kind k, bool *limit)
{
	char buf[32];

	*limit = false;
	if (c->next[k] >= UINT_MAX - 1) {
		*limit = true;
		return NULL;
	}
	snprintf(buf, sizeof buf, "%c%u", PREFIX[k], c->next[k]++);
	return strdup(buf);
}

/* An item OURS added (not in BASE) of kind K with IT's span and fields,
 * which no item of THEIRS matches by id and no other duplicate claimed
 * (CLAIMED); NONE if there is none.  OURS is sorted by span. */
static size_t find_duplicate(mctx *c, kind k, const void *it,
			     const bool *claimed)
{
	const sy_annot *o = c->in[SIDE_OURS];
	size_t lo = 0, hi = count(o, k), s = item_start(k, it), e = item_end(k, it);

	while (lo < hi) {                  /* first item not before IT's span */
		size_t mid = lo + (hi - lo) / 2;
		const void *m = item_at(o, k, mid);
		size_t ms = item_start(k, m), me = item_end(k, m);
		if (ms < s || (ms == s && me < e))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < count(o, k); lo++) {
		const void *m = item_at(o, k, lo);
		const char *id = item_id(k, m);
		if (!same_span(k, m, it))
			break;
		if (!claimed[lo] && idtab_find(&c->tab[SIDE_BASE][k], id) == NONE &&
		    idtab_find(&c->tab[SIDE_THEIRS][k], id) == NONE &&
		    item_eq(k, m, it))
			return lo;
	}
	return NONE;
}

/* Replace the id *P by NEW (a copy) when *P is OLD.  0, or -1 on OOM. */
static int follow(char **p, const char *old, const char *new)
{
	char *s;

	if (!*p || strcmp(*p, old) != 0)
		return 0;
	if (!(s = strdup(new)))
		return -1;
	free(*p);
	*p = s;
	return 0;
}

/* THEIRS's item of kind K and id OLD is now NEW: its references follow
 * (statistics' `section`, the cursor), and the report lists it under
 * renamed ("OLD -> NEW"), or under dropped ("OLD = NEW") when DUP (the
 * item is a duplicate of OURS's NEW).  0, or -1 on OOM. */
static int theirs_renamed(mctx *c, kind k, const char *old, const char *new,
			  bool dup)
{
	sy_annot *t = c->theirs;
	char line[160];

	if (k == K_SEC)
		for (size_t i = 0; i < t->nstats; i++)
			if (follow(&t->stats[i].section, old, new))
				return -1;
	if (follow(&t->review.cursor, old, new))
		return -1;
	snprintf(line, sizeof line, dup ? "%.60s = %.60s" : "%.60s -> %.60s",
		 old, new);
	if (dup)
		return list_add(&c->rep->dropped, &c->rep->ndropped,
				&c->rep->capdropped, line);
	return list_add(&c->rep->renamed, &c->rep->nrenamed,
			&c->rep->caprenamed, line);
}

/* THEIRS's items of kind K that it added (not in BASE): one with the id
 * and span of an item OURS added is the same item; one whose id OURS uses
 * otherwise gets a fresh id; one identical to an item OURS added under
 * another id is dropped (marked in tdrop) for OURS's.  Builds
 * tab[THEIRS][K] on the way.  SY_OK, or an error. */
static sy_status settle_theirs_ids(mctx *c, kind k, sy_error *err)
{
	sy_annot *t = c->theirs;
	size_t n = count(t, k), no = count(c->in[SIDE_OURS], k), i;
	bool *claimed = NULL;
	kind other = k == K_SEC ? K_STAT : K_SEC;
	sy_status st = SY_OK;

	if (idtab_build(&c->tab[SIDE_THEIRS][k], t, k, NULL) ||
	    !(c->tdrop[k] = calloc(n ? n : 1, sizeof *c->tdrop[k])) ||
	    !(claimed = calloc(no ? no : 1, sizeof *claimed)))
		goto oom;
	for (i = 0; i < n; i++) {
		void *it = item_at(t, k, i);
		char **idp = id_ref(k, it), *old, *fresh;
		size_t oi, d;
		bool collide = false, limit;

		if (idtab_find(&c->tab[SIDE_BASE][k], *idp) != NONE)
			continue;                  /* not added */
		oi = idtab_find(&c->tab[SIDE_OURS][k], *idp);
		if (oi != NONE) {
			if (same_span(k, item_at(c->in[SIDE_OURS], k, oi), it))
				continue;          /* the same item, added on both */
			collide = true;
		} else {
			collide = idtab_find(&c->tab[SIDE_OURS][other], *idp) != NONE ||
				  idtab_find(&c->tab[SIDE_BASE][other], *idp) != NONE;
		}
		d = find_duplicate(c, k, it, claimed);
		if (d != NONE) {
			claimed[d] = true;
			c->tdrop[k][i] = true;
			if (theirs_renamed(c, k, *idp,
					   item_id(k, item_at(c->in[SIDE_OURS], k, d)), true))
				goto oom;
			continue;
		}
		if (!collide)
			continue;
		if (!(fresh = fresh_id(c, k, &limit))) {
			if (!limit)
				goto oom;
			st = sy_fail(err, SY_ERR_LIMIT, "no free id left for %.40s",
				     *idp);
			goto done;
		}
		old = *idp;
		*idp = fresh;
		if (theirs_renamed(c, k, old, fresh, false)) {
			free(old);
			goto oom;
		}
		free(old);
	}
	/* again, with the new ids and without the dropped items */
	idtab_free(&c->tab[SIDE_THEIRS][k]);
	if (idtab_build(&c->tab[SIDE_THEIRS][k], t, k, c->tdrop[k]))
		goto oom;
	goto done;
oom:
	st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
done:
	free(claimed);
	return st;
}

/* Merge the lists of kind K into OUT.  0, or -1 on OOM. */
static int merge_list(mctx *c, kind k)
{
	const sy_annot *b = c->in[SIDE_BASE], *o = c->in[SIDE_OURS],
		       *t = c->in[SIDE_THEIRS];
	sy_merge_report *rep = c->rep;
	size_t i;

	for (i = 0; i < count(o, k); i++) {
		const void *oi = item_at(o, k, i);
		const char *id = item_id(k, oi);
		size_t bi = idtab_find(&c->tab[SIDE_BASE][k], id);
		size_t ti = idtab_find(&c->tab[SIDE_THEIRS][k], id);
		const void *bit = bi != NONE ? item_at(b, k, bi) : NULL;
		void *r;
		enum outcome how;

		if (ti == NONE) {
			if (!bit) {                /* OURS added it */
				rep->added_ours++;
				if (take(c, k, oi, &r))
					return -1;
			} else if (item_eq(k, bit, oi)) {
				rep->deleted++;    /* THEIRS deleted it */
			} else if (keep_deleted(c, k, oi, "theirs", t)) {
				return -1;
			}
			continue;
		}
		if (!(r = item_append(c->out, k)) ||
		    merge_item(c, k, bit, oi, item_at(t, k, ti), r, &how))
			return -1;
		if (!bit && how != O_CONFLICT)
			rep->added_both++;
		else if (how == O_SAME)
			rep->same++;
		else if (how == O_OURS)
			rep->from_ours++;
		else if (how == O_THEIRS)
			rep->from_theirs++;
		else if (how == O_MERGED)
			rep->merged++;
	}
	for (i = 0; i < count(t, k); i++) {
		const void *ti = item_at(t, k, i);
		const char *id = item_id(k, ti);
		size_t bi = idtab_find(&c->tab[SIDE_BASE][k], id);
		void *r;

		if (c->tdrop[k][i] || idtab_find(&c->tab[SIDE_OURS][k], id) != NONE)
			continue;
		if (bi == NONE) {                  /* THEIRS added it */
			rep->added_theirs++;
			if (take(c, k, ti, &r))
				return -1;
		} else if (item_eq(k, item_at(b, k, bi), ti)) {
			rep->deleted++;            /* OURS deleted it */
		} else if (keep_deleted(c, k, ti, "ours", o)) {
			return -1;
		}
	}
	for (i = 0; i < count(b, k); i++) {        /* deleted on both */
		const char *id = item_id(k, item_at(b, k, i));
		if (idtab_find(&c->tab[SIDE_OURS][k], id) == NONE &&
		    idtab_find(&c->tab[SIDE_THEIRS][k], id) == NONE)
			rep->deleted++;
	}
	return 0;
}

/* ------------------------------------------------------------ document */

typedef enum dfid { D_TITLE, D_ISSUER, D_REGION, D_YEAR, D_DATE, D_STATUS,
		    D_PROPOSED, D_COUNT } dfid;

static const char *const DOC_FIELD[D_COUNT] = {
	"title", "issuer", "region", "year", "date", "status", "proposed"
};

static char **doc_str(const sy_docfacts *d, dfid f)
{
	sy_docfacts *m = (sy_docfacts *)d;

	switch (f) {
	case D_TITLE: return &m->title;
	case D_ISSUER: return &m->issuer;
	case D_REGION: return &m->region;
	case D_DATE: return &m->date;
	default: return NULL;
	}
}

/* The document's `proposed` lives among its unknown keys (review.c). */
static const sy_node *doc_proposed(const sy_docfacts *d)
{
	return sy_node_get(as_map(d->extra), "proposed");
}

static bool doc_field_eq(dfid f, const sy_docfacts *a, const sy_docfacts *b)
{
	switch (f) {
	case D_YEAR: return a->year == b->year;
	case D_STATUS: return a->status == b->status;
	case D_PROPOSED: return sy_node_equal(doc_proposed(a), doc_proposed(b), true);
	default: return sy_str_eq(*doc_str(a, f), *doc_str(b, f));
	}
}

static bool doc_eq(const sy_docfacts *a, const sy_docfacts *b)
{
	for (int f = 0; f < D_COUNT; f++)
		if (!doc_field_eq((dfid)f, a, b))
			return false;
	return extra_eq(a->extra, b->extra);
}

/* Replace *DST with a deep copy of SRC.  0, or -1 on OOM. */
static int doc_copy(sy_docfacts *dst, const sy_docfacts *src)
{
	free(dst->title);
	free(dst->issuer);
	free(dst->region);
	free(dst->date);
	sy_node_free(dst->extra);
	memset(dst, 0, sizeof *dst);
	dst->year = src->year;
	dst->status = src->status;
	if ((src->title && !(dst->title = strdup(src->title))) ||
	    (src->issuer && !(dst->issuer = strdup(src->issuer))) ||
	    (src->region && !(dst->region = strdup(src->region))) ||
	    (src->date && !(dst->date = strdup(src->date))) ||
	    (src->extra && !(dst->extra = sy_node_clone(src->extra))))
		return -1;
	return 0;
}

static int doc_field_set(dfid f, sy_docfacts *dst, const sy_docfacts *src)
{
	const sy_node *p;
	sy_node *v = NULL;
	char *s, **d;

	switch (f) {
	case D_YEAR: dst->year = src->year; return 0;
	case D_STATUS: dst->status = src->status; return 0;
	case D_PROPOSED:
		if ((p = doc_proposed(src)) && !(v = sy_node_clone(p)))
			return -1;
		return map_set(&dst->extra, "proposed", v);
	default:
		d = doc_str(dst, f);
		s = sy_strdup(*doc_str(src, f));
		if (!s && *doc_str(src, f))
			return -1;
		free(*d);
		*d = s;
		return 0;
	}
}

static sy_node *doc_field_node(dfid f, const sy_docfacts *d)
{
	const sy_node *p;

	switch (f) {
	case D_YEAR: return d->year ? int_node(d->year) : raw_node("null");
	case D_STATUS: return raw_node(sy_status_name(d->status));
	case D_PROPOSED:
		p = doc_proposed(d);
		return p ? sy_node_clone(p) : raw_node("null");
	default: return sy_yaml_str_node(*doc_str(d, f));
	}
}

/* The document facts, by the items' rules.  0, or -1 on OOM. */
static int merge_doc(mctx *c)
{
	const sy_docfacts *b = c->in[SIDE_BASE] ? &c->in[SIDE_BASE]->doc : NULL;
	const sy_docfacts *o = &c->in[SIDE_OURS]->doc, *t = &c->in[SIDE_THEIRS]->doc;
	sy_docfacts *r = &c->out->doc;
	sy_node *extra, *diff, *m, *prop = NULL;   /* prop: owned until placed */
	bool conflict = false, both_proposed = false;
	int f;

	if (doc_copy(r, o))
		return -1;
	if (doc_eq(o, t)) {
		if (b && doc_eq(b, o))
			c->rep->same++;
		else
			c->rep->merged++;
		return 0;
	}
	if (b && doc_eq(b, o)) {
		c->rep->from_theirs++;
		return doc_copy(r, t);
	}
	if (b && doc_eq(b, t)) {
		c->rep->from_ours++;
		return 0;
	}
	for (f = 0; f < D_COUNT && !conflict; f++) {
		if (doc_field_eq((dfid)f, o, t) ||
		    (b && (doc_field_eq((dfid)f, b, o) ||
			   doc_field_eq((dfid)f, b, t))))
			continue;
		if (f != D_PROPOSED) {
			conflict = true;
			break;
		}
		both_proposed = true;
		if (proposed_merge(b ? doc_proposed(b) : NULL, doc_proposed(o),
				   doc_proposed(t), &prop, &conflict))
			return -1;
	}
	if (extra_merge(b ? b->extra : NULL, o->extra, t->extra, &extra, NULL)) {
		sy_node_free(prop);
		return -1;
	}
	sy_node_free(r->extra);
	r->extra = extra;
	if (join_records(&r->extra, b ? b->extra : NULL, o->extra, t->extra)) {
		sy_node_free(prop);
		return -1;
	}
	if (!conflict) {
		c->rep->merged++;
		for (f = 0; f < D_COUNT; f++)
			if (!doc_field_eq((dfid)f, o, t) && b &&
			    doc_field_eq((dfid)f, b, o) &&
			    doc_field_set((dfid)f, r, t)) {
				sy_node_free(prop);
				return -1;
			}
		/* the key merge of `proposed` (map_set takes PROP) */
		return both_proposed ? map_set(&r->extra, "proposed", prop) : 0;
	}
	sy_node_free(prop);
	if (doc_field_set(D_PROPOSED, r, o) || !(diff = sy_node_map()))
		return -1;
	for (f = 0; f < D_COUNT; f++)
		if (!doc_field_eq((dfid)f, o, t) &&
		    sy_node_put(diff, DOC_FIELD[f], doc_field_node((dfid)f, t))) {
			sy_node_free(diff);
			return -1;
		}
	if (!(m = sy_node_map()) || sy_node_put(m, "theirs", diff)) {
		if (!m)
			sy_node_free(diff);
		sy_node_free(m);
		return -1;
	}
	if (sy_node_put(m, "reviewer", reviewer_node(c->in[SIDE_THEIRS]))) {
		sy_node_free(m);
		return -1;
	}
	if (!(m = sy_conflict_join(m, conflict_rec(o->extra),
				   conflict_rec(t->extra))) ||
	    map_set(&r->extra, CONFLICT, m))
		return -1;
	return add_conflict(c, DOC_ID);
}

/* ------------------------------------------------------------ the rest */

/* Three-way pick of a string: THEIRS's when OURS kept BASE's, else
 * OURS's.  A copy into *DST.  0, or -1 on OOM. */
static int pick_str(char **dst, const char *b, bool has_b, const char *o,
		    const char *t)
{
	const char *v = has_b && sy_str_eq(b, o) ? t : o;

	*dst = sy_strdup(v);
	return v && !*dst ? -1 : 0;
}

static int merge_source(mctx *c)
{
	const sy_annot *b = c->in[SIDE_BASE], *o = c->in[SIDE_OURS],
		       *t = c->in[SIDE_THEIRS];
	sy_sourceinfo *r = &c->out->source;

	memcpy(r->sha256, o->source.sha256, sizeof r->sha256);
	r->chars = o->source.chars;
	if (pick_str(&r->path, b ? b->source.path : NULL, b != NULL,
		     o->source.path, t->source.path) ||
	    pick_str(&r->encoding, b ? b->source.encoding : NULL, b != NULL,
		     o->source.encoding, t->source.encoding))
		return -1;
	return extra_merge(b ? b->source.extra : NULL, o->source.extra,
			   t->source.extra, &r->extra, NULL);
}

/* Append the names in LIST ("wang, li") not yet in *OUT to it. */
static int add_names(char **out, const char *list)
{
	const char *p = list, *e;

	while (p && *p) {
		size_t len, olen;
		const char *q;
		bool seen = false;
		char *s;

		while (*p == ' ' || *p == ',')
			p++;
		e = p + strcspn(p, ",");
		for (len = (size_t)(e - p); len && p[len - 1] == ' '; len--)
			;
		for (q = *out; len && q && *q; q += strcspn(q, ",")) {
			while (*q == ',' || *q == ' ')
				q++;
			if (strncmp(q, p, len) == 0 &&
			    (q[len] == ',' || q[len] == '\0'))
				seen = true;
		}
		if (len && !seen) {
			olen = *out ? strlen(*out) : 0;
			if (!(s = realloc(*out, olen + len + 3)))
				return -1;
			if (olen) {
				memcpy(s + olen, ", ", 2);
				olen += 2;
			}
			memcpy(s + olen, p, len);
			s[olen + len] = '\0';
			*out = s;
		}
		p = e;
	}
	return 0;
}

/* The number under review.next-ids.KEY of A (0 when absent). */
static unsigned recorded_next(const sy_annot *a, const char *key)
{
	const sy_node *m, *v;
	unsigned long x;
	char *end;

	if (!a || !(m = as_map(sy_node_get(as_map(a->review.extra), NEXT_IDS))) ||
	    !(v = sy_node_get(m, key)) || v->kind != SY_NODE_SCALAR)
		return 0;
	x = strtoul(v->scalar, &end, 10);
	return *end || x >= UINT_MAX ? 0 : (unsigned)x;
}

static int merge_review(mctx *c)
{
	const sy_annot *b = c->in[SIDE_BASE], *o = c->in[SIDE_OURS],
		       *t = c->in[SIDE_THEIRS];
	sy_reviewinfo *r = &c->out->review;
	const char *ou = o->review.updated, *tu = t->review.updated;
	const char *upd = !ou ? tu : !tu ? ou : strcmp(ou, tu) >= 0 ? ou : tu;
	bool stamp = sy_node_get(as_map(o->review.extra), NEXT_IDS) ||
		     sy_node_get(as_map(t->review.extra), NEXT_IDS) ||
		     c->rep->nrenamed;
	char s[24], n[24];
	sy_node *m;

	r->present = o->review.present || t->review.present;
	if (add_names(&r->reviewer, o->review.reviewer) ||
	    add_names(&r->reviewer, t->review.reviewer) ||
	    (upd && !(r->updated = strdup(upd))) ||
	    pick_str(&r->cursor, NULL, false,
		     o->review.cursor ? o->review.cursor : t->review.cursor, NULL) ||
	    extra_merge(b ? b->review.extra : NULL, o->review.extra,
			t->review.extra, &r->extra, NULL))
		return -1;
	if (!stamp)
		return 0;
	snprintf(s, sizeof s, "%u", c->next[K_SEC]);
	snprintf(n, sizeof n, "%u", c->next[K_STAT]);
	if (!(m = sy_node_map()) || sy_node_put(m, "sections", raw_node(s)) ||
	    sy_node_put(m, "statistics", raw_node(n))) {
		sy_node_free(m);
		return -1;
	}
	return map_set(&r->extra, NEXT_IDS, m);
}

/* The next free id numbers: past every id of the three files and every
 * number a side recorded under review.next-ids. */
static void init_next(mctx *c)
{
	static const char *const key[2] = { "sections", "statistics" };

	for (int k = 0; k < 2; k++) {
		unsigned v = 1;
		for (int s = 0; s < 3; s++) {
			const sy_annot *a = c->in[s];
			unsigned parsed, rec = recorded_next(a, key[k]);
			if (!a)
				continue;
			parsed = k == K_SEC ? a->next_section_id : a->next_stat_id;
			if (parsed > v)
				v = parsed;
			if (rec > v)
				v = rec;
		}
		c->next[k] = v;
	}
}

/* ------------------------------------------------------------ entry */

sy_status sy_merge_check_sources(const sy_annot *base, const sy_annot *ours,
				 const sy_annot *theirs,
				 const char *const names[3], sy_error *err)
{
	static const char *const dflt[3] = { "BASE", "OURS", "THEIRS" };
	const sy_annot *a[3] = { base, ours, theirs };

	if (!names)
		names = dflt;
	for (int i = 0; i < 3; i++) {
		int j = i == 2 ? 0 : i + 1;
		if (!a[i] || !a[j] || strcmp(a[i]->source.sha256, a[j]->source.sha256) == 0)
			continue;
		return sy_fail(err, SY_ERR_USAGE,
			       "%s and %s annotate different reports "
			       "(source.sha256 %.12s... and %.12s...); not merged",
			       names[i < j ? i : j], names[i < j ? j : i],
			       a[i < j ? i : j]->source.sha256,
			       a[i < j ? j : i]->source.sha256);
	}
	return SY_OK;
}

void sy_merge_report_free(sy_merge_report *rep)
{
	size_t i;

	if (!rep)
		return;
	for (i = 0; i < rep->nconflicts; i++)
		free(rep->conflicts[i]);
	for (i = 0; i < rep->nrenamed; i++)
		free(rep->renamed[i]);
	for (i = 0; i < rep->ndropped; i++)
		free(rep->dropped[i]);
	free(rep->conflicts);
	free(rep->renamed);
	free(rep->dropped);
	memset(rep, 0, sizeof *rep);
}

sy_status sy_merge(const sy_annot *base, const sy_annot *ours,
		   sy_annot *theirs, sy_annot *out, sy_merge_report *rep,
		   sy_error *err)
{
	mctx c;
	sy_status st;
	locale_t cl, old = (locale_t)0;
	int s, k;

	sy_annot_init(out);
	memset(rep, 0, sizeof *rep);
	if ((st = sy_merge_check_sources(base, ours, theirs, NULL, err)) != SY_OK)
		return st;
	memset(&c, 0, sizeof c);
	c.in[SIDE_BASE] = base;
	c.in[SIDE_OURS] = ours;
	c.in[SIDE_THEIRS] = theirs;
	c.theirs = theirs;
	c.out = out;
	c.rep = rep;
	init_next(&c);
	/* numbers are written with '.', whatever LC_NUMERIC says */
	cl = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (cl)
		old = uselocale(cl);
	for (s = SIDE_BASE; s <= SIDE_OURS; s++)
		for (k = 0; k < 2; k++)
			if (idtab_build(&c.tab[s][k], c.in[s], (kind)k, NULL))
				goto oom;
	/* sections first: statistics' `section` follows their new ids */
	for (k = 0; k < 2 && st == SY_OK; k++)
		st = settle_theirs_ids(&c, (kind)k, err);
	if (st != SY_OK)
		goto done;
	if (merge_source(&c) || merge_doc(&c) || merge_list(&c, K_SEC) ||
	    merge_list(&c, K_STAT) || merge_review(&c) ||
	    extra_merge(base ? base->extra : NULL, ours->extra, theirs->extra,
			&out->extra, NULL))
		goto oom;
	sy_annot_sort(out);
	out->next_section_id = c.next[K_SEC];
	out->next_stat_id = c.next[K_STAT];
	goto done;
oom:
	st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
done:
	if (cl) {
		uselocale(old);
		freelocale(cl);
	}
	for (s = 0; s < 3; s++)
		for (k = 0; k < 2; k++)
			idtab_free(&c.tab[s][k]);
	free(c.tdrop[0]);
	free(c.tdrop[1]);
	return st;
}

int sy_names_add(char **out, const char *list)
{
	return add_names(out, list);
}
