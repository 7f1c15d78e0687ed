/* yaml_style.h - how the annotation writer spells a scalar: which strings
 * are quoted so that YAML 1.1 (PyYAML) and YAML 1.2 readers both take them
 * back as strings, and numbers in the shortest form that reads back
 * exactly.  Shared by the libyaml writer (annot_emit.c) and its fast path
 * (annot_fast.c), so that both make the same choice.
 */
#ifndef SY_YAML_STYLE_H
#define SY_YAML_STYLE_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

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
 * 40 is plenty): integers below 1e16 without a point, other numbers with
 * one (".nan", ".inf", "1.0e+20").  The C numeric locale must be in
 * effect. */
void sy_yaml_number(double v, char *buf, size_t n);

#endif
