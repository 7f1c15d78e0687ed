/* annot_limits.h - the sizes of what goes into an annotation file, named once
 * for its reader (annot_parse.c), its writer (annot_emit.c) and the
 * review commands that store a value (review.c, validate.c), so that the
 * program never writes a file it would then refuse to read.
 */
#ifndef SY_ANNOT_LIMITS_H
#define SY_ANNOT_LIMITS_H

#include <stddef.h>

/* The longest scalar (string) the reader accepts, in bytes; the writer
 * refuses to write a longer one. */
#define SY_MAX_SCALAR_BYTES ((size_t)1 << 20)

/* The longest span an added or moved item may cover, and the longest
 * marker, title, unit or subject a reviewer may give it, in characters
 * (code points, at most 4 bytes each: far below SY_MAX_SCALAR_BYTES).  A
 * statistic or a heading is a few dozen characters; a selection of more
 * than this is a mistake. */
#define SY_MAX_ITEM_CHARS 1000

/* The longest note a reviewer may write on an item, in bytes. */
#define SY_MAX_NOTE_BYTES ((size_t)256 << 10)

#endif
