/* lock.c - one writer per annotation file (see lock.h for which file is
 * locked and how a holder is known to run; lock_rec.c for the record).
 *
 * The lock of NAME.yaml is NAME.yaml.lock, a few plain "key: value" lines:
 *
 *     user: wang
 *     host: srv1
 *     pid: 1234
 *     since: 2026-11-21T08:00:00Z
 *     kernel-lock: flock
 *
 * (the last line when the holder keeps a kernel lock on it, lock.h).
 * Unknown keys are ignored (room for later versions); user, host and pid
 * are required; anything else (no colon, a NUL or control byte, a value
 * too long, a pid that is not a positive int, more than LOCK_MAX bytes, not
 * a regular file, unreadable) makes the lock "garbled": it is held by
 * someone unknown, refused in NORMAL mode and taken in BREAK mode.
 *
 * Races, and how each is closed
 * -----------------------------
 * 1. Two processes take a FREE lock at once.  The lock is created with
 *    open(O_CREAT|O_EXCL): the kernel lets exactly one of them create the
 *    name, on every file system including NFSv3+.  The loser reads the
 *    winner's lock and is refused.
 *
 * 2. Two processes take over the same STALE lock at once.  Nothing in
 *    POSIX replaces a name only if it still holds a given file: rename()
 *    replaces unconditionally, so "re-read, still stale, rename" done by
 *    two processes can interleave as read A, read B, rename A, rename B,
 *    and both believe they hold the lock.  Moving the stale file away
 *    first (rename to a private name) does not help either: it leaves the
 *    name free for a moment, and a process that moved a fresh lock by
 *    mistake cannot always put it back.  So every change of an EXISTING
 *    lock file (take-over, break, release) and every creation is done
 *    while holding a short-lived guard, NAME.yaml.lock.guard, locked with
 *    fcntl(F_SETLK).  Kernel record locks vanish when their process dies,
 *    so the guard can never go stale itself.  The holder removes the guard
 *    file when done; a waiter that opened the old guard file notices (its
 *    inode is no longer the one at the name) and opens it again.  Inside
 *    the guard, a take-over writes NAME.yaml.lock.PID.tmp (O_EXCL), reads
 *    the lock once more, and renames the temporary file over it only when
 *    the lock is byte for byte (and inode for inode) the stale one it
 *    judged; otherwise it starts over.  The name NAME.yaml.lock thus never
 *    disappears during a take-over, and no creator can slip in.
 *
 *    A stale lock is one from THIS host, so every process that could take
 *    it over runs here too and shares the guard (record locks work between
 *    local processes on every file system; on NFS they go through the
 *    server's lock manager).
 *
 * 3. Where record locks are not available (ENOLCK, EOPNOTSUPP, a folder
 *    where the guard cannot be created), we go on without the guard: race
 *    1 is still closed by O_EXCL; race 2 is narrowed to the few system
 *    calls between the re-read and the rename.  A reader may then also see
 *    a lock between its O_EXCL creation and its first write: a garbled
 *    lock younger than YOUNG_SECS is read again for up to a second before
 *    it is believed.
 *
 * 4. BREAK mode and release against a process on ANOTHER host that does
 *    not share our record locks cannot be ordered from here; breaking is
 *    a human decision ("I am sure that session is gone").
 *
 * Known limits: processes in different pid namespaces with the same host
 * name (containers sharing a volume) judge each other by the kernel lock
 * when it is there, and see each other as dead without it.
 */
#include "session/lock.h"
#include "base/fileopen.h"
#include "base/i18n.h"
#include "session/lock_rec.h"
#include "base/fdio.h"
#include "base/linkpath.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#ifndef HOST_NAME_MAX
#define HOST_NAME_MAX 255
#endif

#define ATTEMPTS 16          /* rounds of create / judge / replace */

static const char BREAK_HINT[] =
	"; use --break-lock to take it over if you are sure that session is gone";

/* ------------------------------------------------------------ judging */

/* Whether the holder of the lock CUR (someone else than ME) is gone: its
 * kernel lock is free when its record says it keeps one; otherwise (an
 * older shenyue, a hand-made lock, no kernel locks here) its pid is gone
 * or a zombie.  Only a holder on this host can be judged; a kernel lock
 * still held is alive whatever its record says. */
static bool holder_gone(const lk_snap *cur, const sy_lock_info *me)
{
	if (cur->state != LK_SNAP_OK || cur->kernel == LK_KERNEL_HELD ||
	    strcmp(cur->info.host, me->host) != 0)
		return false;
	if (cur->info.kernel && cur->kernel == LK_KERNEL_FREE)
		return true;
	return lk_pid_gone(cur->info.pid);
}

/* Take the kernel lock of the annotation file TARGET itself (see the top
 * of this file: hard links).  Its descriptor, or -1: no file yet, not a
 * regular file, no kernel locks here, or held by another open file
 * (*HELD). */
static int lock_data(const char *target, bool *held)
{
	struct stat st;
	int fd;

	*held = false;
	fd = open(target, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    lk_kernel_lock(fd) == 0)
		return fd;
	*held = S_ISREG(st.st_mode) && errno == EWOULDBLOCK;
	close(fd);
	return -1;
}

/* The refusal when TARGET is held through another of its names. */
static sy_status held_elsewhere(const char *annot_path, const char *target,
				sy_lock_info *holder, sy_error *err)
{
	struct stat st;

	if (holder)
		lk_unknown_holder(holder);
	if (stat(target, &st) < 0)
		memset(&st, 0, sizeof st);
	return sy_fail(err, SY_ERR_EXISTS,
		       "%s is being reviewed through another name of the same "
		       "file (a hard link: device %lu, inode %lu); its lock "
		       "file is beside that name", annot_path,
		       (unsigned long)st.st_dev, (unsigned long)st.st_ino);
}

/* ------------------------------------------------------------ the API */

/* See lock.h.  Ownership: L is overwritten (it must not hold a lock: that
 * one would leak); on success L->path is a new string owned by L until
 * sy_lock_release, on failure L->path is NULL (so releasing is still
 * safe).  HOLDER and STALE may be NULL.  On success *HOLDER is the lock
 * that was replaced (a stale one, or one broken in BREAK mode; "unknown"
 * for a garbled one) and zeroed (pid 0) when there was none or it was
 * already ours; on SY_ERR_EXISTS it is who holds it ("unknown", pid 0,
 * empty since, for a garbled lock).  Failures: SY_ERR_EXISTS (held; or
 * unreadable in NORMAL mode), SY_ERR_IO (cannot create or replace, or the
 * guard stayed busy; message names the file), SY_ERR_NOMEM.  Nothing is
 * left behind on failure. */
sy_status sy_lock_acquire(const char *annot_path, const char *user,
			  sy_lock_mode mode, sy_lock *l, sy_lock_info *holder,
			  bool *stale, sy_error *err)
{
	char *lockpath = NULL, *gpath = NULL, *tmppath = NULL;
	char content[sizeof(sy_lock_info) + 64], pidtmp[32];
	char *target = NULL;
	lk_snap *cur = NULL;
	sy_lock_info me;
	sy_status st = SY_OK;
	bool busy, was_stale = false, data_held = false;
	int guard = -1, attempt, lockfd = -1, data_fd = -1;

	memset(l, 0, sizeof *l);
	l->fd = l->data_fd = -1;
	if (holder)
		memset(holder, 0, sizeof *holder);
	if (stale)
		*stale = false;
	if (!annot_path || !*annot_path)
		return sy_fail(err, SY_ERR_USAGE, "no annotation file to lock");

	snprintf(pidtmp, sizeof pidtmp, ".%ld.tmp", (long)getpid());
	target = sy_link_target(annot_path);
	lockpath = target ? lk_concat(target, ".lock") : NULL;
	gpath = lockpath ? lk_concat(lockpath, ".guard") : NULL;
	tmppath = lockpath ? lk_concat(lockpath, pidtmp) : NULL;
	cur = malloc(sizeof *cur);
	if (!lockpath || !gpath || !tmppath || !cur) {
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", annot_path);
		goto out;
	}
	if ((st = lk_who_am_i(user, lockpath, &me, err)) != SY_OK)
		goto out;
	snprintf(content, sizeof content, "user: %s\nhost: %s\npid: %ld\nsince: %s\n",
		 me.user, me.host, me.pid, me.since);
	{
		/* a FIFO, a device, a folder: no lock beside it (in /dev...) */
		struct stat ts;
		if (stat(target, &ts) == 0 && !S_ISREG(ts.st_mode)) {
			st = sy_fail(err, SY_ERR_IO, "%s: not a regular file "
				     "(%s)%s%s; refused", annot_path,
				     sy_file_kind(ts.st_mode),
				     strcmp(target, annot_path) ? ": it leads to " : "",
				     strcmp(target, annot_path) ? target : "");
			goto out;
		}
	}
	data_fd = lock_data(target, &data_held);

	guard = lk_guard_take(gpath, &busy);
	if (busy) {
		st = sy_fail(err, SY_ERR_IO,
			     "%s: another process has been changing this lock for "
			     "seconds (%s is locked); try again", lockpath, gpath);
		goto out;
	}

	for (attempt = 0; attempt < ATTEMPTS; ++attempt) {
		/* the file itself is held through another name: no lock of
		 * ours may be made beside this one (unless breaking) */
		bool elsewhere = data_held && mode != SY_LOCK_BREAK;
		int r = elsewhere ? 1 : lk_create_excl(lockpath, content,
							&lockfd, err);
		bool mine, gone;

		if (r == 0)
			goto won;
		if (r < 0) {
			st = err ? err->code : SY_ERR_IO;
			goto out;
		}
		if (guard >= 0)
			lk_read_snap(lockpath, cur, true);
		else
			lk_read_snap_patient(lockpath, cur);
		if (cur->state == LK_SNAP_NONE && elsewhere) {
			st = held_elsewhere(annot_path, target, holder, err);
			goto out;
		}
		if (cur->state == LK_SNAP_NONE)
			continue; /* removed meanwhile: create again */

		mine = cur->state == LK_SNAP_OK &&
		       strcmp(cur->info.host, me.host) == 0 &&
		       cur->info.pid == me.pid;
		if (mine) {
			me = cur->info; /* keep its since */
			goto won;
		}
		gone = holder_gone(cur, &me);
		if (gone && elsewhere) {
			st = held_elsewhere(annot_path, target, holder, err);
			goto out;
		}
		if (holder)
			*holder = cur->info;

		if (!gone && mode != SY_LOCK_BREAK) {
			if (cur->state != LK_SNAP_OK)
				st = sy_fail(err, SY_ERR_EXISTS,
					     "%s: the lock file %s is unreadable "
					     "(held by someone unknown); if no one "
					     "is reviewing %s it can be removed by "
					     "hand (or use --break-lock)",
					     annot_path, lockpath, annot_path);
			else
				st = sy_fail(err, SY_ERR_EXISTS,
					     "%s is being reviewed by %s on %s "
					     "(pid %ld) since %s%s",
					     annot_path, cur->info.user,
					     cur->info.host, cur->info.pid,
					     cur->info.since[0] ? cur->info.since
								: _("an unknown time"),
					     strcmp(cur->info.host, me.host) != 0
						     ? BREAK_HINT : "");
			goto out;
		}

		r = lk_replace_if_same(lockpath, tmppath, content, cur,
				       &lockfd, err);
		if (r < 0) {
			st = err ? err->code : SY_ERR_IO;
			goto out;
		}
		if (r == 0) {
			was_stale = gone;
			goto won;
		}
		if (holder)
			memset(holder, 0, sizeof *holder);
		/* changed under us: judge the new one */
	}
	st = sy_fail(err, SY_ERR_IO,
		     "%s: the lock keeps changing under us; try again", lockpath);
	goto out;

won:
	{
		struct stat ls;
		if (lstat(lockpath, &ls) == 0) {
			l->dev = ls.st_dev;
			l->ino = ls.st_ino;
		}
	}
	l->path = lockpath;
	l->me = me;
	l->fd = lockfd;
	l->data_fd = data_fd;
	lockpath = NULL;
	data_fd = -1;
	if (stale)
		*stale = was_stale;
	st = SY_OK;
out:
	if (st != SY_OK && holder && st != SY_ERR_EXISTS)
		memset(holder, 0, sizeof *holder);
	lk_guard_drop(gpath, guard);
	if (data_fd >= 0)
		close(data_fd);
	free(cur);
	free(target);
	free(lockpath);
	free(gpath);
	free(tmppath);
	return st;
}

/* See lock.h.  Removes L->path only when it still names our host and pid,
 * and only in the process that took it (a forked child that inherited L
 * never removes its parent's lock); errors are ignored (a lock left behind
 * is stale and will be taken over).  Frees L->path and sets it to NULL;
 * L->me is kept. */
void sy_lock_release(sy_lock *l)
{
	char *gpath;
	lk_snap *cur;

	if (!l || !l->path)
		return;
	gpath = lk_concat(l->path, ".guard");
	cur = malloc(sizeof *cur);
	if (gpath && cur && l->me.pid == (long)getpid()) {
		bool busy;
		int guard = lk_guard_take(gpath, &busy);

		lk_read_snap(l->path, cur, false);
		if (cur->state == LK_SNAP_OK && cur->info.pid == l->me.pid &&
		    strcmp(cur->info.host, l->me.host) == 0 &&
		    unlink(l->path) == 0)
			sy_sync_dir_of(l->path);
		lk_guard_drop(gpath, guard);
	}
	/* the kernel locks go with the last descriptor (a forked child
	 * closing its copies leaves its parent's) */
	if (l->fd >= 0)
		close(l->fd);
	if (l->data_fd >= 0)
		close(l->data_fd);
	l->fd = l->data_fd = -1;
	free(cur);
	free(gpath);
	free(l->path);
	l->path = NULL;
}

/* See lock.h. */
bool sy_lock_still_ours(const sy_lock *l)
{
	struct stat ls;
	lk_snap *cur;
	bool ours;

	if (!l || !l->path || lstat(l->path, &ls) < 0 ||
	    ls.st_dev != l->dev || ls.st_ino != l->ino)
		return false;
	/* the kernel lock lasts as long as our descriptor of that file */
	if (l->fd >= 0 && (fstat(l->fd, &ls) < 0 || ls.st_dev != l->dev ||
			   ls.st_ino != l->ino))
		return false;
	if (!(cur = malloc(sizeof *cur)))
		return true; /* same file; cannot read it now: do not cry wolf */
	lk_read_snap(l->path, cur, false);
	ours = cur->state == LK_SNAP_OK && cur->info.pid == l->me.pid &&
	       strcmp(cur->info.host, l->me.host) == 0;
	free(cur);
	return ours;
}

/* See lock.h.  False when there is no lock (or no memory); true with
 * *INFO (may be NULL) filled otherwise: what the lock says, or "unknown"
 * (pid 0) when it is garbled or unreadable.  Takes no guard; a lock being
 * written right now is read again for up to a second. */
/* Read the lock record of ANNOT_PATH into *CUR (PROBE: try its kernel
 * lock too).  False when no memory or no path. */
static bool read_record(const char *annot_path, lk_snap *cur, bool probe)
{
	char *lockpath, *target;

	if (!annot_path)
		return false;
	target = sy_link_target(annot_path);
	lockpath = target ? lk_concat(target, ".lock") : NULL;
	free(target);
	if (!lockpath)
		return false;
	if (probe)
		lk_read_snap(lockpath, cur, true);
	else
		lk_read_snap_patient(lockpath, cur);
	free(lockpath);
	return true;
}

bool sy_lock_read(const char *annot_path, sy_lock_info *info)
{
	lk_snap *cur = malloc(sizeof *cur);
	bool found;

	if (!cur)
		return false;
	found = read_record(annot_path, cur, false) && cur->state != LK_SNAP_NONE;
	if (found && info)
		*info = cur->info;
	free(cur);
	return found;
}

/* See lock.h.  Takes nothing and writes nothing: the record is read and
 * its kernel lock tried (shared; dropped at once). */
bool sy_lock_held(const char *annot_path, sy_lock_info *holder)
{
	lk_snap *cur = malloc(sizeof *cur);
	sy_lock_info me;
	sy_error e;
	bool held;

	if (!cur)
		return false;
	held = read_record(annot_path, cur, true) && cur->state != LK_SNAP_NONE &&
	       (lk_who_am_i(NULL, annot_path, &me, &e) != SY_OK ||
		!holder_gone(cur, &me));
	if (held && holder)
		*holder = cur->info;
	free(cur);
	return held;
}
