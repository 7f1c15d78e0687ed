/* lock_rec.h - the pieces of lock.c: the lock file's record, reading it,
 * the guard, creating and replacing it.  Internal to lock.c; see the top
 * of lock.c for the design. */
#ifndef SY_LOCK_REC_H
#define SY_LOCK_REC_H

#include "session/lock.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#define LOCK_MAX 4096        /* a longer lock file is garbled */

/* Whether a kernel lock (flock) is held on a lock file. */
enum { LK_KERNEL_UNKNOWN, LK_KERNEL_HELD, LK_KERNEL_FREE };

enum { LK_SNAP_NONE, LK_SNAP_OK, LK_SNAP_BAD };

/* What the lock file looked like at one moment: whether it exists, its
 * identity and bytes (to tell later whether it is still the same one), and
 * what it says. */
typedef struct lk_snap {
	int state;            /* LK_SNAP_NONE / LK_SNAP_OK / LK_SNAP_BAD (garbled) */
	int err;              /* errno when it exists but cannot be read */
	dev_t dev;
	ino_t ino;
	time_t mtime;
	size_t len;
	char buf[LOCK_MAX + 1];
	sy_lock_info info;    /* LK_SNAP_OK: what it says */
	int kernel;           /* LK_KERNEL_*: its flock, tried when read */
} lk_snap;

void lk_sleep_ms(long ms);
/* A new string A + B; NULL on OOM.  The caller owns it. */
char *lk_concat(const char *a, const char *b);
void lk_clean_value(char *dst, size_t size, const char *src, const char *dflt);
bool lk_parse_lock(const char *buf, size_t len, sy_lock_info *info);
void lk_unknown_holder(sy_lock_info *info);
/* Read the lock at PATH into *S (never fails: see lock_rec.c); PROBE: also
 * try its kernel lock (s->kernel), never on our own lock (over NFS, flock
 * is a byte-range lock, and closing any descriptor of the file would drop
 * ours). */
void lk_read_snap(const char *path, lk_snap *s, bool probe);
void lk_read_snap_patient(const char *path, lk_snap *s);
bool lk_same_snap(const lk_snap *a, const lk_snap *b);
int lk_guard_take(const char *gpath, bool *busy);
void lk_guard_drop(const char *gpath, int fd);
int lk_create_excl(const char *path, const char *content, int *lockfd,
		   sy_error *err);
int lk_replace_if_same(const char *lockpath, const char *tmppath,
		       const char *content, const lk_snap *was, int *lockfd,
		       sy_error *err);
sy_status lk_who_am_i(const char *user, const char *path, sy_lock_info *me,
		      sy_error *err);
bool lk_pid_gone(long pid);
/* Take the kernel lock on FD (flock, exclusive, not waiting): 0 taken, or
 * -1 with errno (EWOULDBLOCK: held by another open file; ENOLCK,
 * EOPNOTSUPP...: none to be had here). */
int lk_kernel_lock(int fd);

#endif
