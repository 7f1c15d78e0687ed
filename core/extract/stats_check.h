/* stats_check.h - cross-checks of the statistics sy_stats_scan found:
 * within a sentence, a rate (…率 92.5%) must agree with a numerator and
 * denominator written beside it, and a total before 其中 with the sum of
 * its parts after it.  A statistic that does not is marked inconsistent,
 * with what was expected and which statistics it was checked against
 * (sy_found.check, expect, part, whole, nparts), for the tag and for
 * explain.c.
 */
#ifndef SY_STATS_CHECK_H
#define SY_STATS_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "extract/stats.h"

/* Check the statistics OUT->v[0..n) of the text CP[0..N) (in start
 * order), marking the inconsistent ones in place.  Allocates nothing. */
void sy_stats_cross_check(const uint32_t *cp, size_t n, sy_foundvec *out);

#endif
