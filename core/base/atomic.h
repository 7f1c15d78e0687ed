/* atomic.h - replacing a file atomically (atomic.c): the whole file at
 * once, or in steps for output too large to hold in memory.
 */
#ifndef SY_ATOMIC_H
#define SY_ATOMIC_H

#include <stddef.h>

#include "base/error.h"

/* Replace PATH with DATA atomically: write a temporary file in the same
 * folder, fsync it, rename it over PATH, fsync the folder.  On failure
 * PATH is untouched, the temporary file is removed and ERR names PATH.
 * When PATH is a symlink its target is replaced (the temporary file goes
 * beside the target) and the link kept; ERR then names the target. */
sy_status sy_write_atomic(const char *path, const void *data, size_t len,
			  sy_error *err);

/* The same in steps, for output too large to hold in memory:
 * sy_atomic_open creates the temporary file beside PATH; sy_atomic_write
 * appends to it; sy_atomic_commit syncs it, renames it over PATH, syncs the
 * folder; sy_atomic_abort removes it.  Commit and abort release AT in all
 * cases; after a failed open AT needs nothing. */
typedef struct sy_atomic {
	char *path, *dir, *tmp;   /* owned; path: the file replaced (a
				     symlink's target) */
	int fd;
	unsigned mode;
} sy_atomic;

sy_status sy_atomic_open(const char *path, sy_atomic *at, sy_error *err);
sy_status sy_atomic_write(sy_atomic *at, const void *data, size_t len,
			  sy_error *err);
sy_status sy_atomic_commit(sy_atomic *at, sy_error *err);
void sy_atomic_abort(sy_atomic *at);

#endif
