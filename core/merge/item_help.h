/* item_help.h - item helpers model/annot.h does not offer yet: clear,
 * copy and compare tag sets, copy document facts.  (They belong beside
 * sy_section_copy in the model layer; kept here until it has them.)
 */
#ifndef SY_ITEM_HELP_H
#define SY_ITEM_HELP_H

#include <stdbool.h>

#include "model/annot.h"

/* Free the tags of T and zero it. */
void sy_tags_clear(sy_tags *t);
/* Replace *DST (cleared first) with a copy of SRC.  0, or -1 on OOM
 * (DST then holds part of SRC; clear it). */
int sy_tags_copy(sy_tags *dst, const sy_tags *src);
/* The same set of tags (order and repeats aside). */
bool sy_tags_same(const sy_tags *a, const sy_tags *b);
/* Replace *DST (freeing what it held) with a deep copy of SRC.  0, or -1
 * on OOM (DST then holds part of SRC; free it as usual). */
int sy_doc_copy(sy_docfacts *dst, const sy_docfacts *src);

#endif
