/* score.h - how sure shenyue's own rules are of an item they proposed
 * (issue 13): a score in [0, 1] from the evidence the finished item, its
 * line and its tags carry, written as `by: {shenyue: SCORE}`.
 *
 * The score is a product of factors, each the weight of one piece of
 * evidence, calibrated so that items scored 0.9 or more are right at
 * least 9 times in 10 (`shenyue eval --calibration`):
 *   statistics: a percentage or a common unit after an Arabic number in
 *     a plain sentence scores high; a rarer measure word, a classifier
 *     that often makes a set phrase (级 类 批 …), a small Chinese numeral,
 *     a range, a norm or a duration (2人以上, 为期, 每), an ordinal-like
 *     (第, 排名) or date-like (3.15, a 年 after the unit) context, a
 *     quotation mark around it, no subject, or the `inconsistent` tag
 *     lower it;
 *   sections: a marker whose number follows the outline and a title of
 *     heading length score high; numbering-skip, numbering-repeat,
 *     marker-style, a marker flattened into a line, a title of one or two
 *     characters or a very long one lower it.
 * Nothing here allocates but sy_scorer_init.
 */
#ifndef SY_SCORE_H
#define SY_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "model/annot.h"

/* The score of statistic ST found in the line LINE[0..N), whose first
 * code point is at offset LSTART of the text (ST's offsets are the
 * text's).  ST's tags are read (inconsistent). */
double sy_score_stat(const sy_stat *st, const uint32_t *line, size_t n,
		     size_t lstart);
/* The score of section S found in the line LINE[0..N) at LSTART. */
double sy_score_section(const sy_section *s, const uint32_t *line, size_t n,
			size_t lstart);

/* SCORE rounded to 2 decimals and spelled the shortest way ("0.95",
 * "0.5", "1", "0") into BUF (room for 8). */
char *sy_score_spell(double score, char buf[8]);

/* The `by` mapping {shenyue: SCORE} of the items an extraction builds
 * one at a time: one node, its score rewritten for each item. */
typedef struct sy_scorer {
	sy_node *by;         /* owned */
} sy_scorer;

/* 0, or -1 on OOM (S then holds nothing to free). */
int sy_scorer_init(sy_scorer *s);
/* The mapping with SCORE in it (owned by S, valid until the next call):
 * for an item's r.by while it is handed on. */
sy_node *sy_scorer_by(sy_scorer *s, double score);
void sy_scorer_free(sy_scorer *s);

/* proposers.shenyue.version = this shenyue's version, in A.  0, or -1
 * on OOM. */
int sy_score_proposer(sy_annot *a);

#endif
