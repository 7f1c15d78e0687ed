/* sources.c - one source's proposals out of an annotation file, the
 * reliability of scores, and two sources compared (evaluate.h, issue 13).
 */
#include "compare/evaluate.h"

#include <stdlib.h>
#include <string.h>

#include "format/provenance.h"
#include "model/item.h"
#include "model/schema.h"
#include "session/annot_read.h"

/* ------------------------------------------------------------ one source */

/* The scalar of disagreement field KEY in D, or NULL when absent. */
static const char *dis_field(const sy_node *d, const char *key)
{
	const sy_node *v = sy_node_get(d, key);

	return v && v->kind == SY_NODE_SCALAR && v->scalar ? v->scalar : NULL;
}

static bool is_null(const char *s)
{
	return !strcmp(s, "null") || !strcmp(s, "~") || !*s;
}

/* *DST = S (a copy; NULL for null).  0, or -1 on OOM. */
static int set_str(char **dst, const char *s, const sy_node *d,
		   const char *key)
{
	const sy_node *v = sy_node_get(d, key);
	char *c;

	if (is_null(s) && !(v && v->quoted))
		c = NULL;
	else if (!(c = strdup(s)))
		return -1;
	free(*dst);
	*dst = c;
	return 0;
}

static void set_num(double *v, bool *has, const char *s)
{
	char *end;
	double d = strtod(s, &end);

	*has = !is_null(s) && !*end && end != s;
	*v = *has ? d : 0;
}

/* R's item as SOURCE proposed it: the fields of disagreement.SOURCE put
 * over those of the item (STAT or SEC).  0, or -1 on OOM. */
static int stat_as(sy_stat *n, const char *source)
{
	const sy_node *d = sy_node_get(n->r.disagreement, source);
	const char *s;

	if (!d || d->kind != SY_NODE_MAP)
		return 0;
	if ((s = dis_field(d, sy_stat_keys[SY_STAT_VALUE])))
		set_num(&n->value, &n->has_value, s);
	if ((s = dis_field(d, sy_stat_keys[SY_STAT_VALUE_MAX])))
		set_num(&n->value_max, &n->has_value_max, s);
	if ((s = dis_field(d, sy_stat_keys[SY_STAT_APPROX])) &&
	    (is_null(s) || sy_approx_parse(s, &n->approx) != 0))
		n->approx = SY_APPROX_NONE;
	if ((s = dis_field(d, sy_stat_keys[SY_STAT_UNIT])) &&
	    set_str(&n->unit, s, d, sy_stat_keys[SY_STAT_UNIT]))
		return -1;
	if ((s = dis_field(d, sy_stat_keys[SY_STAT_SUBJECT])) &&
	    set_str(&n->subject, s, d, sy_stat_keys[SY_STAT_SUBJECT]))
		return -1;
	return 0;
}

static int section_as(sy_section *c, const char *source)
{
	const sy_node *d = sy_node_get(c->r.disagreement, source);
	const char *s;

	if (!d || d->kind != SY_NODE_MAP)
		return 0;
	if ((s = dis_field(d, sy_section_keys[SY_SEC_LEVEL])))
		c->level = atoi(s);
	if ((s = dis_field(d, sy_section_keys[SY_SEC_MARKER])) &&
	    set_str(&c->marker, s, d, sy_section_keys[SY_SEC_MARKER]))
		return -1;
	if ((s = dis_field(d, sy_section_keys[SY_SEC_TITLE])) &&
	    set_str(&c->title, s, d, sy_section_keys[SY_SEC_TITLE]))
		return -1;
	return 0;
}

int sy_annot_keep_source(sy_annot *a, const char *source)
{
	size_t i;

	for (i = a->nsections; i-- > 0;)
		if (!sy_prov_has(&a->sections[i].r, source, NULL, NULL))
			sy_annot_remove_section(a, i);
		else if (section_as(&a->sections[i], source))
			return -1;
	for (i = a->nstats; i-- > 0;)
		if (!sy_prov_has(&a->stats[i].r, source, NULL, NULL))
			sy_annot_remove_stat(a, i);
		else if (stat_as(&a->stats[i], source))
			return -1;
	return 0;
}

/* ------------------------------------------------------------ calibration */

const double sy_calib_edges[SY_CALIB_BUCKETS + 1] = {
	0.0, 0.5, 0.7, 0.8, 0.9, 1.0
};

/* The bucket of SCORE: [e_i, e_i+1), the last one closed. */
static size_t bucket_of(double score)
{
	size_t b = 0;

	while (b + 1 < SY_CALIB_BUCKETS && score >= sy_calib_edges[b + 1])
		b++;
	return b;
}

/* The index of the first item of the START-sorted list with start >=
 * START; the items are GET(i)'s starts (a list in the file's order). */
#define LOWER_BOUND(arr, n, key, out) do { \
		size_t lo_ = 0, hi_ = (n); \
		while (lo_ < hi_) { \
			size_t mid_ = lo_ + (hi_ - lo_) / 2; \
			if ((arr)[mid_].start < (key)) \
				lo_ = mid_ + 1; \
			else \
				hi_ = mid_; \
		} \
		(out) = lo_; \
	} while (0)

/* The item's score for SOURCE (NULL: the highest any source gave). */
static bool item_score(const sy_review *r, const char *source, double *s)
{
	bool has = false;

	if (!source)
		return sy_prov_score(r, s);
	return sy_prov_has(r, source, s, &has) && has;
}

static void count(sy_calib *c, bool scored, double s, bool ok)
{
	size_t b = scored ? bucket_of(s) : SY_CALIB_BUCKETS;

	c->n[b]++;
	c->ok[b] += ok;
}

int sy_calib_pair(const sy_annot *g, const sy_annot *p, const char *source,
		  sy_calib *c)
{
	size_t i, j, nb = 0, *border = malloc((g->nstats + 1) * sizeof *border);
	double s;

	if (!border)
		return -1;
	/* the borderline gold items (few) */
	for (i = 0; i < g->nstats; i++)
		if (sy_tags_has(&g->stats[i].r.tags, "borderline"))
			border[nb++] = i;

	for (i = 0; i < p->nsections; i++) {
		const sy_section *m = &p->sections[i];
		bool ok = false, scored;
		if (m->r.status == SY_REJECTED ||
		    (source && !sy_prov_has(&m->r, source, NULL, NULL)))
			continue;
		scored = item_score(&m->r, source, &s);
		LOWER_BOUND(g->sections, g->nsections, m->start, j);
		for (; j < g->nsections && g->sections[j].start == m->start; j++)
			if (g->sections[j].r.status != SY_REJECTED)
				ok = ok || sy_eval_section_same(&g->sections[j], m);
		count(c, scored, s, ok);
	}
	for (i = 0; i < p->nstats; i++) {
		const sy_stat *m = &p->stats[i];
		bool ok = false, bord = false, scored;
		size_t k;
		if (m->r.status == SY_REJECTED ||
		    (source && !sy_prov_has(&m->r, source, NULL, NULL)))
			continue;
		/* a borderline gold item neither rewards nor penalizes what
		 * overlaps it (eval's rule) */
		for (k = 0; k < nb && !bord; k++)
			bord = g->stats[border[k]].start < m->end &&
			       g->stats[border[k]].end > m->start;
		if (bord)
			continue;
		scored = item_score(&m->r, source, &s);
		LOWER_BOUND(g->stats, g->nstats, m->start, j);
		for (; j < g->nstats && g->stats[j].start == m->start; j++)
			if (g->stats[j].r.status != SY_REJECTED)
				ok = ok || sy_eval_stat_same(&g->stats[j], m);
		count(c, scored, s, ok);
	}
	free(border);
	return 0;
}

/* ------------------------------------------------------------ agree */

/* PATH read twice, each copy keeping one source's items. */
static sy_status agree_file(const char *path, const char *source_a,
			    const char *source_b, sy_agree_counts *total,
			    sy_agree_diff_fn on_diff, void *ctx, sy_error *err)
{
	sy_annot a, b;
	sy_status st;

	sy_annot_init(&a);
	sy_annot_init(&b);
	st = sy_annot_load_current(path, &a, NULL, err);
	if (st == SY_OK)
		st = sy_annot_load_current(path, &b, NULL, err);
	if (st == SY_OK && (sy_annot_keep_source(&a, source_a) ||
			    sy_annot_keep_source(&b, source_b)))
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
	if (st == SY_OK)
		st = sy_agree_pair(&a, path, &b, path, total, on_diff, ctx, err);
	sy_annot_free(&a);
	sy_annot_free(&b);
	return st;
}

sy_status sy_agree_sources(char *const *files, size_t n,
			   const char *source_a, const char *source_b,
			   sy_agree_counts *total, sy_agree_diff_fn on_diff,
			   void *diff_ctx, sy_error *err)
{
	sy_status st = SY_OK;

	memset(total, 0, sizeof *total);
	total->proposals = true;
	for (size_t i = 0; i < n && st == SY_OK; i++) {
		char **paths = NULL;
		size_t np = 0;
		st = sy_list_annot_files(files[i], true, &paths, &np, err);
		for (size_t k = 0; k < np && st == SY_OK; k++)
			st = agree_file(paths[k], source_a, source_b, total,
					on_diff, diff_ctx, err);
		sy_paths_free(paths, np);
	}
	return st;
}
