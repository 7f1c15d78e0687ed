/* annot_writer.c - the annotation writer (sy_writer and the whole-model
 * functions of annot_io.h): the fast path (annot_fast.c) for the items it
 * can write, libyaml (annot_emit.c) for the rest, output buffered and
 * handed to a write function, numbers in the C locale.
 */
#include "format/annot_emit.h"
#include "format/annot_fast.h"
#include "model/schema.h"

#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ writer */

enum { W_NEW, W_SECTIONS, W_STATS, W_DONE };

/* Buffered output is handed to WRITE once this much has gathered. */
#define FLUSH_AT ((size_t)256 * 1024)

/* The writer has two modes that write the same bytes:
 *   - fast (the default): the items of the canonical subset are written
 *     by annot_fast.c; the head, the tail and any other item each go
 *     through a libyaml emitter of their own (a "fragment": a document
 *     holding just that collection, which libyaml writes exactly as it
 *     writes that part of the whole file);
 *   - libyaml: one libyaml emitter writes the whole file, every scalar an
 *     event (sy_annot_emit_libyaml, SHENYUE_WRITER=libyaml), the reference
 *     the fast mode is tested against. */
struct sy_writer {
	em e;                  /* the first error; the libyaml mode's emitter */
	bool libyaml;          /* the mode */
	bool opened;           /* e.y was initialised */
	sy_quoting q;
	sy_outbuf buf;         /* output not yet handed to WRITE; without
				* WRITE, all of it */
	locale_t cloc;         /* the C numeric locale, or (locale_t)0 */
	locale_t old;          /* the locale before the current call */
	int state;
	bool listed;           /* fast mode: the current list has an item */
	bool in_call;          /* between w_enter and w_leave */
	size_t chars;          /* source.chars, for the span checks */
	const sy_node *proposers;   /* borrowed: written after document */
};

/* The C numeric locale around each call: numbers are written with '.',
 * whatever LC_NUMERIC says. */
static void c_locale_enter(sy_writer *w)
{
	if (w->cloc)
		w->old = uselocale(w->cloc);
}

static void c_locale_leave(sy_writer *w)
{
	if (w->cloc)
		uselocale(w->old);
}

/* Start a call: ERR receives any failure; a writer that failed before
 * repeats its error (-1).  Else 0, and the C numeric locale is in effect
 * until w_leave. */
static int w_enter(sy_writer *w, sy_error *err)
{
	w->e.err = err;
	if (w->e.st != SY_OK) {
		if (err)
			*err = w->e.first;
		return -1;
	}
	c_locale_enter(w);
	w->in_call = true;
	return 0;
}

/* End a call: the caller's locale back (when w_enter set it); the
 * writer's status. */
static sy_status w_leave(sy_writer *w)
{
	if (w->in_call)
		c_locale_leave(w);
	w->in_call = false;
	return w->e.st;
}

/* Append N bytes of P to the fast mode's buffer. */
static int w_add(sy_writer *w, const char *p, size_t n)
{
	if (!sy_outbuf_add(&w->buf, p, n))
		return sy_em_fail(&w->e, SY_ERR_NOMEM, "out of memory writing YAML");
	return 0;
}

/* The top-level key K and its ':' (a list follows). */
static int w_key(sy_writer *w, enum sy_top_key k)
{
	const char *key = sy_em_top_keys[k];

	TRY(w_add(w, key, strlen(key)));
	return w_add(w, ":", 1);
}

/* Hand the buffer to WRITE: when it is large, or at the end (ALL). */
static int w_flush(sy_writer *w, bool all)
{
	if (!w->e.write || w->buf.n == 0 || (!all && w->buf.n < FLUSH_AT))
		return 0;
	errno = 0;
	if (w->e.write(w->e.wctx, w->buf.p, w->buf.n) != 0)
		return sy_em_fail(&w->e, SY_ERR_IO, "write failed: %s",
			       strerror(errno ? errno : EIO));
	w->buf.n = 0;
	return 0;
}

/* One fragment of the file through a libyaml emitter of its own: a
 * document holding one collection (a mapping when MAP, else a block
 * sequence) whose content BODY emits from ARG.  Its text, which ends with
 * a newline, is appended to the buffer. */
static int frag(sy_writer *w, bool map, int (*body)(em *, const void *),
		const void *arg)
{
	sy_outbuf out = { 0 };
	em f;
	int r;

	memset(&f, 0, sizeof f);
	f.out = &out;
	f.q = &w->q;
	r = sy_em_open(&f);
	if (r == 0) {
		r = sy_em_doc_start(&f);
		if (r == 0)
			r = sy_em_collection(&f, map, NULL, false);
		if (r == 0)
			r = body(&f, arg);
		if (r == 0)
			r = sy_em_end(&f, map);
		if (r == 0)
			r = sy_em_doc_end(&f);
		yaml_emitter_delete(&f.y);
	}
	if (r == 0 && out.n)
		r = w_add(w, out.p, out.n);
	else if (r < 0)
		sy_em_fail(&w->e, f.st, "%s", f.first.msg);
	free(out.p);
	return r;
}

/* SHENYUE_WRITER=libyaml in the environment: every writer in the libyaml
 * mode. */
static bool libyaml_wanted(void)
{
	const char *mode = getenv("SHENYUE_WRITER");

	return mode && strcmp(mode, "libyaml") == 0;
}

/* A new writer in the mode LIBYAML, output to WRITE (NULL: to its
 * buffer).  On failure *OUT is NULL and ERR says why. */
static sy_status writer_new(sy_write_fn write, void *ctx, bool libyaml,
			    sy_writer **out, sy_error *err)
{
	sy_writer *w = calloc(1, sizeof *w);
	sy_status st;

	*out = NULL;
	if (!w)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	w->e.err = err;
	w->e.write = write;
	w->e.wctx = ctx;
	w->e.out = &w->buf;
	w->e.q = &w->q;
	w->libyaml = libyaml;
	w->cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	st = sy_quoting_init(&w->q, err);
	if (st == SY_OK && libyaml) {
		if (sy_em_open(&w->e) < 0)
			st = w->e.st;
		else
			w->opened = true;
	}
	if (st != SY_OK) {
		sy_writer_free(w);
		return st;
	}
	*out = w;
	return SY_OK;
}

sy_status sy_writer_open(sy_write_fn write, void *ctx, const char *name,
			 sy_writer **out, sy_error *err)
{
	(void)name;
	return writer_new(write, ctx, libyaml_wanted(), out, err);
}

void sy_writer_free(sy_writer *w)
{
	if (!w)
		return;
	if (w->opened)
		yaml_emitter_delete(&w->e.y);
	sy_quoting_free(&w->q);
	if (w->cloc)
		freelocale(w->cloc);
	free(w->buf.p);
	free(w);
}

static int w_head(sy_writer *w, const sy_sourceinfo *src, const sy_docfacts *doc)
{
	em *e = &w->e;
	sy_em_head_arg h = { src, doc, w->proposers };

	if (w->state != W_NEW)
		return sy_em_fail(e, SY_ERR_USAGE, "writer: head written twice");
	if ((unsigned)doc->status >= SY_STATUS_COUNT)
		return sy_em_fail(e, SY_ERR_FORMAT, "document: invalid status %d",
			       (int)doc->status);
	w->chars = src->chars;
	if (w->libyaml) {
		TRY(sy_em_doc_start(e));
		TRY(sy_em_collection(e, true, NULL, false));
		TRY(sy_em_head(e, &h));
		TRY(sy_em_raw(e, sy_em_top_keys[SY_TOP_SECTIONS]));
		TRY(sy_em_collection(e, false, NULL, false));
	} else {
		TRY(frag(w, true, sy_em_head, &h));
		TRY(w_key(w, SY_TOP_SECTIONS));
		w->listed = false;
	}
	w->state = W_SECTIONS;
	return 0;
}

void sy_writer_proposers(sy_writer *w, const sy_node *proposers)
{
	w->proposers = proposers;
}

sy_status sy_writer_head(sy_writer *w, const sy_sourceinfo *src,
			 const sy_docfacts *doc, sy_error *err)
{
	if (w_enter(w, err) == 0)
		w_head(w, src, doc);
	return w_leave(w);
}

/* One item (a statistic when STAT, else a section), already checked. */
static int w_item(sy_writer *w, bool stat, const void *item)
{
	int r;

	if (w->libyaml)
		return stat ? sy_em_stat(&w->e, item) : sy_em_section(&w->e, item);
	if (!w->listed) {
		TRY(w_add(w, "\n", 1));
		w->listed = true;
	}
	r = stat ? sy_fast_stat(&w->buf, &w->q, item)
		 : sy_fast_section(&w->buf, &w->q, item);
	if (r < 0)
		return sy_em_fail(&w->e, SY_ERR_NOMEM, "out of memory writing YAML");
	if (r == 0)
		TRY(frag(w, false, stat ? sy_em_stat : sy_em_section, item));
	return w_flush(w, false);
}

sy_status sy_writer_section(sy_writer *w, const sy_section *s, sy_error *err)
{
	if (w_enter(w, err) < 0)
		return w_leave(w);
	if (w->state != W_SECTIONS)
		sy_em_fail(&w->e, SY_ERR_USAGE, "writer: section out of order");
	else if (sy_em_check_section(&w->e, s, w->chars) == 0)
		w_item(w, false, s);
	return w_leave(w);
}

/* End the sections list and start the statistics. */
static int w_to_stats(sy_writer *w)
{
	if (w->state == W_STATS)
		return 0;
	if (w->state != W_SECTIONS)
		return sy_em_fail(&w->e, SY_ERR_USAGE, "writer: statistic out of order");
	if (w->libyaml) {
		TRY(sy_em_end(&w->e, false));
		TRY(sy_em_raw(&w->e, sy_em_top_keys[SY_TOP_STATISTICS]));
		TRY(sy_em_collection(&w->e, false, NULL, false));
	} else {
		/* an empty list is written in flow style, as libyaml does */
		if (!w->listed)
			TRY(w_add(w, " []\n", 4));
		TRY(w_key(w, SY_TOP_STATISTICS));
		w->listed = false;
	}
	w->state = W_STATS;
	return 0;
}

sy_status sy_writer_stat(sy_writer *w, const sy_stat *s, sy_error *err)
{
	if (w_enter(w, err) == 0 && w_to_stats(w) == 0 &&
	    sy_em_check_stat(&w->e, s, w->chars) == 0)
		w_item(w, true, s);
	return w_leave(w);
}

static int w_finish(sy_writer *w, const sy_reviewinfo *r, const sy_node *extra)
{
	em *e = &w->e;
	sy_em_tail_arg t = { r, extra };

	TRY(w_to_stats(w));
	w->state = W_DONE;     /* a failure below fails the writer anyway */
	if (w->libyaml) {
		TRY(sy_em_end(e, false));
		TRY(sy_em_tail(e, &t));
		TRY(sy_em_end(e, true));
		return sy_em_doc_end(e);
	}
	if (!w->listed)
		TRY(w_add(w, " []\n", 4));
	if (sy_em_tail_written(&t))
		TRY(frag(w, true, sy_em_tail, &t));
	return w_flush(w, true);
}

sy_status sy_writer_finish(sy_writer *w, const sy_reviewinfo *r,
			   const sy_node *extra, sy_error *err)
{
	if (w_enter(w, err) == 0)
		w_finish(w, r, extra);
	return w_leave(w);
}

/* ------------------------------------------------------------ whole models */

/* The whole model through a writer W. */
static int emit_model(sy_writer *w, const sy_annot *a)
{
	size_t i;

	TRY(sy_em_check_model(&w->e, a));
	w->proposers = a->proposers;
	TRY(w_head(w, &a->source, &a->doc));
	for (i = 0; i < a->nsections; i++)
		TRY(w_item(w, false, &a->sections[i]));
	TRY(w_to_stats(w));
	for (i = 0; i < a->nstats; i++)
		TRY(w_item(w, true, &a->stats[i]));
	return w_finish(w, &a->review, a->extra);
}

/* The whole model A through a new writer in the mode LIBYAML, to WRITE;
 * with WRITE NULL into memory, and *OUT (owned by the caller, NUL-
 * terminated) and *OUTLEN (may be NULL) receive it. */
static sy_status emit_all(const sy_annot *a, sy_write_fn write, void *ctx,
			  bool libyaml, char **out, size_t *outlen,
			  sy_error *err)
{
	sy_writer *w;
	sy_status st;

	if (out)
		*out = NULL;
	if (outlen)
		*outlen = 0;
	st = writer_new(write, ctx, libyaml, &w, err);
	if (st != SY_OK)
		return st;
	c_locale_enter(w);
	emit_model(w, a);
	c_locale_leave(w);
	if (w->e.st == SY_OK && out && !w->buf.p)
		w_add(w, "", 0);
	st = w->e.st;
	if (st == SY_OK && out) {
		*out = w->buf.p;
		if (outlen)
			*outlen = w->buf.n;
		w->buf.p = NULL;
	}
	sy_writer_free(w);
	return st;
}

/* On success *OUT (owned by the caller) holds the YAML; on failure *OUT is
 * NULL and ERR says why. */
sy_status sy_annot_emit(const sy_annot *a, char **out, size_t *outlen,
			sy_error *err)
{
	return emit_all(a, NULL, NULL, libyaml_wanted(), out, outlen, err);
}

sy_status sy_annot_emit_libyaml(const sy_annot *a, char **out, size_t *outlen,
				sy_error *err)
{
	return emit_all(a, NULL, NULL, true, out, outlen, err);
}

/* sy_write_fn for an sy_atomic (annot_io.h). */
int sy_write_to_atomic(void *ctx, const void *data, size_t len)
{
	sy_error ignored;
	return sy_atomic_write(ctx, data, len, &ignored) == SY_OK ? 0 : -1;
}

/* sy_write_fn for a stdio stream (annot_io.h). */
int sy_write_to_stdio(void *ctx, const void *data, size_t len)
{
	errno = 0;
	if (fwrite(data, 1, len, ctx) != len) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

/* The model straight into PATH's temporary file: no copy of the whole
 * YAML in memory. */
sy_status sy_annot_save(const sy_annot *a, const char *path, sy_error *err)
{
	sy_atomic at;
	sy_status st;

	st = sy_atomic_open(path, &at, err);
	if (st != SY_OK)
		return st;
	st = emit_all(a, sy_write_to_atomic, &at, libyaml_wanted(), NULL, NULL,
		      err);
	if (st != SY_OK) {
		sy_atomic_abort(&at);
		return sy_prefix(err, "%s: ", path);
	}
	return sy_atomic_commit(&at, err);
}

sy_status sy_annot_emit_to(const sy_annot *a, sy_write_fn write, void *ctx,
			   sy_error *err)
{
	return emit_all(a, write, ctx, libyaml_wanted(), NULL, NULL, err);
}

/* NAME is used in messages only; F is flushed but not closed. */
sy_status sy_annot_write_stream(const sy_annot *a, FILE *f, const char *name,
				sy_error *err)
{
	sy_status st;

	st = emit_all(a, sy_write_to_stdio, f, libyaml_wanted(), NULL, NULL, err);
	if (st == SY_OK && fflush(f) != 0)
		st = sy_fail(err, SY_ERR_IO, "write failed: %s", strerror(errno));
	if (st != SY_OK)
		return sy_prefix(err, "%s: ", name);
	return SY_OK;
}
