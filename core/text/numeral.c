/* numeral.c - see numeral.h.
 *
 * Arabic numbers are read as an integer mantissa and a power of ten, and
 * converted to double once at the end, so decimal inputs fold exactly.
 * Chinese numerals are read in the usual sections: digits with 十/百/千
 * below 万, then 万 and 亿 as section multipliers.
 */
#include "text/numeral.h"

#include <math.h>
#include <string.h>

#include "base/utf8.h"

bool sy_is_digit_cp(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static int digit_val(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10);
	return -1;
}

/* Chinese digit value 0-9, or -1. */
static int cn_digit(uint32_t c)
{
	switch (c) {
	case 0x3007: /* 〇 */
	case 0x96F6: /* 零 */ return 0;
	case 0x4E00: /* 一 */ return 1;
	case 0x4E8C: /* 二 */
	case 0x4E24: /* 两 */ return 2;
	case 0x4E09: /* 三 */ return 3;
	case 0x56DB: /* 四 */ return 4;
	case 0x4E94: /* 五 */ return 5;
	case 0x516D: /* 六 */ return 6;
	case 0x4E03: /* 七 */ return 7;
	case 0x516B: /* 八 */ return 8;
	case 0x4E5D: /* 九 */ return 9;
	default: return -1;
	}
}

/* Small unit 十 百 千 as a power of ten, or 0. */
static int cn_small_unit(uint32_t c)
{
	switch (c) {
	case 0x5341: return 1; /* 十 */
	case 0x767E: return 2; /* 百 */
	case 0x5343: return 3; /* 千 */
	default: return 0;
	}
}

/* Big unit 万 亿 as a power of ten, or 0. */
static int cn_big_unit(uint32_t c)
{
	switch (c) {
	case 0x4E07: return 4; /* 万 */
	case 0x4EBF: return 8; /* 亿 */
	default: return 0;
	}
}

bool sy_is_cn_digit_cp(uint32_t c)
{
	return cn_digit(c) >= 0 || cn_small_unit(c) > 0;
}

static bool is_point(uint32_t c) { return c == '.' || c == 0xFF0E; }

/* What may separate groups of three digits: a comma, a space, a no-break
 * or thin space. */
static bool is_group_sep(uint32_t c)
{
	return c == ',' || c == ' ' || c == 0xA0 || c == 0x2009 || c == 0x202F;
}

/* mantissa * 10^exp as the nearest double. */
static double fold(unsigned long long mant, int exp)
{
	double m = (double)mant;
	if (exp >= 0)
		return m * pow(10.0, exp);
	return m / pow(10.0, -exp);
}

/* Append one integer digit to mant (keeping 18 significant digits; the
 * rest only scale by ten). */
static void push_digit(unsigned long long *mant, int *exp, int *sig, int d,
		       sy_numeral *out)
{
	if (*sig < 18) {
		*mant = *mant * 10 + (unsigned)d;
		if (*mant)
			(*sig)++;
	} else {
		(*exp)++;
	}
	out->ndigits++;
}

/* Arabic digits: 1234, 1,234, 92.5, ９２．５, then optional multipliers
 * (千/百 then 万 then 亿), and 1亿2000万. */
static size_t scan_arabic(const uint32_t *s, size_t n, sy_numeral *out)
{
	unsigned long long mant = 0;
	int exp = 0, sig = 0;
	size_t i = 0;

	/* integer part */
	while (i < n && sy_is_digit_cp(s[i]))
		push_digit(&mant, &exp, &sig, digit_val(s[i++]), out);
	/* thousands groups: 1,234 or 12,345,678, or with a space as the
	 * separator (33 939, 674 149 546, the way statistics tables and
	 * some pages print them) - only whole 3-digit groups, one separator
	 * throughout */
	if (i <= 3 && i < n && is_group_sep(s[i])) {
		size_t j = i;
		uint32_t sep = s[i];
		while (j + 3 < n && s[j] == sep && sy_is_digit_cp(s[j + 1]) &&
		       sy_is_digit_cp(s[j + 2]) && sy_is_digit_cp(s[j + 3]) &&
		       !(j + 4 < n && sy_is_digit_cp(s[j + 4])))
			j += 4;
		for (; i < j; i++)
			if (s[i] != sep)
				push_digit(&mant, &exp, &sig, digit_val(s[i]), out);
	}
	/* decimals */
	if (i + 1 < n && is_point(s[i]) && sy_is_digit_cp(s[i + 1])) {
		i++;
		out->decimal = true;
		while (i < n && sy_is_digit_cp(s[i])) {
			if (sig < 18) {
				mant = mant * 10 + (unsigned)digit_val(s[i]);
				exp--;
				if (mant)
					sig++;
			}
			i++;
		}
	}
	/* multipliers: [千|百] [万] [亿] */
	if (i < n && (s[i] == 0x5343 || s[i] == 0x767E) &&
	    !(s[i] == 0x5343 && i + 1 < n &&
	      (s[i + 1] == 0x74E6 || s[i + 1] == 0x7C73 || s[i + 1] == 0x514B))) {
		/* not the 千 of 千瓦 千米 千克, which are units */
		exp += cn_small_unit(s[i]);
		out->multiplier = true;
		i++;
	}
	if (i < n && s[i] == 0x4E07) {
		exp += 4;
		out->multiplier = true;
		i++;
		/* 3万5000, 2万3千 */
		if (i < n && sy_is_digit_cp(s[i]) && !(i + 1 < n && s[i + 1] == 0x4EBF)) {
			sy_numeral rest;
			memset(&rest, 0, sizeof rest);
			size_t k = scan_arabic(s + i, n - i, &rest);
			if (k && rest.value < 1e4 && !rest.decimal &&
			    (!rest.multiplier || s[i + k - 1] == 0x5343)) {
				out->value = fold(mant, exp) + rest.value;
				out->arabic = true;
				return i + k;
			}
		}
	}
	if (i < n && s[i] == 0x4EBF) {
		exp += 8;
		out->multiplier = true;
		i++;
		/* 1亿2000万 */
		if (i < n && sy_is_digit_cp(s[i])) {
			sy_numeral rest;
			memset(&rest, 0, sizeof rest);
			size_t k = scan_arabic(s + i, n - i, &rest);
			if (k && rest.multiplier && s[i + k - 1] == 0x4E07 &&
			    !rest.decimal) {
				out->value = fold(mant, exp) + rest.value;
				out->arabic = true;
				return i + k;
			}
		}
	}
	out->arabic = true;
	out->value = fold(mant, exp);
	return i;
}

/* Chinese numerals: 十九, 两百三十, 一万二千, 一百零五, 百, 三十万. */
static size_t scan_chinese(const uint32_t *s, size_t n, sy_numeral *out)
{
	double total = 0, section = 0;
	int digit = -1;           /* pending digit */
	bool prev_digit = false;  /* last char was a nonzero digit */
	size_t i = 0, last_good = 0;
	bool any_digit = false;

	/* a lone 万 or 亿 (万人, 亿元) */
	if (cn_big_unit(s[0]) && !(n > 1 && (cn_digit(s[1]) >= 0 || cn_small_unit(s[1])))) {
		out->value = pow(10.0, cn_big_unit(s[0]));
		out->multiplier = true;
		return 1;
	}
	/* digits read one by one: 二〇二一, 一九九八 */
	if (n > 1 && cn_digit(s[0]) >= 0 && cn_digit(s[1]) >= 0 && s[0] != 0x96F6) {
		double v = 0;
		for (i = 0; i < n && cn_digit(s[i]) >= 0; i++)
			v = v * 10 + cn_digit(s[i]);
		if (i < n && (cn_small_unit(s[i]) || cn_big_unit(s[i])))
			return 0;     /* 二三十: neither reading */
		out->value = v;
		out->chinese = true;
		out->sequence = true;
		return i;
	}
	for (; i < n; i++) {
		int d = cn_digit(s[i]), u = cn_small_unit(s[i]), b = cn_big_unit(s[i]);
		if (d >= 0) {
			if (prev_digit)
				break;        /* two digits after a unit: 十二三 */
			digit = d;
			prev_digit = d != 0;
			any_digit = true;
			if (d != 0)
				last_good = i + 1;
			continue;
		}
		if (u) {
			section += (digit < 0 ? 1 : digit) * pow(10.0, u);
			digit = -1;
			prev_digit = false;
			last_good = i + 1;
			continue;
		}
		if (b) {
			if (i == 0)
				break;        /* 万 alone is not a numeral here */
			if (digit > 0)
				section += digit;
			digit = -1;
			prev_digit = false;
			if (b == 8) {
				total = (total + section) * 1e8;
			} else {
				total += section * 1e4;
			}
			section = 0;
			last_good = i + 1;
			out->multiplier = true;
			continue;
		}
		break;
	}
	if (last_good == 0)
		return 0;
	if (digit > 0)
		section += digit;
	out->value = total + section;
	out->chinese = any_digit || out->value > 0;
	return last_good;
}

size_t sy_numeral_scan(const uint32_t *s, size_t n, sy_numeral *out)
{
	size_t k;

	memset(out, 0, sizeof *out);
	if (n == 0)
		return 0;
	if (sy_is_digit_cp(s[0]))
		k = scan_arabic(s, n, out);
	else if (sy_is_cn_digit_cp(s[0]) || cn_big_unit(s[0]))
		k = scan_chinese(s, n, out);
	else
		return 0;
	out->len = k;
	return k;
}

size_t sy_numeral_parse_utf8(const char *text, double *value)
{
	uint32_t buf[256];
	size_t offs[257], n = 0, pos = 0, len = strlen(text);
	sy_numeral num;

	while (pos < len && n < 256) {
		uint32_t c;
		size_t k = sy_utf8_decode((const unsigned char *)text + pos,
					  len - pos, &c);
		if (!k)
			break;
		offs[n] = pos;
		buf[n++] = c;
		pos += k;
	}
	offs[n] = pos;
	if (!sy_numeral_scan(buf, n, &num))
		return 0;
	if (value)
		*value = num.value;
	return offs[num.len];
}
