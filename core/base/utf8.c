/* utf8.c - see utf8.h.
 *
 * Strict UTF-8 per RFC 3629 / Unicode 15 table 3-7: no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated
 * sequences.  validate and count have an ASCII fast path that looks at 8
 * bytes at a time; nothing here allocates.
 */
#include "base/utf8.h"

#include <stdbool.h>
#include <string.h>

#define HI_BITS UINT64_C(0x8080808080808080)

static inline uint64_t load64(const unsigned char *s)
{
	uint64_t w;
	memcpy(&w, s, sizeof w); /* unaligned-safe; compiles to one load */
	return w;
}

/* How many bytes of X have bit 7 set, when no other bit is set: the high
 * bits moved down and summed into the top byte by one multiply (no
 * popcount instruction needed: without -mpopcnt it is a libgcc call). */
static inline unsigned count_hi_bits(uint64_t x)
{
	return (unsigned)(((x >> 7) * UINT64_C(0x0101010101010101)) >> 56);
}

/* The decoder proper, inlined into validate.  Returns 0 on any invalid or
 * truncated sequence, else the length and *CP. */
static inline size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2) /* continuation byte, or C0/C1 (always overlong) */
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c < 0xF5) {
		/* 3 or 4 bytes; the second byte's range is narrower after
		 * E0 (overlong), ED (surrogates), F0 (overlong) and F4
		 * (above U+10FFFF) */
		size_t len = c < 0xF0 ? 3 : 4, i;
		unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
		unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
		uint32_t v = c & (len == 3 ? 0x0F : 0x07);

		if (n < len || s[1] < lo || s[1] > hi)
			return 0;
		for (i = 1; i < len; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			v = (v << 6) | (s[i] & 0x3F);
		}
		*cp = v;
		return len;
	}
	return 0; /* F5..FF never appear in UTF-8 */
}

/* Returns bytes used (1-4), or 0 (and *CP untouched) when S does not start
 * with a complete valid sequence or N is 0.  Owns nothing. */
size_t sy_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0)
		return 0;
	return decode(s, n, cp);
}

/* Writes 1-4 bytes to OUT (not NUL-terminated) and returns the count.  A CP
 * that is not a Unicode scalar value (a surrogate or above U+10FFFF) is
 * written as U+FFFD (3 bytes), so OUT is always valid UTF-8. */
size_t sy_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Offset of the lead byte of the first invalid (or truncated) sequence, or
 * N when all of S is valid.  Owns nothing; never fails. */
/* sy_utf8_validate, and the code points of the valid prefix into *CHARS
 * when COUNT (inlined twice: the test folds away). */
static inline size_t validate(const unsigned char *s, size_t n, bool count,
			      size_t *chars)
{
	size_t i = 0, cps = 0;

	while (i < n) {
		unsigned c = s[i];

		if (c < 0x80) {
			/* ASCII run: 8 bytes at a time, then byte by byte */
			size_t at = i++;
			while (i + 8 <= n && !(load64(s + i) & HI_BITS))
				i += 8;
			while (i < n && s[i] < 0x80)
				++i;
			cps += i - at;
			continue;
		}
		/* Chinese text is mostly 3-byte sequences: check those
		 * without the general decoder's branches. */
		if (c >= 0xE1 && c != 0xED && c <= 0xEF && i + 3 <= n &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			cps++;
			continue;
		}
		{
			uint32_t cp;
			size_t k = decode(s + i, n - i, &cp);
			if (k == 0)
				break;
			i += k;
			cps++;
		}
	}
	if (count)
		*chars = cps;
	return i < n ? i : n;
}

size_t sy_utf8_validate(const unsigned char *s, size_t n)
{
	return validate(s, n, false, NULL);
}

size_t sy_utf8_validate_count(const unsigned char *s, size_t n,
			      size_t *chars)
{
	return validate(s, n, true, chars);
}

/* Code points in S[0..N), counted as the bytes that are not continuation
 * bytes (10xxxxxx); only meaningful when S is valid UTF-8.  Owns nothing. */
size_t sy_utf8_count(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, cont = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w = load64(s + i);
		/* bit 7 set and bit 6 clear, per byte */
		cont += count_hi_bits(w & ~(w << 1) & HI_BITS);
	}
	for (; i < n; ++i)
		cont += (s[i] & 0xC0) == 0x80;
	return n - cont;
}
