/* textmap.h - where each line of a decoded report starts, in code points
 * and in bytes, so that a code point offset can be found in the UTF-8
 * text quickly (the review screen, search), and text search.
 */
#ifndef SY_TEXTMAP_H
#define SY_TEXTMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

typedef struct sy_textmap {
	const char *text;    /* not owned: the sy_source's text */
	size_t len, chars;
	size_t *line_cp;     /* nlines + 1 entries; the last is chars (+1) */
	size_t *line_byte;   /* likewise in bytes */
	size_t nlines;       /* a final line without '\n' counts */
} sy_textmap;

/* Build the map of TEXT (valid UTF-8, LEN bytes, CHARS code points).
 * 0, or -1 on OOM (*M is then empty). */
int sy_textmap_build(sy_textmap *m, const char *text, size_t len, size_t chars);
void sy_textmap_free(sy_textmap *m);

/* The line holding code point CP (the last line for CP == chars). */
size_t sy_textmap_line_of(const sy_textmap *m, size_t cp);
/* The byte offset of code point CP. */
size_t sy_textmap_byte_of(const sy_textmap *m, size_t cp);
/* The code point offset of byte offset B (at a character boundary). */
size_t sy_textmap_cp_of(const sy_textmap *m, size_t b);

/* Search NEEDLE (UTF-8, matched exactly; case-insensitive for ASCII
 * letters) from code point FROM forwards (DIR > 0: the first match
 * starting after FROM) or backwards (DIR < 0: the last match starting
 * before FROM), wrapping around the end.  Sets *START and *END (code points)
 * and returns true, or false when there is no match. */
bool sy_textmap_search(const sy_textmap *m, const char *needle, size_t from,
		       int dir, size_t *start, size_t *end);

#endif
