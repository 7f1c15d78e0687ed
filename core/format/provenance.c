/* provenance.c - the provenance keys of an item and of a file (see
 * provenance.h). */
#include "format/provenance.h"

#include <stdlib.h>
#include <string.h>

#include "format/yaml_style.h"
#include "model/item.h"
#include "model/schema.h"

/* MAP[KEY] = V (taking V, also on failure), replacing a value in place
 * or appending; *MAP made when NULL.  0, or -1 on OOM. */
static int map_set(sy_node **map, const char *key, sy_node *v)
{
	size_t i;

	if (!v)
		return -1;
	if (!*map && !(*map = sy_node_map())) {
		sy_node_free(v);
		return -1;
	}
	for (i = 0; i < (*map)->n; i++)
		if (strcmp((*map)->keys[i], key) == 0) {
			sy_node_free((*map)->items[i]);
			(*map)->items[i] = v;
			return 0;
		}
	return sy_node_put(*map, key, v);
}

/* Remove MAP[KEY] if there; *MAP freed when left empty. */
static void map_del(sy_node **map, const char *key)
{
	sy_node *m = *map;
	size_t i;

	if (!m || m->kind != SY_NODE_MAP)
		return;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0) {
			free(m->keys[i]);
			sy_node_free(m->items[i]);
			memmove(m->keys + i, m->keys + i + 1,
				(m->n - i - 1) * sizeof *m->keys);
			memmove(m->items + i, m->items + i + 1,
				(m->n - i - 1) * sizeof *m->items);
			m->n--;
			break;
		}
	if (!m->n) {
		sy_node_free(m);
		*map = NULL;
	}
}

/* The score scalar V: *HAS false for null or anything not a number. */
static void score_of(const sy_node *v, double *score, bool *has)
{
	char *end;
	double d;
	bool h = false;

	if (v && v->kind == SY_NODE_SCALAR && v->scalar && !v->quoted &&
	    v->scalar[0] && strcmp(v->scalar, "null") != 0 &&
	    strcmp(v->scalar, "~") != 0) {
		d = strtod(v->scalar, &end);
		h = !*end && d >= 0 && d <= 1;
		if (h && score)
			*score = d;
	}
	if (has)
		*has = h;
}

size_t sy_prov_count(const sy_review *r)
{
	return r->by && r->by->kind == SY_NODE_MAP ? r->by->n : 0;
}

const char *sy_prov_source(const sy_review *r, size_t i, double *score,
			   bool *has)
{
	if (i >= sy_prov_count(r))
		return NULL;
	score_of(r->by->items[i], score, has);
	return r->by->keys[i];
}

bool sy_prov_has(const sy_review *r, const char *source, double *score,
		 bool *has)
{
	const sy_node *v = sy_node_get(r->by, source);

	if (!v)
		return false;
	score_of(v, score, has);
	return true;
}

bool sy_prov_score(const sy_review *r, double *score)
{
	size_t i, n = sy_prov_count(r);
	bool any = false;
	double best = 0, s;
	bool has;

	for (i = 0; i < n; i++) {
		score_of(r->by->items[i], &s, &has);
		if (has && (!any || s > best)) {
			best = s;
			any = true;
		}
	}
	if (any)
		*score = best;
	return any;
}

int sy_prov_set(sy_review *r, const char *source, double score, bool has)
{
	return map_set(&r->by, source, sy_yaml_num_node(score, has));
}

int sy_prov_disagree(sy_review *r, const char *source, sy_node *fields)
{
	if (!fields || fields->kind != SY_NODE_MAP || !fields->n) {
		sy_node_free(fields);
		map_del(&r->disagreement, source);
		if (!r->disagreement)
			sy_tags_remove(&r->tags, SY_TAG_DISAGREEMENT);
		return 0;
	}
	if (map_set(&r->disagreement, source, fields))
		return -1;
	return r->status == SY_PENDING ?
	       sy_tags_add(&r->tags, SY_TAG_DISAGREEMENT) : 0;
}

bool sy_prov_disagrees(const sy_review *r)
{
	return r->disagreement && r->disagreement->kind == SY_NODE_MAP &&
	       r->disagreement->n > 0;
}

int sy_prov_set_via(sy_review *r, const char *via)
{
	char *v = via ? strdup(via) : NULL;

	if (via && !v)
		return -1;
	free(r->via);
	r->via = v;
	return 0;
}

int sy_prov_proposer(sy_annot *a, const char *source, const char *key,
		     const char *value)
{
	sy_node *m = sy_node_get(a->proposers, source);

	if (!m || m->kind != SY_NODE_MAP) {
		if (map_set(&a->proposers, source, sy_node_map()))
			return -1;
		m = sy_node_get(a->proposers, source);
	}
	return map_set(&m, key, value ? sy_yaml_str_node(value)
				      : sy_node_scalar("null", 0));
}

const char *sy_prov_proposer_get(const sy_annot *a, const char *source,
				 const char *key)
{
	const sy_node *v = sy_node_get(sy_node_get(a->proposers, source), key);

	return v && v->kind == SY_NODE_SCALAR ? v->scalar : NULL;
}
