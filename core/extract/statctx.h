/* statctx.h - what the words around a quantity say about it, for the
 * statistics scanner (stats.c): a duration that was measured (办理时间
 * 18.5天, 由20个工作日缩短为5个工作日) is a quantity the report states,
 * a period (为期3天) is not; the levels of a hierarchy (县乡两级,
 * 省市县三级) name a structure, they count nothing (guidelines.md,
 * Statistics: names, set phrases).
 *
 * CP is a line (folded to simplified forms where the page is traditional,
 * see measure.h); indexes are code points into it.  No allocation.
 */
#ifndef SY_STATCTX_H
#define SY_STATCTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of a duration unit (天, 个工作日, 工作日) at CP[J], or 0.  The
 * numeral starts at I and ends at NUMEND (before any 多 余 at NUMEND..J).
 * A duration counts when it was measured: the number has decimals or an
 * approximation mark (18.5天, 200多天), a word of timing comes before it
 * in its clause (办理时间, 时限, 用时, 平均, 压缩至) or a word of change
 * right after it (由30天缩短到…). */
size_t sy_measured_duration(const uint32_t *cp, size_t n, size_t i,
			    size_t numend, size_t j);

/* Is the numeral at I, followed by 级, the count of the levels listed
 * just before it (县乡两级, 省市县三级, 市、县两级)? */
bool sy_level_count(const uint32_t *cp, size_t i);

#endif
