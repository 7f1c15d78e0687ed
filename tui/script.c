/* script.c - keys read from a file (--script), for tests and benchmarks,
 * in the spirit of tig's test scripts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"
#include "display.h"
#include "keys.h"
#include "base/utf8.h"
#include "model/annot.h"

#define KEY_DUMP (-2)
/* :resize COLSxROWS: this marker, then the columns and the rows */
#define KEY_RESIZE_CMD (-4)
/* what a terminal can be, at least and at most */
#define RESIZE_MIN 1
#define RESIZE_MAX 1000

sy_status sy_keysrc_open(sy_keysrc *k, const char *path, sy_error *err)
{
	memset(k, 0, sizeof *k);
	k->script = fopen(path, "r");
	if (!k->script)
		return sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(errno));
	return SY_OK;
}

void sy_keysrc_close(sy_keysrc *k)
{
	if (k->script)
		fclose(k->script);
	free(k->pending);
	memset(k, 0, sizeof *k);
}

static int push(sy_keysrc *k, int key)
{
	void *v = k->pending;

	if (sy_grow(&v, k->npending, &k->cappending, sizeof *k->pending))
		return -1;
	k->pending = v;
	k->pending[k->npending++] = key;
	return 0;
}

/* Parse one script line into pending keys. */
static sy_status parse_line(sy_keysrc *k, char *line, sy_error *err)
{
	char *p = line;

	while (*p) {
		char tok[256];
		size_t n = 0;
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			break;
		if (*p == '"') {                 /* "text" typed as it is */
			p++;
			while (*p && *p != '"') {
				uint32_t c;
				size_t len;
				if (*p == '\\' && p[1])
					p++;
				len = sy_utf8_decode((const unsigned char *)p, strlen(p), &c);
				if (!len)
					return sy_fail(err, SY_ERR_USAGE, "script line %d: invalid UTF-8", k->line);
				if (push(k, (int)c))
					return sy_fail(err, SY_ERR_NOMEM, "out of memory");
				p += len;
			}
			if (*p != '"')
				return sy_fail(err, SY_ERR_USAGE, "script line %d: unterminated \"", k->line);
			p++;
			continue;
		}
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' &&
		       n + 1 < sizeof tok)
			tok[n++] = *p++;
		tok[n] = '\0';
		if (!strcmp(tok, ":dump")) {
			if (push(k, KEY_DUMP))
				return sy_fail(err, SY_ERR_NOMEM, "out of memory");
			continue;
		}
		if (!strcmp(tok, ":resize")) {
			int cols, rows;
			char c;
			n = 0;
			while (*p == ' ' || *p == '\t')
				p++;
			while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' &&
			       n + 1 < sizeof tok)
				tok[n++] = *p++;
			tok[n] = '\0';
			if (sscanf(tok, "%dx%d%c", &cols, &rows, &c) != 2 ||
			    cols < RESIZE_MIN || cols > RESIZE_MAX ||
			    rows < RESIZE_MIN || rows > RESIZE_MAX)
				return sy_fail(err, SY_ERR_USAGE,
					       "script line %d: :resize wants COLSxROWS (1-%d each), got '%s'",
					       k->line, RESIZE_MAX, tok);
			if (push(k, KEY_RESIZE_CMD) || push(k, cols) || push(k, rows))
				return sy_fail(err, SY_ERR_NOMEM, "out of memory");
			continue;
		}
		{
			int key = sy_key_parse(tok);
			if (key < 0)
				return sy_fail(err, SY_ERR_USAGE, "script line %d: unknown key '%s'",
					       k->line, tok);
			if (push(k, key))
				return sy_fail(err, SY_ERR_NOMEM, "out of memory");
		}
	}
	return SY_OK;
}

/* Lines of any length: a long "quoted text" is not cut (a cut inside a
 * character would read as invalid UTF-8). */
int sy_keysrc_next(sy_keysrc *k, sy_error *err)
{
	while (k->ipending >= k->npending) {
		char *line = NULL;
		size_t cap = 0;
		sy_status st;
		k->ipending = k->npending = 0;
		if (getline(&line, &cap, k->script) < 0) {
			free(line);
			return SY_KEY_NONE;
		}
		k->line++;
		st = parse_line(k, line, err);
		free(line);
		if (st != SY_OK)
			return -3;
	}
	if (k->pending[k->ipending] == KEY_RESIZE_CMD) {
		int cols = k->pending[k->ipending + 1];
		int rows = k->pending[k->ipending + 2];
		k->ipending += 3;
		dpy_resize(rows, cols);
		return SY_KEY_RESIZE;
	}
	return k->pending[k->ipending++];
}
