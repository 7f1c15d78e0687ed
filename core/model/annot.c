/* annot.c - the annotation model (see annot.h). */
#include "model/annot.h"
#include "model/item.h"
#include "model/schema.h"

#include <limits.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The names of the statuses and of approx (model/schema.h), in the
 * enums' order; approx's first is null. */
#define NAME_(NAME, str) str,
static const char *const status_names[SY_STATUS_COUNT] = { SY_STATUSES(NAME_) };
static const char *const approx_names[] = { NULL, SY_APPROXES(NAME_) };
#define APPROX_COUNT (sizeof approx_names / sizeof approx_names[0])

void sy_annot_init(sy_annot *a)
{
	memset(a, 0, sizeof *a);
}

void sy_annot_free(sy_annot *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nsections; i++)
		sy_section_clear(&a->sections[i]);
	free(a->sections);
	for (i = 0; i < a->nstats; i++)
		sy_stat_clear(&a->stats[i]);
	free(a->stats);
	free(a->source.path);
	free(a->source.encoding);
	sy_node_free(a->source.extra);
	sy_doc_clear(&a->doc);
	free(a->review.reviewer);
	free(a->review.updated);
	free(a->review.cursor);
	sy_node_free(a->review.extra);
	sy_node_free(a->proposers);
	sy_node_free(a->extra);
	sy_annot_init(a);
}

void sy_annot_remove_section(sy_annot *a, size_t i)
{
	sy_section_clear(&a->sections[i]);
	memmove(a->sections + i, a->sections + i + 1,
		(a->nsections - i - 1) * sizeof *a->sections);
	a->nsections--;
}

void sy_annot_remove_stat(sy_annot *a, size_t i)
{
	sy_stat_clear(&a->stats[i]);
	memmove(a->stats + i, a->stats + i + 1, (a->nstats - i - 1) * sizeof *a->stats);
	a->nstats--;
}

/* A fresh id "<PREFIX><*NEXT>" (malloc'd, owned by the caller) and
 * advance *NEXT; NULL on OOM or when the numbers are exhausted. */
static char *fresh_id(char prefix, unsigned *next)
{
	char buf[32];

	if (*next == 0)
		*next = 1;
	if (*next == UINT_MAX)
		return NULL;
	snprintf(buf, sizeof buf, "%c%u", prefix, *next);
	++*next;
	return strdup(buf);
}

_Static_assert(offsetof(sy_section, id) == 0 && offsetof(sy_stat, id) == 0,
	       "add_item sets the id as the first field of an item");

/* Append a zeroed item of SIZE bytes to the array *V (N used, *CAP
 * allocated) with a fresh id from PREFIX and *NEXT.  NULL on OOM. */
static void *add_item(void **v, size_t *n, size_t *cap, size_t size,
		      char prefix, unsigned *next)
{
	char *item, *id;

	if (sy_grow(v, *n, cap, size) < 0 || !(id = fresh_id(prefix, next)))
		return NULL;
	item = (char *)*v + (*n)++ * size;
	memset(item, 0, size);
	memcpy(item, &id, sizeof id);
	return item;
}

sy_section *sy_annot_add_section(sy_annot *a)
{
	void *v = a->sections;
	sy_section *s = add_item(&v, &a->nsections, &a->capsections,
				 sizeof *s, 's', &a->next_section_id);

	a->sections = v;
	return s;
}

sy_stat *sy_annot_add_stat(sy_annot *a)
{
	void *v = a->stats;
	sy_stat *s = add_item(&v, &a->nstats, &a->capstats, sizeof *s, 'n',
			      &a->next_stat_id);

	a->stats = v;
	return s;
}

typedef int (*cmp_fn)(const void *, const void *);

static int span_cmp(size_t s1, size_t e1, size_t s2, size_t e2)
{
	if (s1 != s2)
		return s1 < s2 ? -1 : 1;
	if (e1 != e2)
		return e1 < e2 ? -1 : 1;
	return 0;
}

static int section_cmp(const void *x, const void *y)
{
	const sy_section *a = x, *b = y;
	return span_cmp(a->start, a->end, b->start, b->end);
}

static int stat_cmp(const void *x, const void *y)
{
	const sy_stat *a = x, *b = y;
	return span_cmp(a->start, a->end, b->start, b->end);
}

/* Merge sort of N elements of SIZE bytes at BASE, using TMP (room for N).
 * Stable: equal elements keep their order. */
static void merge_sort(char *base, char *tmp, size_t n, size_t size, cmp_fn cmp)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(base, tmp, mid, size, cmp);
	merge_sort(base + mid * size, tmp, n - mid, size, cmp);
	if (cmp(base + (mid - 1) * size, base + mid * size) <= 0)
		return;
	while (i < mid && j < n) {
		if (cmp(base + j * size, base + i * size) < 0)
			memcpy(tmp + k++ * size, base + j++ * size, size);
		else
			memcpy(tmp + k++ * size, base + i++ * size, size);
	}
	while (i < mid)
		memcpy(tmp + k++ * size, base + i++ * size, size);
	while (j < n)
		memcpy(tmp + k++ * size, base + j++ * size, size);
	memcpy(base, tmp, n * size);
}

/* Insertion sort, the fallback when no memory is left for merge sort.
 * SWAP has room for one element. */
static void insertion_sort(char *base, char *swap, size_t n, size_t size,
			   cmp_fn cmp)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		if (cmp(base + (i - 1) * size, base + i * size) <= 0)
			continue;
		memcpy(swap, base + i * size, size);
		for (j = i; j > 0 && cmp(base + (j - 1) * size, swap) > 0; j--)
			memcpy(base + j * size, base + (j - 1) * size, size);
		memcpy(base + j * size, swap, size);
	}
}

static bool is_sorted(const char *base, size_t n, size_t size, cmp_fn cmp)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (cmp(base + (i - 1) * size, base + i * size) > 0)
			return false;
	return true;
}

/* Stable sort; never fails (falls back to insertion sort on OOM). */
static void stable_sort(void *base, size_t n, size_t size, cmp_fn cmp)
{
	union { sy_section a; sy_stat b; } swap;
	char *tmp;

	if (n < 2 || is_sorted(base, n, size, cmp))
		return;
	tmp = malloc(n * size);
	if (tmp) {
		merge_sort(base, tmp, n, size, cmp);
		free(tmp);
	} else if (size <= sizeof swap) {
		insertion_sort(base, (char *)&swap, n, size, cmp);
	}
}

void sy_annot_sort(sy_annot *a)
{
	stable_sort(a->sections, a->nsections, sizeof *a->sections, section_cmp);
	stable_sort(a->stats, a->nstats, sizeof *a->stats, stat_cmp);
}

int sy_tags_add(sy_tags *t, const char *tag)
{
	void *v = t->v;
	char *s;

	if (sy_tags_has(t, tag))
		return 0;
	if (sy_grow(&v, t->n, &t->cap, sizeof *t->v) < 0)
		return -1;
	t->v = v;
	s = strdup(tag);
	if (!s)
		return -1;
	t->v[t->n++] = s;
	return 0;
}

bool sy_tags_has(const sy_tags *t, const char *tag)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i], tag) == 0)
			return true;
	return false;
}

bool sy_annot_has_reviewed(const sy_annot *a)
{
	size_t i;

	if (a->doc.status != SY_PENDING)
		return true;
	for (i = 0; i < a->nsections; i++)
		if (a->sections[i].r.status != SY_PENDING)
			return true;
	for (i = 0; i < a->nstats; i++)
		if (a->stats[i].r.status != SY_PENDING)
			return true;
	return false;
}

/* "?" for a value out of range (never NULL, so it is safe to print). */
const char *sy_status_name(sy_review_status s)
{
	if ((unsigned)s >= SY_STATUS_COUNT)
		return "?";
	return status_names[s];
}

/* The index of NAME in NAMES[FROM..N), or -1. */
static int name_index(const char *const *names, unsigned from, unsigned n,
		      const char *name)
{
	for (unsigned i = from; name && i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

int sy_status_parse(const char *name, sy_review_status *s)
{
	int i = name_index(status_names, 0, SY_STATUS_COUNT, name);

	if (i >= 0)
		*s = (sy_review_status)i;
	return i >= 0 ? 0 : -1;
}

/* NULL for SY_APPROX_NONE and for a value out of range. */
const char *sy_approx_name(sy_approx a)
{
	if ((unsigned)a >= APPROX_COUNT)
		return NULL;
	return approx_names[a];
}

/* NULL is not a name: the caller maps YAML null to SY_APPROX_NONE. */
int sy_approx_parse(const char *name, sy_approx *a)
{
	int i = name_index(approx_names, 1, APPROX_COUNT, name);

	if (i >= 0)
		*a = (sy_approx)i;
	return i >= 0 ? 0 : -1;
}

bool sy_num_eq(double a, bool ha, double b, bool hb)
{
	if (ha != hb)
		return false;
	return !ha || a == b || (isnan(a) && isnan(b));
}
