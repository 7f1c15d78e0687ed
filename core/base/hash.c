/* hash.c - see hash.h */
#include "base/hash.h"

#include <stdlib.h>
#include <string.h>

uint64_t sy_hash_str(const char *s)
{
	uint64_t h = SY_FNV_BASIS;

	for (; *s; s++)
		h = sy_fnv_add(h, (unsigned char)*s);
	return h;
}

size_t sy_pow2_at_least(size_t n)
{
	size_t p = 16;

	while (p < n && p <= SIZE_MAX / 2)
		p *= 2;
	return p;
}

int sy_idindex_init(sy_idindex *x, size_t n, sy_id_at *at, const void *items)
{
	memset(x, 0, sizeof *x);
	x->at = at;
	x->items = items;
	if (n > SIZE_MAX / 4)
		return -1;
	x->cap = sy_pow2_at_least(2 * n);   /* at most half full */
	x->slot = calloc(x->cap, sizeof *x->slot);
	return x->slot ? 0 : -1;
}

/* The slot of ID: the one holding it, or the empty one where it goes. */
static size_t slot_of(const sy_idindex *x, const char *id)
{
	size_t h = (size_t)sy_hash_str(id) & (x->cap - 1);

	while (x->slot[h] && strcmp(x->at(x->items, x->slot[h] - 1), id) != 0)
		h = (h + 1) & (x->cap - 1);
	return h;
}

size_t sy_idindex_add(sy_idindex *x, size_t i)
{
	size_t h = slot_of(x, x->at(x->items, i));

	if (x->slot[h])
		return x->slot[h] - 1;
	x->slot[h] = i + 1;
	return SIZE_MAX;
}

size_t sy_idindex_find(const sy_idindex *x, const char *id)
{
	size_t h;

	if (!id || !x->slot)
		return SIZE_MAX;
	h = slot_of(x, id);
	return x->slot[h] ? x->slot[h] - 1 : SIZE_MAX;
}

void sy_idindex_free(sy_idindex *x)
{
	free(x->slot);
	memset(x, 0, sizeof *x);
}
