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

/* How much of a page is read twice to tell GB18030 from Big5. */
#define SAMPLE ((size_t)256 << 10)

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

/* Is C one of COMMON?  A bit for each CJK ideograph, set from COMMON on
 * the first call. */
static bool common_cjk(uint32_t c)
{
	static unsigned char bits[(0xA000 - 0x4E00) / 8];
	static bool ready;

	if (c < 0x4E00 || c >= 0xA000)
		return false;
	if (!ready) {
		for (size_t i = 0; COMMON[i];) {
			uint32_t k;
			size_t m = sy_utf8_decode((const unsigned char *)COMMON + i,
						  strlen(COMMON + i), &k);
			if (!m)
				break;
			if (k >= 0x4E00 && k < 0xA000)
				bits[(k - 0x4E00) / 8] |= (unsigned char)(1u << (k % 8));
			i += m;
		}
		ready = true;
	}
	return bits[(c - 0x4E00) / 8] & (1u << (c % 8));
}

/* How many common characters (COMMON) TEXT holds, per thousand code
 * points beyond ASCII. */
static size_t score(const char *text, size_t n)
{
	size_t wide = 0, common = 0, i = 0;

	while (i < n) {
		uint32_t c = (unsigned char)text[i];
		size_t k = 1;
		if (c >= 0x80) {
			k = sy_utf8_decode((const unsigned char *)text + i,
					   n - i, &c);
			if (!k) {
				k = 1;
				c = 0xFFFD;
			}
			wide++;
			common += common_cjk(c);
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
		/* both readings of a sample - the first 256 KB, cut where
		 * neither charset can be inside a character ('\n', '<') - are
		 * scored; the winner then reads the whole page, or, when the
		 * page is not that charset after the sample, the other one */
		size_t m = n, lg = 0, lb = 0, sg = 0, sb = 0;
		bool oom;
		char *g, *bg;
		const char *pick, *other;
		if (n > SAMPLE) {
			m = SAMPLE;
			while (m > 0 && b[m - 1] != '\n' && b[m - 1] != '<')
				m--;
			if (m == 0)
				m = n;
		}
		g = sy_charset_to_utf8("GB18030", b, m, &lg, &oom);
		bg = sy_charset_to_utf8("BIG5-HKSCS", b, m, &lb, &oom);
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
		other = pick[0] == 'G' ? "BIG5-HKSCS" : "GB18030";
		if (m == n) {   /* the winner's text is the page's (a
				 * reading that failed scores 0: never picked) */
			*utf8 = pick[0] == 'G' ? g : bg;
			*utf8_len = pick[0] == 'G' ? lg : lb;
			free(pick[0] == 'G' ? bg : g);
			return pick;
		}
		free(g);
		free(bg);
		*utf8 = sy_charset_to_utf8(pick, b, n, utf8_len, &oom);
		if (!*utf8 && !oom) {
			pick = other;
			*utf8 = sy_charset_to_utf8(pick, b, n, utf8_len, &oom);
		}
		return *utf8 || oom ? pick : NULL;
	}
}
