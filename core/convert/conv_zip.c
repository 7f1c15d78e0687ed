/* conv_zip.c - the zip archives that documents are (.docx, .ofd): opened
 * from memory with libzip, each entry read with a bound on its
 * decompressed size, and their XML parsed with libxml2 (conv_zip.h).
 */
#include "convert/conv_zip.h"
#include "convert/convert.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

/* See conv_zip.h. */
sy_status sy_zip_open(const char *name, const unsigned char *b, size_t n,
		      zip_t **out, sy_error *err)
{
	zip_error_t ze;
	zip_source_t *zs;
	sy_status st;

	*out = NULL;
	zip_error_init(&ze);
	zs = zip_source_buffer_create(b, n, 0, &ze);
	if (!zs) {
		zip_error_fini(&ze);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	}
	*out = zip_open_from_source(zs, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!*out) {
		st = sy_fail(err, SY_ERR_FORMAT, "%s: corrupt zip archive (%s); "
			     "nothing written", name, zip_error_strerror(&ze));
		zip_source_free(zs);
		zip_error_fini(&ze);
		return st;
	}
	zip_error_fini(&ze);
	return SY_OK;
}

/* See conv_zip.h. */
sy_status sy_zip_read(const char *doc, zip_t *z, const char *name,
		      bool optional, const char *what, char **out,
		      size_t *outlen, sy_error *err)
{
	zip_int64_t idx = zip_name_locate(z, name, 0);
	zip_file_t *f;
	size_t cap = 64 * 1024, len = 0;
	char *buf;

	*out = NULL;
	*outlen = 0;
	if (idx < 0) {
		if (optional)
			return SY_OK;
		return sy_fail(err, SY_ERR_FORMAT,
			       "%s: not %s: the zip holds no %s",
			       doc, what, name);
	}
	f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (!f)
		return sy_fail(err, SY_ERR_FORMAT, "%s: %s: corrupt zip (%s)",
			       doc, name, zip_strerror(z));
	buf = malloc(cap);
	for (;;) {
		zip_int64_t r;
		if (!buf)
			break;
		if (len > SY_ZIP_ENTRY_MAX) {
			free(buf);
			zip_fclose(f);
			return sy_fail(err, SY_ERR_LIMIT,
				       "%s: %s decompresses to more than %zu MB: "
				       "refused as a possible zip bomb; nothing "
				       "written", doc, name,
				       SY_ZIP_ENTRY_MAX >> 20);
		}
		if (len == cap - 1) {   /* room for one byte past the bound */
			size_t ncap = cap * 2 > SY_ZIP_ENTRY_MAX + 2
					      ? SY_ZIP_ENTRY_MAX + 2 : cap * 2;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap = ncap;
		}
		r = zip_fread(f, buf + len, cap - 1 - len);
		if (r < 0) {
			sy_status st = sy_fail(err, SY_ERR_FORMAT,
					       "%s: %s: corrupt zip (%s)", doc,
					       name, zip_file_strerror(f));
			free(buf);
			zip_fclose(f);
			return st;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	zip_fclose(f);
	if (!buf)
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", doc);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return SY_OK;
}

/* See conv_zip.h. */
xmlDoc *sy_xml_parse(const char *b, size_t n)
{
	if (!b || n > 0x7fffffff)
		return NULL;
	return xmlReadMemory(b, (int)n, NULL, NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR |
			     XML_PARSE_NOWARNING);
}
