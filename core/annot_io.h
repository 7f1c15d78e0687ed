/* annot_io.h - reading and writing the annotation file (format 1) with
 * libyaml, and the atomic file writer.
 */
#ifndef SY_ANNOT_IO_H
#define SY_ANNOT_IO_H

#include <stdio.h>

#include "annot.h"
#include "error.h"

/* Serialise A as format-1 YAML into a new malloc'd, NUL-terminated buffer
 * (*OUT, length *OUTLEN), owned by the caller.  Key order: format, source,
 * document, sections, statistics, review, then unknown top-level keys; in
 * each item the documented keys in format.md's order, then its unknown
 * keys.  Strings that YAML would read as another type ("1.", "2021-12-16",
 * "yes", "null", "") are quoted. */
sy_status sy_annot_emit(const sy_annot *a, char **out, size_t *outlen,
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

/* Read and parse the file at PATH. */
sy_status sy_annot_load(const char *path, sy_annot *a, sy_error *err);

/* Replace PATH with DATA atomically: write a temporary file in the same
 * folder, fsync it, rename it over PATH, fsync the folder.  On failure
 * PATH is untouched, the temporary file is removed and ERR names PATH. */
sy_status sy_write_atomic(const char *path, const void *data, size_t len,
			  sy_error *err);

#endif
