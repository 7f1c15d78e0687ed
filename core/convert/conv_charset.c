/* conv_charset.c - the charset of a web page: its BOM, else the bytes
 * themselves (valid UTF-8, or whichever of GB18030 and Big5 reads as
 * more common Chinese), the <meta> charset only breaking a tie.  A
 * page whose <meta> is wrong is still read right. */
#include "convert/conv_charset.h"
#include "base/utf8.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Characters that are common in these reports and written the same in
 * simplified and traditional Chinese. */
static const char COMMON[] =
	"的一是在不了有和人中大上年法工作政府行依治以及会于为对全公开部"
	"门件次加强制度建设推进完成开展实施主要情况执行规范监督管理案";

/* Convert B[0..N) from CHARSET to UTF-8: a new NUL-terminated string
 * (*OUTLEN bytes), or NULL when the bytes are not CHARSET or memory ran
 * out (*OOM set then). */
char *sy_charset_to_utf8(const char *charset, const unsigned char *b,
			 size_t n, size_t *outlen, bool *oom)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	size_t cap = n * 2 + 16, inleft = n, outleft;
	char *buf, *in = (char *)(uintptr_t)b, *op;

	*oom = false;
	*outlen = 0;
	if (cd == (iconv_t)-1)
		return NULL;
	buf = malloc(cap);
	if (!buf) {
		*oom = true;
		iconv_close(cd);
		return NULL;
	}
	op = buf;
	outleft = cap - 1;
	/* 2 bytes of GB18030/Big5 give 3 of UTF-8 at most; 4 give 4 */
	if (iconv(cd, &in, &inleft, &op, &outleft) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &outleft) == (size_t)-1) {
		free(buf);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*op = '\0';
	*outlen = (size_t)(op - buf);
	return buf;
}

/* How many common characters (COMMON) TEXT holds, per thousand code
 * points beyond ASCII. */
static size_t score(const char *text, size_t n)
{
	size_t wide = 0, common = 0, i = 0;

	while (i < n) {
		uint32_t c;
		size_t k = sy_utf8_decode((const unsigned char *)text + i,
					  n - i, &c);
		if (!k)
			k = 1;
		if (c >= 0x80) {
			char ch[5];
			size_t m = sy_utf8_encode(c, ch);
			ch[m] = '\0';
			wide++;
			if (c >= 0x4E00 && strstr(COMMON, ch))
				common++;
		}
		i += k;
	}
	return wide ? common * 1000 / wide : 0;
}

/* The charset a <meta> names in the first 4 KB, or "" (lowercase, into
 * OUT of size 32). */
static void meta_charset(const unsigned char *b, size_t n, char out[32])
{
	size_t lim = n < 4096 ? n : 4096;

	out[0] = '\0';
	for (size_t i = 0; i + 8 < lim; i++) {
		size_t j, k = 0;
		if (strncasecmp((const char *)b + i, "charset=", 8))
			continue;
		j = i + 8;
		while (j < lim && (b[j] == '"' || b[j] == '\'' || b[j] == ' '))
			j++;
		while (j < lim && k < 31 &&
		       (b[j] == '-' || b[j] == '_' ||
			(b[j] >= '0' && b[j] <= '9') ||
			((b[j] | 0x20) >= 'a' && (b[j] | 0x20) <= 'z')))
			out[k++] = (char)(b[j++] | 0x20);
		out[k] = '\0';
		return;
	}
}

const char *sy_charset_detect(const unsigned char *b, size_t n, size_t *skip,
			      char *declared, size_t declared_size,
			      char **utf8, size_t *utf8_len)
{
	char meta[32];
	bool ascii = true;

	*skip = 0;
	*utf8 = NULL;
	*utf8_len = 0;
	meta_charset(b, n, meta);
	if (declared_size)
		snprintf(declared, declared_size, "%s", meta);
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		*skip = 3;
		return "UTF-8";
	}
	if (n >= 4 && b[0] == 0x84 && b[1] == 0x31 && b[2] == 0x95 &&
	    b[3] == 0x33) {
		*skip = 4;
		return "GB18030";
	}
	for (size_t i = 0; i < n && ascii; i++)
		ascii = b[i] < 0x80;
	if (ascii || sy_utf8_validate(b, n) == n)
		return "UTF-8";
	{
		size_t lg = 0, lb = 0, sg = 0, sb = 0;
		bool oom;
		char *g = sy_charset_to_utf8("GB18030", b, n, &lg, &oom);
		char *bg = sy_charset_to_utf8("BIG5-HKSCS", b, n, &lb, &oom);
		const char *pick;
		if (g)
			sg = score(g, lg) + 1;
		if (bg)
			sb = score(bg, lb) + 1;
		if (!sg && !sb)
			return NULL;
		if (sg == sb)   /* the <meta> breaks a tie */
			pick = !strncmp(meta, "big5", 4) ? "BIG5-HKSCS" : "GB18030";
		else
			pick = sg > sb ? "GB18030" : "BIG5-HKSCS";
		/* the winner's text is the page's: no third conversion */
		if (pick[0] == 'G') {
			*utf8 = g;
			*utf8_len = lg;
			free(bg);
		} else {
			*utf8 = bg;
			*utf8_len = lb;
			free(g);
		}
		return pick;
	}
}
