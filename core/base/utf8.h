/* utf8.h - small UTF-8 helpers shared by the core. */
#ifndef SY_UTF8_H
#define SY_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point from S (at most N bytes, N > 0).  Returns the
 * number of bytes used (1-4) and sets *CP; returns 0 on an invalid or
 * truncated sequence (overlong, surrogate, > U+10FFFF). */
size_t sy_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Encode CP into OUT (room for 4 bytes); returns bytes written. */
size_t sy_utf8_encode(uint32_t cp, char *out);

/* Byte offset of the first invalid sequence in S[0..N), or N if valid. */
size_t sy_utf8_validate(const unsigned char *s, size_t n);
/* The same, and the code points of S[0..returned) into *CHARS: one pass
 * where a reader needs both. */
size_t sy_utf8_validate_count(const unsigned char *s, size_t n,
			      size_t *chars);

/* Number of code points in valid UTF-8 S[0..N). */
size_t sy_utf8_count(const char *s, size_t n);

#endif
