/* stats.h - statistics in a line of report text (guidelines.md,
 * "Statistics"): number, approximation mark, unit; value folded; approx;
 * subject; and the cross-checks that tag a statistic `inconsistent`.
 */
#ifndef SY_STATS_H
#define SY_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "annot.h"

typedef struct sy_found {
	size_t start, end;        /* `text`, code point indexes in the line */
	size_t ustart, uend;      /* the unit */
	size_t sstart, send;      /* the subject (may be empty) */
	double value, value_max;
	bool has_max;
	sy_approx approx;
	bool inconsistent;
} sy_found;

typedef struct sy_foundvec {
	sy_found *v;              /* owned */
	size_t n, cap;
	uint32_t *fold;           /* owned: the line with traditional forms folded */
	size_t foldcap;
	int trad;                 /* 0: look at each line for traditional
				   * characters; 1: the text has them, fold
				   * every line; -1: it has none (measure.h) */
} sy_foundvec;

/* Find the statistics of the line CP[0..N), appending to *OUT (which is
 * cleared first).  Returns 0, or -1 on OOM. */
int sy_stats_scan(const uint32_t *cp, size_t n, sy_foundvec *out);
void sy_foundvec_free(sy_foundvec *v);

#endif
