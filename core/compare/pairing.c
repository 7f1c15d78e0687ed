/* pairing.c - the annotation files of a set, and which file of one set
 * goes with which of another: by source.sha256, then by the basename of
 * source.path (evaluate.h).  The sets own their paths and keys until
 * sy_aset_free.
 */
#include "compare/evaluate.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "session/annot_read.h"

static sy_status nomem(sy_error *err)
{
	return sy_fail(err, SY_ERR_NOMEM, "out of memory");
}

/* ------------------------------------------------------------ file sets */

typedef struct pathlist {
	char **v;            /* owned strings */
	size_t n, cap;
} pathlist;

static int pathlist_add(pathlist *l, char *path)
{
	void *v = l->v;
	if (sy_grow(&v, l->n, &l->cap, sizeof *l->v) < 0)
		return -1;
	l->v = v;
	l->v[l->n++] = path;
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

static char *join_path(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	bool slash = dl > 0 && dir[dl - 1] != '/';
	char *p = malloc(dl + slash + nl + 1);

	if (!p)
		return NULL;
	memcpy(p, dir, dl);
	if (slash)
		p[dl] = '/';
	memcpy(p + dl + slash, name, nl + 1);
	return p;
}

/* The *.yaml files of folder DIR into L, recursing when RECURSIVE. */
static sy_status scan_dir(const char *dir, bool recursive, pathlist *l,
			  sy_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	sy_status st = SY_OK;

	if (!d)
		return sy_fail(err, SY_ERR_IO, "%s: %s", dir, strerror(errno));
	for (;;) {
		struct stat sb;
		char *p;

		errno = 0;
		if (!(de = readdir(d))) {
			if (errno)
				st = sy_fail(err, SY_ERR_IO, "%s: %s", dir,
					     strerror(errno));
			break;
		}
		if (de->d_name[0] == '.')      /* glob skips hidden names */
			continue;
		if (!(p = join_path(dir, de->d_name))) {
			st = nomem(err);
			break;
		}
		if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (recursive)
				st = scan_dir(p, recursive, l, err);
			free(p);
		} else if (ends_with(de->d_name, ".yaml") &&
			   !(stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))) {
			if (pathlist_add(l, p) < 0) {
				free(p);
				st = nomem(err);
			}
		} else {
			free(p);
		}
		if (st != SY_OK)
			break;
	}
	closedir(d);
	return st;
}

static int strp_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void sy_paths_free(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

sy_status sy_list_annot_files(const char *arg, bool recursive, char ***paths,
			      size_t *n, sy_error *err)
{
	pathlist l = { NULL, 0, 0 };
	struct stat sb;
	sy_status st = SY_OK;

	*paths = NULL;
	*n = 0;
	if (stat(arg, &sb) != 0)
		return sy_fail(err, SY_ERR_IO, "%s: %s", arg, strerror(errno));
	if (S_ISDIR(sb.st_mode)) {
		st = scan_dir(arg, recursive, &l, err);
	} else {
		char *p = strdup(arg);
		if (!p || pathlist_add(&l, p) < 0) {
			free(p);
			st = nomem(err);
		}
	}
	if (st != SY_OK) {
		sy_paths_free(l.v, l.n);
		return st;
	}
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, strp_cmp);
	*paths = l.v;
	*n = l.n;
	return SY_OK;
}

const char *sy_annot_key(const sy_annot *a)
{
	const char *p = a->source.path ? a->source.path : "", *s;

	s = strrchr(p, '/');      /* os.path.basename */
	return s ? s + 1 : p;
}

static void lower_sha(char *dst, const char *src)
{
	size_t i;
	for (i = 0; i < 64 && src[i]; i++)
		dst[i] = (char)(src[i] >= 'A' && src[i] <= 'F' ?
				src[i] - 'A' + 'a' : src[i]);
	dst[i] = '\0';
}

/* qsort over index arrays: the set being sorted (qsort has no context;
 * set only during sy_aset_load's sorting, so not thread-safe). */
static const sy_aset *sort_set;

static int by_sha_cmp(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = strcmp(sort_set->v[i].sha256, sort_set->v[j].sha256);
	return c ? c : (i > j) - (i < j);
}

static int by_key_cmp(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = strcmp(sort_set->v[i].key, sort_set->v[j].key);
	return c ? c : (i > j) - (i < j);
}

void sy_aset_free(sy_aset *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].path);
		free(set->v[i].key);
	}
	free(set->v);
	free(set->by_sha);
	free(set->by_key);
	memset(set, 0, sizeof *set);
}

void sy_warnf(sy_warn_fn warn, void *ctx, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	if (!warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	warn(ctx, msg);
}

sy_status sy_aset_load(const char *arg, bool recursive, bool strict,
		       sy_aset *set, sy_warn_fn warn, void *ctx, sy_error *err)
{
	char **paths;
	size_t n, i, cap = 0;
	sy_status st;

	memset(set, 0, sizeof *set);
	if ((st = sy_list_annot_files(arg, recursive, &paths, &n, err)) != SY_OK)
		return st;
	for (i = 0; i < n; i++) {
		sy_annot a;
		sy_error lerr;
		sy_afile *f;
		void *v = set->v;

		sy_annot_init(&a);
		if ((st = sy_annot_load_current(paths[i], &a, NULL, &lerr)) != SY_OK) {
			if (strict || st == SY_ERR_NOMEM) {
				*err = lerr;
				goto fail;
			}
			sy_warnf(warn, ctx, "%s (not used)", lerr.msg);
			continue;
		}
		if (sy_grow(&v, set->n, &cap, sizeof *set->v) < 0) {
			sy_annot_free(&a);
			st = nomem(err);
			goto fail;
		}
		set->v = v;
		f = &set->v[set->n];
		f->key = strdup(sy_annot_key(&a));
		lower_sha(f->sha256, a.source.sha256);
		sy_annot_free(&a);
		if (!f->key) {
			st = nomem(err);
			goto fail;
		}
		f->path = paths[i];    /* moved into the set */
		paths[i] = NULL;
		set->n++;
	}
	sy_paths_free(paths, n);
	paths = NULL;
	if (set->n) {
		set->by_sha = malloc(set->n * sizeof *set->by_sha);
		set->by_key = malloc(set->n * sizeof *set->by_key);
		if (!set->by_sha || !set->by_key) {
			st = nomem(err);
			goto fail;
		}
		for (i = 0; i < set->n; i++)
			set->by_sha[i] = set->by_key[i] = i;
		sort_set = set;
		qsort(set->by_sha, set->n, sizeof *set->by_sha, by_sha_cmp);
		qsort(set->by_key, set->n, sizeof *set->by_key, by_key_cmp);
		sort_set = NULL;
		for (i = 1; i < set->n; i++) {
			const sy_afile *p = &set->v[set->by_sha[i - 1]],
				       *q = &set->v[set->by_sha[i]];
			if (!strcmp(p->sha256, q->sha256))
				sy_warnf(warn, ctx, "%s: the same report as %s (the "
				      "first by name is used)", q->path, p->path);
		}
	}
	return SY_OK;
fail:
	if (paths)
		sy_paths_free(paths, n);
	sy_aset_free(set);
	return st;
}

/* The first entry of IDX (sorted by FIELD) whose field equals WANT. */
static const sy_afile *find_in(const sy_aset *set, const size_t *idx,
			       bool sha, const char *want)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const sy_afile *f = &set->v[idx[mid]];
		if (strcmp(sha ? f->sha256 : f->key, want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < set->n) {
		const sy_afile *f = &set->v[idx[lo]];
		if (!strcmp(sha ? f->sha256 : f->key, want))
			return f;
	}
	return NULL;
}

const sy_afile *sy_aset_find(const sy_aset *set, const char *sha256,
			     const char *key)
{
	const sy_afile *f = NULL;
	char sha[65];

	if (!set->n)
		return NULL;
	if (sha256 && *sha256) {
		lower_sha(sha, sha256);
		f = find_in(set, set->by_sha, true, sha);
	}
	if (!f && key)
		f = find_in(set, set->by_key, false, key);
	return f;
}
