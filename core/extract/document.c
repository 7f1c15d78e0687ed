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
#include "base/i18n.h"
#include "extract/extract.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
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

/* sy_convert_bytes; HEX, when not NULL, is the sha256 of B[0..N)
 * already known. */
static sy_status convert_bytes(const sy_converter *c, const char *name,
			       const unsigned char *b, size_t n,
			       const char *hex, const char *text_path,
			       sy_source *src, sy_error *err);

sy_status sy_convert_bytes(const sy_converter *c, const char *name,
			   const unsigned char *b, size_t n,
			   const char *text_path, sy_source *src,
			   sy_error *err)
{
	return convert_bytes(c, name, b, n, NULL, text_path, src, err);
}

static sy_status convert_bytes(const sy_converter *c, const char *name,
			       const unsigned char *b, size_t n,
			       const char *known, const char *text_path,
			       sy_source *src, sy_error *err)
{
	sy_outbuf out = { 0 };
	sy_status st;

	memset(src, 0, sizeof *src);
	if (!c->convert)
		return sy_fail(err, SY_ERR_USAGE,
			       _("%s: a %s: not supported by this build (%s)"),
			       name, c->what, c->missing);
	if (n > SY_DOC_MAX_BYTES)
		return sy_fail(err, SY_ERR_LIMIT,
			       _("%s: document larger than %zu MB: refused"), name,
			       SY_DOC_MAX_BYTES >> 20);
	st = c->convert(name, b, n, &out, err);
	if (st == SY_OK && out.oom)
		st = sy_fail(err, SY_ERR_NOMEM, _("%s: out of memory"), name);
	if (st == SY_OK && out.n == 0)
		st = sy_fail(err, SY_ERR_ENCODING, _("%s: a %s with no text"),
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

		if (known) {
			memcpy(hex, known, sizeof hex);
		} else {
			sy_sha256_init(&h);
			sy_sha256_update(&h, b, n);
			sy_sha256_hex(&h, hex);
		}
		src->original = o;
		if (!o || !put_str(o, "path", name) ||
		    !put_str(o, "sha256", hex) ||
		    !put_str(o, "format", c->format) ||
		    !put_str(o, "converter", c->version())) {
			sy_source_free(src);
			return sy_fail(err, SY_ERR_NOMEM, _("%s: out of memory"),
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
				       _("%s: the text of %s goes there, and the "
					 "file holds other text; not overwritten: "
					 "use --force (shenyue extract --force) to "
					 "replace it"), src->path,
				       document);
	}
	return sy_write_atomic(src->path, src->text, src->len, err);
}

/* sy_document_load on the document BUF[0..N) read from PATH, which
 * converter C claims.  BUF stays the caller's. */
static sy_status load_document(const char *path, const sy_converter *c,
			       const unsigned char *buf, size_t n,
			       const char *hex, const sy_docload *o,
			       sy_source *src, sy_error *err)
{
	char *text_path, *rel = NULL, *annot = NULL;
	sy_status st;

	if (o->outdir && o->write_text &&
	    (st = sy_make_dirs(o->outdir, err)) != SY_OK)
		return st;
	text_path = sy_document_text_path(path, o->outdir);
	if (text_path)
		annot = sy_annot_path_for(text_path, o->outdir);
	if (annot)
		rel = sy_source_path_for(path, annot);
	if (!rel) {
		st = sy_fail(err, SY_ERR_NOMEM, _("%s: out of memory"), path);
		goto done;
	}
	st = convert_bytes(c, path, buf, n, hex, text_path, src, err);
	if (st == SY_OK) {  /* the document's path as the annotation file names it */
		sy_node *p = sy_node_get(src->original, "path");
		char *copy = sy_strdup(rel);
		if (!copy) {
			sy_source_free(src);
			st = sy_fail(err, SY_ERR_NOMEM, _("%s: out of memory"), path);
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
	free(text_path);
	free(annot);
	free(rel);
	return st;
}

sy_status sy_document_load(const char *path, const sy_docload *o,
			   sy_source *src, sy_error *err)
{
	const sy_converter *c;
	unsigned char *buf;
	size_t n;
	sy_status st;

	memset(src, 0, sizeof *src);
	st = sy_read_file(path, &buf, &n, err);
	if (st != SY_OK)
		return st;
	c = sy_converter_for(buf, n);
	if (!c)
		return sy_source_take(path, buf, n, src, err);
	st = load_document(path, c, buf, n, NULL, o, src, err);
	free(buf);
	return st;
}

const sy_converter *sy_document_kind(const char *path, bool any_zip)
{
	unsigned char head[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return NULL;
	}
	do
		n = read(fd, head, sizeof head);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 4)
		return NULL;
	if (!memcmp(head, "PK\3\4", 4)) {  /* a zip: DOCX or OFD, told by its whole */
		unsigned char *buf;
		size_t len;
		sy_error rerr;
		bool doc;
		if (any_zip)
			return &sy_conv_docx;
		if (sy_read_file(path, &buf, &len, &rerr) != SY_OK)
			return NULL;
		doc = sy_conv_has(buf, len, "word/document.xml") ||
		      sy_conv_has(buf, len, "OFD.xml");
		free(buf);
		return doc ? sy_converter_for(head, (size_t)n) : NULL;
	}
	return sy_converter_for(head, (size_t)n);
}

/* Is the document DOC (sha256 HEX, named REL from its annotation file
 * ANNOT) the one ANNOT was made from, with its text at TEXT_PATH still
 * there?  Then it need not be converted again. */
static bool unchanged(const char *annot, const char *rel, const char *hex,
		      const char *text_path)
{
	sy_annot a;
	sy_error lerr;
	bool same = false;
	struct stat sb;

	if (stat(text_path, &sb) != 0 || stat(annot, &sb) != 0)
		return false;
	sy_annot_init(&a);
	if (sy_annot_load(annot, &a, &lerr) == SY_OK && a.source.extra) {
		const sy_node *o = sy_node_get(a.source.extra, "original");
		const sy_node *p = o && o->kind == SY_NODE_MAP ? sy_node_get(o, "path") : NULL;
		const sy_node *h = o && o->kind == SY_NODE_MAP ? sy_node_get(o, "sha256") : NULL;
		same = p && p->kind == SY_NODE_SCALAR && sy_str_eq(p->scalar, rel) &&
		       h && h->kind == SY_NODE_SCALAR && sy_str_eq(h->scalar, hex);
	}
	sy_annot_free(&a);
	return same;
}

/* A's source.original replaced by a copy of ORIGINAL; -1 on OOM. */
static int set_original(sy_annot *a, const sy_node *original)
{
	sy_node *o = sy_node_clone(original), *m;

	if (!o)
		return -1;
	if (!a->source.extra && !(a->source.extra = sy_node_map())) {
		sy_node_free(o);
		return -1;
	}
	m = a->source.extra;
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->keys[i], "original")) {
			sy_node_free(m->items[i]);
			m->items[i] = o;
			return 0;
		}
	return sy_node_put(m, "original", o) < 0 ? -1 : 0;
}

/* The annotation file ANNOT of the text SRC (kept at SRC->path): made by
 * extraction when there is none; when there is one (the document
 * changed), its source.original is set to SRC's, all else left for the
 * opening to re-anchor.  A file that cannot be read is left as it is:
 * its opening says why. */
static sy_status annotate(const sy_source *src, const char *annot,
			  sy_error *err)
{
	sy_annot a;
	sy_status st;
	struct stat sb;

	sy_annot_init(&a);
	if (stat(annot, &sb) != 0) {
		char *rel = sy_source_path_for(src->path, annot);
		if (!rel)
			return sy_fail(err, SY_ERR_NOMEM, _("%s: out of memory"), annot);
		st = sy_extract(src, &a, err);
		if (st == SY_OK) {
			free(a.source.path);
			a.source.path = rel;
			rel = NULL;
			st = sy_annot_save(&a, annot, err);
		}
		free(rel);
		sy_annot_free(&a);
		return st;
	}
	if (sy_annot_load(annot, &a, err) != SY_OK) {
		sy_annot_free(&a);
		return SY_OK;
	}
	if (set_original(&a, src->original)) {
		sy_annot_free(&a);
		return sy_fail(err, SY_ERR_NOMEM, _("%s: out of memory"), annot);
	}
	st = sy_annot_save(&a, annot, err);
	sy_annot_free(&a);
	return st;
}

sy_status sy_document_take(const char *path, bool annotate_too,
			   char **text_path, sy_error *err)
{
	const sy_converter *c;
	unsigned char *buf;
	size_t n;
	char *annot = NULL, *rel = NULL, hex[65];
	sy_status st;
	sy_source src;
	sy_sha256 h;
	sy_docload o = { NULL, true, false };

	*text_path = NULL;
	st = sy_read_file(path, &buf, &n, err);
	if (st != SY_OK)
		return st;
	if (!(c = sy_converter_for(buf, n))) {
		free(buf);
		return SY_OK;
	}
	*text_path = sy_document_text_path(path, NULL);
	if (*text_path)
		annot = sy_annot_path_for(*text_path, NULL);
	if (annot)
		rel = sy_source_path_for(path, annot);
	if (!rel) {
		st = sy_fail(err, SY_ERR_NOMEM, _("%s: out of memory"), path);
		goto done;
	}
	sy_sha256_init(&h);
	sy_sha256_update(&h, buf, n);
	sy_sha256_hex(&h, hex);
	if (unchanged(annot, rel, hex, *text_path))
		goto done;     /* opened as it is: no conversion */
	st = load_document(path, c, buf, n, hex, &o, &src, err);
	if (st == SY_OK && annotate_too)
		st = annotate(&src, annot, err);
	sy_source_free(&src);
done:
	if (st != SY_OK) {
		free(*text_path);
		*text_path = NULL;
	}
	free(buf);
	free(annot);
	free(rel);
	return st;
}
