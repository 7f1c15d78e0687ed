/* annot_emit.h - the libyaml side of the annotation writer, private to
 * core/format: the emitter state and the parts of the file it writes
 * (annot_emit.c), for the writer that puts them together
 * (annot_writer.c, whose interface is annot_io.h's sy_writer).
 *
 * Every function returns 0, or -1 after recording the failure in the em
 * (the first one wins: sy_em_fail).  The C numeric locale must be in
 * effect.
 */
#ifndef SY_ANNOT_EMIT_H
#define SY_ANNOT_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "format/annot_io.h"
#include "base/outbuf.h"
#include "format/yaml_style.h"

#define TRY(x) do { if ((x) < 0) return -1; } while (0)

/* The emitter state: libyaml's emitter, where its output goes, the
 * quoting rule, the first error.  Owned by its user (the writer). */
typedef struct em {
	yaml_emitter_t y;
	sy_outbuf *out;        /* the output, when WRITE is NULL */
	sy_write_fn write;     /* else the output goes here */
	void *wctx;
	int write_errno;       /* WRITE failed with this */
	const sy_quoting *q;
	sy_error *err;         /* the current call's, may be NULL */
	sy_error first;        /* the first failure */
	sy_status st;          /* SY_OK until something failed */
} em;

/* The top-level keys, in the file's order (SY_TOP_KEYS), NULL-ended. */
extern const char *const sy_em_top_keys[];

/* Record a failure (the first one wins); returns -1. */
int sy_em_fail(em *e, sy_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Set up libyaml's emitter in E with the file's settings (unicode, no
 * line width, indent 2, LF), writing to E's output. */
int sy_em_open(em *e);
/* Stream and (implicit) document start; document and stream end, and
 * the last bytes out. */
int sy_em_doc_start(em *e);
int sy_em_doc_end(em *e);
/* A plain scalar written as is (keys, numbers, null). */
int sy_em_raw(em *e, const char *s);
/* A collection's start (a mapping when MAP, else a sequence) and end. */
int sy_em_collection(em *e, bool map, const char *tag, bool flow);
int sy_em_end(em *e, bool map);

/* The file's parts, as bodies for the writer's fragments (ARG as
 * said): format, source and document (ARG a sy_em_head_arg); a
 * section's and a statistic's mapping (ARG the item); review and the
 * unknown top-level keys (ARG a sy_em_tail_arg). */
typedef struct sy_em_head_arg {
	const sy_sourceinfo *src;
	const sy_docfacts *doc;
	const sy_node *proposers;   /* may be NULL */
} sy_em_head_arg;
typedef struct sy_em_tail_arg {
	const sy_reviewinfo *r;     /* may be NULL */
	const sy_node *extra;       /* may be NULL */
} sy_em_tail_arg;
int sy_em_head(em *e, const void *arg);
int sy_em_section(em *e, const void *arg);
int sy_em_stat(em *e, const void *arg);
int sy_em_tail(em *e, const void *arg);
/* True when sy_em_tail writes anything for T. */
bool sy_em_tail_written(const sy_em_tail_arg *t);

/* Refuse (SY_ERR_FORMAT, SY_ERR_LIMIT) what the reader would refuse: an
 * item (CHARS: source.chars, for its span), a whole model. */
int sy_em_check_section(em *e, const sy_section *s, size_t chars);
int sy_em_check_stat(em *e, const sy_stat *s, size_t chars);
int sy_em_check_model(em *e, const sy_annot *a);

#endif
