/* position.c - see position.h */
#include "session/position.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/annot_io.h"
#include "format/paths.h"
#include "base/path.h"
#include "base/sha256.h"

char *sy_position_key(char *const *args, size_t nargs)
{
	char *key = NULL;
	size_t len = 0;

	for (size_t i = 0; i < nargs; i++) {
		char *real = realpath(args[i], NULL), *k;
		size_t n;
		if (!real) {
			free(key);
			return NULL;
		}
		n = strlen(real);
		k = realloc(key, len + n + 2);
		if (!k) {
			free(real);
			free(key);
			return NULL;
		}
		key = k;
		if (len)
			key[len++] = '\n';
		memcpy(key + len, real, n + 1);
		len += n;
		free(real);
	}
	return key;
}

/* The folder of the stored positions (new string), or NULL without a
 * home. */
static char *state_dir(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (x && x[0] == '/')
		return sy_path_join(x, "shenyue");
	if (!home || !*home)
		return NULL;
	return sy_path_join(home, ".local/state/shenyue");
}

/* The file of KEY's position (new string); NULL with ERR filled. */
static char *position_path(const char *key, sy_error *err)
{
	sy_sha256 c;
	char hex[65], name[sizeof "batch-.pos" + 32], *dir = state_dir(), *p;

	if (!dir) {
		sy_fail(err, SY_ERR_USAGE, "no place for the batch position: "
			"neither XDG_STATE_HOME nor HOME is set");
		return NULL;
	}
	sy_sha256_init(&c);
	sy_sha256_update(&c, key, strlen(key));
	sy_sha256_hex(&c, hex);
	snprintf(name, sizeof name, "batch-%.32s.pos", hex);
	if (!(p = sy_path_join(dir, name)))
		sy_fail(err, SY_ERR_NOMEM, "out of memory");
	free(dir);
	return p;
}

/* The value of "NAME: value" in line LINE, or NULL. */
static const char *field(const char *line, const char *name)
{
	size_t n = strlen(name);
	return strncmp(line, name, n) == 0 && line[n] == ':' && line[n + 1] == ' '
	       ? line + n + 2 : NULL;
}

sy_status sy_position_load(const char *key, char **report, char **item,
			   sy_error *err)
{
	char *path = position_path(key, err), line[PATH_MAX + 64];
	size_t at = 0, klen = strlen(key);
	bool ours = true;
	FILE *f;

	*report = *item = NULL;
	if (!path)
		return err->code;
	if (!(f = fopen(path, "r"))) {
		sy_status st = errno == ENOENT ? SY_OK
			: sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(errno));
		free(path);
		return st;
	}
	while (fgets(line, sizeof line, f)) {
		const char *v;
		line[strcspn(line, "\n")] = '\0';
		if ((v = field(line, "batch"))) {
			/* the key's lines in order, each a batch: line */
			size_t n = strlen(v);
			if (at > klen || strncmp(key + at, v, n) ||
			    (key[at + n] != '\n' && key[at + n] != '\0'))
				ours = false;
			else
				at += n + 1;
		}
		else if ((v = field(line, "report")) && !*report)
			*report = strdup(v);
		else if ((v = field(line, "item")) && !*item)
			*item = strdup(v);
	}
	fclose(f);
	free(path);
	if (!ours || at != klen + 1 || !*report) {          /* another batch's file, or empty */
		free(*report);
		free(*item);
		*report = *item = NULL;
	}
	return SY_OK;
}

sy_status sy_position_save(const char *key, const char *report, const char *item,
			   sy_error *err)
{
	char *path = position_path(key, err), *real, *dir, *buf = NULL, *k;
	size_t len = 0;
	sy_status st;
	FILE *m;

	if (!path)
		return err->code;
	if (!(real = realpath(report, NULL))) {
		st = sy_fail(err, SY_ERR_IO, "%s: %s", report, strerror(errno));
		free(path);
		return st;
	}
	dir = strdup(path);
	if (!dir) {
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto done;
	}
	*strrchr(dir, '/') = '\0';
	if ((st = sy_make_dirs(dir, err)) != SY_OK)
		goto done;
	if (!(m = open_memstream(&buf, &len))) {
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto done;
	}
	fputs("# shenyue: where the review of this batch was left\n", m);
	/* the key's lines, each as a batch: line (a key holds no newline
	 * otherwise: they are real paths, one per line) */
	for (const char *p = key; *p; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] != '\0')) {
		k = strchr(p, '\n');
		fprintf(m, "batch: %.*s\n", (int)(k ? (size_t)(k - p) : strlen(p)), p);
	}
	fprintf(m, "report: %s\n", real);
	if (item && *item)
		fprintf(m, "item: %s\n", item);
	if (fclose(m)) {
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto done;
	}
	st = sy_write_atomic(path, buf, len, err);
done:
	free(buf);
	free(dir);
	free(real);
	free(path);
	return st;
}
