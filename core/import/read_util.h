/* read_util.h - what the readers of Label Studio JSON, brat standoff and
 * CSV (read_labelstudio.c, read_brat.c, read_csv.c) share: reading a
 * predictions file whole, the label names, an item's fields from text,
 * and a batch of documents handed on only once the whole input has been
 * read and checked (a refusal anywhere leaves every report as it was).
 */
#ifndef SY_IMPORT_READ_UTIL_H
#define SY_IMPORT_READ_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "import/predict.h"

/* All of NAME (NULL or "-": standard input) into *BUF (malloc'd, NUL
 * after its *LEN bytes, the caller's); *SHOWN is its name for messages
 * (static or NAME).  A UTF-8 BOM is dropped.  SY_ERR_IO / SY_ERR_LIMIT /
 * SY_ERR_NOMEM naming it; SY_ERR_ENCODING with the line when it is not
 * UTF-8. */
sy_status sy_pred_slurp(const char *name, char **buf, size_t *len,
			const char **shown, sy_error *err);

/* The kind of the label LABEL, any case: "statistic", "stat" -> a
 * statistic; "section", "heading" -> a section.  False for another. */
bool sy_pred_label_kind(const char *label, sy_pred_kind *kind);
/* The label names taken, for messages ("statistic, stat, section,
 * heading"). */
#define SY_PRED_LABELS "statistic, stat, section, heading"

/* The field KEY of IT from the text VAL (NULL: null): value, value_max
 * and score (numbers), unit, subject, approx (null, none, over, under,
 * about, range), level (1-9), marker, title, text, id.  1 when set; 0
 * when KEY is none of them (IT unchanged); -1 when VAL does not fit,
 * *WHY then an untranslated message (N_) for _(). */
int sy_pred_set_field(sy_pred_item *it, const char *key, const char *val,
		      const char **why);

/* A non-negative whole number S (decimal digits only) into *N. */
bool sy_pred_offset(const char *s, size_t *n);

/* Documents and their items, gathered before any is handed on.  The
 * batch owns the items, and what it was given with sy_pred_batch_own;
 * the documents' strings point into those (or into the caller's). */
typedef struct sy_pred_batch {
	sy_pred_doc *docs;
	size_t ndocs, capdocs;
	size_t *first;           /* each document's first item */
	size_t capfirst;
	sy_pred_item *items;
	size_t nitems, capitems;
	void **owned;
	size_t nowned, capowned;
} sy_pred_batch;

/* A new zeroed document with FORMAT, INPUT and LINE set, the next items
 * its own; NULL on OOM. */
sy_pred_doc *sy_pred_batch_doc(sy_pred_batch *b, const char *format,
			       const char *input, size_t line);
/* A new zeroed item of the last document; NULL on OOM. */
sy_pred_item *sy_pred_batch_item(sy_pred_batch *b);
/* P (malloc'd) now the batch's, freed with it.  0, or -1 on OOM (P
 * freed). */
int sy_pred_batch_own(sy_pred_batch *b, void *p);
/* FN for each document in order; the first status that is not SY_OK. */
sy_status sy_pred_batch_deliver(sy_pred_batch *b, sy_pred_fn fn, void *ctx,
				sy_error *err);
void sy_pred_batch_free(sy_pred_batch *b);

#endif
