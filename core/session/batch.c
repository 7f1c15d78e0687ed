/* batch.c - the reports of a batch review (review.h, sy_review_expand). */
#include "session/review.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct strvec {
	char **v;
	size_t n, cap;
} strvec;

static void strvec_free(strvec *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* Append S (taken; freed on failure).  0, or -1 on OOM. */
static int strvec_push(strvec *s, char *str)
{
	void *v = s->v;

	if (!str || sy_grow(&v, s->n, &s->cap, sizeof *s->v)) {
		free(str);
		return -1;
	}
	s->v = v;
	s->v[s->n++] = str;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* DIR/NAME: new string, NULL on OOM. */
static char *join(const char *dir, const char *name)
{
	size_t d = strlen(dir);
	char *p = malloc(d + strlen(name) + 2);

	if (p)
		sprintf(p, "%s%s%s", dir, d && dir[d - 1] == '/' ? "" : "/",
			name);
	return p;
}

static bool ends_txt(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Append DIR's regular *.txt files, sorted by name, to OUT. */
static sy_status expand_dir(const char *dir, strvec *out, sy_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	strvec found = { 0 };
	struct stat sb;

	if (!d)
		return sy_fail(err, SY_ERR_IO, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char *p;
		if (!ends_txt(de->d_name))
			continue;
		if (!(p = join(dir, de->d_name)) || strvec_push(&found, p)) {
			closedir(d);
			strvec_free(&found);
			return sy_fail(err, SY_ERR_NOMEM,
				       "%s: out of memory", dir);
		}
		if (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode))
			free(found.v[--found.n]);
	}
	closedir(d);
	if (found.n == 0) {
		strvec_free(&found);
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: no report (*.txt) in this folder", dir);
	}
	qsort(found.v, found.n, sizeof *found.v, cmp_str);
	for (size_t i = 0; i < found.n; i++) {
		if (strvec_push(out, found.v[i])) {
			found.v[i] = NULL;
			strvec_free(&found);
			return sy_fail(err, SY_ERR_NOMEM,
				       "%s: out of memory", dir);
		}
		found.v[i] = NULL;
	}
	strvec_free(&found);
	return SY_OK;
}

sy_status sy_review_expand(char *const *args, size_t nargs, char ***out,
			   size_t *nout, sy_error *err)
{
	strvec v = { 0 };
	sy_status st = SY_OK;
	struct stat sb;

	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < nargs && st == SY_OK; i++) {
		if (stat(args[i], &sb) != 0)
			st = sy_fail(err, SY_ERR_IO, "%s: %s", args[i],
				     strerror(errno));
		else if (S_ISDIR(sb.st_mode))
			st = expand_dir(args[i], &v, err);
		else if (strvec_push(&v, strdup(args[i])))
			st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory",
				     args[i]);
	}
	if (st == SY_OK && v.n == 0)
		st = sy_fail(err, SY_ERR_USAGE, "no report given");
	if (st != SY_OK) {
		strvec_free(&v);
		return st;
	}
	*out = v.v;
	*nout = v.n;
	return SY_OK;
}
