/* queue.c - see queue.h */
#include "session/queue.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format/provenance.h"
#include "session/bulk.h"

static const char *const NAMES[] = { "document", "uncertain", "disagreement" };

const char *sy_order_name(sy_order o)
{
	return (unsigned)o < 3 ? NAMES[o] : "?";
}

bool sy_order_parse(const char *name, sy_order *o)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, NAMES[i])) {
			*o = (sy_order)i;
			return true;
		}
	return false;
}

static int push(sy_queue *q, size_t report, const sy_file *f, sy_item_ref it,
		size_t pos[2])
{
	const sy_review *r = sy_item_review(f, it);
	sy_qentry *e;
	size_t s = 0, end;
	void *v = q->v;

	if (!r || sy_grow(&v, q->n, &q->cap, sizeof *q->v))
		return -1;
	q->v = v;
	e = &q->v[q->n];
	memset(e, 0, sizeof *e);
	e->report = report;
	sy_item_span(f, it, &s, &end);
	e->start = s;
	e->status = r->status;
	e->has_score = sy_prov_score(r, &e->score);
	e->disagree = sy_prov_disagrees(r);
	if (!(e->id = strdup(sy_item_id(f, it))))
		return -1;
	e->pattern = sy_bulk_pattern(f, it, pos);   /* NULL: none (OOM) */
	q->n++;
	q->sorted = false;
	return 0;
}

int sy_queue_add(sy_queue *q, size_t report, const sy_file *f)
{
	const sy_annot *a = &f->annot;
	size_t i = 0, j = 0, pos[2] = { 0, 0 };

	/* in text order, so that the patterns are found in one pass */
	while (i < a->nsections || j < a->nstats) {
		sy_item_ref it;
		if (j >= a->nstats ||
		    (i < a->nsections && a->sections[i].start <= a->stats[j].start))
			it = (sy_item_ref){ SY_ITEM_SECTION, i++ };
		else
			it = (sy_item_ref){ SY_ITEM_STAT, j++ };
		if (push(q, report, f, it, pos))
			return -1;
	}
	return 0;
}

bool sy_queue_has(const sy_queue *q, size_t report)
{
	for (size_t k = 0; k < q->n; k++)
		if (q->v[k].report == report)
			return true;
	return false;
}

static sy_order sort_order;

static int cmp(const void *pa, const void *pb)
{
	const sy_qentry *a = pa, *b = pb;

	if (sort_order == SY_ORDER_DISAGREEMENT && a->disagree != b->disagree)
		return a->disagree ? -1 : 1;
	if (sort_order != SY_ORDER_DOCUMENT) {
		if (a->has_score != b->has_score)
			return a->has_score ? -1 : 1;      /* unscored last */
		if (a->has_score && a->score != b->score)
			return a->score < b->score ? -1 : 1;
	}
	if (a->report != b->report)
		return a->report < b->report ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return strcmp(a->id, b->id);
}

void sy_queue_sort(sy_queue *q, sy_order order)
{
	sort_order = order;
	q->order = order;
	if (q->n)
		qsort(q->v, q->n, sizeof *q->v, cmp);
	q->sorted = true;
}

void sy_queue_update(sy_queue *q, size_t report, const sy_file *f)
{
	for (size_t k = 0; k < q->n; k++) {
		sy_item_ref it;
		if (q->v[k].report != report)
			continue;
		q->v[k].status = sy_item_find(f, q->v[k].id, &it)
			? sy_item_status(f, it) : SY_REJECTED;    /* gone: done */
	}
}

size_t sy_queue_find(const sy_queue *q, size_t report, const char *id)
{
	for (size_t k = 0; k < q->n; k++)
		if (q->v[k].report == report && !strcmp(q->v[k].id, id))
			return k;
	return SIZE_MAX;
}

bool sy_queue_pending(const sy_queue *q, size_t k, size_t cur,
		      const sy_file *open)
{
	sy_item_ref it;

	if (open && q->v[k].report == cur)
		return sy_item_find(open, q->v[k].id, &it) &&
		       sy_item_status(open, it) == SY_PENDING;
	return q->v[k].status == SY_PENDING;
}

size_t sy_queue_next(const sy_queue *q, size_t from, int dir, size_t cur,
		     const sy_file *open)
{
	size_t k;

	if (!q->n)
		return SIZE_MAX;
	if (from == SIZE_MAX)
		k = dir > 0 ? 0 : q->n - 1;
	else if (dir > 0 ? from + 1 >= q->n : from == 0)
		return SIZE_MAX;
	else
		k = dir > 0 ? from + 1 : from - 1;
	for (;;) {
		if (sy_queue_pending(q, k, cur, open))
			return k;
		if (dir > 0 ? k + 1 >= q->n : k == 0)
			return SIZE_MAX;
		k = dir > 0 ? k + 1 : k - 1;
	}
}

void sy_queue_free(sy_queue *q)
{
	for (size_t k = 0; k < q->n; k++) {
		free(q->v[k].id);
		free(q->v[k].pattern);
	}
	free(q->v);
	memset(q, 0, sizeof *q);
}
