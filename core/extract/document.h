/* document.h - a report given as a document: its text taken out by the
 * converters (convert/convert.h), kept as NAME.txt, and the document
 * recorded as source.original (document.c).
 */
#ifndef SY_DOCUMENT_H
#define SY_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "convert/convert.h"
#include "text/source.h"

/* The text of the document B[0..N) by converter C, as a new sy_source
 * named TEXT_PATH (its sha256 and chars are those of the text).  On
 * failure *SRC is zeroed and ERR names NAME. */
sy_status sy_convert_bytes(const sy_converter *c, const char *name,
			   const unsigned char *b, size_t n,
			   const char *text_path, sy_source *src,
			   sy_error *err);

/* Where the text of DOCUMENT is kept: NAME.txt for NAME.EXT, in OUTDIR
 * (NULL: beside the document).  New string, NULL on OOM. */
char *sy_document_text_path(const char *document, const char *outdir);

typedef struct sy_docload {
	const char *outdir;  /* where the text goes (NULL: beside the document) */
	bool write_text;     /* false: convert in memory only (--dry-run) */
	bool force;          /* replace a NAME.txt that holds other text */
} sy_docload;

/* Read PATH.  A text file is loaded as sy_source_load does.  A document
 * is converted; its text is written (when O->write_text) to
 * sy_document_text_path, never over a different file of that name
 * unless O->force; SRC->path is then that text's path and SRC->original
 * records the document (path as given, sha256, format, converter).
 * Refused with a message naming PATH, nothing written: an unreadable or
 * corrupt document, a zip bomb, a page with no main content, a format
 * this build lacks.  On failure *SRC is zeroed. */
sy_status sy_document_load(const char *path, const sy_docload *o,
			   sy_source *src, sy_error *err);

#endif
