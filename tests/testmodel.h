/* testmodel.h - helpers for the tests of the model (header only): the
 * code point span of a needle in a test's own report text, an annotation
 * file read back from disk, an item of an open file by id.  (test_review.c
 * and others still carry their own copies; new tests use these.)
 */
#ifndef SY_TESTMODEL_H
#define SY_TESTMODEL_H

#include <stdlib.h>
#include <string.h>

#include "format/annot_io.h"
#include "session/review.h"
#include "tap.h"

/* Code points in the N bytes of UTF-8 at S. */
static inline size_t text_cp_count(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* The code point span [*START, *END) of the first NEEDLE in TEXT; aborts
 * when there is none (a broken test). */
static inline void text_span_of(const char *text, const char *needle,
				size_t *start, size_t *end)
{
	const char *p = strstr(text, needle);

	if (!p)
		abort();
	*start = text_cp_count(text, (size_t)(p - text));
	*end = *start + text_cp_count(needle, strlen(needle));
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
