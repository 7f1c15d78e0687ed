/* annot_parse.c - reading the annotation file (format 1) (see annot_io.h);
 * the reader proper (its files: annot_rd.h).
 *
 * Two steps: YAML events become a small tree (yaml_tree.h) that remembers
 * where each value was (line, column), refusing aliases, anchors, deep
 * nesting, huge scalars and too many nodes on the way; then the tree is
 * mapped onto the model (annot_fields.c), refusing anything that is not
 * format 1 with "NAME:LINE:COLUMN: reason".  Unknown keys become sy_nodes
 * in `extra`.
 *
 * The events come first from a fast scanner for the subset of YAML that
 * sy_annot_emit writes (fast_scan.c), which also reads most items of the
 * lists straight into the model (annot_direct.c).  When it meets anything
 * else, or anything at all fails, the input is read again from the start
 * with libyaml's event parser, so that what is accepted, the model and
 * every message are those of libyaml's reading (sy_annot_parse_libyaml
 * reads with libyaml alone; tests/test_fastread.c and fuzz/fuzz_annot.c
 * compare the two).
 *
 * The item lists are streamed: when `sections` or `statistics` comes after
 * `source` in the top-level mapping (as the writer puts it), each item is
 * built as a small tree, read into the model at once and dropped before the
 * next item is parsed, and the top-level tree only holds an empty list in
 * its place.  A failure in such an item is kept and reported where the
 * whole-tree reading would have reported it (after any YAML error anywhere
 * in the file, after format, source and document, before review), so the
 * messages are the same either way.  Lists that come before `source` are
 * kept as trees and read at the end, as everything else.  Duplicate ids
 * and the next free ids are found at the end from the model, with the
 * place of each item's id kept on the side (itemlist.pos).
 *
 * sy_annot_load reads a regular file as the parser asks for it (fdin.h),
 * never holding all of it.  All tree nodes live in the tree's arena: a
 * streamed item is released with sy_arena_release, the rest goes with
 * the arena.
 */
#include "format/annot_rd.h"
#include "model/annot_limits.h"
#include "base/i18n.h"
#include "base/fileopen.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SY_MAX_NODES
#define SY_MAX_NODES 10000000u
#endif
#define MAX_NODES SY_MAX_NODES

#define is_null sy_ynode_is_null
#define nomem sy_rd_nomem
#define top_keys sy_rd_top_keys

/* Line and column (0-based, column in code points) of byte OFF in the
 * input.  A file is read again from its start for this. */
static void locate(const void *ctx, size_t off, size_t *line, size_t *col)
{
	const pctx *c = ctx;

	if (c->in) {
		sy_fdin_locate(c->in, off, line, col);
		return;
	}
	*line = *col = 0;
	sy_text_advance(c->buf, off < c->len ? off : c->len, line, col);
}

/* Next event into EV (to be released with event_delete on success): the
 * tree's next hook. */
static sy_status next_event(void *ctx, yaml_event_t *ev)
{
	pctx *c = ctx;

	if (c->fast)
		return sy_fast_next(c->fast, ev, c->err, c->name);
	if (!yaml_parser_parse(&c->y, ev))
		return sy_yaml_syntax_error(c->err, c->name, &c->y, locate, c);
	return SY_OK;
}

/* Release EV (a fast scanner's event owns nothing): the tree's release
 * hook. */
static void event_delete(void *ctx, yaml_event_t *ev)
{
	pctx *c = ctx;

	if (!c->fast)
		yaml_event_delete(ev);
}

/* ------------------------------------------------------------ the items */

/* Whether the fast scanner may read items directly now: a list is being
 * streamed and none of its items failed. */
static void sync_direct(pctx *c)
{
	if (c->fast)
		c->fast->direct_on = c->direct &&
				     c->lists[c->direct - 1].st == SY_OK;
}

/* The node of the `id` value of item map M (for messages). */
static const sy_ynode *id_node(const sy_ynode *m)
{
	size_t i;

	for (i = 0; i < m->n; i += 2)
		if (strcmp(m->kids[i]->text, sy_rd_section_keys[SY_SEC_ID]) == 0)
			return m->kids[i + 1];
	return m;
}

static sy_status read_item(pctx *c, int list, const sy_ynode *m)
{
	void *item = sy_rd_new_item(c, list);
	sy_status st;

	if (!item)
		return nomem(c);
	st = sy_rd_item(c, list, m, item);
	return st == SY_OK ? sy_rd_note_pos(c, list, id_node(m)) : st;
}

/* The list to stream (L_SECTIONS, L_STATS) when the value whose first
 * event is EV belongs to the last key of the top-level mapping ROOT, or -1:
 * the key is `sections` or `statistics`, the value a sequence, the key not
 * seen before (a second one is refused later), and `source` came before.
 * *SOURCE is then the first source value. */
static int stream_list(const sy_ynode *root, const yaml_event_t *ev,
		       const sy_ynode **source)
{
	const char *key = root->kids[root->n - 1]->text;
	int list;
	size_t i;

	*source = NULL;
	if (ev->type != YAML_SEQUENCE_START_EVENT)
		return -1;
	if (strcmp(key, top_keys[SY_TOP_SECTIONS]) == 0)
		list = L_SECTIONS;
	else if (strcmp(key, top_keys[SY_TOP_STATISTICS]) == 0)
		list = L_STATS;
	else
		return -1;
	for (i = 0; i + 1 < root->n; i += 2) {
		const char *k = root->kids[i]->text;
		if (strcmp(k, key) == 0)
			return -1;
		if (!*source && strcmp(k, top_keys[SY_TOP_SOURCE]) == 0)
			*source = root->kids[i + 1];
	}
	return *source ? list : -1;
}

/* Stream the sequence that starts with EV (consumed) as list LIST: each
 * item is built, read into the model (source.chars taken from SOURCE, the
 * source value) and released at once.  The first failure of an item is
 * kept in the list for read_items; later items are then only parsed.
 * YAML errors are returned at once.  *OUT is an empty sequence node in
 * C's arena standing for the list in the tree. */
static sy_status stream_items(pctx *c, yaml_event_t *ev, int list,
			      const sy_ynode *source, sy_ynode **out)
{
	itemlist *l = &c->lists[list];
	yaml_event_t iev;
	sy_ynode *p = NULL, *item;
	sy_status st = SY_OK;
	size_t i;

	*out = NULL;
	if (++c->t.nodes > c->t.max_nodes)
		st = FAIL_MARK(c, ev->start_mark, SY_ERR_LIMIT,
			       "more than %u YAML nodes", c->t.max_nodes);
	else if (ev->data.sequence_start.anchor)
		st = FAIL_MARK(c, ev->start_mark, SY_ERR_FORMAT,
			       "anchors are not allowed");
	else if (!(p = sy_ytree_node(&c->t, SY_NODE_SEQ, ev,
				     ev->data.sequence_start.tag, 0)))
		st = nomem(c);
	event_delete(c, ev);
	if (st != SY_OK)
		return st;
	l->streamed = true;
	/* source.chars as read_source will read it; when it will refuse it,
	 * the items do not matter */
	c->chars = SIZE_MAX;
	for (i = 0; source->kind == SY_NODE_MAP && i < source->n; i += 2) {
		const sy_ynode *v = source->kids[i + 1];
		long long n;
		if (strcmp(source->kids[i]->text,
			   sy_rd_source_keys[SY_SRC_CHARS]) != 0)
			continue;
		if (sy_rd_is_plain(v) && sy_rd_parse_ll(v->text, &n) == 0 &&
		    n >= 0 &&
		    (unsigned long long)n <= SIZE_MAX)
			c->chars = (size_t)n;
		break;
	}
	c->direct = list + 1;
	sync_direct(c);
	for (;;) {
		sy_amark m;
		if ((st = next_event(c, &iev)) != SY_OK)
			break;
		if (iev.type == YAML_SEQUENCE_END_EVENT) {
			event_delete(c, &iev);
			*out = p;
			break;
		}
		m = sy_arena_mark(&c->t.ar);
		if ((st = sy_ytree_build(&c->t, &iev, 3, &item)) != SY_OK)
			break;
		if (l->st == SY_OK) {
			sy_error *keep = c->err;
			c->err = &l->err;
			l->st = read_item(c, list, item);
			c->err = keep;
			sync_direct(c);
		}
		sy_arena_release(&c->t.ar, m);
	}
	c->direct = 0;
	sync_direct(c);
	return st;
}

/* The tree's top hook: a list after `source` is streamed. */
static bool stream_hook(void *ctx, const sy_ynode *root, yaml_event_t *ev,
			sy_ynode **out, sy_status *st)
{
	const sy_ynode *source;
	int list = stream_list(root, ev, &source);

	if (list < 0)
		return false;
	*st = stream_items(ctx, ev, list, source, out);
	return true;
}

/* The list F (LIST: L_SECTIONS or L_STATS) into the model.  A streamed
 * list is already there: its kept failure, if any, is returned now. */
static sy_status read_items(pctx *c, const field *f, int list)
{
	const itemlist *l = &c->lists[list];
	size_t i;
	sy_status st;

	if (l->streamed) {
		if (l->st != SY_OK && c->err)
			*c->err = l->err;
		return l->st;
	}
	if (!f->v || is_null(f->v))
		return SY_OK;
	if (f->v->kind != SY_NODE_SEQ)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT, "%s must be a list",
				 f->key);
	for (i = 0; i < f->v->n; i++)
		if ((st = read_item(c, list, f->v->kids[i])) != SY_OK)
			return st;
	return SY_OK;
}

/* ------------------------------------------------------------ ids */

/* Item I of the model counting sections, then statistics, in file order
 * (before sorting): its id and where the id is. */
static const char *item_id(const pctx *c, size_t i, const idpos **where)
{
	const sy_annot *a = c->a;

	if (i < a->nsections) {
		*where = &c->lists[L_SECTIONS].pos[i];
		return a->sections[i].id;
	}
	*where = &c->lists[L_STATS].pos[i - a->nsections];
	return a->stats[i - a->nsections].id;
}

static uint32_t id_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Refuse a duplicate id over sections and statistics.  Of the ids that
 * occur more than once, the message names the smallest (strcmp), at its
 * second occurrence in the order sections, statistics. */
static sy_status check_ids(pctx *c)
{
	size_t n = c->a->nsections + c->a->nstats, cap = 16, i, h;
	size_t dup = SIZE_MAX, first = 0;
	const idpos *w, *w1;
	const char *id;
	uint32_t *t;

	if (n < 2)
		return SY_OK;
	if (n >= UINT32_MAX / 2)
		return nomem(c);
	while (cap < 2 * n)
		cap *= 2;
	t = malloc(cap * sizeof *t);
	if (!t)
		return nomem(c);
	memset(t, 0xff, cap * sizeof *t);
	for (i = 0; i < n; i++) {
		id = item_id(c, i, &w);
		for (h = id_hash(id) & (cap - 1); t[h] != UINT32_MAX;
		     h = (h + 1) & (cap - 1))
			if (strcmp(item_id(c, t[h], &w1), id) == 0)
				break;
		if (t[h] == UINT32_MAX) {
			t[h] = (uint32_t)i;
		} else if (dup == SIZE_MAX ||
			   strcmp(id, item_id(c, dup, &w1)) < 0) {
			dup = i;
			first = t[h];
		}
	}
	free(t);
	if (dup == SIZE_MAX)
		return SY_OK;
	id = item_id(c, dup, &w);
	item_id(c, first, &w1);
	return fail_at(c, w->line, w->col, SY_ERR_FORMAT,
		       "duplicate %s '%.40s' (first at line %zu)",
		       sy_rd_section_keys[SY_SEC_ID], id, w1->line + 1);
}

/* Raise *NEXT above the number of ID when ID is PREFIX + digits. */
static sy_status bump_next(pctx *c, const char *id, const idpos *where,
			   char prefix, unsigned *next)
{
	unsigned long long v = 0;
	const char *p;

	if (id[0] != prefix || !id[1])
		return SY_OK;
	for (p = id + 1; *p; p++) {
		if (*p < '0' || *p > '9')
			return SY_OK;
		v = v * 10 + (unsigned)(*p - '0');
		if (v >= UINT_MAX)
			return FAIL_NODE(c, where, SY_ERR_LIMIT,
					 "%s number too large: %.40s",
					 sy_rd_section_keys[SY_SEC_ID], id);
	}
	if (v + 1 > *next)
		*next = (unsigned)(v + 1);
	return SY_OK;
}

/* next_section_id / next_stat_id: one past the largest "sN" / "nN" in the
 * file, at least 1. */
static sy_status set_next_ids(pctx *c)
{
	sy_annot *a = c->a;
	size_t i;
	sy_status st;

	a->next_section_id = a->next_stat_id = 1;
	for (i = 0; i < a->nsections + a->nstats; i++) {
		const idpos *w;
		const char *id = item_id(c, i, &w);
		if ((st = bump_next(c, id, w, 's', &a->next_section_id)) != SY_OK ||
		    (st = bump_next(c, id, w, 'n', &a->next_stat_id)) != SY_OK)
			return st;
	}
	return SY_OK;
}

/* ------------------------------------------------------------ top level */

static sy_status check_format(pctx *c, const sy_ynode *root)
{
	const char *key = top_keys[SY_TOP_FORMAT];
	size_t i;

	if (root->kind != SY_NODE_MAP)
		return FAIL_NODE(c, root, SY_ERR_FORMAT,
				 "not a shenyue annotation file: expected a "
				 "mapping with '%s'", key);
	for (i = 0; i < root->n; i += 2) {
		const sy_ynode *v = root->kids[i + 1];
		if (strcmp(root->kids[i]->text, key) != 0)
			continue;
		if (v->kind != SY_NODE_SCALAR ||
		    strcmp(v->text, SY_FORMAT_NAME) != 0)
			return FAIL_NODE(c, v, SY_ERR_FORMAT,
					 "unknown %s '%.60s' (expected %s)", key,
					 sy_rd_shown(v), SY_FORMAT_NAME);
		return SY_OK;
	}
	return FAIL_NODE(c, root, SY_ERR_FORMAT,
			 "missing '%s' (not a shenyue annotation file)", key);
}

static sy_status read_root(pctx *c, const sy_ynode *root, sy_annot *a)
{
	field f[] = { SY_TOP_KEYS(SY_RD_FIELD_) };
	sy_status st;

	if ((st = check_format(c, root)) != SY_OK ||
	    (st = sy_rd_take_fields(c, root, "the top-level mapping", f,
				    SY_TOP_COUNT, &a->extra)) != SY_OK ||
	    (st = sy_rd_source(c, f[SY_TOP_SOURCE].v, &a->source)) != SY_OK ||
	    (st = sy_rd_document(c, f[SY_TOP_DOCUMENT].v, &a->doc)) != SY_OK ||
	    (st = read_items(c, &f[SY_TOP_SECTIONS], L_SECTIONS)) != SY_OK ||
	    (st = read_items(c, &f[SY_TOP_STATISTICS], L_STATS)) != SY_OK ||
	    (st = sy_rd_review(c, f[SY_TOP_REVIEW].v, &a->review)) != SY_OK ||
	    (st = sy_rd_proposers(c, &f[SY_TOP_PROPOSERS], &a->proposers))
		    != SY_OK ||
	    (st = check_ids(c)) != SY_OK ||
	    (st = set_next_ids(c)) != SY_OK)
		return st;
	sy_annot_sort(a);
	return SY_OK;
}

/* ------------------------------------------------------------ input */

/* Refuse a NUL byte anywhere in the input. */
static sy_status check_nul(pctx *c)
{
	const char *z = c->len ? memchr(c->buf, '\0', c->len) : NULL;
	size_t line, col;

	if (!z)
		return SY_OK;
	locate(c, (size_t)(z - c->buf), &line, &col);
	return fail_at(c, line, col, SY_ERR_FORMAT,
		       "NUL byte in input (not a text file)");
}

/* Build and read the whole document (see sy_annot_parse). */
static sy_status parse_all(pctx *c, sy_annot *a)
{
	sy_ynode *root;
	sy_status st;

	c->t.err = c->err;
	st = sy_ytree_document(&c->t, &root);

	return st == SY_OK ? read_root(c, root, a) : st;
}

/* Forget everything read so far, for reading again. */
static void reset(pctx *c, sy_annot *a)
{
	int i;

	sy_annot_free(a);
	sy_arena_release(&c->t.ar, (sy_amark){ NULL, 0 });
	for (i = 0; i < 2; i++) {
		free(c->lists[i].pos);
		memset(&c->lists[i], 0, sizeof c->lists[i]);
	}
	c->t.nodes = 0;
	c->chars = 0;
}

/* Parse the input (C->buf, or C->in from its start) into A, which owns the
 * result on success and is left empty on failure.  First with the fast
 * scanner; when it gives up or anything fails, again with libyaml, whose
 * reading decides. */
static sy_status run(pctx *c, sy_annot *a)
{
	sy_error *err = c->err, scratch;
	char empty[240];
	sy_fast f;
	sy_status st;
	locale_t cloc, old = (locale_t)0;
	bool yaml = false;

	c->a = a;
	/* numbers are read with '.', whatever LC_NUMERIC says */
	cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (cloc)
		old = uselocale(cloc);
	c->t.name = c->name;
	c->t.max_depth = SY_ANNOT_MAX_DEPTH;
	c->t.max_nodes = MAX_NODES;
	c->t.max_scalar = SY_MAX_SCALAR_BYTES;
	c->t.keep_tags = true;
	snprintf(empty, sizeof empty,
		 _("empty file: missing '%s' (not a shenyue annotation file)"),
		 top_keys[SY_TOP_FORMAT]);
	c->t.empty = empty;
	c->t.next = next_event;
	c->t.release = event_delete;
	c->t.top = stream_hook;
	c->t.ctx = c;
	memset(&f, 0, sizeof f);
	f.p = c->buf;
	f.end = c->buf ? c->buf + c->len : NULL;   /* no buffer: reading a file */
	f.in = c->in;
	f.ikey = sy_rd_section_keys[SY_SEC_ID];
	f.direct = sy_rd_direct_item;
	f.dctx = c;
	if (!c->libyaml_only) {
		const char *mode = getenv("SHENYUE_READER");
		c->libyaml_only = mode && strcmp(mode, "libyaml") == 0;
	}
	if (c->libyaml_only) {
		st = SY_ERR_FORMAT;
	} else {
		c->fast = &f;
		c->err = &scratch;
		st = parse_all(c, a);
		c->fast = NULL;
		c->err = err;
		sy_fast_free(&f);
		c->info.fast = st == SY_OK;
		if (st != SY_OK)
			c->info.direct = 0;
	}
	if (st != SY_OK) {
		reset(c, a);
		st = SY_OK;
		if (c->in)
			st = sy_fdin_rewind(c->in, c->name, err);
		if (st == SY_OK && !(yaml = yaml_parser_initialize(&c->y)))
			st = nomem(c);
		if (st == SY_OK) {
			if (c->in)
				yaml_parser_set_input(&c->y, sy_fdin_yaml_read,
						      c->in);
			else
				yaml_parser_set_input_string(
					&c->y, (const unsigned char *)c->buf, c->len);
			st = parse_all(c, a);
			if (st != SY_OK && c->in)
				st = sy_fdin_failure(c->in, c->name, err, st);
		}
	}
	if (cloc) {
		uselocale(old);
		freelocale(cloc);
	}
	if (yaml)
		yaml_parser_delete(&c->y);
	if (st != SY_OK)
		sy_annot_free(a);
	free(c->lists[L_SECTIONS].pos);
	free(c->lists[L_STATS].pos);
	sy_ytree_free(&c->t);
	return st;
}

/* sy_annot_parse, with or without the fast scanner; *INFO (may be NULL)
 * tells how it went. */
static sy_status parse_buffer(const char *buf, size_t len, const char *name,
			      sy_annot *a, sy_error *err, bool libyaml_only,
			      sy_parse_info *info)
{
	pctx c;
	sy_status st;

	sy_annot_init(a);
	memset(&c, 0, sizeof c);
	c.libyaml_only = libyaml_only;
	c.name = name ? name : "<input>";
	c.buf = buf ? buf : "";
	c.len = buf ? len : 0;
	c.err = err;
	if ((st = check_nul(&c)) == SY_OK)
		st = run(&c, a);
	if (info)
		*info = c.info;
	return st;
}

sy_status sy_annot_parse(const char *buf, size_t len, const char *name,
			 sy_annot *a, sy_error *err)
{
	return parse_buffer(buf, len, name, a, err, false, NULL);
}

sy_status sy_annot_parse_libyaml(const char *buf, size_t len, const char *name,
				 sy_annot *a, sy_error *err)
{
	return parse_buffer(buf, len, name, a, err, true, NULL);
}

sy_status sy_annot_parse_info(const char *buf, size_t len, const char *name,
			      sy_annot *a, sy_parse_info *info, sy_error *err)
{
	return parse_buffer(buf, len, name, a, err, false, info);
}

/* A regular file is parsed as it is read, never held whole (the parser
 * reads it through fdin.h, at most SY_MAX_FILE_BYTES); anything else (a
 * FIFO, a device) is refused before it is read (fileopen.h). */
sy_status sy_annot_load(const char *path, sy_annot *a, sy_error *err)
{
	sy_fdin in;
	pctx c;
	sy_status r;
	int fd;

	sy_annot_init(a);
	if ((r = sy_open_regular(path, &fd, NULL, err)) != SY_OK)
		return r;
	memset(&in, 0, sizeof in);
	in.fd = fd;
	in.path = path;
	memset(&c, 0, sizeof c);
	c.name = path;
	c.in = &in;
	c.err = err;
	r = run(&c, a);
	close(fd);
	return r;
}
