/* eval_format.c - numbers and strings as the reports of eval and agree
 * write them (evaluate.h): Python's repr() of a float, YAML 1.1 scalars.
 */
#include "compare/evaluate.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

/* ------------------------------------------------------------ output */

char *sy_format_double(char *buf, size_t size, double v)
{
	char tmp[40], digits[24], out[64];
	const char *p;
	int prec, exp, nd = 0, k = 0, i;

	if (isnan(v)) {
		snprintf(buf, size, ".nan");
		return buf;
	}
	if (isinf(v)) {
		snprintf(buf, size, v < 0 ? "-.inf" : ".inf");
		return buf;
	}
	/* the fewest significant digits that read back as V, as repr() */
	for (prec = 1; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
	p = tmp;
	if (*p == '-')
		out[k++] = *p++;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && nd < (int)sizeof digits - 1)
			digits[nd++] = *p;
	digits[nd] = '\0';
	exp = *p == 'e' ? atoi(p + 1) : 0;
	if (exp >= -4 && exp < 16) {
		/* fixed notation, with at least one digit after the point */
		if (exp >= 0) {
			for (i = 0; i <= exp; i++)
				out[k++] = i < nd ? digits[i] : '0';
			out[k++] = '.';
			if (nd > exp + 1)
				for (i = exp + 1; i < nd; i++)
					out[k++] = digits[i];
			else
				out[k++] = '0';
		} else {
			out[k++] = '0';
			out[k++] = '.';
			for (i = 0; i < -exp - 1; i++)
				out[k++] = '0';
			for (i = 0; i < nd; i++)
				out[k++] = digits[i];
		}
		out[k] = '\0';
	} else {
		/* d.ddde+XX; "1e-05" is a string to YAML 1.1: "1.0e-05" */
		out[k++] = digits[0];
		out[k++] = '.';
		if (nd > 1)
			for (i = 1; i < nd; i++)
				out[k++] = digits[i];
		else
			out[k++] = '0';
		snprintf(out + k, sizeof out - (size_t)k, "e%c%02d",
			 exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
	}
	snprintf(buf, size, "%s", out);
	return buf;
}

/* Can CP stand as it is in a YAML stream that PyYAML reads?  (Its
 * reader refuses what is outside this set, even inside quotes.) */
static bool yaml_printable(uint32_t cp)
{
	return cp == 0x09 || cp == 0x0a || cp == 0x0d ||
	       (cp >= 0x20 && cp <= 0x7e) || cp == 0x85 ||
	       (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd &&
						cp != 0xfeff) ||
	       (cp >= 0x10000 && cp <= 0x10ffff);
}

void sy_yaml_string(FILE *f, const char *s)
{
	const unsigned char *p, *e;

	if (!s) {
		fputs("null", f);
		return;
	}
	p = (const unsigned char *)s;
	e = p + strlen(s);
	putc('"', f);
	while (p < e) {
		uint32_t cp;
		size_t k = sy_utf8_decode(p, (size_t)(e - p), &cp);
		if (!k) {              /* not UTF-8: the byte as U+00XX */
			cp = *p;
			k = 1;
		}
		switch (cp) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (cp < 0x80 && yaml_printable(cp))
				putc((int)cp, f);
			else if (yaml_printable(cp) && cp != 0x85 &&
				 cp != 0x2028 && cp != 0x2029)   /* breaks */
				fwrite(p, 1, k, f);
			else if (cp <= 0xff)
				fprintf(f, "\\x%02x", (unsigned)cp);
			else if (cp <= 0xffff)
				fprintf(f, "\\u%04x", (unsigned)cp);
			else
				fprintf(f, "\\U%08x", (unsigned)cp);
		}
		p += k;
	}
	putc('"', f);
}
