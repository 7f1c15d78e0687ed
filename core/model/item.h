/* item.h - the helpers every path needs on one item of the model
 * (annot.h): clear, copy, compare, find by id, set a string field.
 * Written once here; the model (annot.c), the review session and the
 * readers use these.
 *
 * Ownership: a cleared item owns nothing and is zeroed; a copy owns deep
 * copies of every string and node of its source.  Nothing here keeps a
 * pointer to its arguments.
 */
#ifndef SY_ITEM_H
#define SY_ITEM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annot.h"

/* Free what the item owns and zero it (an item outside an sy_annot, or
 * one about to be removed from it). */
void sy_tags_clear(sy_tags *t);
void sy_section_clear(sy_section *s);
void sy_stat_clear(sy_stat *s);
void sy_doc_clear(sy_docfacts *d);
/* Replace *DST (cleared first) with a copy of SRC.  0, or -1 on OOM
 * (DST then holds part of SRC; clear it). */
int sy_tags_copy(sy_tags *dst, const sy_tags *src);
/* The same set of tags (order and repeats aside). */
bool sy_tags_same(const sy_tags *a, const sy_tags *b);
/* Remove TAG from T when it is there; true when it was. */
bool sy_tags_remove(sy_tags *t, const char *tag);

/* Deep copy of the document facts SRC into *DST (whose old content is
 * freed on success).  0, or -1 on OOM with *DST unchanged.  (Sections and
 * statistics: sy_section_copy / sy_stat_copy, annot.h.) */
int sy_doc_copy(sy_docfacts *dst, const sy_docfacts *src);

/* Equal in every field, the review state (status, tags, note, proposed,
 * unknown keys) included. */
bool sy_section_eq(const sy_section *a, const sy_section *b);
bool sy_stat_eq(const sy_stat *a, const sy_stat *b);
bool sy_doc_eq(const sy_docfacts *a, const sy_docfacts *b);

/* Replace *DST with a copy of SRC (NULL allowed); 0, or -1 on OOM with
 * *DST kept. */
int sy_set_str(char **dst, const char *src);

/* Finding an item by id.  SY_ID_NONE: not found.  HINTS (may be NULL) is
 * an array of 2 * SY_ID_HINTS places where ids were last found, by a hash
 * of the id (the caller's, zeroed at first): only hints, each checked
 * against the model before it is used, so a stale one (after a sort, an
 * insertion, a removal) costs the scan it saves, never a wrong answer. */
#define SY_ID_NONE ((size_t)-1)
#define SY_ID_HINTS 4096
/* The index of the item with ID in A's sections (STATS false) or
 * statistics (STATS true), or SY_ID_NONE; remembered in HINTS. */
size_t sy_item_index(const sy_annot *a, bool stats, const char *id,
		     size_t *hints);
/* The same, only when HINTS know it (no scan); else SY_ID_NONE. */
size_t sy_item_hinted(const sy_annot *a, bool stats, const char *id,
		      const size_t *hints);

/* Every id of A's two lists hashed to its item, for many lookups while
 * the lists do not change (a merge, comparing two models).  The caller's;
 * free it with sy_id_index_free (a zeroed one is empty); it points into
 * A's lists, valid until they change. */
typedef struct sy_id_map {
	size_t *slot;        /* index + 1, 0 empty */
	size_t cap;          /* a power of two */
	const void *items;
	size_t size;         /* sizeof one item (its id is its first field) */
} sy_id_map;
typedef struct sy_id_index {
	sy_id_map m[2];      /* [0] sections, [1] statistics */
} sy_id_index;
/* Index A.  0, or -1 on OOM (*X empty). */
int sy_id_index_build(sy_id_index *x, const sy_annot *a);
/* The section (STATS false) or statistic with ID, or NULL. */
const void *sy_id_index_get(const sy_id_index *x, bool stats, const char *id);
void sy_id_index_free(sy_id_index *x);

#endif
