/* conv_docx.c - Word documents (.docx) through libzip and libxml2.
 *
 * libzip reads the zip: it is the library made for zip archives alone,
 * kept up upstream and in Debian, and it checks the archive's
 * consistency (ZIP_CHECKCONS) and each entry's CRC as it is read.  Every
 * entry is read with a bound on its decompressed size (SY_ZIP_ENTRY_MAX):
 * what would decompress to more is refused as a possible zip bomb,
 * whatever size its header claims.
 *
 * Only word/document.xml's body is read (with numbering.xml and
 * styles.xml for the numbering): headers, footers, footnotes and
 * comments are other parts and stay out.  Paragraphs are lines, each with
 * the marker of Word's automatic numbering (conv_docx_num.c); table rows
 * are lines with tab-separated cells; tracked insertions are kept and
 * deletions dropped; fields give their results, never their codes.
 */
#include "convert/conv_docx.h"
#include "convert/conv_zip.h"
#include "convert/convert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <zip.h>

typedef struct walk {
	sy_docx_num *num;
	sy_lines l;
	sy_outbuf marker;
} walk;

static void inline_of(walk *w, const xmlNode *n, bool incell);

static void run_of(walk *w, const xmlNode *r, bool incell)
{
	for (const xmlNode *c = r->children; c; c = c->next) {
		if (sy_docx_is(c, "t")) {
			for (const xmlNode *t = c->children; t; t = t->next)
				if (t->content)
					sy_lines_text(&w->l, (const char *)t->content,
						      strlen((const char *)t->content));
		} else if (sy_docx_is(c, "tab") || sy_docx_is(c, "ptab")) {
			sy_lines_text(&w->l, " ", 1);
		} else if (sy_docx_is(c, "br") || sy_docx_is(c, "cr")) {
			const char *type = sy_docx_attr(c, "type");
			if (type && strcmp(type, "textWrapping"))
				continue;          /* page, column breaks */
			if (incell)
				sy_lines_text(&w->l, " ", 1);
			else
				sy_lines_break(&w->l);
		} else if (sy_docx_is(c, "noBreakHyphen")) {
			sy_lines_text(&w->l, "-", 1);
		}
		/* instrText (field codes), delText, drawings, footnote
		 * references: left out */
	}
}

static void inline_of(walk *w, const xmlNode *n, bool incell)
{
	static const char *const through[] = { "ins", "moveTo", "hyperlink",
		"smartTag", "customXml", "fldSimple", "sdtContent", "bdo",
		"dir", NULL };

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (sy_docx_is(c, "r")) {
			run_of(w, c, incell);
			continue;
		}
		if (sy_docx_is(c, "sdt")) {
			const xmlNode *sc = sy_docx_child(c, "sdtContent");
			if (sc)
				inline_of(w, sc, incell);
			continue;
		}
		for (size_t i = 0; through[i]; i++)
			if (sy_docx_is(c, through[i])) {
				inline_of(w, c, incell);
				break;
			}
		/* del, moveFrom (tracked deletions), pPr, bookmarks: out */
	}
}

static void paragraph(walk *w, const xmlNode *p, bool incell)
{
	w->marker.n = 0;
	sy_docx_num_marker(w->num, sy_docx_child(p, "pPr"), &w->marker);
	if (w->marker.n)
		sy_lines_text(&w->l, w->marker.p, w->marker.n);
	inline_of(w, p, incell);
	if (incell)
		sy_lines_text(&w->l, " ", 1);
	else
		sy_lines_break(&w->l);
}

static void blocks(walk *w, const xmlNode *n, bool incell);

static void table(walk *w, const xmlNode *tbl, bool incell)
{
	for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
		bool first = true;
		if (!sy_docx_is(tr, "tr"))
			continue;
		if (!incell)
			sy_lines_break(&w->l);
		for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
			if (!sy_docx_is(tc, "tc"))
				continue;
			if (!first) {
				if (incell)
					sy_lines_text(&w->l, " ", 1);
				else
					sy_lines_cell(&w->l);
			}
			first = false;
			blocks(w, tc, true);
		}
		if (!incell)
			sy_lines_break(&w->l);
	}
}

static void blocks(walk *w, const xmlNode *n, bool incell)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (sy_docx_is(c, "p"))
			paragraph(w, c, incell);
		else if (sy_docx_is(c, "tbl"))
			table(w, c, incell);
		else if (sy_docx_is(c, "sdt")) {
			const xmlNode *sc = sy_docx_child(c, "sdtContent");
			if (sc)
				blocks(w, sc, incell);
		} else if (sy_docx_is(c, "customXml") || sy_docx_is(c, "ins") ||
			   sy_docx_is(c, "moveTo"))
			blocks(w, c, incell);
	}
}

static sy_status docx_convert(const char *name, const unsigned char *b,
			      size_t n, sy_outbuf *out, sy_error *err)
{
	zip_t *z;
	char *part[3] = { NULL, NULL, NULL };
	size_t len[3];
	static const char *const parts[3] = { "word/document.xml",
		"word/numbering.xml", "word/styles.xml" };
	xmlDoc *doc = NULL, *numx = NULL, *sty = NULL;
	const xmlNode *body;
	sy_status st = SY_OK;
	walk w;

	if ((st = sy_zip_open(name, b, n, &z, err)) != SY_OK)
		return st;
	for (int i = 0; i < 3 && st == SY_OK; i++)
		st = sy_zip_read(name, z, parts[i], i > 0, "a Word document",
				 &part[i], &len[i], err);
	zip_discard(z);
	if (st != SY_OK)
		goto done;
	doc = sy_xml_parse(part[0], len[0]);
	numx = sy_xml_parse(part[1], len[1]);
	sty = sy_xml_parse(part[2], len[2]);
	body = doc ? sy_docx_child(xmlDocGetRootElement(doc), "body") : NULL;
	if (!body) {
		st = sy_fail(err, SY_ERR_FORMAT,
			     "%s: word/document.xml is not a Word document's "
			     "XML (no w:body); nothing written", name);
		goto done;
	}
	memset(&w, 0, sizeof w);
	w.l.out = out;
	w.num = sy_docx_num_new(numx, sty);
	if (!w.num) {
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
		goto done;
	}
	blocks(&w, body, false);
	if (!sy_lines_finish(&w.l) || w.marker.oom)
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	free(w.marker.p);
	sy_docx_num_free(w.num);
done:
	xmlFreeDoc(doc);
	xmlFreeDoc(numx);
	xmlFreeDoc(sty);
	for (int i = 0; i < 3; i++)
		free(part[i]);
	return st;
}

static bool docx_sniff(const unsigned char *b, size_t n)
{
	return n >= 4 && !memcmp(b, "PK\3\4", 4);
}

/* See convert.h. */
const char *sy_libzip_version(void)
{
	return zip_libzip_version();
}

static const char *docx_version(void)
{
	return "shenyue-docx 1 (libzip " LIBZIP_VERSION ", libxml2 "
	       LIBXML_DOTTED_VERSION ")";
}

const sy_converter sy_conv_docx = {
	"docx", "Word document (.docx)", docx_sniff, docx_convert,
	docx_version, NULL
};
