/* conflict.c - see conflict.h */
#include "merge/conflict.h"
#include "merge/merge_priv.h"

#include <stdlib.h>
#include <string.h>

#define EARLIER "earlier"

/* A copy of the record R without its `earlier`; NULL on OOM. */
static sy_node *bare(const sy_node *r)
{
	sy_node *m = sy_node_map();

	for (size_t i = 0; m && r->kind == SY_NODE_MAP && i < r->n; i++) {
		if (!strcmp(r->keys[i], EARLIER))
			continue;
		if (sy_node_put(m, r->keys[i], sy_node_clone(r->items[i]))) {
			sy_node_free(m);
			return NULL;
		}
	}
	return m;
}

/* Whether the list L already holds the alternative ALT. */
static bool holds(const sy_node *l, const sy_node *alt)
{
	for (size_t i = 0; i < l->n; i++)
		if (sy_node_equal(l->items[i], alt, true))
			return true;
	return false;
}

/* Append to L the alternatives of the record R (may be NULL), oldest
 * first, leaving out repeats and SELF.  0, or -1 on OOM. */
static int add_alts(sy_node *l, const sy_node *r, const sy_node *self)
{
	const sy_node *e;
	sy_node *b;

	if (!r || r->kind != SY_NODE_MAP)
		return 0;
	e = sy_node_get(r, EARLIER);
	for (size_t i = 0; e && e->kind == SY_NODE_SEQ && i < e->n; i++)
		if (add_alts(l, e->items[i], self))
			return -1;
	if (!(b = bare(r)))
		return -1;
	if (!b->n || holds(l, b) || sy_node_equal(b, self, true)) {
		sy_node_free(b);
		return 0;
	}
	return sy_node_push(l, b);
}

/* Set the record R's `earlier` to the list L (taken, freed on failure
 * too); an empty L is not added where R has none.  0, or -1 on OOM. */
static int set_earlier(sy_node *r, sy_node *l)
{
	if (!l->n && !sy_node_get(r, EARLIER)) {
		sy_node_free(l);
		return 0;
	}
	return sy_mg_map_set(&r, EARLIER, l);
}

sy_node *sy_conflict_join(sy_node *newest, const sy_node *a, const sy_node *b)
{
	sy_node *self = newest ? bare(newest) : NULL;
	sy_node *l = sy_node_seq();

	if (!newest || !self || !l || add_alts(l, newest, self) ||
	    add_alts(l, a, self) || add_alts(l, b, self))
		goto oom;
	sy_node_free(self);
	self = NULL;
	/* NEWEST's own `earlier` is rebuilt from L */
	if (set_earlier(newest, l))
		goto oom_put;
	return newest;
oom:
	sy_node_free(l);
oom_put:
	sy_node_free(self);
	sy_node_free(newest);
	return NULL;
}

sy_node *sy_conflict_next(const sy_node *rec, bool *oom)
{
	const sy_node *e = rec ? sy_node_get(rec, EARLIER) : NULL;
	sy_node *next, *rest;

	*oom = false;
	if (!e || e->kind != SY_NODE_SEQ || !e->n)
		return NULL;
	if (!(next = bare(e->items[e->n - 1])) || !(rest = sy_node_seq()))
		goto oom;
	for (size_t i = 0; i + 1 < e->n; i++)
		if (sy_node_push(rest, sy_node_clone(e->items[i]))) {
			sy_node_free(rest);
			goto oom;
		}
	if (set_earlier(next, rest))
		goto oom;
	return next;
oom:
	sy_node_free(next);
	*oom = true;
	return NULL;
}
