/* item.c - one item of the model: clear, copy, compare, find (item.h). */
#include "model/item.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ freeing */

void sy_tags_clear(sy_tags *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* See item.h. */
int sy_tags_copy(sy_tags *dst, const sy_tags *src)
{
	sy_tags_clear(dst);
	for (size_t i = 0; i < src->n; i++)
		if (sy_tags_add(dst, src->v[i]))
			return -1;
	return 0;
}

/* See item.h. */
bool sy_tags_same(const sy_tags *a, const sy_tags *b)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!sy_tags_has(b, a->v[i]))
			return false;
	for (i = 0; i < b->n; i++)
		if (!sy_tags_has(a, b->v[i]))
			return false;
	return true;
}

static void review_clear(sy_review *r)
{
	sy_tags_clear(&r->tags);
	free(r->note);
	sy_node_free(r->proposed);
	sy_node_free(r->by);
	sy_node_free(r->disagreement);
	free(r->via);
	sy_node_free(r->extra);
	memset(r, 0, sizeof *r);
}

/* Free the N strings of V (the members of one item). */
static void free_strs(char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
}

void sy_section_clear(sy_section *s)
{
	char *const strs[] = { s->id, s->marker, s->title };

	free_strs(strs, sizeof strs / sizeof *strs);
	review_clear(&s->r);
	memset(s, 0, sizeof *s);
}

void sy_stat_clear(sy_stat *s)
{
	char *const strs[] = { s->id, s->text, s->unit, s->subject, s->section };

	free_strs(strs, sizeof strs / sizeof *strs);
	review_clear(&s->r);
	memset(s, 0, sizeof *s);
}

void sy_doc_clear(sy_docfacts *d)
{
	char *const strs[] = { d->title, d->issuer, d->region, d->date };

	free_strs(strs, sizeof strs / sizeof *strs);
	sy_node_free(d->extra);
	memset(d, 0, sizeof *d);
}

bool sy_tags_remove(sy_tags *t, const char *tag)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i], tag) == 0) {
			free(t->v[i]);
			memmove(t->v + i, t->v + i + 1,
				(t->n - i - 1) * sizeof *t->v);
			t->n--;
			return true;
		}
	return false;
}

/* ------------------------------------------------------------ copying */

int sy_set_str(char **dst, const char *src)
{
	char *s = sy_strdup(src);

	if (src && !s)
		return -1;
	free(*dst);
	*dst = s;
	return 0;
}

/* Deep copy of a string that may be NULL: 0, or -1 on OOM. */
static int copy_str(char **dst, const char *src)
{
	*dst = sy_strdup(src);
	return src && !*dst ? -1 : 0;
}

/* Deep copy of N (NULL stays NULL): 0, or -1 on OOM. */
static int copy_node(sy_node **dst, const sy_node *src)
{
	*dst = src ? sy_node_clone(src) : NULL;
	return src && !*dst ? -1 : 0;
}

static int review_copy(sy_review *d, const sy_review *s)
{
	memset(d, 0, sizeof *d);
	d->status = s->status;
	for (size_t i = 0; i < s->tags.n; i++)
		if (sy_tags_add(&d->tags, s->tags.v[i]))
			return -1;
	if (copy_str(&d->note, s->note) || copy_node(&d->proposed, s->proposed) ||
	    copy_node(&d->by, s->by) ||
	    copy_node(&d->disagreement, s->disagreement) ||
	    copy_str(&d->via, s->via) || copy_node(&d->extra, s->extra))
		return -1;
	return 0;
}

int sy_section_copy(sy_section *dst, const sy_section *src)
{
	sy_section_clear(dst);
	dst->level = src->level;
	dst->start = src->start;
	dst->end = src->end;
	if (copy_str(&dst->id, src->id) || copy_str(&dst->marker, src->marker) ||
	    copy_str(&dst->title, src->title) || review_copy(&dst->r, &src->r)) {
		sy_section_clear(dst);
		return -1;
	}
	return 0;
}

int sy_stat_copy(sy_stat *dst, const sy_stat *src)
{
	sy_stat_clear(dst);
	*dst = (sy_stat){ .start = src->start, .end = src->end,
		.value = src->value, .has_value = src->has_value,
		.approx = src->approx, .value_max = src->value_max,
		.has_value_max = src->has_value_max };
	if (copy_str(&dst->id, src->id) || copy_str(&dst->text, src->text) ||
	    copy_str(&dst->unit, src->unit) || copy_str(&dst->subject, src->subject) ||
	    copy_str(&dst->section, src->section) || review_copy(&dst->r, &src->r)) {
		sy_stat_clear(dst);
		return -1;
	}
	return 0;
}

int sy_doc_copy(sy_docfacts *dst, const sy_docfacts *src)
{
	sy_docfacts d;

	memset(&d, 0, sizeof d);
	d.year = src->year;
	d.status = src->status;
	if (copy_str(&d.title, src->title) || copy_str(&d.issuer, src->issuer) ||
	    copy_str(&d.region, src->region) || copy_str(&d.date, src->date) ||
	    copy_node(&d.extra, src->extra)) {
		sy_doc_clear(&d);
		return -1;
	}
	sy_doc_clear(dst);
	*dst = d;
	return 0;
}

/* ------------------------------------------------------------ equality */

static bool review_eq(const sy_review *a, const sy_review *b)
{
	if (a->status != b->status || a->tags.n != b->tags.n ||
	    !sy_str_eq(a->note, b->note) ||
	    !sy_node_equal(a->proposed, b->proposed, false) ||
	    !sy_node_equal(a->by, b->by, false) ||
	    !sy_node_equal(a->disagreement, b->disagreement, false) ||
	    !sy_str_eq(a->via, b->via) ||
	    !sy_node_equal(a->extra, b->extra, false))
		return false;
	for (size_t i = 0; i < a->tags.n; i++)
		if (!sy_str_eq(a->tags.v[i], b->tags.v[i]))
			return false;
	return true;
}

bool sy_section_eq(const sy_section *a, const sy_section *b)
{
	return sy_str_eq(a->id, b->id) && a->level == b->level &&
	       sy_str_eq(a->marker, b->marker) && sy_str_eq(a->title, b->title) &&
	       a->start == b->start && a->end == b->end &&
	       review_eq(&a->r, &b->r);
}

bool sy_stat_eq(const sy_stat *a, const sy_stat *b)
{
	return sy_str_eq(a->id, b->id) && sy_str_eq(a->text, b->text) &&
	       a->start == b->start && a->end == b->end &&
	       sy_num_eq(a->value, a->has_value, b->value, b->has_value) &&
	       sy_str_eq(a->unit, b->unit) && a->approx == b->approx &&
	       sy_num_eq(a->value_max, a->has_value_max, b->value_max,
		      b->has_value_max) &&
	       sy_str_eq(a->subject, b->subject) &&
	       sy_str_eq(a->section, b->section) && review_eq(&a->r, &b->r);
}

bool sy_doc_eq(const sy_docfacts *a, const sy_docfacts *b)
{
	return sy_str_eq(a->title, b->title) && sy_str_eq(a->issuer, b->issuer) &&
	       sy_str_eq(a->region, b->region) && a->year == b->year &&
	       sy_str_eq(a->date, b->date) && a->status == b->status &&
	       sy_node_equal(a->extra, b->extra, false);
}

/* ------------------------------------------------------------ finding */

static size_t hash_id(const char *s)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static size_t id_slot(const char *id)
{
	return hash_id(id) & (SY_ID_HINTS - 1);
}

/* The id of item I of A's statistics (STATS) or sections. */
static const char *nth_id(const sy_annot *a, bool stats, size_t i)
{
	return stats ? a->stats[i].id : a->sections[i].id;
}

size_t sy_item_hinted(const sy_annot *a, bool stats, const char *id,
		      const size_t *hints)
{
	size_t i, n = stats ? a->nstats : a->nsections;

	if (!hints || !id)
		return SY_ID_NONE;
	i = hints[stats * SY_ID_HINTS + id_slot(id)];
	return i < n && sy_str_eq(nth_id(a, stats, i), id) ? i : SY_ID_NONE;
}

size_t sy_item_index(const sy_annot *a, bool stats, const char *id,
		     size_t *hints)
{
	size_t i, n = stats ? a->nstats : a->nsections;

	if (!id)
		return SY_ID_NONE;
	if ((i = sy_item_hinted(a, stats, id, hints)) != SY_ID_NONE)
		return i;
	for (i = 0; i < n; i++)
		if (sy_str_eq(nth_id(a, stats, i), id)) {
			if (hints)
				hints[stats * SY_ID_HINTS + id_slot(id)] = i;
			return i;
		}
	return SY_ID_NONE;
}

/* ------------------------------------------------------------ the index */

static const char *id_at(const sy_id_map *m, size_t i)
{
	return *(char *const *)((const char *)m->items + i * m->size);
}

/* Index ITEMS[0..N) (size SIZE each).  -1 on OOM. */
static int idmap_build(sy_id_map *m, const void *items, size_t n, size_t size)
{
	m->cap = 16;
	while (m->cap < 2 * n + 16)
		m->cap *= 2;
	m->items = items;
	m->size = size;
	if (!(m->slot = calloc(m->cap, sizeof *m->slot)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *id = id_at(m, i);
		size_t h;
		if (!id)
			continue;
		for (h = hash_id(id) & (m->cap - 1); m->slot[h];
		     h = (h + 1) & (m->cap - 1))
			;
		m->slot[h] = i + 1;
	}
	return 0;
}

/* The item with ID, or NULL. */
static const void *idmap_get(const sy_id_map *m, const char *id)
{
	if (!id || !m->slot)
		return NULL;
	for (size_t h = hash_id(id) & (m->cap - 1); m->slot[h];
	     h = (h + 1) & (m->cap - 1))
		if (sy_str_eq(id_at(m, m->slot[h] - 1), id))
			return (const char *)m->items + (m->slot[h] - 1) * m->size;
	return NULL;
}


void sy_id_index_free(sy_id_index *x)
{
	free(x->m[0].slot);
	free(x->m[1].slot);
	memset(x, 0, sizeof *x);
}

int sy_id_index_build(sy_id_index *x, const sy_annot *a)
{
	memset(x, 0, sizeof *x);
	if (idmap_build(&x->m[0], a->sections, a->nsections, sizeof *a->sections) ||
	    idmap_build(&x->m[1], a->stats, a->nstats, sizeof *a->stats)) {
		sy_id_index_free(x);
		return -1;
	}
	return 0;
}

const void *sy_id_index_get(const sy_id_index *x, bool stats, const char *id)
{
	return idmap_get(&x->m[stats], id);
}
