/* lock.h - one writer per annotation file: NAME.yaml.lock beside it says
 * who reviews the file (user, host, pid, since when).
 *
 * A second reviewer who opens the file is told who holds it and may open
 * it read-only.  A lock whose holder no longer runs on this host is
 * recognised and taken over; one from another host cannot be checked from
 * here and is reported, and only broken on request.
 *
 * Which file is locked, and how a holder is known to run
 * ------------------------------------------------------
 * - The lock belongs to the FILE, not to the name it was opened by:
 *   - a symlink is followed (sy_link_target, linkpath.h): the lock, the
 *     journal and every save are beside, and of, the target, and the
 *     link is kept;
 *   - a hard link (a second name of the same inode, maybe in another
 *     folder) cannot be found from the first name, so the holder also
 *     keeps a kernel lock (flock) on the annotation file itself (when it
 *     exists at opening: a file made by the session has no other name),
 *     which every name of that inode reaches.  A second session that finds it
 *     taken is refused ("being reviewed through another name").  A save
 *     replaces the file (a new inode), so the names part after the first
 *     save; the kernel lock stays on the inode the other names still
 *     reach, until the session ends.
 * - The holder keeps the lock file open with a kernel lock (flock) on it
 *   for the session's life, and its record says so ("kernel-lock:
 *   flock").  The kernel drops it when the process ends in any way (a
 *   crash, SIGKILL, a zombie not yet reaped), so a record with that line
 *   whose kernel lock is free is stale, whatever its pid (a pid recycled
 *   by another program no longer keeps it alive), and a held kernel lock
 *   is alive whatever its record says.  A record without the line (an
 *   older shenyue, a hand-made lock, a file system without kernel locks)
 *   is judged by its pid: gone, or a zombie in /proc/PID/stat.
 * - The record stays the human-readable account of who holds the lock; a
 *   holder on another host (a shared NFS folder) is reported from it and
 *   never judged from here.  (Over NFS, flock is a byte-range lock taken
 *   only on a file open for writing: the annotation file's lock, taken
 *   read-only, is then missing, and hard links are not caught.  A process
 *   never tries the kernel lock of its own lock file, whose closing could
 *   drop it there.)
 */
#ifndef SY_LOCK_H
#define SY_LOCK_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/error.h"

typedef struct sy_lock_info {
	char user[64];
	char host[256];
	long pid;
	char since[32];      /* ISO 8601 UTC */
	bool kernel;         /* the record says its holder keeps a kernel lock */
} sy_lock_info;

typedef struct sy_lock {
	char *path;          /* NAME.yaml.lock, owned; NULL when not held */
	sy_lock_info me;
	dev_t dev;           /* the lock file we created (valid with path) */
	ino_t ino;
	int fd;              /* that file, holding its kernel lock; -1: none */
	int data_fd;         /* the annotation file, holding its kernel lock
				(hard links); -1: none */
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
/* Whether L is still held: the lock file at L->path is still the one we
 * created (same device and inode) and still names us (host, pid).  False
 * when L is not held, or the lock was removed or broken (replaced) under
 * us; call before every write and stop writing when false.  A few system
 * calls, no allocation. */
bool sy_lock_still_ours(const sy_lock *l);
/* Read the lock of ANNOT_PATH: true and *INFO when there is one. */
bool sy_lock_read(const char *annot_path, sy_lock_info *info);
/* Whether a session holds the lock of ANNOT_PATH now: a record whose
 * holder runs (its kernel lock held, or, without one, its pid alive), or
 * one of another host (never judged from here); *HOLDER (may be NULL)
 * then says who.  Takes and writes nothing, so --shared sessions, which
 * keep no lock, can look without ever being in each other's way. */
bool sy_lock_held(const char *annot_path, sy_lock_info *holder);

#endif
