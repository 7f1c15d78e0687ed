/* validate.h - the rules an item's fields keep, in one place for every
 * path that stores a value: the review commands (review.h) refuse what
 * breaks them, and the review screen's forms ask these functions and show
 * their message.
 *
 * Each function returns SY_OK, or SY_ERR_USAGE with ERR (may be NULL)
 * filled with a message that starts with the field's name as the
 * annotation file spells it ("value_max: ..."), so that a form can put it
 * at that field.  Nothing is allocated.
 */
#ifndef SY_VALIDATE_H
#define SY_VALIDATE_H

#include <stdbool.h>

#include "model/annot.h"
#include "model/annot_limits.h"
#include "base/error.h"

/* The lowest and highest section levels (guidelines.md: 一、 → （一） →
 * 1. → （1）). */
enum { SY_LEVEL_MIN = 1, SY_LEVEL_MAX = 4 };

/* A number typed into FIELD ("value", "value_max"): blanks alone are
 * null (*HAS false); otherwise a plain decimal (digits, an optional
 * fraction and exponent) that is not negative, fits a double and is
 * stored exactly as typed (the file would otherwise say another number:
 * too many significant digits, or beyond a double's range). */
sy_status sy_parse_number(const char *field, const char *text, double *v,
			  bool *has, sy_error *err);
/* approx: empty (null), over, under, about or range. */
sy_status sy_parse_approx(const char *text, sy_approx *out, sy_error *err);
/* level: a number from SY_LEVEL_MIN to SY_LEVEL_MAX. */
sy_status sy_parse_level(const char *text, int *level, sy_error *err);
/* year: empty (0, null) or four digits. */
sy_status sy_parse_year(const char *text, int *year, sy_error *err);

/* A statistic's value, approx and value_max together: values finite and
 * not negative, value_max only with approx range and not below value. */
/* Also: its unit and subject pass sy_check_text. */
sy_status sy_check_stat(const sy_stat *s, sy_error *err);
/* A text FIELD ("title", "marker", "unit", "subject") may hold: NULL, or
 * valid UTF-8 of at most SY_MAX_ITEM_CHARS characters. */
sy_status sy_check_text(const char *field, const char *text, sy_error *err);
/* A note: NULL, or valid UTF-8 of at most SY_MAX_NOTE_BYTES bytes. */
sy_status sy_check_note(const char *note, sy_error *err);
/* A section's level (as sy_check_level), marker and title (sy_check_text). */
sy_status sy_check_section(int level, const char *marker, const char *title,
			   sy_error *err);
sy_status sy_check_level(int level, sy_error *err);
/* The document facts: year null or four digits, date null or a real
 * YYYY-MM-DD. */
sy_status sy_check_document(const sy_docfacts *d, sy_error *err);
/* A tag: one word, no blank, no control and none of , [ ] { } : # */
sy_status sy_check_tag(const char *tag, sy_error *err);

#endif
