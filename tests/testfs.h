/* testfs.h - files for the C tests (header only): a temporary folder
 * (tmpdir, made by testfs_begin, removed by testfs_end), paths in it, and
 * whole-file reads and writes.  Helpers abort on OOM, as a test may.
 */
#ifndef SY_TESTFS_H
#define SY_TESTFS_H

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[512];

/* Make tmpdir ($TMPDIR/NAME.XXXXXX).  False (with a TAP "Bail out!") on
 * failure. */
static inline bool testfs_begin(const char *name)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof tmpdir, "%s/%s.XXXXXX", t && *t ? t : "/tmp",
		 name);
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! mkdtemp %s: %s\n", tmpdir, strerror(errno));
		return false;
	}
	return true;
}

/* TMPDIR/NAME as a new string. */
static inline char *path_in(const char *name)
{
	char *p = malloc(strlen(tmpdir) + strlen(name) + 2);

	if (!p)
		abort();
	sprintf(p, "%s/%s", tmpdir, name);
	return p;
}

static inline bool write_file(const char *path, const void *data, size_t n)
{
	FILE *fp = fopen(path, "wb");
	bool good;

	if (!fp)
		return false;
	good = fwrite(data, 1, n, fp) == n;
	return fclose(fp) == 0 && good;
}

/* The whole file at PATH as a new NUL-terminated string (its length in
 * *LEN when LEN is not NULL); NULL when it cannot be read. */
static inline char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (len)
		*len = 0;
	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
			if (len)
				*len = (size_t)n;
		}
	}
	fclose(fp);
	return buf;
}

/* Remove PATH and everything under it. */
static inline void remove_tree(const char *path)
{
	struct stat sb;
	DIR *d;
	struct dirent *de;

	if (lstat(path, &sb) != 0)
		return;
	if (S_ISDIR(sb.st_mode) && (d = opendir(path))) {
		while ((de = readdir(d)) != NULL) {
			char *sub;
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			sub = malloc(strlen(path) + strlen(de->d_name) + 2);
			if (!sub)
				abort();
			sprintf(sub, "%s/%s", path, de->d_name);
			remove_tree(sub);
			free(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

#endif
