/* conv_charset.h - the charset of a web page (conv_charset.c). */
#ifndef SY_CONV_CHARSET_H
#define SY_CONV_CHARSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The iconv name of the charset of the page B[0..N): "UTF-8",
 * "GB18030" or "BIG5-HKSCS"; NULL when it is none of them.  *SKIP is the
 * length of a BOM to skip.  DECLARED (DECLARED_SIZE bytes, may be 0)
 * gets what the page's <meta> says, lowercase, or "".  When the bytes
 * had to be decoded to decide (GB18030 or Big5), *UTF8 is that text (a
 * new string of *UTF8_LEN bytes, the caller frees), else NULL. */
const char *sy_charset_detect(const unsigned char *b, size_t n, size_t *skip,
			      char *declared, size_t declared_size,
			      char **utf8, size_t *utf8_len);

/* B[0..N) from CHARSET to UTF-8: a new NUL-terminated string of *OUTLEN
 * bytes (the caller frees), or NULL when the bytes are not CHARSET or
 * memory ran out (*OOM set then). */
char *sy_charset_to_utf8(const char *charset, const unsigned char *b,
			 size_t n, size_t *outlen, bool *oom);

#endif
