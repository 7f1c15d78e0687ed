/* fuzz_convert.c - libFuzzer target: document bytes through the web page
 * Word and OFD converters (convert.h), whatever their magic bytes say.
 * (PDF is poppler's parser: fuzzed upstream, by OSS-Fuzz; the page
 * layout it feeds, conv_pages.c, is fuzzed here through OFD.)
 *
 * For any input, each of sy_conv_html, sy_conv_docx and sy_conv_ofd either refuses it
 * (a message, the source zeroed) or gives a source whose text is valid
 * UTF-8 with no NUL byte, made of non-empty lines each ending in "\n",
 * and converting again gives the same bytes.  A broken invariant aborts
 * with a message on stderr.
 *
 * Built with fuzz/standalone.c to replay files in `make check`.
 */
#include <stdint.h>
#include <string.h>

#include "extract/document.h"
#include "base/utf8.h"

#include "fuzz_common.h"

#define T "fuzz_convert"

#define MAX_INPUT ((size_t)1 << 20)

static void check(const sy_converter *c, const uint8_t *data, size_t size)
{
	sy_source a, b;
	sy_error err;
	sy_status st = sy_convert_bytes(c, "input", data, size, "input.txt",
					&a, &err);

	if (st != SY_OK) {
		if (a.text || a.path || a.original)
			fuzz_fail(T, "a refused document left a source", &err);
		if (!strstr(err.msg, "input"))
			fuzz_fail(T, "a refusal without the file name", &err);
		return;
	}
	if (sy_utf8_validate((const unsigned char *)a.text, a.len) != a.len)
		fuzz_fail(T, "text is not valid UTF-8", NULL);
	if (memchr(a.text, 0, a.len))
		fuzz_fail(T, "a NUL byte in the text", NULL);
	if (a.len == 0 || a.text[a.len - 1] != '\n' || a.text[0] == '\n' ||
	    strstr(a.text, "\n\n"))
		fuzz_fail(T, "an empty line, or a line without its newline", NULL);
	st = sy_convert_bytes(c, "input", data, size, "input.txt", &b, &err);
	if (st != SY_OK || b.len != a.len || memcmp(a.text, b.text, a.len)) {
		if (st == SY_OK)
			fuzz_show_diff(a.text, a.len, b.text, b.len);
		fuzz_fail(T, "the same document gave another text", &err);
	}
	sy_source_free(&a);
	sy_source_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > MAX_INPUT)
		return 0;
	check(&sy_conv_html, data, size);
	check(&sy_conv_docx, data, size);
	check(&sy_conv_ofd, data, size);
	return 0;
}
