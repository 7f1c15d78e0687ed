/* extract.c - see extract.h.
 *
 * One pass over the lines: a line that starts with a heading marker adds a
 * section (its level from the outline so far); every line is scanned for
 * statistics, each attached to the innermost section open at that point.
 * Document facts read the head and tail of the text.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docfacts.h"
#include "headings.h"
#include "stats.h"
#include "textscan.h"

static const char *const ANOMALY_TAGS[] = {
	"numbering-skip", "numbering-repeat", "marker-style"
};

static int add_section(sy_annot *a, const sy_line *l, const sy_heading *h,
		       int level, unsigned anom)
{
	sy_section *s = sy_annot_add_section(a);
	if (!s)
		return -1;
	s->level = level;
	s->marker = sy_cp_dup(l->cp + h->mstart, h->mend - h->mstart);
	s->title = sy_cp_dup(l->cp + h->tstart, h->tend - h->tstart);
	s->start = l->start + h->mstart;
	s->end = l->start + h->tend;
	s->r.status = SY_PENDING;
	if (!s->marker || !s->title)
		return -1;
	for (unsigned b = 0; b < 3; b++)
		if ((anom & (1u << b)) && sy_tags_add(&s->r.tags, ANOMALY_TAGS[b]))
			return -1;
	return 0;
}

static int add_stat(sy_annot *a, const sy_line *l, const sy_found *f,
		    const char *section)
{
	sy_stat *st = sy_annot_add_stat(a);
	if (!st)
		return -1;
	st->text = sy_cp_dup(l->cp + f->start, f->end - f->start);
	st->start = l->start + f->start;
	st->end = l->start + f->end;
	st->value = f->value;
	st->has_value = true;
	st->unit = sy_cp_dup(l->cp + f->ustart, f->uend - f->ustart);
	st->approx = f->approx;
	st->value_max = f->value_max;
	st->has_value_max = f->has_max;
	st->subject = sy_cp_dup(l->cp + f->sstart, f->send - f->sstart);
	st->section = section ? sy_strdup(section) : NULL;
	st->r.status = SY_PENDING;
	if (!st->text || !st->unit || !st->subject || (section && !st->section))
		return -1;
	if (f->inconsistent && sy_tags_add(&st->r.tags, "inconsistent"))
		return -1;
	return 0;
}

/* The annotation's source block for NAME. */
static int set_source(sy_annot *a, const char *name, const char *sha256,
		      const char *encoding, size_t chars)
{
	a->source.path = sy_strdup(name ? name : "");
	a->source.encoding = sy_strdup(encoding);
	snprintf(a->source.sha256, sizeof a->source.sha256, "%s", sha256);
	a->source.chars = chars;
	return a->source.path && a->source.encoding ? 0 : -1;
}

static sy_status extract_body(const char *utf8, size_t len, sy_annot *a,
			      sy_error *err)
{
	sy_linescan ls;
	sy_line l;
	sy_outline outline;
	sy_foundvec found = { 0 };
	char *cur = NULL;        /* id of the innermost section, owned */
	int r;

	memset(&outline, 0, sizeof outline);
	sy_linescan_init(&ls, utf8, len);
	while ((r = sy_linescan_next(&ls, &l)) == 1) {
		sy_heading h;
		if (sy_heading_match(l.cp, l.n, &h)) {
			unsigned anom;
			int level = sy_outline_place(&outline, &h, &anom);
			if (add_section(a, &l, &h, level, anom))
				goto oom;
			free(cur);
			cur = sy_strdup(a->sections[a->nsections - 1].id);
			if (!cur)
				goto oom;
		}
		if (sy_stats_scan(l.cp, l.n, &found))
			goto oom;
		for (size_t i = 0; i < found.n; i++)
			if (add_stat(a, &l, &found.v[i], cur))
				goto oom;
	}
	if (r < 0)
		goto oom;
	if (sy_docfacts_find(utf8, len, &a->doc))
		goto oom;
	a->doc.status = SY_PENDING;
	free(cur);
	sy_foundvec_free(&found);
	sy_linescan_free(&ls);
	return SY_OK;
oom:
	free(cur);
	sy_foundvec_free(&found);
	sy_linescan_free(&ls);
	sy_annot_free(a);
	return sy_fail(err, SY_ERR_NOMEM, "out of memory while extracting");
}

sy_status sy_extract(const sy_source *src, sy_annot *a, sy_error *err)
{
	if (set_source(a, src->path, src->sha256,
		       sy_encoding_name(src->encoding), src->chars)) {
		sy_annot_free(a);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", src->path);
	}
	return extract_body(src->text, src->len, a, err);
}

sy_status sy_extract_text(const char *name, const char *utf8, size_t len,
			  sy_annot *a, sy_error *err)
{
	sy_source src;
	sy_status st;

	/* hash and count through the loader, so offsets are the same */
	st = sy_source_from_bytes(name, (const unsigned char *)utf8, len, &src, err);
	if (st != SY_OK)
		return st;
	st = sy_extract(&src, a, err);
	sy_source_free(&src);
	return st;
}
