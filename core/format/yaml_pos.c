/* yaml_pos.c - see yaml_pos.h */
#include "format/yaml_pos.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/i18n.h"

sy_status sy_yaml_fail_at(sy_error *err, const char *name, size_t line,
			  size_t col, sy_status code, const char *fmt, ...)
{
	char msg[800];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	return sy_fail(err, code, "%s:%zu:%zu: %s", name, line + 1, col + 1, msg);
}

void sy_text_advance(const char *p, size_t n, size_t *line, size_t *col)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n') {
			++*line;
			*col = 0;
		} else if (((unsigned char)p[i] & 0xc0) != 0x80) {
			++*col;
		}
	}
}

sy_status sy_yaml_syntax_error(sy_error *err, const char *name,
			       const yaml_parser_t *y, sy_locate_fn locate,
			       const void *ctx)
{
	const char *problem = y->problem ? y->problem : "unknown error";
	size_t line, col;

	if (y->error == YAML_MEMORY_ERROR)
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	if (y->error == YAML_READER_ERROR) {
		locate(ctx, y->problem_offset, &line, &col);
		return sy_yaml_fail_at(err, name, line, col, SY_ERR_FORMAT,
				       "invalid input: %s", problem);
	}
	if (y->context)
		return sy_yaml_fail_at(err, name, y->problem_mark.line,
				       y->problem_mark.column, SY_ERR_FORMAT,
				       "YAML syntax error: %s (%s at line %zu)",
				       problem, y->context,
				       y->context_mark.line + 1);
	return sy_yaml_fail_at(err, name, y->problem_mark.line,
			       y->problem_mark.column, SY_ERR_FORMAT,
			       "YAML syntax error: %s", problem);
}
