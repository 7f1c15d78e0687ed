/* ondisk.c - has the annotation file changed on disk (see ondisk.h). */
#include "session/ondisk.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fdio.h"
#include "base/fileopen.h"
#include "base/sha256.h"

/* Files up to this size are hashed when recorded without their sha256
 * (a read of well under a millisecond). */
#define HASH_EAGER_BYTES (1024 * 1024)
/* The largest annotation file read back (the reader's own bound). */
#define READ_MAX ((size_t)1 << 30)

static void fill_id(sy_fileid *id, const struct stat *sb)
{
	id->exists = true;
	id->dev = sb->st_dev;
	id->ino = sb->st_ino;
	id->size = sb->st_size;
	id->mtime = sb->st_mtim;
	id->ctime = sb->st_ctim;
}

int sy_fileid_of(const char *path, sy_fileid *id)
{
	struct stat sb;

	memset(id, 0, sizeof *id);
	if (stat(path, &sb) == 0) {
		fill_id(id, &sb);
		return 0;
	}
	return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
}

static bool same_id(const sy_fileid *a, const sy_fileid *b)
{
	if (a->exists != b->exists)
		return false;
	return !a->exists ||
	       (a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
		a->mtime.tv_sec == b->mtime.tv_sec &&
		a->mtime.tv_nsec == b->mtime.tv_nsec &&
		a->ctime.tv_sec == b->ctime.tv_sec &&
		a->ctime.tv_nsec == b->ctime.tv_nsec);
}

/* The mtime of O's file is too close to when we looked to tell a later
 * write of the same size from ours: file systems stamp with a coarse clock
 * (a jiffy; whole seconds where tv_nsec is always 0). */
static bool racy(const sy_ondisk *o)
{
	long long seen = (long long)o->seen.tv_sec * 1000000000LL + o->seen.tv_nsec;
	long long mt = (long long)o->file.mtime.tv_sec * 1000000000LL +
		       o->file.mtime.tv_nsec;
	long long window = o->file.mtime.tv_nsec == 0 ? 2000000000LL : 50000000LL;

	return seen - mt < window;
}

void sy_ondisk_sha(const void *data, size_t len, char sha[65])
{
	sy_sha256 c;

	sy_sha256_init(&c);
	sy_sha256_update(&c, data, len);
	sy_sha256_hex(&c, sha);
}

sy_status sy_ondisk_read(const char *path, char **buf, size_t *len,
			 char sha[65], sy_error *err)
{
	/* one reader of whole files (fileopen.h): regular files only, bounded */
	sy_status st = sy_read_regular(path, READ_MAX, buf, len, NULL, err);

	if (st == SY_OK)
		sy_ondisk_sha(*buf, *len, sha);
	return st;
}

/* The sha256 of the file at PATH into SHA; -1 when it cannot be read. */
static int hash_file(const char *path, char sha[65])
{
	char *buf;
	size_t len;
	sy_error e;

	if (sy_ondisk_read(path, &buf, &len, sha, &e) != SY_OK)
		return -1;
	free(buf);
	return 0;
}

void sy_ondisk_record_journal(sy_ondisk *o, const char *jpath)
{
	if (!jpath || sy_fileid_of(jpath, &o->journal) != 0)
		memset(&o->journal, 0, sizeof o->journal);
}

void sy_ondisk_record(sy_ondisk *o, const char *path, const char *jpath,
		      const char *sha)
{
	memset(o, 0, sizeof *o);
	if (sy_fileid_of(path, &o->file) != 0) {
		memset(o, 0, sizeof *o);      /* unknown: the next check reads */
		return;
	}
	clock_gettime(CLOCK_REALTIME, &o->seen);
	o->known = true;
	if (sha)
		memcpy(o->sha, sha, 65);
	else if (o->file.exists &&
		 ((size_t)o->file.size <= HASH_EAGER_BYTES || racy(o)) &&
		 hash_file(path, o->sha) != 0)
		o->sha[0] = '\0';
	sy_ondisk_record_journal(o, jpath);
}

sy_status sy_ondisk_check(sy_ondisk *o, const char *path, const char *jpath,
			  bool *changed, sy_error *err)
{
	sy_fileid now, jnow;
	char sha[65];

	*changed = true;
	if (sy_fileid_of(path, &now) != 0)
		return sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(errno));
	if (jpath && sy_fileid_of(jpath, &jnow) != 0)
		return sy_fail(err, SY_ERR_IO, "%s: %s", jpath, strerror(errno));
	if (!o->known)
		return SY_OK;
	if (jpath && !same_id(&jnow, &o->journal))
		return SY_OK;                 /* someone else's journal */
	if (now.exists != o->file.exists || now.size != o->file.size)
		return SY_OK;
	if (!now.exists || (same_id(&now, &o->file) && !racy(o))) {
		*changed = false;
		return SY_OK;
	}
	/* same size, but touched, replaced or too recent to trust: the bytes
	 * decide */
	if (!o->sha[0] || hash_file(path, sha) != 0 || strcmp(sha, o->sha) != 0)
		return SY_OK;
	*changed = false;
	o->file = now;
	clock_gettime(CLOCK_REALTIME, &o->seen);
	return SY_OK;
}

int sy_ondisk_guard(const char *path)
{
	char *dir = sy_dir_of(path);
	int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

	free(dir);
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

void sy_ondisk_unguard(int fd)
{
	if (fd >= 0) {
		flock(fd, LOCK_UN);
		close(fd);
	}
}
