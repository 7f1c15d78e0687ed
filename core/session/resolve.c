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
		if (!strcmp(m->keys[i], "conflict"))
			return &m->items[i];
	return NULL;
}

static void tag_drop(sy_tags *t, const char *tag)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i], tag)) {
			free(t->v[i]);
			memmove(t->v + i, t->v + i + 1, (t->n - i - 1) * sizeof *t->v);
			t->n--;
			return;
		}
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

/* Set the review fields (status, tags, note, proposed) named KEY. */
static int set_review_field(sy_review *r, const char *key, const sy_node *v)
{
	if (!strcmp(key, "status"))
		return node_str(v) ? sy_status_parse(node_str(v), &r->status) : -1;
	if (!strcmp(key, "tags"))
		return node_tags(v, &r->tags);
	if (!strcmp(key, "note"))
		return sy_set_str(&r->note, node_str(v));
	if (!strcmp(key, "proposed")) {
		sy_node_free(r->proposed);
		r->proposed = v && v->kind == SY_NODE_MAP ? sy_node_clone(v) : NULL;
		return v && v->kind == SY_NODE_MAP && !r->proposed ? -1 : 0;
	}
	return 1;                        /* not a review field */
}

/* Apply THEIRS's field KEY = V to the edit's after state. */
static int set_field(sy_edit *e, const char *key, const sy_node *v)
{
	double x;
	bool has;
	int r;

	if (e->kind == SY_ITEM_DOCUMENT) {
		sy_docfacts *d = &e->doc[1];
		if (!strcmp(key, "title")) return sy_set_str(&d->title, node_str(v));
		if (!strcmp(key, "issuer")) return sy_set_str(&d->issuer, node_str(v));
		if (!strcmp(key, "region")) return sy_set_str(&d->region, node_str(v));
		if (!strcmp(key, "date")) return sy_set_str(&d->date, node_str(v));
		if (!strcmp(key, "year")) {
			r = node_num(v, &x, &has);
			d->year = has ? (int)x : 0;
			return r;
		}
		if (!strcmp(key, "status"))
			return node_str(v) ? sy_status_parse(node_str(v), &d->status) : -1;
		if (!strcmp(key, "proposed")) {
			map_drop(d->extra, "proposed");
			if (!v || v->kind != SY_NODE_MAP)
				return 0;
			if (!d->extra && !(d->extra = sy_node_map()))
				return -1;
			return sy_node_put(d->extra, "proposed", sy_node_clone(v));
		}
		return 0;                /* unknown: ignored */
	}
	if (e->kind == SY_ITEM_SECTION) {
		sy_section *s = &e->sec[1];
		if ((r = set_review_field(&s->r, key, v)) <= 0)
			return r;
		if (!strcmp(key, "level")) {
			r = node_num(v, &x, &has);
			s->level = has ? (int)x : s->level;
			return r;
		}
		if (!strcmp(key, "marker")) return sy_set_str(&s->marker, node_str(v) ? node_str(v) : "");
		if (!strcmp(key, "title")) return sy_set_str(&s->title, node_str(v) ? node_str(v) : "");
		if (!strcmp(key, "start") || !strcmp(key, "end")) {
			r = node_num(v, &x, &has);
			if (has && x >= 0)
				*(!strcmp(key, "start") ? &s->start : &s->end) = (size_t)x;
			return r;
		}
		return 0;
	}
	{
		sy_stat *s = &e->stat[1];
		if ((r = set_review_field(&s->r, key, v)) <= 0)
			return r;
		if (!strcmp(key, "value"))
			return node_num(v, &s->value, &s->has_value);
		if (!strcmp(key, "value_max"))
			return node_num(v, &s->value_max, &s->has_value_max);
		if (!strcmp(key, "unit")) return sy_set_str(&s->unit, node_str(v));
		if (!strcmp(key, "subject")) return sy_set_str(&s->subject, node_str(v));
		if (!strcmp(key, "section")) return sy_set_str(&s->section, node_str(v));
		if (!strcmp(key, "text")) return sy_set_str(&s->text, node_str(v) ? node_str(v) : "");
		if (!strcmp(key, "approx")) {
			if (!node_str(v)) {
				s->approx = SY_APPROX_NONE;
				return 0;
			}
			return sy_approx_parse(node_str(v), &s->approx);
		}
		if (!strcmp(key, "start") || !strcmp(key, "end")) {
			r = node_num(v, &x, &has);
			if (has && x >= 0)
				*(!strcmp(key, "start") ? &s->start : &s->end) = (size_t)x;
			return r;
		}
		return 0;
	}
}

const sy_node *sy_item_conflict(const sy_file *f, sy_item_ref it)
{
	const sy_node *extra;
	const sy_review *r = sy_item_review(f, it);

	extra = r ? r->extra : f->annot.doc.extra;
	if (!extra)
		return NULL;
	return sy_node_get(extra, "conflict");
}

sy_status sy_cmd_resolve(sy_file *f, sy_item_ref it, bool theirs, sy_error *err)
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
	map_drop(extra, "conflict");
	if (e->kind != SY_ITEM_DOCUMENT)
		tag_drop(&sy_rv_after_review(e)->tags, "conflict");
	return sy_rv_run_edit(f, e, NULL, err);
}

