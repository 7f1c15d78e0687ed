/* read_brat.c - brat standoff predictions (predict.h): NAME.ann beside
 * NAME.txt, or a folder of them, one document per .ann.
 *   T1<TAB>Statistic 14 18<TAB>120件      a span (offsets: characters)
 *   #1<TAB>AnnotatorNotes T1<TAB>value=120 unit=件 approx=none subject=...
 * A note that starts with one of the item's fields (what `shenyue export
 * --to brat` writes: value, unit, approx, value_max, subject; level,
 * marker, title; score; "null" for null) gives them; another note, the
 * attributes (Status), relations and events are left alone.  A span of
 * several pieces is refused, unless only line breaks of NAME.txt part
 * them (as export writes a span across lines).  Every file is read and
 * checked before the first document is handed on; the strings live in
 * the files' buffers, owned by the batch.
 */
#include "import/predict.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/fileopen.h"
#include "base/i18n.h"
#include "base/mem.h"
#include "base/path.h"
#include "base/utf8.h"
#include "import/read_util.h"
#include "model/schema.h"

typedef struct ann_ctx {
	const char *name;        /* the .ann, for messages */
	const char *txt;         /* NAME.txt's text, or NULL */
	size_t txt_len;
	sy_pred_batch *b;
	sy_error *err;
} ann_ctx;

/* A T line's id and its item's number in the batch. */
typedef struct tref {
	const char *id;
	size_t item;
} tref;

static int cmp_tref(const void *x, const void *y)
{
	return strcmp(((const tref *)x)->id, ((const tref *)y)->id);
}

static sy_status bad(const ann_ctx *a, size_t line, const char *what)
{
	return sy_fail(a->err, SY_ERR_FORMAT, "%s:%zu: %s", a->name, line, what);
}

/* ------------------------------------------------------------ spans */

/* Only line breaks of the text between code points FROM and TO (false
 * without the text, or beyond it). */
static bool only_breaks(const ann_ctx *a, size_t from, size_t to)
{
	size_t b = 0, cp = 0;

	if (!a->txt)
		return false;
	for (; b < a->txt_len && cp < to; cp++) {
		unsigned char c = (unsigned char)a->txt[b];
		if (cp >= from && c != '\n' && c != '\r')
			return false;
		b++;
		while (b < a->txt_len && ((unsigned char)a->txt[b] & 0xC0) == 0x80)
			b++;
	}
	return cp == to;
}

/* "LABEL S E[;S E...]" into IT's kind and span. */
static sy_status span_of(const ann_ctx *a, size_t line, char *s,
			 sy_pred_item *it)
{
	char *sp = strchr(s, ' '), msg[300], *tok, *save = NULL;
	size_t last_end = 0, n = 0;

	if (!sp)
		return bad(a, line, _("not LABEL START END after the id"));
	*sp = '\0';
	if (!sy_pred_label_kind(s, &it->kind)) {
		snprintf(msg, sizeof msg, _("the label \"%.80s\" is neither a "
					    "statistic nor a section (labels taken: %s)"),
			 s, SY_PRED_LABELS);
		return bad(a, line, msg);
	}
	for (tok = strtok_r(sp + 1, ";", &save); tok; tok = strtok_r(NULL, ";", &save), n++) {
		char *mid = strchr(tok, ' ');
		size_t s0, e0;

		if (!mid || (*mid = '\0', !sy_pred_offset(tok, &s0)) ||
		    !sy_pred_offset(mid + 1, &e0))
			return bad(a, line, _("the offsets are not START END, whole "
					      "numbers of 0 or more"));
		if (s0 > e0)
			return bad(a, line, _("the span starts after it ends"));
		if (n && !only_breaks(a, last_end, s0))
			return bad(a, line, _("a discontinuous span (pieces not parted "
					      "by line breaks alone) is not taken"));
		if (!n)
			it->start = s0;
		it->end = last_end = e0;
	}
	if (!n)
		return bad(a, line, _("not LABEL START END after the id"));
	if (n > 1)
		it->text = NULL;     /* the .ann joins the pieces with spaces */
	return SY_OK;
}

/* ------------------------------------------------------------ notes */

/* The length of K at S when '=' follows it, else 0. */
static size_t key_at(const char *s, const char *k)
{
	size_t n = strlen(k);
	return !strncmp(s, k, n) && s[n] == '=' ? n : 0;
}

/* The length of the note key at S followed by '=' (a statistic's value
 * to subject, a section's level, marker and title, score, id, tags,
 * note), or 0. */
static size_t note_key(const char *s)
{
	static const char *const more[] = { "score", "id", "tags", "note" };
	static const int sec[] = { SY_SEC_LEVEL, SY_SEC_MARKER, SY_SEC_TITLE };
	size_t n = 0;

	for (int f = SY_STAT_VALUE; !n && f <= SY_STAT_SUBJECT; f++)
		n = key_at(s, sy_stat_keys[f]);
	for (size_t i = 0; !n && i < sizeof sec / sizeof *sec; i++)
		n = key_at(s, sy_section_keys[sec[i]]);
	for (size_t i = 0; !n && i < sizeof more / sizeof *more; i++)
		n = key_at(s, more[i]);
	return n;
}

/* The fields of the note S ("key=value key=value ...") into IT; a note
 * that does not start with a field is a person's, left alone. */
static sy_status note_fields(const ann_ctx *a, size_t line, char *s,
			     sy_pred_item *it)
{
	size_t kl = note_key(s);

	while (kl) {
		char *key = s, *val = s + kl + 1, *p = val, msg[200];
		const char *why = NULL;
		size_t next = 0;

		key[kl] = '\0';
		if (!strcmp(key, "note"))
			break;          /* the reviewer's note: the rest */
		while (*p && !(*p == ' ' && (next = note_key(p + 1))))
			p++;
		if (*p)
			*p++ = '\0';
		if (strcmp(key, "id") && strcmp(key, "tags") &&
		    sy_pred_set_field(it, key, strcmp(val, "null") ? val : NULL, &why) < 0) {
			snprintf(msg, sizeof msg, _("the note: %s"), _(why));
			return bad(a, line, msg);
		}
		s = p;
		kl = next;
	}
	return SY_OK;
}

/* ------------------------------------------------------------ a file */

/* The lines of the .ann in BUF: T lines as items of the current
 * document, notes on them afterwards (a note may come first). */
static sy_status read_lines(ann_ctx *a, char *buf, size_t len)
{
	size_t line = 0, ntr = 0, captr = 0;
	tref *tr = NULL;
	char *p = buf, *end = buf + len;
	sy_status st = SY_OK;
	struct note { char *target, *text; size_t line; } *notes = NULL;
	size_t nnotes = 0, capnotes = 0;

	while (p < end && st == SY_OK) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *t1, *t2;
		char *s = p, *e = nl ? nl : end;

		p = nl ? nl + 1 : end;
		line++;
		*e = '\0';
		if (e > s && e[-1] == '\r')
			e[-1] = '\0';
		if (!*s)
			continue;
		t1 = strchr(s, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (*s == 'T') {
			sy_pred_item *it;
			if (!t1 || !t2) {
				st = bad(a, line, _("a T line is not ID<TAB>LABEL START END<TAB>TEXT"));
				break;
			}
			*t1 = *t2 = '\0';
			if (SY_GROW(tr, ntr, captr) || !(it = sy_pred_batch_item(a->b))) {
				st = sy_fail(a->err, SY_ERR_NOMEM, _("out of memory"));
				break;
			}
			it->id = s;
			it->line = line;
			it->text = t2 + 1;
			tr[ntr].id = s;
			tr[ntr++].item = a->b->nitems - 1;
			st = span_of(a, line, t1 + 1, it);
		} else if (*s == '#') {
			char *sp = t1 ? strchr(t1 + 1, ' ') : NULL;
			if (!sp || !t2 || sp > t2 || strncmp(t1 + 1, "AnnotatorNotes ", 15))
				continue;       /* another kind of comment */
			*t2 = '\0';
			if (SY_GROW(notes, nnotes, capnotes)) {
				st = sy_fail(a->err, SY_ERR_NOMEM, _("out of memory"));
				break;
			}
			notes[nnotes++] = (struct note){ sp + 1, t2 + 1, line };
		} else if (!strchr("AMREN*", *s) || !t1) {
			st = bad(a, line, _("not a line of brat standoff (T, A, M, R, "
					    "E, N or #, then a tab)"));
		}
	}
	if (st == SY_OK && ntr)
		qsort(tr, ntr, sizeof *tr, cmp_tref);
	for (size_t i = 0; st == SY_OK && i < nnotes; i++) {
		tref key = { notes[i].target, 0 }, *hit;
		if (*key.id != 'T')
			continue;       /* a note on a relation or an event */
		hit = ntr ? bsearch(&key, tr, ntr, sizeof *tr, cmp_tref) : NULL;
		if (!hit) {
			char msg[200];
			snprintf(msg, sizeof msg, _("the note is on %.40s, which no T "
						    "line gives"), key.id);
			st = bad(a, notes[i].line, msg);
		} else {
			st = note_fields(a, notes[i].line, notes[i].text,
					 &a->b->items[hit->item]);
		}
	}
	free(tr);
	free(notes);
	return st;
}

/* NAME.txt beside the .ann PATH into A (left NULL when there is none or
 * it is not UTF-8). */
static sy_status read_txt(ann_ctx *a, const char *path)
{
	size_t n = strlen(path), len;
	char *txt = malloc(n + 1), *buf = NULL;
	bool missing = false;
	sy_status st;

	if (!txt)
		return sy_fail(a->err, SY_ERR_NOMEM, _("out of memory"));
	memcpy(txt, path, n + 1);
	if (n > 4 && !strcmp(txt + n - 4, ".ann"))
		strcpy(txt + n - 4, ".txt");
	st = sy_read_regular(txt, SY_MAX_FILE_BYTES, &buf, &len, &missing, a->err);
	free(txt);
	if (st != SY_OK || missing)
		return st;
	if (sy_pred_batch_own(a->b, buf))
		return sy_fail(a->err, SY_ERR_NOMEM, _("out of memory"));
	if (sy_utf8_validate((const unsigned char *)buf, len) == len) {
		a->txt = buf;
		a->txt_len = len;
	}
	return SY_OK;
}

static sy_status read_ann(sy_pred_batch *b, char *path, sy_error *err)
{
	ann_ctx a = { path, NULL, 0, b, err };
	sy_pred_doc *doc;
	char *buf;
	size_t len;
	sy_status st;

	if (sy_pred_batch_own(b, path))
		return sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
	if ((st = sy_pred_slurp(path, &buf, &len, &a.name, err)) != SY_OK)
		return st;
	if (sy_pred_batch_own(b, buf))
		return sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
	if ((st = read_txt(&a, path)) != SY_OK)
		return st;
	if (!(doc = sy_pred_batch_doc(b, "brat", path, 1)))
		return sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
	doc->path = path;
	doc->text = a.txt;
	doc->text_len = a.txt_len;
	return read_lines(&a, buf, len);
}

static int is_ann(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return d->d_name[0] != '.' && n > 4 && !strcmp(d->d_name + n - 4, ".ann");
}

sy_status sy_pred_read_brat(const char *name, sy_pred_fn fn, void *ctx,
			    sy_error *err)
{
	sy_pred_batch b = { 0 };
	struct dirent **list = NULL;
	struct stat sb;
	sy_status st = SY_OK;
	int n;

	if (!name || !strcmp(name, "-"))
		return sy_fail(err, SY_ERR_USAGE, _("brat standoff is read from "
						    "NAME.ann (beside NAME.txt) or a "
						    "folder of them, not standard input"));
	if (stat(name, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if ((n = scandir(name, &list, is_ann, alphasort)) < 0)
			return sy_fail(err, SY_ERR_IO, "%s: %s", name, strerror(errno));
		if (n == 0)
			st = sy_fail(err, SY_ERR_FORMAT, _("%s: no .ann file in the folder"),
				     name);
		for (int i = 0; i < n; i++) {
			char *path = st == SY_OK ? sy_path_join(name, list[i]->d_name) : NULL;
			if (st == SY_OK)
				st = path ? read_ann(&b, path, err)
					  : sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
			free(list[i]);
		}
		free(list);
	} else {
		char *path = sy_strdup(name);
		st = path ? read_ann(&b, path, err)
			  : sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
	}
	if (st == SY_OK)
		st = sy_pred_batch_deliver(&b, fn, ctx, err);
	sy_pred_batch_free(&b);
	return st;
}
