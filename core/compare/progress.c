/* progress.c - see progress.h */
#include "compare/progress.h"
#include "base/fileopen.h"
#include "model/schema.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

sy_progress sy_progress_of(const sy_annot *a)
{
	sy_progress p;

	memset(&p, 0, sizeof p);
	if ((unsigned)a->doc.status < SY_STATUS_COUNT)
		p.count[a->doc.status]++;
	for (size_t i = 0; i < a->nsections; i++)
		if ((unsigned)a->sections[i].r.status < SY_STATUS_COUNT)
			p.count[a->sections[i].r.status]++;
	for (size_t i = 0; i < a->nstats; i++)
		if ((unsigned)a->stats[i].r.status < SY_STATUS_COUNT)
			p.count[a->stats[i].r.status]++;
	for (int s = 0; s < SY_STATUS_COUNT; s++)
		p.total += p.count[s];
	return p;
}

void sy_progress_add(sy_progress *sum, const sy_progress *p)
{
	for (int s = 0; s < SY_STATUS_COUNT; s++)
		sum->count[s] += p->count[s];
	sum->total += p->total;
}

size_t sy_progress_reviewed(const sy_progress *p)
{
	return p->total - p->count[SY_PENDING];
}

unsigned sy_progress_permille(const sy_progress *p)
{
	if (!p->total)
		return 1000;
	/* in double: total * 1000 may not fit a 32-bit size_t */
	return (unsigned)((double)sy_progress_reviewed(p) * 1000.0 / (double)p->total);
}

/* ------------------------------------------------------------ files */

void sy_pathlist_free(sy_pathlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Append a copy of PATH; 0 or -1 on OOM. */
static int pathlist_push(sy_pathlist *l, const char *path)
{
	char *p = sy_strdup(path);
	if (!p || sy_grow((void **)&l->v, l->n, &l->cap, sizeof *l->v)) {
		free(p);
		return -1;
	}
	l->v[l->n++] = p;
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* Is LINE (LEN bytes, no newline) "format: shenyue-annotations/1", the
 * value plain, 'single' or "double" quoted, a comment allowed after? */
static bool is_format_line(const char *line, size_t len)
{
	static const char *const top_key[] = { SY_TOP_KEYS(SY_FIELD_KEY) };
	const char *key = top_key[SY_TOP_FORMAT];
	const char *p = line, *end = line + len, *v;
	size_t n = sizeof SY_FORMAT_NAME - 1, kn = strlen(key);

	if (len < kn + 1 || memcmp(p, key, kn) || p[kn] != ':')
		return false;
	p += kn + 1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	v = p;
	if (p < end && (*p == '"' || *p == '\'')) {
		if ((size_t)(end - p) < n + 2 || memcmp(p + 1, SY_FORMAT_NAME, n) ||
		    p[n + 1] != *p)
			return false;
		p += n + 2;
	} else {
		if ((size_t)(end - v) < n || memcmp(v, SY_FORMAT_NAME, n))
			return false;
		p += n;
	}
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == end || *p == '#';
}

bool sy_looks_like_annot(const char *path)
{
	enum { HEAD = 64 * 1024 };
	char *buf;
	size_t n;
	bool found = false;
	sy_error err;
	int fd;

	/* a FIFO or a device is no annotation file, and must not block */
	if (sy_open_regular(path, &fd, NULL, &err) != SY_OK)
		return false;
	buf = malloc(HEAD);
	if (!buf) {
		close(fd);
		return false;
	}
	n = 0;
	while (n < HEAD) {
		ssize_t r = read(fd, buf + n, HEAD - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	for (size_t i = 0; i < n && !found;) {
		size_t j = i;
		while (j < n && buf[j] != '\n')
			j++;
		/* a UTF-8 BOM before the first line */
		if (i == 0 && j >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
			found = is_format_line(buf + 3, j - 3);
		else
			found = is_format_line(buf + i, j - i);
		i = j + 1;
	}
	free(buf);
	return found;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every NAME.yaml in folder DIR, in name order, into LIST. */
static sy_status add_folder(sy_pathlist *list, const char *dir, sy_skip_fn skip,
			    void *ctx, sy_error *err)
{
	sy_pathlist names = { NULL, 0, 0 };
	struct dirent *d;
	DIR *dp = opendir(dir);
	size_t dlen = strlen(dir);
	bool slash = dlen && dir[dlen - 1] == '/';
	sy_status st = SY_OK;

	if (!dp)
		return sy_fail(err, SY_ERR_IO, "%s: cannot read folder: %s", dir,
			       strerror(errno));
	errno = 0;
	while ((d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.' || !ends_with(d->d_name, ".yaml"))
			continue;
		if (pathlist_push(&names, d->d_name)) {
			st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
			break;
		}
		errno = 0;
	}
	if (st == SY_OK && errno)
		st = sy_fail(err, SY_ERR_IO, "%s: cannot read folder: %s", dir,
			     strerror(errno));
	closedir(dp);
	if (st == SY_OK && names.n)
		qsort(names.v, names.n, sizeof *names.v, cmp_str);
	for (size_t i = 0; st == SY_OK && i < names.n; i++) {
		size_t n = dlen + 1 + strlen(names.v[i]) + 1;
		char *p = malloc(n);
		struct stat sb;

		if (!p) {
			st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
			break;
		}
		snprintf(p, n, "%s%s%s", dir, slash ? "" : "/", names.v[i]);
		if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
			if (!sy_looks_like_annot(p)) {
				if (skip)
					skip(ctx, p, "not a shenyue annotation file");
			} else if (pathlist_push(list, p)) {
				st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
			}
		}
		free(p);
	}
	sy_pathlist_free(&names);
	return st;
}

sy_status sy_annot_files_add(sy_pathlist *list, const char *arg,
			     sy_skip_fn skip, void *ctx, sy_error *err)
{
	struct stat sb;

	if (stat(arg, &sb) != 0)
		return sy_fail(err, SY_ERR_IO, "%s: %s", arg, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return add_folder(list, arg, skip, ctx, err);
	if (ends_with(arg, ".journal")) {
		if (skip)
			skip(ctx, arg, "a review journal, not an annotation file");
		return SY_OK;
	}
	if (ends_with(arg, ".lock")) {
		if (skip)
			skip(ctx, arg, "a review lock, not an annotation file");
		return SY_OK;
	}
	if (!sy_looks_like_annot(arg)) {
		int fd;
		if (sy_open_regular(arg, &fd, NULL, err) != SY_OK)
			return SY_ERR_IO;
		close(fd);
		if (skip)
			skip(ctx, arg, "not a shenyue annotation file");
		return SY_OK;
	}
	if (pathlist_push(list, arg))
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	return SY_OK;
}
