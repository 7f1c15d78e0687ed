/* testmodel.h - helpers for the tests of the model (header only): the
 * code point span of a needle in a test's own report text, an annotation
 * file read back from disk, an item of an open file by id.  (More that
 * the tests share: testutil.h.)
 */
#ifndef SY_TESTMODEL_H
#define SY_TESTMODEL_H

#include <stdlib.h>
#include <string.h>

#include "format/annot_io.h"
#include "session/review.h"
#include "tap.h"
#include "testutil.h"

/* The code point span [*START, *END) of the first NEEDLE in TEXT; aborts
 * when there is none (a broken test). */
static inline void text_span_of(const char *text, const char *needle,
				size_t *start, size_t *end)
{
	if (!cp_find(text, needle, start, end))
		abort();
}

/* The file at PATH read back into *A (freed first).  False, with a
 * diagnostic, when it cannot be read. */
static inline bool model_reload(const char *path, sy_annot *a)
{
	sy_error e;

	sy_annot_free(a);
	if (sy_annot_load(path, a, &e) != SY_OK) {
		diag("reload: %s", e.msg);
		return false;
	}
	return true;
}

/* The item ID of F (the document, with a diagnostic, when none). */
static inline sy_item_ref model_ref(const sy_file *f, const char *id)
{
	sy_item_ref r = { SY_ITEM_DOCUMENT, 0 };

	if (!sy_item_find(f, id, &r))
		diag("no item %s", id);
	return r;
}

#endif
