/* mem.h - memory chores every layer needs: a copy of a string, and
 * arrays that grow by doubling (mem.c).
 *
 * The growing array is three things its holder keeps side by side: the
 * pointer (malloc'd, owned by the holder, freed with free), the number of
 * elements used and the number allocated.  On failure nothing changes:
 * the array is still the holder's, with its old capacity.
 */
#ifndef SY_MEM_H
#define SY_MEM_H

#include <stddef.h>

/* strdup that returns NULL for NULL (and on OOM). */
char *sy_strdup(const char *s);

/* Room for MORE more elements of SIZE bytes after the N used of the array
 * whose pointer is at ARRP (any T ** passed as void *; *CAP allocated):
 * the capacity starts at FIRST (16 when 0) and doubles until it holds
 * N + MORE.  0, or -1 on OOM or overflow with the array and *CAP
 * unchanged. */
int sy_reserve(void *arrp, size_t n, size_t more, size_t *cap, size_t size,
	       size_t first);

/* Room for one more element of SIZE bytes in the array *V (N used, *CAP
 * allocated; doubled as needed).  0, or -1 on OOM with *V unchanged. */
int sy_grow(void **v, size_t n, size_t *cap, size_t size);

/* The same for a typed array ARR (an lvalue T *), N used, CAP (an lvalue
 * size_t) allocated:
 *   if (SY_GROW(v->items, v->n, v->cap) < 0) return -1;
 *   v->items[v->n++] = x;                                               */
#define SY_RESERVE(arr, n, more, cap) \
	sy_reserve(&(arr), (n), (more), &(cap), sizeof *(arr), 0)
#define SY_GROW(arr, n, cap) SY_RESERVE(arr, n, 1, cap)

#endif
