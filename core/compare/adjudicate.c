/* adjudicate.c - see adjudicate.h */
#include "compare/adjudicate.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "format/annot_io.h"
#include "session/annot_read.h"
#include "merge/merge.h"
#include "format/paths.h"

void sy_adjudication_free(sy_adjudication *j)
{
	for (size_t i = 0; i < j->n; i++) {
		free(j->reports[i]);
		free(j->annots[i]);
	}
	free(j->reports);
	free(j->annots);
	memset(j, 0, sizeof *j);
}

/* The report of annotation file PATH whose source.path is SRC: SRC
 * relative to PATH's folder (or absolute).  New string or NULL. */
static char *report_of(const char *path, const char *src)
{
	const char *slash = strrchr(path, '/');
	size_t n;
	char *r;

	if (src[0] == '/' || !slash)
		return strdup(src);
	n = (size_t)(slash - path) + 1 + strlen(src) + 1;
	r = malloc(n);
	if (r)
		snprintf(r, n, "%.*s/%s", (int)(slash - path), path, src);
	return r;
}

static int push(sy_adjudication *j, char *report, char *annot)
{
	char **r = realloc(j->reports, (j->n + 1) * sizeof *r);
	char **a;
	if (!r)
		return -1;
	j->reports = r;
	a = realloc(j->annots, (j->n + 1) * sizeof *a);
	if (!a)
		return -1;
	j->annots = a;
	j->reports[j->n] = report;
	j->annots[j->n] = annot;
	j->n++;
	return 0;
}

/* Merge the pair (PA, PB) into OUT unless OUT exists. */
static sy_status merge_pair(const char *pa, const char *pb, const char *out,
			    const char *report, size_t *conflicts, sy_error *err)
{
	sy_annot a, b, m;
	sy_merge_report rep;
	struct stat sb;
	sy_status st;
	char *rel;

	if (stat(out, &sb) == 0)
		return SY_OK;                  /* resumed */
	sy_annot_init(&a);
	sy_annot_init(&b);
	sy_annot_init(&m);
	memset(&rep, 0, sizeof rep);
	if ((st = sy_annot_load_current(pa, &a, NULL, err)) != SY_OK)
		return st;
	if ((st = sy_annot_load_current(pb, &b, NULL, err)) != SY_OK)
		goto done;
	if ((st = sy_merge(NULL, &a, &b, &m, &rep, err)) != SY_OK)
		goto done;
	*conflicts += rep.nconflicts;
	rel = sy_source_path_for(report, out);
	if (!rel) {
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto done;
	}
	free(m.source.path);
	m.source.path = rel;
	st = sy_annot_save(&m, out, err);
done:
	sy_merge_report_free(&rep);
	sy_annot_free(&a);
	sy_annot_free(&b);
	sy_annot_free(&m);
	return st;
}

sy_status sy_adjudicate_prepare(const char *a, const char *b,
				const char *outdir, sy_adjudication *j,
				sy_warn_fn warn, void *ctx, sy_error *err)
{
	sy_aset sa, sb;
	sy_status st;

	memset(j, 0, sizeof *j);
	memset(&sa, 0, sizeof sa);
	memset(&sb, 0, sizeof sb);
	if ((st = sy_aset_load(a, false, true, &sa, warn, ctx, err)) != SY_OK)
		return st;
	if ((st = sy_aset_load(b, false, true, &sb, warn, ctx, err)) != SY_OK)
		goto done;
	if ((st = sy_make_dirs(outdir, err)) != SY_OK)
		goto done;
	for (size_t i = 0; i < sa.n && st == SY_OK; i++) {
		const sy_afile *fa = &sa.v[i], *fb = sy_aset_find(&sb, fa->sha256, fa->key);
		sy_annot head;
		char *report, *out, msg[1200];
		const char *base;

		if (!fb) {
			snprintf(msg, sizeof msg, _("%s: no review of this report in %s; left out"),
				 fa->path, b);
			if (warn)
				warn(ctx, msg);
			continue;
		}
		sy_annot_init(&head);
		if ((st = sy_annot_load(fa->path, &head, err)) != SY_OK)
			break;
		report = report_of(fa->path, head.source.path ? head.source.path : "");
		sy_annot_free(&head);
		base = strrchr(fa->path, '/');
		base = base ? base + 1 : fa->path;
		out = malloc(strlen(outdir) + strlen(base) + 2);
		if (!report || !out) {
			free(report);
			free(out);
			st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
			break;
		}
		sprintf(out, "%s/%s", outdir, base);
		if ((st = merge_pair(fa->path, fb->path, out, report, &j->conflicts,
				     err)) != SY_OK || push(j, report, out)) {
			if (st == SY_OK)
				st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
			free(report);
			free(out);
		}
	}
	if (st == SY_OK && j->n == 0)
		st = sy_fail(err, SY_ERR_USAGE, "%s and %s: no report reviewed in both", a, b);
done:
	sy_aset_free(&sa);
	sy_aset_free(&sb);
	if (st != SY_OK)
		sy_adjudication_free(j);
	return st;
}
