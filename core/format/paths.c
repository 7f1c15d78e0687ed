/* paths.c - see paths.h */
#include "format/paths.h"

#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/annot.h"

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

char *sy_annot_path_for(const char *report, const char *outdir)
{
	const char *base = base_name(report);
	size_t blen = strlen(base), dlen;
	char *out;

	if (blen > 4 && !strcmp(base + blen - 4, ".txt"))
		blen -= 4;
	if (outdir) {
		dlen = strlen(outdir);
		out = malloc(dlen + 1 + blen + 6);
		if (out)
			sprintf(out, "%s%s%.*s.yaml", outdir,
				dlen && outdir[dlen - 1] == '/' ? "" : "/",
				(int)blen, base);
	} else {
		dlen = (size_t)(base - report);
		out = malloc(dlen + blen + 6);
		if (out)
			sprintf(out, "%.*s%.*s.yaml", (int)dlen, report, (int)blen, base);
	}
	return out;
}

/* The folder of PATH, resolved; new string or NULL. */
static char *real_dir(const char *path)
{
	char *copy = sy_strdup(path), *slash, *r;
	if (!copy)
		return NULL;
	slash = strrchr(copy, '/');
	if (slash == copy)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	r = realpath(slash ? copy : ".", NULL);
	free(copy);
	return r;
}

char *sy_source_path_for(const char *report, const char *annot_path)
{
	char *from = real_dir(annot_path), *to = realpath(report, NULL), *out;
	size_t common = 0, ups = 0, n;
	const char *rest;

	if (!from || !to) {
		free(from);
		free(to);
		return sy_strdup(report);
	}
	/* longest common folder prefix */
	for (size_t i = 0; from[i] && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i;
	if (from[strlen(from)] == '\0' && to[strlen(from)] == '/' &&
	    !strncmp(from, to, strlen(from)))
		common = strlen(from);
	for (const char *p = from + common; *p; p++)
		if (*p == '/')
			ups++;
	if (!strcmp(from, "/"))
		ups = 0;
	rest = to + common + (to[common] == '/' ? 1 : 0);
	n = ups * 3 + strlen(rest) + 1;
	out = malloc(n);
	if (out) {
		out[0] = '\0';
		for (size_t i = 0; i < ups; i++)
			strcat(out, "../");
		strcat(out, rest);
	}
	free(from);
	free(to);
	return out;
}

sy_status sy_make_dirs(const char *dir, sy_error *err)
{
	char *p = sy_strdup(dir);
	if (!p)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) && errno != EEXIST) {
				sy_fail(err, SY_ERR_IO, "%s: cannot create folder: %s", p,
					strerror(errno));
				free(p);
				return SY_ERR_IO;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return SY_OK;
}
