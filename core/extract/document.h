/* document.h - a report given as a document: its text taken out by the
 * converters (convert/convert.h), kept as NAME.txt, and the document
 * recorded as source.original (document.c).
 *
 * The one way a document is taken in: `shenyue extract` calls
 * sy_document_load (it writes the annotation file itself); `review` and
 * `import` call sy_document_take, which also makes or updates the
 * annotation file and gives the text's path to open.  Both tell a
 * document by its content (magic bytes), never by its name alone, and
 * both refuse bad input (corrupt, encrypted, a zip bomb, no text, a
 * format this build lacks) with a message naming the document, writing
 * nothing.  Locks are the caller's: take the annotation file's lock
 * (session/lock.h) around sy_document_take.
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

/* The converter that claims the file at PATH by its first 4 KB, or
 * NULL: a text file, or a path that is no readable regular file (its
 * opening says why).  A zip counts as a document (DOCX or OFD) when
 * ANY_ZIP (a file named by the user: a broken one is refused with why),
 * else only when it names word/document.xml or OFD.xml (a folder's other
 * zips are left alone).  For choosing what to take in; sy_document_take
 * decides on all the bytes. */
const sy_converter *sy_document_kind(const char *path, bool any_zip);

/* Take the document at PATH in for review: its text kept as NAME.txt
 * beside it (sy_document_text_path), *TEXT_PATH a new string naming it
 * (the caller frees it; NULL when PATH is not a document: open PATH as it
 * is).
 *   - The document is the one the annotation file NAME.yaml records
 *     (source.original: path and sha256) and NAME.txt is there: nothing
 *     is converted or written.
 *   - Otherwise it is converted and NAME.txt written as sy_document_load
 *     does (never over other text).  With ANNOTATE, NAME.yaml is then
 *     made by extraction when missing (source naming NAME.txt,
 *     source.original the document); when present, only its
 *     source.original is updated: the changed text is re-anchored when
 *     the file is opened, as for a changed text report.  An annotation
 *     file that cannot be read is left alone for the opening to report.
 * On failure *TEXT_PATH is NULL, ERR names PATH, and nothing of a
 * refused document is written. */
sy_status sy_document_take(const char *path, bool annotate, char **text_path,
			   sy_error *err);

#endif
