/* merge.c - three-way merge of annotation files (see merge.h): the
 * driver, the source and review blocks, and the YAML values of fields.
 *
 * The result is built as a new sy_annot (OUT): every item is a deep copy
 * of OURS's or THEIRS's item (sy_section_copy / sy_stat_copy), changed in
 * place where the other side's fields are taken.  Nothing in OUT points
 * into the inputs.  The files of the merge: merge_priv.h.
 */
#include "merge/merge_priv.h"
#include "format/yaml_style.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEXT_IDS "next-ids"        /* under review: */

static const char *const TOP_KEY[] = { SY_TOP_KEYS(SY_FIELD_KEY) };

/* ------------------------------------------------------------ values */

/* New scalar nodes (owned by the caller; NULL on OOM; merge_priv.h).
 * Strings and numbers of items: format/yaml_style.h, as the writer. */
sy_node *sy_mg_raw_node(const char *s)
{
	return sy_node_scalar(s, 0);
}

sy_node *sy_mg_size_node(size_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%zu", v);
	return sy_mg_raw_node(buf);
}

sy_node *sy_mg_int_node(long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%ld", v);
	return sy_mg_raw_node(buf);
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
	return sy_mg_extra_merge(b ? b->source.extra : NULL, o->source.extra,
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

	if (!a ||
	    !(m = sy_mg_as_map(sy_node_get(sy_mg_as_map(a->review.extra),
					   NEXT_IDS))) ||
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
	bool stamp = sy_node_get(sy_mg_as_map(o->review.extra), NEXT_IDS) ||
		     sy_node_get(sy_mg_as_map(t->review.extra), NEXT_IDS) ||
		     c->rep->nrenamed;
	char s[24], n[24];
	sy_node *m;

	r->present = o->review.present || t->review.present;
	if (add_names(&r->reviewer, o->review.reviewer) ||
	    add_names(&r->reviewer, t->review.reviewer) ||
	    (upd && !(r->updated = strdup(upd))) ||
	    pick_str(&r->cursor, NULL, false,
		     o->review.cursor ? o->review.cursor : t->review.cursor, NULL) ||
	    sy_mg_extra_merge(b ? b->review.extra : NULL, o->review.extra,
			      t->review.extra, &r->extra, NULL))
		return -1;
	if (!stamp)
		return 0;
	snprintf(s, sizeof s, "%u", c->next[K_SEC]);
	snprintf(n, sizeof n, "%u", c->next[K_STAT]);
	if (!(m = sy_node_map()) ||
	    sy_node_put(m, TOP_KEY[SY_TOP_SECTIONS], sy_mg_raw_node(s)) ||
	    sy_node_put(m, TOP_KEY[SY_TOP_STATISTICS], sy_mg_raw_node(n))) {
		sy_node_free(m);
		return -1;
	}
	return sy_mg_map_set(&r->extra, NEXT_IDS, m);
}

/* The next free id numbers: past every id of the three files and every
 * number a side recorded under review.next-ids. */
static void init_next(mctx *c)
{
	for (int k = 0; k < 2; k++) {
		const char *key = TOP_KEY[k == K_SEC ? SY_TOP_SECTIONS
						     : SY_TOP_STATISTICS];
		unsigned v = 1;
		for (int s = 0; s < 3; s++) {
			const sy_annot *a = c->in[s];
			unsigned parsed, rec = recorded_next(a, key);
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
			if (sy_mg_idtab_build(&c.tab[s][k], c.in[s], (kind)k, NULL))
				goto oom;
	/* sections first: statistics' `section` follows their new ids */
	for (k = 0; k < 2 && st == SY_OK; k++)
		st = sy_mg_settle_theirs_ids(&c, (kind)k, err);
	if (st != SY_OK)
		goto done;
	if (merge_source(&c) || sy_mg_merge_doc(&c) || sy_mg_merge_list(&c, K_SEC) ||
	    sy_mg_merge_list(&c, K_STAT) || merge_review(&c) ||
	    sy_mg_extra_merge(base ? base->extra : NULL, ours->extra, theirs->extra,
			      &out->extra, NULL) ||
	    /* what each source is: merged source by source */
	    sy_mg_extra_merge(base ? base->proposers : NULL, ours->proposers,
			      theirs->proposers, &out->proposers, NULL))
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
			sy_mg_idtab_free(&c.tab[s][k]);
	free(c.tdrop[0]);
	free(c.tdrop[1]);
	return st;
}

int sy_names_add(char **out, const char *list)
{
	return add_names(out, list);
}
