/* lock.h - one writer per annotation file: NAME.yaml.lock beside it says
 * who reviews the file (user, host, pid, since when).
 *
 * A second reviewer who opens the file is told who holds it and may open
 * it read-only.  A lock left by a process that no longer runs on this
 * host is recognised and taken over; one from another host cannot be
 * checked from here and is reported, and only broken on request.
 */
#ifndef SY_LOCK_H
#define SY_LOCK_H

#include <stdbool.h>
#include <sys/types.h>

#include "error.h"

typedef struct sy_lock_info {
	char user[64];
	char host[256];
	long pid;
	char since[32];      /* ISO 8601 UTC */
} sy_lock_info;

typedef struct sy_lock {
	char *path;          /* NAME.yaml.lock, owned; NULL when not held */
	sy_lock_info me;
} sy_lock;

typedef enum sy_lock_mode {
	SY_LOCK_NORMAL,      /* take it if free or stale on this host */
	SY_LOCK_BREAK        /* take it even from another host or a live pid */
} sy_lock_mode;

/* Take the lock of ANNOT_PATH for USER (NULL: $USER).  Created atomically
 * (O_CREAT|O_EXCL, then the info written and synced).  SY_ERR_EXISTS when
 * someone else holds it: *HOLDER says who, ERR says "FILE is being
 * reviewed by USER on HOST (pid N) since T" (and, for another host, how to
 * break it).  A stale lock (this host, the pid gone) is taken over and
 * *STALE set.  On success L holds it (release with sy_lock_release). */
sy_status sy_lock_acquire(const char *annot_path, const char *user,
			  sy_lock_mode mode, sy_lock *l, sy_lock_info *holder,
			  bool *stale, sy_error *err);
/* Remove the lock if it is still ours (the file names our host and pid);
 * free L.  Safe on an unheld lock. */
void sy_lock_release(sy_lock *l);
/* Whether the lock L holds is still ours: the lock file exists and names
 * our host and pid.  False once it was broken (--break-lock) or removed
 * under us; the session must then stop writing (review.h). */
bool sy_lock_still_ours(const sy_lock *l);
/* Read the lock of ANNOT_PATH: true and *INFO when there is one. */
bool sy_lock_read(const char *annot_path, sy_lock_info *info);

#endif
