/* resolve.c - settling a conflict that a merge or an adjudication left on
 * an item (review.h, merge/merge.h): keep the version in the file or take
 * the other one recorded under the item's `conflict:` key.
 */
#include "session/review_priv.h"

#include <stdlib.h>
#include <string.h>

#include "merge/conflict.h"

/* Remove KEY from the mapping M (NULL is fine). */
static void map_drop(sy_node *m, const char *key)
{
	if (!m || m->kind != SY_NODE_MAP)
		return;
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->keys[i], key)) {
			free(m->keys[i]);
			sy_node_free(m->items[i]);
			memmove(m->keys + i, m->keys + i + 1, (m->n - i - 1) * sizeof *m->keys);
			memmove(m->items + i, m->items + i + 1, (m->n - i - 1) * sizeof *m->items);
			m->n--;
			return;
		}
}

/* Where the mapping M holds its `conflict` record, or NULL. */
static sy_node **conflict_slot(sy_node *m)
{
	for (size_t i = 0; m->kind == SY_NODE_MAP && i < m->n; i++)
		if (!strcmp(m->keys[i], SY_KEY_CONFLICT))
			return &m->items[i];
	return NULL;
}

/* A scalar node as a string field: NULL for a plain null. */
static const char *node_str(const sy_node *v)
{
	if (!v || v->kind != SY_NODE_SCALAR || !v->scalar)
		return NULL;
	if (!v->quoted && (!strcmp(v->scalar, "null") || !strcmp(v->scalar, "~")))
		return NULL;
	return v->scalar;
}

static int node_num(const sy_node *v, double *x, bool *has)
{
	const char *s = node_str(v);
	char *end;
	*has = s != NULL;
	*x = 0;
	if (!s)
		return 0;
	*x = strtod(s, &end);
	return *end ? -1 : 0;
}

static int node_tags(const sy_node *v, sy_tags *t)
{
	while (t->n)
		free(t->v[--t->n]);
	if (!v || v->kind != SY_NODE_SEQ)
		return 0;
	for (size_t i = 0; i < v->n; i++)
		if (node_str(v->items[i]) && sy_tags_add(t, node_str(v->items[i])))
			return -1;
	return 0;
}

/* The keys of format 1 (model/schema.h), indexed by field id. */
static const char *const DOC_KEYS[] = { SY_DOC_FIELDS(SY_FIELD_KEY) };
static const char *const SEC_KEYS[] = { SY_SECTION_FIELDS(SY_FIELD_KEY) };
static const char *const STAT_KEYS[] = { SY_STAT_FIELDS(SY_FIELD_KEY) };
static const char *const REV_KEYS[] = { SY_REVIEW_FIELDS(SY_FIELD_KEY) };

/* The field id of KEY among KEYS[0..N), or -1. */
static int field_of(const char *const *keys, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(keys[i], key))
			return (int)i;
	return -1;
}

/* The span field (start or end) of E's AFTER state that KEY names, or
 * NULL (E is a section or a statistic). */
static size_t *span_field(sy_edit *e, const char *key)
{
	bool sec = e->kind == SY_ITEM_SECTION;

	if (!strcmp(key, sec ? SEC_KEYS[SY_SEC_START] : STAT_KEYS[SY_STAT_START]))
		return sec ? &e->sec[1].start : &e->stat[1].start;
	if (!strcmp(key, sec ? SEC_KEYS[SY_SEC_END] : STAT_KEYS[SY_STAT_END]))
		return sec ? &e->sec[1].end : &e->stat[1].end;
	return NULL;
}

/* *AT = V when it is a number >= 0 (else *AT kept).  0, or -1 when V is
 * not a number. */
static int set_offset(size_t *at, const sy_node *v)
{
	double x;
	bool has;
	int r = node_num(v, &x, &has);

	if (has && x >= 0)
		*at = (size_t)x;
	return r;
}

/* *M = a copy of V when V is a mapping, else none.  0, or -1 on OOM. */
static int set_map(sy_node **m, const sy_node *v)
{
	sy_node_free(*m);
	*m = v && v->kind == SY_NODE_MAP ? sy_node_clone(v) : NULL;
	return v && v->kind == SY_NODE_MAP && !*m ? -1 : 0;
}

/* Set the review field (status, tags, note, proposed, by, disagreement,
 * via) named KEY; 1 when
 * KEY is not one.  (A field the schema adds makes the compiler point at
 * the switches below.) */
static int set_review_field(sy_review *r, const char *key, const sy_node *v)
{
	switch ((enum sy_rev_field)field_of(REV_KEYS, SY_REV_COUNT, key)) {
	case SY_REV_STATUS:
		return node_str(v) ? sy_status_parse(node_str(v), &r->status) : -1;
	case SY_REV_TAGS:
		return node_tags(v, &r->tags);
	case SY_REV_NOTE:
		return sy_set_str(&r->note, node_str(v));
	case SY_REV_PROPOSED:
		return set_map(&r->proposed, v);
	case SY_REV_BY:
		return set_map(&r->by, v);
	case SY_REV_DISAGREEMENT:
		return set_map(&r->disagreement, v);
	case SY_REV_VIA:
		return sy_set_str(&r->via, node_str(v));
	case SY_REV_COUNT:
		break;
	}
	return 1;                        /* not a review field */
}

/* The document's field KEY = V (its `proposed` is kept in its extra);
 * an unknown key is ignored. */
static int set_doc_field(sy_docfacts *d, const char *key, const sy_node *v)
{
	const char *prop = REV_KEYS[SY_REV_PROPOSED];
	double x;
	bool has;
	int r;

	if (!strcmp(key, prop)) {
		map_drop(d->extra, prop);
		if (!v || v->kind != SY_NODE_MAP)
			return 0;
		if (!d->extra && !(d->extra = sy_node_map()))
			return -1;
		return sy_node_put(d->extra, prop, sy_node_clone(v));
	}
	switch ((enum sy_doc_field)field_of(DOC_KEYS, SY_DOC_COUNT, key)) {
	case SY_DOC_TITLE: return sy_set_str(&d->title, node_str(v));
	case SY_DOC_ISSUER: return sy_set_str(&d->issuer, node_str(v));
	case SY_DOC_REGION: return sy_set_str(&d->region, node_str(v));
	case SY_DOC_DATE: return sy_set_str(&d->date, node_str(v));
	case SY_DOC_YEAR:
		r = node_num(v, &x, &has);
		d->year = has ? (int)x : 0;
		return r;
	case SY_DOC_STATUS:
		return node_str(v) ? sy_status_parse(node_str(v), &d->status) : -1;
	case SY_DOC_COUNT:
		break;
	}
	return 0;                        /* unknown: ignored */
}

static int set_section_field(sy_section *s, const char *key, const sy_node *v)
{
	const char *str = node_str(v) ? node_str(v) : "";
	double x;
	bool has;
	int r;

	switch ((enum sy_sec_field)field_of(SEC_KEYS, SY_SEC_COUNT, key)) {
	case SY_SEC_LEVEL:
		r = node_num(v, &x, &has);
		s->level = has ? (int)x : s->level;
		return r;
	case SY_SEC_MARKER: return sy_set_str(&s->marker, str);
	case SY_SEC_TITLE: return sy_set_str(&s->title, str);
	case SY_SEC_ID: case SY_SEC_START: case SY_SEC_END: case SY_SEC_COUNT:
		break;
	}
	return 0;
}

static int set_stat_field(sy_stat *s, const char *key, const sy_node *v)
{
	const char *str = node_str(v);

	switch ((enum sy_stat_field)field_of(STAT_KEYS, SY_STAT_COUNT, key)) {
	case SY_STAT_VALUE: return node_num(v, &s->value, &s->has_value);
	case SY_STAT_VALUE_MAX:
		return node_num(v, &s->value_max, &s->has_value_max);
	case SY_STAT_APPROX:
		if (!str)
			s->approx = SY_APPROX_NONE;
		return str ? sy_approx_parse(str, &s->approx) : 0;
	case SY_STAT_TEXT: return sy_set_str(&s->text, str ? str : "");
	case SY_STAT_UNIT: return sy_set_str(&s->unit, str);
	case SY_STAT_SUBJECT: return sy_set_str(&s->subject, str);
	case SY_STAT_SECTION: return sy_set_str(&s->section, str);
	case SY_STAT_ID: case SY_STAT_START: case SY_STAT_END:
	case SY_STAT_COUNT:
		break;
	}
	return 0;
}

/* Apply THEIRS's field KEY = V to the edit's after state. */
static int set_field(sy_edit *e, const char *key, const sy_node *v)
{
	sy_review *rv = sy_rv_after_review(e);
	size_t *at;
	int r;

	if (!rv)
		return set_doc_field(&e->doc[1], key, v);
	if ((r = set_review_field(rv, key, v)) <= 0)
		return r;
	if ((at = span_field(e, key)) != NULL)
		return set_offset(at, v);
	if (e->kind == SY_ITEM_SECTION)
		return set_section_field(&e->sec[1], key, v);
	return set_stat_field(&e->stat[1], key, v);
}

const sy_node *sy_item_conflict(const sy_file *f, sy_item_ref it)
{
	const sy_node *extra;
	const sy_review *r = sy_item_review(f, it);

	extra = r ? r->extra : f->annot.doc.extra;
	if (!extra)
		return NULL;
	return sy_node_get(extra, SY_KEY_CONFLICT);
}

sy_status sy_review_resolve(sy_file *f, sy_item_ref it, bool theirs, sy_error *err)
{
	const sy_node *c = sy_item_conflict(f, it), *t;
	sy_node *extra;
	sy_edit *e;
	sy_status st;
	bool gone;

	if (!c)
		return sy_fail(err, SY_ERR_USAGE, "%s: %s has no conflict to settle",
			       f->annot_path, sy_item_id(f, it));
	if ((st = sy_rv_command_begin(f, it, &e, err)) != SY_OK)
		return st;
	t = sy_node_get(c, "theirs");
	/* a side that deleted the item: taking it removes the item */
	gone = (theirs && t && node_str(t) && !strcmp(node_str(t), "deleted")) ||
	       (!theirs && sy_node_get(c, "ours") && node_str(sy_node_get(c, "ours")) &&
		!strcmp(node_str(sy_node_get(c, "ours")), "deleted"));
	if (gone && e->kind != SY_ITEM_DOCUMENT) {
		e->exists[1] = false;
		return sy_rv_run_edit(f, e, NULL, err);
	}
	if (theirs && t && t->kind == SY_NODE_MAP)
		for (size_t i = 0; i < t->n; i++)
			if (set_field(e, t->keys[i], t->items[i]) < 0) {
				sy_edit_free(e);
				return sy_fail(err, SY_ERR_FORMAT, "%s: %s: the other "
					       "version's %s cannot be read", f->annot_path,
					       sy_item_id(f, it), t->keys[i]);
			}
	extra = e->kind == SY_ITEM_DOCUMENT ? e->doc[1].extra : sy_rv_after_review(e)->extra;
	/* an earlier alternative still waits: it becomes the one shown */
	{
		bool oom;
		sy_node *next = sy_conflict_next(c, &oom), **slot;
		if (oom) {
			sy_edit_free(e);
			return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory",
				       f->annot_path);
		}
		slot = extra ? conflict_slot(extra) : NULL;
		if (next && slot) {
			sy_node_free(*slot);
			*slot = next;
			return sy_rv_run_edit(f, e, NULL, err);
		}
		sy_node_free(next);
	}
	map_drop(extra, SY_KEY_CONFLICT);
	if (e->kind != SY_ITEM_DOCUMENT)
		sy_tags_remove(&sy_rv_after_review(e)->tags, SY_TAG_CONFLICT);
	return sy_rv_run_edit(f, e, NULL, err);
}

