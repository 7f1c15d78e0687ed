/* yaml_pos.h - messages about a place in a YAML input, as every reader of
 * the core gives them: "NAME:LINE:COLUMN: reason" (1-based, the column in
 * code points), and libyaml's own parse errors in that form.  Shared by
 * the annotation file reader (annot_parse.c) and the settings reader
 * (settings.c).
 */
#ifndef SY_YAML_POS_H
#define SY_YAML_POS_H

#include <stddef.h>
#include <yaml.h>

#include "base/error.h"

/* Fill ERR with "NAME:LINE:COLUMN: message" (LINE, COL 0-based) and
 * return CODE. */
sy_status sy_yaml_fail_at(sy_error *err, const char *name, size_t line,
			  size_t col, sy_status code, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Advance *LINE, *COL (0-based, the column in code points) over the N
 * bytes at P. */
void sy_text_advance(const char *p, size_t n, size_t *line, size_t *col);

/* Where byte OFF of an input is (*LINE, *COL as sy_text_advance counts);
 * CTX is the reader's. */
typedef void (*sy_locate_fn)(const void *ctx, size_t off, size_t *line,
			     size_t *col);

/* The message for a failed yaml_parser_parse of Y on the input NAME:
 * out of memory, a reader error at a byte offset (placed by LOCATE), or a
 * syntax error at libyaml's mark.  Returns the status filled in ERR. */
sy_status sy_yaml_syntax_error(sy_error *err, const char *name,
			       const yaml_parser_t *y, sy_locate_fn locate,
			       const void *ctx);

#endif
