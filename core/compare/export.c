/* export.c - see export.h */
#include "compare/export.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "model/schema.h"
#include "session/annot_read.h"
#include "text/textmap.h"

/* The labels of the fields: the keys of format 1 (model/schema.h). */
static const char *const SEC_KEY[] = { SY_SECTION_FIELDS(SY_FIELD_KEY) };
static const char *const STAT_KEY[] = { SY_STAT_FIELDS(SY_FIELD_KEY) };
static const char *const REV_KEY[] = { SY_REVIEW_FIELDS(SY_FIELD_KEY) };
static const char *const DOC_KEY[] = { SY_DOC_FIELDS(SY_FIELD_KEY) };

/* ------------------------------------------------------------ output */

/* A buffer in front of an sy_write_fn.  After a failed write the buffer
 * takes nothing more and remembers errno for ob_finish. */
typedef struct obuf {
	sy_write_fn write;
	void *ctx;
	size_t n;
	int errnum;          /* errno of the failed write, 0 */
	bool failed;
	char b[16384];
} obuf;

static void ob_init(obuf *o, sy_write_fn write, void *ctx)
{
	o->write = write;
	o->ctx = ctx;
	o->n = 0;
	o->errnum = 0;
	o->failed = false;
}

static void ob_flush(obuf *o)
{
	if (o->failed || !o->n)
		return;
	errno = 0;
	if (o->write(o->ctx, o->b, o->n) != 0) {
		o->failed = true;
		o->errnum = errno ? errno : EIO;
	}
	o->n = 0;
}

static void ob_put(obuf *o, const void *data, size_t len)
{
	if (o->failed)
		return;
	if (len >= sizeof o->b) {
		ob_flush(o);
		if (!o->failed && o->write(o->ctx, data, len) != 0) {
			o->failed = true;
			o->errnum = errno ? errno : EIO;
		}
		return;
	}
	if (o->n + len > sizeof o->b)
		ob_flush(o);
	memcpy(o->b + o->n, data, len);
	o->n += len;
}

static void ob_puts(obuf *o, const char *s)
{
	ob_put(o, s, strlen(s));
}

static void ob_printf(obuf *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void ob_printf(obuf *o, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	ob_put(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Flush and say how it went. */
static sy_status ob_finish(obuf *o, sy_error *err)
{
	ob_flush(o);
	if (o->failed)
		return sy_fail(err, SY_ERR_IO, "write failed: %s", strerror(o->errnum));
	return SY_OK;
}

/* The shortest decimal that reads back as V ("53", "9242553.83"); "null"
 * for a value that is not finite.  BUF has room for 32 bytes. */
static const char *fmt_num(double v, char *buf)
{
	if (!isfinite(v))
		return strcpy(buf, "null");
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

/* ------------------------------------------------------------ items in order */

/* Sections and statistics of A together, in start order (a section
 * before a statistic at the same start), the rejected ones only with
 * OPTS->all. */
typedef struct merged {
	const sy_annot *a;
	bool all;
	size_t i, j;         /* next section, next statistic */
} merged;

static bool keep(const sy_review *r, bool all)
{
	return all || r->status != SY_REJECTED;
}

/* The next item: *SEC or *STAT set (the other NULL); false at the end. */
static bool merged_next(merged *m, const sy_section **sec, const sy_stat **stat)
{
	const sy_annot *a = m->a;

	while (m->i < a->nsections && !keep(&a->sections[m->i].r, m->all))
		m->i++;
	while (m->j < a->nstats && !keep(&a->stats[m->j].r, m->all))
		m->j++;
	*sec = NULL;
	*stat = NULL;
	if (m->i < a->nsections &&
	    (m->j >= a->nstats || a->sections[m->i].start <= a->stats[m->j].start))
		*sec = &a->sections[m->i++];
	else if (m->j < a->nstats)
		*stat = &a->stats[m->j++];
	return *sec || *stat;
}

/* ------------------------------------------------------------ source check */

sy_status sy_export_check_source(const sy_annot *a, const char *annot_name,
				 const sy_source *src, sy_error *err)
{
	if (strcmp(a->source.sha256, src->sha256) != 0)
		return sy_fail(err, SY_ERR_FORMAT,
			       "%s: the report %s has changed since the annotation "
			       "file was written (sha256 differs), so its offsets "
			       "may be wrong; open it with shenyue review to "
			       "re-find the spans", annot_name, src->path);
	/* the same report: the spans must fit its real text */
	return sy_annot_check_spans(a, annot_name, src, err);
}

/* ------------------------------------------------------------ JSON */

/* S (LEN bytes of UTF-8) as a JSON string: quote, backslash and control
 * characters escaped, U+2028 and U+2029 too (JavaScript source), the rest
 * written as UTF-8. */
static void json_strn(obuf *o, const char *s, size_t len)
{
	size_t run = 0;     /* start of the bytes not yet written */

	ob_put(o, "\"", 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[8];
		size_t skip = 1;

		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\r')
			esc = "\\r";
		else if (c == '\t')
			esc = "\\t";
		else if (c < 0x20) {
			snprintf(u, sizeof u, "\\u%04x", c);
			esc = u;
		} else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
			skip = 3;
		}
		if (esc) {
			ob_put(o, s + run, i - run);
			ob_puts(o, esc);
			i += skip - 1;
			run = i + 1;
		}
	}
	ob_put(o, s + run, len - run);
	ob_put(o, "\"", 1);
}

/* S as a JSON string, or null for NULL. */
static void json_str(obuf *o, const char *s)
{
	if (s)
		json_strn(o, s, strlen(s));
	else
		ob_puts(o, "null");
}

static void json_key(obuf *o, const char *key, bool first)
{
	if (!first)
		ob_put(o, ", ", 2);
	json_str(o, key);
	ob_put(o, ": ", 2);
}

static void json_num(obuf *o, double v, bool has)
{
	char buf[32];
	ob_puts(o, has ? fmt_num(v, buf) : "null");
}

static void json_tags(obuf *o, const sy_tags *t)
{
	ob_put(o, "[", 1);
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			ob_put(o, ", ", 2);
		json_str(o, t->v[i]);
	}
	ob_put(o, "]", 1);
}

/* One element of "items". */
static void json_item(obuf *o, const sy_section *sec, const sy_stat *st)
{
	const sy_review *r = sec ? &sec->r : &st->r;

	ob_put(o, "{", 1);
	json_key(o, STAT_KEY[SY_STAT_ID], true);
	json_str(o, sec ? sec->id : st->id);
	json_key(o, "kind", false);
	json_str(o, sec ? "section" : "statistic");
	json_key(o, REV_KEY[SY_REV_STATUS], false);
	json_str(o, sy_status_name(r->status));
	json_key(o, STAT_KEY[SY_STAT_VALUE], false);
	json_num(o, st ? st->value : 0, st && st->has_value);
	json_key(o, STAT_KEY[SY_STAT_UNIT], false);
	json_str(o, st ? st->unit : NULL);
	json_key(o, STAT_KEY[SY_STAT_APPROX], false);
	json_str(o, st ? sy_approx_name(st->approx) : NULL);
	json_key(o, STAT_KEY[SY_STAT_VALUE_MAX], false);
	json_num(o, st ? st->value_max : 0, st && st->has_value_max);
	json_key(o, STAT_KEY[SY_STAT_SUBJECT], false);
	json_str(o, st ? st->subject : NULL);
	json_key(o, SEC_KEY[SY_SEC_LEVEL], false);
	if (sec)
		ob_printf(o, "%d", sec->level);
	else
		ob_puts(o, "null");
	json_key(o, SEC_KEY[SY_SEC_MARKER], false);
	json_str(o, sec ? sec->marker : NULL);
	json_key(o, SEC_KEY[SY_SEC_TITLE], false);
	json_str(o, sec ? sec->title : NULL);
	json_key(o, STAT_KEY[SY_STAT_SECTION], false);
	json_str(o, st ? st->section : NULL);
	json_key(o, REV_KEY[SY_REV_TAGS], false);
	json_tags(o, &r->tags);
	json_key(o, REV_KEY[SY_REV_NOTE], false);
	json_str(o, r->note);
	ob_put(o, "}", 1);
}

sy_status sy_export_jsonl(const sy_annot *a, const sy_source *src,
			  const char *id, const char *file,
			  const sy_export_opts *opts, sy_write_fn write,
			  void *ctx, sy_error *err)
{
	obuf *o = malloc(sizeof *o);
	merged m = { a, opts && opts->all, 0, 0 };
	const sy_section *sec;
	const sy_stat *st;
	bool first = true;
	sy_status rc;

	if (!o)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	ob_init(o, write, ctx);
	ob_put(o, "{", 1);
	json_key(o, "id", true);
	json_str(o, id);
	json_key(o, "text", false);
	json_strn(o, src->text, src->len);

	json_key(o, "label", false);
	ob_put(o, "[", 1);
	while (merged_next(&m, &sec, &st)) {
		ob_printf(o, "%s[%zu, %zu, \"%s\"]", first ? "" : ", ",
			  sec ? sec->start : st->start, sec ? sec->end : st->end,
			  sec ? "SECTION" : "STAT");
		first = false;
	}
	ob_put(o, "]", 1);

	json_key(o, "meta", false);
	ob_put(o, "{", 1);
	json_key(o, "file", true);
	json_str(o, file);
	json_key(o, DOC_KEY[SY_DOC_TITLE], false);
	json_str(o, a->doc.title);
	json_key(o, DOC_KEY[SY_DOC_ISSUER], false);
	json_str(o, a->doc.issuer);
	json_key(o, DOC_KEY[SY_DOC_REGION], false);
	json_str(o, a->doc.region);
	json_key(o, DOC_KEY[SY_DOC_YEAR], false);
	if (a->doc.year)
		ob_printf(o, "%d", a->doc.year);
	else
		ob_puts(o, "null");
	json_key(o, DOC_KEY[SY_DOC_DATE], false);
	json_str(o, a->doc.date);
	json_key(o, DOC_KEY[SY_DOC_STATUS], false);
	json_str(o, sy_status_name(a->doc.status));
	ob_put(o, "}", 1);

	json_key(o, "items", false);
	ob_put(o, "[", 1);
	m.i = m.j = 0;
	first = true;
	while (merged_next(&m, &sec, &st)) {
		if (!first)
			ob_put(o, ", ", 2);
		json_item(o, sec, st);
		first = false;
	}
	ob_puts(o, "]}\n");
	rc = ob_finish(o, err);
	free(o);
	return rc;
}

/* ------------------------------------------------------------ brat */

const char *sy_export_brat_conf(void)
{
	return "# annotation.conf - entities and attributes of shenyue's brat export\n"
	       "[entities]\n"
	       "Section\n"
	       "Statistic\n"
	       "\n"
	       "[relations]\n"
	       "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
	       "\n"
	       "[events]\n"
	       "\n"
	       "[attributes]\n"
	       "Status\tArg:<ENTITY>, Value:pending|accepted|fixed|rejected|added\n";
}

/* S with tab, CR and LF turned into spaces (a note is one line). */
static void note_str(obuf *o, const char *s)
{
	if (!s) {
		ob_puts(o, "null");
		return;
	}
	for (; *s; s++) {
		char c = *s == '\t' || *s == '\r' || *s == '\n' ? ' ' : *s;
		ob_put(o, &c, 1);
	}
}

/* " KEY=" in the notes line (no space first when FIRST). */
static void note_label(obuf *o, const char *key, bool first)
{
	if (!first)
		ob_put(o, " ", 1);
	ob_puts(o, key);
	ob_put(o, "=", 1);
}

/* The notes line's fields of an item. */
static void brat_note(obuf *o, const sy_section *sec, const sy_stat *st)
{
	const sy_review *r = sec ? &sec->r : &st->r;
	char buf[32];

	if (sec) {
		note_label(o, SEC_KEY[SY_SEC_LEVEL], true);
		ob_printf(o, "%d", sec->level);
		note_label(o, SEC_KEY[SY_SEC_MARKER], false);
		note_str(o, sec->marker);
		note_label(o, SEC_KEY[SY_SEC_TITLE], false);
		note_str(o, sec->title);
		note_label(o, SEC_KEY[SY_SEC_ID], false);
		note_str(o, sec->id);
	} else {
		note_label(o, STAT_KEY[SY_STAT_VALUE], true);
		ob_puts(o, st->has_value ? fmt_num(st->value, buf) : "null");
		note_label(o, STAT_KEY[SY_STAT_UNIT], false);
		note_str(o, st->unit);
		note_label(o, STAT_KEY[SY_STAT_APPROX], false);
		ob_puts(o, st->approx == SY_APPROX_NONE ? "none" : sy_approx_name(st->approx));
		if (st->has_value_max) {
			note_label(o, STAT_KEY[SY_STAT_VALUE_MAX], false);
			ob_puts(o, fmt_num(st->value_max, buf));
		}
		note_label(o, STAT_KEY[SY_STAT_SUBJECT], false);
		note_str(o, st->subject);
		note_label(o, STAT_KEY[SY_STAT_ID], false);
		note_str(o, st->id);
	}
	if (r->tags.n) {
		note_label(o, REV_KEY[SY_REV_TAGS], false);
		for (size_t i = 0; i < r->tags.n; i++) {
			if (i)
				ob_put(o, ",", 1);
			note_str(o, r->tags.v[i]);
		}
	}
	if (r->note && *r->note) {
		note_label(o, REV_KEY[SY_REV_NOTE], false);
		note_str(o, r->note);
	}
}

/* A piece of a span between line breaks: code points and bytes. */
typedef struct frag {
	size_t cs, ce;       /* code points */
	size_t bs, be;       /* bytes */
} frag;

/* Split the span [BS, BE) bytes (code point CS) of TEXT at CR and LF into
 * *FR (grown as needed, *CAP); returns the number of non-empty pieces, or
 * (size_t)-1 on OOM. */
static size_t split_span(const char *text, size_t bs, size_t be, size_t cs,
			 frag **fr, size_t *cap)
{
	size_t n = 0, b = bs, c = cs, start_b = bs, start_c = cs;

	for (;;) {
		bool at_end = b >= be;
		bool brk = !at_end && (text[b] == '\n' || text[b] == '\r');

		if (at_end || brk) {
			if (b > start_b) {
				if (sy_grow((void **)fr, n, cap, sizeof **fr))
					return (size_t)-1;
				(*fr)[n].cs = start_c;
				(*fr)[n].ce = c;
				(*fr)[n].bs = start_b;
				(*fr)[n].be = b;
				n++;
			}
			if (at_end)
				break;
			b++;
			c++;
			start_b = b;
			start_c = c;
			continue;
		}
		/* count a code point: skip its continuation bytes */
		b++;
		while (b < be && ((unsigned char)text[b] & 0xC0) == 0x80)
			b++;
		c++;
	}
	return n;
}

sy_status sy_export_brat_ann(const sy_annot *a, const sy_source *src,
			     const sy_export_opts *opts, sy_write_fn write,
			     void *ctx, size_t *skipped, sy_error *err)
{
	obuf *o = malloc(sizeof *o);
	sy_textmap tm;
	merged m = { a, opts && opts->all, 0, 0 };
	const sy_section *sec;
	const sy_stat *st;
	frag *fr = NULL;
	size_t cap = 0, nskip = 0;
	unsigned t = 0, attr = 0, note = 0;
	sy_status rc = SY_OK;

	if (skipped)
		*skipped = 0;
	if (!o)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	if (sy_textmap_build(&tm, src->text, src->len, src->chars)) {
		free(o);
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	}
	ob_init(o, write, ctx);
	while (merged_next(&m, &sec, &st)) {
		size_t s = sec ? sec->start : st->start, e = sec ? sec->end : st->end;
		const char *id = sec ? sec->id : st->id;
		size_t n;

		if (s > e || e > src->chars) {
			rc = sy_fail(err, SY_ERR_FORMAT, "item %s: span %zu-%zu is "
				     "outside the report (%zu characters)", id, s, e,
				     src->chars);
			break;
		}
		n = split_span(src->text, sy_textmap_byte_of(&tm, s),
			       sy_textmap_byte_of(&tm, e), s, &fr, &cap);
		if (n == (size_t)-1) {
			rc = sy_fail(err, SY_ERR_NOMEM, "out of memory");
			break;
		}
		if (n == 0) {
			nskip++;
			if (opts && opts->warn) {
				char msg[200];
				snprintf(msg, sizeof msg, _("item %.60s (%zu-%zu) holds no "
					 "text besides line breaks: left out of the .ann"),
					 id, s, e);
				opts->warn(opts->warn_ctx, msg);
			}
			continue;
		}
		t++;
		ob_printf(o, "T%u\t%s ", t, sec ? "Section" : "Statistic");
		for (size_t k = 0; k < n; k++)
			ob_printf(o, "%s%zu %zu", k ? ";" : "", fr[k].cs, fr[k].ce);
		ob_put(o, "\t", 1);
		for (size_t k = 0; k < n; k++) {
			if (k)
				ob_put(o, " ", 1);
			ob_put(o, src->text + fr[k].bs, fr[k].be - fr[k].bs);
		}
		ob_put(o, "\n", 1);
		ob_printf(o, "A%u\tStatus T%u %s\n", ++attr, t,
			  sy_status_name(sec ? sec->r.status : st->r.status));
		ob_printf(o, "#%u\tAnnotatorNotes T%u\t", ++note, t);
		brat_note(o, sec, st);
		ob_put(o, "\n", 1);
	}
	free(fr);
	sy_textmap_free(&tm);
	if (rc == SY_OK)
		rc = ob_finish(o, err);
	free(o);
	if (skipped)
		*skipped = nskip;
	return rc;
}

/* ------------------------------------------------------------ CSV */

/* One CSV field: quoted when it holds a comma, quote, CR or LF. */
static void csv_field(obuf *o, const char *s, bool first)
{
	if (!first)
		ob_put(o, ",", 1);
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		ob_puts(o, s);
		return;
	}
	ob_put(o, "\"", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			ob_put(o, "\"", 1);
		ob_put(o, p, 1);
	}
	ob_put(o, "\"", 1);
}

sy_status sy_export_csv_header(sy_write_fn write, void *ctx, sy_error *err)
{
	char head[256] = "file,section_path";   /* then a statistic's keys */
	size_t n = strlen(head);

	for (int f = 0; f < SY_STAT_COUNT; f++)
		if (f != SY_STAT_SECTION)
			n += (size_t)snprintf(head + n, sizeof head - n, ",%s",
					      STAT_KEY[f]);
	n += (size_t)snprintf(head + n, sizeof head - n, ",%s,%s\r\n",
			      REV_KEY[SY_REV_STATUS], REV_KEY[SY_REV_TAGS]);
	errno = 0;
	if (write(ctx, head, n) != 0)
		return sy_fail(err, SY_ERR_IO, "write failed: %s",
			       strerror(errno ? errno : EIO));
	return SY_OK;
}

/* A section's id and index, for finding a statistic's section. */
typedef struct secref {
	const char *id;
	size_t index;
} secref;

static int cmp_secref(const void *x, const void *y)
{
	return strcmp(((const secref *)x)->id, ((const secref *)y)->id);
}

/* A growable string. */
typedef struct sbuf {
	char *s;
	size_t n, cap;
} sbuf;

static int sb_add(sbuf *b, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	if (b->n + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;
		while (cap < b->n + len + 1)
			cap *= 2;
		if (!(p = realloc(b->s, cap)))
			return -1;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s ? s : "", len);
	b->n += len;
	b->s[b->n] = '\0';
	return 0;
}

/* The path of section K: "marker+title > ... " from level 1 down, using
 * PARENT (index of the enclosing section, or SIZE_MAX). */
static int section_path(const sy_annot *a, const size_t *parent, size_t k, sbuf *b)
{
	size_t chain[64], n = 0;

	b->n = 0;
	if (sb_add(b, ""))
		return -1;
	for (size_t i = k; i != SIZE_MAX && n < sizeof chain / sizeof *chain; i = parent[i])
		chain[n++] = i;
	while (n--) {
		const sy_section *s = &a->sections[chain[n]];
		if (sb_add(b, s->marker) || sb_add(b, s->title) ||
		    (n && sb_add(b, " > ")))
			return -1;
	}
	return 0;
}

sy_status sy_export_csv(const sy_annot *a, const char *file,
			const sy_export_opts *opts, sy_write_fn write,
			void *ctx, sy_error *err)
{
	obuf *o = malloc(sizeof *o);
	secref *refs = a->nsections ? malloc(a->nsections * sizeof *refs) : NULL;
	size_t *parent = a->nsections ? malloc(a->nsections * sizeof *parent) : NULL;
	size_t *stack = a->nsections ? malloc(a->nsections * sizeof *stack) : NULL;
	sbuf path = { NULL, 0, 0 }, tags = { NULL, 0, 0 };
	bool all = opts && opts->all;
	size_t depth = 0;
	sy_status rc = SY_OK;

	if (!o || (a->nsections && (!refs || !parent || !stack))) {
		rc = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* each section's parent: the nearest section before it at a lower
	 * level (the sections are in start order) */
	for (size_t i = 0; i < a->nsections; i++) {
		while (depth && a->sections[stack[depth - 1]].level >= a->sections[i].level)
			depth--;
		parent[i] = depth ? stack[depth - 1] : SIZE_MAX;
		stack[depth++] = i;
		refs[i].id = a->sections[i].id ? a->sections[i].id : "";
		refs[i].index = i;
	}
	if (a->nsections)
		qsort(refs, a->nsections, sizeof *refs, cmp_secref);

	ob_init(o, write, ctx);
	for (size_t i = 0; i < a->nstats; i++) {
		const sy_stat *s = &a->stats[i];
		char num[6][32];
		const secref *hit = NULL;

		if (!keep(&s->r, all))
			continue;
		if (s->section && a->nsections) {
			secref key = { s->section, 0 };
			hit = bsearch(&key, refs, a->nsections, sizeof *refs, cmp_secref);
		}
		if (hit ? section_path(a, parent, hit->index, &path) : (path.n = 0, sb_add(&path, "")))
			goto oom;
		tags.n = 0;
		if (sb_add(&tags, ""))
			goto oom;
		for (size_t k = 0; k < s->r.tags.n; k++)
			if ((k && sb_add(&tags, ";")) || sb_add(&tags, s->r.tags.v[k]))
				goto oom;
		snprintf(num[0], 32, "%zu", s->start);
		snprintf(num[1], 32, "%zu", s->end);
		csv_field(o, file, true);
		csv_field(o, path.s, false);
		csv_field(o, s->id, false);
		csv_field(o, s->text, false);
		csv_field(o, num[0], false);
		csv_field(o, num[1], false);
		csv_field(o, s->has_value ? fmt_num(s->value, num[2]) : NULL, false);
		csv_field(o, s->unit, false);
		csv_field(o, sy_approx_name(s->approx), false);
		csv_field(o, s->has_value_max ? fmt_num(s->value_max, num[3]) : NULL, false);
		csv_field(o, s->subject, false);
		csv_field(o, sy_status_name(s->r.status), false);
		csv_field(o, tags.s, false);
		ob_put(o, "\r\n", 2);
	}
	rc = ob_finish(o, err);
	goto out;
oom:
	rc = sy_fail(err, SY_ERR_NOMEM, "out of memory");
out:
	free(path.s);
	free(tags.s);
	free(refs);
	free(parent);
	free(stack);
	free(o);
	return rc;
}
