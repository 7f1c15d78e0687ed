/* settings.c - the reviewer's settings file (see settings.h), read with
 * libyaml's event parser.
 *
 * As the annotation reader, two steps: the events become a small tree
 * (format/yaml_tree.h, shared with it) that remembers where each value
 * was (line, column), refusing aliases, anchors, deep nesting and too many
 * nodes on the way; then the tree is checked and copied into the
 * sy_config, with "FILE:LINE:COLUMN: reason" for anything that does not
 * belong.
 */
#include "config/settings.h"
#include "base/fileopen.h"
#include "base/i18n.h"
#include "format/yaml_pos.h"
#include "format/yaml_tree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#define MAX_FILE ((size_t)64 << 10)   /* the config file, in bytes */
#define MAX_DEPTH 16                  /* the settings need 3 */
#define MAX_NODES 40000u              /* a 64 KiB flow list holds fewer */
#define MAX_TAGS 1000
#define MAX_KEYS 1000
#define SHOW 60                       /* bytes of a bad value quoted */

const char *const sy_default_tags[] = {
	"borderline", "checked-source", "unclear", "ocr-error", "duplicate",
	"needs-discussion", NULL
};

/* ------------------------------------------------------------ paths */

/* A new string A + B + C (caller frees), NULL on OOM (errno ENOMEM). */
static char *cat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *r = malloc(la + lb + lc + 1);

	if (!r) {
		errno = ENOMEM;
		return NULL;
	}
	memcpy(r, a, la);
	memcpy(r + la, b, lb);
	memcpy(r + la + lb, c, lc + 1);
	return r;
}

/* XDG_CONFIG_HOME counts only when absolute (the XDG base directory
 * specification says to ignore a relative one). */
char *sy_config_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	errno = 0;
	if (xdg && xdg[0] == '/')
		return cat3(xdg, "/", "shenyue");
	if (home && home[0])
		return cat3(home, "/.config/", "shenyue");
	return NULL;
}

/* Same rules and errno as sy_config_dir. */
char *sy_config_default_path(void)
{
	char *dir = sy_config_dir(), *r;

	if (!dir)
		return NULL;
	r = cat3(dir, "/", "config.yaml");
	free(dir);
	return r;
}

/* ------------------------------------------------------------ context */

typedef struct cctx {
	yaml_parser_t y;
	const char *name;      /* the file, for messages */
	const char *buf;
	size_t len;
	sy_error *err;
	sy_ytree t;            /* the tree of the file (yaml_tree.h) */
} cctx;

/* "NAME:LINE:COLUMN: message" for C's input (yaml_pos.h). */
#define fail_at(c, ...) sy_yaml_fail_at((c)->err, (c)->name, __VA_ARGS__)
#define FAIL_NODE(c, p, code, ...) fail_at((c), (p)->line, (p)->col, (code), __VA_ARGS__)

static sy_status nomem(cctx *c)
{
	return sy_ytree_nomem(&c->t);
}

/* Line and column (0-based, the column in code points) of byte OFF. */
static void locate(const void *ctx, size_t off, size_t *line, size_t *col)
{
	const cctx *c = ctx;

	*line = *col = 0;
	sy_text_advance(c->buf, off < c->len ? off : c->len, line, col);
}

/* The message for a failed yaml_parser_parse. */
static sy_status syntax_error(cctx *c)
{
	return sy_yaml_syntax_error(c->err, c->name, &c->y, locate, c);
}

/* The next event into EV (the caller deletes it on success): the tree's
 * next hook. */
static sy_status next_event(void *ctx, yaml_event_t *ev)
{
	cctx *c = ctx;

	if (!yaml_parser_parse(&c->y, ev))
		return syntax_error(c);
	return SY_OK;
}

/* ------------------------------------------------------------ checks */

/* YAML null: a plain ~, null, Null, NULL or nothing (the tree keeps no
 * tags). */
#define is_null sy_ynode_is_null

/* P for messages: 'text', "a list", "a mapping", "nothing" (null). */
static const char *shown(const sy_ynode *p, char *buf, size_t size)
{
	if (p->kind == SY_NODE_SEQ)
		return _("a list");
	if (p->kind == SY_NODE_MAP)
		return _("a mapping");
	if (is_null(p))
		return _("nothing");
	snprintf(buf, size, "'%.*s'", SHOW, p->text);
	return buf;
}

/* Refuse control characters in the string P (WHAT names it). */
static sy_status check_chars(cctx *c, const sy_ynode *p, const char *what)
{
	size_t i;

	for (i = 0; i < p->len; i++) {
		unsigned char ch = (unsigned char)p->text[i];
		if (ch < 0x20 || ch == 0x7f)
			return FAIL_NODE(c, p, SY_ERR_FORMAT,
					 "%s: control character in '%.*s'",
					 what, SHOW, p->text);
	}
	return SY_OK;
}

/* A non-empty string P (WHAT: "reviewer", "tags"...; NOUN: what it
 * should be, for messages). */
static sy_status check_string(cctx *c, const sy_ynode *p, const char *what,
			      const char *noun)
{
	char buf[SHOW + 8];

	if (p->kind != SY_NODE_SCALAR || is_null(p))
		return FAIL_NODE(c, p, SY_ERR_FORMAT, "%s: expected %s, not %s",
				 what, noun, shown(p, buf, sizeof buf));
	if (p->len == 0)
		return FAIL_NODE(c, p, SY_ERR_FORMAT,
				 "%s: expected %s, not an empty string", what,
				 noun);
	return check_chars(c, p, what);
}

/* The string setting V (absent when NULL, not set when null) into *OUT,
 * a new string. */
static sy_status read_string(cctx *c, const sy_ynode *v, const char *what,
			     const char *noun, char **out)
{
	sy_status st;

	if (!v || is_null(v))
		return SY_OK;
	if ((st = check_string(c, v, what, noun)) != SY_OK)
		return st;
	if (!(*out = strdup(v->text)))
		return nomem(c);
	return SY_OK;
}

/* The setting WHAT, V (NULL: absent), is null (*N = 0) or a collection
 * of KIND (NOUN in messages) of *N entries, at most MAX (ENTRIES in
 * messages); *ARR becomes a zeroed array of as many, SIZE bytes each
 * (NULL for none). */
static sy_status take_list(cctx *c, const sy_ynode *v, sy_node_kind kind,
			   const char *what, const char *noun, int max,
			   const char *entries, void **arr, size_t size,
			   size_t *n)
{
	size_t step = kind == SY_NODE_MAP ? 2 : 1;
	char buf[SHOW + 8];

	*arr = NULL;
	*n = 0;
	if (!v || is_null(v))
		return SY_OK;
	if (v->kind != kind)
		return FAIL_NODE(c, v, SY_ERR_FORMAT, "%s: expected %s, not %s",
				 what, noun, shown(v, buf, sizeof buf));
	if (v->n / step > (size_t)max)
		return FAIL_NODE(c, v->kids[step * (size_t)max], SY_ERR_LIMIT,
				 "%s: more than %d %s", what, max, entries);
	if (v->n && !(*arr = calloc(v->n / step, size)))
		return nomem(c);
	*n = v->n / step;
	return SY_OK;
}

static sy_status read_tags(cctx *c, const sy_ynode *v, sy_config *cf)
{
	void *arr;
	size_t n, i, j;
	sy_status st = take_list(c, v, SY_NODE_SEQ, "tags",
				 _("a list of tags ([a, b] or '- tag' lines)"),
				 /* TRANSLATORS: "tags: more than 64 tags" */
				 MAX_TAGS, _("tags"), &arr, sizeof *cf->tags, &n);

	cf->tags = arr;
	for (i = 0; st == SY_OK && i < n; i++) {
		const sy_ynode *t = v->kids[i];
		if (t->kind == SY_NODE_SCALAR && (is_null(t) || t->len == 0))
			return FAIL_NODE(c, t, SY_ERR_FORMAT, "tags: empty tag");
		if ((st = check_string(c, t, "tags", _("a tag"))) != SY_OK)
			return st;
		for (j = 0; j < i; j++)
			if (strcmp(v->kids[j]->text, t->text) == 0)
				return FAIL_NODE(c, t, SY_ERR_FORMAT,
						 "tags: duplicate tag '%.*s' "
						 "(first at line %zu)", SHOW,
						 t->text, v->kids[j]->line + 1);
		cf->ntags = i + 1;
		if (!(cf->tags[i] = strdup(t->text)))
			return nomem(c);
	}
	return st;
}

static sy_status read_keys(cctx *c, const sy_ynode *v, sy_config *cf)
{
	void *arr;
	size_t n, i, j;
	sy_status st = take_list(c, v, SY_NODE_MAP, "keys",
				 _("a mapping of 'action: key' lines"), MAX_KEYS,
				 _("key bindings"), &arr, sizeof *cf->keys, &n);

	cf->keys = arr;
	if (st != SY_OK)
		return st;
	for (i = 0; i < 2 * n; i += 2) {
		const sy_ynode *a = v->kids[i], *k = v->kids[i + 1];
		char what[SHOW + 16];
		sy_config_key *ck = &cf->keys[i / 2];

		if (a->len == 0)
			return FAIL_NODE(c, a, SY_ERR_FORMAT,
					 "keys: empty action name");
		if ((st = check_chars(c, a, "keys")) != SY_OK)
			return st;
		for (j = 0; j < i; j += 2)
			if (strcmp(v->kids[j]->text, a->text) == 0)
				return FAIL_NODE(c, a, SY_ERR_FORMAT,
						 "keys: '%.*s' given twice "
						 "(first at line %zu)", SHOW,
						 a->text, v->kids[j]->line + 1);
		snprintf(what, sizeof what, "keys: %.*s", SHOW, a->text);
		if ((st = check_string(c, k, what, _("a key name"))) != SY_OK)
			return st;
		cf->nkeys = i / 2 + 1;
		ck->line = (int)a->line + 1;
		ck->column = (int)a->col + 1;
		if (!(ck->action = strdup(a->text)) ||
		    !(ck->key = strdup(k->text)))
			return nomem(c);
	}
	return SY_OK;
}

enum { S_REVIEWER, S_THEME, S_TAGS, S_KEYS, S_COUNT };
static const char *const setting_names[S_COUNT] = {
	"reviewer", "theme", "tags", "keys"
};

/* The tree ROOT (NULL: no document) into CF. */
static sy_status read_root(cctx *c, const sy_ynode *root, sy_config *cf)
{
	const sy_ynode *key[S_COUNT] = { NULL }, *val[S_COUNT] = { NULL };
	char buf[SHOW + 8];
	size_t i, s;
	sy_status st;

	if (!root || is_null(root))
		return SY_OK;
	if (root->kind != SY_NODE_MAP)
		return FAIL_NODE(c, root, SY_ERR_FORMAT,
				 "expected a mapping of settings (reviewer, "
				 "theme, tags, keys), not %s",
				 shown(root, buf, sizeof buf));
	for (i = 0; i < root->n; i += 2) {
		const sy_ynode *k = root->kids[i];
		for (s = 0; s < S_COUNT && strcmp(k->text, setting_names[s]); s++)
			;
		if (s == S_COUNT)
			return FAIL_NODE(c, k, SY_ERR_FORMAT,
					 "unknown setting '%.*s' (known: "
					 "reviewer, theme, tags, keys)", SHOW,
					 k->text);
		if (key[s])
			return FAIL_NODE(c, k, SY_ERR_FORMAT,
					 "duplicate setting '%s' (first at "
					 "line %zu)", setting_names[s],
					 key[s]->line + 1);
		key[s] = k;
		val[s] = root->kids[i + 1];
	}
	if ((st = read_string(c, val[S_REVIEWER], "reviewer",
			      _("a reviewer name"), &cf->reviewer)) != SY_OK ||
	    (st = read_string(c, val[S_THEME], "theme",
			      _("a theme name or path"), &cf->theme)) != SY_OK ||
	    (st = read_tags(c, val[S_TAGS], cf)) != SY_OK)
		return st;
	return read_keys(c, val[S_KEYS], cf);
}

/* Parse BUF[0..LEN) (NAME in messages) into CF, which is empty. */
static sy_status parse_config(const char *buf, size_t len, const char *name,
			      sy_config *cf, sy_error *err)
{
	cctx c;
	sy_ynode *root = NULL;
	const char *z;
	sy_status st;

	memset(&c, 0, sizeof c);
	c.name = name;
	c.buf = buf;
	c.len = len;
	c.err = err;
	c.t.name = name;
	c.t.err = err;
	c.t.max_depth = MAX_DEPTH;
	c.t.max_nodes = MAX_NODES;
	c.t.next = next_event;
	c.t.ctx = &c;
	if (len && (z = memchr(buf, '\0', len)) != NULL) {
		size_t line, col;
		locate(&c, (size_t)(z - buf), &line, &col);
		return fail_at(&c, line, col, SY_ERR_FORMAT,
			       "NUL byte in input (not a text file)");
	}
	if (!yaml_parser_initialize(&c.y))
		return nomem(&c);
	yaml_parser_set_input_string(&c.y, (const unsigned char *)buf, len);
	st = sy_ytree_document(&c.t, &root);
	yaml_parser_delete(&c.y);
	if (st == SY_OK)
		st = read_root(&c, root, cf);
	sy_ytree_free(&c.t);
	return st;
}

/* ------------------------------------------------------------ files */

/* All of FD (the file PATH) into *BUF (owned by the caller), *LEN bytes;
 * more than MAX_FILE is SY_ERR_LIMIT. */
static sy_status read_fd(int fd, const char *path, char **buf, size_t *len,
			 sy_error *err)
{
	struct stat sb;
	size_t n = 0;
	char *p;

	if (fstat(fd, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return sy_fail(err, SY_ERR_IO, "%s: is a folder", path);
		if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > MAX_FILE)
			goto too_large;
	}
	if (!(p = malloc(MAX_FILE + 1)))
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
	while (n <= MAX_FILE) {
		ssize_t r = read(fd, p + n, MAX_FILE + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(p);
			return sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > MAX_FILE) {
		free(p);
		goto too_large;
	}
	*buf = p;
	*len = n;
	return SY_OK;
too_large:
	return sy_fail(err, SY_ERR_LIMIT,
		       "%s: config file too large (more than %zu KiB)", path,
		       MAX_FILE >> 10);
}

/* PATH NULL: the default path, where a missing file (or a missing folder
 * on the way) gives SY_OK and an empty *C with path NULL.  On success *C
 * owns its strings (free with sy_config_free); on failure *C is empty and
 * ERR says "FILE: reason" (I/O, size) or "FILE:LINE:COLUMN: reason". */
sy_status sy_config_load(const char *path, sy_config *c, sy_error *err)
{
	char *def = NULL, *buf = NULL;
	size_t len = 0;
	sy_status st;
	int fd;

	memset(c, 0, sizeof *c);
	if (!path) {
		def = sy_config_default_path();
		if (!def)
			return errno == ENOMEM
			       ? sy_fail(err, SY_ERR_NOMEM,
					 "config file: out of memory")
			       : SY_OK;
		path = def;
	}
	/* a regular file only: a FIFO would block (fileopen.h) */
	if ((st = sy_open_regular(path, &fd, NULL, err)) != SY_OK) {
		if (def && (errno == ENOENT || errno == ENOTDIR))
			st = SY_OK;
		free(def);
		return st;
	}
	st = read_fd(fd, path, &buf, &len, err);
	close(fd);
	if (st == SY_OK)
		st = parse_config(buf, len, path, c, err);
	free(buf);
	if (st == SY_OK && !(c->path = def ? def : strdup(path)))
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
	if (st != SY_OK) {
		sy_config_free(c);      /* never owns DEF here */
		free(def);
	}
	return st;
}

/* Frees what *C owns and leaves it empty; C may be NULL. */
void sy_config_free(sy_config *c)
{
	size_t i;

	if (!c)
		return;
	free(c->path);
	free(c->reviewer);
	free(c->theme);
	for (i = 0; i < c->ntags; i++)
		free(c->tags[i]);
	free(c->tags);
	for (i = 0; i < c->nkeys; i++) {
		free(c->keys[i].action);
		free(c->keys[i].key);
	}
	free(c->keys);
	memset(c, 0, sizeof *c);
}
