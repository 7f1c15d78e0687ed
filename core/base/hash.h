/* hash.h - hashing for the core's open-addressing tables, and an index
 * of ids (hash.c).
 *
 * Ids ("s1", "n7") are looked up in tables keyed by a hash of their bytes
 * (FNV-1a); tables keyed by numbers (code points, node numbers) take
 * sy_hash_mix of them, which spreads every bit over the low ones that
 * pick the slot.
 */
#ifndef SY_HASH_H
#define SY_HASH_H

#include <stddef.h>
#include <stdint.h>

#define SY_FNV_BASIS UINT64_C(14695981039346656037)

/* One step of FNV-1a: the hash H with V mixed in. */
static inline uint64_t sy_fnv_add(uint64_t h, uint64_t v)
{
	return (h ^ v) * UINT64_C(1099511628211);
}

/* FNV-1a of the bytes of the string S. */
uint64_t sy_hash_str(const char *s);

/* MurmurHash3's finalizer of H. */
static inline uint64_t sy_hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

/* The smallest power of two of at least 16 and N (N when N is above
 * SIZE_MAX / 2 rounded down to one): a table size. */
size_t sy_pow2_at_least(size_t n);

/* An index of the ids of N items, the item at I having the id AT(ITEMS,
 * I) (NULL: none).  The index holds item numbers only: the items and
 * their ids must stay as they are while it is used.  Owned by its holder:
 * sy_idindex_free. */
typedef const char *sy_id_at(const void *items, size_t i);
typedef struct sy_idindex {
	size_t *slot;         /* item number + 1, 0 empty */
	size_t cap;           /* a power of two */
	sy_id_at *at;
	const void *items;
} sy_idindex;

/* An empty index with room for N ids.  0, or -1 on OOM (X then empty,
 * freeing it is safe). */
int sy_idindex_init(sy_idindex *x, size_t n, sy_id_at *at, const void *items);

/* Add item I (its id not NULL; at most the N of init in all): SIZE_MAX
 * when added, or the item already there with the same id (I then not
 * added: the first of equal ids is the one found). */
size_t sy_idindex_add(sy_idindex *x, size_t i);

/* The item with ID, or SIZE_MAX. */
size_t sy_idindex_find(const sy_idindex *x, const char *id);

void sy_idindex_free(sy_idindex *x);

#endif
