/* fields.h - the fields of the fix and add forms (dialogs.c draws them),
 * one set per kind of item: filled from the model, read back into it, and
 * checked by the core's rules (validate.h) so that the screen asks the
 * core and only shows its answer.
 *
 * sy_*_fields fill F (the caller's array of that many fields) with new
 * values: 0, or -1 on OOM with nothing to free; otherwise the caller
 * frees them with sy_fields_free.  sy_*_read fill the model's struct from
 * the fields (its strings point into F: valid while F is); sy_*_check are
 * the forms' sy_form_check. */
#ifndef SY_FIELDS_H
#define SY_FIELDS_H

#include "dialog.h"
#include "model/annot.h"

enum { SY_NSTAT_FIELDS = 5, SY_NSECTION_FIELDS = 3, SY_NDOC_FIELDS = 5 };

/* value, unit, approx, value_max, subject */
int sy_stat_fields(sy_field f[SY_NSTAT_FIELDS], const sy_stat *s);
sy_status sy_stat_read(const sy_field *f, sy_stat *s, sy_error *err);
sy_status sy_stat_check(const sy_field *f, size_t n, sy_error *err);

/* level, marker, title (read: the level; marker and title are f[1], f[2]) */
int sy_section_fields(sy_field f[SY_NSECTION_FIELDS], const sy_section *s);
sy_status sy_section_read(const sy_field *f, int *level, sy_error *err);
sy_status sy_section_check(const sy_field *f, size_t n, sy_error *err);

/* title, issuer, region, year, date */
int sy_doc_fields(sy_field f[SY_NDOC_FIELDS], const sy_docfacts *d);
sy_status sy_doc_read(const sy_field *f, sy_docfacts *d, sy_error *err);
sy_status sy_doc_check(const sy_field *f, size_t n, sy_error *err);

#endif
