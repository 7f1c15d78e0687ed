/* annot_emit.c - the libyaml side of the annotation writer (see
 * annot_emit.h): scalars and collections as libyaml events, and the
 * parts of the file (format 1) in the key order of model/schema.h.
 *
 * Strings are written plain when YAML 1.1 (PyYAML) and YAML 1.2 readers
 * would both take them back as strings, single-quoted otherwise
 * (format/yaml_style.h); libyaml itself falls back to quoting when a plain
 * scalar is impossible.  Numbers are written in the C locale, integers
 * without a decimal point.
 */
#include "format/annot_emit.h"
#include "format/annot_fast.h"
#include "base/i18n.h"
#include "model/annot_limits.h"
#include "model/schema.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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

int sy_em_fail(em *e, sy_status code, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	if (e->st != SY_OK)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
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
		return sy_em_fail(e, SY_ERR_IO, "write failed: %s",
			       strerror(e->write_errno));
	if ((e->out && e->out->oom) || e->y.error == YAML_MEMORY_ERROR)
		return sy_em_fail(e, SY_ERR_NOMEM, "out of memory writing YAML");
	return sy_em_fail(e, SY_ERR_FORMAT, "cannot write YAML: %s",
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
		return sy_em_fail(e, SY_ERR_LIMIT, "cannot write a string of %zu "
			       "bytes (more than 1 MiB: the file could not be "
			       "read again): \"%.40s\"", len, text);
	if (!utf8_scan((const unsigned char *)text, len, &brk))
		return sy_em_fail(e, SY_ERR_ENCODING,
			       "cannot write invalid UTF-8: \"%.40s\"", text);
	if (brk)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)tag,
					  (yaml_char_t *)text, (int)len,
					  implicit, implicit, style))
		return sy_em_fail(e, SY_ERR_NOMEM, "out of memory writing YAML");
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
int sy_em_raw(em *e, const char *s)
{
	return em_scalar(e, s, NULL, YAML_PLAIN_SCALAR_STYLE);
}

static int em_size(em *e, size_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%zu", v);
	return sy_em_raw(e, buf);
}

static int em_int(em *e, long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%ld", v);
	return sy_em_raw(e, buf);
}

/* A number, or null when HAS is false. */
static int em_double(em *e, double v, bool has)
{
	char buf[48];

	if (!has)
		return sy_em_raw(e, "null");
	sy_yaml_number(v, buf, sizeof buf);
	return sy_em_raw(e, buf);
}

int sy_em_collection(em *e, bool map, const char *tag, bool flow)
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
		return sy_em_fail(e, SY_ERR_NOMEM, "out of memory writing YAML");
	return em_event(e, &ev);
}

static int em_map_start(em *e)
{
	return sy_em_collection(e, true, NULL, false);
}

int sy_em_end(em *e, bool map)
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
		return sy_em_fail(e, SY_ERR_LIMIT, "node tree too deep to write");
	if (n->kind == SY_NODE_SCALAR)
		return em_scalar(e, n->scalar ? n->scalar : "", n->tag,
				 str_style(n->quoted));
	TRY(sy_em_collection(e, n->kind == SY_NODE_MAP, n->tag, false));
	for (i = 0; i < n->n; i++) {
		if (n->kind == SY_NODE_MAP)
			TRY(em_str(e, n->keys[i]));
		TRY(em_node(e, n->items[i], depth + 1));
	}
	return sy_em_end(e, n->kind == SY_NODE_MAP);
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

/* The keys of each mapping, from model/schema.h, NULL-ended: what
 * em_extra leaves out of the unknown keys. */
const char *const sy_em_top_keys[] = { SY_TOP_KEYS(SY_FIELD_KEY) NULL };
static const char *const source_keys[] = { SY_SOURCE_FIELDS(SY_FIELD_KEY) NULL };
static const char *const doc_keys[] = { SY_DOC_FIELDS(SY_FIELD_KEY) NULL };
static const char *const section_keys[] = {
	SY_SECTION_FIELDS(SY_FIELD_KEY) SY_REVIEW_FIELDS(SY_FIELD_KEY) NULL
};
static const char *const stat_keys[] = {
	SY_STAT_FIELDS(SY_FIELD_KEY) SY_REVIEW_FIELDS(SY_FIELD_KEY) NULL
};
static const char *const review_keys[] = { SY_REVIEWINFO_FIELDS(SY_FIELD_KEY) NULL };

/* An int, or null for 0 when NULLABLE (the document's year). */
static int em_int_or_null(em *e, long v, bool nullable)
{
	return nullable && v == 0 ? sy_em_raw(e, "null") : em_int(e, v);
}

static int em_approx(em *e, sy_approx a)
{
	return a == SY_APPROX_NONE ? sy_em_raw(e, "null")
				   : em_str(e, sy_approx_name(a));
}

static int em_tags(em *e, const sy_tags *t)
{
	size_t i;

	TRY(sy_em_collection(e, false, NULL, true));
	for (i = 0; i < t->n; i++)
		TRY(em_str(e, t->v[i]));
	return sy_em_end(e, false);
}

/* The value of the field MEMBER of IT (the model's struct) by its TYPE
 * and FLAGS in model/schema.h. */
#define EM_VAL_SY_FT_ID(e, it, m, fl) em_str(e, (it)->m)
#define EM_VAL_SY_FT_STR(e, it, m, fl) em_str(e, (it)->m)
#define EM_VAL_SY_FT_INT(e, it, m, fl) \
	em_int_or_null(e, (it)->m, ((fl) & SY_FF_NULL) != 0)
#define EM_VAL_SY_FT_SIZE(e, it, m, fl) em_size(e, (it)->m)
#define EM_VAL_SY_FT_NUM(e, it, m, fl) em_double(e, (it)->m, (it)->has_##m)
#define EM_VAL_SY_FT_APPROX(e, it, m, fl) em_approx(e, (it)->m)
#define EM_VAL_SY_FT_STATUS(e, it, m, fl) em_str(e, sy_status_name((it)->m))
#define EM_VAL_SY_FT_TAGS(e, it, m, fl) em_tags(e, &(it)->m)
#define EM_VAL_SY_FT_MAP(e, it, m, fl) em_node(e, (it)->m, 1)

/* One field of IT: its key and value; an optional one (SY_FF_OPT) only
 * when present. */
#define EM_FIELD_(NAME, key, type, member, flags) \
	if (!((flags) & SY_FF_OPT) || SY_FIELD_PRESENT(type, it, member)) { \
		TRY(sy_em_raw(e, key)); \
		TRY(EM_VAL_##type(e, it, member, flags)); \
	}

/* The value of a source field: the path "" and the encoding utf-8 when
 * unknown. */
static int em_source_value(em *e, const sy_sourceinfo *s, enum sy_src_field f)
{
	switch (f) {
	case SY_SRC_PATH: return em_str(e, s->path ? s->path : "");
	case SY_SRC_SHA256: return em_str(e, s->sha256);
	case SY_SRC_ENCODING: return em_str(e, s->encoding ? s->encoding : "utf-8");
	case SY_SRC_CHARS: return em_size(e, s->chars);
	case SY_SRC_COUNT: break;
	}
	return sy_em_raw(e, "null");
}

#define EM_SOURCE_(NAME, key, type, member, flags) \
	TRY(sy_em_raw(e, key)); \
	TRY(em_source_value(e, it, SY_SRC_##NAME));

/* A top-level mapping: FN(em, IT) for IT a const TYPE *, the key TOP,
 * then each of FIELDS through FIELD, then the unknown keys (the
 * documented ones KEYS left out). */
#define EM_TOPMAP_(fn, type, top, FIELDS, FIELD, keys) \
	static int fn(em *e, const type *it) \
	{ \
		TRY(sy_em_raw(e, sy_em_top_keys[top])); \
		TRY(em_map_start(e)); \
		FIELDS(FIELD) \
		TRY(em_extra(e, it->extra, keys)); \
		return sy_em_end(e, true); \
	}
EM_TOPMAP_(em_source, sy_sourceinfo, SY_TOP_SOURCE, SY_SOURCE_FIELDS,
	   EM_SOURCE_, source_keys)
EM_TOPMAP_(em_document, sy_docfacts, SY_TOP_DOCUMENT, SY_DOC_FIELDS,
	   EM_FIELD_, doc_keys)
EM_TOPMAP_(em_review_map, sy_reviewinfo, SY_TOP_REVIEW, SY_REVIEWINFO_FIELDS,
	   EM_FIELD_, review_keys)

/* status, tags, note, proposed, then the unknown keys. */
static int em_review_fields(em *e, const sy_review *it,
			    const char *const *known)
{
	SY_REVIEW_FIELDS(EM_FIELD_)
	return em_extra(e, it->extra, known);
}

/* A section's (a statistic's) mapping: FN(em, ARG) for ARG a const
 * TYPE *, the fields of the list FIELDS, then the review fields. */
#define EM_ITEM_(fn, type, FIELDS, keys) \
	int fn(em *e, const void *arg) \
	{ \
		const type *it = arg; \
		TRY(em_map_start(e)); \
		FIELDS(EM_FIELD_) \
		TRY(em_review_fields(e, &it->r, keys)); \
		return sy_em_end(e, true); \
	}
EM_ITEM_(sy_em_section, sy_section, SY_SECTION_FIELDS, section_keys)
EM_ITEM_(sy_em_stat, sy_stat, SY_STAT_FIELDS, stat_keys)

/* True when the review mapping is written at all. */
static bool review_written(const sy_reviewinfo *r)
{
	return r->present || r->reviewer || r->updated || r->cursor ||
	       (r->extra && r->extra->n);
}

static int em_review(em *e, const sy_reviewinfo *it)
{
	return review_written(it) ? em_review_map(e, it) : 0;
}

/* ------------------------------------------------------------ checks */

/* Refuse (SY_ERR_FORMAT) a model that the reader would refuse. */
static int check_review(em *e, const char *what, const char *id,
			const sy_review *r)
{
	if ((unsigned)r->status >= SY_STATUS_COUNT)
		return sy_em_fail(e, SY_ERR_FORMAT, "%s %s: invalid status %d",
			       what, id, (int)r->status);
	if (r->proposed && r->proposed->kind != SY_NODE_MAP)
		return sy_em_fail(e, SY_ERR_FORMAT,
			       "%s %s: proposed is not a mapping", what, id);
	return 0;
}

static int check_span(em *e, const char *what, const char *id, size_t start,
		      size_t end, size_t chars)
{
	if (start > end)
		return sy_em_fail(e, SY_ERR_FORMAT, "%s %s: start %zu > end %zu",
			       what, id, start, end);
	if (end > chars)
		return sy_em_fail(e, SY_ERR_FORMAT,
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
		return sy_em_fail(e, SY_ERR_LIMIT, "%s %s: its %s of %zu bytes is "
			       "longer than 1 MiB (the file could not be read "
			       "again)", what, id, field, n);
	return 0;
}

int sy_em_check_section(em *e, const sy_section *s, size_t chars)
{
	if (!s->id || !*s->id)
		return sy_em_fail(e, SY_ERR_FORMAT, "a section has no id");
	if (!s->marker || !s->title)
		return sy_em_fail(e, SY_ERR_FORMAT,
			       "section %s: marker or title is missing", s->id);
	if (s->level < 1)
		return sy_em_fail(e, SY_ERR_FORMAT, "section %s: level %d < 1",
			       s->id, s->level);
	TRY(check_len(e, "section", s->id, sy_section_keys[SY_SEC_MARKER], s->marker));
	TRY(check_len(e, "section", s->id, sy_section_keys[SY_SEC_TITLE], s->title));
	TRY(check_len(e, "section", s->id, sy_review_keys[SY_REV_NOTE], s->r.note));
	TRY(check_span(e, "section", s->id, s->start, s->end, chars));
	return check_review(e, "section", s->id, &s->r);
}

int sy_em_check_stat(em *e, const sy_stat *s, size_t chars)
{
	if (!s->id || !*s->id)
		return sy_em_fail(e, SY_ERR_FORMAT, "a statistic has no id");
	if (!s->text)
		return sy_em_fail(e, SY_ERR_FORMAT, "statistic %s: text is missing",
			       s->id);
	if ((unsigned)s->approx > SY_APPROX_RANGE)
		return sy_em_fail(e, SY_ERR_FORMAT, "statistic %s: invalid approx %d",
			       s->id, (int)s->approx);
	TRY(check_len(e, "statistic", s->id, sy_stat_keys[SY_STAT_TEXT], s->text));
	TRY(check_len(e, "statistic", s->id, sy_stat_keys[SY_STAT_UNIT], s->unit));
	TRY(check_len(e, "statistic", s->id, sy_stat_keys[SY_STAT_SUBJECT], s->subject));
	TRY(check_len(e, "statistic", s->id, sy_review_keys[SY_REV_NOTE], s->r.note));
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
		return sy_em_fail(e, SY_ERR_NOMEM, "out of memory");
	for (i = 0; i < n && r == 0; i++) {
		const char *id = i < a->nsections ? a->sections[i].id
						  : a->stats[i - a->nsections].id;
		size_t h = hash_str(id) & (cap - 1);
		while (set[h] && strcmp(set[h], id) != 0)
			h = (h + 1) & (cap - 1);
		if (set[h])
			r = sy_em_fail(e, SY_ERR_FORMAT, "duplicate id '%s'", id);
		set[h] = id;
	}
	free(set);
	return r;
}

int sy_em_check_model(em *e, const sy_annot *a)
{
	size_t i;

	if ((unsigned)a->doc.status >= SY_STATUS_COUNT)
		return sy_em_fail(e, SY_ERR_FORMAT, "document: invalid status %d",
			       (int)a->doc.status);
	for (i = 0; i < a->nsections; i++)
		TRY(sy_em_check_section(e, &a->sections[i], a->source.chars));
	for (i = 0; i < a->nstats; i++)
		TRY(sy_em_check_stat(e, &a->stats[i], a->source.chars));
	return check_ids(e, a);
}

/* Set up libyaml's emitter in E with the file's settings. */
int sy_em_open(em *e)
{
	if (!yaml_emitter_initialize(&e->y))
		return sy_em_fail(e, SY_ERR_NOMEM, "out of memory");
	yaml_emitter_set_output(&e->y, out_write, e);
	yaml_emitter_set_encoding(&e->y, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&e->y, 1);
	yaml_emitter_set_width(&e->y, -1);
	yaml_emitter_set_indent(&e->y, 2);
	yaml_emitter_set_break(&e->y, YAML_LN_BREAK);
	return 0;
}

/* Stream and document start (the document start implicit: no "---"). */
int sy_em_doc_start(em *e)
{
	yaml_event_t ev;

	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	TRY(em_event(e, &ev));
	if (!yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1))
		return sy_em_fail(e, SY_ERR_NOMEM, "out of memory writing YAML");
	return em_event(e, &ev);
}

/* Document end (implicit), stream end, and the last bytes out. */
int sy_em_doc_end(em *e)
{
	yaml_event_t ev;

	yaml_document_end_event_initialize(&ev, 1);
	TRY(em_event(e, &ev));
	yaml_stream_end_event_initialize(&ev);
	TRY(em_event(e, &ev));
	if (!yaml_emitter_flush(&e->y))
		return sy_em_fail(e, e->write_errno ? SY_ERR_IO : SY_ERR_NOMEM,
			       "cannot write YAML: %s",
			       e->write_errno ? strerror(e->write_errno)
					      : "out of memory");
	return 0;
}

/* ------------------------------------------------------------ bodies */

int sy_em_head(em *e, const void *arg)
{
	const sy_em_head_arg *h = arg;

	TRY(sy_em_raw(e, sy_em_top_keys[SY_TOP_FORMAT]));
	TRY(sy_em_raw(e, SY_FORMAT_NAME));
	TRY(em_source(e, h->src));
	TRY(em_document(e, h->doc));
	if (h->proposers && h->proposers->kind == SY_NODE_MAP &&
	    h->proposers->n) {
		TRY(sy_em_raw(e, sy_em_top_keys[SY_TOP_PROPOSERS]));
		TRY(em_node(e, h->proposers, 1));
	}
	return 0;
}

int sy_em_tail(em *e, const void *arg)
{
	const sy_em_tail_arg *t = arg;

	if (t->r)
		TRY(em_review(e, t->r));
	return em_extra(e, t->extra, sy_em_top_keys);
}

bool sy_em_tail_written(const sy_em_tail_arg *t)
{
	return (t->r && review_written(t->r)) ||
	       extra_written(t->extra, sy_em_top_keys);
}
