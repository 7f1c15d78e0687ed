/* conv_ofd.c - OFD documents (GB/T 33190-2016): a zip of XML, read with
 * libzip and libxml2 as .docx is (conv_zip.h).
 *
 * OFD.xml names the document's root (DocBody/DocRoot); its Document.xml
 * lists the pages (Pages/Page@BaseLoc); each page's Content.xml holds
 * text objects (TextObject@Boundary "x y w h", @Size) with their text
 * codes (TextCode@X, @Y: the baseline, relative to the boundary).  The
 * text codes of a page are put in reading order - lines by their
 * baseline, top to bottom, and left to right in a line - and handed to
 * conv_pages.c like a PDF's.  Templates (TemplatePage: running headers
 * and footers drawn once for many pages) and annotations are other
 * parts and stay out.
 */
#include "convert/conv_docx.h"   /* sy_docx_attr, sy_docx_child, sy_docx_is */
#include "convert/conv_pages.h"
#include "convert/conv_zip.h"
#include "convert/convert.h"
#include "base/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlversion.h>

#define WHAT "an OFD document"

static bool ofd_sniff(const unsigned char *b, size_t n)
{
	return n >= 4 && !memcmp(b, "PK\3\4", 4) && sy_conv_has(b, n, "OFD.xml");
}

/* One text code of a page. */
typedef struct piece {
	char *text;          /* owned */
	double x, x1, y, size;
	size_t order;        /* in the file: ties keep it */
} piece;

typedef struct pieces {
	piece *v;
	size_t n, cap;
	bool oom;
} pieces;

/* The numbers of attribute NAME of N ("20 30 170 5") into V[0..MAX);
 * how many were read. */
static int numbers(const xmlNode *n, const char *name, double *v, int max)
{
	const char *s = sy_docx_attr(n, name);
	int k = 0;

	while (s && k < max) {
		char *end;
		double d = strtod(s, &end);
		if (end == s || !isfinite(d))
			break;
		v[k++] = d;
		s = end;
	}
	return k;
}

/* The sum of the numbers of a DeltaX ("g 3 4.2" repeats 4.2 three
 * times), and how many advances it gives. */
static double advances(const char *s, size_t *count)
{
	double sum = 0;

	*count = 0;
	while (s && *s) {
		char *end;
		while (*s == ' ')
			s++;
		if (*s == 'g') {
			long times = strtol(s + 1, &end, 10);
			double d = strtod(end, &end);
			if (times > 0 && times < 1000000 && isfinite(d)) {
				sum += (double)times * d;
				*count += (size_t)times;
			}
			s = end;
			continue;
		}
		{
			double d = strtod(s, &end);
			if (end == s)
				break;
			if (isfinite(d)) {
				sum += d;
				(*count)++;
			}
			s = end;
		}
	}
	return sum;
}

static void add_piece(pieces *ps, const xmlNode *obj, const xmlNode *code)
{
	double box[4] = { 0, 0, 0, 0 }, size[1] = { 0 }, xy[1];
	xmlChar *t;
	piece *p;
	size_t nadv = 0;
	double adv;

	numbers(obj, "Boundary", box, 4);
	numbers(obj, "Size", size, 1);
	t = xmlNodeGetContent(code);
	if (!t)
		return;
	if (!*t || SY_GROW(ps->v, ps->n, ps->cap)) {
		if (*t)
			ps->oom = true;
		xmlFree(t);
		return;
	}
	p = &ps->v[ps->n];
	p->text = strdup((const char *)t);
	xmlFree(t);
	if (!p->text) {
		ps->oom = true;
		return;
	}
	p->size = size[0] > 0 ? size[0] : 3.5;
	p->x = box[0] + (numbers(code, "X", xy, 1) ? xy[0] : 0);
	p->y = box[1] + (numbers(code, "Y", xy, 1) ? xy[0] : p->size);
	adv = advances(sy_docx_attr(code, "DeltaX"), &nadv);
	p->x1 = nadv ? p->x + adv + p->size
		     : (box[2] > 0 ? box[0] + box[2] : p->x + p->size);
	p->order = ps->n;
	ps->n++;
}

/* Every text code under N, in document order. */
static void walk(pieces *ps, const xmlNode *n, const xmlNode *obj)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (sy_docx_is(c, "TextObject"))
			walk(ps, c, c);
		else if (obj && sy_docx_is(c, "TextCode"))
			add_piece(ps, obj, c);
		else if (!sy_docx_is(c, "Annotations"))
			walk(ps, c, obj);
	}
}

/* Reading order: by baseline (the same line when within half a
 * character's height), then left to right. */
static int by_place(const void *a, const void *b)
{
	const piece *p = a, *q = b;
	double tol = (p->size < q->size ? p->size : q->size) / 2;

	if (fabs(p->y - q->y) > tol)
		return p->y < q->y ? -1 : 1;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->order < q->order ? -1 : p->order > q->order;
}

/* The page whose Content.xml is XML into PAGES as lines. */
static bool page_of(const char *xml, size_t len, sy_pages *pages)
{
	xmlDoc *d = sy_xml_parse(xml, len);
	pieces ps = { 0 };
	sy_outbuf line = { 0 };
	bool ok = true;

	sy_pages_page(pages);
	if (!d)
		return true;      /* an unreadable page has no text */
	walk(&ps, xmlDocGetRootElement(d), NULL);
	xmlFreeDoc(d);
	if (ps.n)
		qsort(ps.v, ps.n, sizeof *ps.v, by_place);
	for (size_t i = 0; i < ps.n;) {
		size_t j = i;
		double x0 = ps.v[i].x, x1 = ps.v[i].x1, base = ps.v[i].y;
		double top = ps.v[i].y - ps.v[i].size;
		line.n = 0;
		for (; j < ps.n && fabs(ps.v[j].y - base) <= ps.v[i].size / 2;
		     j++) {
			if (j > i && ps.v[j].x > ps.v[j - 1].x1 + ps.v[j].size)
				sy_outbuf_add(&line, " ", 1);   /* a gap */
			sy_outbuf_add(&line, ps.v[j].text, strlen(ps.v[j].text));
			if (ps.v[j].x1 > x1)
				x1 = ps.v[j].x1;
			if (ps.v[j].x < x0)
				x0 = ps.v[j].x;
		}
		if (line.n)
			sy_pages_line(pages, line.p, line.n, x0, x1, top, base);
		i = j;
	}
	ok = !ps.oom && !line.oom;
	for (size_t i = 0; i < ps.n; i++)
		free(ps.v[i].text);
	free(ps.v);
	free(line.p);
	return ok;
}

/* DIR/REL as a zip entry name ("/Doc_0/x" is from the root): new
 * string, NULL on OOM. */
static char *entry_path(const char *dir, const char *rel)
{
	size_t dl = dir ? strlen(dir) : 0;
	char *p;

	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	if (rel[0] == '/') {
		rel++;
		dl = 0;
	}
	p = malloc(dl + strlen(rel) + 2);
	if (!p)
		return NULL;
	if (dl)
		memcpy(p, dir, dl);
	strcpy(p + dl, rel);
	return p;
}

/* The folder part of entry name P ("Doc_0/Document.xml" -> "Doc_0/"), as
 * a new string; "" for none; NULL on OOM. */
static char *entry_dir(const char *p)
{
	const char *s = strrchr(p, '/');
	size_t n = s ? (size_t)(s - p) + 1 : 0;
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, p, n);
		d[n] = '\0';
	}
	return d;
}

/* The text content of the first element of local name NAME under N
 * (depth first), or NULL; freed with xmlFree. */
static xmlChar *text_of(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		xmlChar *t;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (sy_docx_is(c, name))
			return xmlNodeGetContent(c);
		if ((t = text_of(c, name)) != NULL)
			return t;
	}
	return NULL;
}

/* Read the XML entry at PATH of Z. */
static sy_status read_xml(const char *name, zip_t *z, const char *path,
			  xmlDoc **out, sy_error *err)
{
	char *b = NULL;
	size_t n = 0;
	sy_status st = sy_zip_read(name, z, path, false, WHAT, &b, &n, err);

	*out = NULL;
	if (st != SY_OK)
		return st;
	*out = sy_xml_parse(b, n);
	free(b);
	if (!*out)
		return sy_fail(err, SY_ERR_FORMAT, "%s: %s is not XML; nothing "
			       "written", name, path);
	return SY_OK;
}

/* The pages listed by the Document.xml at DOCPATH into PAGES. */
static sy_status read_pages(const char *name, zip_t *z, const char *docpath,
			    sy_pages *pages, sy_error *err)
{
	xmlDoc *doc = NULL;
	char *dir = entry_dir(docpath);
	const xmlNode *list;
	sy_status st;

	if (!dir)
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	if ((st = read_xml(name, z, docpath, &doc, err)) != SY_OK) {
		free(dir);
		return st;
	}
	list = sy_docx_child(xmlDocGetRootElement(doc), "Pages");
	for (const xmlNode *pg = list ? list->children : NULL;
	     pg && st == SY_OK; pg = pg->next) {
		const char *loc;
		char *path, *b = NULL;
		size_t n = 0;
		if (pg->type != XML_ELEMENT_NODE || !sy_docx_is(pg, "Page") ||
		    !(loc = sy_docx_attr(pg, "BaseLoc")))
			continue;
		if (!(path = entry_path(dir, loc))) {
			st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
			break;
		}
		st = sy_zip_read(name, z, path, false, WHAT, &b, &n, err);
		free(path);
		if (st == SY_OK && !page_of(b, n, pages))
			st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
		free(b);
	}
	xmlFreeDoc(doc);
	free(dir);
	return st;
}

static sy_status ofd_convert(const char *name, const unsigned char *b,
			     size_t n, sy_outbuf *out, sy_error *err)
{
	zip_t *z;
	xmlDoc *ofd = NULL;
	xmlChar *root = NULL;
	char *docpath = NULL;
	sy_pages pages = { 0 };
	sy_status st;

	if ((st = sy_zip_open(name, b, n, &z, err)) != SY_OK)
		return st;
	st = read_xml(name, z, "OFD.xml", &ofd, err);
	if (st == SY_OK) {
		root = text_of(xmlDocGetRootElement(ofd), "DocRoot");
		if (!root || !*root)
			st = sy_fail(err, SY_ERR_FORMAT, "%s: OFD.xml names no "
				     "document (DocBody/DocRoot); nothing "
				     "written", name);
	}
	if (st == SY_OK) {
		char *s = (char *)root;
		while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
			s++;
		for (size_t k = strlen(s); k && (s[k - 1] == ' ' ||
		     s[k - 1] == '\n' || s[k - 1] == '\t' || s[k - 1] == '\r'); k--)
			s[k - 1] = '\0';
		if (!(docpath = entry_path(NULL, s)))
			st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	}
	if (st == SY_OK)
		st = read_pages(name, z, docpath, &pages, err);
	zip_discard(z);
	if (st == SY_OK && pages.oom)
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	if (st == SY_OK && !sy_pages_has_text(&pages))
		st = sy_fail(err, SY_ERR_FORMAT, "%s: an OFD document with no "
			     "text (its pages are pictures: it needs OCR); "
			     "nothing written", name);
	if (st == SY_OK && !sy_pages_emit(&pages, out))
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	sy_pages_free(&pages);
	free(docpath);
	xmlFree(root);
	xmlFreeDoc(ofd);
	return st;
}

static const char *ofd_version(void)
{
	return "shenyue-ofd 1 (libzip " LIBZIP_VERSION ", libxml2 "
	       LIBXML_DOTTED_VERSION ")";
}

const sy_converter sy_conv_ofd = {
	"ofd", "OFD document", ofd_sniff, ofd_convert, ofd_version, NULL
};
