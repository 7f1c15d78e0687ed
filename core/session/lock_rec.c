/* lock_rec.c - the lock file itself: its record, reading it, the guard,
 * creating and replacing it (see lock.c for the design, lock_rec.h). */
#define _GNU_SOURCE 1
#include "session/lock_rec.h"
#include "base/fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"

#ifndef HOST_NAME_MAX
#define HOST_NAME_MAX 255
#endif

#define GUARD_TRIES 500      /* x GUARD_SLEEP_MS: how long to wait for it */
#define GUARD_SLEEP_MS 10
#define YOUNG_SECS 2         /* a garbled lock this young may be half written */
#define YOUNG_TRIES 50       /* x 20 ms */

/* ------------------------------------------------------------ helpers */

void lk_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* A new string A + B; NULL on OOM.  The caller owns it. */
char *lk_concat(const char *a, const char *b)
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
void lk_clean_value(char *dst, size_t size, const char *src,
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
bool lk_take_value(char *dst, size_t size, const char *v, size_t len)
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
bool lk_parse_lock(const char *buf, size_t len, sy_lock_info *info)
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
			if (have_user || !lk_take_value(info->user, sizeof info->user,
						     v, (size_t)(ve - v)))
				return false;
			have_user = true;
		} else if (KEY("host")) {
			if (have_host || !lk_take_value(info->host, sizeof info->host,
						     v, (size_t)(ve - v)))
				return false;
			have_host = true;
		} else if (KEY("kernel-lock")) {
			/* "flock": the holder keeps a kernel lock on this file */
			info->kernel = (size_t)(ve - v) == 5 &&
				       memcmp(v, "flock", 5) == 0;
		} else if (KEY("since")) {
			if (have_since ||
			    !lk_take_value(info->since, sizeof info->since, v,
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
void lk_unknown_holder(sy_lock_info *info)
{
	memset(info, 0, sizeof *info);
	snprintf(info->user, sizeof info->user, "unknown");
	snprintf(info->host, sizeof info->host, "unknown");
}

/* ------------------------------------------------------------ reading */

/* See lock_rec.h.  A lock that cannot be opened for any reason but
 * ENOENT, or read, is LK_SNAP_BAD. */
void lk_read_snap(const char *path, lk_snap *s, bool probe)
{
	struct stat st;
	int fd;

	memset(s, 0, sizeof *s);
	/* O_NONBLOCK: a FIFO planted at the name must not hang us */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		s->err = errno;
		if (s->err == ENOENT || lstat(path, &st) < 0) {
			s->state = LK_SNAP_NONE;
			return;
		}
		s->state = LK_SNAP_BAD;
		s->dev = st.st_dev;
		s->ino = st.st_ino;
		s->mtime = st.st_mtime;
		return;
	}
	s->state = LK_SNAP_BAD;
	if (fstat(fd, &st) == 0) {
		s->dev = st.st_dev;
		s->ino = st.st_ino;
		s->mtime = st.st_mtime;
		if (S_ISREG(st.st_mode)) {
			s->kernel = LK_KERNEL_UNKNOWN;
			if (probe && flock(fd, LOCK_SH | LOCK_NB) == 0)
				s->kernel = LK_KERNEL_FREE; /* close drops it */
			else if (probe && errno == EWOULDBLOCK)
				s->kernel = LK_KERNEL_HELD;
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
					    lk_parse_lock(s->buf, s->len, &s->info))
						s->state = LK_SNAP_OK;
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
	if (s->state != LK_SNAP_OK)
		lk_unknown_holder(&s->info);
}

/* Like lk_read_snap, but a garbled lock that may be half written (younger
 * than YOUNG_SECS) is read again for up to a second.  Used where no guard
 * orders us after its writer. */
void lk_read_snap_patient(const char *path, lk_snap *s)
{
	int i;

	for (i = 0;; ++i) {
		lk_read_snap(path, s, true);
		if (s->state != LK_SNAP_BAD || i >= YOUNG_TRIES ||
		    time(NULL) - s->mtime > YOUNG_SECS)
			return;
		lk_sleep_ms(20);
	}
}

/* Whether A and B are the same lock file with the same content. */
bool lk_same_snap(const lk_snap *a, const lk_snap *b)
{
	if (a->state != b->state)
		return false;
	if (a->state == LK_SNAP_NONE)
		return true;
	return a->dev == b->dev && a->ino == b->ino && a->err == b->err &&
	       a->len == b->len && memcmp(a->buf, b->buf, a->len) == 0;
}

/* ------------------------------------------------------------ guard */

/* Take the guard GPATH (see race 2 at the top).  Returns the descriptor
 * that holds it, or -1 when we go on without it (record locks or the
 * guard file unavailable); *BUSY is set when another process has held it
 * for GUARD_TRIES * GUARD_SLEEP_MS and we gave up waiting.  The caller
 * releases it with lk_guard_drop. */
int lk_guard_take(const char *gpath, bool *busy)
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
				lk_sleep_ms(GUARD_SLEEP_MS);
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
				lk_sleep_ms(GUARD_SLEEP_MS);
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

/* Release the guard taken by lk_guard_take (FD -1: nothing to do).  The file
 * is removed while still locked, so that no one locks a removed file
 * without noticing. */
void lk_guard_drop(const char *gpath, int fd)
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
/* Write the record CONTENT to the new lock file FD, taking the kernel
 * lock on it first: when it is had (*LOCKED), the record says so
 * (kernel-lock: flock), and a reader then trusts the kernel rather than
 * the pid.  -1 with errno when the write fails. */
static int write_record(int fd, const char *content, bool *locked)
{
	static const char KLINE[] = "kernel-lock: flock\n";

	*locked = lk_kernel_lock(fd) == 0;
	if (sy_write_all(fd, content, strlen(content)) < 0)
		return -1;
	if (*locked && sy_write_all(fd, KLINE, sizeof KLINE - 1) < 0)
		return -1;
	return 0;
}

/* FD, which holds the kernel lock when LOCKED; else it is closed and -1
 * returned (no kernel lock to be had here). */
static int keep_if_locked(int fd, bool locked)
{
	if (locked)
		return fd;
	close(fd);
	return -1;
}

/* Write CONTENT into the new file TMP (a leftover of a killed process of
 * our pid removed first) with write_record, synced.  Its descriptor, or
 * -1 with ERR filled (SY_ERR_IO naming TMP) and TMP removed. */
static int new_record(const char *tmp, const char *content, bool *locked,
		      sy_error *err)
{
	const char *what = "create";
	int fd, saved;

	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd >= 0) {
		what = "write";
		if (write_record(fd, content, locked) == 0) {
			what = "sync";
			if (fsync(fd) == 0)
				return fd;
		}
	}
	saved = errno;
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
	sy_fail(err, SY_ERR_IO, "%s: cannot %s: %s", tmp, what, strerror(saved));
	return -1;
}

/* Remove PATH, then close FD (in that order: while FD holds the kernel
 * lock, no one takes PATH for stale), and fill ERR with "NAME: cannot
 * WHAT: " and the text of errno as it was on entry.  -1. */
static int give_up(const char *path, int fd, const char *name,
		   const char *what, sy_error *err)
{
	int saved = errno;

	unlink(path);
	close(fd);
	sy_fail(err, SY_ERR_IO, "%s: cannot %s: %s", name, what, strerror(saved));
	return -1;
}

/* The lock PATH just made (FD its record, LOCKED whether FD holds the
 * kernel lock) made durable: its folder synced.  0 and *LOCKFD (see
 * keep_if_locked); or -1 with ERR filled, PATH removed and FD closed: a
 * lock whose creation may not be durable is given up (it is free then)
 * rather than claimed. */
static int settle(const char *path, int fd, bool locked, int *lockfd,
		  sy_error *err)
{
	if (sy_sync_dir_of(path) < 0)
		/* TRANSLATORS: "%s: cannot %s: %s" */
		return give_up(path, fd, path, _("sync its folder"), err);
	*lockfd = keep_if_locked(fd, locked);
	return 0;
}

int lk_create_excl(const char *path, const char *content, int *lockfd,
		   sy_error *err)
{
	char tmp[4096];
	int fd, saved, r;
	bool locked = false;

	*lockfd = -1;
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.%ld.new", path, (long)getpid()) >=
	    sizeof tmp) {
		sy_fail(err, SY_ERR_IO, "%s: path too long", path);
		return -1;
	}
	if ((fd = new_record(tmp, content, &locked, err)) < 0)
		return -1;
	r = link(tmp, path);
	saved = errno;
	unlink(tmp);
	if (r < 0) {
		close(fd);
		if (saved == EEXIST)
			return 1;
		sy_fail(err, SY_ERR_IO, "%s: cannot create: %s", path, strerror(saved));
		return -1;
	}
	return settle(path, fd, locked, lockfd, err);
}

/* Replace the lock LOCKPATH with CONTENT, but only if it is still what
 * WAS says (same file, same bytes): CONTENT goes to TMPPATH (O_EXCL;
 * a leftover of an earlier process with our pid is removed first), is
 * synced, the lock is read once more and TMPPATH renamed over it.
 * 0 when replaced; 1 when the lock changed meanwhile (nothing done; judge
 * it again); -1 with ERR filled (SY_ERR_IO), TMPPATH removed. */
int lk_replace_if_same(const char *lockpath, const char *tmppath,
		       const char *content, const lk_snap *was, int *lockfd,
		       sy_error *err)
{
	lk_snap *now;
	int fd;
	bool locked = false;

	*lockfd = -1;
	if ((fd = new_record(tmppath, content, &locked, err)) < 0)
		return -1;

	now = malloc(sizeof *now);
	if (!now) {
		close(fd);
		unlink(tmppath);
		sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", lockpath);
		return -1;
	}
	lk_read_snap(lockpath, now, false);
	if (!lk_same_snap(was, now)) {
		free(now);
		close(fd);
		unlink(tmppath);
		return 1;
	}
	free(now);
	if (rename(tmppath, lockpath) < 0)
		return give_up(tmppath, fd, lockpath, _("replace"), err);
	return settle(lockpath, fd, locked, lockfd, err);
}

/* ------------------------------------------------------------ who we are */

/* Fill *ME for USER (NULL: $USER, else the password entry, else
 * "unknown"), this host, this pid, now.  SY_ERR_IO (naming PATH) when the
 * host name cannot be had. */
sy_status lk_who_am_i(const char *user, const char *path, sy_lock_info *me,
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
	lk_clean_value(me->user, sizeof me->user, user ? user : "", "unknown");
	if (gethostname(host, sizeof host) < 0)
		return sy_fail(err, SY_ERR_IO, "%s: cannot tell the host name: %s",
			       path, strerror(errno));
	host[sizeof host - 1] = '\0';
	lk_clean_value(me->host, sizeof me->host, host, "localhost");
	me->pid = (long)getpid();
	if (!gmtime_r(&t, &tm) ||
	    !strftime(me->since, sizeof me->since, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(me->since, sizeof me->since, "1970-01-01T00:00:00Z");
	return SY_OK;
}

/* Whether the process PID on this host is gone (kill says ESRCH; EPERM
 * means it runs under another user). */
bool lk_pid_gone(long pid)
{
	char path[64], buf[512], *paren;
	ssize_t n;
	int fd;

	if (pid <= 0 || pid > INT_MAX)
		return false;
	if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
		return true;
	/* a zombie (exited, not yet reaped by its parent) holds nothing */
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	paren = strrchr(buf, ')'); /* the name in parentheses may hold anything */
	return paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
}

int lk_kernel_lock(int fd)
{
	int r;

	while ((r = flock(fd, LOCK_EX | LOCK_NB)) < 0 && errno == EINTR)
		;
	return r;
}
