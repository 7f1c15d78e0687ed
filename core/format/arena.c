/* arena.c - see arena.h */
#include "format/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK ((size_t)64 << 10)
#define ALIGN alignof(max_align_t)

struct sy_achunk {
	sy_achunk *prev;       /* the chunk filled before this one */
	size_t cap, used;      /* bytes of data[] */
	max_align_t data[];
};

void *sy_arena_alloc(sy_arena *ar, size_t n)
{
	sy_achunk *k = ar->cur;
	void *p;

	if (n > SIZE_MAX - ALIGN - sizeof *k)
		return NULL;
	n = (n + ALIGN - 1) / ALIGN * ALIGN;
	if (!k || k->cap - k->used < n) {
		size_t cap = n > CHUNK / 4 ? n : CHUNK;
		if (cap == CHUNK && ar->spare) {
			k = ar->spare;
			ar->spare = NULL;
		} else if (!(k = malloc(sizeof *k + cap))) {
			return NULL;
		}
		k->prev = ar->cur;
		k->cap = cap;
		k->used = 0;
		ar->cur = k;
	}
	p = (char *)k->data + k->used;
	k->used += n;
	return p;
}

void *sy_arena_grow(sy_arena *ar, void *old, size_t oldn, size_t newn)
{
	sy_achunk *k = ar->cur;
	size_t o = (oldn + ALIGN - 1) / ALIGN * ALIGN;
	void *p;

	if (old && k && newn <= SIZE_MAX - ALIGN &&
	    (char *)old + o == (char *)k->data + k->used) {
		size_t n = (newn + ALIGN - 1) / ALIGN * ALIGN;
		if (n - o <= k->cap - k->used) {
			k->used += n - o;
			return old;
		}
	}
	p = sy_arena_alloc(ar, newn);
	if (p && old)
		memcpy(p, old, oldn);
	return p;
}

sy_amark sy_arena_mark(const sy_arena *ar)
{
	return (sy_amark){ ar->cur, ar->cur ? ar->cur->used : 0 };
}

void sy_arena_release(sy_arena *ar, sy_amark m)
{
	while (ar->cur != m.cur) {
		sy_achunk *k = ar->cur;
		ar->cur = k->prev;
		if (k->cap == CHUNK && !ar->spare)
			ar->spare = k;
		else
			free(k);
	}
	if (ar->cur)
		ar->cur->used = m.used;
}

void sy_arena_free(sy_arena *ar)
{
	sy_arena_release(ar, (sy_amark){ NULL, 0 });
	free(ar->spare);
	ar->spare = NULL;
}
