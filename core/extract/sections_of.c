/* sections_of.c - see sections_of.h. */
#include "extract/sections_of.h"

#include <stdlib.h>
#include <string.h>

#include "model/node.h"

#define NONE ((size_t)-1)

/* The first section of A starting after AT (A->nsections when none). */
static size_t first_section_after(const sy_annot *a, size_t at)
{
	size_t lo = 0, hi = a->nsections;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->sections[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first statistic of A starting at or after AT. */
static size_t first_stat_from(const sy_annot *a, size_t at)
{
	size_t lo = 0, hi = a->nstats;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->stats[mid].start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *sy_section_holding(const sy_annot *a, size_t at)
{
	for (size_t i = first_section_after(a, at); i > 0; i--)
		if (a->sections[i - 1].r.status != SY_REJECTED)
			return a->sections[i - 1].id;
	return NULL;
}

/* Where the statistic of log entry S is in A now, or NONE. */
static size_t find(const sy_annot *a, const sy_secid *s)
{
	size_t i;

	if (s->index < a->nstats && !strcmp(a->stats[s->index].id, s->stat))
		return s->index;
	for (i = first_stat_from(a, s->start);
	     i < a->nstats && a->stats[i].start == s->start; i++)
		if (!strcmp(a->stats[i].id, s->stat))
			return i;
	for (i = 0; i < a->nstats; i++)    /* moved since: rare */
		if (!strcmp(a->stats[i].id, s->stat))
			return i;
	return NONE;
}

void sy_secids_free(sy_secids *log)
{
	for (size_t i = 0; i < log->n; i++) {
		free(log->v[i].stat);
		free(log->v[i].other);
	}
	free(log->v);
	memset(log, 0, sizeof *log);
}

/* Log that statistic I of A is now held by HOLDER.  0, or -1 on OOM. */
static int log_change(const sy_annot *a, size_t i, const char *holder,
		      sy_secids *log)
{
	void *v = log->v;
	sy_secid *s;

	if (sy_grow(&v, log->n, &log->cap, sizeof *log->v))
		return -1;
	log->v = v;
	s = &log->v[log->n];
	s->stat = sy_strdup(a->stats[i].id);
	s->other = holder ? sy_strdup(holder) : NULL;
	s->start = a->stats[i].start;
	s->index = i;
	if (!s->stat || (holder && !s->other)) {
		free(s->stat);
		free(s->other);
		return -1;
	}
	log->n++;
	return 0;
}

int sy_secids_update(sy_annot *a, const sy_section *before,
		     const sy_section *after, sy_secids *log)
{
	size_t lo, hi, bound = NONE, i;

	if (!before && !after)
		return 0;
	lo = hi = before ? before->start : after->start;
	if (after && after->start < lo)
		lo = after->start;
	if (after && after->start > hi)
		hi = after->start;
	/* past the next section that holds anything, nothing changes */
	for (i = first_section_after(a, hi); i < a->nsections; i++)
		if (a->sections[i].r.status != SY_REJECTED) {
			bound = a->sections[i].start;
			break;
		}
	for (i = first_stat_from(a, lo); i < a->nstats && a->stats[i].start < bound; i++) {
		const char *h = sy_section_holding(a, a->stats[i].start);
		if (!sy_str_eq(h, a->stats[i].section) && log_change(a, i, h, log)) {
			sy_secids_free(log);
			return -1;
		}
	}
	/* everything allocated: now the model changes */
	sy_secids_swap(a, log);
	return 0;
}

void sy_secids_swap(sy_annot *a, sy_secids *log)
{
	for (size_t k = 0; k < log->n; k++) {
		size_t i = find(a, &log->v[k]);
		char *t;

		if (i == NONE)
			continue;
		t = a->stats[i].section;
		a->stats[i].section = log->v[k].other;
		log->v[k].other = t;
		log->v[k].index = i;
		log->v[k].start = a->stats[i].start;
	}
}

int sy_secids_stats(const sy_annot *a, const sy_secids *log, sy_stat **out,
		    size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!log || !log->n)
		return 0;
	if (!(*out = malloc(log->n * sizeof **out)))
		return -1;
	for (size_t k = 0; k < log->n; k++) {
		size_t i = find(a, &log->v[k]);
		if (i != NONE)
			(*out)[(*n)++] = a->stats[i];
	}
	return 0;
}
