/* extract.c - see extract.h.
 *
 * One pass over the lines: a line that starts with a heading marker is a
 * section (its level from the outline so far); every line is scanned for
 * statistics, each attached to the innermost section open at that point.
 * Items are built on the stack with their strings in one scratch buffer,
 * so a pass allocates nothing per item.
 */
#include "extract/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/annot_io.h"
#include "extract/docfacts.h"
#include "model/schema.h"
#include "extract/headings.h"
#include "extract/measure.h"
#include "extract/score.h"
#include "extract/stats.h"
#include "text/numeral.h"
#include "text/textscan.h"

static char *const ANOMALY_TAGS[] = {
	SY_TAG_NUMBERING_SKIP, SY_TAG_NUMBERING_REPEAT, SY_TAG_MARKER_STYLE
};
static char *INCONSISTENT_TAG[] = { SY_TAG_INCONSISTENT };

/* A growable buffer for the strings of the item being built. */
typedef struct scratch {
	char *p;
	size_t cap;
} scratch;

/* Room for N bytes; returns the buffer or NULL on OOM. */
static char *scratch_room(scratch *s, size_t n)
{
	if (n > s->cap) {
		char *p = realloc(s->p, n);
		if (!p)
			return NULL;
		s->p = p;
		s->cap = n;
	}
	return s->p;
}

/* The UTF-8 of CP[a..b) at *AT, NUL-terminated; returns the string and
 * moves *AT past it. */
static char *put(char **at, const uint32_t *cp, size_t a, size_t b)
{
	char *s = *at;
	*at = sy_cp_utf8(cp + a, b - a, s) + 1;
	return s;
}

typedef struct scan {
	const sy_extract_sink *sink;
	sy_outline outline;
	sy_foundvec found;
	scratch sc;
	sy_scorer score;         /* the `by` of each item (score.h) */
	unsigned nsec, nstat;
	char cur[24];            /* id of the innermost section, "" if none */
	size_t prev_n;           /* the last non-blank line: its length and */
	uint32_t prev_last;      /* its last character (0 before any) */
} scan;

/* "P" + N in BUF (room for 24), as snprintf "%c%u" writes it. */
static void make_id(char *buf, char p, unsigned n)
{
	char tmp[16], *d = tmp + sizeof tmp;

	do {
		*--d = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	buf[0] = p;
	memcpy(buf + 1, d, (size_t)(tmp + sizeof tmp - d));
	buf[1 + (tmp + sizeof tmp - d)] = '\0';
}

static sy_status on_heading(scan *S, const sy_line *l, const sy_heading *h,
			    sy_error *err)
{
	sy_section s;
	char id[24], *at;
	char *tags[3];
	unsigned anom;

	memset(&s, 0, sizeof s);
	s.level = sy_outline_place(&S->outline, h, &anom);
	make_id(id, 's', ++S->nsec);
	memcpy(S->cur, id, strlen(id) + 1);
	if (!S->sink->section)
		return SY_OK;
	at = scratch_room(&S->sc, (h->tend - h->mstart) * 4 + 2);
	if (!at)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory while extracting");
	s.id = id;
	s.marker = put(&at, l->cp, h->mstart, h->mend);
	s.title = put(&at, l->cp, h->tstart, h->tend);
	s.start = l->start + h->mstart;
	s.end = l->start + h->tend;
	s.r.status = SY_PENDING;
	s.r.tags.v = tags;
	for (unsigned b = 0; b < 3; b++)
		if (anom & (1u << b))
			tags[s.r.tags.n++] = ANOMALY_TAGS[b];
	s.r.by = sy_scorer_by(&S->score,
			      sy_score_section(&s, l->cp, l->n, l->start));
	return S->sink->section(S->sink->ctx, &s, err);
}

static sy_status on_stat(scan *S, const sy_line *l, const sy_found *f,
			 sy_error *err)
{
	sy_stat st;
	char id[24], *at;
	size_t need = (f->end - f->start + f->uend - f->ustart +
		       f->send - f->sstart) * 4 + 3;

	memset(&st, 0, sizeof st);
	at = scratch_room(&S->sc, need);
	if (!at)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory while extracting");
	make_id(id, 'n', S->nstat);
	st.id = id;
	st.text = put(&at, l->cp, f->start, f->end);
	st.start = l->start + f->start;
	st.end = l->start + f->end;
	st.value = f->value;
	st.has_value = true;
	st.unit = f->unit_word ? strcpy(at, f->unit_word) :
		  put(&at, l->cp, f->ustart, f->uend);
	if (f->unit_word)
		at += strlen(at) + 1;
	st.approx = f->approx;
	st.value_max = f->value_max;
	st.has_value_max = f->has_max;
	st.subject = put(&at, l->cp, f->sstart, f->send);
	st.section = S->cur[0] ? S->cur : NULL;
	st.r.status = SY_PENDING;
	if (f->inconsistent) {
		st.r.tags.v = INCONSISTENT_TAG;
		st.r.tags.n = 1;
	}
	st.r.by = sy_scorer_by(&S->score,
			       sy_score_stat(&st, l->cp, l->n, l->start));
	return S->sink->stat(S->sink->ctx, &st, err);
}

#define LINE_HEADINGS 8

/* The headings of line L: one at its start, then those flattened into it
 * (headings.h), each accepted only where the outline so far takes it: a
 * malformed marker must continue an open level, a flattened one must
 * start a level (number 1) or continue one.  Placement happens in
 * on_heading, in line order, so the outline is checked against a copy. */
/* A document site cuts a report into pages and numbers them 1、 2、 … at
 * the start of each page's line: the page runs on from a long line cut
 * mid-sentence, or (the first page) carries a "title" longer than any
 * heading's.  Such a number is not a heading (guidelines.md: the marker
 * starts a heading, not a page). */
#define PAGE_LINE 200
#define TITLE_MAX 45

static bool is_page_number(const scan *S, const sy_line *l, const sy_heading *h)
{
	uint32_t c = S->prev_last;
	if (h->kind != SY_MK_AR_SUFFIX)
		return false;
	if (S->prev_n >= PAGE_LINE && (sy_is_han(c) || sy_is_digit_cp(c)))
		return true;
	return l->n >= PAGE_LINE && h->tend - h->tstart > TITLE_MAX;
}

static size_t line_headings(const scan *S, const sy_line *l, sy_heading *h)
{
	sy_outline o = S->outline;
	size_t nh = 0, from = 0;
	unsigned anom;

	if (sy_heading_match(l->cp, l->n, &h[0]) && !is_page_number(S, l, &h[0])) {
		if (!h[0].weak || sy_outline_adopt(&o, &h[0])) {
			sy_outline_place(&o, &h[0], &anom);
			from = h[0].tend;
			nh = 1;
		}
	}
	while (nh < LINE_HEADINGS && sy_heading_inline(l->cp, l->n, from, &h[nh])) {
		from = h[nh].tend;
		if (h[nh].number != 1 && !sy_outline_adopt(&o, &h[nh]))
			continue;
		sy_outline_place(&o, &h[nh], &anom);
		nh++;
	}
	return nh;
}

sy_status sy_extract_scan(const sy_source *src, const sy_extract_sink *sink,
			  sy_error *err)
{
	scan S;
	sy_linescan ls;
	sy_line l;
	sy_status st = SY_OK;
	int r;

	memset(&S, 0, sizeof S);
	S.sink = sink;
	/* a page in traditional characters is folded line by line; one that
	 * has none is not looked at again (measure.h) */
	S.found.trad = sy_text_is_trad(src->text, src->len) ? 1 : -1;
	if (sy_scorer_init(&S.score))
		return sy_fail(err, SY_ERR_NOMEM, "out of memory while extracting");
	sy_linescan_init(&ls, src->text, src->len);
	while (st == SY_OK && (r = sy_linescan_next(&ls, &l)) == 1) {
		sy_heading h[LINE_HEADINGS];
		size_t nh = line_headings(&S, &l, h), hi = 0, i = 0;
		if (sink->stat && sy_stats_scan(l.cp, l.n, &S.found)) {
			st = sy_fail(err, SY_ERR_NOMEM, "out of memory while extracting");
			break;
		}
		/* headings and statistics in the order of the line, so that a
		 * statistic falls in the section open where it stands */
		while (st == SY_OK && (hi < nh || (sink->stat && i < S.found.n))) {
			if (hi < nh && (!sink->stat || i == S.found.n ||
					h[hi].mstart <= S.found.v[i].start)) {
				st = on_heading(&S, &l, &h[hi++], err);
			} else {
				S.nstat++;
				st = on_stat(&S, &l, &S.found.v[i++], err);
			}
		}
		{
			size_t e = l.n;
			while (e > 0 && sy_is_space(l.cp[e - 1]))
				e--;
			if (e > 0) {
				S.prev_n = e;
				S.prev_last = l.cp[e - 1];
				S.outline.fresh = nh > 0 && h[nh - 1].tend >= e;
			}
		}
	}
	if (st == SY_OK && r < 0)
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory while extracting");
	free(S.sc.p);
	sy_scorer_free(&S.score);
	sy_foundvec_free(&S.found);
	sy_linescan_free(&ls);
	return st;
}

sy_status sy_extract_head(const sy_source *src, sy_annot *a, sy_error *err)
{
	a->source.path = sy_strdup(src->path ? src->path : "");
	a->source.encoding = sy_strdup(sy_encoding_name(src->encoding));
	snprintf(a->source.sha256, sizeof a->source.sha256, "%s", src->sha256);
	a->source.chars = src->chars;
	a->doc.status = SY_PENDING;
	if (src->original) {      /* converted from a document (convert.h) */
		sy_node *o = sy_node_clone(src->original);
		a->source.extra = sy_node_map();
		if (!o || !a->source.extra ||
		    sy_node_put(a->source.extra, "original", o) < 0) {
			if (!a->source.extra)
				sy_node_free(o);
			sy_annot_free(a);
			return sy_fail(err, SY_ERR_NOMEM, "out of memory");
		}
	}
	if (!a->source.path || !a->source.encoding || sy_score_proposer(a) ||
	    sy_docfacts_find(src->text, src->len, &a->doc)) {
		sy_annot_free(a);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", src->path);
	}
	return SY_OK;
}

/* Sink callbacks that copy items into the sy_annot in CTX. */
static sy_status keep_section(void *ctx, const sy_section *s, sy_error *err)
{
	sy_section *d = sy_annot_add_section(ctx);
	if (!d || sy_section_copy(d, s))
		return sy_fail(err, SY_ERR_NOMEM, "out of memory while extracting");
	return SY_OK;
}

static sy_status keep_stat(void *ctx, const sy_stat *s, sy_error *err)
{
	sy_stat *d = sy_annot_add_stat(ctx);
	if (!d || sy_stat_copy(d, s))
		return sy_fail(err, SY_ERR_NOMEM, "out of memory while extracting");
	return SY_OK;
}

sy_status sy_extract(const sy_source *src, sy_annot *a, sy_error *err)
{
	sy_extract_sink sink = { keep_section, keep_stat, a };
	sy_status st = sy_extract_head(src, a, err);

	if (st != SY_OK)
		return st;
	st = sy_extract_scan(src, &sink, err);
	if (st != SY_OK)
		sy_annot_free(a);
	return st;
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

/* Sink callbacks that pass items on to the writer in CTX. */
static sy_status write_section(void *ctx, const sy_section *s, sy_error *err)
{
	return sy_writer_section(ctx, s, err);
}

static sy_status write_stat(void *ctx, const sy_stat *s, sy_error *err)
{
	return sy_writer_stat(ctx, s, err);
}

sy_status sy_extract_write(const sy_source *src, const char *source_path,
			   sy_writer *w, sy_error *err)
{
	sy_extract_sink sections = { write_section, NULL, w };
	sy_extract_sink stats = { NULL, write_stat, w };
	sy_annot head;
	sy_status st;

	sy_annot_init(&head);
	st = sy_extract_head(src, &head, err);
	if (st != SY_OK)
		return st;
	if (source_path) {
		char *p = sy_strdup(source_path);
		if (!p) {
			sy_annot_free(&head);
			return sy_fail(err, SY_ERR_NOMEM, "out of memory");
		}
		free(head.source.path);
		head.source.path = p;
	}
	sy_writer_proposers(w, head.proposers);
	st = sy_writer_head(w, &head.source, &head.doc, err);
	if (st == SY_OK)
		st = sy_extract_scan(src, &sections, err);
	if (st == SY_OK)
		st = sy_extract_scan(src, &stats, err);
	if (st == SY_OK)
		st = sy_writer_finish(w, NULL, NULL, err);
	sy_annot_free(&head);
	return st;
}
