/* conv_pdf.c - PDF documents through poppler's GLib interface.
 *
 * poppler is the PDF library of Debian's own tools (pdftotext, evince),
 * kept up with the standard; poppler-data gives it the Chinese character
 * collections (Adobe-GB1) for PDFs whose fonts are not embedded.  Each
 * page's text comes in poppler's reading order with a box for every
 * character (poppler_page_get_text_layout); the lines and their boxes go
 * to conv_pages.c, which drops running headers, footers and page numbers
 * and joins the lines the layout broke.
 *
 * Refused with a message: an encrypted PDF that needs a password, a
 * corrupt one, a PDF with no text layer (a scan: it needs OCR first).
 * Built with HAVE_POPPLER (configure puts it in POPPLER_CFLAGS when it
 * finds poppler-glib); without it a PDF is refused, naming the package.
 */
#include "convert/conv_pages.h"
#include "convert/convert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool pdf_sniff(const unsigned char *b, size_t n)
{
	size_t lim = n < 1024 ? n : 1024;   /* %PDF- within the first 1 KB */

	return sy_conv_has(b, lim, "%PDF-");
}

#ifdef HAVE_POPPLER
#include <poppler.h>

/* The lines of page PG, with the boxes of their characters, into P. */
static void page_lines(PopplerPage *pg, sy_pages *p)
{
	char *t = poppler_page_get_text(pg);
	PopplerRectangle *r = NULL;
	guint nr = 0;
	size_t at = 0, start = 0, k = 0;
	double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
	bool any = false;

	sy_pages_page(p);
	if (!t)
		return;
	if (!poppler_page_get_text_layout(pg, &r, &nr))
		nr = 0;
	for (;;) {
		unsigned char c = (unsigned char)t[at];
		if (c == '\n' || c == '\0') {
			if (any)
				sy_pages_line(p, t + start, at - start, x0, x1,
					      y0, y1);
			any = false;
			if (c == '\0')
				break;
			at++;
			k++;
			start = at;
			continue;
		}
		/* one character: its box is r[k] */
		if (k < nr && c != ' ') {
			const PopplerRectangle *b = &r[k];
			if (!any) {
				x0 = b->x1;
				x1 = b->x2;
				y0 = b->y1;
				y1 = b->y2;
				any = true;
			} else {
				x0 = b->x1 < x0 ? b->x1 : x0;
				x1 = b->x2 > x1 ? b->x2 : x1;
				y0 = b->y1 < y0 ? b->y1 : y0;
				y1 = b->y2 > y1 ? b->y2 : y1;
			}
		}
		at++;
		while ((t[at] & 0xC0) == 0x80)   /* the rest of its bytes */
			at++;
		k++;
	}
	g_free(r);
	g_free(t);
}

static sy_status pdf_convert(const char *name, const unsigned char *b,
			     size_t n, sy_outbuf *out, sy_error *err)
{
	GBytes *bytes = g_bytes_new_static(b, n);
	GError *ge = NULL;
	PopplerDocument *d = poppler_document_new_from_bytes(bytes, NULL, &ge);
	sy_pages pages = { 0 };
	sy_status st = SY_OK;
	int np;

	if (!d) {
		if (ge && ge->domain == POPPLER_ERROR &&
		    ge->code == POPPLER_ERROR_ENCRYPTED)
			st = sy_fail(err, SY_ERR_FORMAT,
				     "%s: an encrypted PDF that needs a "
				     "password: save it without one; nothing "
				     "written", name);
		else
			st = sy_fail(err, SY_ERR_FORMAT,
				     "%s: corrupt PDF (%s); nothing written",
				     name, ge ? ge->message : "not readable");
		if (ge)
			g_error_free(ge);
		g_bytes_unref(bytes);
		return st;
	}
	np = poppler_document_get_n_pages(d);
	for (int i = 0; i < np; i++) {
		PopplerPage *pg = poppler_document_get_page(d, i);
		if (!pg)
			continue;
		page_lines(pg, &pages);
		g_object_unref(pg);
	}
	g_object_unref(d);
	g_bytes_unref(bytes);
	if (pages.oom)
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	else if (!sy_pages_has_text(&pages))
		st = sy_fail(err, SY_ERR_FORMAT,
			     "%s: no text layer: this PDF needs OCR (a scan "
			     "has only pictures of its pages); nothing "
			     "written", name);
	else if (!sy_pages_emit(&pages, out))
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	sy_pages_free(&pages);
	return st;
}

/* See convert.h. */
const char *sy_poppler_version(void)
{
	return poppler_get_version();
}

static const char *pdf_version(void)
{
	static char v[64];

	if (!v[0])
		snprintf(v, sizeof v, "shenyue-pdf 1 (poppler %s)",
			 poppler_get_version());
	return v;
}

const sy_converter sy_conv_pdf = {
	"pdf", "PDF document", pdf_sniff, pdf_convert, pdf_version, NULL
};

#else /* no poppler */

/* See convert.h. */
const char *sy_poppler_version(void)
{
	return NULL;
}

static const char *none(void)
{
	return "";
}

const sy_converter sy_conv_pdf = {
	"pdf", "PDF document", pdf_sniff, NULL, none,
	"this build has no poppler-glib; on Debian: apt-get install "
	"libpoppler-glib-dev poppler-data, then configure and make again"
};
#endif
