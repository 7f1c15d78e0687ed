/* numeral.h - reading numbers as the reports write them: Arabic digits
 * (half- and full-width, with . or ． decimals and , or space thousands), Chinese
 * numerals (〇零一二两三四五六七八九十百千万亿, 十九, 两百三十, 百余),
 * and mixed forms (1.76亿, 924.255383万, 25万).
 *
 * Values are computed from the decimal digits and a power of ten, so
 * 924.255383万 is exactly 9242553.83 (no 9242553.829999).
 */
#ifndef SY_NUMERAL_H
#define SY_NUMERAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sy_numeral {
	double value;       /* the folded value */
	size_t len;         /* code points consumed */
	bool arabic;        /* had Arabic digits */
	bool chinese;       /* had Chinese numeral digits (not just 万/亿) */
	bool decimal;       /* had a decimal point */
	int ndigits;        /* Arabic digits before the decimal point */
	bool multiplier;    /* a trailing 万/亿/千/百 was folded in */
	bool sequence;      /* Chinese digits read one by one: 二〇二一 */
} sy_numeral;

/* Parse the numeral at S[0..N) (code points).  Returns the number of code
 * points consumed (0: S does not start with a numeral) and fills *OUT.
 * Does not consume approximation marks (余, 多) or units. */
size_t sy_numeral_scan(const uint32_t *s, size_t n, sy_numeral *out);

/* Convenience for tests and the fix form: parse UTF-8 TEXT; returns the
 * number of bytes consumed (0: no numeral) and sets *VALUE. */
size_t sy_numeral_parse_utf8(const char *text, double *value);

/* True for the code points that can start a numeral. */
bool sy_is_digit_cp(uint32_t c);       /* 0-9, ０-９ */
bool sy_is_cn_digit_cp(uint32_t c);    /* 〇零一二两三四五六七八九十百千 */

#endif
