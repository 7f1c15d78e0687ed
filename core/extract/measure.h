/* measure.h - what a quantity looks like after its numeral: the measure
 * words and unit nouns of the reports (guidelines.md, Statistics), and
 * the folding of traditional characters to simplified ones so that a
 * report from a big5 gateway or a mirror site (個 項 條 萬 億 餘 …) reads
 * as its simplified original does.
 *
 * The fold table covers the characters the extractor's rules look at
 * (numerals, measure words, approximation words, the words that make a
 * number a date, an ordinal or a page counter, place-name suffixes); it
 * is built once from the pairs below (the traditional / simplified pairs
 * of the 2013 通用规范汉字表 for those characters).
 */
#ifndef SY_MEASURE_H
#define SY_MEASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The simplified form of C when C is a traditional character the rules
 * read, else C itself. */
uint32_t sy_fold_trad(uint32_t c);

/* True when CP[0..N) has a character sy_fold_trad changes. */
bool sy_has_trad(const uint32_t *cp, size_t n);

/* Is the UTF-8 TEXT[0..LEN) written in traditional characters?  Reads
 * at most its first 64 KiB; true when a character there folds.  A page
 * is converted as a whole (a big5 gateway, a mirror site), so its head
 * tells; folding a simplified line changes nothing. */
bool sy_text_is_trad(const char *text, size_t len);

/* Copy CP[0..N) into OUT (room for N) with sy_fold_trad applied. */
void sy_fold_line(const uint32_t *cp, size_t n, uint32_t *out);

/* Length of the measure word or unit at CP[I] (already folded), the
 * longest one that matches, or 0.  ARABIC: the numeral before it has
 * Arabic digits; the classifiers that also start common words (方 口 面
 * 车 …) follow a Chinese numeral only where the clause ends (锦旗一面。),
 * and none is taken before a character that makes it such a word
 * (3方面, 3车道, 5首页). */
size_t sy_measure_at(const uint32_t *cp, size_t n, size_t i, bool arabic);

#endif
