/* conv_other.c - formats this build recognises by their magic bytes but
 * does not convert: PDF, OFD, and the legacy Word/WPS binary format.  Each
 * says what would add it. */
#include "convert/convert.h"

#include <string.h>

static bool has(const unsigned char *b, size_t n, const char *s)
{
	size_t k = strlen(s);

	for (size_t i = 0; i + k <= n; i++)
		if (b[i] == (unsigned char)s[0] && !memcmp(b + i, s, k))
			return true;
	return false;
}

static bool pdf_sniff(const unsigned char *b, size_t n)
{
	size_t lim = n < 1024 ? n : 1024;   /* %PDF- within the first 1 KB */

	return has(b, lim, "%PDF-");
}

static bool ofd_sniff(const unsigned char *b, size_t n)
{
	return n >= 4 && !memcmp(b, "PK\3\4", 4) && has(b, n, "OFD.xml");
}

static bool ole_sniff(const unsigned char *b, size_t n)
{
	return n >= 8 && !memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

static const char *none(void)
{
	return "";
}

const sy_converter sy_conv_pdf = {
	"pdf", "PDF document", pdf_sniff, NULL, none,
	"poppler-glib was not found at configure time: it is not yet read"
};
const sy_converter sy_conv_ofd = {
	"ofd", "OFD document", ofd_sniff, NULL, none,
	"OFD is not yet read: print it to PDF or save it as .docx"
};
const sy_converter sy_conv_ole = {
	"doc", "Word 97-2003 or WPS (.doc/.wps) document", ole_sniff, NULL,
	none, "these are not yet read: save it as .docx"
};
