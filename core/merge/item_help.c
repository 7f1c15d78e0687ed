/* item_help.c - item helpers model/annot.h does not offer yet (see
 * item_help.h). */
#include "merge/item_help.h"

#include <stdlib.h>
#include <string.h>

void sy_tags_clear(sy_tags *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* The same set of tags (order and repeats aside). */
bool sy_tags_same(const sy_tags *a, const sy_tags *b)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!sy_tags_has(b, a->v[i]))
			return false;
	for (i = 0; i < b->n; i++)
		if (!sy_tags_has(a, b->v[i]))
			return false;
	return true;
}

/* Replace *DST with a copy of SRC.  0, or -1 on OOM. */
int sy_tags_copy(sy_tags *dst, const sy_tags *src)
{
	sy_tags_clear(dst);
	for (size_t i = 0; i < src->n; i++)
		if (sy_tags_add(dst, src->v[i]))
			return -1;
	return 0;
}

/* Replace *DST with a deep copy of SRC.  0, or -1 on OOM. */
int sy_doc_copy(sy_docfacts *dst, const sy_docfacts *src)
{
	char **const d[] = { &dst->title, &dst->issuer, &dst->region, &dst->date };
	const char *const s[] = { src->title, src->issuer, src->region, src->date };
	int rc = 0;

	for (size_t i = 0; i < sizeof d / sizeof *d; i++) {
		free(*d[i]);
		if (!(*d[i] = sy_strdup(s[i])) && s[i])
			rc = -1;
	}
	sy_node_free(dst->extra);
	dst->extra = NULL;
	if (src->extra && !(dst->extra = sy_node_clone(src->extra)))
		rc = -1;
	dst->year = src->year;
	dst->status = src->status;
	return rc;
}
