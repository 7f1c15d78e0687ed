/* test_lock.c - NAME.yaml.lock: create, refuse, take over, break, release,
 * and races between processes (core/lock.c). */
#include "session/journal.h"
#include "session/lock.h"
#include "tap.h"
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];
static char host[256];

/* DIR/NAME in a static buffer (one of four, so a few may be live). */
static const char *at(const char *name)
{
	static char buf[4][512];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
	return buf[i];
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
		diag("cannot write %s: %s", path, strerror(errno));
		exit(99);
	}
}

/* The content of PATH in a static buffer; NULL when it cannot be read. */
static const char *slurp(const char *path)
{
	static char buf[8192];
	FILE *f = fopen(path, "r");
	size_t n;
	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Age PATH's time stamps by an hour (a garbled lock no one is writing). */
static void age(const char *path)
{
	struct timeval tv[2];
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 3600;
	tv[1] = tv[0];
	utimes(path, tv);
}

/* How many entries DIR has besides . and .. */
static int entries(void)
{
	return dir_entries(dir, false);
}

/* A child that sleeps until killed: a live pid on this host. */
static pid_t sleeper(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* A child that takes the lock of ANNOT (as USER) and then, when EXIT,
 * exits at once without releasing it (a zombie until reaped), else waits
 * to be killed.  Returns its pid once it holds the lock; 0 if it could
 * not take it. */
static pid_t holder(const char *annot, const char *user, bool exit_now)
{
	int p[2];
	char c = 'E';
	pid_t pid;

	if (pipe(p) < 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		sy_lock hl;
		sy_error he;
		close(p[0]);
		if (sy_lock_acquire(annot, user, SY_LOCK_NORMAL, &hl, NULL, NULL,
				    &he) == SY_OK)
			c = 'W';
		else
			fprintf(stderr, "holder: %s\n", he.msg);
		if (write(p[1], &c, 1) != 1 || exit_now || c != 'W')
			_exit(0);
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		c = 'E';
	close(p[0]);
	if (c != 'W') {
		waitpid(pid, NULL, 0);
		return 0;
	}
	return pid;
}

/* Whether PID is a zombie now (/proc/PID/stat). */
static bool zombie(pid_t pid)
{
	char path[64], buf[512], *r;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (!(f = fopen(path, "r")))
		return false;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	r = strrchr(buf, ')');
	return r && r[1] == ' ' && r[2] == 'Z';
}

static void lock_text(char *buf, size_t size, const char *user,
		      const char *h, long pid)
{
	snprintf(buf, size, "user: %s\nhost: %s\npid: %ld\nsince: "
		 "2026-11-21T08:00:00Z\n", user, h, pid);
}

/* N children wait at a starting gate, then all try a NORMAL acquire of
 * ANNOT at once.  Each reports on a pipe and holds on (a winner that
 * exited would leave a stale lock for a late loser to take over) until
 * the parent has every report; its exit status says how it went (0 won,
 * 1 refused, 2 error).  Returns the number of winners, *WINNER the last
 * winner's pid, *REFUSED the number refused. */
static int race(const char *annot, int n, pid_t *winner, int *refused)
{
	int go[2], res[2], hold[2], i, wins = 0;
	pid_t pids[16];
	char c;

	*winner = 0;
	*refused = 0;
	if (pipe(go) < 0 || pipe(res) < 0 || pipe(hold) < 0)
		return -1;
	for (i = 0; i < n; ++i) {
		pids[i] = fork();
		if (pids[i] == 0) {
			sy_lock l;
			sy_error e;
			bool st;
			sy_status s;
			close(go[1]);
			close(res[0]);
			close(hold[1]);
			while (read(go[0], &c, 1) < 0 && errno == EINTR)
				;
			s = sy_lock_acquire(annot, "racer", SY_LOCK_NORMAL, &l,
					    NULL, &st, &e);
			c = s == SY_OK ? 'W' : s == SY_ERR_EXISTS ? 'L' : 'E';
			if (s != SY_OK && s != SY_ERR_EXISTS)
				fprintf(stderr, "racer %ld: %s\n",
					(long)getpid(), e.msg);
			if (write(res[1], &c, 1) != 1)
				_exit(3);
			while (read(hold[0], &c, 1) < 0 && errno == EINTR)
				;
			free(l.path); /* keep the lock file: the parent checks it */
			_exit(s == SY_OK ? 0 : s == SY_ERR_EXISTS ? 1 : 2);
		}
	}
	close(go[0]);
	close(res[1]);
	close(hold[0]);
	close(go[1]); /* open the gate */
	for (i = 0; i < n; ++i)
		if (read(res[0], &c, 1) != 1)
			break;
	close(res[0]);
	close(hold[1]); /* let them go */
	for (i = 0; i < n; ++i) {
		int status;
		waitpid(pids[i], &status, 0);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			++wins;
			*winner = pids[i];
		} else if (WIFEXITED(status) && WEXITSTATUS(status) == 1) {
			++*refused;
		}
	}
	return wins;
}

int main(void)
{
	static char annot[512], lockp[512];
	char text[512], want[512];
	sy_lock l, l2;
	sy_lock_info h, info;
	sy_error e;
	bool stale;
	sy_status s;
	pid_t kid;
	int wins, refused;

	strcpy(dir, "/tmp/sy_lock_XXXXXX");
	if (!mkdtemp(dir) || gethostname(host, sizeof host) < 0) {
		diag("setup: %s", strerror(errno));
		return 99;
	}
	host[sizeof host - 1] = '\0';
	snprintf(annot, sizeof annot, "%s", at("r.yaml"));
	snprintf(lockp, sizeof lockp, "%s", at("r.yaml.lock"));

	/* ---- a free lock */
	memset(&h, 0x55, sizeof h);
	stale = true;
	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h, &stale, &e);
	ok(s == SY_OK, "free lock taken");
	is_str(l.path, lockp, "l.path is NAME.yaml.lock");
	ok(exists(lockp), "lock file created");
	ok(!stale && h.pid == 0 && h.user[0] == '\0',
	   "not stale, no previous holder");
	snprintf(want, sizeof want, "user: tester\nhost: %s\npid: %ld\nsince: %s\n"
		 "kernel-lock: flock\n", host, (long)getpid(), l.me.since);
	is_str(slurp(lockp), want, "lock names our user, host and pid");
	ok(strlen(l.me.since) == 20 && l.me.since[10] == 'T' &&
	   l.me.since[19] == 'Z', "since is ISO 8601 UTC (%s)", l.me.since);
	is_str(l.me.user, "tester", "l.me.user");
	ok(l.me.pid == (long)getpid() && strcmp(l.me.host, host) == 0,
	   "l.me host and pid");
	{
		struct stat st;
		ok(stat(lockp, &st) == 0 && (st.st_mode & 0777) ==
		   (0644 & ~(mode_t)umask(022)), "mode 0644 less the umask");
		umask(022);
	}
	ok(entries() == 1, "nothing else left in the folder");

	ok(sy_lock_read(annot, &info) && info.pid == (long)getpid() &&
	   strcmp(info.user, "tester") == 0 && strcmp(info.host, host) == 0 &&
	   strcmp(info.since, l.me.since) == 0, "sy_lock_read says who");

	/* ---- ours already: idempotent */
	strcpy(text, slurp(lockp));
	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l2, &h, &stale, &e);
	ok(s == SY_OK && l2.path && strcmp(l2.path, lockp) == 0,
	   "second acquire by the same process succeeds");
	ok(!stale && h.pid == 0, "... neither stale nor replacing anyone");
	is_str(slurp(lockp), text, "... lock file unchanged");
	is_str(l2.me.since, l.me.since, "... keeps the original since");
	sy_lock_release(&l2);
	ok(l2.path == NULL, "release clears l.path");
	ok(!exists(lockp), "release removes our lock");
	sy_lock_release(&l); /* the file is gone already: nothing to do */
	ok(l.path == NULL && !exists(lockp), "second release is harmless");
	sy_lock_release(&l);
	ok(!sy_lock_read(annot, &info), "sy_lock_read: no lock");

	/* ---- a live pid on this host */
	kid = sleeper();
	lock_text(text, sizeof text, "li", host, (long)kid);
	put(lockp, text);
	memset(&e, 0, sizeof e);
	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h, &stale, &e);
	ok(s == SY_ERR_EXISTS && e.code == SY_ERR_EXISTS,
	   "live foreign pid: SY_ERR_EXISTS");
	ok(l.path == NULL, "... l.path NULL");
	ok(h.pid == (long)kid && strcmp(h.user, "li") == 0 &&
	   strcmp(h.host, host) == 0 &&
	   strcmp(h.since, "2026-11-21T08:00:00Z") == 0, "... *holder filled");
	diag("%s", e.msg);
	ok(strstr(e.msg, "li") && strstr(e.msg, host) && strstr(e.msg, annot) &&
	   strstr(e.msg, "2026-11-21T08:00:00Z"),
	   "... message names file, user, host, since");
	snprintf(want, sizeof want, "(pid %ld)", (long)kid);
	ok(strstr(e.msg, want) != NULL, "... and the pid");
	ok(strstr(e.msg, "--break-lock") == NULL,
	   "... no break hint for a session that visibly runs");
	is_str(slurp(lockp), text, "... lock file untouched");

	/* a child inheriting a lock never releases its parent's */
	{
		pid_t c;
		int status;
		unlink(lockp);
		s = sy_lock_acquire(annot, NULL, SY_LOCK_NORMAL, &l, NULL, NULL, &e);
		c = fork();
		if (c == 0) {
			sy_lock_release(&l);
			_exit(0);
		}
		waitpid(c, &status, 0);
		ok(s == SY_OK && exists(lockp),
		   "a forked child's release leaves the parent's lock");
		sy_lock_release(&l);
		ok(!exists(lockp), "the parent's release removes it");
	}

	/* BREAK takes it from a live pid too */
	put(lockp, text);
	s = sy_lock_acquire(annot, "tester", SY_LOCK_BREAK, &l, &h, &stale, &e);
	ok(s == SY_OK && !stale && h.pid == (long)kid,
	   "BREAK takes a live lock (not stale, *holder the old one)");
	ok(sy_lock_read(annot, &info) && info.pid == (long)getpid(),
	   "... lock is ours now");
	sy_lock_release(&l);

	/* ---- the child dies: stale */
	put(lockp, text);
	reap(kid);
	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h, &stale, &e);
	ok(s == SY_OK && stale, "dead pid on this host: taken over, *stale");
	ok(h.pid == (long)kid && strcmp(h.user, "li") == 0,
	   "... *holder is the stale session");
	ok(sy_lock_read(annot, &info) && info.pid == (long)getpid() &&
	   strcmp(info.user, "tester") == 0, "... lock file is ours");
	ok(entries() == 1, "... no temporary or guard file left");
	sy_lock_release(&l);

	/* a leftover NAME.yaml.lock.PID.tmp of ours does not get in the way */
	put(lockp, text);
	snprintf(want, sizeof want, "r.yaml.lock.%ld.tmp", (long)getpid());
	put(at(want), "junk");
	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h, &stale, &e);
	ok(s == SY_OK && stale && !exists(at(want)) && entries() == 1,
	   "stale take-over past a leftover temporary file");
	sy_lock_release(&l);

	/* EPERM is alive: pid 1 on this host (alive whoever we are) */
	lock_text(text, sizeof text, "root", host, 1);
	put(lockp, text);
	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h, &stale, &e);
	ok(s == SY_ERR_EXISTS && h.pid == 1, "pid 1 on this host is alive");

	/* ---- another host */
	lock_text(text, sizeof text, "zhao", "elsewhere.example", 4242);
	put(lockp, text);
	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h, &stale, &e);
	ok(s == SY_ERR_EXISTS && l.path == NULL, "other host: refused");
	diag("%s", e.msg);
	ok(strstr(e.msg, "zhao") && strstr(e.msg, "elsewhere.example") &&
	   strstr(e.msg, "(pid 4242)") && strstr(e.msg, "2026-11-21T08:00:00Z"),
	   "... message says who, where, since");
	ok(strstr(e.msg, "use --break-lock to take it over if you are sure "
			 "that session is gone") != NULL,
	   "... and how to break it");
	ok(strcmp(h.host, "elsewhere.example") == 0 && h.pid == 4242,
	   "... *holder filled");
	is_str(slurp(lockp), text, "... lock file untouched");
	ok(sy_lock_read(annot, &info) && strcmp(info.user, "zhao") == 0 &&
	   info.pid == 4242, "sy_lock_read: another host's lock");
	s = sy_lock_acquire(annot, "tester", SY_LOCK_BREAK, &l, &h, &stale, &e);
	ok(s == SY_OK && !stale && strcmp(h.host, "elsewhere.example") == 0,
	   "BREAK takes it");
	ok(sy_lock_read(annot, &info) && info.pid == (long)getpid() &&
	   strcmp(info.host, host) == 0, "... lock file is ours");
	ok(entries() == 1, "... nothing else left");

	/* ---- release only when ours */
	put(lockp, text); /* someone broke ours meanwhile */
	sy_lock_release(&l);
	ok(l.path == NULL, "release of a replaced lock frees l.path");
	is_str(slurp(lockp), text, "... and leaves the other session's lock");
	unlink(lockp);

	/* ---- garbled locks */
	{
		static const char *const bad[] = {
			"garbage\n",
			"",
			"user: x\nhost: y\n",                 /* no pid */
			"user: x\nhost: y\npid: -3\n",
			"user: x\nhost: y\npid: 0\n",
			"user: x\nhost: y\npid: 12ab\n",
			"user: x\nhost: y\npid: 99999999999\n",
			"user: x\nuser: z\nhost: y\npid: 5\n", /* twice */
		};
		size_t i;
		int refused_all = 0, broken_all = 0;

		for (i = 0; i < sizeof bad / sizeof *bad; ++i) {
			put(lockp, bad[i]);
			s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l,
					    &h, &stale, &e);
			if (s == SY_ERR_EXISTS && !l.path &&
			    strcmp(h.user, "unknown") == 0 && h.pid == 0 &&
			    strstr(e.msg, "unreadable") &&
			    strstr(e.msg, "removed by hand") &&
			    strcmp(slurp(lockp), bad[i]) == 0)
				++refused_all;
			else
				diag("garbled %zu not refused: %s", i, e.msg);
			if (i == 0)
				diag("%s", e.msg);
			s = sy_lock_acquire(annot, "tester", SY_LOCK_BREAK, &l,
					    &h, &stale, &e);
			if (s == SY_OK && !stale &&
			    strcmp(h.user, "unknown") == 0 &&
			    sy_lock_read(annot, &info) &&
			    info.pid == (long)getpid())
				++broken_all;
			sy_lock_release(&l);
		}
		ok(refused_all == (int)(sizeof bad / sizeof *bad),
		   "garbled locks refused in NORMAL (%d)", refused_all);
		ok(broken_all == (int)(sizeof bad / sizeof *bad),
		   "garbled locks taken in BREAK (%d)", broken_all);
		ok(!exists(lockp) && entries() == 0, "... and released");

		put(lockp, "garbage\n");
		age(lockp);
		ok(sy_lock_read(annot, &info) && strcmp(info.user, "unknown") == 0 &&
		   info.pid == 0, "sy_lock_read: a garbled lock is held by unknown");
		unlink(lockp);
	}
	/* unknown keys and comments are fine */
	put(lockp, "# a comment\nuser: ma\ntool: shenyue 9\nhost: far.example\n"
		   "pid: 77\r\n");
	ok(sy_lock_read(annot, &info) && strcmp(info.user, "ma") == 0 &&
	   strcmp(info.host, "far.example") == 0 && info.pid == 77 &&
	   info.since[0] == '\0', "lenient reader: comments, other keys, CRLF");
	unlink(lockp);

	/* ---- the kernel lock: zombies, killed holders, recycled pids */
	{
		pid_t z = holder(annot, "zo", true);
		int i;
		/* wait (generously) for it to have exited, unreaped */
		for (i = 0; z && !zombie(z) && i < 3000; ++i)
			usleep(10000);
		ok(z && zombie(z), "a holder that exited unreaped is a zombie");
		ok(z && kill(z, 0) == 0, "... which kill(pid, 0) calls alive");
		s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(s == SY_OK && stale && h.pid == (long)z &&
		   strcmp(h.user, "zo") == 0,
		   "a zombie holder's lock is stale and taken over");
		if (s != SY_OK)
			diag("%s", e.msg);
		sy_lock_release(&l);
		/* the same with a record of an older shenyue (no kernel-lock
		 * line): judged by /proc/PID/stat */
		lock_text(text, sizeof text, "old", host, (long)z);
		put(lockp, text);
		s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(s == SY_OK && stale && h.pid == (long)z,
		   "an old-style record naming a zombie pid is stale");
		sy_lock_release(&l);
		if (z)
			waitpid(z, NULL, 0);

		/* a live holder: refused; killed: taken over */
		z = holder(annot, "alive", false);
		s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(z && s == SY_ERR_EXISTS && h.pid == (long)z && h.kernel,
		   "a live holder (kernel lock held) is refused");
		/* its record rewritten to a dead pid: the kernel still says
		 * it runs */
		lock_text(text, sizeof text, "alive", host, 999999);
		strcat(text, "kernel-lock: flock\n");
		{
			int fd = open(lockp, O_WRONLY | O_TRUNC);
			ok(fd >= 0 && write(fd, text, strlen(text)) ==
			   (ssize_t)strlen(text), "record rewritten in place");
			if (fd >= 0)
				close(fd);
		}
		s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(s == SY_ERR_EXISTS,
		   "... a held kernel lock wins over a dead pid in the record");
		if (z)
			reap(z);
		s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(s == SY_OK && stale, "a killed holder's lock is taken over");
		sy_lock_release(&l);

		/* a recycled pid: the record names a live process that holds
		 * no kernel lock */
		z = sleeper();
		lock_text(text, sizeof text, "gone", host, (long)z);
		strcat(text, "kernel-lock: flock\n");
		put(lockp, text);
		s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(s == SY_OK && stale && h.pid == (long)z,
		   "a recycled pid does not keep a free kernel lock alive");
		sy_lock_release(&l);
		reap(z);
		ok(entries() == 0, "... nothing left");
	}

	/* ---- two paths to one file: symlinks and hard links */
	{
		char tgt[512], lnk[512], hard[512], tlock[512];
		pid_t z;
		snprintf(tgt, sizeof tgt, "%s", at("sub/t.yaml"));
		snprintf(tlock, sizeof tlock, "%s", at("sub/t.yaml.lock"));
		snprintf(lnk, sizeof lnk, "%s", at("link.yaml"));
		snprintf(hard, sizeof hard, "%s", at("hard.yaml"));
		mkdir(at("sub"), 0755);
		put(tgt, "annotation\n");
		ok(symlink("sub/t.yaml", lnk) == 0 && link(tgt, hard) == 0,
		   "a symlink and a hard link to sub/t.yaml");
		s = sy_lock_acquire(lnk, "tester", SY_LOCK_NORMAL, &l, NULL,
				    NULL, &e);
		is_str(l.path, tlock, "through the symlink: the lock is beside "
		       "the target");
		ok(sy_lock_read(lnk, &info) && sy_lock_read(tgt, &info) &&
		   info.pid == (long)getpid(), "sy_lock_read follows the link");
		{
			char *j = sy_journal_path(lnk), want_j[520];
			snprintf(want_j, sizeof want_j, "%s.journal", tgt);
			is_str(j, want_j, "the journal too is beside the target");
			free(j);
		}
		sy_lock_release(&l);
		z = holder(lnk, "vialink", false);
		s = sy_lock_acquire(tgt, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(z && s == SY_ERR_EXISTS && strcmp(h.user, "vialink") == 0,
		   "held through the symlink: refused through the target");
		s = sy_lock_acquire(hard, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(z && s == SY_ERR_EXISTS && strstr(e.msg, "another name") &&
		   !exists(at("hard.yaml.lock")),
		   "... and through a hard link (the file's kernel lock)");
		diag("%s", e.msg);
		if (z)
			reap(z);
		z = holder(hard, "viahard", false);
		s = sy_lock_acquire(lnk, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(z && s == SY_ERR_EXISTS && strstr(e.msg, "another name"),
		   "held through the hard link: refused through the symlink");
		s = sy_lock_acquire(lnk, "tester", SY_LOCK_BREAK, &l, &h,
				    &stale, &e);
		ok(s == SY_OK, "... BREAK takes it all the same");
		sy_lock_release(&l);
		if (z)
			reap(z);
		unlink(at("hard.yaml.lock"));
		s = sy_lock_acquire(hard, "tester", SY_LOCK_NORMAL, &l, &h,
				    &stale, &e);
		ok(s == SY_OK, "free again once the holder is gone");
		sy_lock_release(&l);
		unlink(lnk);
		unlink(hard);
		unlink(tgt);
		rmdir(at("sub"));
		ok(entries() == 0, "... nothing left");
	}

	/* ---- sy_lock_still_ours: removed, broken, rewritten under us */
	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, NULL, NULL, &e);
	ok(s == SY_OK && sy_lock_still_ours(&l), "still ours right after acquire");
	unlink(lockp);
	ok(!sy_lock_still_ours(&l), "... not once the lock file is deleted");
	lock_text(text, sizeof text, "tester", host, (long)getpid());
	put(lockp, text);
	ok(!sy_lock_still_ours(&l),
	   "... nor when a new file naming us is put in its place");
	sy_lock_release(&l);
	unlink(lockp);
	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, NULL, NULL, &e);
	if (s == SY_OK) {
		/* another process breaks it and goes on holding it */
		pid_t c = fork();
		int status;
		if (c == 0) {
			s = sy_lock_acquire(annot, "other", SY_LOCK_BREAK, &l2,
					    NULL, NULL, &e);
			_exit(s == SY_OK ? 0 : 1);
		}
		waitpid(c, &status, 0);
		ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
		   !sy_lock_still_ours(&l),
		   "... nor once another session broke it");
	} else {
		ok(0, "... nor once another session broke it");
	}
	sy_lock_release(&l);
	unlink(lockp);
	{
		int fd;
		s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, NULL,
				    NULL, &e);
		fd = open(lockp, O_WRONLY | O_TRUNC);
		ok(fd >= 0 && write(fd, "garbage\n", 8) == 8 &&
		   !sy_lock_still_ours(&l),
		   "... nor when its content is overwritten");
		if (fd >= 0)
			close(fd);
		sy_lock_release(&l);
		unlink(lockp);
		ok(!sy_lock_still_ours(&l), "an unheld lock is not ours");
	}

	/* ---- user names */
	setenv("USER", "envuser", 1);
	s = sy_lock_acquire(annot, NULL, SY_LOCK_NORMAL, &l, NULL, NULL, &e);
	ok(s == SY_OK && strcmp(l.me.user, "envuser") == 0 &&
	   sy_lock_read(annot, &info) && strcmp(info.user, "envuser") == 0,
	   "USER NULL: $USER");
	sy_lock_release(&l);
	s = sy_lock_acquire(annot, "wang\nhost: evil", SY_LOCK_NORMAL, &l, NULL,
			    NULL, &e);
	ok(s == SY_OK && sy_lock_read(annot, &info) &&
	   strcmp(info.user, "wang?host: evil") == 0 &&
	   strcmp(info.host, host) == 0 &&
	   strcmp(l.me.user, info.user) == 0,
	   "a newline in the user cannot forge a field");
	sy_lock_release(&l);
	s = sy_lock_acquire(annot, "王审阅", SY_LOCK_NORMAL, &l, NULL, NULL, &e);
	ok(s == SY_OK && sy_lock_read(annot, &info) &&
	   strcmp(info.user, "王审阅") == 0, "UTF-8 user kept");
	sy_lock_release(&l);

	/* ---- special files: no lock beside them */
	ok(mkfifo(at("f.yaml"), 0644) == 0 && symlink("/dev/null", at("d.yaml")) == 0,
	   "a FIFO and a symlink to /dev/null");
	s = sy_lock_acquire(at("f.yaml"), "tester", SY_LOCK_NORMAL, &l, NULL,
			    NULL, &e);
	ok(s == SY_ERR_IO && strstr(e.msg, "not a regular file") &&
	   !exists(at("f.yaml.lock")), "a FIFO is refused, no lock made");
	s = sy_lock_acquire(at("d.yaml"), "tester", SY_LOCK_BREAK, &l, NULL,
			    NULL, &e);
	ok(s == SY_ERR_IO && strstr(e.msg, "/dev/null") &&
	   !exists("/dev/null.lock"), "a link to a device is refused: %s", e.msg);
	unlink(at("f.yaml"));
	unlink(at("d.yaml"));

	/* ---- I/O errors name the file */
	s = sy_lock_acquire(at("no/such/r.yaml"), "tester", SY_LOCK_NORMAL, &l,
			    NULL, NULL, &e);
	ok(s == SY_ERR_IO && l.path == NULL && strstr(e.msg, "no/such/r.yaml.lock"),
	   "missing folder: SY_ERR_IO naming the lock file");
	diag("%s", e.msg);

	/* ---- races */
	wins = race(annot, 8, &kid, &refused);
	ok(wins == 1 && refused == 7,
	   "8 processes on a free lock: one wins (%d), 7 refused (%d)",
	   wins, refused);
	ok(sy_lock_read(annot, &info) && info.pid == (long)kid &&
	   strcmp(info.user, "racer") == 0, "... the lock names the winner");
	ok(entries() == 1, "... nothing else left");

	/* the winner is gone now: 8 processes take over its stale lock */
	wins = race(annot, 8, &kid, &refused);
	ok(wins == 1 && refused == 7,
	   "8 processes on a stale lock: one takes it over (%d), 7 refused (%d)",
	   wins, refused);
	ok(sy_lock_read(annot, &info) && info.pid == (long)kid,
	   "... the lock names that one");
	ok(entries() == 1, "... no temporary or guard file left");

	s = sy_lock_acquire(annot, "tester", SY_LOCK_NORMAL, &l, &h, &stale, &e);
	ok(s == SY_OK && stale && h.pid == (long)kid,
	   "after the race the winner's lock is stale and taken over");
	sy_lock_release(&l);
	ok(entries() == 0, "folder empty at the end");

	rmdir(dir);
	return tap_done();
}
