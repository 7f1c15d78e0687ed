/* document.c - a report given as a document (web page, Word file): its
 * text taken out by a converter (convert/convert.h) and kept beside it,
 * with source.original naming the document (document.h).
 */
#include "extract/document.h"
#include "convert/convert.h"
#include "model/annot.h"
#include "format/annot_io.h"
#include "model/node.h"
#include "format/paths.h"
#include "base/sha256.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

char *sy_document_text_path(const char *document, const char *outdir)
{
	const char *base = strrchr(document, '/');
	const char *dot;
	size_t dirlen, stem;
	char *p;

	base = base ? base + 1 : document;
	dot = strrchr(base, '.');
	stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (dot && !strcmp(dot, ".txt"))   /* never the document itself */
		stem = strlen(base);
	dirlen = outdir ? strlen(outdir) + 1 : (size_t)(base - document);
	p = malloc(dirlen + stem + 5);
	if (!p)
		return NULL;
	if (outdir) {
		memcpy(p, outdir, dirlen - 1);
		p[dirlen - 1] = '/';
	} else {
		memcpy(p, document, dirlen);
	}
	memcpy(p + dirlen, base, stem);
	memcpy(p + dirlen + stem, ".txt", 5);
	return p;
}

/* A mapping key -> string value; false on OOM. */
static bool put_str(sy_node *map, const char *key, const char *value)
{
	sy_node *v = sy_node_scalar(value, 1);

	return v && sy_node_put(map, key, v) == 0;
}

sy_status sy_convert_bytes(const sy_converter *c, const char *name,
			   const unsigned char *b, size_t n,
			   const char *text_path, sy_source *src,
			   sy_error *err)
{
	sy_outbuf out = { 0 };
	sy_status st;

	memset(src, 0, sizeof *src);
	if (!c->convert)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: a %s: not supported by this build (%s)",
			       name, c->what, c->missing);
	if (n > SY_DOC_MAX_BYTES)
		return sy_fail(err, SY_ERR_LIMIT,
			       "%s: document larger than %zu MB: refused", name,
			       SY_DOC_MAX_BYTES >> 20);
	st = c->convert(name, b, n, &out, err);
	if (st == SY_OK && out.oom)
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	if (st == SY_OK && out.n == 0)
		st = sy_fail(err, SY_ERR_ENCODING, "%s: a %s with no text",
			     name, c->what);
	if (st != SY_OK) {
		free(out.p);
		return st;
	}
	st = sy_source_take(text_path, (unsigned char *)out.p, out.n, src,
			    err);
	if (st != SY_OK)
		return st;
	{
		sy_sha256 h;
		char hex[65];
		sy_node *o = sy_node_map();

		sy_sha256_init(&h);
		sy_sha256_update(&h, b, n);
		sy_sha256_hex(&h, hex);
		src->original = o;
		if (!o || !put_str(o, "path", name) ||
		    !put_str(o, "sha256", hex) ||
		    !put_str(o, "format", c->format) ||
		    !put_str(o, "converter", c->version())) {
			sy_source_free(src);
			return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory",
				       name);
		}
	}
	return SY_OK;
}

/* Was the text at SRC->path written for this document?  True when the
 * annotation file ANNOT names it as its source and records the document
 * (REL, as source.original.path) as where it came from. */
static bool text_is_ours(const sy_source *src, const char *annot,
			 const char *rel)
{
	sy_annot a;
	sy_error lerr;
	bool ours = false;

	sy_annot_init(&a);
	if (sy_annot_load(annot, &a, &lerr) == SY_OK && a.source.extra) {
		const sy_node *o = sy_node_get(a.source.extra, "original");
		const sy_node *p = o && o->kind == SY_NODE_MAP ? sy_node_get(o, "path") : NULL;
		const char *base = strrchr(src->path, '/');
		base = base ? base + 1 : src->path;
		ours = p && p->kind == SY_NODE_SCALAR && sy_str_eq(p->scalar, rel) &&
		       a.source.path && !strcmp(a.source.path, base);
	}
	sy_annot_free(&a);
	return ours;
}

/* Write the text of SRC to SRC->path unless a file of that name holds
 * the same bytes already.  A file with other bytes is replaced only with
 * FORCE, or when it is this document's earlier text (text_is_ours: the
 * document changed, and its annotation file is re-anchored on opening as
 * for a changed text report). */
static sy_status keep_text(const sy_source *src, const char *document,
			   const char *annot, const char *rel, bool force,
			   sy_error *err)
{
	unsigned char *old;
	size_t n;
	sy_error rerr;

	if (sy_read_file(src->path, &old, &n, &rerr) == SY_OK) {
		bool same = n == src->len && !memcmp(old, src->text, n);
		free(old);
		if (same)
			return SY_OK;
		if (!force && !text_is_ours(src, annot, rel))
			return sy_fail(err, SY_ERR_EXISTS,
				       "%s: the text of %s goes there, and the "
				       "file holds other text; not overwritten: "
				       "use --force to replace it", src->path,
				       document);
	}
	return sy_write_atomic(src->path, src->text, src->len, err);
}

sy_status sy_document_load(const char *path, const sy_docload *o,
			   sy_source *src, sy_error *err)
{
	const sy_converter *c;
	unsigned char *buf;
	size_t n;
	char *text_path, *rel = NULL, *annot = NULL;
	sy_status st;

	memset(src, 0, sizeof *src);
	st = sy_read_file(path, &buf, &n, err);
	if (st != SY_OK)
		return st;
	c = sy_converter_for(buf, n);
	if (!c)
		return sy_source_take(path, buf, n, src, err);
	if (o->outdir && o->write_text &&
	    (st = sy_make_dirs(o->outdir, err)) != SY_OK) {
		free(buf);
		return st;
	}
	text_path = sy_document_text_path(path, o->outdir);
	if (text_path)
		annot = sy_annot_path_for(text_path, o->outdir);
	if (annot)
		rel = sy_source_path_for(path, annot);
	if (!rel) {
		st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
		goto done;
	}
	st = sy_convert_bytes(c, path, buf, n, text_path, src, err);
	if (st == SY_OK) {  /* the document's path as the annotation file names it */
		sy_node *p = sy_node_get(src->original, "path");
		char *copy = sy_strdup(rel);
		if (!copy) {
			sy_source_free(src);
			st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
			goto done;
		}
		free(p->scalar);
		p->scalar = copy;
	}
	if (st == SY_OK && o->write_text) {
		st = keep_text(src, path, annot, rel, o->force, err);
		if (st != SY_OK)
			sy_source_free(src);
	}
done:
	free(buf);
	free(text_path);
	free(annot);
	free(rel);
	return st;
}
