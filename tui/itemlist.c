/* itemlist.c - see itemlist.h */
#include "itemlist.h"

#include "format/provenance.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sy_role sy_status_role(sy_review_status s)
{
	switch (s) {
	case SY_ACCEPTED: return SY_ROLE_ACCEPTED;
	case SY_FIXED: return SY_ROLE_FIXED;
	case SY_REJECTED: return SY_ROLE_REJECTED;
	case SY_ADDED: return SY_ROLE_ADDED;
	default: return SY_ROLE_PENDING;
	}
}

const char *sy_status_mark(sy_review_status s)
{
	switch (s) {
	case SY_ACCEPTED: return "[+]";
	case SY_FIXED: return "[*]";
	case SY_REJECTED: return "[x]";
	case SY_ADDED: return "[a]";
	default: return "[ ]";
	}
}

/* The provenance conditions (filter_source, score range, disagreement). */
static bool prov_shown(const sy_list *l, const sy_review *r)
{
	double sc;

	if (l->filter_source[0] && (!r || !sy_prov_has(r, l->filter_source, NULL, NULL)))
		return false;
	if (l->filter_scored && (!r || !sy_prov_score(r, &sc) ||
				 sc < l->score_lo || sc > l->score_hi))
		return false;
	if (l->filter_disagree && (!r || sy_prov_disagrees(r) != (l->filter_disagree > 0)))
		return false;
	return true;
}

static bool row_shown(const sy_list *l, const sy_file *f, sy_item_ref it)
{
	const sy_review *r = sy_item_review(f, it);
	sy_review_status st = sy_item_status(f, it);

	if ((l->filter_source[0] || l->filter_scored || l->filter_disagree) &&
	    !prov_shown(l, r))
		return false;
	switch (l->filter) {
	case SY_FILTER_PENDING: return st == SY_PENDING;
	case SY_FILTER_STATUS: return st == l->filter_status;
	case SY_FILTER_TAG: return r && sy_tags_has(&r->tags, l->filter_tag);
	default: return true;
	}
}

static int push_row(sy_list *l, const sy_file *f, sy_item_ref it, int level)
{
	if (!row_shown(l, f, it))
		return 0;
	if (l->nrows == l->caprows) {
		size_t cap = l->caprows ? l->caprows * 2 : 256;
		sy_item_ref *v = realloc(l->rows, cap * sizeof *v);
		unsigned char *in;
		if (!v)
			return -1;
		l->rows = v;
		in = realloc(l->indent, cap);
		if (!in)
			return -1;
		l->indent = in;
		l->caprows = cap;
	}
	if (it.kind == SY_ITEM_SECTION)
		l->section_row[it.index] = l->nrows;
	else if (it.kind == SY_ITEM_STAT)
		l->stat_row[it.index] = l->nrows;
	l->indent[l->nrows] = (unsigned char)(level < 0 ? 0 : level > 20 ? 20 : level);
	l->rows[l->nrows++] = it;
	return 0;
}

/* Room for N entries in the map *V (capacity *CAP). */
static int map_room(size_t **v, size_t *cap, size_t n)
{
	if (n > *cap) {
		size_t *p = realloc(*v, n * sizeof *p);
		if (!p)
			return -1;
		*v = p;
		*cap = n;
	}
	for (size_t i = 0; i < n; i++)
		(*v)[i] = SIZE_MAX;
	return 0;
}

size_t sy_list_row_of(const sy_list *l, const sy_file *f, sy_item_ref it)
{
	if (it.kind == SY_ITEM_SECTION)
		return it.index < f->annot.nsections ? l->section_row[it.index] : SIZE_MAX;
	if (it.kind == SY_ITEM_STAT)
		return it.index < f->annot.nstats ? l->stat_row[it.index] : SIZE_MAX;
	return l->nrows && l->rows[0].kind == SY_ITEM_DOCUMENT ? 0 : SIZE_MAX;
}

/* Whether item A comes before item B in the list's order (the document
 * first, then by start, a section before a statistic). */
static bool item_before(const sy_file *f, sy_item_ref a, sy_item_ref b)
{
	size_t sa = 0, sb = 0, e;

	if (a.kind == SY_ITEM_DOCUMENT || b.kind == SY_ITEM_DOCUMENT)
		return a.kind == SY_ITEM_DOCUMENT && b.kind != SY_ITEM_DOCUMENT;
	sy_item_span(f, a, &sa, &e);
	sy_item_span(f, b, &sb, &e);
	if (sa != sb)
		return sa < sb;
	if (a.kind != b.kind)
		return a.kind == SY_ITEM_SECTION;
	return a.index < b.index;
}

/* The first row whose item comes after IT (not shown), else the last. */
static size_t row_after(const sy_list *l, const sy_file *f, sy_item_ref it)
{
	size_t lo = 0, hi = l->nrows;

	while (lo < hi) {                    /* the rows are in list order */
		size_t mid = lo + (hi - lo) / 2;
		if (item_before(f, l->rows[mid], it))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->nrows ? lo : l->nrows ? l->nrows - 1 : 0;
}

int sy_list_rebuild(sy_list *l, const sy_file *f)
{
	const sy_annot *a = &f->annot;
	size_t i = 0, j = 0, r;
	int level = 0;
	sy_item_ref doc = { SY_ITEM_DOCUMENT, 0 }, it;

	l->nrows = 0;
	if (map_room(&l->section_row, &l->capsecrow, a->nsections + 1) ||
	    map_room(&l->stat_row, &l->capstatrow, a->nstats + 1) ||
	    push_row(l, f, doc, 0))
		return -1;
	/* sections and statistics merged in start order, a section first; a
	 * statistic is indented under the section before it */
	while (i < a->nsections || j < a->nstats) {
		if (j >= a->nstats ||
		    (i < a->nsections && a->sections[i].start <= a->stats[j].start)) {
			it = (sy_item_ref){ SY_ITEM_SECTION, i++ };
			level = a->sections[it.index].level;
			if (push_row(l, f, it, level - 1))
				return -1;
		} else {
			it = (sy_item_ref){ SY_ITEM_STAT, j++ };
			if (push_row(l, f, it, level))
				return -1;
		}
	}
	/* reselect by id; if the filter hides it, the first row after it in
	 * reading order (never one further on: no pending item is passed
	 * unseen), else the last row; if it is gone, the row now at the same
	 * place */
	l->sel = l->nrows == 0 ? 0 : l->sel < l->nrows ? l->sel : l->nrows - 1;
	if (l->sel_id[0] && sy_item_find(f, l->sel_id, &it)) {
		r = sy_list_row_of(l, f, it);
		l->sel = r != SIZE_MAX ? r : row_after(l, f, it);
	}
	return 0;
}

bool sy_list_current(const sy_list *l, sy_item_ref *it)
{
	if (l->sel >= l->nrows)
		return false;
	*it = l->rows[l->sel];
	return true;
}

void sy_list_set_id(sy_list *l, const sy_file *f, sy_item_ref it)
{
	snprintf(l->sel_id, sizeof l->sel_id, "%s", sy_item_id(f, it));
}

void sy_list_set_row(sy_list *l, sy_file *f, size_t r)
{
	if (l->nrows == 0)
		return;
	if (r >= l->nrows)
		r = l->nrows - 1;
	l->sel = r;
	sy_list_set_id(l, f, l->rows[r]);
	sy_file_set_cursor(f, l->rows[r]);
}

size_t sy_list_first_from(const sy_file *f, sy_item_kind k, size_t cp)
{
	const sy_annot *a = &f->annot;
	bool sec = k == SY_ITEM_SECTION;
	size_t lo = 0, hi = sec ? a->nsections : a->nstats;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		size_t start = sec ? a->sections[mid].start : a->stats[mid].start;
		if (start < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void sy_list_filter(sy_list *l, sy_filter_kind kind, sy_review_status status,
		    const char *tag)
{
	l->filter = kind;
	if (kind == SY_FILTER_STATUS)
		l->filter_status = status;
	if (kind == SY_FILTER_TAG)
		snprintf(l->filter_tag, sizeof l->filter_tag, "%s", tag);
}

bool sy_list_shows(const sy_list *l, const sy_file *f, sy_item_ref it)
{
	return row_shown(l, f, it);
}

void sy_list_filter_prov(sy_list *l, const char *source, double lo, double hi,
			 int disagree)
{
	if (source)
		snprintf(l->filter_source, sizeof l->filter_source, "%s", source);
	l->filter_scored = lo <= hi;
	l->score_lo = lo;
	l->score_hi = hi;
	l->filter_disagree = disagree;
}

void sy_list_fold(sy_list *l, bool details)
{
	l->details = details;
}

void sy_list_reset(sy_list *l)
{
	l->top = 0;
	l->sel = 0;                    /* a report never opened: its first item */
	l->sel_id[0] = '\0';
}

void sy_list_free(sy_list *l)
{
	free(l->rows);
	free(l->indent);
	free(l->section_row);
	free(l->stat_row);
	memset(l, 0, sizeof *l);
}
