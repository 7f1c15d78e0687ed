/* convert.c - documents chosen by content and handed to their converter;
 * the converted text kept beside the document (see convert.h). */
#include "convert/convert.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* In the order they are tried: OFD and DOCX are both zip archives, OFD
 * is told by its OFD.xml and every other zip goes to DOCX (which says
 * what is wrong with it). */
static const sy_converter *const converters[] = {
	&sy_conv_pdf, &sy_conv_ofd, &sy_conv_docx, &sy_conv_ole,
	&sy_conv_html,
};

/* See convert.h. */
bool sy_conv_has(const unsigned char *b, size_t n, const char *s)
{
	size_t k = strlen(s);

	for (size_t i = 0; i + k <= n; i++)
		if (b[i] == (unsigned char)s[0] && !memcmp(b + i, s, k))
			return true;
	return false;
}

const sy_converter *sy_converter_for(const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < sizeof converters / sizeof *converters; i++)
		if (converters[i]->sniff(b, n))
			return converters[i];
	return NULL;
}
