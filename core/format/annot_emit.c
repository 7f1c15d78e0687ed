/* annot_emit.c - writing the annotation file (format 1) with libyaml's
 * emitter (see annot_io.h).
 *
 * Strings are written plain when YAML 1.1 (PyYAML) and YAML 1.2 readers
 * would both take them back as strings, single-quoted otherwise; libyaml
 * itself falls back to quoting when a plain scalar is impossible.  Numbers
 * are written in the C locale, integers without a decimal point.
 */
#include "format/annot_io.h"
#include "format/annot_fast.h"
#include "model/annot_limits.h"
#include "format/yaml_style.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define TRY(x) do { if ((x) < 0) return -1; } while (0)

/* The emitter state: libyaml's emitter, where its output goes, the
 * quoting rule, the first error. */
typedef struct em {
	yaml_emitter_t y;
	sy_outbuf *out;        /* the output, when WRITE is NULL */
	sy_write_fn write;     /* else the output goes here */
	void *wctx;
	int write_errno;       /* WRITE failed with this */
	const sy_quoting *q;
	sy_error *err;         /* the current call's, may be NULL */
	sy_error first;        /* the first failure */
	sy_status st;          /* SY_OK until something failed */
} em;

/* libyaml write handler (DATA is the em): hand BUF to the writer's
 * function, or append it to the outbuf.  1 ok, 0 failed. */
static int out_write(void *data, unsigned char *buf, size_t size)
{
	struct em *e = data;

	if (e->write) {
		errno = 0;
		if (e->write(e->wctx, buf, size) == 0)
			return 1;
		e->write_errno = errno ? errno : EIO;
		return 0;
	}
	return sy_outbuf_add(e->out, buf, size) ? 1 : 0;
}

/* Record a failure (the first one wins); returns -1. */
static int em_fail(em *e, sy_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int em_fail(em *e, sy_status code, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	if (e->st != SY_OK)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	e->st = sy_fail(&e->first, code, "%s", msg);
	if (e->err)
		*e->err = e->first;
	return -1;
}

/* Check S[0..N) in one pass: returns false when it is not well-formed
 * UTF-8 (overlongs, surrogates, beyond U+10FFFF); sets *BREAK when it holds
 * a line break (CR, LF, NEL, LS, PS). */
static bool utf8_scan(const unsigned char *s, size_t n, bool *brk)
{
	size_t i = 0;

	*brk = false;
	while (i < n) {
		unsigned c = s[i], len, k;
		unsigned long cp;

		if (c < 0x80) {
			if (c == '\n' || c == '\r')
				*brk = true;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; }
		else return false;
		if (n - i < len)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
			*brk = true;
		i += len;
	}
	return true;
}

/* ------------------------------------------------------------ events */

/* Hand EV to the emitter (which always consumes it).  0 or -1. */
static int em_event(em *e, yaml_event_t *ev)
{
	if (yaml_emitter_emit(&e->y, ev))
		return 0;
	if (e->write_errno)
		return em_fail(e, SY_ERR_IO, "write failed: %s",
			       strerror(e->write_errno));
	if ((e->out && e->out->oom) || e->y.error == YAML_MEMORY_ERROR)
		return em_fail(e, SY_ERR_NOMEM, "out of memory writing YAML");
	return em_fail(e, SY_ERR_FORMAT, "cannot write YAML: %s",
		       e->y.problem ? e->y.problem : "emitter error");
}

/* One scalar: TEXT with STYLE (libyaml may pick a safer one) and TAG
 * (NULL for none).  A text with a line break is double-quoted whatever
 * STYLE says, so that each break is an escape ("\r\n") that reads back
 * exactly, instead of a folded line. */
static int em_scalar(em *e, const char *text, const char *tag,
		     yaml_scalar_style_t style)
{
	yaml_event_t ev;
	size_t len = strlen(text);
	int implicit = tag == NULL;
	bool brk;

	if (len > SY_MAX_SCALAR_BYTES || len > INT_MAX)  /* the reader's limit */
		return em_fail(e, SY_ERR_LIMIT, "cannot write a string of %zu "
			       "bytes (more than 1 MiB: the file could not be "
			       "read again): \"%.40s\"", len, text);
	if (!utf8_scan((const unsigned char *)text, len, &brk))
		return em_fail(e, SY_ERR_ENCODING,
			       "cannot write invalid UTF-8: \"%.40s\"", text);
	if (brk)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)tag,
					  (yaml_char_t *)text, (int)len,
					  implicit, implicit, style))
		return em_fail(e, SY_ERR_NOMEM, "out of memory writing YAML");
	return em_event(e, &ev);
}

/* The style for a string, quoted in the file when QUOTED. */
static yaml_scalar_style_t str_style(bool quoted)
{
	return quoted ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE;
}

/* A string, or null for NULL; quoted when it would read as another type. */
static int em_str(em *e, const char *s)
{
	if (!s)
		return em_scalar(e, "null", NULL, YAML_PLAIN_SCALAR_STYLE);
	return em_scalar(e, s, NULL, str_style(sy_needs_quotes(e->q, s)));
}

/* A plain scalar written as is (numbers, null, known words). */
static int em_raw(em *e, const char *s)
{
	return em_scalar(e, s, NULL, YAML_PLAIN_SCALAR_STYLE);
}

static int em_size(em *e, size_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%zu", v);
	return em_raw(e, buf);
}

static int em_int(em *e, long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%ld", v);
	return em_raw(e, buf);
}

/* A number, or null when HAS is false. */
static int em_double(em *e, double v, bool has)
{
	char buf[48];

	if (!has)
		return em_raw(e, "null");
	sy_yaml_number(v, buf, sizeof buf);
	return em_raw(e, buf);
}

static int em_collection(em *e, bool map, const char *tag, bool flow)
{
	yaml_event_t ev;
	int ok;

	if (map)
		ok = yaml_mapping_start_event_initialize(&ev, NULL,
			(yaml_char_t *)tag, tag == NULL,
			flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	else
		ok = yaml_sequence_start_event_initialize(&ev, NULL,
			(yaml_char_t *)tag, tag == NULL,
			flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	if (!ok)
		return em_fail(e, SY_ERR_NOMEM, "out of memory writing YAML");
	return em_event(e, &ev);
}

static int em_map_start(em *e)
{
	return em_collection(e, true, NULL, false);
}

static int em_end(em *e, bool map)
{
	yaml_event_t ev;

	if (map)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	return em_event(e, &ev);
}

/* A generic node, as read (quoted scalars stay quoted, tags stay). */
static int em_node(em *e, const sy_node *n, int depth)
{
	size_t i;

	if (depth > 1000)
		return em_fail(e, SY_ERR_LIMIT, "node tree too deep to write");
	if (n->kind == SY_NODE_SCALAR)
		return em_scalar(e, n->scalar ? n->scalar : "", n->tag,
				 str_style(n->quoted));
	TRY(em_collection(e, n->kind == SY_NODE_MAP, n->tag, false));
	for (i = 0; i < n->n; i++) {
		if (n->kind == SY_NODE_MAP)
			TRY(em_str(e, n->keys[i]));
		TRY(em_node(e, n->items[i], depth + 1));
	}
	return em_end(e, n->kind == SY_NODE_MAP);
}

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* True when em_extra writes a key of EXTRA. */
static bool extra_written(const sy_node *extra, const char *const *known)
{
	size_t i;

	if (!extra || extra->kind != SY_NODE_MAP)
		return false;
	for (i = 0; i < extra->n; i++)
		if (!in_list(extra->keys[i], known))
			return true;
	return false;
}

/* The unknown keys of EXTRA (a mapping or NULL), skipping any that
 * collide with the documented keys KNOWN (NULL-terminated). */
static int em_extra(em *e, const sy_node *extra, const char *const *known)
{
	size_t i;

	if (!extra || extra->kind != SY_NODE_MAP)
		return 0;
	for (i = 0; i < extra->n; i++) {
		if (in_list(extra->keys[i], known))
			continue;
		TRY(em_str(e, extra->keys[i]));
		TRY(em_node(e, extra->items[i], 1));
	}
	return 0;
}

/* ------------------------------------------------------------ the model */

static const char *const top_keys[] = {
	"format", "source", "document", "sections", "statistics", "review", NULL
};
static const char *const source_keys[] = {
	"path", "sha256", "encoding", "chars", NULL
};
static const char *const doc_keys[] = {
	"title", "issuer", "region", "year", "date", "status", NULL
};
static const char *const section_keys[] = {
	"id", "level", "marker", "title", "start", "end", "status", "tags",
	"note", "proposed", NULL
};
static const char *const stat_keys[] = {
	"id", "text", "start", "end", "value", "unit", "approx", "value_max",
	"subject", "section", "status", "tags", "note", "proposed", NULL
};
static const char *const review_keys[] = {
	"reviewer", "updated", "cursor", NULL
};

static int em_key_str(em *e, const char *key, const char *val)
{
	TRY(em_raw(e, key));
	return em_str(e, val);
}

static int em_key_size(em *e, const char *key, size_t v)
{
	TRY(em_raw(e, key));
	return em_size(e, v);
}

static int em_source(em *e, const sy_sourceinfo *s)
{
	TRY(em_raw(e, "source"));
	TRY(em_map_start(e));
	TRY(em_key_str(e, "path", s->path ? s->path : ""));
	TRY(em_key_str(e, "sha256", s->sha256));
	TRY(em_key_str(e, "encoding", s->encoding ? s->encoding : "utf-8"));
	TRY(em_key_size(e, "chars", s->chars));
	TRY(em_extra(e, s->extra, source_keys));
	return em_end(e, true);
}

static int em_document(em *e, const sy_docfacts *d)
{
	TRY(em_raw(e, "document"));
	TRY(em_map_start(e));
	TRY(em_key_str(e, "title", d->title));
	TRY(em_key_str(e, "issuer", d->issuer));
	TRY(em_key_str(e, "region", d->region));
	TRY(em_raw(e, "year"));
	TRY(d->year ? em_int(e, d->year) : em_raw(e, "null"));
	TRY(em_key_str(e, "date", d->date));
	TRY(em_key_str(e, "status", sy_status_name(d->status)));
	TRY(em_extra(e, d->extra, doc_keys));
	return em_end(e, true);
}

static int em_tags(em *e, const sy_tags *t)
{
	size_t i;

	TRY(em_raw(e, "tags"));
	TRY(em_collection(e, false, NULL, true));
	for (i = 0; i < t->n; i++)
		TRY(em_str(e, t->v[i]));
	return em_end(e, false);
}

/* status, tags, note, proposed, then the unknown keys. */
static int em_review_fields(em *e, const sy_review *r,
			    const char *const *known)
{
	TRY(em_key_str(e, "status", sy_status_name(r->status)));
	TRY(em_tags(e, &r->tags));
	if (r->note)
		TRY(em_key_str(e, "note", r->note));
	if (r->proposed) {
		TRY(em_raw(e, "proposed"));
		TRY(em_node(e, r->proposed, 1));
	}
	return em_extra(e, r->extra, known);
}

static int em_section(em *e, const sy_section *s)
{
	TRY(em_map_start(e));
	TRY(em_key_str(e, "id", s->id));
	TRY(em_raw(e, "level"));
	TRY(em_int(e, s->level));
	TRY(em_key_str(e, "marker", s->marker));
	TRY(em_key_str(e, "title", s->title));
	TRY(em_key_size(e, "start", s->start));
	TRY(em_key_size(e, "end", s->end));
	TRY(em_review_fields(e, &s->r, section_keys));
	return em_end(e, true);
}

static int em_stat(em *e, const sy_stat *s)
{
	TRY(em_map_start(e));
	TRY(em_key_str(e, "id", s->id));
	TRY(em_key_str(e, "text", s->text));
	TRY(em_key_size(e, "start", s->start));
	TRY(em_key_size(e, "end", s->end));
	TRY(em_raw(e, "value"));
	TRY(em_double(e, s->value, s->has_value));
	TRY(em_key_str(e, "unit", s->unit));
	TRY(em_raw(e, "approx"));
	TRY(s->approx == SY_APPROX_NONE ? em_raw(e, "null")
					: em_str(e, sy_approx_name(s->approx)));
	TRY(em_raw(e, "value_max"));
	TRY(em_double(e, s->value_max, s->has_value_max));
	TRY(em_key_str(e, "subject", s->subject));
	TRY(em_key_str(e, "section", s->section));
	TRY(em_review_fields(e, &s->r, stat_keys));
	return em_end(e, true);
}

/* True when the review mapping is written at all. */
static bool review_written(const sy_reviewinfo *r)
{
	return r->present || r->reviewer || r->updated || r->cursor ||
	       (r->extra && r->extra->n);
}

static int em_review(em *e, const sy_reviewinfo *r)
{
	if (!review_written(r))
		return 0;
	TRY(em_raw(e, "review"));
	TRY(em_map_start(e));
	TRY(em_key_str(e, "reviewer", r->reviewer));
	TRY(em_key_str(e, "updated", r->updated));
	if (r->cursor)
		TRY(em_key_str(e, "cursor", r->cursor));
	TRY(em_extra(e, r->extra, review_keys));
	return em_end(e, true);
}

/* ------------------------------------------------------------ checks */

/* Refuse (SY_ERR_FORMAT) a model that the reader would refuse. */
static int check_review(em *e, const char *what, const char *id,
			const sy_review *r)
{
	if ((unsigned)r->status >= SY_STATUS_COUNT)
		return em_fail(e, SY_ERR_FORMAT, "%s %s: invalid status %d",
			       what, id, (int)r->status);
	if (r->proposed && r->proposed->kind != SY_NODE_MAP)
		return em_fail(e, SY_ERR_FORMAT,
			       "%s %s: proposed is not a mapping", what, id);
	return 0;
}

static int check_span(em *e, const char *what, const char *id, size_t start,
		      size_t end, size_t chars)
{
	if (start > end)
		return em_fail(e, SY_ERR_FORMAT, "%s %s: start %zu > end %zu",
			       what, id, start, end);
	if (end > chars)
		return em_fail(e, SY_ERR_FORMAT,
			       "%s %s: end %zu beyond source.chars %zu",
			       what, id, end, chars);
	return 0;
}

/* A string the reader would refuse (over SY_MAX_SCALAR_BYTES) is never
 * written, by either writer (the fast one writes items itself). */
static int check_len(em *e, const char *what, const char *id,
		     const char *field, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n > SY_MAX_SCALAR_BYTES)
		return em_fail(e, SY_ERR_LIMIT, "%s %s: its %s of %zu bytes is "
			       "longer than 1 MiB (the file could not be read "
			       "again)", what, id, field, n);
	return 0;
}

static int check_section(em *e, const sy_section *s, size_t chars)
{
	if (!s->id || !*s->id)
		return em_fail(e, SY_ERR_FORMAT, "a section has no id");
	if (!s->marker || !s->title)
		return em_fail(e, SY_ERR_FORMAT,
			       "section %s: marker or title is missing", s->id);
	if (s->level < 1)
		return em_fail(e, SY_ERR_FORMAT, "section %s: level %d < 1",
			       s->id, s->level);
	TRY(check_len(e, "section", s->id, "marker", s->marker));
	TRY(check_len(e, "section", s->id, "title", s->title));
	TRY(check_len(e, "section", s->id, "note", s->r.note));
	TRY(check_span(e, "section", s->id, s->start, s->end, chars));
	return check_review(e, "section", s->id, &s->r);
}

static int check_stat(em *e, const sy_stat *s, size_t chars)
{
	if (!s->id || !*s->id)
		return em_fail(e, SY_ERR_FORMAT, "a statistic has no id");
	if (!s->text)
		return em_fail(e, SY_ERR_FORMAT, "statistic %s: text is missing",
			       s->id);
	if ((unsigned)s->approx > SY_APPROX_RANGE)
		return em_fail(e, SY_ERR_FORMAT, "statistic %s: invalid approx %d",
			       s->id, (int)s->approx);
	TRY(check_len(e, "statistic", s->id, "text", s->text));
	TRY(check_len(e, "statistic", s->id, "unit", s->unit));
	TRY(check_len(e, "statistic", s->id, "subject", s->subject));
	TRY(check_len(e, "statistic", s->id, "note", s->r.note));
	TRY(check_span(e, "statistic", s->id, s->start, s->end, chars));
	return check_review(e, "statistic", s->id, &s->r);
}

/* FNV-1a of the string S. */
static size_t hash_str(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* Ids must be unique over sections and statistics together: one pass
 * with an open-addressing set of the ids. */
static int check_ids(em *e, const sy_annot *a)
{
	size_t n = a->nsections + a->nstats, cap = 16, i;
	const char **set;
	int r = 0;

	if (n < 2)
		return 0;
	while (cap < 2 * n)
		cap *= 2;
	set = calloc(cap, sizeof *set);
	if (!set)
		return em_fail(e, SY_ERR_NOMEM, "out of memory");
	for (i = 0; i < n && r == 0; i++) {
		const char *id = i < a->nsections ? a->sections[i].id
						  : a->stats[i - a->nsections].id;
		size_t h = hash_str(id) & (cap - 1);
		while (set[h] && strcmp(set[h], id) != 0)
			h = (h + 1) & (cap - 1);
		if (set[h])
			r = em_fail(e, SY_ERR_FORMAT, "duplicate id '%s'", id);
		set[h] = id;
	}
	free(set);
	return r;
}

static int check_model(em *e, const sy_annot *a)
{
	size_t i;

	if ((unsigned)a->doc.status >= SY_STATUS_COUNT)
		return em_fail(e, SY_ERR_FORMAT, "document: invalid status %d",
			       (int)a->doc.status);
	for (i = 0; i < a->nsections; i++)
		TRY(check_section(e, &a->sections[i], a->source.chars));
	for (i = 0; i < a->nstats; i++)
		TRY(check_stat(e, &a->stats[i], a->source.chars));
	return check_ids(e, a);
}

/* ------------------------------------------------------------ writer */

enum { W_NEW, W_SECTIONS, W_STATS, W_DONE };

/* Buffered output is handed to WRITE once this much has gathered. */
#define FLUSH_AT ((size_t)256 * 1024)

/* The writer has two modes that write the same bytes:
 *   - fast (the default): the items of the canonical subset are written
 *     by annot_fast.c; the head, the tail and any other item each go
 *     through a libyaml emitter of their own (a "fragment": a document
 *     holding just that collection, which libyaml writes exactly as it
 *     writes that part of the whole file);
 *   - libyaml: one libyaml emitter writes the whole file, every scalar an
 *     event (sy_annot_emit_libyaml, SHENYUE_WRITER=libyaml), the reference
 *     the fast mode is tested against. */
struct sy_writer {
	em e;                  /* the first error; the libyaml mode's emitter */
	bool libyaml;          /* the mode */
	bool opened;           /* e.y was initialised */
	sy_quoting q;
	sy_outbuf buf;         /* output not yet handed to WRITE; without
				* WRITE, all of it */
	locale_t cloc;         /* the C numeric locale, or (locale_t)0 */
	locale_t old;          /* the locale before the current call */
	int state;
	bool listed;           /* fast mode: the current list has an item */
	size_t chars;          /* source.chars, for the span checks */
};

/* The C numeric locale around each call: numbers are written with '.',
 * whatever LC_NUMERIC says. */
static void c_locale_enter(sy_writer *w)
{
	if (w->cloc)
		w->old = uselocale(w->cloc);
}

static void c_locale_leave(sy_writer *w)
{
	if (w->cloc)
		uselocale(w->old);
}

/* Start a call: ERR receives any failure; a writer that failed before
 * repeats its error. */
static int w_enter(sy_writer *w, sy_error *err)
{
	w->e.err = err;
	if (w->e.st != SY_OK) {
		if (err)
			*err = w->e.first;
		return -1;
	}
	return 0;
}

static sy_status w_status(sy_writer *w)
{
	return w->e.st;
}

/* Set up libyaml's emitter in E with the file's settings. */
static int em_yaml_open(em *e)
{
	if (!yaml_emitter_initialize(&e->y))
		return em_fail(e, SY_ERR_NOMEM, "out of memory");
	yaml_emitter_set_output(&e->y, out_write, e);
	yaml_emitter_set_encoding(&e->y, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&e->y, 1);
	yaml_emitter_set_width(&e->y, -1);
	yaml_emitter_set_indent(&e->y, 2);
	yaml_emitter_set_break(&e->y, YAML_LN_BREAK);
	return 0;
}

/* Stream and document start (the document start implicit: no "---"). */
static int em_doc_start(em *e)
{
	yaml_event_t ev;

	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	TRY(em_event(e, &ev));
	if (!yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1))
		return em_fail(e, SY_ERR_NOMEM, "out of memory writing YAML");
	return em_event(e, &ev);
}

/* Document end (implicit), stream end, and the last bytes out. */
static int em_doc_end(em *e)
{
	yaml_event_t ev;

	yaml_document_end_event_initialize(&ev, 1);
	TRY(em_event(e, &ev));
	yaml_stream_end_event_initialize(&ev);
	TRY(em_event(e, &ev));
	if (!yaml_emitter_flush(&e->y))
		return em_fail(e, e->write_errno ? SY_ERR_IO : SY_ERR_NOMEM,
			       "cannot write YAML: %s",
			       e->write_errno ? strerror(e->write_errno)
					      : "out of memory");
	return 0;
}

/* Append N bytes of P to the fast mode's buffer. */
static int w_add(sy_writer *w, const char *p, size_t n)
{
	if (!sy_outbuf_add(&w->buf, p, n))
		return em_fail(&w->e, SY_ERR_NOMEM, "out of memory writing YAML");
	return 0;
}

/* Hand the buffer to WRITE: when it is large, or at the end (ALL). */
static int w_flush(sy_writer *w, bool all)
{
	if (!w->e.write || w->buf.n == 0 || (!all && w->buf.n < FLUSH_AT))
		return 0;
	errno = 0;
	if (w->e.write(w->e.wctx, w->buf.p, w->buf.n) != 0)
		return em_fail(&w->e, SY_ERR_IO, "write failed: %s",
			       strerror(errno ? errno : EIO));
	w->buf.n = 0;
	return 0;
}

/* One fragment of the file through a libyaml emitter of its own: a
 * document holding one collection (a mapping when MAP, else a block
 * sequence) whose content BODY emits from ARG.  Its text, which ends with
 * a newline, is appended to the buffer. */
static int frag(sy_writer *w, bool map, int (*body)(em *, const void *),
		const void *arg)
{
	sy_outbuf out = { 0 };
	em f;
	int r;

	memset(&f, 0, sizeof f);
	f.out = &out;
	f.q = &w->q;
	r = em_yaml_open(&f);
	if (r == 0) {
		r = em_doc_start(&f);
		if (r == 0)
			r = em_collection(&f, map, NULL, false);
		if (r == 0)
			r = body(&f, arg);
		if (r == 0)
			r = em_end(&f, map);
		if (r == 0)
			r = em_doc_end(&f);
		yaml_emitter_delete(&f.y);
	}
	if (r == 0 && out.n)
		r = w_add(w, out.p, out.n);
	else if (r < 0)
		em_fail(&w->e, f.st, "%s", f.first.msg);
	free(out.p);
	return r;
}

/* SHENYUE_WRITER=libyaml in the environment: every writer in the libyaml
 * mode. */
static bool libyaml_wanted(void)
{
	const char *mode = getenv("SHENYUE_WRITER");

	return mode && strcmp(mode, "libyaml") == 0;
}

/* A new writer in the mode LIBYAML, output to WRITE (NULL: to its
 * buffer).  On failure *OUT is NULL and ERR says why. */
static sy_status writer_new(sy_write_fn write, void *ctx, bool libyaml,
			    sy_writer **out, sy_error *err)
{
	sy_writer *w = calloc(1, sizeof *w);
	sy_status st;

	*out = NULL;
	if (!w)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	w->e.err = err;
	w->e.write = write;
	w->e.wctx = ctx;
	w->e.out = &w->buf;
	w->e.q = &w->q;
	w->libyaml = libyaml;
	w->cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	st = sy_quoting_init(&w->q, err);
	if (st == SY_OK && libyaml) {
		if (em_yaml_open(&w->e) < 0)
			st = w->e.st;
		else
			w->opened = true;
	}
	if (st != SY_OK) {
		sy_writer_free(w);
		return st;
	}
	*out = w;
	return SY_OK;
}

sy_status sy_writer_open(sy_write_fn write, void *ctx, const char *name,
			 sy_writer **out, sy_error *err)
{
	(void)name;
	return writer_new(write, ctx, libyaml_wanted(), out, err);
}

void sy_writer_free(sy_writer *w)
{
	if (!w)
		return;
	if (w->opened)
		yaml_emitter_delete(&w->e.y);
	sy_quoting_free(&w->q);
	if (w->cloc)
		freelocale(w->cloc);
	free(w->buf.p);
	free(w);
}

typedef struct head_arg {
	const sy_sourceinfo *src;
	const sy_docfacts *doc;
} head_arg;

/* format, source, document. */
static int em_head(em *e, const void *arg)
{
	const head_arg *h = arg;

	TRY(em_raw(e, "format"));
	TRY(em_raw(e, SY_FORMAT_NAME));
	TRY(em_source(e, h->src));
	return em_document(e, h->doc);
}

static int w_head(sy_writer *w, const sy_sourceinfo *src, const sy_docfacts *doc)
{
	em *e = &w->e;
	head_arg h = { src, doc };

	if (w->state != W_NEW)
		return em_fail(e, SY_ERR_USAGE, "writer: head written twice");
	if ((unsigned)doc->status >= SY_STATUS_COUNT)
		return em_fail(e, SY_ERR_FORMAT, "document: invalid status %d",
			       (int)doc->status);
	w->chars = src->chars;
	if (w->libyaml) {
		TRY(em_doc_start(e));
		TRY(em_map_start(e));
		TRY(em_head(e, &h));
		TRY(em_raw(e, "sections"));
		TRY(em_collection(e, false, NULL, false));
	} else {
		TRY(frag(w, true, em_head, &h));
		TRY(w_add(w, "sections:", 9));
		w->listed = false;
	}
	w->state = W_SECTIONS;
	return 0;
}

sy_status sy_writer_head(sy_writer *w, const sy_sourceinfo *src,
			 const sy_docfacts *doc, sy_error *err)
{
	if (w_enter(w, err) < 0)
		return w_status(w);
	c_locale_enter(w);
	w_head(w, src, doc);
	c_locale_leave(w);
	return w_status(w);
}

static int em_section_arg(em *e, const void *s)
{
	return em_section(e, s);
}

static int em_stat_arg(em *e, const void *s)
{
	return em_stat(e, s);
}

/* One item (a statistic when STAT, else a section), already checked. */
static int w_item(sy_writer *w, bool stat, const void *item)
{
	int r;

	if (w->libyaml)
		return stat ? em_stat(&w->e, item) : em_section(&w->e, item);
	if (!w->listed) {
		TRY(w_add(w, "\n", 1));
		w->listed = true;
	}
	r = stat ? sy_fast_stat(&w->buf, &w->q, item)
		 : sy_fast_section(&w->buf, &w->q, item);
	if (r < 0)
		return em_fail(&w->e, SY_ERR_NOMEM, "out of memory writing YAML");
	if (r == 0)
		TRY(frag(w, false, stat ? em_stat_arg : em_section_arg, item));
	return w_flush(w, false);
}

sy_status sy_writer_section(sy_writer *w, const sy_section *s, sy_error *err)
{
	if (w_enter(w, err) < 0)
		return w_status(w);
	if (w->state != W_SECTIONS) {
		em_fail(&w->e, SY_ERR_USAGE, "writer: section out of order");
		return w_status(w);
	}
	c_locale_enter(w);
	if (check_section(&w->e, s, w->chars) == 0)
		w_item(w, false, s);
	c_locale_leave(w);
	return w_status(w);
}

/* End the sections list and start the statistics. */
static int w_to_stats(sy_writer *w)
{
	if (w->state == W_STATS)
		return 0;
	if (w->state != W_SECTIONS)
		return em_fail(&w->e, SY_ERR_USAGE, "writer: statistic out of order");
	if (w->libyaml) {
		TRY(em_end(&w->e, false));
		TRY(em_raw(&w->e, "statistics"));
		TRY(em_collection(&w->e, false, NULL, false));
	} else {
		/* an empty list is written in flow style, as libyaml does */
		if (w->listed)
			TRY(w_add(w, "statistics:", 11));
		else
			TRY(w_add(w, " []\nstatistics:", 15));
		w->listed = false;
	}
	w->state = W_STATS;
	return 0;
}

sy_status sy_writer_stat(sy_writer *w, const sy_stat *s, sy_error *err)
{
	if (w_enter(w, err) < 0)
		return w_status(w);
	c_locale_enter(w);
	if (w_to_stats(w) == 0 && check_stat(&w->e, s, w->chars) == 0)
		w_item(w, true, s);
	c_locale_leave(w);
	return w_status(w);
}

typedef struct tail_arg {
	const sy_reviewinfo *r;
	const sy_node *extra;
} tail_arg;

/* review, then the unknown top-level keys. */
static int em_tail(em *e, const void *arg)
{
	const tail_arg *t = arg;

	if (t->r)
		TRY(em_review(e, t->r));
	return em_extra(e, t->extra, top_keys);
}

static int w_finish(sy_writer *w, const sy_reviewinfo *r, const sy_node *extra)
{
	em *e = &w->e;
	tail_arg t = { r, extra };

	TRY(w_to_stats(w));
	if (w->libyaml) {
		TRY(em_end(e, false));
		TRY(em_tail(e, &t));
		TRY(em_end(e, true));
		TRY(em_doc_end(e));
	} else {
		if (!w->listed)
			TRY(w_add(w, " []\n", 4));
		if ((r && review_written(r)) || extra_written(extra, top_keys))
			TRY(frag(w, true, em_tail, &t));
		TRY(w_flush(w, true));
	}
	w->state = W_DONE;
	return 0;
}

sy_status sy_writer_finish(sy_writer *w, const sy_reviewinfo *r,
			   const sy_node *extra, sy_error *err)
{
	if (w_enter(w, err) < 0)
		return w_status(w);
	c_locale_enter(w);
	w_finish(w, r, extra);
	c_locale_leave(w);
	return w_status(w);
}

/* ------------------------------------------------------------ whole models */

/* The whole model through a writer W. */
static int emit_model(sy_writer *w, const sy_annot *a)
{
	size_t i;

	TRY(check_model(&w->e, a));
	TRY(w_head(w, &a->source, &a->doc));
	for (i = 0; i < a->nsections; i++)
		TRY(w_item(w, false, &a->sections[i]));
	TRY(w_to_stats(w));
	for (i = 0; i < a->nstats; i++)
		TRY(w_item(w, true, &a->stats[i]));
	return w_finish(w, &a->review, a->extra);
}

/* The whole model A through a new writer in the mode LIBYAML, to WRITE;
 * with WRITE NULL into memory, and *OUT (owned by the caller, NUL-
 * terminated) and *OUTLEN (may be NULL) receive it. */
static sy_status emit_all(const sy_annot *a, sy_write_fn write, void *ctx,
			  bool libyaml, char **out, size_t *outlen,
			  sy_error *err)
{
	sy_writer *w;
	sy_status st;

	if (out)
		*out = NULL;
	if (outlen)
		*outlen = 0;
	st = writer_new(write, ctx, libyaml, &w, err);
	if (st != SY_OK)
		return st;
	c_locale_enter(w);
	emit_model(w, a);
	c_locale_leave(w);
	if (w->e.st == SY_OK && out && !w->buf.p)
		w_add(w, "", 0);
	st = w->e.st;
	if (st == SY_OK && out) {
		*out = w->buf.p;
		if (outlen)
			*outlen = w->buf.n;
		w->buf.p = NULL;
	}
	sy_writer_free(w);
	return st;
}

/* On success *OUT (owned by the caller) holds the YAML; on failure *OUT is
 * NULL and ERR says why. */
sy_status sy_annot_emit(const sy_annot *a, char **out, size_t *outlen,
			sy_error *err)
{
	return emit_all(a, NULL, NULL, libyaml_wanted(), out, outlen, err);
}

sy_status sy_annot_emit_libyaml(const sy_annot *a, char **out, size_t *outlen,
				sy_error *err)
{
	return emit_all(a, NULL, NULL, true, out, outlen, err);
}

/* sy_write_fn for an sy_atomic (annot_io.h). */
int sy_write_to_atomic(void *ctx, const void *data, size_t len)
{
	sy_error ignored;
	return sy_atomic_write(ctx, data, len, &ignored) == SY_OK ? 0 : -1;
}

/* sy_write_fn for a stdio stream (annot_io.h). */
int sy_write_to_stdio(void *ctx, const void *data, size_t len)
{
	errno = 0;
	if (fwrite(data, 1, len, ctx) != len) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

/* The model straight into PATH's temporary file: no copy of the whole
 * YAML in memory. */
sy_status sy_annot_save(const sy_annot *a, const char *path, sy_error *err)
{
	sy_atomic at;
	sy_status st;

	st = sy_atomic_open(path, &at, err);
	if (st != SY_OK)
		return st;
	st = emit_all(a, sy_write_to_atomic, &at, libyaml_wanted(), NULL, NULL,
		      err);
	if (st != SY_OK) {
		sy_atomic_abort(&at);
		return sy_prefix(err, "%s: ", path);
	}
	return sy_atomic_commit(&at, err);
}

sy_status sy_annot_emit_to(const sy_annot *a, sy_write_fn write, void *ctx,
			   sy_error *err)
{
	return emit_all(a, write, ctx, libyaml_wanted(), NULL, NULL, err);
}

/* NAME is used in messages only; F is flushed but not closed. */
sy_status sy_annot_write_stream(const sy_annot *a, FILE *f, const char *name,
				sy_error *err)
{
	sy_status st;

	st = emit_all(a, sy_write_to_stdio, f, libyaml_wanted(), NULL, NULL, err);
	if (st == SY_OK && fflush(f) != 0)
		st = sy_fail(err, SY_ERR_IO, "write failed: %s", strerror(errno));
	if (st != SY_OK)
		return sy_prefix(err, "%s: ", name);
	return SY_OK;
}
