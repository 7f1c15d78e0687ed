/* conv_html.c - web pages through libxml2's HTML parser.
 *
 * The report's main content is found by scoring blocks, not by any
 * site's class names: each leaf block (one with no block inside) scores
 * 1 + its Chinese sentence punctuation + its length (up to 3 per 300
 * characters), less its share of link text, and gives that score to its
 * parent and half of it to its grandparent.  The block with the highest
 * score, less its own share of link text, is the content; navigation,
 * menus and footers are made of links and short label rows and lose.  A
 * heading (h1-h3, or a short block named "title") just before the
 * content, at most three levels up, is its title.  Inside the content,
 * blocks that are mostly links (share buttons, related articles) are
 * left out.  Scripts, styles and forms' controls are always dropped.
 * Paragraphs, <br> and the line breaks of a <pre> end lines.
 */
#include "convert/conv_charset.h"
#include "convert/convert.h"
#include "base/utf8.h"
#include "base/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/xmlversion.h>

typedef struct blk {
	double score;
	size_t chars, links, punct;
	bool leaf_block;     /* no block element inside */
	bool block;          /* a block element (BLOCKS) */
	unsigned brs;
	unsigned kind;       /* K_* of its name */
} blk;

typedef struct scan {
	blk *b;
	size_t n, cap;
	bool oom;
	/* the kinds of the names met (kind_of); the names are the nodes' */
	struct { const xmlChar *name; unsigned kind; } seen[64];
} scan;

static const char *const BLOCKS[] = {
	"address", "article", "aside", "blockquote", "body", "caption",
	"center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
	"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
	"h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav",
	"ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
	"thead", "tr", "ul", NULL
};

static const char *const DROPPED[] = {
	"script", "style", "noscript", "template", "iframe", "select",
	"option", "button", "input", "textarea", "head", "title", "object",
	"embed", "svg", "canvas", "map", NULL
};

static bool in(const char *name, const char *const *list)
{
	for (; *list; list++)   /* the first letter first: few strcmp */
		if (**list == *name && !strcmp(name, *list))
			return true;
	return false;
}

static const char *nm(const xmlNode *n)
{
	return (const char *)n->name;
}

/* What an element's name makes it, as bits. */
enum { K_BLOCK = 1, K_DROPPED = 2, K_A = 4, K_BR = 8, K_TR = 16, K_PRE = 32 };

static unsigned kind_of_name(const char *name)
{
	return (in(name, BLOCKS) ? K_BLOCK : 0) |
	       (in(name, DROPPED) ? K_DROPPED : 0) |
	       (!strcmp(name, "a") ? K_A : 0) | (!strcmp(name, "br") ? K_BR : 0) |
	       (!strcmp(name, "tr") ? K_TR : 0) | (!strcmp(name, "pre") ? K_PRE : 0);
}

/* kind_of_name of N's name, remembered in S->seen by its first two
 * letters and length (each element has its own copy of its name). */
static unsigned kind_of(scan *s, const xmlNode *n)
{
	const char *name = nm(n);
	size_t len = strlen(name);
	size_t h = ((unsigned char)name[0] * 7u + (len > 1 ? (unsigned char)name[1] : 0) * 3u + len) %
		   (sizeof s->seen / sizeof *s->seen);

	if (!s->seen[h].name || strcmp((const char *)s->seen[h].name, name)) {
		s->seen[h].name = n->name;
		s->seen[h].kind = kind_of_name(name);
	}
	return s->seen[h].kind;
}

/* style="display: none" (read in place: no copy per element) */
static bool hidden(const xmlNode *n)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *v, *p;
		if (strcmp((const char *)a->name, "style") || !a->children ||
		    !(v = (const char *)a->children->content))
			continue;
		for (p = v; (p = strchr(p, ':')) != NULL; p++) {
			const char *q = p + 1, *k = p;
			while (*q == ' ')
				q++;
			while (k > v && k[-1] == ' ')
				k--;
			if (k - v >= 7 && !strncasecmp(k - 7, "display", 7) &&
			    !strncasecmp(q, "none", 4))
				return true;
		}
	}
	return false;
}


static blk *B(const scan *s, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;
	return i ? &s->b[i - 1] : NULL;
}

/* The kind of element N: from its record, once measured. */
static unsigned kind(const scan *s, const xmlNode *n)
{
	blk *b = B(s, n);

	return b ? b->kind : kind_of_name(nm(n));
}

static bool is_block(const scan *s, const xmlNode *n)
{
	blk *b = B(s, n);
	return b && b->block;
}

/* Count the text of S[0..N) (UTF-8 from the parser, NUL-terminated):
 * characters that are not white space, and Chinese sentence punctuation
 * (，。；、！？).  Byte by byte: this runs over every character. */
static void count_text(const char *str, size_t len, size_t *chars,
		       size_t *punct)
{
	const unsigned char *t = (const unsigned char *)str;

	for (size_t i = 0; i < len; i++) {
		unsigned c = t[i];
		if (c < 0x80) {
			*chars += c > ' ';
			continue;
		}
		if ((c & 0xC0) == 0x80)       /* continuation byte */
			continue;
		if (c == 0xC2 && t[i + 1] == 0xA0)               /* U+00A0 */
			continue;
		if (c == 0xE3 && t[i + 1] == 0x80) {
			if (t[i + 2] == 0x80)                    /* U+3000 */
				continue;
			*punct += t[i + 2] == 0x81 || t[i + 2] == 0x82;
		} else if (c == 0xEF && t[i + 1] == 0xBC) {
			unsigned d = t[i + 2];
			*punct += d == 0x8C || d == 0x9B || d == 0x81 || d == 0x9F;
		}
		(*chars)++;
	}
}

/* Measure N and what it holds; INLINK: inside an <a>.  Returns N's
 * record, or NULL for nodes without one. */
static void measure(scan *s, xmlNode *n, bool inlink, blk *acc)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			size_t ch = 0, pu = 0;
			const char *t = (const char *)c->content;
			if (!t)
				continue;
			count_text(t, strlen(t), &ch, &pu);
			acc->chars += ch;
			acc->punct += pu;
			if (inlink)
				acc->links += ch;
			continue;
		}
		unsigned kc;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		kc = kind_of(s, c);
		if ((kc & K_DROPPED) || hidden(c))
			continue;
		if (sy_reserve(&s->b, s->n, 1, &s->cap, sizeof *s->b, 256) < 0) {
			s->oom = true;
			return;
		}
		{
			size_t i = s->n++;
			blk b = { 0, 0, 0, 0, true, (kc & K_BLOCK) != 0, 0, kc };
			bool link = inlink || (kc & K_A);
			c->_private = (void *)(uintptr_t)(i + 1);
			s->b[i] = b;
			measure(s, c, link, &b);
			if (s->oom)
				return;
			for (xmlNode *g = c->children; g; g = g->next) {
				blk *gb = B(s, g);
				if (g->type != XML_ELEMENT_NODE || !gb)
					continue;
				if (gb->block || !gb->leaf_block)
					b.leaf_block = false;
				if (gb->kind & K_BR)
					b.brs++;
			}
			s->b[i] = b;
			acc->chars += b.chars;
			acc->links += b.links;
			acc->punct += b.punct;
		}
	}
}

static double link_share(const blk *b)
{
	return b->chars ? (double)b->links / (double)b->chars : 1.0;
}

/* Give every leaf block's score to its parent and half to its
 * grandparent; return the best block. */
static xmlNode *best_block(scan *s, xmlNode *n, xmlNode *best)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		blk *b = B(s, c);
		if (c->type != XML_ELEMENT_NODE || !b)
			continue;
		best = best_block(s, c, best);
		if (is_block(s, c) && b->leaf_block && b->chars >= 10) {
			double v = 1.0 + (double)b->punct +
				   (b->chars / 100 < 3 ? (double)(b->chars / 100) : 3.0);
			v *= 1.0 - link_share(b);
			if (b->brs >= 2)
				b->score += v * 1.1;
			if (B(s, n))
				B(s, n)->score += v;
			if (n->parent && B(s, n->parent))
				B(s, n->parent)->score += v / 2;
		}
	}
	for (xmlNode *c = n->children; c; c = c->next) {
		blk *b = B(s, c), *bb;
		if (c->type != XML_ELEMENT_NODE || !b || b->score <= 0)
			continue;
		bb = best ? B(s, best) : NULL;
		if (!bb || b->score * (1.0 - link_share(b)) >
			   bb->score * (1.0 - link_share(bb)))
			best = c;
	}
	return best;
}

static bool named_title(xmlNode *n)
{
	static const char *const attrs[] = { "class", "id", NULL };
	bool t = false;

	for (size_t i = 0; attrs[i] && !t; i++) {
		xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[i]);
		if (v) {
			for (xmlChar *q = v; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (xmlChar)(*q | 0x20);
			t = strstr((char *)v, "title") != NULL;
			xmlFree(v);
		}
	}
	return t;
}

/* The title just before the content C, or NULL. */
static xmlNode *title_of(scan *s, xmlNode *c)
{
	for (int up = 0; c && up < 3; up++, c = c->parent) {
		int seen = 0;
		for (xmlNode *p = c->prev; p && seen < 4; p = p->prev) {
			blk *b = B(s, p);
			if (p->type != XML_ELEMENT_NODE || !b)
				continue;
			seen++;
			if (b->chars == 0 || b->links > 0 || b->chars > 200)
				continue;
			if ((nm(p)[0] == 'h' && nm(p)[1] >= '1' && nm(p)[1] <= '3' &&
			     !nm(p)[2]) || named_title(p))
				return p;
		}
	}
	return NULL;
}

static void render(scan *s, xmlNode *n, sy_lines *l, bool incell,
		   bool inpre);

static void render_children(scan *s, xmlNode *n, sy_lines *l, bool incell,
			    bool inpre)
{
	for (xmlNode *c = n->children; c; c = c->next)
		render(s, c, l, incell, inpre);
}

/* Text of a <pre>: its line breaks are lines. */
static void pre_text(sy_lines *l, const char *t, bool incell)
{
	const char *nl;

	while ((nl = strchr(t, '\n')) != NULL) {
		sy_lines_text(l, t, (size_t)(nl - t));
		if (incell)
			sy_lines_text(l, " ", 1);
		else
			sy_lines_break(l);
		t = nl + 1;
	}
	sy_lines_text(l, t, strlen(t));
}

/* Is N, or an element above it, a <pre>? */
static bool in_pre(scan *s, const xmlNode *n)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (kind(s, n) & K_PRE)
			return true;
	return false;
}

/* Render N; INPRE: inside a <pre>. */
static void render(scan *s, xmlNode *n, sy_lines *l, bool incell, bool inpre)
{
	blk *b;
	unsigned k;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content && inpre)
			pre_text(l, (const char *)n->content, incell);
		else if (n->content)
			sy_lines_text(l, (const char *)n->content,
				      strlen((const char *)n->content));
		return;
	}
	b = B(s, n);
	if (n->type != XML_ELEMENT_NODE || !b)
		return;
	k = kind(s, n);
	inpre = inpre || (k & K_PRE);
	if (k & K_BR) {
		if (incell)
			sy_lines_text(l, " ", 1);
		else
			sy_lines_break(l);
		return;
	}
	/* links and label rows inside the content: share, related items */
	if (is_block(s, n) && b->links > 0 && link_share(b) > 0.5)
		return;
	if (!incell && (k & K_TR)) {
		bool first = true;
		sy_lines_break(l);
		for (xmlNode *c = n->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || !B(s, c))
				continue;
			if (!first)
				sy_lines_cell(l);
			first = false;
			render(s, c, l, true, inpre);
		}
		sy_lines_break(l);
		return;
	}
	if (is_block(s, n)) {
		if (incell) {
			sy_lines_text(l, " ", 1);
			render_children(s, n, l, true, inpre);
			sy_lines_text(l, " ", 1);
			return;
		}
		sy_lines_break(l);
		render_children(s, n, l, false, inpre);
		sy_lines_break(l);
		return;
	}
	render_children(s, n, l, incell, inpre);
}

static sy_status html_convert(const char *name, const unsigned char *b,
			      size_t n, sy_outbuf *out, sy_error *err)
{
	size_t skip, len;
	bool oom;
	char declared[32];
	char *utf8;
	const char *cs = sy_charset_detect(b, n, &skip, declared,
					   sizeof declared, &utf8, &len);
	htmlDocPtr doc;
	scan s = { NULL, 0, 0, false, { { NULL, 0 } } };
	blk top = { 0, 0, 0, 0, true, false, 0, 0 };
	xmlNode *root, *best, *title;
	sy_status st = SY_OK;

	if (!cs)
		return sy_fail(err, SY_ERR_ENCODING,
			       "%s: a web page neither in UTF-8, GB18030 (GBK, "
			       "GB2312) nor Big5", name);
	if (utf8) {
		oom = false;          /* decoded while finding the charset */
	} else if (!strcmp(cs, "UTF-8")) {   /* valid already: no iconv */
		utf8 = malloc(n - skip + 1);
		len = n - skip;
		oom = !utf8;
		if (utf8)
			memcpy(utf8, b + skip, len);
	} else {
		utf8 = sy_charset_to_utf8(cs, b + skip, n - skip, &len, &oom);
	}
	if (!utf8)
		return sy_fail(err, oom ? SY_ERR_NOMEM : SY_ERR_ENCODING,
			       "%s: %s", name,
			       oom ? "out of memory" : "cannot be decoded");
	if (len > INT32_MAX) {
		free(utf8);
		return sy_fail(err, SY_ERR_LIMIT, "%s: page too large", name);
	}
	doc = htmlReadMemory(utf8, (int)len, NULL, "UTF-8",
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
			     HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
			     HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
	free(utf8);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		if (doc)
			xmlFreeDoc(doc);
		return sy_fail(err, SY_ERR_ENCODING,
			       "%s: not a web page that can be read", name);
	}
	measure(&s, (xmlNode *)doc, false, &top);
	if (s.oom) {
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
		goto done;
	}
	best = best_block(&s, (xmlNode *)doc, NULL);
	if (!best || B(&s, best)->chars - B(&s, best)->links < 50 ||
	    B(&s, best)->punct < 2) {
		st = sy_fail(err, SY_ERR_ENCODING,
			     "%s: no main content found in this web page (only "
			     "navigation, links or short labels); nothing "
			     "written", name);
		goto done;
	}
	{
		sy_lines l = { out, { 0 }, false, 0 };
		title = title_of(&s, best);
		if (title)
			render(&s, title, &l, false, in_pre(&s, title->parent));
		sy_lines_break(&l);
		render(&s, best, &l, false, in_pre(&s, best->parent));
		if (!sy_lines_finish(&l))
			st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	}
done:
	xmlFreeDoc(doc);
	free(s.b);
	return st;
}

/* '<' after white space and a BOM, and a tag of a page in the first 1 KB. */
static bool html_sniff(const unsigned char *b, size_t n)
{
	static const char *const tags[] = { "<!doctype html", "<html", "<head",
					    "<body", "<meta", NULL };
	size_t i = 0, lim = n < 1024 ? n : 1024;

	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		i = 3;
	while (i < lim && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
			   b[i] == '\n'))
		i++;
	if (i >= lim || b[i] != '<')
		return false;
	for (; i < lim; i++)
		for (size_t t = 0; tags[t]; t++)
			if (!strncasecmp((const char *)b + i, tags[t],
					 strlen(tags[t])) &&
			    i + strlen(tags[t]) <= lim)
				return true;
	return false;
}

/* See convert.h. */
const char *sy_libxml2_version(void)
{
	return xmlParserVersion;   /* the loaded library's, e.g. "20914" */
}

static const char *html_version(void)
{
	return "shenyue-html 1 (libxml2 " LIBXML_DOTTED_VERSION ")";
}

const sy_converter sy_conv_html = {
	"html", "web page", html_sniff, html_convert, html_version, NULL
};
