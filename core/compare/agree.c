/* agree.c - `shenyue agree`: the agreement between two reviewers'
 * annotation files of the same reports (evaluate.h).  Memory: each
 * function frees what it allocates before it returns.
 */
#include "compare/evaluate.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/schema.h"
#include "session/annot_read.h"

static sy_status nomem(sy_error *err)
{
	return sy_fail(err, SY_ERR_NOMEM, "out of memory");
}

/* ------------------------------------------------------------ agree */

/* The schema's fields agree compares (model/schema.h), in the order of
 * sy_agree_field after each kind's span: AF_SEC_NAME(key) is the name
 * of the field NAME when compared, else nothing. */
#define AF_SEC_ID(key)
#define AF_SEC_LEVEL(key) "sec_" key,
#define AF_SEC_MARKER(key) "sec_" key,
#define AF_SEC_TITLE(key) "sec_" key,
#define AF_SEC_START(key)
#define AF_SEC_END(key)
#define AF_STAT_ID(key)
#define AF_STAT_TEXT(key)
#define AF_STAT_START(key)
#define AF_STAT_END(key)
#define AF_STAT_VALUE(key) "stat_" key,
#define AF_STAT_UNIT(key) "stat_" key,
#define AF_STAT_APPROX(key) "stat_" key,
#define AF_STAT_VALUE_MAX(key) "stat_" key,
#define AF_STAT_SUBJECT(key) "stat_" key,
#define AF_STAT_SECTION(key)
#define AF_SEC_(NAME, key, type, member, flags) AF_SEC_##NAME(key)
#define AF_STAT_(NAME, key, type, member, flags) AF_STAT_##NAME(key)

static const char *const AF_NAME[] = {
	"sec_span", SY_SECTION_FIELDS(AF_SEC_)
	"stat_span", SY_STAT_FIELDS(AF_STAT_)
};
_Static_assert(sizeof AF_NAME / sizeof *AF_NAME == SY_AF_COUNT,
	       "a name for every field agree compares");

const char *sy_agree_field_name(sy_agree_field f)
{
	return (unsigned)f < SY_AF_COUNT ? AF_NAME[f] : "?";
}

bool sy_status_kept(sy_review_status s)
{
	return s == SY_ACCEPTED || s == SY_FIXED || s == SY_ADDED;
}

/* The fields (bits of sy_agree_field) in which two kept items differ. */
static unsigned section_diffs(const sy_section *a, const sy_section *b)
{
	unsigned d = 0;
	if (a->start != b->start || a->end != b->end)
		d |= 1u << SY_AF_SEC_SPAN;
	if (a->level != b->level)
		d |= 1u << SY_AF_SEC_LEVEL;
	if (!sy_str_eq(a->marker, b->marker))
		d |= 1u << SY_AF_SEC_MARKER;
	if (!sy_str_eq(a->title, b->title))
		d |= 1u << SY_AF_SEC_TITLE;
	return d;
}

static unsigned stat_diffs(const sy_stat *a, const sy_stat *b)
{
	unsigned d = 0;
	if (a->start != b->start || a->end != b->end)
		d |= 1u << SY_AF_STAT_SPAN;
	if (!sy_num_eq(a->value, a->has_value, b->value, b->has_value))
		d |= 1u << SY_AF_STAT_VALUE;
	if (!sy_str_eq(a->unit, b->unit))
		d |= 1u << SY_AF_STAT_UNIT;
	if (a->approx != b->approx)
		d |= 1u << SY_AF_STAT_APPROX;
	if (!sy_num_eq(a->value_max, a->has_value_max, b->value_max,
		       b->has_value_max))
		d |= 1u << SY_AF_STAT_VALUE_MAX;
	if (!sy_str_eq(a->subject, b->subject))
		d |= 1u << SY_AF_STAT_SUBJECT;
	return d;
}

/* One side's items of one kind, seen through what matching needs. */
typedef struct side {
	size_t n;
	const sy_annot *a;    /* not owned */
	bool stats;           /* statistics, else sections */
} side;

static const char *item_id(const side *s, size_t i)
{
	return s->stats ? s->a->stats[i].id : s->a->sections[i].id;
}

static sy_review_status item_status(const side *s, size_t i)
{
	return s->stats ? s->a->stats[i].r.status : s->a->sections[i].r.status;
}

static void item_span(const side *s, size_t i, size_t *start, size_t *end)
{
	if (s->stats) {
		*start = s->a->stats[i].start;
		*end = s->a->stats[i].end;
	} else {
		*start = s->a->sections[i].start;
		*end = s->a->sections[i].end;
	}
}

/* A reference for sorting: the item's position and its id or span. */
typedef struct iref {
	size_t pos;
	const char *id;
	size_t start, end;
} iref;

static int iref_id_cmp(const void *x, const void *y)
{
	const iref *a = x, *b = y;
	int c = strcmp(a->id ? a->id : "", b->id ? b->id : "");
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

/* The order of two references by span alone. */
static int span_key(const iref *a, const iref *b)
{
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return 0;
}

static int id_key(const iref *a, const iref *b)
{
	return strcmp(a->id, b->id);
}

static int iref_span_cmp(const void *x, const void *y)
{
	const iref *a = x, *b = y;
	int c = span_key(a, b);
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

/* Pair RA's references with RB's (both sorted by KEY) one to one where
 * KEY says they are equal: PA[a's pos] = b's pos, PB the other way (PA
 * and PB may be NULL).  Returns the number of pairs. */
static size_t pair_sorted(const iref *ra, size_t na, const iref *rb, size_t nb,
			int (*key)(const iref *, const iref *), size_t *pa,
			size_t *pb)
{
	size_t i = 0, j = 0, n = 0;

	while (i < na && j < nb) {
		int c = key(&ra[i], &rb[j]);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			if (pa) {
				pa[ra[i].pos] = rb[j].pos;
				pb[rb[j].pos] = ra[i].pos;
			}
			n++;
			i++;
			j++;
		}
	}
	return n;
}

/* Pair A's items with B's: first by id, items neither side added; then
 * the rest (added items, and any left over) one to one by exact span.
 * PA[i] is B's index for A's item i, PB[j] A's for B's j; SIZE_MAX:
 * unmatched.  0, or -1 on OOM. */
static int match_items(const side *A, const side *B, size_t *pa, size_t *pb)
{
	iref *ra = malloc((A->n ? A->n : 1) * sizeof *ra);
	iref *rb = malloc((B->n ? B->n : 1) * sizeof *rb);
	size_t na = 0, nb = 0, i, j;

	if (!ra || !rb) {
		free(ra);
		free(rb);
		return -1;
	}
	for (i = 0; i < A->n; i++)
		pa[i] = SIZE_MAX;
	for (j = 0; j < B->n; j++)
		pb[j] = SIZE_MAX;
	/* by id */
	for (i = 0; i < A->n; i++)
		if (item_status(A, i) != SY_ADDED && item_id(A, i))
			ra[na++] = (iref){ i, item_id(A, i), 0, 0 };
	for (j = 0; j < B->n; j++)
		if (item_status(B, j) != SY_ADDED && item_id(B, j))
			rb[nb++] = (iref){ j, item_id(B, j), 0, 0 };
	qsort(ra, na, sizeof *ra, iref_id_cmp);
	qsort(rb, nb, sizeof *rb, iref_id_cmp);
	pair_sorted(ra, na, rb, nb, id_key, pa, pb);
	/* the rest by span */
	na = nb = 0;
	for (i = 0; i < A->n; i++)
		if (pa[i] == SIZE_MAX) {
			ra[na] = (iref){ i, NULL, 0, 0 };
			item_span(A, i, &ra[na].start, &ra[na].end);
			na++;
		}
	for (j = 0; j < B->n; j++)
		if (pb[j] == SIZE_MAX) {
			rb[nb] = (iref){ j, NULL, 0, 0 };
			item_span(B, j, &rb[nb].start, &rb[nb].end);
			nb++;
		}
	qsort(ra, na, sizeof *ra, iref_span_cmp);
	qsort(rb, nb, sizeof *rb, iref_span_cmp);
	pair_sorted(ra, na, rb, nb, span_key, pa, pb);
	free(ra);
	free(rb);
	return 0;
}

/* Is an item of status S kept: as a reviewer keeps it or, comparing
 * PROPOSALS of sources, when not rejected? */
static bool is_kept(sy_review_status s, bool proposals)
{
	return proposals ? s != SY_REJECTED : sy_status_kept(s);
}

/* The distinct spans of S's kept items into *OUT (sorted; caller frees);
 * their number, or SIZE_MAX on OOM. */
static size_t kept_spans(const side *s, bool proposals, iref **out)
{
	iref *v = malloc((s->n ? s->n : 1) * sizeof *v);
	size_t n = 0, k = 0, i;

	*out = v;
	if (!v)
		return SIZE_MAX;
	for (i = 0; i < s->n; i++)
		if (is_kept(item_status(s, i), proposals)) {
			v[n] = (iref){ 0, NULL, 0, 0 };
			item_span(s, i, &v[n].start, &v[n].end);
			n++;
		}
	qsort(v, n, sizeof *v, iref_span_cmp);
	for (i = 0; i < n; i++)
		if (!k || v[k - 1].start != v[i].start || v[k - 1].end != v[i].end)
			v[k++] = v[i];
	return k;
}

/* A disagreement (no fields yet) about A's item I and B's item J of one
 * kind (SIZE_MAX: that side lacks it). */
static void diff_init(sy_agree_diff *d, const char *file_a,
		      const char *file_b, const side *A, size_t i,
		      const side *B, size_t j)
{
	*d = (sy_agree_diff){ file_a, file_b, A->stats, NULL, NULL, NULL, NULL,
			      false, 0 };
	if (i != SIZE_MAX && A->stats)
		d->stat_a = &A->a->stats[i];
	else if (i != SIZE_MAX)
		d->sec_a = &A->a->sections[i];
	if (j != SIZE_MAX && B->stats)
		d->stat_b = &B->a->stats[j];
	else if (j != SIZE_MAX)
		d->sec_b = &B->a->sections[j];
}

/* Compare one kind (sections or statistics) of two files. */
static int agree_kind(const sy_annot *a, const char *file_a,
		      const sy_annot *b, const char *file_b, bool stats,
		      sy_agree_counts *c, sy_agree_diff_fn on_diff, void *ctx)
{
	side A = { stats ? a->nstats : a->nsections, a, stats };
	side B = { stats ? b->nstats : b->nsections, b, stats };
	size_t *pa = malloc((A.n ? A.n : 1) * sizeof *pa);
	size_t *pb = malloc((B.n ? B.n : 1) * sizeof *pb);
	iref *ka = NULL, *kb = NULL;
	size_t nka, nkb, i, j;
	int rc = -1;

	if (!pa || !pb || match_items(&A, &B, pa, pb) < 0)
		goto done;
	nka = kept_spans(&A, c->proposals, &ka);
	nkb = kept_spans(&B, c->proposals, &kb);
	if (nka == SIZE_MAX || nkb == SIZE_MAX)
		goto done;
	c->kept_a += nka;
	c->kept_b += nkb;
	c->kept_both += pair_sorted(ka, nka, kb, nkb, span_key, NULL, NULL);
	for (i = 0; i < A.n; i++) {
		sy_agree_diff d;

		diff_init(&d, file_a, file_b, &A, i, &B, pa[i]);
		if (pa[i] == SIZE_MAX) {
			c->only_a++;
			if (on_diff)
				on_diff(ctx, &d);
			continue;
		}
		j = pa[i];
		{
			sy_review_status sa = item_status(&A, i),
					 sb = item_status(&B, j);
			c->matched++;
			if ((unsigned)sa < SY_STATUS_COUNT &&
			    (unsigned)sb < SY_STATUS_COUNT)
				c->confusion[sa][sb]++;
			d.status_differs = sa != sb;
			if (is_kept(sa, c->proposals) &&
			    is_kept(sb, c->proposals)) {
				sy_agree_field f0 = stats ? SY_AF_STAT_SPAN
							  : SY_AF_SEC_SPAN;
				sy_agree_field f1 = stats ? SY_AF_COUNT
							  : SY_AF_STAT_SPAN;
				d.fields = stats ? stat_diffs(d.stat_a, d.stat_b)
						 : section_diffs(d.sec_a, d.sec_b);
				for (sy_agree_field f = f0; f < f1; f++) {
					c->field_n[f]++;
					c->field_eq[f] += !(d.fields & (1u << f));
				}
			}
		}
		if ((d.status_differs || d.fields) && on_diff)
			on_diff(ctx, &d);
	}
	for (j = 0; j < B.n; j++) {
		sy_agree_diff d;

		if (pb[j] != SIZE_MAX)
			continue;
		diff_init(&d, file_a, file_b, &A, SIZE_MAX, &B, j);
		c->only_b++;
		if (on_diff)
			on_diff(ctx, &d);
	}
	rc = 0;
done:
	free(pa);
	free(pb);
	free(ka);
	free(kb);
	return rc;
}

sy_status sy_agree_pair(const sy_annot *a, const char *file_a,
			const sy_annot *b, const char *file_b,
			sy_agree_counts *c, sy_agree_diff_fn on_diff,
			void *ctx, sy_error *err)
{
	c->files++;
	if (agree_kind(a, file_a, b, file_b, false, c, on_diff, ctx) < 0 ||
	    agree_kind(a, file_a, b, file_b, true, c, on_diff, ctx) < 0)
		return nomem(err);
	return SY_OK;
}

sy_status sy_agree_run(const char *a, const char *b, sy_agree_counts *total,
		       sy_agree_diff_fn on_diff, void *diff_ctx,
		       sy_warn_fn warn, void *warn_ctx, sy_error *err)
{
	char **as = NULL;
	size_t na = 0, i;
	sy_aset bs;
	bool *used = NULL;
	sy_status st;

	memset(total, 0, sizeof *total);
	if ((st = sy_list_annot_files(a, true, &as, &na, err)) != SY_OK)
		return st;
	if ((st = sy_aset_load(b, true, true, &bs, warn, warn_ctx, err)) != SY_OK) {
		sy_paths_free(as, na);
		return st;
	}
	used = calloc(bs.n ? bs.n : 1, sizeof *used);
	if (!used)
		st = nomem(err);
	for (i = 0; i < na && st == SY_OK; i++) {
		sy_annot aa, ba;
		const sy_afile *bf;

		sy_annot_init(&aa);
		sy_annot_init(&ba);
		if ((st = sy_annot_load_current(as[i], &aa, NULL, err)) != SY_OK)
			break;
		bf = sy_aset_find(&bs, aa.source.sha256, sy_annot_key(&aa));
		if (!bf) {
			total->only_a_files++;
			sy_warnf(warn, warn_ctx, "%s: no annotation file of the same "
				 "report in %s", as[i], b);
		} else if ((st = sy_annot_load_current(bf->path, &ba, NULL, err)) == SY_OK) {
			used[bf - bs.v] = true;
			st = sy_agree_pair(&aa, as[i], &ba, bf->path, total,
					   on_diff, diff_ctx, err);
		}
		sy_annot_free(&aa);
		sy_annot_free(&ba);
	}
	for (i = 0; i < bs.n && st == SY_OK; i++)
		if (!used[i]) {
			total->only_b_files++;
			sy_warnf(warn, warn_ctx, "%s: no annotation file of the same "
				 "report in %s", bs.v[i].path, a);
		}
	free(used);
	sy_aset_free(&bs);
	sy_paths_free(as, na);
	return st;
}

unsigned long sy_agree_both_pending(const sy_agree_counts *c)
{
	return c->confusion[SY_PENDING][SY_PENDING];
}

/* The status table of C without the items both left pending. */
static double cell(const sy_agree_counts *c, int i, int j)
{
	return i == SY_PENDING && j == SY_PENDING ? 0.0 : (double)c->confusion[i][j];
}

double sy_agree_kappa(const sy_agree_counts *c, double *po_out)
{
	unsigned long left = sy_agree_both_pending(c);
	double n = (double)(c->matched - left), po = 0.0, pe = 0.0;
	int i, j;

	if (po_out)
		*po_out = NAN;
	if (c->matched <= left)
		return NAN;
	for (i = 0; i < SY_STATUS_COUNT; i++) {
		double ra = 0.0, cb = 0.0;
		for (j = 0; j < SY_STATUS_COUNT; j++) {
			ra += cell(c, i, j);
			cb += cell(c, j, i);
		}
		po += cell(c, i, i);
		pe += (ra / n) * (cb / n);
	}
	po /= n;
	if (po_out)
		*po_out = po;
	if (pe >= 1.0)
		return 1.0;   /* one status throughout, on both sides */
	return (po - pe) / (1.0 - pe);
}

double sy_agree_kept_f1(const sy_agree_counts *c)
{
	if (!c->kept_a && !c->kept_b)
		return 1.0;
	return 2.0 * (double)c->kept_both / (double)(c->kept_a + c->kept_b);
}
