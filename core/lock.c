/* lock.c - one writer per annotation file (see lock.h).
 *
 * The lock of NAME.yaml is NAME.yaml.lock, a few plain "key: value" lines:
 *
 *     user: wang
 *     host: srv1
 *     pid: 1234
 *     since: 2026-11-21T08:00:00Z
 *
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
 * Known limits: a pid recycled by an unrelated process keeps a dead
 * session's lock "alive" (use --break-lock); processes in different pid
 * namespaces with the same host name (containers sharing a volume) see
 * each other as dead.
 */
#include "lock.h"
#include "fdio.h"

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

#define LOCK_MAX 4096        /* a longer lock file is garbled */
#define GUARD_TRIES 500      /* x GUARD_SLEEP_MS: how long to wait for it */
#define GUARD_SLEEP_MS 10
#define ATTEMPTS 16          /* rounds of create / judge / replace */
#define YOUNG_SECS 2         /* a garbled lock this young may be half written */
#define YOUNG_TRIES 50       /* x 20 ms */

static const char BREAK_HINT[] =
	"; use --break-lock to take it over if you are sure that session is gone";

/* ------------------------------------------------------------ helpers */

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* A new string A + B; NULL on OOM.  The caller owns it. */
static char *concat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 1);
	if (s) {
		memcpy(s, a, la);
		memcpy(s + la, b, lb + 1);
	}
	return s;
}

/* Copy SRC into DST (SIZE bytes) as a value that reads back unchanged:
 * control bytes become '?', surrounding blanks are dropped, and it is cut
 * to fit at a UTF-8 character boundary.  An empty result becomes DFLT. */
static void clean_value(char *dst, size_t size, const char *src,
			const char *dflt)
{
	size_t n = 0;

	while (*src == ' ' || *src == '\t')
		++src;
	for (; *src && n + 1 < size; ++src) {
		unsigned char c = (unsigned char)*src;
		dst[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (*src) /* cut: do not leave half a UTF-8 sequence */
		while (n > 0 && ((unsigned char)dst[n - 1] & 0xc0) == 0x80)
			--n;
	if (*src && n > 0 && ((unsigned char)dst[n - 1] & 0xc0) == 0xc0)
		--n;
	while (n > 0 && (dst[n - 1] == ' ' || dst[n - 1] == '\t'))
		--n;
	dst[n] = '\0';
	if (n == 0)
		snprintf(dst, size, "%s", dflt);
}

/* ------------------------------------------------------------ format */

/* Copy the value V (LEN bytes) into DST (SIZE bytes).  False when it does
 * not fit, is empty or holds a control byte. */
static bool take_value(char *dst, size_t size, const char *v, size_t len)
{
	size_t i;

	if (len == 0 || len >= size)
		return false;
	for (i = 0; i < len; ++i) {
		unsigned char c = (unsigned char)v[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	memcpy(dst, v, len);
	dst[len] = '\0';
	return true;
}

/* Parse the lock text BUF (LEN bytes) into *INFO.  False (INFO then
 * unspecified) when it is garbled; see the top of this file. */
static bool parse_lock(const char *buf, size_t len, sy_lock_info *info)
{
	const char *p = buf, *end = buf + len;
	bool have_user = false, have_host = false, have_pid = false;
	bool have_since = false;

	memset(info, 0, sizeof *info);
	if (memchr(buf, '\0', len))
		return false;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end, *colon, *k, *ke, *v, *ve;

		if (le > p && le[-1] == '\r')
			--le;
		k = p;
		p = eol ? eol + 1 : end;
		while (k < le && (*k == ' ' || *k == '\t'))
			++k;
		if (k == le || *k == '#')
			continue;
		colon = memchr(k, ':', (size_t)(le - k));
		if (!colon)
			return false;
		ke = colon;
		while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
			--ke;
		v = colon + 1;
		while (v < le && (*v == ' ' || *v == '\t'))
			++v;
		ve = le;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			--ve;
#define KEY(name) ((size_t)(ke - k) == sizeof name - 1 && \
		   memcmp(k, name, sizeof name - 1) == 0)
		if (KEY("user")) {
			if (have_user || !take_value(info->user, sizeof info->user,
						     v, (size_t)(ve - v)))
				return false;
			have_user = true;
		} else if (KEY("host")) {
			if (have_host || !take_value(info->host, sizeof info->host,
						     v, (size_t)(ve - v)))
				return false;
			have_host = true;
		} else if (KEY("since")) {
			if (have_since ||
			    !take_value(info->since, sizeof info->since, v,
					(size_t)(ve - v)))
				return false;
			have_since = true;
		} else if (KEY("pid")) {
			long pid = 0;
			const char *d;
			if (have_pid || v == ve)
				return false;
			for (d = v; d < ve; ++d) {
				if (*d < '0' || *d > '9')
					return false;
				pid = pid * 10 + (*d - '0');
				if (pid > INT_MAX)
					return false;
			}
			if (pid <= 0)
				return false;
			info->pid = pid;
			have_pid = true;
		}
#undef KEY
	}
	return have_user && have_host && have_pid;
}

/* The holder of a garbled or unreadable lock. */
static void unknown_holder(sy_lock_info *info)
{
	memset(info, 0, sizeof *info);
	snprintf(info->user, sizeof info->user, "unknown");
	snprintf(info->host, sizeof info->host, "unknown");
}

/* ------------------------------------------------------------ reading */

enum { SNAP_NONE, SNAP_OK, SNAP_BAD };

/* What the lock file looked like at one moment: whether it exists, its
 * identity and bytes (to tell later whether it is still the same one), and
 * what it says. */
typedef struct snap {
	int state;            /* SNAP_NONE / SNAP_OK / SNAP_BAD (garbled) */
	int err;              /* errno when it exists but cannot be read */
	dev_t dev;
	ino_t ino;
	time_t mtime;
	size_t len;
	char buf[LOCK_MAX + 1];
	sy_lock_info info;    /* SNAP_OK: what it says */
} snap;

/* Read the lock at PATH into *S.  Never fails: a lock that cannot be
 * opened for any reason but ENOENT, or read, is SNAP_BAD. */
static void read_snap(const char *path, snap *s)
{
	struct stat st;
	int fd;

	memset(s, 0, sizeof *s);
	/* O_NONBLOCK: a FIFO planted at the name must not hang us */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		s->err = errno;
		if (s->err == ENOENT || lstat(path, &st) < 0) {
			s->state = SNAP_NONE;
			return;
		}
		s->state = SNAP_BAD;
		s->dev = st.st_dev;
		s->ino = st.st_ino;
		s->mtime = st.st_mtime;
		return;
	}
	s->state = SNAP_BAD;
	if (fstat(fd, &st) == 0) {
		s->dev = st.st_dev;
		s->ino = st.st_ino;
		s->mtime = st.st_mtime;
		if (S_ISREG(st.st_mode)) {
			for (;;) {
				ssize_t r = read(fd, s->buf + s->len,
						 sizeof s->buf - s->len);
				if (r < 0 && errno == EINTR)
					continue;
				if (r < 0) {
					s->err = errno;
					break;
				}
				if (r == 0) {
					if (s->len <= LOCK_MAX &&
					    parse_lock(s->buf, s->len, &s->info))
						s->state = SNAP_OK;
					break;
				}
				s->len += (size_t)r;
				if (s->len == sizeof s->buf)
					break; /* too long: garbled */
			}
		}
	} else {
		s->err = errno;
	}
	close(fd);
	if (s->state != SNAP_OK)
		unknown_holder(&s->info);
}

/* Like read_snap, but a garbled lock that may be half written (younger
 * than YOUNG_SECS) is read again for up to a second.  Used where no guard
 * orders us after its writer. */
static void read_snap_patient(const char *path, snap *s)
{
	int i;

	for (i = 0;; ++i) {
		read_snap(path, s);
		if (s->state != SNAP_BAD || i >= YOUNG_TRIES ||
		    time(NULL) - s->mtime > YOUNG_SECS)
			return;
		sleep_ms(20);
	}
}

/* Whether A and B are the same lock file with the same content. */
static bool same_snap(const snap *a, const snap *b)
{
	if (a->state != b->state)
		return false;
	if (a->state == SNAP_NONE)
		return true;
	return a->dev == b->dev && a->ino == b->ino && a->err == b->err &&
	       a->len == b->len && memcmp(a->buf, b->buf, a->len) == 0;
}

/* ------------------------------------------------------------ guard */

/* Take the guard GPATH (see race 2 at the top).  Returns the descriptor
 * that holds it, or -1 when we go on without it (record locks or the
 * guard file unavailable); *BUSY is set when another process has held it
 * for GUARD_TRIES * GUARD_SLEEP_MS and we gave up waiting.  The caller
 * releases it with guard_drop. */
static int guard_take(const char *gpath, bool *busy)
{
	int tries = 0;

	*busy = false;
	for (;;) {
		struct flock fl;
		struct stat a, b;
		int fd = open(gpath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
			      0666); /* less the umask: a shared folder's group
				      * may need to lock it too */

		if (fd < 0) {
			/* Another user's guard we may not open: it lives only
			 * while that user changes the lock, so wait for it to
			 * go; a leftover of a crash is not worth failing on.
			 * (EACCES with no guard there: a folder we may not
			 * write; go on, creating the lock will say so.) */
			struct stat gs;
			if (errno == EACCES && lstat(gpath, &gs) == 0 &&
			    ++tries < GUARD_TRIES) {
				sleep_ms(GUARD_SLEEP_MS);
				continue;
			}
			return -1;
		}
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		while (fcntl(fd, F_SETLK, &fl) < 0) {
			if (errno == EINTR)
				continue;
			if ((errno == EACCES || errno == EAGAIN) &&
			    ++tries < GUARD_TRIES) {
				sleep_ms(GUARD_SLEEP_MS);
				continue;
			}
			if (errno == EACCES || errno == EAGAIN)
				*busy = true;
			close(fd);
			return -1;
		}
		/* The holder before us may have removed the file we locked. */
		if (fstat(fd, &a) == 0 && stat(gpath, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return fd;
		close(fd);
		if (++tries >= GUARD_TRIES) {
			*busy = true;
			return -1;
		}
	}
}

/* Release the guard taken by guard_take (FD -1: nothing to do).  The file
 * is removed while still locked, so that no one locks a removed file
 * without noticing. */
static void guard_drop(const char *gpath, int fd)
{
	if (fd < 0)
		return;
	unlink(gpath);
	close(fd);
}

/* ------------------------------------------------------------ writing */

/* Create the lock PATH with CONTENT, atomically with its content: CONTENT
 * is written and synced into PATH.PID.new, which is then link()ed to PATH
 * (link fails with EEXIST when PATH exists, like O_EXCL) and removed.  A
 * kill at any point leaves either no lock or a complete one, never an
 * empty lock that would block the file (an O_EXCL create followed by a
 * write could).  0 when created; 1 when it already exists; -1 with ERR
 * filled (SY_ERR_IO, naming PATH), nothing left behind. */
static int create_excl(const char *path, const char *content, sy_error *err)
{
	char tmp[4096];
	const char *what;
	int fd, saved, r;

	if ((size_t)snprintf(tmp, sizeof tmp, "%s.%ld.new", path, (long)getpid()) >=
	    sizeof tmp) {
		sy_fail(err, SY_ERR_IO, "%s: path too long", path);
		return -1;
	}
	unlink(tmp);                 /* a leftover of a killed process of our pid */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		sy_fail(err, SY_ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
		return -1;
	}
	what = "write";
	if (sy_write_all(fd, content, strlen(content)) < 0)
		goto fail;
	what = "sync";
	if (fsync(fd) < 0)
		goto fail;
	what = "close";
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	r = link(tmp, path);
	saved = errno;
	unlink(tmp);
	if (r < 0) {
		if (saved == EEXIST)
			return 1;
		sy_fail(err, SY_ERR_IO, "%s: cannot create: %s", path, strerror(saved));
		return -1;
	}
	what = "sync its folder";
	if (sy_sync_dir_of(path) < 0) {
		saved = errno;
		unlink(path);
		sy_fail(err, SY_ERR_IO, "%s: cannot %s: %s", path, what, strerror(saved));
		return -1;
	}
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	sy_fail(err, SY_ERR_IO, "%s: cannot %s: %s", path, what, strerror(saved));
	return -1;
}

/* Replace the lock LOCKPATH with CONTENT, but only if it is still what
 * WAS says (same file, same bytes): CONTENT goes to TMPPATH (O_EXCL;
 * a leftover of an earlier process with our pid is removed first), is
 * synced, the lock is read once more and TMPPATH renamed over it.
 * 0 when replaced; 1 when the lock changed meanwhile (nothing done; judge
 * it again); -1 with ERR filled (SY_ERR_IO), TMPPATH removed. */
static int replace_if_same(const char *lockpath, const char *tmppath,
			   const char *content, const snap *was, sy_error *err)
{
	snap *now;
	int fd, saved, tries;
	const char *what = "create";

	for (tries = 0;; ++tries) {
		fd = open(tmppath,
			  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			  0644);
		if (fd >= 0 || errno != EEXIST || tries > 0)
			break;
		unlink(tmppath); /* only a process with our pid makes it */
	}
	if (fd < 0) {
		sy_fail(err, SY_ERR_IO, "%s: cannot create: %s", tmppath,
			strerror(errno));
		return -1;
	}
	what = "write";
	if (sy_write_all(fd, content, strlen(content)) < 0)
		goto fail;
	what = "sync";
	if (fsync(fd) < 0)
		goto fail;
	what = "close";
	saved = close(fd);
	fd = -1;
	if (saved < 0)
		goto fail;

	now = malloc(sizeof *now);
	if (!now) {
		unlink(tmppath);
		sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", lockpath);
		return -1;
	}
	read_snap(lockpath, now);
	if (!same_snap(was, now)) {
		free(now);
		unlink(tmppath);
		return 1;
	}
	free(now);
	if (rename(tmppath, lockpath) < 0) {
		saved = errno;
		unlink(tmppath);
		sy_fail(err, SY_ERR_IO, "%s: cannot replace: %s", lockpath,
			strerror(saved));
		return -1;
	}
	if (sy_sync_dir_of(lockpath) < 0) {
		/* the rename may not be durable: give the lock up (it is
		 * free now) rather than claim it */
		saved = errno;
		unlink(lockpath);
		sy_fail(err, SY_ERR_IO, "%s: cannot sync its folder: %s",
			lockpath, strerror(saved));
		return -1;
	}
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmppath);
	sy_fail(err, SY_ERR_IO, "%s: cannot %s: %s", tmppath, what,
		strerror(saved));
	return -1;
}

/* ------------------------------------------------------------ who we are */

/* Fill *ME for USER (NULL: $USER, else the password entry, else
 * "unknown"), this host, this pid, now.  SY_ERR_IO (naming PATH) when the
 * host name cannot be had. */
static sy_status who_am_i(const char *user, const char *path, sy_lock_info *me,
			  sy_error *err)
{
	char host[HOST_NAME_MAX + 2];
	time_t t = time(NULL);
	struct tm tm;

	memset(me, 0, sizeof *me);
	if (!user || !*user) {
		user = getenv("USER");
		if (!user || !*user) {
			struct passwd *pw = getpwuid(getuid());
			user = pw ? pw->pw_name : NULL;
		}
	}
	clean_value(me->user, sizeof me->user, user ? user : "", "unknown");
	if (gethostname(host, sizeof host) < 0)
		return sy_fail(err, SY_ERR_IO, "%s: cannot tell the host name: %s",
			       path, strerror(errno));
	host[sizeof host - 1] = '\0';
	clean_value(me->host, sizeof me->host, host, "localhost");
	me->pid = (long)getpid();
	if (!gmtime_r(&t, &tm) ||
	    !strftime(me->since, sizeof me->since, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(me->since, sizeof me->since, "1970-01-01T00:00:00Z");
	return SY_OK;
}

/* Whether the process PID on this host is gone (kill says ESRCH; EPERM
 * means it runs under another user). */
static bool pid_gone(long pid)
{
	return pid > 0 && pid <= INT_MAX && kill((pid_t)pid, 0) < 0 &&
	       errno == ESRCH;
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
	snap *cur = NULL;
	sy_lock_info me;
	sy_status st = SY_OK;
	bool busy, was_stale = false;
	int guard = -1, attempt;

	memset(l, 0, sizeof *l);
	if (holder)
		memset(holder, 0, sizeof *holder);
	if (stale)
		*stale = false;
	if (!annot_path || !*annot_path)
		return sy_fail(err, SY_ERR_USAGE, "no annotation file to lock");

	snprintf(pidtmp, sizeof pidtmp, ".%ld.tmp", (long)getpid());
	lockpath = concat(annot_path, ".lock");
	gpath = lockpath ? concat(lockpath, ".guard") : NULL;
	tmppath = lockpath ? concat(lockpath, pidtmp) : NULL;
	cur = malloc(sizeof *cur);
	if (!lockpath || !gpath || !tmppath || !cur) {
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", annot_path);
		goto out;
	}
	if ((st = who_am_i(user, lockpath, &me, err)) != SY_OK)
		goto out;
	snprintf(content, sizeof content, "user: %s\nhost: %s\npid: %ld\nsince: %s\n",
		 me.user, me.host, me.pid, me.since);

	guard = guard_take(gpath, &busy);
	if (busy) {
		st = sy_fail(err, SY_ERR_IO,
			     "%s: another process has been changing this lock for "
			     "seconds (%s is locked); try again", lockpath, gpath);
		goto out;
	}

	for (attempt = 0; attempt < ATTEMPTS; ++attempt) {
		int r = create_excl(lockpath, content, err);
		bool mine, gone;

		if (r == 0)
			goto won;
		if (r < 0) {
			st = err ? err->code : SY_ERR_IO;
			goto out;
		}
		if (guard >= 0)
			read_snap(lockpath, cur);
		else
			read_snap_patient(lockpath, cur);
		if (cur->state == SNAP_NONE)
			continue; /* removed meanwhile: create again */

		mine = cur->state == SNAP_OK &&
		       strcmp(cur->info.host, me.host) == 0 &&
		       cur->info.pid == me.pid;
		if (mine) {
			me = cur->info; /* keep its since */
			goto won;
		}
		gone = cur->state == SNAP_OK &&
		       strcmp(cur->info.host, me.host) == 0 &&
		       pid_gone(cur->info.pid);
		if (holder)
			*holder = cur->info;

		if (!gone && mode != SY_LOCK_BREAK) {
			if (cur->state != SNAP_OK)
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
								: "an unknown time",
					     strcmp(cur->info.host, me.host) != 0
						     ? BREAK_HINT : "");
			goto out;
		}

		r = replace_if_same(lockpath, tmppath, content, cur, err);
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
	l->path = lockpath;
	l->me = me;
	lockpath = NULL;
	if (stale)
		*stale = was_stale;
	st = SY_OK;
out:
	if (st != SY_OK && holder && st != SY_ERR_EXISTS)
		memset(holder, 0, sizeof *holder);
	guard_drop(gpath, guard);
	free(cur);
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
	snap *cur;

	if (!l || !l->path)
		return;
	gpath = concat(l->path, ".guard");
	cur = malloc(sizeof *cur);
	if (gpath && cur && l->me.pid == (long)getpid()) {
		bool busy;
		int guard = guard_take(gpath, &busy);

		read_snap(l->path, cur);
		if (cur->state == SNAP_OK && cur->info.pid == l->me.pid &&
		    strcmp(cur->info.host, l->me.host) == 0 &&
		    unlink(l->path) == 0)
			sy_sync_dir_of(l->path);
		guard_drop(gpath, guard);
	}
	free(cur);
	free(gpath);
	free(l->path);
	l->path = NULL;
}

/* See lock.h.  False when there is no lock (or no memory); true with
 * *INFO (may be NULL) filled otherwise: what the lock says, or "unknown"
 * (pid 0) when it is garbled or unreadable.  Takes no guard; a lock being
 * written right now is read again for up to a second. */
bool sy_lock_read(const char *annot_path, sy_lock_info *info)
{
	char *lockpath;
	snap *cur;
	bool found;

	if (!annot_path)
		return false;
	lockpath = concat(annot_path, ".lock");
	cur = malloc(sizeof *cur);
	if (!lockpath || !cur) {
		free(lockpath);
		free(cur);
		return false;
	}
	read_snap_patient(lockpath, cur);
	found = cur->state != SNAP_NONE;
	if (found && info)
		*info = cur->info;
	free(cur);
	free(lockpath);
	return found;
}

/* See lock.h.  Reads the lock as sy_lock_read does; no memory to read
 * it with counts as still ours (the next write asks again). */
bool sy_lock_still_ours(const sy_lock *l)
{
	snap *cur;
	bool ours;

	if (!l || !l->path)
		return false;
	if (!(cur = malloc(sizeof *cur)))
		return true;
	read_snap_patient(l->path, cur);
	ours = cur->state == SNAP_OK && cur->info.pid == l->me.pid &&
	       strcmp(cur->info.host, l->me.host) == 0;
	free(cur);
	return ours;
}
