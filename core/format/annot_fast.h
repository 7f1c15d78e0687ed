/* annot_fast.h - the annotation writer's fast path.
 *
 * An item whose every scalar lies in the canonical subset (valid UTF-8 of
 * printable characters, no line break, tab or control, no leading or
 * trailing space, no code point beyond U+FFFF), whose `proposed`, if any,
 * is a non-empty mapping of untagged scalars under simple keys, and that
 * has no unknown keys is written here straight to bytes: the
 * very bytes libyaml's emitter writes for it with the writer's settings
 * (annot_emit.c: unicode, no line width, indent 2, LF).  Which scalars
 * libyaml quotes is decided with its own rules (its scalar analysis and
 * style selection), restricted to that subset.  Anything else is left to
 * libyaml.  tests/test_fastwrite.c and fuzz/fuzz_annot.c compare the two
 * writers byte for byte.
 */
#ifndef SY_ANNOT_FAST_H
#define SY_ANNOT_FAST_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"
#include "model/annot.h"
#include "format/yaml_style.h"

/* Is the optional field (SY_FF_OPT in model/schema.h) MEMBER of IT, of
 * the schema's TYPE, present?  Optional fields are pointers (note,
 * proposed, cursor), absent when NULL; a field of another type always
 * is.  For the writers' X-macros. */
#define SY_FIELD_PRESENT(type, it, member) SY_FIELD_PRESENT_##type(it, member)
#define SY_FIELD_PRESENT_SY_FT_STR(it, m) ((it)->m != NULL)
#define SY_FIELD_PRESENT_SY_FT_MAP(it, m) ((it)->m != NULL)
#define SY_FIELD_PRESENT_SY_FT_ID(it, m) 1
#define SY_FIELD_PRESENT_SY_FT_INT(it, m) 1
#define SY_FIELD_PRESENT_SY_FT_SIZE(it, m) 1
#define SY_FIELD_PRESENT_SY_FT_NUM(it, m) 1
#define SY_FIELD_PRESENT_SY_FT_APPROX(it, m) 1
#define SY_FIELD_PRESENT_SY_FT_STATUS(it, m) 1
#define SY_FIELD_PRESENT_SY_FT_TAGS(it, m) 1

/* Append the YAML of section S (resp. statistic S) as an item of the
 * sections (statistics) list: from its "- " to the newline after its
 * last value.  Q is the writer's quoting rule; the C numeric locale must
 * be in effect.  Returns 1 when written, 0 when S is outside the
 * canonical subset (O unchanged: write it with libyaml), -1 when memory
 * ran out (O unchanged, O->oom set). */
int sy_fast_section(sy_outbuf *o, const sy_quoting *q, const sy_section *s);
int sy_fast_stat(sy_outbuf *o, const sy_quoting *q, const sy_stat *s);

#endif
