/* yaml_style.h - how format 1 spells a scalar, the one rule of the whole
 * program: which strings are quoted so that YAML 1.1 (PyYAML) and YAML 1.2
 * readers both take them back as strings, and numbers in the shortest form
 * that reads back exactly.  Used by the libyaml writer (annot_emit.c), its
 * fast path (annot_fast.c), and, through the node builders below, by every
 * path that builds values for the file itself (review's `proposed`,
 * merge's conflict records): a value is written with the same bytes
 * whichever path last touched it (tests/spelling.sh).
 */
#ifndef SY_YAML_STYLE_H
#define SY_YAML_STYLE_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "model/node.h"

enum { SY_QUOTE_NRE = 4 };

/* The compiled patterns of the quoting rule.  Owned by whoever called
 * sy_quoting_init; read-only afterwards (shareable between emitters). */
typedef struct sy_quoting {
	regex_t re[SY_QUOTE_NRE];
	int nre;               /* patterns compiled */
} sy_quoting;

/* Compile the patterns.  On failure (SY_ERR_NOMEM) Q needs no
 * sy_quoting_free but may be given one. */
sy_status sy_quoting_init(sy_quoting *q, sy_error *err);
void sy_quoting_free(sy_quoting *q);

/* True when a YAML reader would not read S back as a string ("", "1.",
 * "2021-12-16", "yes", "null", "0x1F", "1:20" ...). */
bool sy_needs_quotes(const sy_quoting *q, const char *s);

/* V in the shortest form that reads back exactly, in BUF (room for N;
 * 40 is plenty): integers below 1e16 without a point (zero, also -0, as
 * "0"), other numbers with one (".nan", ".inf", "1.0e+20").  The C numeric
 * locale must be in effect. */
void sy_yaml_number(double v, char *buf, size_t n);

/* The scalar node of the string S as the writer spells it: quoted when
 * sy_needs_quotes says so, a plain null for NULL.  Uses a quoting rule of
 * the process's own, compiled on the first call (shenyue is one thread).
 * New node owned by the caller; NULL on OOM. */
sy_node *sy_yaml_str_node(const char *s);

/* The plain scalar node of the number V as sy_yaml_number spells it (in
 * the C numeric locale, whatever the caller's), or a plain null when
 * !HAS.  New node owned by the caller; NULL on OOM. */
sy_node *sy_yaml_num_node(double v, bool has);

#endif
