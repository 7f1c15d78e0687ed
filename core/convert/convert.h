/* convert.h - documents (web pages, Word files) turned into the text that
 * is reviewed.
 *
 * One small interface, in the spirit of ncdu's dir.h: every format is one
 * sy_converter (a struct of operations, in its own file conv_FORMAT.c),
 * and the only consumer, sy_document_load (extract/document.h), meets
 * them here.  A document is
 * chosen by its content (magic bytes), never by its name alone.
 *
 * The text a converter gives is a function of the document's bytes only:
 * the same document always gives the same text, to the byte, so that
 * sha256 rules, re-anchoring and merge keep working on it.  Lines end in
 * "\n" (the last one too); table rows are lines with cells separated by a
 * tab; runs of white space inside a line are one space, and none is kept
 * between two CJK characters.
 */
#ifndef SY_CONVERT_H
#define SY_CONVERT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/outbuf.h"

/* Documents are refused above this size, and a zip entry that
 * decompresses to more (a zip bomb) is refused and said so. */
#define SY_DOC_MAX_BYTES ((size_t)256 << 20)
#define SY_ZIP_ENTRY_MAX ((size_t)64 << 20)

typedef struct sy_converter {
	const char *format;  /* "html", "docx": source.original.format */
	const char *what;    /* for messages: "HTML page", "DOCX document" */
	/* Does B[0..N) look like this format?  (Content only.) */
	bool (*sniff)(const unsigned char *b, size_t n);
	/* Append the text of the document B[0..N) to OUT (lines as above).
	 * NULL when this build lacks the format: MISSING then says which
	 * Debian package adds it.  On failure OUT may hold part of the text
	 * (the caller drops it) and ERR names NAME. */
	sy_status (*convert)(const char *name, const unsigned char *b,
			     size_t n, sy_outbuf *out, sy_error *err);
	/* The converter and its version (rules and library), recorded as
	 * source.original.converter: "shenyue-html 1 (libxml2 2.9.14)". */
	const char *(*version)(void);
	const char *missing;
} sy_converter;

/* Does S occur in B[0..N)?  (For the sniffs.) */
bool sy_conv_has(const unsigned char *b, size_t n, const char *s);

/* The converter whose sniff claims B[0..N), or NULL: plain text. */
const sy_converter *sy_converter_for(const unsigned char *b, size_t n);

/* The lines builder the converters share (conv_lines.c).  LINE is the
 * line being built; OUT gets whole lines. */
typedef struct sy_lines {
	sy_outbuf *out;
	sy_outbuf line;
	bool space;          /* white space seen since the last character */
	unsigned last;       /* last code point in LINE, 0 at its start */
} sy_lines;

/* Inline text S[0..N) (UTF-8): white space collapsed as said above. */
void sy_lines_text(sy_lines *l, const char *s, size_t n);
/* A cell boundary in a table row: a tab. */
void sy_lines_cell(sy_lines *l);
/* End the line being built (nothing when it is empty). */
void sy_lines_break(sy_lines *l);
/* End the last line and free LINE.  False when memory ran out. */
bool sy_lines_finish(sy_lines *l);

/* The versions of the converters' libraries as loaded at run time, for
 * --version: libxml2's xmlParserVersion ("20914"), libzip's "1.7.3".
 * Static strings. */
const char *sy_libxml2_version(void);
const char *sy_libzip_version(void);
/* poppler's version ("22.12.0"), NULL when this build reads no PDF. */
const char *sy_poppler_version(void);

extern const sy_converter sy_conv_html, sy_conv_docx, sy_conv_pdf,
	sy_conv_ofd, sy_conv_ole;

#endif
