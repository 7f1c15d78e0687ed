/* conv_docx.h - what the DOCX converter's files share (conv_docx.c, the
 * document; conv_docx_num.c, Word's automatic numbering). */
#ifndef SY_CONV_DOCX_H
#define SY_CONV_DOCX_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "base/outbuf.h"

/* The value of N's attribute NAME in any namespace (w:val, val), or
 * NULL.  Not a copy: it lives as long as N. */
const char *sy_docx_attr(const xmlNode *n, const char *name);
/* N's first element child of local name NAME, or NULL. */
xmlNode *sy_docx_child(const xmlNode *n, const char *name);
bool sy_docx_is(const xmlNode *n, const char *name);

/* Word's lists, from numbering.xml and styles.xml (either may be NULL),
 * and the counters of the paragraphs numbered so far. */
typedef struct sy_docx_num sy_docx_num;

/* A new numbering, or NULL when memory ran out.  NUMBERING and STYLES are
 * only read (they may be freed afterwards). */
sy_docx_num *sy_docx_num_new(xmlDoc *numbering, xmlDoc *styles);
void sy_docx_num_free(sy_docx_num *nm);

/* The marker Word shows before the paragraph whose w:pPr is PPR (may be
 * NULL), appended to OUT ("一、", "（二）", "3."); counts it.  Nothing
 * for a paragraph without numbering or with a bullet. */
void sy_docx_num_marker(sy_docx_num *nm, const xmlNode *ppr, sy_outbuf *out);

/* N in Word's number format FMT ("decimal", "chineseCounting", ...),
 * appended to OUT. */
void sy_docx_format_number(const char *fmt, int n, sy_outbuf *out);

#endif
