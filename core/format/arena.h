/* arena.h - a stack of memory chunks for many small blocks that are given
 * back together: the YAML trees of the readers (yaml_tree.h).
 *
 * Ownership: every block belongs to the arena; nothing is freed one by
 * one.  sy_arena_release gives back everything allocated since a mark
 * (a streamed item of the annotation file), sy_arena_free everything.
 * On failure (out of memory) an allocation returns NULL and the arena is
 * as it was.  A zeroed sy_arena is empty and ready.
 */
#ifndef SY_ARENA_H
#define SY_ARENA_H

#include <stddef.h>

typedef struct sy_achunk sy_achunk;

/* One spare chunk is kept so that an item crossing a chunk boundary does
 * not malloc and free one every time. */
typedef struct sy_arena {
	sy_achunk *cur, *spare;
} sy_arena;

/* A place in the arena to release back to. */
typedef struct sy_amark {
	sy_achunk *cur;
	size_t used;
} sy_amark;

/* N bytes (aligned for anything) owned by AR; NULL on OOM. */
void *sy_arena_alloc(sy_arena *ar, size_t n);

/* Grow the block OLD (OLDN bytes, from this arena, or NULL) to NEWN
 * bytes: in place when it is the last block, else by copying (the old
 * block then stays until a release).  NULL on OOM, OLD untouched. */
void *sy_arena_grow(sy_arena *ar, void *old, size_t oldn, size_t newn);

sy_amark sy_arena_mark(const sy_arena *ar);

/* Give back everything allocated since M was taken ({ NULL, 0 }: all of
 * it, the spare chunk kept). */
void sy_arena_release(sy_arena *ar, sy_amark m);

/* Give back everything, the spare chunk too; AR is empty again. */
void sy_arena_free(sy_arena *ar);

#endif
