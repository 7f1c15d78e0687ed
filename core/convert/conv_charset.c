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
#include <threads.h>

/* Characters that are common in these reports and written the same in
 * simplified and traditional Chinese. */
static const char COMMON[] =
	"的一是在不了有和人中大上年法工作政府行依治以及会于为对全公开部"
	"门件次加强制度建设推进完成开展实施主要情况执行规范监督管理案";

/* How much of a page is read twice to tell GB18030 from Big5. */
#define SAMPLE ((size_t)256 << 10)

/* B[0..N) from CHARSET to UTF-8 through iconv (sy_charset_to_utf8). */
static char *iconv_to_utf8(const char *charset, const unsigned char *b,
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

/* GB18030's two-byte characters (lead 0x81-0xFE, trail 0x40-0xFE but
 * 0x7F) as iconv reads them, in UTF-8: made once from iconv itself, so
 * that the table gives the very bytes iconv gives.  len 0: iconv refuses
 * the pair (or gives more than one character). */
typedef struct gbchar {
	unsigned char len, u[4];
} gbchar;
#define GB_TRAILS 191                          /* 0x40..0xFE */
static gbchar gb_table[126 * GB_TRAILS];
static bool gb_ready;                           /* the table was made */
static once_flag gb_once = ONCE_FLAG_INIT;

/* One character of UTF-8 U[0..N) into *G (len 0 unless exactly one). */
static void gb_set(gbchar *g, const char *u, size_t n)
{
	uint32_t cp;

	g->len = 0;
	if (n >= 1 && n <= 4 &&
	    sy_utf8_decode((const unsigned char *)u, n, &cp) == n) {
		memcpy(g->u, u, n);
		g->len = (unsigned char)n;
	}
}

/* The row of LEAD: the 190 pairs in one call to iconv, split into
 * characters; false when iconv refuses one or the count is off. */
static bool gb_row(iconv_t cd, unsigned lead, gbchar *row)
{
	unsigned char in[2 * GB_TRAILS];
	char u[4 * GB_TRAILS + 16], *ip = (char *)in, *op = u;
	size_t il = 0, ol = sizeof u, at = 0;

	for (unsigned t = 0x40; t <= 0xFE; t++)
		if (t != 0x7F) {
			in[il++] = (unsigned char)lead;
			in[il++] = (unsigned char)t;
		}
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il)
		return false;
	for (unsigned t = 0x40; t <= 0xFE; t++) {
		uint32_t cp;
		size_t k;
		row[t - 0x40].len = 0;
		if (t == 0x7F)
			continue;
		k = at < (size_t)(op - u) ?
		    sy_utf8_decode((const unsigned char *)u + at, (size_t)(op - u) - at, &cp) : 0;
		if (!k)
			return false;
		gb_set(&row[t - 0x40], u + at, k);
		at += k;
	}
	return at == (size_t)(op - u);
}

static void gb_make(void)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");

	if (cd == (iconv_t)-1)
		return;
	for (unsigned lead = 0x81; lead <= 0xFE; lead++) {
		gbchar *row = gb_table + (lead - 0x81) * GB_TRAILS;
		if (gb_row(cd, lead, row))
			continue;
		for (unsigned t = 0x40; t <= 0xFE; t++) {   /* pair by pair */
			unsigned char in2[2] = { (unsigned char)lead, (unsigned char)t };
			char u[16], *ip = (char *)in2, *op = u;
			size_t il = 2, ol = sizeof u;
			row[t - 0x40].len = 0;
			if (t == 0x7F)
				continue;
			iconv(cd, NULL, NULL, NULL, NULL);
			if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0)
				gb_set(&row[t - 0x40], u, (size_t)(op - u));
		}
	}
	iconv_close(cd);
	gb_ready = true;
}

/* GB18030 B[0..N) to UTF-8 as iconv gives it, ASCII and two-byte
 * characters through gb_table, four-byte ones through iconv; anything
 * else (a byte iconv may refuse) hands the whole to iconv. */
static char *gb18030_to_utf8(const unsigned char *b, size_t n,
			     size_t *outlen, bool *oom)
{
	char *buf, *o;
	iconv_t cd = (iconv_t)-1;
	size_t i = 0;

	call_once(&gb_once, gb_make);
	if (!gb_ready)
		return iconv_to_utf8("GB18030", b, n, outlen, oom);
	*oom = false;
	*outlen = 0;
	if (!(buf = malloc(n * 2 + 16))) {   /* 2 bytes give 4 at most */
		*oom = true;
		return NULL;
	}
	o = buf;
	while (i < n) {
		unsigned c = b[i], t;
		uint64_t w;
		if (i + 8 <= n && (memcpy(&w, b + i, 8), !(w & UINT64_C(0x8080808080808080)))) {
			memcpy(o, b + i, 8);      /* eight ASCII bytes: markup */
			o += 8;
			i += 8;
			continue;
		}
		if (c < 0x80) {
			*o++ = (char)c;
			i++;
			continue;
		}
		if (c == 0x80 || c == 0xFF || i + 1 >= n)
			break;
		t = b[i + 1];
		if (t >= 0x40 && t != 0x7F && t != 0xFF) {
			const gbchar *g = &gb_table[(c - 0x81) * GB_TRAILS + (t - 0x40)];
			if (!g->len)
				break;
			memcpy(o, g->u, 4);
			o += g->len;
			i += 2;
			continue;
		}
		if (t < 0x30 || t > 0x39 || i + 3 >= n)
			break;
		{         /* four bytes: iconv, which keeps no state between */
			char *ip = (char *)(uintptr_t)(b + i), *op = o;
			size_t il = 4, ol = 8;
			if (cd == (iconv_t)-1 &&
			    (cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
				break;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il)
				break;
			o = op;
			i += 4;
		}
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	if (i < n) {
		free(buf);
		return iconv_to_utf8("GB18030", b, n, outlen, oom);
	}
	*o = '\0';
	*outlen = (size_t)(o - buf);
	return buf;
}

/* See conv_charset.h. */
char *sy_charset_to_utf8(const char *charset, const unsigned char *b,
			 size_t n, size_t *outlen, bool *oom)
{
	if (!strcmp(charset, "GB18030"))
		return gb18030_to_utf8(b, n, outlen, oom);
	return iconv_to_utf8(charset, b, n, outlen, oom);
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
