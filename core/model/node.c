/* node.c - generic YAML values (see node.h). */
#include "model/node.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* A new zeroed node of KIND, owned by the caller; NULL on OOM. */
static sy_node *node_new(sy_node_kind kind)
{
	sy_node *n = calloc(1, sizeof *n);

	if (n)
		n->kind = kind;
	return n;
}

sy_node *sy_node_scalar(const char *text, int quoted)
{
	sy_node *n = node_new(SY_NODE_SCALAR);

	if (!n)
		return NULL;
	n->scalar = strdup(text ? text : "");
	if (!n->scalar) {
		free(n);
		return NULL;
	}
	n->quoted = quoted;
	return n;
}

sy_node *sy_node_seq(void)
{
	return node_new(SY_NODE_SEQ);
}

sy_node *sy_node_map(void)
{
	return node_new(SY_NODE_MAP);
}

/* Make room for one more child in N (and one more key for a MAP).
 * Returns 0, or -1 on OOM with N unchanged. */
static int node_grow(sy_node *n)
{
	size_t cap = n->cap, kcap = n->cap;

	if (sy_reserve(&n->items, n->n, 1, &cap, sizeof *n->items, 4) < 0)
		return -1;
	if (n->kind == SY_NODE_MAP &&
	    sy_reserve(&n->keys, n->n, 1, &kcap, sizeof *n->keys, 4) < 0)
		return -1;   /* items grew, cap did not: still consistent */
	n->cap = cap;
	return 0;
}

int sy_node_push(sy_node *seq, sy_node *child)
{
	if (!seq || !child || seq->kind != SY_NODE_SEQ || node_grow(seq) < 0) {
		sy_node_free(child);
		return -1;
	}
	seq->items[seq->n++] = child;
	return 0;
}

int sy_node_put(sy_node *map, const char *key, sy_node *child)
{
	char *k;

	if (!map || !child || !key || map->kind != SY_NODE_MAP ||
	    node_grow(map) < 0) {
		sy_node_free(child);
		return -1;
	}
	k = strdup(key);
	if (!k) {
		sy_node_free(child);
		return -1;
	}
	map->keys[map->n] = k;
	map->items[map->n++] = child;
	return 0;
}

sy_node *sy_node_get(const sy_node *map, const char *key)
{
	size_t i;

	if (!map || !key || map->kind != SY_NODE_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}

/* Copy N's children into the empty container C.  Returns 0, or -1 on OOM
 * (C then holds whatever was copied; the caller frees it). */
static int clone_children(const sy_node *n, sy_node *c)
{
	size_t i;

	for (i = 0; i < n->n; i++) {
		sy_node *kid = sy_node_clone(n->items[i]);
		int r;

		if (!kid)
			return -1;
		r = n->kind == SY_NODE_MAP ? sy_node_put(c, n->keys[i], kid)
					   : sy_node_push(c, kid);
		if (r < 0)
			return -1;
	}
	return 0;
}

sy_node *sy_node_clone(const sy_node *n)
{
	sy_node *c;

	if (!n)
		return NULL;
	c = n->kind == SY_NODE_SCALAR ? sy_node_scalar(n->scalar, n->quoted)
				      : node_new(n->kind);
	if (!c)
		return NULL;
	if (n->tag && !(c->tag = strdup(n->tag))) {
		sy_node_free(c);
		return NULL;
	}
	if (n->kind != SY_NODE_SCALAR && clone_children(n, c) < 0) {
		sy_node_free(c);
		return NULL;
	}
	return c;
}

void sy_node_free(sy_node *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->keys)
			free(n->keys[i]);
		sy_node_free(n->items[i]);
	}
	free(n->keys);
	free(n->items);
	free(n->scalar);
	free(n->tag);
	free(n);
}

bool sy_str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

bool sy_node_equal(const sy_node *a, const sy_node *b, bool any_order)
{
	size_t i;

	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || !sy_str_eq(a->tag, b->tag) || a->n != b->n)
		return false;
	if (a->kind == SY_NODE_SCALAR)
		return !a->quoted == !b->quoted && sy_str_eq(a->scalar, b->scalar);
	for (i = 0; i < a->n; i++) {
		const sy_node *bi = b->items[i];
		if (a->kind == SY_NODE_MAP) {
			if (any_order)
				bi = sy_node_get(b, a->keys[i]);
			else if (!sy_str_eq(a->keys[i], b->keys[i]))
				return false;
		}
		if (!sy_node_equal(a->items[i], bi, any_order))
			return false;
	}
	return true;
}
