/* merge_ids.c - ids in a merge (merge_priv.h): the tables that find an
 * item by id, and THEIRS's added items given fresh ids where OURS uses
 * theirs (or dropped where they repeat an item OURS added).
 */
#include "merge/merge_priv.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char PREFIX[2] = { 's', 'n' };

/* ------------------------------------------------------------ id tables */

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603u;   /* FNV-1a; truncated on 32 bits */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Index of the item with ID, or NONE. */
size_t sy_mg_idtab_find(const idtab *t, const char *id)
{
	size_t h;

	if (!t->slot || !id)
		return NONE;
	for (h = hash_str(id) & t->mask; t->slot[h]; h = (h + 1) & t->mask)
		if (sy_str_eq(mg_item_id(t->k, mg_item_at(t->a, t->k,
							  t->slot[h] - 1)), id))
			return t->slot[h] - 1;
	return NONE;
}

/* Table of A's (may be NULL) list K, leaving out the items marked in SKIP
 * (may be NULL).  Ids are unique in a file (the reader checks); a repeat
 * is left out.  0, or -1 on OOM. */
int sy_mg_idtab_build(idtab *t, const sy_annot *a, kind k, const bool *skip)
{
	size_t n = mg_count(a, k), cap = 16, i, h;

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
		const char *id = mg_item_id(k, mg_item_at(a, k, i));
		if ((skip && skip[i]) || !id || sy_mg_idtab_find(t, id) != NONE)
			continue;
		for (h = hash_str(id) & t->mask; t->slot[h]; h = (h + 1) & t->mask)
			;
		t->slot[h] = i + 1;
	}
	return 0;
}

void sy_mg_idtab_free(idtab *t)
{
	free(t->slot);
	memset(t, 0, sizeof *t);
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
	size_t lo = 0, hi = mg_count(o, k);
	size_t s = mg_item_start(k, it), e = mg_item_end(k, it);

	while (lo < hi) {                  /* first item not before IT's span */
		size_t mid = lo + (hi - lo) / 2;
		const void *m = mg_item_at(o, k, mid);
		size_t ms = mg_item_start(k, m), me = mg_item_end(k, m);
		if (ms < s || (ms == s && me < e))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < mg_count(o, k); lo++) {
		const void *m = mg_item_at(o, k, lo);
		const char *id = mg_item_id(k, m);
		if (!mg_same_span(k, m, it))
			break;
		if (!claimed[lo] && sy_mg_idtab_find(&c->tab[SIDE_BASE][k], id) == NONE &&
		    sy_mg_idtab_find(&c->tab[SIDE_THEIRS][k], id) == NONE &&
		    sy_mg_item_eq(k, m, it))
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
		return sy_mg_list_add(&c->rep->dropped, &c->rep->ndropped,
				      &c->rep->capdropped, line);
	return sy_mg_list_add(&c->rep->renamed, &c->rep->nrenamed,
			      &c->rep->caprenamed, line);
}

/* THEIRS's items of kind K that it added (not in BASE): one with the id
 * and span of an item OURS added is the same item; one whose id OURS uses
 * otherwise gets a fresh id; one identical to an item OURS added under
 * another id is dropped (marked in tdrop) for OURS's.  Builds
 * tab[THEIRS][K] on the way.  SY_OK, or an error. */
sy_status sy_mg_settle_theirs_ids(mctx *c, kind k, sy_error *err)
{
	sy_annot *t = c->theirs;
	size_t n = mg_count(t, k), no = mg_count(c->in[SIDE_OURS], k), i;
	bool *claimed = NULL;
	kind other = k == K_SEC ? K_STAT : K_SEC;
	sy_status st = SY_OK;

	if (sy_mg_idtab_build(&c->tab[SIDE_THEIRS][k], t, k, NULL) ||
	    !(c->tdrop[k] = calloc(n ? n : 1, sizeof *c->tdrop[k])) ||
	    !(claimed = calloc(no ? no : 1, sizeof *claimed)))
		goto oom;
	for (i = 0; i < n; i++) {
		void *it = mg_item_at(t, k, i);
		char **idp = mg_id_ref(k, it), *old, *fresh;
		size_t oi, d;
		bool collide = false, limit;

		if (sy_mg_idtab_find(&c->tab[SIDE_BASE][k], *idp) != NONE)
			continue;                  /* not added */
		oi = sy_mg_idtab_find(&c->tab[SIDE_OURS][k], *idp);
		if (oi != NONE) {
			if (mg_same_span(k, mg_item_at(c->in[SIDE_OURS], k, oi), it))
				continue;          /* the same item, added on both */
			collide = true;
		} else {
			collide = sy_mg_idtab_find(&c->tab[SIDE_OURS][other],
						   *idp) != NONE ||
				  sy_mg_idtab_find(&c->tab[SIDE_BASE][other],
						   *idp) != NONE;
		}
		d = find_duplicate(c, k, it, claimed);
		if (d != NONE) {
			const void *dup = mg_item_at(c->in[SIDE_OURS], k, d);

			claimed[d] = true;
			c->tdrop[k][i] = true;
			if (theirs_renamed(c, k, *idp, mg_item_id(k, dup), true))
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
	sy_mg_idtab_free(&c->tab[SIDE_THEIRS][k]);
	if (sy_mg_idtab_build(&c->tab[SIDE_THEIRS][k], t, k, c->tdrop[k]))
		goto oom;
	goto done;
oom:
	st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
done:
	free(claimed);
	return st;
}

