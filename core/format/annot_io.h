/* annot_io.h - reading and writing the annotation file (format 1) with
 * libyaml.  The atomic file writer is base/atomic.h.
 */
#ifndef SY_ANNOT_IO_H
#define SY_ANNOT_IO_H

#include <stdbool.h>
#include <stdio.h>

#include "model/annot.h"
#include "base/atomic.h"
#include "base/error.h"

/* Serialise A as format-1 YAML into a new malloc'd, NUL-terminated buffer
 * (*OUT, length *OUTLEN), owned by the caller.  Key order: format, source,
 * document, sections, statistics, review, then unknown top-level keys; in
 * each item the documented keys in format.md's order, then its unknown
 * keys.  Strings that YAML would read as another type ("1.", "2021-12-16",
 * "yes", "null", "") are quoted. */
sy_status sy_annot_emit(const sy_annot *a, char **out, size_t *outlen,
			sy_error *err);

/* The same bytes, every scalar written by libyaml's emitter as an event
 * (sy_annot_emit writes the items of the canonical subset itself, see
 * annot_fast.h): the reference the fast writer is tested against.  The
 * environment variable SHENYUE_WRITER=libyaml makes every writer work
 * this way. */
sy_status sy_annot_emit_libyaml(const sy_annot *a, char **out, size_t *outlen,
				sy_error *err);

/* sy_annot_emit + sy_write_atomic to PATH. */
sy_status sy_annot_save(const sy_annot *a, const char *path, sy_error *err);

/* Write the YAML of A to an open stream (used for `-o -`). */
sy_status sy_annot_write_stream(const sy_annot *a, FILE *f, const char *name,
				sy_error *err);

/* Parse format-1 YAML from BUF (NAME used in messages).  Refuses, with
 * "NAME:LINE:COLUMN: reason", anything that is not format 1: YAML syntax
 * errors, unknown `format`, a missing required field, a wrong type, a bad
 * status or approx, duplicate ids, a span with start > end or end beyond
 * source.chars, aliases, nesting deeper than 64 or a scalar over 1 MiB.
 * Unknown keys are kept in the `extra` nodes.  On success *A owns the
 * result (free with sy_annot_free); on failure *A is left empty. */
sy_status sy_annot_parse(const char *buf, size_t len, const char *name,
			 sy_annot *a, sy_error *err);

/* The same with libyaml's event parser alone (sy_annot_parse reads the
 * writer's subset of YAML with a fast scanner of its own, and most items
 * straight into the model): the reference the fast reading is tested
 * against.  SHENYUE_READER=libyaml in the environment makes every reader
 * work this way. */
sy_status sy_annot_parse_libyaml(const char *buf, size_t len, const char *name,
				 sy_annot *a, sy_error *err);

/* How a reading went, for the tests and benchmarks of the fast paths:
 * FAST, the fast scanner read the whole input (else libyaml's parser
 * did); DIRECT, the items it read straight into the model. */
typedef struct sy_parse_info {
	bool fast;
	size_t direct;
} sy_parse_info;

/* sy_annot_parse, and *INFO says how it went. */
sy_status sy_annot_parse_info(const char *buf, size_t len, const char *name,
			      sy_annot *a, sy_parse_info *info, sy_error *err);

/* Read and parse the file at PATH. */
sy_status sy_annot_load(const char *path, sy_annot *a, sy_error *err);

/* ------------------------------------------------------------ writer
 * The incremental writer: the same YAML as sy_annot_emit, item by item,
 * for a file too large to build as a model first (extract streams into
 * it).  Calls go in this order: open, head, section*, stat*, finish; then
 * free (always).  Output goes through WRITE (0 ok, -1 failed with errno).
 * Each item is checked as sy_annot_emit checks it (span within
 * source.chars, status, approx); unique ids are the caller's promise.
 * A failed call leaves the writer failed: later calls return the error. */
typedef struct sy_writer sy_writer;
typedef int (*sy_write_fn)(void *ctx, const void *data, size_t len);

sy_status sy_writer_open(sy_write_fn write, void *ctx, const char *name,
			 sy_writer **w, sy_error *err);
/* The top-level `proposers` mapping written with the head (borrowed: it
 * must live until sy_writer_head returns); NULL, the default: none. */
void sy_writer_proposers(sy_writer *w, const sy_node *proposers);
sy_status sy_writer_head(sy_writer *w, const sy_sourceinfo *src,
			 const sy_docfacts *doc, sy_error *err);
sy_status sy_writer_section(sy_writer *w, const sy_section *s, sy_error *err);
sy_status sy_writer_stat(sy_writer *w, const sy_stat *s, sy_error *err);
sy_status sy_writer_finish(sy_writer *w, const sy_reviewinfo *r,
			   const sy_node *extra, sy_error *err);
void sy_writer_free(sy_writer *w);

/* The bytes of sy_annot_emit, streamed through WRITE (no buffer of the
 * whole file): e.g. to write and hash them at once. */
sy_status sy_annot_emit_to(const sy_annot *a, sy_write_fn write, void *ctx,
			   sy_error *err);

/* sy_write_fn's for an sy_atomic (CTX) and a FILE * (CTX). */
int sy_write_to_atomic(void *ctx, const void *data, size_t len);
int sy_write_to_stdio(void *ctx, const void *data, size_t len);

#endif
