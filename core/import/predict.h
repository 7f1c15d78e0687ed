/* predict.h - another extractor's predictions, as the format readers
 * (producers: JSONL, shenyue annotation files, later Label Studio, brat,
 * CSV) hand them to the applier (consumer: import/apply.h), one report's
 * document at a time.  The one interface between the two, as ncdu's
 * dir.h is between its scanners and its browsers.
 *
 * Ownership: a reader fills an sy_pred_doc (strings it allocated, or
 * that point into its own buffers), calls the callback once per document,
 * and frees or reuses everything after the callback returns.  The
 * callback never keeps a pointer into the document; what it needs it
 * copies.  Offsets are code points into the report's decoded text, end
 * exclusive (a reader of UTF-16 offsets converts them before the call).
 *
 * Errors: a reader returns SY_OK, or its own error (SY_ERR_FORMAT with
 * "NAME:LINE: ..." for bad input, SY_ERR_IO, SY_ERR_NOMEM) or the first
 * non-SY_OK status the callback returned, stopping there.
 */
#ifndef SY_PREDICT_H
#define SY_PREDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "model/annot.h"

typedef enum sy_pred_kind { SY_PRED_SECTION, SY_PRED_STAT } sy_pred_kind;

/* One predicted item.  A field whose has_* flag is false was not given
 * (the applier then leaves the existing item's field, or takes null for
 * a new one); a given field may still be null (unit given as null). */
typedef struct sy_pred_item {
	sy_pred_kind kind;
	size_t start, end;         /* code points, end exclusive */
	const char *text;          /* the text the input says the span holds,
				      or NULL when it states none */
	/* statistics */
	double value;   bool has_value;   bool value_given;
	const char *unit;          bool unit_given;     /* unit NULL = null */
	sy_approx approx;          bool approx_given;
	double value_max; bool has_value_max; bool value_max_given;
	const char *subject;       bool subject_given;  /* NULL = null */
	/* sections */
	int level;                 bool level_given;
	const char *marker;        /* NULL: not given */
	const char *title;         /* NULL: not given */
	/* both */
	const char *id;            /* the input's id of the item, or NULL
				      (for messages) */
	double score;              bool has_score;      /* in [0, 1] */
	size_t line;               /* 1-based line of the item in the input
				      (the document's line for one-line
				      formats), for messages; 0 unknown */
} sy_pred_item;

/* One report's predictions. */
typedef struct sy_pred_doc {
	const char *input;         /* the predictions file's name, for
				      messages ("-" for stdin) */
	size_t line;               /* 1-based line where the document starts */
	const char *id;            /* the input's id for the report, or NULL */
	const char *path;          /* the report's path or file name as the
				      input gives it (its stem matches), or
				      NULL */
	const char *text;          /* the report's text (UTF-8), or NULL */
	size_t text_len;           /* bytes of text */
	const char *sha256;        /* hex sha256 of the report's bytes when
				      the input states it and carries no
				      text, else NULL */
	const char *model_version; /* or NULL */
	const char *format;        /* the reader's format name: "jsonl",
				      "shenyue", ... (static) */
	sy_pred_item *items;       /* n of them, in input order */
	size_t n;
} sy_pred_doc;

/* Called once per document; returns SY_OK to go on, else an error that
 * stops the reader (which returns it).  ERR is the reader's error, for
 * the callback to fill. */
typedef sy_status (*sy_pred_fn)(void *ctx, const sy_pred_doc *doc,
				sy_error *err);

/* A reader: reads the predictions file NAME (NULL or "-": stdin) and
 * calls FN for each document, in input order.  Each format's reader has
 * this shape (import/read_jsonl.c, read_annot.c). */
typedef sy_status (*sy_pred_reader)(const char *name, sy_pred_fn fn,
				    void *ctx, sy_error *err);

sy_status sy_pred_read_jsonl(const char *name, sy_pred_fn fn, void *ctx,
			     sy_error *err);
sy_status sy_pred_read_annot(const char *name, sy_pred_fn fn, void *ctx,
			     sy_error *err);
sy_status sy_pred_read_labelstudio(const char *name, sy_pred_fn fn, void *ctx,
				   sy_error *err);
sy_status sy_pred_read_brat(const char *name, sy_pred_fn fn, void *ctx,
			    sy_error *err);
sy_status sy_pred_read_csv(const char *name, sy_pred_fn fn, void *ctx,
			   sy_error *err);

/* The reader for format name F ("jsonl", "shenyue", "labelstudio",
 * "brat", "csv"), or NULL. */
sy_pred_reader sy_pred_reader_for(const char *f);
/* The format guessed from NAME's extension (.jsonl/.ndjson -> "jsonl",
 * .yaml/.yml -> "shenyue", .json -> "labelstudio", .ann -> "brat", .csv -> "csv"), or NULL. */
const char *sy_pred_guess_format(const char *name);

#endif
