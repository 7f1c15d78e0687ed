/* docfacts.h - the document facts of a report: title, issuer, region,
 * year, date (guidelines.md, "Document").
 */
#ifndef SY_DOCFACTS_H
#define SY_DOCFACTS_H

#include <stddef.h>

#include "model/annot.h"

/* Fill D's title, issuer, region, year and date from the UTF-8 TEXT
 * (status is left as it is).  Strings are new allocations owned by D.
 * Returns 0, or -1 on OOM (D may then hold some of the fields). */
int sy_docfacts_find(const char *text, size_t len, sy_docfacts *d);

#endif
