/* conv_zip.h - what the converters of zipped XML documents (.docx, .ofd)
 * share (conv_zip.c): the archive opened from memory, its entries read
 * with a bound on their size, their XML parsed.
 */
#ifndef SY_CONV_ZIP_H
#define SY_CONV_ZIP_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>
#include <zip.h>

#include "base/error.h"

/* Open the zip archive B[0..N) (not copied: B must outlive *OUT) with its
 * consistency checked.  *OUT is closed by the caller (zip_discard).
 * Refused with a message naming NAME: a corrupt archive. */
sy_status sy_zip_open(const char *name, const unsigned char *b, size_t n,
		      zip_t **out, sy_error *err);

/* Read the entry NAME of Z into a new NUL-terminated buffer *OUT (owned
 * by the caller), *OUTLEN bytes.  SY_OK with *OUT NULL when there is no
 * such entry and OPTIONAL; otherwise refused as "DOC: not WHAT: the zip
 * holds no NAME".  An entry that decompresses to more than
 * SY_ZIP_ENTRY_MAX is refused as a possible zip bomb. */
sy_status sy_zip_read(const char *doc, zip_t *z, const char *name,
		      bool optional, const char *what, char **out,
		      size_t *outlen, sy_error *err);

/* B[0..N) parsed as XML with no network, errors or warnings; NULL when
 * B is NULL or not XML.  Freed with xmlFreeDoc. */
xmlDoc *sy_xml_parse(const char *b, size_t n);

#endif
