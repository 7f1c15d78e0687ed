/* evaluate.c - `shenyue eval` and `shenyue agree` (see evaluate.h).
 *
 * Every comparison here mirrors a line of ../shared/tools/score.py; the
 * comments quote it where the Python semantics are not obvious.  Memory:
 * each function frees what it allocates before it returns; the file sets
 * own their paths and keys until sy_aset_free.
 */
#include "compare/evaluate.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "format/annot_io.h"
#include "session/annot_read.h"
#include "base/utf8.h"

static sy_status nomem(sy_error *err)
{
	return sy_fail(err, SY_ERR_NOMEM, "out of memory");
}

/* ------------------------------------------------------------ file sets */

typedef struct pathlist {
	char **v;            /* owned strings */
	size_t n, cap;
} pathlist;

static int pathlist_add(pathlist *l, char *path)
{
	void *v = l->v;
	if (sy_grow(&v, l->n, &l->cap, sizeof *l->v) < 0)
		return -1;
	l->v = v;
	l->v[l->n++] = path;
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

static char *join_path(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	bool slash = dl > 0 && dir[dl - 1] != '/';
	char *p = malloc(dl + slash + nl + 1);

	if (!p)
		return NULL;
	memcpy(p, dir, dl);
	if (slash)
		p[dl] = '/';
	memcpy(p + dl + slash, name, nl + 1);
	return p;
}

/* The *.yaml files of folder DIR into L, recursing when RECURSIVE. */
static sy_status scan_dir(const char *dir, bool recursive, pathlist *l,
			  sy_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	sy_status st = SY_OK;

	if (!d)
		return sy_fail(err, SY_ERR_IO, "%s: %s", dir, strerror(errno));
	for (;;) {
		struct stat sb;
		char *p;

		errno = 0;
		if (!(de = readdir(d))) {
			if (errno)
				st = sy_fail(err, SY_ERR_IO, "%s: %s", dir,
					     strerror(errno));
			break;
		}
		if (de->d_name[0] == '.')      /* glob skips hidden names */
			continue;
		if (!(p = join_path(dir, de->d_name))) {
			st = nomem(err);
			break;
		}
		if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (recursive)
				st = scan_dir(p, recursive, l, err);
			free(p);
		} else if (ends_with(de->d_name, ".yaml") &&
			   !(stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))) {
			if (pathlist_add(l, p) < 0) {
				free(p);
				st = nomem(err);
			}
		} else {
			free(p);
		}
		if (st != SY_OK)
			break;
	}
	closedir(d);
	return st;
}

static int strp_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void sy_paths_free(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

sy_status sy_list_annot_files(const char *arg, bool recursive, char ***paths,
			      size_t *n, sy_error *err)
{
	pathlist l = { NULL, 0, 0 };
	struct stat sb;
	sy_status st = SY_OK;

	*paths = NULL;
	*n = 0;
	if (stat(arg, &sb) != 0)
		return sy_fail(err, SY_ERR_IO, "%s: %s", arg, strerror(errno));
	if (S_ISDIR(sb.st_mode)) {
		st = scan_dir(arg, recursive, &l, err);
	} else {
		char *p = strdup(arg);
		if (!p || pathlist_add(&l, p) < 0) {
			free(p);
			st = nomem(err);
		}
	}
	if (st != SY_OK) {
		sy_paths_free(l.v, l.n);
		return st;
	}
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, strp_cmp);
	*paths = l.v;
	*n = l.n;
	return SY_OK;
}

const char *sy_annot_key(const sy_annot *a)
{
	const char *p = a->source.path ? a->source.path : "", *s;

	s = strrchr(p, '/');      /* os.path.basename */
	return s ? s + 1 : p;
}

static void lower_sha(char *dst, const char *src)
{
	size_t i;
	for (i = 0; i < 64 && src[i]; i++)
		dst[i] = (char)(src[i] >= 'A' && src[i] <= 'F' ?
				src[i] - 'A' + 'a' : src[i]);
	dst[i] = '\0';
}

/* qsort over index arrays: the set being sorted (qsort has no context;
 * set only during sy_aset_load's sorting, so not thread-safe). */
static const sy_aset *sort_set;

static int by_sha_cmp(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = strcmp(sort_set->v[i].sha256, sort_set->v[j].sha256);
	return c ? c : (i > j) - (i < j);
}

static int by_key_cmp(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = strcmp(sort_set->v[i].key, sort_set->v[j].key);
	return c ? c : (i > j) - (i < j);
}

void sy_aset_free(sy_aset *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].path);
		free(set->v[i].key);
	}
	free(set->v);
	free(set->by_sha);
	free(set->by_key);
	memset(set, 0, sizeof *set);
}

static void warnf(sy_warn_fn warn, void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warnf(sy_warn_fn warn, void *ctx, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	if (!warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn(ctx, msg);
}

sy_status sy_aset_load(const char *arg, bool recursive, bool strict,
		       sy_aset *set, sy_warn_fn warn, void *ctx, sy_error *err)
{
	char **paths;
	size_t n, i, cap = 0;
	sy_status st;

	memset(set, 0, sizeof *set);
	if ((st = sy_list_annot_files(arg, recursive, &paths, &n, err)) != SY_OK)
		return st;
	for (i = 0; i < n; i++) {
		sy_annot a;
		sy_error lerr;
		sy_afile *f;
		void *v = set->v;

		sy_annot_init(&a);
		if ((st = sy_annot_load_current(paths[i], &a, NULL, &lerr)) != SY_OK) {
			if (strict || st == SY_ERR_NOMEM) {
				*err = lerr;
				goto fail;
			}
			warnf(warn, ctx, "%s (not used)", lerr.msg);
			continue;
		}
		if (sy_grow(&v, set->n, &cap, sizeof *set->v) < 0) {
			sy_annot_free(&a);
			st = nomem(err);
			goto fail;
		}
		set->v = v;
		f = &set->v[set->n];
		f->key = strdup(sy_annot_key(&a));
		lower_sha(f->sha256, a.source.sha256);
		sy_annot_free(&a);
		if (!f->key) {
			st = nomem(err);
			goto fail;
		}
		f->path = paths[i];    /* moved into the set */
		paths[i] = NULL;
		set->n++;
	}
	sy_paths_free(paths, n);
	paths = NULL;
	if (set->n) {
		set->by_sha = malloc(set->n * sizeof *set->by_sha);
		set->by_key = malloc(set->n * sizeof *set->by_key);
		if (!set->by_sha || !set->by_key) {
			st = nomem(err);
			goto fail;
		}
		for (i = 0; i < set->n; i++)
			set->by_sha[i] = set->by_key[i] = i;
		sort_set = set;
		qsort(set->by_sha, set->n, sizeof *set->by_sha, by_sha_cmp);
		qsort(set->by_key, set->n, sizeof *set->by_key, by_key_cmp);
		sort_set = NULL;
		for (i = 1; i < set->n; i++) {
			const sy_afile *p = &set->v[set->by_sha[i - 1]],
				       *q = &set->v[set->by_sha[i]];
			if (!strcmp(p->sha256, q->sha256))
				warnf(warn, ctx, "%s: the same report as %s (the "
				      "first by name is used)", q->path, p->path);
		}
	}
	return SY_OK;
fail:
	if (paths)
		sy_paths_free(paths, n);
	sy_aset_free(set);
	return st;
}

/* The first entry of IDX (sorted by FIELD) whose field equals WANT. */
static const sy_afile *find_in(const sy_aset *set, const size_t *idx,
			       bool sha, const char *want)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const sy_afile *f = &set->v[idx[mid]];
		if (strcmp(sha ? f->sha256 : f->key, want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < set->n) {
		const sy_afile *f = &set->v[idx[lo]];
		if (!strcmp(sha ? f->sha256 : f->key, want))
			return f;
	}
	return NULL;
}

const sy_afile *sy_aset_find(const sy_aset *set, const char *sha256,
			     const char *key)
{
	const sy_afile *f = NULL;
	char sha[65];

	if (!set->n)
		return NULL;
	if (sha256 && *sha256) {
		lower_sha(sha, sha256);
		f = find_in(set, set->by_sha, true, sha);
	}
	if (!f && key)
		f = find_in(set, set->by_key, false, key);
	return f;
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
 * within equal spans.  PMAX[i] is the largest end among items 0..i. */
typedef struct span {
	size_t start, end, pos;
} span;

static int span_cmp(const void *x, const void *y)
{
	const span *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

typedef struct spanset {
	span *v;
	size_t *pmax;
	size_t n;
} spanset;

static void spanset_free(spanset *s)
{
	free(s->v);
	free(s->pmax);
	memset(s, 0, sizeof *s);
}

/* Sort S and fill its prefix maxima (S->v holds S->n items). */
static int spanset_index(spanset *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, span_cmp);
	s->pmax = malloc((s->n ? s->n : 1) * sizeof *s->pmax);
	if (!s->pmax)
		return -1;
	for (size_t i = 0; i < s->n; i++)
		s->pmax[i] = i && s->pmax[i - 1] > s->v[i].end ? s->pmax[i - 1]
							      : s->v[i].end;
	return 0;
}

/* any(overlaps((START, END), b) for b in S): among the items with
 * b.start < END (a prefix of S), does one end after START? */
static bool spanset_overlaps(const spanset *s, size_t start, size_t end)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid].start < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && s->pmax[lo - 1] > start;
}

/* The last item of S with START (and END, when USE_END), or NULL: the one
 * a dict built in list order keeps. */
static const span *spanset_last(const spanset *s, size_t start, size_t end,
				bool use_end)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {     /* first item past (start[, end]) */
		size_t mid = lo + (hi - lo) / 2;
		const span *m = &s->v[mid];
		if (m->start < start ||
		    (m->start == start && (!use_end || m->end <= end)))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	{
		const span *m = &s->v[lo - 1];
		if (m->start != start || (use_end && m->end != end))
			return NULL;
		return m;
	}
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
					       p->sections[i].end, i };
	if (spanset_index(&ps) < 0)
		goto oom;
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
						       g->stats[i].end, i };
	if (spanset_index(&border) < 0)
		goto oom;
	for (i = 0; i < p->nstats; i++) {
		const sy_stat *n = &p->stats[i];
		if (n->r.status != SY_REJECTED &&
		    !spanset_overlaps(&border, n->start, n->end))
			pn.v[pn.n++] = (span){ n->start, n->end, i };
	}
	if (spanset_index(&pn) < 0)
		goto oom;
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
	spanset_free(&ps);
	spanset_free(&border);
	spanset_free(&pn);
	return st;
}

sy_status sy_eval_run(const char *gold, const char *pred,
		      sy_eval_counts *total, sy_eval_file_fn on_file,
		      void *file_ctx, sy_warn_fn warn, void *warn_ctx,
		      sy_error *err)
{
	char **golds = NULL;
	size_t ngold = 0, i;
	sy_aset preds;
	sy_status st;
	struct stat sb;

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
				warnf(warn, warn_ctx, "%s (counted as missing)",
				      lerr.msg);
		}
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

/* ------------------------------------------------------------ agree */

const char *sy_agree_field_name(sy_agree_field f)
{
	static const char *const names[SY_AF_COUNT] = {
		"sec_span", "sec_level", "sec_marker", "sec_title",
		"stat_span", "stat_value", "stat_unit", "stat_approx",
		"stat_value_max", "stat_subject"
	};
	return (unsigned)f < SY_AF_COUNT ? names[f] : "?";
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

static int iref_span_cmp(const void *x, const void *y)
{
	const iref *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
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
	for (i = j = 0; i < na && j < nb;) {
		int c = strcmp(ra[i].id, rb[j].id);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			pa[ra[i].pos] = rb[j].pos;
			pb[rb[j].pos] = ra[i].pos;
			i++;
			j++;
		}
	}
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
	for (i = j = 0; i < na && j < nb;) {
		iref x = ra[i], y = rb[j];
		x.pos = y.pos = 0;
		int c = iref_span_cmp(&x, &y);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			pa[ra[i].pos] = rb[j].pos;
			pb[rb[j].pos] = ra[i].pos;
			i++;
			j++;
		}
	}
	free(ra);
	free(rb);
	return 0;
}

/* The distinct spans of S's kept items into *OUT (sorted; caller frees);
 * their number, or SIZE_MAX on OOM. */
static size_t kept_spans(const side *s, iref **out)
{
	iref *v = malloc((s->n ? s->n : 1) * sizeof *v);
	size_t n = 0, k = 0, i;

	*out = v;
	if (!v)
		return SIZE_MAX;
	for (i = 0; i < s->n; i++)
		if (sy_status_kept(item_status(s, i))) {
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
	nka = kept_spans(&A, &ka);
	nkb = kept_spans(&B, &kb);
	if (nka == SIZE_MAX || nkb == SIZE_MAX)
		goto done;
	c->kept_a += nka;
	c->kept_b += nkb;
	for (i = j = 0; i < nka && j < nkb;) {
		int k = iref_span_cmp(&ka[i], &kb[j]);
		if (k < 0)
			i++;
		else if (k > 0)
			j++;
		else {
			c->kept_both++;
			i++;
			j++;
		}
	}
	for (i = 0; i < A.n; i++) {
		sy_agree_diff d = { file_a, file_b, stats, NULL, NULL, NULL,
				    NULL, false, 0 };
		if (stats)
			d.stat_a = &a->stats[i];
		else
			d.sec_a = &a->sections[i];
		if (pa[i] == SIZE_MAX) {
			c->only_a++;
			if (on_diff)
				on_diff(ctx, &d);
			continue;
		}
		j = pa[i];
		if (stats)
			d.stat_b = &b->stats[j];
		else
			d.sec_b = &b->sections[j];
		{
			sy_review_status sa = item_status(&A, i),
					 sb = item_status(&B, j);
			c->matched++;
			if ((unsigned)sa < SY_STATUS_COUNT &&
			    (unsigned)sb < SY_STATUS_COUNT)
				c->confusion[sa][sb]++;
			d.status_differs = sa != sb;
			if (sy_status_kept(sa) && sy_status_kept(sb)) {
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
		sy_agree_diff d = { file_a, file_b, stats, NULL, NULL, NULL,
				    NULL, false, 0 };
		if (pb[j] != SIZE_MAX)
			continue;
		if (stats)
			d.stat_b = &b->stats[j];
		else
			d.sec_b = &b->sections[j];
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
			warnf(warn, warn_ctx, "%s: no annotation file of the same "
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
			warnf(warn, warn_ctx, "%s: no annotation file of the same "
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

/* ------------------------------------------------------------ output */

char *sy_format_double(char *buf, size_t size, double v)
{
	char tmp[40], digits[24], out[64];
	const char *p;
	int prec, exp, nd = 0, k = 0, i;

	if (isnan(v)) {
		snprintf(buf, size, ".nan");
		return buf;
	}
	if (isinf(v)) {
		snprintf(buf, size, v < 0 ? "-.inf" : ".inf");
		return buf;
	}
	/* the fewest significant digits that read back as V, as repr() */
	for (prec = 1; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
	p = tmp;
	if (*p == '-')
		out[k++] = *p++;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && nd < (int)sizeof digits - 1)
			digits[nd++] = *p;
	digits[nd] = '\0';
	exp = *p == 'e' ? atoi(p + 1) : 0;
	if (exp >= -4 && exp < 16) {
		/* fixed notation, with at least one digit after the point */
		if (exp >= 0) {
			for (i = 0; i <= exp; i++)
				out[k++] = i < nd ? digits[i] : '0';
			out[k++] = '.';
			if (nd > exp + 1)
				for (i = exp + 1; i < nd; i++)
					out[k++] = digits[i];
			else
				out[k++] = '0';
		} else {
			out[k++] = '0';
			out[k++] = '.';
			for (i = 0; i < -exp - 1; i++)
				out[k++] = '0';
			for (i = 0; i < nd; i++)
				out[k++] = digits[i];
		}
		out[k] = '\0';
	} else {
		/* d.ddde+XX; "1e-05" is a string to YAML 1.1: "1.0e-05" */
		out[k++] = digits[0];
		out[k++] = '.';
		if (nd > 1)
			for (i = 1; i < nd; i++)
				out[k++] = digits[i];
		else
			out[k++] = '0';
		snprintf(out + k, sizeof out - (size_t)k, "e%c%02d",
			 exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
	}
	snprintf(buf, size, "%s", out);
	return buf;
}

/* Can CP stand as it is in a YAML stream that PyYAML reads?  (Its
 * reader refuses what is outside this set, even inside quotes.) */
static bool yaml_printable(uint32_t cp)
{
	return cp == 0x09 || cp == 0x0a || cp == 0x0d ||
	       (cp >= 0x20 && cp <= 0x7e) || cp == 0x85 ||
	       (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd &&
						cp != 0xfeff) ||
	       (cp >= 0x10000 && cp <= 0x10ffff);
}

void sy_yaml_string(FILE *f, const char *s)
{
	const unsigned char *p, *e;

	if (!s) {
		fputs("null", f);
		return;
	}
	p = (const unsigned char *)s;
	e = p + strlen(s);
	putc('"', f);
	while (p < e) {
		uint32_t cp;
		size_t k = sy_utf8_decode(p, (size_t)(e - p), &cp);
		if (!k) {              /* not UTF-8: the byte as U+00XX */
			cp = *p;
			k = 1;
		}
		switch (cp) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (cp < 0x80 && yaml_printable(cp))
				putc((int)cp, f);
			else if (yaml_printable(cp) && cp != 0x85 &&
				 cp != 0x2028 && cp != 0x2029)   /* breaks */
				fwrite(p, 1, k, f);
			else if (cp <= 0xff)
				fprintf(f, "\\x%02x", (unsigned)cp);
			else if (cp <= 0xffff)
				fprintf(f, "\\u%04x", (unsigned)cp);
			else
				fprintf(f, "\\U%08x", (unsigned)cp);
		}
		p += k;
	}
	putc('"', f);
}
