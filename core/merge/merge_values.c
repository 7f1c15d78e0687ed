/* merge_values.c - the merge of values that are not fields: unknown
 * keys, `proposed` (the extractor's values of the fixed fields) and tags
 * (merge_priv.h). */
#include "merge/merge_priv.h"
#include "model/item.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ values */

/* A mapping of unknown keys, or NULL when M is absent or not a mapping. */
const sy_node *sy_mg_as_map(const sy_node *m)
{
	return m && m->kind == SY_NODE_MAP ? m : NULL;
}

/* Extras compare equal when both are empty, however that is written. */
bool sy_mg_extra_eq(const sy_node *a, const sy_node *b)
{
	a = sy_mg_as_map(a);
	b = sy_mg_as_map(b);
	if (a && !a->n)
		a = NULL;
	if (b && !b->n)
		b = NULL;
	return sy_node_equal(a, b, true);
}

/* Set KEY of the mapping *MAP (created when NULL) to V, taking V (freed
 * on failure too), in place when KEY is there, else appended; V NULL
 * removes KEY.  0, or -1 on OOM. */
int sy_mg_map_set(sy_node **map, const char *key, sy_node *v)
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

/* ------------------------------------------------------------ tags */

/* Three-way merge of tag sets into *OUT (replaced): a tag is in when both
 * sides have it, or one side has it and BASE (may be NULL) had not; OURS's
 * order first.  0, or -1 on OOM. */
int sy_mg_tags_merge(const sy_tags *b, const sy_tags *o, const sy_tags *t,
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
	sy_tags_clear(out);
	*out = r;
	return 0;
oom:
	sy_tags_clear(&r);
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
int sy_mg_extra_merge(const sy_node *b, const sy_node *o, const sy_node *t,
		      sy_node **out, bool *clash)
{
	sy_node *r = NULL;
	size_t i;
	bool two_ways = false;

	b = sy_mg_as_map(b);
	o = sy_mg_as_map(o);
	t = sy_mg_as_map(t);
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
		if (take && sy_mg_map_set(&r, o->keys[i], sy_node_clone(take)))
			goto oom;
	}
	for (i = 0; t && i < t->n; i++) {
		const sy_node *bv = sy_node_get(b, t->keys[i]);
		if (sy_node_get(o, t->keys[i]) ||
		    (bv && sy_node_equal(bv, t->items[i], true)))
			continue;            /* done above; or OURS removed it */
		if (bv)
			two_ways = true;     /* OURS removed it, THEIRS changed it */
		if (sy_mg_map_set(&r, t->keys[i], sy_node_clone(t->items[i])))
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
int sy_mg_proposed_merge(const sy_node *b, const sy_node *o, const sy_node *t,
			 sy_node **out, bool *clash)
{
	*out = NULL;
	*clash = (b && b->kind != SY_NODE_MAP) || (o && o->kind != SY_NODE_MAP) ||
		 (t && t->kind != SY_NODE_MAP);
	if (*clash)
		return 0;
	return sy_mg_extra_merge(b, o, t, out, clash);
}

