/* merge_items.c - one item three ways, and the lists of items: matched
 * by id, added, deleted, or kept as a conflict (merge_priv.h).
 */
#include "merge/merge_priv.h"

#include <stdlib.h>
#include <string.h>

enum outcome { O_SAME, O_OURS, O_THEIRS, O_MERGED, O_CONFLICT };

/* The provenance mapping F (by, disagreement) of R, when both sides
 * changed it: source by source, as unknown keys merge (a source both
 * sides changed keeps OURS's), never a conflict.  0, or -1 on OOM. */
static int merge_sources(kind k, fid f, const void *b, const void *o,
			 const void *t, void *r)
{
	bool by = f == F_REV_BY;
	const sy_review *rb = b ? mg_rev(k, b) : NULL;
	const sy_review *ro = mg_rev(k, o), *rt = mg_rev(k, t);
	sy_review *rr = mg_rev(k, r);
	sy_node *m, **dst = by ? &rr->by : &rr->disagreement;

	if (sy_mg_extra_merge(rb ? (by ? rb->by : rb->disagreement) : NULL,
			      by ? ro->by : ro->disagreement,
			      by ? rt->by : rt->disagreement, &m, NULL))
		return -1;
	sy_node_free(*dst);
	*dst = m;
	return 0;
}

/* Merge O and T (matched by id) over B (NULL: no base) into R, a zeroed
 * slot of OUT.  *HOW says what happened.  0, or -1 on OOM. */
static int merge_item(mctx *c, kind k, const void *b, const void *o,
		      const void *t, void *r, enum outcome *how)
{
	size_t nf, i;
	const fid *f = sy_mg_fields(k, &nf);
	bool conflict = false, both_proposed = false;
	sy_node *extra, *diff, *prop = NULL;   /* prop: owned until placed */

	if (mg_item_copy(k, r, o))
		return -1;
	if (sy_mg_item_eq(k, o, t)) {
		*how = b && sy_mg_item_eq(k, b, o) ? O_SAME : O_MERGED;
		return 0;
	}
	if (b && sy_mg_item_eq(k, b, o)) {
		*how = O_THEIRS;
		return mg_item_copy(k, r, t);
	}
	if (b && sy_mg_item_eq(k, b, t)) {
		*how = O_OURS;
		return 0;
	}
	/* both changed it: field by field, unless a field went two ways */
	for (i = 0; i < nf && !conflict; i++) {
		if (f[i] == F_REV_TAGS || sy_mg_field_eq(k, f[i], o, t) ||
		    (b && (sy_mg_field_eq(k, f[i], b, o) ||
			   sy_mg_field_eq(k, f[i], b, t))))
			continue;
		if (f[i] == F_REV_BY || f[i] == F_REV_DISAGREEMENT) {
			if (merge_sources(k, f[i], b, o, t, r))
				goto oom;
			continue;            /* source by source: no conflict */
		}
		if (f[i] == F_REV_VIA)
			continue;            /* how OURS decided: kept */
		if (f[i] != F_REV_PROPOSED) {
			conflict = true;
			break;
		}
		both_proposed = true;
		if (sy_mg_proposed_merge(b ? mg_rev(k, b)->proposed : NULL,
					 mg_rev(k, o)->proposed, mg_rev(k, t)->proposed,
					 &prop, &conflict))
			return -1;
	}
	if (sy_mg_extra_merge(b ? mg_rev(k, b)->extra : NULL, mg_rev(k, o)->extra,
			      mg_rev(k, t)->extra, &extra, NULL)) {
oom:
		sy_node_free(prop);
		return -1;
	}
	sy_node_free(mg_rev(k, r)->extra);
	mg_rev(k, r)->extra = extra;
	if (sy_mg_join_records(&mg_rev(k, r)->extra, b ? mg_rev(k, b)->extra : NULL,
			       mg_rev(k, o)->extra, mg_rev(k, t)->extra)) {
		sy_node_free(prop);
		return -1;
	}
	if (!conflict) {
		*how = O_MERGED;
		if (both_proposed) {
			sy_node_free(mg_rev(k, r)->proposed);
			mg_rev(k, r)->proposed = prop;
		}
		for (i = 0; i < nf; i++) {
			if (f[i] == F_REV_TAGS || f[i] == F_REV_PROPOSED ||
			    f[i] == F_REV_BY || f[i] == F_REV_DISAGREEMENT ||
			    f[i] == F_REV_VIA ||
			    sy_mg_field_eq(k, f[i], o, t) || !b ||
			    !sy_mg_field_eq(k, f[i], b, o))
				continue;
			if (sy_mg_field_set(k, f[i], r, t))
				return -1;
		}
		if (!both_proposed && b &&
		    !sy_mg_field_eq(k, F_REV_PROPOSED, o, t) &&
		    sy_mg_field_eq(k, F_REV_PROPOSED, b, o) &&
		    sy_mg_field_set(k, F_REV_PROPOSED, r, t))
			return -1;
		return sy_mg_tags_merge(b ? &mg_rev(k, b)->tags : NULL, &mg_rev(k, o)->tags,
					&mg_rev(k, t)->tags, &mg_rev(k, r)->tags);
	}
	/* OURS's item as it is; THEIRS's differing fields on the side */
	sy_node_free(prop);
	*how = O_CONFLICT;
	if (!(diff = sy_node_map()))
		return -1;
	for (i = 0; i < nf; i++)
		if (!sy_mg_field_eq(k, f[i], o, t) &&
		    sy_node_put(diff, sy_mg_field_name(f[i]),
				sy_mg_field_node(k, f[i], t))) {
			sy_node_free(diff);
			return -1;
		}
	return sy_mg_mark_conflict(c, k, r, "theirs", diff, c->in[SIDE_THEIRS],
				   sy_mg_conflict_rec(mg_rev(k, o)->extra),
				   sy_mg_conflict_rec(mg_rev(k, t)->extra));
}

/* Copy SRC into a new item of OUT; *DST gets it.  0, or -1 on OOM. */
static int take(mctx *c, kind k, const void *src, void **dst)
{
	void *it = sy_mg_item_append(c->out, k);

	*dst = it;
	return it && !mg_item_copy(k, it, src) ? 0 : -1;
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
	if (!(d = sy_mg_raw_node("deleted")))
		return -1;
	return sy_mg_mark_conflict(c, k, it, gone_side, d, gone,
				   sy_mg_conflict_rec(mg_rev(k, kept)->extra), NULL);
}

/* Merge the lists of kind K into OUT.  0, or -1 on OOM. */
int sy_mg_merge_list(mctx *c, kind k)
{
	const sy_annot *b = c->in[SIDE_BASE], *o = c->in[SIDE_OURS],
		       *t = c->in[SIDE_THEIRS];
	sy_merge_report *rep = c->rep;
	size_t i;

	for (i = 0; i < mg_count(o, k); i++) {
		const void *oi = mg_item_at(o, k, i);
		const char *id = mg_item_id(k, oi);
		size_t bi = sy_mg_idtab_find(&c->tab[SIDE_BASE][k], id);
		size_t ti = sy_mg_idtab_find(&c->tab[SIDE_THEIRS][k], id);
		const void *bit = bi != NONE ? mg_item_at(b, k, bi) : NULL;
		void *r;
		enum outcome how;

		if (ti == NONE) {
			if (!bit) {                /* OURS added it */
				rep->added_ours++;
				if (take(c, k, oi, &r))
					return -1;
			} else if (sy_mg_item_eq(k, bit, oi)) {
				rep->deleted++;    /* THEIRS deleted it */
			} else if (keep_deleted(c, k, oi, "theirs", t)) {
				return -1;
			}
			continue;
		}
		if (!(r = sy_mg_item_append(c->out, k)) ||
		    merge_item(c, k, bit, oi, mg_item_at(t, k, ti), r, &how))
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
	for (i = 0; i < mg_count(t, k); i++) {
		const void *ti = mg_item_at(t, k, i);
		const char *id = mg_item_id(k, ti);
		size_t bi = sy_mg_idtab_find(&c->tab[SIDE_BASE][k], id);
		void *r;

		if (c->tdrop[k][i] ||
		    sy_mg_idtab_find(&c->tab[SIDE_OURS][k], id) != NONE)
			continue;
		if (bi == NONE) {                  /* THEIRS added it */
			rep->added_theirs++;
			if (take(c, k, ti, &r))
				return -1;
		} else if (sy_mg_item_eq(k, mg_item_at(b, k, bi), ti)) {
			rep->deleted++;            /* OURS deleted it */
		} else if (keep_deleted(c, k, ti, "ours", o)) {
			return -1;
		}
	}
	for (i = 0; i < mg_count(b, k); i++) {        /* deleted on both */
		const char *id = mg_item_id(k, mg_item_at(b, k, i));
		if (sy_mg_idtab_find(&c->tab[SIDE_OURS][k], id) == NONE &&
		    sy_mg_idtab_find(&c->tab[SIDE_THEIRS][k], id) == NONE)
			rep->deleted++;
	}
	return 0;
}

