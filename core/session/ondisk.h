/* ondisk.h - has the annotation file changed since we last read or wrote
 * it?  (Issue 10: another actor - git, an editor, a second session - may
 * replace it while a review screen holds it.)
 *
 * We remember what the file was when we last read or wrote it: its
 * identity (st_dev, st_ino), size, mtime and ctime (ns) and the sha256 of its bytes,
 * and the journal beside it (identity and size).  sy_ondisk_check decides
 * cheaply: equal stat and an mtime older than the file system's timestamp
 * granularity at the time we looked: unchanged, no read.  A different
 * size or a journal that is not the one we left: changed, no read.  Same
 * size but another identity or mtime (a `touch`, git or an editor writing
 * the same bytes), or an mtime too recent to trust ("racy", as git calls
 * it): the bytes are hashed and compared.  A 10 MB file is hashed only in
 * those cases.
 *
 * The directory guard serialises check-and-write among our own writers
 * (two --shared sessions): flock on the folder, held for one check, merge
 * and write.  Nothing here allocates beyond what a call returns.
 */
#ifndef SY_ONDISK_H
#define SY_ONDISK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "base/error.h"

typedef struct sy_fileid {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	struct timespec ctime;   /* no one can set it back: an in-place edit
				    that restores mtime still shows */
} sy_fileid;

typedef struct sy_ondisk {
	bool known;            /* a state was recorded */
	sy_fileid file;        /* the annotation file */
	char sha[65];          /* sha256 of its bytes, "" when not known */
	struct timespec seen;  /* when FILE was recorded (CLOCK_REALTIME) */
	sy_fileid journal;     /* the journal as we left it */
} sy_ondisk;

/* The identity of PATH (following symlinks); exists false when missing.
 * -1 with errno on another error. */
int sy_fileid_of(const char *path, sy_fileid *id);

/* Record PATH and its journal JPATH as they are now.  SHA: the sha256
 * (hex) of the bytes we just read or wrote, or NULL (hashed here when the
 * file is small or its mtime is racy, else left unknown). */
void sy_ondisk_record(sy_ondisk *o, const char *path, const char *jpath,
		      const char *sha);
/* Record only the journal (after an append). */
void sy_ondisk_record_journal(sy_ondisk *o, const char *jpath);

/* Has PATH or JPATH changed since O was recorded?  *CHANGED set; when the
 * answer needed the bytes and they are the same, O is brought up to date
 * (identity and mtime) so that the next check is cheap again. */
sy_status sy_ondisk_check(sy_ondisk *o, const char *path, const char *jpath,
			  bool *changed, sy_error *err);

/* Read the whole regular file PATH into a new buffer (*BUF, NUL-ended,
 * *LEN bytes; caller frees) and its sha256 into SHA.  Refuses what is not a
 * regular file.  SY_ERR_IO / SY_ERR_NOMEM with ERR naming PATH. */
sy_status sy_ondisk_read(const char *path, char **buf, size_t *len,
			 char sha[65], sy_error *err);

/* The sha256 (hex) of DATA. */
void sy_ondisk_sha(const void *data, size_t len, char sha[65]);

/* Take the guard of the folder of PATH (blocks while another of our
 * writers holds it).  Returns an fd for sy_ondisk_unguard, or -1 when the
 * folder cannot be locked (then nothing is serialised; not an error). */
int sy_ondisk_guard(const char *path);
void sy_ondisk_unguard(int fd);

#endif
