/* stats.h - statistics in a line of report text (guidelines.md,
 * "Statistics"): number, approximation mark, unit; value folded; approx;
 * subject; and the cross-checks that tag a statistic `inconsistent`.
 */
#ifndef SY_STATS_H
#define SY_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/annot.h"

typedef struct sy_found {
	size_t start, end;        /* `text`, code point indexes in the line */
	size_t ustart, uend;      /* the unit */
	const char *unit_word;    /* static: the unit when the text does not
				   * spell it (百分之九十五 has unit %), or NULL */
	size_t sstart, send;      /* the subject (may be empty) */
	double value, value_max;
	bool has_max;
	sy_approx approx;
	bool inconsistent;
	/* why inconsistent was set (core/explain.c says it in words):
	 * SY_CHECK_RATE: the rate is not PART / WHOLE (indexes into the same
	 * vector; the pair nearest to the rate), which gives EXPECT percent;
	 * SY_CHECK_TOTAL: the NPARTS parts from PART to WHOLE (indexes) after
	 * 其中 sum to EXPECT, not to this total. */
	unsigned char check;
	double expect;
	size_t part, whole, nparts;
} sy_found;

enum { SY_CHECK_NONE, SY_CHECK_RATE, SY_CHECK_TOTAL };

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
