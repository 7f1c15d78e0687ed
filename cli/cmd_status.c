/* cmd_status.c - `shenyue status`: how far the review of annotation files
 * has come, per file and in total. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <yaml.h>

#include "base/i18n.h"
#include "model/annot.h"
#include "format/annot_io.h"
#include "session/annot_read.h"
#include "args.h"
#include "commands.h"
#include "session/journal.h"
#include "compare/progress.h"
#include "session/review.h"
#include "text/source.h"

static const char STATUS_HELP[] = N_(
	"usage: shenyue status [--format text|yaml] FILE|FOLDER...\n"
	"\n"
	"Show how far the review of each annotation file has come (every\n"
	"NAME.yaml of format shenyue-annotations/1 in FOLDER, or FILE): its\n"
	"items by status (the document facts count as one item), the share\n"
	"reviewed (not pending), the reviewer and the last change\n"
	"(review.updated, else the file's modification time), and 'journal'\n"
	"when NAME.yaml.journal beside it holds decisions not yet written into\n"
	"the file (they are counted, as every reader counts them).  A file\n"
	"that cannot be read is listed as unreadable, with the reason, and so\n"
	"is a report (*.txt) in FOLDER that cannot be read (empty, binary).\n"
	"Unreadable files come first; then files with pending items, most\n"
	"pending first; then the files that are done (gold data).  Other\n"
	"files are passed over with a warning.\n"
	"\n"
	"  -f, --format FMT  text (default): an aligned table with a total line;\n"
	"                    yaml: a YAML document with files: [...] and total:\n"
	"  -h, --help        this help\n"
	"\n"
	"Exit status: 0 every file read, 1 some file or folder could not be read\n"
	"(it is listed as unreadable) or none was found, 2 usage error.\n");

/* One annotation file's line. */
typedef struct file_row {
	char *path;          /* owned */
	char *title;         /* document title, owned, NULL */
	char *reviewer;      /* review.reviewer, owned, NULL */
	char updated[64];    /* review.updated, else the mtime (ISO 8601 UTC) */
	bool from_mtime;     /* updated is the file's mtime */
	bool journal;        /* NAME.yaml.journal exists */
	bool journal_bad;    /* ... and could not be read */
	size_t journal_records;
	char *unreadable;    /* why the file cannot be read (owned), or NULL */
	sy_progress p;
} file_row;

typedef struct rows {
	file_row *v;         /* owned, each row's strings too */
	size_t n, cap;
} rows;

static void rows_free(rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].path);
		free(r->v[i].title);
		free(r->v[i].reviewer);
		free(r->v[i].unreadable);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* What skip_file needs: the rows, and whether the argument was a file
 * named on the command line (a folder's other files are only warned
 * about). */
typedef struct skip_ctx {
	rows *r;
	bool named;
	bool nomem;
} skip_ctx;

static sy_status unreadable_row(rows *r, const char *path, const char *why,
				sy_error *err);

/* A file named on the command line that is not an annotation file is
 * listed as unreadable; journals and locks, and a folder's other files,
 * are passed over with a warning. */
static void skip_file(void *ctx, const char *path, const char *why)
{
	skip_ctx *c = ctx;
	sy_error err;

	if (c->named && !strncmp(why, "not a", 5)) {
		char msg[sizeof err.msg];
		snprintf(msg, sizeof msg, "%s: %s", path, why);
		if (unreadable_row(c->r, path, msg, &err) != SY_OK)
			c->nomem = true;
		sy_warn("%s (unreadable)", msg);
		return;
	}
	sy_warn("%s: %s, skipped", path, why);
}

/* Add to R a row for PATH that cannot be read, for the reason in WHY.
 * SY_OK, or SY_ERR_NOMEM. */
static sy_status unreadable_row(rows *r, const char *path, const char *why,
				sy_error *err)
{
	file_row row;

	memset(&row, 0, sizeof row);
	row.path = strdup(path);
	row.unreadable = strdup(why);
	if (!row.path || !row.unreadable ||
	    sy_grow((void **)&r->v, r->n, &r->cap, sizeof *r->v)) {
		free(row.path);
		free(row.unreadable);
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	}
	r->v[r->n++] = row;
	return SY_OK;
}

/* Read the annotation file PATH, with its journal's decisions, into a new
 * row of R.  A file that cannot be read gets a row saying why, and the
 * reader's error is returned (ERR holds the reason); a journal that cannot be read leaves
 * the file's own counts and a note.  SY_ERR_NOMEM. */
static sy_status read_row(rows *r, const char *path, sy_error *err)
{
	sy_annot a;
	file_row row;
	struct stat sb;
	sy_status st;
	char *jpath;

	memset(&row, 0, sizeof row);
	sy_annot_init(&a);
	st = sy_annot_load_current(path, &a, &row.journal_records, err);
	jpath = sy_journal_path(path);
	if (!jpath)
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
	else if (stat(jpath, &sb) == 0)
		row.journal = true;
	free(jpath);
	if (st != SY_OK && st != SY_ERR_NOMEM && row.journal) {
		sy_error ferr;
		/* the file alone, when it is the journal that failed */
		if (sy_annot_load(path, &a, &ferr) == SY_OK)
			st = SY_OK;
		row.journal_bad = true;
	}
	if (st == SY_ERR_NOMEM) {
		sy_annot_free(&a);
		return st;
	}
	if (st != SY_OK) {
		sy_error why = *err;
		if (unreadable_row(r, path, why.msg, err) != SY_OK)
			return SY_ERR_NOMEM;
		*err = why;
		return st;
	}
	row.p = sy_progress_of(&a);
	row.path = sy_strdup(path);
	row.title = sy_strdup(a.doc.title);
	row.reviewer = sy_strdup(a.review.reviewer);
	if (a.review.updated) {
		snprintf(row.updated, sizeof row.updated, "%s", a.review.updated);
	} else if (stat(path, &sb) == 0) {
		struct tm tm;
		time_t t = sb.st_mtime;
		row.from_mtime = true;
		if (gmtime_r(&t, &tm))
			strftime(row.updated, sizeof row.updated, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	if (!row.path || (a.doc.title && !row.title) ||
	    (a.review.reviewer && !row.reviewer) ||
	    sy_grow((void **)&r->v, r->n, &r->cap, sizeof *r->v)) {
		free(row.path);
		free(row.title);
		free(row.reviewer);
		sy_annot_free(&a);
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	}
	sy_annot_free(&a);
	r->v[r->n++] = row;
	return SY_OK;
}

/* The reports (*.txt) of folder DIR that cannot be read (review.h's
 * expansion finds them) get an unreadable row in R, each with a warning.
 * 0, or 1 when there was one; -1 on OOM. */
static int check_reports(rows *r, const char *dir)
{
	char *arg = (char *)dir, **reps = NULL;
	size_t n = 0;
	sy_error err;
	int found = 0;

	if (sy_review_expand(&arg, 1, &reps, &n, &err) != SY_OK)
		return err.code == SY_ERR_NOMEM ? -1 : 0;   /* no report there */
	for (size_t i = 0; i < n; i++) {
		sy_source src;
		if (found >= 0 && sy_source_load(reps[i], &src, &err) != SY_OK) {
			if (err.code == SY_ERR_NOMEM ||
			    unreadable_row(r, reps[i], err.msg, &err) != SY_OK) {
				found = -1;
			} else {
				sy_warn("%s (unreadable)", err.msg);
				found = 1;
			}
		} else if (found >= 0) {
			sy_source_free(&src);
		}
		free(reps[i]);
	}
	free(reps);
	return found;
}

/* Unreadable files first; then pending files, most pending first; then
 * the done ones; by name within each. */
static int cmp_rows(const void *x, const void *y)
{
	const file_row *a = x, *b = y;
	size_t pa = a->p.count[SY_PENDING], pb = b->p.count[SY_PENDING];

	if (!a->unreadable != !b->unreadable)
		return a->unreadable ? -1 : 1;
	if (pa != pb)
		return pa > pb ? -1 : 1;
	return strcmp(a->path, b->path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct reviewers of R, sorted, a review.reviewer that names
 * several ("wang, li, zhao": an adjudication, a merge) counted by name: a
 * new array whose one allocation also holds the names (the caller frees
 * the array only), *N of them.  NULL with *N = 0 on OOM (the list is then
 * left out). */
static const char **reviewers_of(const rows *r, size_t *n)
{
	size_t k = 0, out = 0, names = 1, bytes = 0;
	const char **v;
	char *text;

	*n = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].reviewer) {
			bytes += strlen(r->v[i].reviewer) + 1;
			for (const char *c = r->v[i].reviewer; *c; c++)
				names += *c == ',';
			names++;
		}
	v = malloc((names + r->n) * sizeof *v + bytes + 1);
	if (!v)
		return NULL;
	text = (char *)(v + names + r->n);
	for (size_t i = 0; i < r->n; i++) {
		if (!r->v[i].reviewer)
			continue;
		strcpy(text, r->v[i].reviewer);
		for (char *name = strtok(text, ","); name; name = strtok(NULL, ",")) {
			size_t l;
			while (*name == ' ')
				name++;
			l = strlen(name);
			while (l && name[l - 1] == ' ')
				name[--l] = '\0';
			if (*name)
				v[k++] = name;
		}
		text += strlen(r->v[i].reviewer) + 1;
	}
	if (k)
		qsort(v, k, sizeof *v, cmp_str);
	for (size_t i = 0; i < k; i++)
		if (!out || strcmp(v[out - 1], v[i]))
			v[out++] = v[i];
	*n = out;
	return v;
}

/* The latest "updated" of R ("" when none). */
static const char *latest_of(const rows *r)
{
	const char *best = "";
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].updated, best) > 0)
			best = r->v[i].updated;
	return best;
}

/* ------------------------------------------------------------ text */

enum { C_FILE, C_PENDING, C_ACCEPTED, C_FIXED, C_REJECTED, C_ADDED, C_TOTAL,
       C_REVIEWED, C_REVIEWER, C_UPDATED, C_NOTE, NCOLS };

/* TRANSLATORS: the columns of `shenyue status`: counts of the items by
 * status, their total, the share reviewed, who reviewed, when last */
static const char *const HEADS[NCOLS] = {
	N_("FILE"), N_("PENDING"), N_("ACCEPTED"), N_("FIXED"), N_("REJECTED"),
	N_("ADDED"), N_("TOTAL"), N_("REVIEWED"), N_("REVIEWER"), N_("LAST CHANGE"),
	N_("NOTE")
};

/* Cells of one line; cell[i] are owned by the caller (static text or BUF). */
typedef struct line {
	const char *cell[NCOLS];
	char num[C_REVIEWED + 1][32];
	char note[128];
} line;

static void fill_counts(line *l, const sy_progress *p)
{
	static const int col[SY_STATUS_COUNT] = {
		[SY_PENDING] = C_PENDING, [SY_ACCEPTED] = C_ACCEPTED,
		[SY_FIXED] = C_FIXED, [SY_REJECTED] = C_REJECTED, [SY_ADDED] = C_ADDED
	};
	unsigned pm = sy_progress_permille(p);

	for (int s = 0; s < SY_STATUS_COUNT; s++) {
		snprintf(l->num[col[s]], sizeof l->num[0], "%zu", p->count[s]);
		l->cell[col[s]] = l->num[col[s]];
	}
	snprintf(l->num[C_TOTAL], sizeof l->num[0], "%zu", p->total);
	l->cell[C_TOTAL] = l->num[C_TOTAL];
	snprintf(l->num[C_REVIEWED], sizeof l->num[0], "%u.%u%%", pm / 10, pm % 10);
	l->cell[C_REVIEWED] = l->num[C_REVIEWED];
}

/* Rows of R that were read, and those of them that are done. */
static size_t rows_read(const rows *r, size_t *done)
{
	size_t n = 0;

	*done = 0;
	for (size_t i = 0; i < r->n; i++)
		if (!r->v[i].unreadable) {
			n++;
			*done += r->v[i].p.count[SY_PENDING] == 0;
		}
	return n;
}

static void row_line(line *l, const file_row *f)
{
	if (f->unreadable) {
		for (int c = 0; c < NCOLS; c++)
			l->cell[c] = "-";
		l->cell[C_FILE] = f->path;
		l->cell[C_REVIEWED] = _("unreadable");
		l->cell[C_NOTE] = f->unreadable;
		return;
	}
	fill_counts(l, &f->p);
	l->cell[C_FILE] = f->path;
	l->cell[C_REVIEWER] = f->reviewer && *f->reviewer ? f->reviewer : "-";
	l->cell[C_UPDATED] = *f->updated ? f->updated : "-";
	if (f->journal_bad)
		snprintf(l->note, sizeof l->note, "%s", _("journal (unreadable)"));
	else if (f->journal)
		snprintf(l->note, sizeof l->note, ngettext("journal (%zu decision counted)",
							   "journal (%zu decisions counted)",
							   f->journal_records), f->journal_records);
	else
		l->note[0] = '\0';
	l->cell[C_NOTE] = l->note;
}

/* Print L padded to WIDTH; numbers right-aligned; no trailing blanks. */
static void print_line(const line *l, const size_t *width)
{
	int last = NCOLS - 1;

	while (last > 0 && !*l->cell[last])
		last--;
	for (int c = 0; c <= last; c++) {
		size_t w = sy_text_cols(l->cell[c]);
		bool right = c >= C_PENDING && c <= C_REVIEWED;
		if (c)
			fputs("  ", stdout);
		if (right)
			for (size_t k = w; k < width[c]; k++)
				putchar(' ');
		fputs(l->cell[c], stdout);
		if (!right && c < last)
			for (size_t k = w; k < width[c]; k++)
				putchar(' ');
	}
	putchar('\n');
}

static int print_text(const rows *r, const sy_progress *sum)
{
	size_t width[NCOLS], nrev;
	line *lines = malloc((r->n + 2) * sizeof *lines);
	const char **revs;
	char *revlist = NULL, files[160];
	size_t len = 0;

	if (!lines)
		return -1;
	revs = reviewers_of(r, &nrev);
	for (size_t i = 0; i < nrev; i++)
		len += strlen(revs[i]) + 2;
	revlist = malloc(len + 2);
	if (!revlist) {
		free(revs);
		free(lines);
		return -1;
	}
	revlist[0] = '\0';
	for (size_t i = 0; i < nrev; i++) {
		if (i)
			strcat(revlist, ", ");
		strcat(revlist, revs[i]);
	}
	free(revs);

	for (int c = 0; c < NCOLS; c++)
		lines[0].cell[c] = _(HEADS[c]);
	for (size_t i = 0; i < r->n; i++)
		row_line(&lines[i + 1], &r->v[i]);
	{
		line *t = &lines[r->n + 1];
		size_t done, nread = rows_read(r, &done);
		fill_counts(t, sum);
		if (!nread)             /* nothing read: no share to give */
			t->cell[C_REVIEWED] = "-";
		if (nread == r->n)
			snprintf(files, sizeof files, ngettext("total: %zu file, %zu done",
							       "total: %zu files, %zu done", nread),
				 nread, done);
		else
			snprintf(files, sizeof files, ngettext("total: %zu file, %zu done, "
							       "%zu unreadable",
							       "total: %zu files, %zu done, "
							       "%zu unreadable", nread),
				 nread, done, r->n - nread);
		t->cell[C_FILE] = files;
		t->cell[C_REVIEWER] = *revlist ? revlist : "-";
		t->cell[C_UPDATED] = *latest_of(r) ? latest_of(r) : "-";
		t->note[0] = '\0';
		t->cell[C_NOTE] = t->note;
	}
	for (int c = 0; c < NCOLS; c++) {
		width[c] = 0;
		for (size_t i = 0; i < r->n + 2; i++) {
			size_t w = sy_text_cols(lines[i].cell[c]);
			if (w > width[c])
				width[c] = w;
		}
	}
	for (size_t i = 0; i < r->n + 2; i++)
		print_line(&lines[i], width);
	free(revlist);
	free(lines);
	return 0;
}

/* ------------------------------------------------------------ yaml */

/* Emit one scalar: V as a double-quoted string (STR), or plain (numbers,
 * true/false); NULL as null.  0, or -1 when the emitter failed. */
static int em_scalar(yaml_emitter_t *e, const char *v, bool str)
{
	yaml_event_t ev;

	if (!v) {
		v = "null";
		str = false;
	}
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)v,
					  (int)strlen(v), !str, str,
					  str ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
					      : YAML_PLAIN_SCALAR_STYLE))
		return -1;
	return yaml_emitter_emit(e, &ev) ? 0 : -1;
}

static int em_key(yaml_emitter_t *e, const char *key)
{
	return em_scalar(e, key, false);
}

static int em_size(yaml_emitter_t *e, const char *key, size_t n)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%zu", n);
	return em_key(e, key) || em_scalar(e, buf, false);
}

static int em_event(yaml_emitter_t *e, int ok, yaml_event_t *ev)
{
	return ok && yaml_emitter_emit(e, ev) ? 0 : -1;
}

static int em_map_start(yaml_emitter_t *e)
{
	yaml_event_t ev;
	return em_event(e, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
			YAML_BLOCK_MAPPING_STYLE), &ev);
}

static int em_map_end(yaml_emitter_t *e)
{
	yaml_event_t ev;
	return em_event(e, yaml_mapping_end_event_initialize(&ev), &ev);
}

static int em_seq_start(yaml_emitter_t *e, bool flow)
{
	yaml_event_t ev;
	return em_event(e, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE), &ev);
}

static int em_seq_end(yaml_emitter_t *e)
{
	yaml_event_t ev;
	return em_event(e, yaml_sequence_end_event_initialize(&ev), &ev);
}

/* The counts of P as keys of the open mapping; with !ANY (no file was
 * read) the percent is null and done false. */
static int em_counts(yaml_emitter_t *e, const sy_progress *p, bool any)
{
	unsigned pm = sy_progress_permille(p);
	char pct[32];

	for (int s = 0; s < SY_STATUS_COUNT; s++)
		if (em_size(e, sy_status_name((sy_review_status)s), p->count[s]))
			return -1;
	snprintf(pct, sizeof pct, "%u.%u", pm / 10, pm % 10);
	return em_size(e, "total", p->total) ||
	       em_size(e, "reviewed", sy_progress_reviewed(p)) ||
	       em_key(e, "percent") || em_scalar(e, any ? pct : NULL, false) ||
	       em_key(e, "done") ||
	       em_scalar(e, p->count[SY_PENDING] || !any ? "false" : "true", false);
}

static int em_row(yaml_emitter_t *e, const file_row *f)
{
	if (f->unreadable)
		return em_map_start(e) ||
		       em_key(e, "file") || em_scalar(e, f->path, true) ||
		       em_key(e, "unreadable") || em_scalar(e, f->unreadable, true) ||
		       em_map_end(e);
	if (em_map_start(e) ||
	    em_key(e, "file") || em_scalar(e, f->path, true) ||
	    em_key(e, "title") || em_scalar(e, f->title, true) ||
	    em_counts(e, &f->p, true) ||
	    em_key(e, "reviewer") || em_scalar(e, f->reviewer, true) ||
	    em_key(e, "updated") || em_scalar(e, *f->updated ? f->updated : NULL, true) ||
	    em_key(e, "updated_from") ||
	    em_scalar(e, f->from_mtime ? "mtime" : "review", true) ||
	    em_key(e, "journal") || em_scalar(e, f->journal ? "true" : "false", false))
		return -1;
	if (f->journal && !f->journal_bad && em_size(e, "journal_records", f->journal_records))
		return -1;
	return em_map_end(e);
}

static int write_stdout(void *data, unsigned char *buf, size_t size)
{
	(void)data;
	return fwrite(buf, 1, size, stdout) == size;
}

static int print_yaml(const rows *r, const sy_progress *sum)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	const char **revs;
	size_t nrev, done, nread;
	int bad;

	if (!yaml_emitter_initialize(&e))
		return -1;
	yaml_emitter_set_output(&e, write_stdout, NULL);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	revs = reviewers_of(r, &nrev);
	nread = rows_read(r, &done);
	bad = em_event(&e, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING), &ev) ||
	      em_event(&e, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1), &ev) ||
	      em_map_start(&e) || em_key(&e, "files") || em_seq_start(&e, r->n == 0);
	for (size_t i = 0; !bad && i < r->n; i++)
		bad = em_row(&e, &r->v[i]);
	bad = bad || em_seq_end(&e) ||
	      em_key(&e, "total") || em_map_start(&e) ||
	      em_size(&e, "files", nread) || em_size(&e, "files_done", done) ||
	      em_size(&e, "files_unreadable", r->n - nread) ||
	      em_counts(&e, sum, nread > 0) ||
	      em_key(&e, "reviewers") || em_seq_start(&e, true);
	for (size_t i = 0; !bad && i < nrev; i++)
		bad = em_scalar(&e, revs[i], true);
	bad = bad || em_seq_end(&e) ||
	      em_key(&e, "updated") || em_scalar(&e, *latest_of(r) ? latest_of(r) : NULL, true) ||
	      em_map_end(&e) || em_map_end(&e) ||
	      em_event(&e, yaml_document_end_event_initialize(&ev, 1), &ev) ||
	      em_event(&e, yaml_stream_end_event_initialize(&ev), &ev) ||
	      !yaml_emitter_flush(&e);
	free(revs);
	yaml_emitter_delete(&e);
	return bad ? -1 : 0;
}

/* the usage and help of `shenyue status`, for the table in main.c */
const char *const sy_help_status = STATUS_HELP;

int sy_cmd_status(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	sy_pathlist files = { NULL, 0, 0 };
	rows r = { NULL, 0, 0 };
	sy_progress sum;
	int yaml = 0;   /* 1: --format yaml */
	size_t done;
	int c, status = 0;

	sy_opts op = sy_opts_start(argc, argv, "f:h", longopts, STATUS_HELP);
	while ((c = sy_opt_next(&op)) > 0) {
		if (c == 'f' && (yaml = sy_opt_format("status", optarg)) < 0)
			return 2;
	}
	if (c < 0)
		return op.status;
	if (optind >= argc)
		return sy_usage_error(STATUS_HELP, "status: no file or folder given");
	for (int i = optind; i < argc; i++) {
		sy_error err;
		bool dir = sy_is_dir(argv[i]);
		skip_ctx sc = { &r, !dir, false };
		sy_status st = sy_annot_files_add(&files, argv[i], skip_file, &sc, &err);
		size_t before = r.n;

		if (st == SY_ERR_IO && !dir)   /* a file that cannot be read */
			st = unreadable_row(&r, argv[i], err.msg, &err) == SY_OK
			     ? SY_ERR_IO : SY_ERR_NOMEM;
		if (st == SY_OK && dir) {
			int bad = check_reports(&r, argv[i]);
			st = bad < 0 ? sy_fail(&err, SY_ERR_NOMEM, "out of memory") : SY_OK;
		}
		if (st == SY_ERR_NOMEM || sc.nomem) {
			sy_warn("%s", sc.nomem ? "out of memory" : err.msg);
			sy_pathlist_free(&files);
			rows_free(&r);
			return 1;
		}
		if (st != SY_OK) {
			sy_warn("%s", err.msg);
			status = 1;
		}
		if (r.n != before)
			status = 1;
	}
	memset(&sum, 0, sizeof sum);
	for (size_t i = 0; i < files.n; i++) {
		sy_error err;
		sy_status st = read_row(&r, files.v[i], &err);
		if (st == SY_ERR_NOMEM) {
			sy_warn("%s", err.msg);
			status = 1;
			break;
		}
		if (st != SY_OK) {
			sy_warn("%s (unreadable)", err.msg);
			status = 1;
			continue;
		}
		sy_progress_add(&sum, &r.v[r.n - 1].p);
	}
	sy_pathlist_free(&files);
	if (!rows_read(&r, &done) && !r.n) {   /* unreadable ones were named */
		sy_warn("status: no annotation file found");
		status = 1;
	}
	if (r.n)
		qsort(r.v, r.n, sizeof *r.v, cmp_rows);
	if ((yaml ? print_yaml(&r, &sum) : print_text(&r, &sum)) != 0) {
		sy_warn("status: out of memory or cannot write the output");
		status = 1;
	}
	if (fflush(stdout) != 0) {
		sy_warn("status: write failed: %s", strerror(errno));
		status = 1;
	}
	rows_free(&r);
	return status;
}
