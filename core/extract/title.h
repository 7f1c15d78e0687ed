/* title.h - the head of a report pasted from a web page or a document
 * site: which lines are page chrome (breadcrumbs, metadata rows, dates,
 * view counters, file names, separators), and which line(s) are the
 * report's own title (guidelines.md, "Document": "the report's own title
 * line, if it has one").
 *
 * Chrome is told by the line's shape, not by a list of sites: a path
 * separator (> » ›), a bar (|), a key-value row (来源：…, 名　称：…), a row
 * of short space-separated cells (责任部门 某镇 公开形式 主动公开), a file
 * name (….docx), a clock time or a weekday.
 */
#ifndef SY_TITLE_H
#define SY_TITLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A line of the report's head, trimmed; CP owned by whoever collected it. */
typedef struct sy_cline {
	uint32_t *cp;
	size_t n;
} sy_cline;

/* True when the line CP[0..N) is page chrome, not report text. */
bool sy_chrome_line(const uint32_t *cp, size_t n);

/* The title among the first lines L[0..NL): a new UTF-8 string (NULL when
 * there is none or on OOM), with the wrap spaces a .docx or a web page put
 * inside it removed and the chrome glued after it cut.  *LINE gets the
 * index of the line it starts on; *CP / *N the title's code points (a new
 * allocation owned by the caller, NULL when there is no title). */
char *sy_title_find(const sy_cline *l, size_t nl, size_t *line,
		    uint32_t **cp, size_t *n);

#endif
