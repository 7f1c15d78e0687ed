/* merge_record.c - the record of a conflict on an item (merge_priv.h,
 * conflict.h): its tag, its key `conflict` with the alternatives, and
 * the report's list of conflicts.
 */
#include "merge/merge_priv.h"
#include "merge/conflict.h"

#include <stdlib.h>
#include <string.h>

/* Push a copy of S onto the list *V (N used, *CAP).  0, or -1 on OOM. */
int sy_mg_list_add(char ***v, size_t *n, size_t *cap, const char *s)
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

int sy_mg_add_conflict(mctx *c, const char *id)
{
	return sy_mg_list_add(&c->rep->conflicts, &c->rep->nconflicts,
			      &c->rep->capconflicts, id);
}

/* A side's reviewer as a YAML value (new node; NULL on OOM). */
sy_node *sy_mg_reviewer_node(const sy_annot *a)
{
	return sy_yaml_str_node(a->review.reviewer);
}

/* The conflict record in the unknown keys EXTRA (may be NULL), or NULL. */
const sy_node *sy_mg_conflict_rec(const sy_node *extra)
{
	return sy_node_get(sy_mg_as_map(extra), SY_KEY_CONFLICT);
}

/* Both sides changed the conflict record of an item (each merged it
 * differently): keep the alternatives of both in *EXTRA's record (OURS's,
 * as extra_merge chose), none lost (conflict.h).  0, or -1 on OOM. */
int sy_mg_join_records(sy_node **extra, const sy_node *b, const sy_node *o,
		       const sy_node *t)
{
	const sy_node *rb = sy_mg_conflict_rec(b), *ro = sy_mg_conflict_rec(o);
	const sy_node *rt = sy_mg_conflict_rec(t);
	sy_node *j;

	if (!ro || !rt || sy_node_equal(ro, rt, true) ||
	    (rb && (sy_node_equal(rb, ro, true) || sy_node_equal(rb, rt, true))))
		return 0;
	j = sy_conflict_join(sy_node_clone(ro), NULL, rt);
	return j ? sy_mg_map_set(extra, SY_KEY_CONFLICT, j) : -1;
}

/* Set the key `conflict` of the unknown keys *EXTRA to {SIDE: WHAT,
 * reviewer: WHO's reviewer}, taking WHAT, with the unsettled alternatives
 * of the earlier records OLD_A and OLD_B (each may be NULL) kept under
 * its `earlier` (conflict.h).  0, or -1 on OOM. */
int sy_mg_put_record(sy_node **extra, const char *side, sy_node *what,
		     const sy_annot *who, const sy_node *old_a,
		     const sy_node *old_b)
{
	sy_node *m = sy_node_map();

	if (!m || sy_node_put(m, side, what)) {
		if (!m)
			sy_node_free(what);
		sy_node_free(m);
		return -1;
	}
	if (sy_node_put(m, "reviewer", sy_mg_reviewer_node(who))) {
		sy_node_free(m);
		return -1;
	}
	if (!(m = sy_conflict_join(m, old_a, old_b)))
		return -1;
	return sy_mg_map_set(extra, SY_KEY_CONFLICT, m);
}

/* Mark IT (a copy in OUT) as a conflict: tag it and record it
 * (sy_mg_put_record).  0, or -1 on OOM. */
int sy_mg_mark_conflict(mctx *c, kind k, void *it, const char *side,
			sy_node *what, const sy_annot *who,
			const sy_node *old_a, const sy_node *old_b)
{
	sy_review *r = mg_rev(k, it);

	if (sy_mg_put_record(&r->extra, side, what, who, old_a, old_b) ||
	    sy_tags_add(&r->tags, SY_TAG_CONFLICT))
		return -1;
	return sy_mg_add_conflict(c, mg_item_id(k, it));
}
