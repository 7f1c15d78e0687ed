/* eval.c - `shenyue eval`: annotation files scored against gold ones
 * (evaluate.h).
 *
 * Every comparison here mirrors a line of ../shared/tools/score.py; the
 * comments quote it where the Python semantics are not obvious.  Memory:
 * each function frees what it allocates before it returns.
 */
#include "compare/evaluate.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "session/annot_read.h"
#include "base/utf8.h"

static sy_status nomem(sy_error *err)
{
	return sy_fail(err, SY_ERR_NOMEM, "out of memory");
}

/* ------------------------------------------------------------ Python's view */

/* Python's str() of an optional string: None is "None". */
static const char *py_str(const char *s)
{
	return s ? s : "None";
}

/* Is CP whitespace to Python's str.isspace() (what str.strip() strips)? */
static bool py_space(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) ||
	       cp == 0x85 || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* str(S).strip() == WANT, S and WANT UTF-8 (WANT compared as is). */
static bool py_strip_eq(const char *s, const char *want)
{
	const unsigned char *b = (const unsigned char *)s, *e = b + strlen(s);
	uint32_t cp;
	size_t k;

	while (b < e && (k = sy_utf8_decode(b, (size_t)(e - b), &cp)) &&
	       py_space(cp))
		b += k;
	while (e > b) {
		const unsigned char *q = e - 1;
		while (q > b && (*q & 0xc0) == 0x80)
			q--;
		if (!(k = sy_utf8_decode(q, (size_t)(e - q), &cp)) ||
		    q + k != e || !py_space(cp))
			break;
		e = q;
	}
	return strlen(want) == (size_t)(e - b) &&
	       memcmp(b, want, (size_t)(e - b)) == 0;
}

/* score.py's num_eq(a, b): both numbers, |a - b| <= 1e-6 * max(1, |b|).
 * (float(None) raises there: a null never equals anything.) */
static bool num_eq(bool ha, double a, bool hb, double b)
{
	double m = fabs(b);

	if (!ha || !hb)
		return false;
	if (!(m > 1.0))           /* max(1.0, nan) is 1.0 */
		m = 1.0;
	return fabs(a - b) <= 1e-6 * m;
}

/* Python's str() of a year: the model's 0 is null. */
static const char *py_year(int year, char buf[16])
{
	if (!year)
		return "None";
	snprintf(buf, 16, "%d", year);
	return buf;
}

/* ------------------------------------------------------------ eval */

void sy_f1(unsigned long tp, unsigned long npred, unsigned long ngold,
	   double *p, double *r, double *f)
{
	*p = npred ? (double)tp / (double)npred : 0.0;
	*r = ngold ? (double)tp / (double)ngold : 0.0;
	*f = *p + *r != 0.0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

void sy_eval_add(sy_eval_counts *c, const sy_eval_counts *a)
{
	c->sec_tp += a->sec_tp;
	c->sec_pred += a->sec_pred;
	c->sec_gold += a->sec_gold;
	c->sec_level += a->sec_level;
	c->sec_title += a->sec_title;
	c->st_tp += a->st_tp;
	c->st_ov += a->st_ov;
	c->st_pred += a->st_pred;
	c->st_gold += a->st_gold;
	c->st_value += a->st_value;
	c->st_unit += a->st_unit;
	c->st_approx += a->st_approx;
	c->doc_ok += a->doc_ok;
	c->doc_n += a->doc_n;
	c->files += a->files;
	c->missing += a->missing;
}

static double ratio1(unsigned long a, unsigned long b)
{
	return (double)a / (double)(b > 1 ? b : 1);    /* a / max(1, b) */
}

void sy_eval_figures(const sy_eval_counts *c, sy_figure o[SY_EVAL_NFIGURES])
{
	double sp, sr, sf, np, nr, nf, op, orr, of;
	size_t k = 0;

	sy_f1(c->sec_tp, c->sec_pred, c->sec_gold, &sp, &sr, &sf);
	sy_f1(c->st_tp, c->st_pred, c->st_gold, &np, &nr, &nf);
	sy_f1(c->st_ov, c->st_pred, c->st_gold, &op, &orr, &of);
#define I(nm, x) o[k++] = (sy_figure){ nm, true, 0.0, (x) }
#define F(nm, x) o[k++] = (sy_figure){ nm, false, (x), 0 }
	I("files", c->files);
	I("missing", c->missing);
	F("sec_p", sp);
	F("sec_r", sr);
	F("sec_f1", sf);
	F("sec_level_acc", ratio1(c->sec_level, c->sec_tp));
	F("sec_title_acc", ratio1(c->sec_title, c->sec_tp));
	F("stat_p", np);
	F("stat_r", nr);
	F("stat_f1", nf);
	F("stat_overlap_f1", of);
	F("stat_value_acc", ratio1(c->st_value, c->st_tp));
	F("stat_unit_acc", ratio1(c->st_unit, c->st_tp));
	F("stat_approx_acc", ratio1(c->st_approx, c->st_tp));
	F("doc_acc", ratio1(c->doc_ok, c->doc_n));
	I("gold_sections", c->sec_gold);
	I("gold_statistics", c->st_gold);
#undef I
#undef F
}

/* A span list: start, end and the position of the item in its model
 * list, sorted by (start, end, position) - the order in which score.py's
 * dict comprehensions see duplicates, the model being in file order
 * within equal spans.  PMAX is the largest end among the items up to
 * this one. */
typedef struct span {
	size_t start, end, pos, pmax;
} span;

/* The order of A and B by span; with USE_POS, by position too. */
static int span_order(const span *a, const span *b, bool use_pos)
{
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return use_pos ? (a->pos > b->pos) - (a->pos < b->pos) : 0;
}

static int span_cmp(const void *x, const void *y)
{
	return span_order(x, y, true);
}

typedef struct spanset {
	span *v;             /* owned */
	size_t n;
} spanset;

/* Sort S and fill its prefix maxima (S->v holds S->n items). */
static void spanset_index(spanset *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, span_cmp);
	for (size_t i = 0; i < s->n; i++)
		s->v[i].pmax = i && s->v[i - 1].pmax > s->v[i].end
			       ? s->v[i - 1].pmax : s->v[i].end;
}

/* The number of items of S before the span (START, END), and those at
 * it too when AT. */
static size_t spanset_before(const spanset *s, size_t start, size_t end,
			     bool at)
{
	span key = { start, end, 0, 0 };
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = span_order(&s->v[mid], &key, false);
		if (c < 0 || (at && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* any(overlaps((START, END), b) for b in S): among the items with
 * b.start < END (a prefix of S), does one end after START? */
static bool spanset_overlaps(const spanset *s, size_t start, size_t end)
{
	size_t lo = spanset_before(s, end, 0, false);

	return lo > 0 && s->v[lo - 1].pmax > start;
}

/* The last item of S with START (and END, when USE_END), or NULL: the one
 * a dict built in list order keeps. */
static const span *spanset_last(const spanset *s, size_t start, size_t end,
				bool use_end)
{
	size_t lo = spanset_before(s, start, use_end ? end : SIZE_MAX, true);
	const span *m = lo ? &s->v[lo - 1] : NULL;

	if (!m || m->start != start || (use_end && m->end != end))
		return NULL;
	return m;
}

bool sy_eval_stat_same(const sy_stat *g, const sy_stat *p)
{
	return g->start == p->start && g->end == p->end &&
	       num_eq(p->has_value, p->value, g->has_value, g->value) &&
	       !strcmp(py_str(p->unit), py_str(g->unit)) &&
	       p->approx == g->approx;
}

bool sy_eval_section_same(const sy_section *g, const sy_section *p)
{
	return g->start == p->start && g->level == p->level &&
	       py_strip_eq(p->title ? p->title : "", g->title ? g->title : "");
}

static bool is_borderline(const sy_stat *n)
{
	return sy_tags_has(&n->r.tags, "borderline");
}

sy_status sy_eval_pair(const sy_annot *g, const sy_annot *p,
		       sy_eval_counts *total, double *stat_f1, sy_error *err)
{
	static const sy_annot empty;    /* score.py's pd = {} */
	sy_eval_counts c;
	spanset ps = { 0 }, border = { 0 }, pn = { 0 };
	size_t i, ngold_stats = 0;
	unsigned long tp = 0;
	sy_status st = SY_OK;

	memset(&c, 0, sizeof c);
	c.files = 1;
	if (!p) {
		c.missing = 1;
		p = &empty;
	}

	/* sections: ps = [s for s in pd.sections if s.status != "rejected"];
	 * pmap = {s["start"]: s for s in ps} */
	ps.v = malloc((p->nsections ? p->nsections : 1) * sizeof *ps.v);
	if (!ps.v)
		goto oom;
	for (i = 0; i < p->nsections; i++)
		if (p->sections[i].r.status != SY_REJECTED)
			ps.v[ps.n++] = (span){ p->sections[i].start,
					       p->sections[i].end, i, 0 };
	spanset_index(&ps);
	c.sec_gold = g->nsections;
	c.sec_pred = ps.n;
	for (i = 0; i < g->nsections; i++) {
		const sy_section *s = &g->sections[i], *m;
		const span *hit = spanset_last(&ps, s->start, 0, false);
		if (!hit)
			continue;
		m = &p->sections[hit->pos];
		c.sec_tp++;
		c.sec_level += m->level == s->level;
		c.sec_title += py_strip_eq(m->title ? m->title : "", s->title ? s->title : "");
	}

	/* statistics: border, gn (the others), pn (predictions not rejected
	 * and overlapping no borderline gold item); pspan by (start, end) */
	border.v = malloc((g->nstats ? g->nstats : 1) * sizeof *border.v);
	pn.v = malloc((p->nstats ? p->nstats : 1) * sizeof *pn.v);
	if (!border.v || !pn.v)
		goto oom;
	for (i = 0; i < g->nstats; i++)
		if (is_borderline(&g->stats[i]))
			border.v[border.n++] = (span){ g->stats[i].start,
						       g->stats[i].end, i, 0 };
	spanset_index(&border);
	for (i = 0; i < p->nstats; i++) {
		const sy_stat *n = &p->stats[i];
		if (n->r.status != SY_REJECTED &&
		    !spanset_overlaps(&border, n->start, n->end))
			pn.v[pn.n++] = (span){ n->start, n->end, i, 0 };
	}
	spanset_index(&pn);
	for (i = 0; i < g->nstats; i++) {
		const sy_stat *n = &g->stats[i], *m;
		const span *hit;
		if (is_borderline(n))
			continue;
		ngold_stats++;
		hit = spanset_last(&pn, n->start, n->end, true);
		if (hit) {
			m = &p->stats[hit->pos];
			tp++;
			c.st_value += num_eq(m->has_value, m->value,
					     n->has_value, n->value);
			c.st_unit += !strcmp(py_str(m->unit), py_str(n->unit));
			/* (m.approx or None) == (n.approx or None) */
			c.st_approx += m->approx == n->approx;
		}
		if (spanset_overlaps(&pn, n->start, n->end))
			c.st_ov++;
	}
	c.st_gold = ngold_stats;
	c.st_pred = pn.n;
	c.st_tp = tp;

	/* document: str(gdoc.get(f)) == str(pdoc.get(f)) */
	{
		const sy_docfacts *gd = &g->doc, *pd = &p->doc;
		char gy[16], py[16];
		c.doc_n = 5;
		c.doc_ok = !strcmp(py_str(gd->title), py_str(pd->title)) +
			   !strcmp(py_str(gd->issuer), py_str(pd->issuer)) +
			   !strcmp(py_str(gd->region), py_str(pd->region)) +
			   !strcmp(py_year(gd->year, gy), py_year(pd->year, py)) +
			   !strcmp(py_str(gd->date), py_str(pd->date));
	}
	if (stat_f1) {
		double pr, rc;
		sy_f1(tp, pn.n, ngold_stats, &pr, &rc, stat_f1);
	}
	sy_eval_add(total, &c);
	goto done;
oom:
	st = nomem(err);
done:
	free(ps.v);
	free(border.v);
	free(pn.v);
	return st;
}

sy_status sy_eval_run(const char *gold, const char *pred,
		      sy_eval_counts *total, sy_eval_file_fn on_file,
		      void *file_ctx, sy_warn_fn warn, void *warn_ctx,
		      sy_error *err)
{
	return sy_eval_run_opts(gold, pred, NULL, total, on_file, file_ctx,
				warn, warn_ctx, err);
}

sy_status sy_eval_run_opts(const char *gold, const char *pred,
			   const sy_eval_opts *opts, sy_eval_counts *total,
			   sy_eval_file_fn on_file, void *file_ctx,
			   sy_warn_fn warn, void *warn_ctx, sy_error *err)
{
	static const sy_eval_opts none;
	char **golds = NULL;
	size_t ngold = 0, i;
	sy_aset preds;
	sy_status st;
	struct stat sb;

	if (!opts)
		opts = &none;
	memset(total, 0, sizeof *total);
	/* score.py reads every .yaml under pred_dir, subfolders included,
	 * and the .yaml files directly in gold_dir, sorted */
	if (stat(pred, &sb) != 0)
		return sy_fail(err, SY_ERR_IO, "%s: %s", pred, strerror(errno));
	if ((st = sy_list_annot_files(gold, false, &golds, &ngold, err)) != SY_OK)
		return st;
	if ((st = sy_aset_load(pred, true, false, &preds, warn, warn_ctx,
			       err)) != SY_OK) {
		sy_paths_free(golds, ngold);
		return st;
	}
	for (i = 0; i < ngold && st == SY_OK; i++) {
		sy_annot ga, pa;
		const sy_afile *pf;
		sy_eval_counts one;
		sy_eval_file ef;
		bool have_pred = false;
		double f1 = 0.0;

		sy_annot_init(&ga);
		sy_annot_init(&pa);
		if ((st = sy_annot_load_current(golds[i], &ga, NULL, err)) != SY_OK)
			break;
		pf = sy_aset_find(&preds, ga.source.sha256, sy_annot_key(&ga));
		if (pf) {
			sy_error lerr;
			sy_status lst = sy_annot_load_current(pf->path, &pa, NULL, &lerr);
			if (lst == SY_OK)
				have_pred = true;
			else if (lst == SY_ERR_NOMEM)
				st = sy_fail(err, lst, "%s", lerr.msg);
			else
				sy_warnf(warn, warn_ctx, "%s (counted as missing)",
					 lerr.msg);
		}
		if (st == SY_OK && have_pred && opts->source &&
		    sy_annot_keep_source(&pa, opts->source))
			st = nomem(err);
		if (st == SY_OK && opts->calib &&
		    sy_calib_pair(&ga, &pa, opts->source,
				  opts->calib))
			st = nomem(err);
		memset(&one, 0, sizeof one);
		if (st == SY_OK)
			st = sy_eval_pair(&ga, have_pred ? &pa : NULL, &one, &f1,
					  err);
		if (st == SY_OK) {
			sy_eval_add(total, &one);
			ef = (sy_eval_file){ golds[i], have_pred ? pf->path : NULL,
					     sy_annot_key(&ga), &one, f1 };
			if (on_file)
				on_file(file_ctx, &ef);
		}
		sy_annot_free(&ga);
		sy_annot_free(&pa);
	}
	sy_aset_free(&preds);
	sy_paths_free(golds, ngold);
	return st;
}
