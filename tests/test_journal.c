/* test_journal.c - the review journal (journal.h, review.c): with
 * sy_journal_min_bytes = 0 every decision is appended to
 * NAME.yaml.journal and the annotation file is left as it was; a session
 * that ends without a flush (a crash) is recovered when the report is
 * opened again; a flush writes the file and removes the journal; a record
 * cut short at the end is ignored, a damaged one before it refuses the
 * open and leaves both files alone; a failed append falls back to a full
 * save; `shenyue extract` keeps a journal unless --force.
 *
 * Works in a fresh folder made with mkdtemp, on a small report written
 * for this test (the one of test_review.c), one copy of it per scenario.
 * Every claim about the annotation file is checked on the file (bytes, or
 * read back with sy_annot_load), not only in memory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "format/annot_io.h"
#include "session/annot_read.h"
#include "session/journal.h"
#include "session/review.h"
#include "tap.h"
#include "testfs.h"
#include "testmodel.h"

/* The report (testutil.h). */
static const char report_text[] = BAIXI_REPORT_TEXT;

/* ------------------------------------------------------------ helpers */

/* The bytes of a file; p == NULL when it cannot be read. */
typedef struct blob {
	char *p;
	size_t n;
} blob;

static blob read_blob(const char *path)
{
	blob b;

	b.p = read_file(path, &b.n);
	return b;
}

static void blob_free(blob *b)
{
	free(b->p);
	b->p = NULL;
	b->n = 0;
}

/* Does the file at PATH hold exactly the bytes of B? */
static bool same_bytes(const char *path, const blob *b)
{
	blob now = read_blob(path);
	bool same = now.p && b->p && now.n == b->n && !memcmp(now.p, b->p, b->n);

	blob_free(&now);
	return same;
}

static bool exists(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0;
}

/* Offset of the K-th (0-based) occurrence of NEEDLE in B, or -1. */
static long find_nth(const blob *b, const char *needle, int k)
{
	size_t m = strlen(needle);

	for (size_t i = 0; b->p && m <= b->n && i <= b->n - m; i++)
		if (!memcmp(b->p + i, needle, m) && k-- == 0)
			return (long)i;
	return -1;
}

/* Code point span of the first occurrence of NEEDLE in the report. */
static void span_of(const char *needle, size_t *start, size_t *end)
{
	text_span_of(report_text, needle, start, end);
}

/* A copy of the report named NAME in the folder; new path. */
static char *new_report(const char *name)
{
	char *p = path_in(name);
	if (!write_file(p, report_text, sizeof report_text - 1)) {
		printf("Bail out! cannot write %s\n", p);
		exit(1);
	}
	return p;
}

/* Status of stat ID in the file at PATH; -1 when absent or unreadable. */
static int disk_stat_status(const char *path, const char *id)
{
	sy_annot a;
	const sy_stat *s;
	int r = -1;

	sy_annot_init(&a);
	if (model_reload(path, &a) && (s = stat_by_id(&a, id)))
		r = (int)s->r.status;
	sy_annot_free(&a);
	return r;
}

/* A as YAML with review.updated cleared: new string, NULL on failure. */
static char *canon_model(sy_annot *a)
{
	static char zero[] = "0";
	char *saved = a->review.updated, *out = NULL, *gen = NULL;
	sy_node *g = a->review.extra ? sy_node_get(a->review.extra, "generation") : NULL;
	size_t n;
	sy_error e;

	/* the time and the count of writes (review_sync.c) are not decisions */
	a->review.updated = NULL;
	if (g) {
		gen = g->scalar;
		g->scalar = zero;
	}
	if (sy_annot_emit(a, &out, &n, &e) != SY_OK) {
		diag("emit: %s", e.msg);
		out = NULL;
	}
	a->review.updated = saved;
	if (g)
		g->scalar = gen;
	return out;
}

static char *canon_file(const char *path)
{
	sy_annot a;
	char *out = NULL;

	sy_annot_init(&a);
	if (model_reload(path, &a))
		out = canon_model(&a);
	sy_annot_free(&a);
	return out;
}

/* Count the complete records of the journal at PATH. */
static sy_status count_rec(void *ctx, const char *rec, size_t len,
			   size_t index, sy_error *err)
{
	(void)rec;
	(void)len;
	(void)index;
	(void)err;
	++*(size_t *)ctx;
	return SY_OK;
}

static size_t journal_records(const char *path)
{
	size_t calls = 0, n = 0;
	bool ex = false;
	sy_error e;

	if (sy_journal_read(path, count_rec, &calls, &n, &ex, &e) != SY_OK) {
		diag("journal read: %s", e.msg);
		return (size_t)-1;
	}
	return calls == n ? n : (size_t)-2;
}

/* ------------------------------------------------------------ equality */

static bool str_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool node_same(const sy_node *a, const sy_node *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->n != b->n)
		return false;
	if (a->kind == SY_NODE_SCALAR)
		return str_same(a->scalar, b->scalar) && !a->quoted == !b->quoted;
	for (size_t i = 0; i < a->n; i++)
		if ((a->kind == SY_NODE_MAP && !str_same(a->keys[i], b->keys[i])) ||
		    !node_same(a->items[i], b->items[i]))
			return false;
	return true;
}

static bool review_same(const sy_review *a, const sy_review *b)
{
	if (a->status != b->status || a->tags.n != b->tags.n ||
	    !str_same(a->note, b->note) || !node_same(a->proposed, b->proposed))
		return false;
	for (size_t i = 0; i < a->tags.n; i++)
		if (!str_same(a->tags.v[i], b->tags.v[i]))
			return false;
	return true;
}

static bool stat_same(const sy_stat *a, const sy_stat *b)
{
	return a && b && str_same(a->id, b->id) && str_same(a->text, b->text) &&
	       a->start == b->start && a->end == b->end &&
	       a->has_value == b->has_value &&
	       (!a->has_value || a->value == b->value) &&
	       str_same(a->unit, b->unit) && a->approx == b->approx &&
	       a->has_value_max == b->has_value_max &&
	       (!a->has_value_max || a->value_max == b->value_max) &&
	       str_same(a->subject, b->subject) &&
	       str_same(a->section, b->section) && review_same(&a->r, &b->r);
}

static bool section_same(const sy_section *a, const sy_section *b)
{
	return a && b && str_same(a->id, b->id) && a->level == b->level &&
	       str_same(a->marker, b->marker) && str_same(a->title, b->title) &&
	       a->start == b->start && a->end == b->end &&
	       review_same(&a->r, &b->r);
}

static bool doc_same(const sy_docfacts *a, const sy_docfacts *b)
{
	return str_same(a->title, b->title) && str_same(a->issuer, b->issuer) &&
	       str_same(a->region, b->region) && a->year == b->year &&
	       str_same(a->date, b->date) && a->status == b->status &&
	       node_same(sy_node_get(a->extra, "proposed"),
			 sy_node_get(b->extra, "proposed"));
}

/* ------------------------------------------------------------ journal API */

static void test_api(void)
{
	char *j = sy_journal_path("dir/r.yaml"), *missing = path_in("none.journal");
	sy_error e = { 0 };
	size_t calls = 0, n = 7;
	bool ex = true;

	is_str(j, "dir/r.yaml.journal", "journal path is NAME.yaml.journal");
	ok(sy_journal_read(missing, count_rec, &calls, &n, &ex, &e) == SY_OK &&
	   n == 0 && !ex && calls == 0, "reading a missing journal: SY_OK, none, "
	   "exists false");
	ok(sy_journal_remove(missing, &e) == SY_OK, "removing a missing journal is fine");
	free(j);
	free(missing);
}

/* ------------------------------------------------------------ decisions */

/* The checks after the K-th decision: it succeeded, the journal holds K
 * complete records, the annotation file is still B0, saved is true. */
static void after_decision(sy_file *f, sy_status st, const sy_error *e,
			   size_t k, const blob *b0, const char *what)
{
	size_t recs = journal_records(f->journal_path);

	ok(st == SY_OK, "%s: SY_OK%s%s", what, st ? ": " : "", st ? e->msg : "");
	ok(exists(f->journal_path) && f->njournal == k && recs == k,
	   "%s: journal holds %zu records (njournal %zu, on disk %zu)", what, k,
	   f->njournal, recs);
	ok(same_bytes(f->annot_path, b0) && f->saved && !f->save_error[0] &&
	   sy_file_pending_flush(f),
	   "%s: annotation file unchanged, saved, a flush pending", what);
}

/* What session 1 had in memory just before the crash. */
typedef struct snapshot {
	sy_annot items;          /* copies of the touched items */
	sy_docfacts doc;         /* title, issuer, region, year, date, status */
	sy_node *doc_proposed;
	char *canon;             /* the whole model as YAML, updated cleared */
} snapshot;

static const char *const touched_stats[] = { "n1", "n7", "n4", "n3", "n2", "n10" };
static const char *const touched_sections[] = { "s1", "s2", "s7" };
#define NELEM(a) (sizeof a / sizeof a[0])

static void snap_take(sy_file *f, snapshot *s)
{
	sy_annot_init(&s->items);
	for (size_t i = 0; i < NELEM(touched_stats); i++) {
		sy_stat *p = sy_annot_add_stat(&s->items);
		const sy_stat *src = stat_by_id(&f->annot, touched_stats[i]);
		if (!p || !src || sy_stat_copy(p, src))
			diag("snapshot: no stat %s", touched_stats[i]);
	}
	for (size_t i = 0; i < NELEM(touched_sections); i++) {
		sy_section *p = sy_annot_add_section(&s->items);
		const sy_section *src = sec_by_id(&f->annot, touched_sections[i]);
		if (!p || !src || sy_section_copy(p, src))
			diag("snapshot: no section %s", touched_sections[i]);
	}
	memset(&s->doc, 0, sizeof s->doc);
	s->doc.title = sy_strdup(f->annot.doc.title);
	s->doc.issuer = sy_strdup(f->annot.doc.issuer);
	s->doc.region = sy_strdup(f->annot.doc.region);
	s->doc.date = sy_strdup(f->annot.doc.date);
	s->doc.year = f->annot.doc.year;
	s->doc.status = f->annot.doc.status;
	s->doc_proposed = sy_node_clone(sy_node_get(f->annot.doc.extra, "proposed"));
	if (s->doc_proposed) {      /* doc.extra = { proposed: ... } */
		s->doc.extra = sy_node_map();
		if (!s->doc.extra ||
		    sy_node_put(s->doc.extra, "proposed", s->doc_proposed))
			abort();
		s->doc_proposed = NULL;
	}
	s->canon = canon_model(&f->annot);
}

static void snap_free(snapshot *s)
{
	sy_annot_free(&s->items);
	free(s->doc.title);
	free(s->doc.issuer);
	free(s->doc.region);
	free(s->doc.date);
	sy_node_free(s->doc.extra);
	free(s->canon);
}

/* What a reader that writes nothing (export, eval, status...) sees of
 * REPORT's annotation file after the crash: sy_annot_load_current gives
 * the model as it was on the screen (SNAP), the undone add ID absent, the
 * journal's K records applied, and neither file is written. */
static void test_reader(const char *report, const char *jpath,
			const snapshot *snap, const char *id, size_t k)
{
	char *ap = sy_review_annot_path(report);
	blob fb = read_blob(ap), jb = read_blob(jpath);
	sy_annot a, plain;
	sy_error e = { 0 };
	size_t n = 0;
	sy_status st;

	sy_annot_init(&plain);
	st = sy_annot_load_current(ap, &a, &n, &e);
	ok(st == SY_OK && n == k, "a reader replays the journal's %zu records "
	   "(%zu): %s", k, n, st ? e.msg : "ok");
	if (st != SY_OK) {
		free(ap);
		blob_free(&fb);
		blob_free(&jb);
		return;
	}
	for (size_t i = 0; i < NELEM(touched_stats); i++)
		ok(stat_same(stat_by_id(&a, touched_stats[i]),
			     stat_by_id((sy_annot *)&snap->items, touched_stats[i])),
		   "reader: %s as on the screen before the crash", touched_stats[i]);
	for (size_t i = 0; i < NELEM(touched_sections); i++)
		ok(section_same(sec_by_id(&a, touched_sections[i]),
				sec_by_id((sy_annot *)&snap->items,
					      touched_sections[i])),
		   "reader: %s as on the screen before the crash",
		   touched_sections[i]);
	ok(doc_same(&a.doc, &snap->doc), "reader: the document facts as on the screen");
	ok(!stat_by_id(&a, id), "reader: the undone add %s is absent "
	   "(journal-delete applied)", id);
	is_str(a.review.cursor, "n5", "reader: review.cursor from the journal");
	{
		/* the whole model, but for the review block's bookkeeping */
		sy_node *x = a.review.extra;
		char *mine, *theirs;
		sy_annot m;
		a.review.extra = NULL;
		mine = canon_model(&a);
		a.review.extra = x;
		sy_annot_init(&m);
		theirs = NULL;
		if (snap->canon &&
		    sy_annot_parse(snap->canon, strlen(snap->canon), "snap", &m, &e) == SY_OK) {
			sy_node_free(m.review.extra);
			m.review.extra = NULL;
			theirs = canon_model(&m);
		}
		ok(mine && theirs && !strcmp(mine, theirs),
		   "reader: the whole model equals the screen's before the crash");
		free(mine);
		free(theirs);
		sy_annot_free(&m);
	}
	ok(same_bytes(ap, &fb) && same_bytes(jpath, &jb),
	   "reader: neither the file nor the journal was written");
	ok(sy_annot_load(ap, &plain, &e) == SY_OK && stat_by_id(&plain, "n7") &&
	   stat_by_id(&plain, "n7")->r.status == SY_PENDING,
	   "the file alone still says n7 pending (the decisions are only in the journal)");
	sy_annot_free(&plain);
	sy_annot_free(&a);
	blob_free(&fb);
	blob_free(&jb);
	free(ap);
}

/* Session 1: every kind of decision goes to the journal, then a crash;
 * session 2 recovers them.  F is left open (session 2). */
static void test_crash(const char *report, sy_file *f)
{
	sy_error e = { 0 };
	sy_status st;
	sy_item_ref r;
	sy_stat nf;
	sy_docfacts d;
	size_t s0, e0, k = 0;
	blob b0;
	snapshot snap;
	sy_annot a;
	char *jpath, *id = NULL;

	sy_annot_init(&a);
	st = sy_file_open(f, report, "tester", &e);
	ok(st == SY_OK && f->created, "open a new report (created)%s%s",
	   st ? ": " : "", st ? e.msg : "");
	if (st != SY_OK) {
		printf("Bail out! cannot open %s\n", report);
		exit(1);
	}
	ok(f->journal_path && f->annot_path &&
	   strlen(f->journal_path) == strlen(f->annot_path) + 8 &&
	   !strncmp(f->journal_path, f->annot_path, strlen(f->annot_path)) &&
	   !strcmp(f->journal_path + strlen(f->annot_path), ".journal"),
	   "journal_path is NAME.yaml.journal (%s)",
	   f->journal_path ? f->journal_path : "null");
	ok(f->journal_mode && f->njournal == 0 && f->recovered == 0 &&
	   !f->need_full && !exists(f->journal_path) && !sy_file_pending_flush(f),
	   "threshold 0: journal mode, no journal yet, nothing pending");
	b0 = read_blob(f->annot_path);
	ok(b0.p != NULL, "annotation file written by extraction");
	jpath = strdup(f->journal_path);

	st = sy_review_accept(f, model_ref(f, "n1"), &e);
	after_decision(f, st, &e, ++k, &b0, "accept n1");
	st = sy_review_reject(f, model_ref(f, "n7"), &e);
	after_decision(f, st, &e, ++k, &b0, "reject n7");
	nf = f->annot.stats[model_ref(f, "n4").index];      /* shallow */
	nf.value = 32;
	nf.unit = "件";
	st = sy_review_fix_stat(f, model_ref(f, "n4").index, &nf, &e);
	after_decision(f, st, &e, ++k, &b0, "fix_stat n4");
	st = sy_review_fix_section(f, model_ref(f, "s1").index, 1, "一、", "主要工作情况", &e);
	after_decision(f, st, &e, ++k, &b0, "fix_section s1");
	d = f->annot.doc;                                 /* shallow */
	d.region = "柏溪";
	d.date = "2022-12-21";
	st = sy_review_fix_document(f, &d, &e);
	after_decision(f, st, &e, ++k, &b0, "fix_document");
	st = sy_review_move_span(f, model_ref(f, "n3"), 0, 1, &e);
	after_decision(f, st, &e, ++k, &b0, "move_span n3");
	st = sy_review_tag(f, model_ref(f, "n2"), "borderline", &e);
	after_decision(f, st, &e, ++k, &b0, "tag n2");
	st = sy_review_note(f, model_ref(f, "s2"), "标题核对原文", &e);
	after_decision(f, st, &e, ++k, &b0, "note s2");
	span_of("8件", &s0, &e0);
	st = sy_review_add_stat(f, s0, e0, &r, &e);
	after_decision(f, st, &e, ++k, &b0, "add_stat 8件");
	is_str(sy_item_id(f, r), "n10", "the added statistic is n10");
	span_of("（三）加强监督制约", &s0, &e0);
	st = sy_review_add_section(f, s0, e0, &r, &e);
	after_decision(f, st, &e, ++k, &b0, "add_section （三）");
	is_str(sy_item_id(f, r), "s7", "the added section is s7");
	st = sy_review_undo(f, NULL, &e);
	after_decision(f, st, &e, ++k, &b0, "undo (the add of s7)");
	ok(!sy_item_find(f, "s7", &r), "s7 gone in memory after undo");
	st = sy_review_redo(f, NULL, &e);
	after_decision(f, st, &e, ++k, &b0, "redo (the add of s7)");
	ok(sy_item_find(f, "s7", &r), "s7 back in memory after redo");

	/* an add undone before the crash */
	span_of("法治意识", &s0, &e0);
	st = sy_review_add_stat(f, s0, e0, &r, &e);
	after_decision(f, st, &e, ++k, &b0, "add_stat 法治意识");
	id = st == SY_OK ? strdup(sy_item_id(f, r)) : strdup("?");
	is_str(id, "n11", "the second added statistic is n11");
	/* the cursor travels with the next record */
	sy_file_set_cursor(f, model_ref(f, "n5"));
	st = sy_review_undo(f, NULL, &e);
	after_decision(f, st, &e, ++k, &b0, "undo (the add of n11)");
	ok(!sy_item_find(f, id, &r), "%s gone in memory after undo", id);

	/* the crash: close without flush or save */
	snap_take(f, &snap);
	ok(snap.canon != NULL, "snapshot of the model before the crash");
	sy_file_close(f);
	ok(exists(jpath) && journal_records(jpath) == k,
	   "after the crash the journal holds all %zu records", k);
	{
		blob rep = { (char *)report_text, sizeof report_text - 1 };
		ok(same_bytes(report, &rep), "the report itself is untouched");
	}
	{
		char *ap = sy_review_annot_path(report);
		ok(same_bytes(ap, &b0), "the annotation file is still as extracted");
		free(ap);
	}
	test_reader(report, jpath, &snap, id, k);

	/* session 2: recovery */
	st = sy_file_open(f, report, "tester", &e);
	ok(st == SY_OK, "reopen after the crash: %s", st ? e.msg : "ok");
	if (st != SY_OK) {
		printf("Bail out! cannot reopen %s\n", report);
		exit(1);
	}
	ok(f->recovered == k, "recovered == %zu (%zu)", k, f->recovered);
	ok(!exists(jpath), "the journal is gone after recovery");
	ok(f->njournal == 0 && f->saved && !f->need_full &&
	   !sy_file_pending_flush(f) && !f->created,
	   "after recovery: saved, nothing pending");
	ok(!same_bytes(f->annot_path, &b0), "the annotation file was rewritten");
	ok(model_reload(f->annot_path, &a), "the recovered file parses");

	for (size_t i = 0; i < NELEM(touched_stats); i++) {
		const char *sid = touched_stats[i];
		ok(stat_same(stat_by_id(&a, sid), stat_by_id(&snap.items, sid)) &&
		   stat_same(stat_by_id(&f->annot, sid), stat_by_id(&snap.items, sid)),
		   "%s on disk and in memory as before the crash (status, fields, "
		   "tags, note, proposed)", sid);
	}
	for (size_t i = 0; i < NELEM(touched_sections); i++) {
		const char *sid = touched_sections[i];
		ok(section_same(sec_by_id(&a, sid),
				sec_by_id(&snap.items, sid)) &&
		   section_same(sec_by_id(&f->annot, sid),
				sec_by_id(&snap.items, sid)),
		   "%s on disk and in memory as before the crash", sid);
	}
	ok(doc_same(&a.doc, &snap.doc) && doc_same(&f->annot.doc, &snap.doc),
	   "document facts (and their proposed) as before the crash");
	/* spot checks that the snapshot holds the decisions at all */
	{
		const sy_stat *n1 = stat_by_id(&a, "n1"), *n4 = stat_by_id(&a, "n4"),
			*n2 = stat_by_id(&a, "n2");
		const sy_section *s2 = sec_by_id(&a, "s2"), *s7 = sec_by_id(&a, "s7");
		ok(n1 && n1->r.status == SY_ACCEPTED && n4 && n4->value == 32 &&
		   n4->r.status == SY_FIXED && n4->r.proposed && n2 &&
		   n2->r.tags.n == 1 && s2 && str_same(s2->r.note, "标题核对原文") &&
		   s7 && s7->r.status == SY_ADDED && a.doc.status == SY_FIXED &&
		   str_same(a.doc.region, "柏溪") &&
		   stat_by_id(&a, "n7")->r.status == SY_REJECTED,
		   "the recovered file holds the decisions (n1 accepted, n4 32 "
		   "fixed, n2 tagged, s2 note, s7 added, document fixed)");
	}
	ok(!stat_by_id(&a, id) && !sy_item_find(f, id, &r),
	   "the undone add %s is absent after recovery", id);
	{
		char *now = canon_file(f->annot_path), *mem = canon_model(&f->annot);
		ok(now && snap.canon && !strcmp(now, snap.canon),
		   "the whole recovered file equals the model before the crash");
		ok(now && mem && !strcmp(now, mem), "memory equals the file");
		free(now);
		free(mem);
	}
	is_str(a.review.cursor, "n5", "review.cursor n5 survived via the journal");
	ok(sy_file_cursor(f, &r) && str_same(sy_item_id(f, r), "n5"),
	   "the cursor names n5 after reopening");

	/* the undone id is never handed out again */
	span_of("3个村", &s0, &e0);
	st = sy_review_add_stat(f, s0, e0, &r, &e);
	ok(st == SY_OK && strcmp(sy_item_id(f, r), id) != 0,
	   "a new statistic gets a new id (%s, not the undone %s)",
	   st == SY_OK ? sy_item_id(f, r) : "?", id);
	ok(st == SY_OK && f->njournal == 1 && exists(jpath),
	   "that decision is journaled again");

	snap_free(&snap);
	sy_annot_free(&a);
	blob_free(&b0);
	free(jpath);
	free(id);
}

/* ------------------------------------------------------------ flush */

/* F holds one journaled decision (from test_crash). */
static void test_flush(sy_file *f, const char *report)
{
	sy_error e = { 0 };
	struct stat s1, s2;
	blob before, after;
	char *jpath = strdup(f->journal_path), *last;
	sy_annot a;
	sy_item_ref r;

	sy_annot_init(&a);
	ok(sy_file_pending_flush(f), "a flush is pending with a journaled decision");
	before = read_blob(f->annot_path);
	ok(sy_file_flush(f, &e) == SY_OK, "flush succeeds");
	ok(!exists(jpath) && f->njournal == 0 && !sy_file_pending_flush(f) &&
	   f->saved && !f->need_full, "flush removed the journal; nothing pending");
	ok(!same_bytes(f->annot_path, &before) && model_reload(f->annot_path, &a) &&
	   stat_by_id(&a, "n12") && stat_by_id(&a, "n12")->r.status == SY_ADDED,
	   "the file now holds the journaled decision (n12 added)");
	blob_free(&before);

	after = read_blob(f->annot_path);
	ok(stat(f->annot_path, &s1) == 0, "stat the file");
	usleep(20000);
	ok(sy_file_flush(f, &e) == SY_OK && !exists(jpath),
	   "flush with nothing pending: SY_OK, no journal made");
	ok(stat(f->annot_path, &s2) == 0 && s1.st_ino == s2.st_ino &&
	   s1.st_mtim.tv_sec == s2.st_mtim.tv_sec &&
	   s1.st_mtim.tv_nsec == s2.st_mtim.tv_nsec &&
	   same_bytes(f->annot_path, &after),
	   "a no-op flush does not touch the file (inode, mtime, bytes)");
	blob_free(&after);

	/* leaving the report after a flush: nothing to recover */
	last = canon_model(&f->annot);
	sy_file_close(f);
	ok(sy_file_open(f, report, "tester", &e) == SY_OK && f->recovered == 0 &&
	   sy_item_find(f, "n12", &r), "reopen after a flush: nothing recovered, n12 "
	   "there");
	{
		char *now = canon_model(&f->annot);
		ok(now && last && !strcmp(now, last), "the model is as it was left");
		free(now);
	}
	free(last);
	sy_file_close(f);
	sy_annot_free(&a);
	free(jpath);
}

/* ------------------------------------------------------------ damage */

/* Open REPORT, make the decisions accept NAMES[0..n), close without a
 * flush.  True when all went to the journal. */
static bool session_accepts(const char *report, const char *const *names,
			    size_t n)
{
	sy_file f;
	sy_error e = { 0 };
	bool good;

	if (sy_file_open(&f, report, NULL, &e) != SY_OK) {
		diag("open %s: %s", report, e.msg);
		return false;
	}
	good = true;
	for (size_t i = 0; i < n; i++)
		if (sy_review_accept(&f, model_ref(&f, names[i]), &e) != SY_OK) {
			diag("accept %s: %s", names[i], e.msg);
			good = false;
		}
	good = good && f.njournal == n;
	sy_file_close(&f);
	return good;
}

static void test_truncated(void)
{
	static const char *const two[] = { "n1", "n2" }, *const two2[] = { "n3", "n4" };
	char *report = new_report("tr.txt");
	char *yaml = sy_review_annot_path(report), *jpath = sy_journal_path(yaml);
	sy_file f;
	sy_error e = { 0 };
	sy_status st;
	struct stat sb;
	blob j;
	long second;

	ok(session_accepts(report, two, 2) && journal_records(jpath) == 2,
	   "tr: two decisions journaled");
	ok(stat(jpath, &sb) == 0 && truncate(jpath, sb.st_size - 3) == 0 &&
	   journal_records(jpath) == 1, "tr: journal cut 3 bytes short (1 complete "
	   "record left)");
	st = sy_file_open(&f, report, NULL, &e);
	ok(st == SY_OK, "tr: open with a cut last record succeeds%s%s",
	   st ? ": " : "", st ? e.msg : "");
	ok(f.recovered == 1 && !exists(jpath), "tr: recovered == 1 (%zu), journal gone",
	   f.recovered);
	ok(sy_item_status(&f, model_ref(&f, "n1")) == SY_ACCEPTED &&
	   sy_item_status(&f, model_ref(&f, "n2")) == SY_PENDING &&
	   disk_stat_status(yaml, "n1") == SY_ACCEPTED &&
	   disk_stat_status(yaml, "n2") == SY_PENDING,
	   "tr: only the complete record applied (n1 accepted, n2 pending; memory "
	   "and disk)");
	sy_file_close(&f);

	/* a cut inside the second record's header */
	ok(session_accepts(report, two2, 2), "tr: two more decisions journaled");
	j = read_blob(jpath);
	second = find_nth(&j, "#shenyue-journal ", 1);
	ok(second > 0 && truncate(jpath, second + 10) == 0,
	   "tr: journal cut inside the second header");
	blob_free(&j);
	st = sy_file_open(&f, report, NULL, &e);
	ok(st == SY_OK && f.recovered == 1 && !exists(jpath) &&
	   disk_stat_status(yaml, "n3") == SY_ACCEPTED &&
	   disk_stat_status(yaml, "n4") == SY_PENDING,
	   "tr: a header cut short is ignored too (recovered %zu)%s%s",
	   st == SY_OK ? f.recovered : 0, st ? ": " : "", st ? e.msg : "");
	sy_file_close(&f);

	/* an empty journal (created, nothing written) */
	ok(write_file(jpath, "", 0) && sy_file_open(&f, report, NULL, &e) == SY_OK &&
	   f.recovered == 0 && !exists(jpath), "tr: an empty journal: opened, "
	   "nothing recovered, removed");
	sy_file_close(&f);
	free(report);
	free(yaml);
	free(jpath);
}

static void test_damaged(void)
{
	static const char *const three[] = { "n1", "n2", "n3" };
	char *report = new_report("dm.txt");
	char *yaml = sy_review_annot_path(report), *jpath = sy_journal_path(yaml);
	sy_file f;
	sy_error e = { 0 };
	sy_status st;
	blob a0, j0, j1;
	long second;

	ok(session_accepts(report, three, 3) && journal_records(jpath) == 3,
	   "dm: three decisions journaled");
	a0 = read_blob(yaml);
	j0 = read_blob(jpath);
	j1 = read_blob(jpath);
	second = find_nth(&j1, "#shenyue-journal", 1);
	ok(a0.p && second > 0, "dm: the second record's header found");
	if (second > 0)
		memcpy(j1.p + second, "#shenyue-XXXXXXX", 16);
	ok(write_file(jpath, j1.p, j1.n), "dm: the second header damaged");

	memset(&e, 0, sizeof e);
	st = sy_file_open(&f, report, NULL, &e);
	ok(st != SY_OK, "dm: open refuses a damaged record before the last one");
	ok(st == SY_ERR_FORMAT && strstr(e.msg, jpath) && strstr(e.msg, "record 2"),
	   "dm: the message names the journal and record 2: %s", e.msg);
	ok(same_bytes(yaml, &a0) && same_bytes(jpath, &j1),
	   "dm: annotation file and journal byte-for-byte unchanged");
	ok(!f.annot_path && !f.journal_path && !f.src.text, "dm: the sy_file is left empty");

	/* the journal repaired: everything comes back */
	ok(write_file(jpath, j0.p, j0.n) && sy_file_open(&f, report, NULL, &e) == SY_OK &&
	   f.recovered == 3 && disk_stat_status(yaml, "n1") == SY_ACCEPTED &&
	   disk_stat_status(yaml, "n2") == SY_ACCEPTED &&
	   disk_stat_status(yaml, "n3") == SY_ACCEPTED && !exists(jpath),
	   "dm: once repaired, all three records recovered");
	sy_file_close(&f);
	blob_free(&a0);
	blob_free(&j0);
	blob_free(&j1);
	free(report);
	free(yaml);
	free(jpath);
}

static void test_other_sha(void)
{
	static const char *const one[] = { "n1" };
	char *report = new_report("sh.txt");
	char *yaml = sy_review_annot_path(report), *jpath = sy_journal_path(yaml);
	sy_file f;
	sy_error e = { 0 };
	sy_status st;
	blob a0, j1;
	long at;

	ok(session_accepts(report, one, 1), "sh: one decision journaled");
	a0 = read_blob(yaml);
	j1 = read_blob(jpath);
	at = find_nth(&j1, "sha256: ", 0);
	if (at >= 0) {
		at += 8;
		if (j1.p[at] == '"' || j1.p[at] == '\'')
			at++;
		j1.p[at] = j1.p[at] == '0' ? '1' : '0';
	}
	ok(at > 0 && write_file(jpath, j1.p, j1.n),
	   "sh: source.sha256 inside the journal changed");
	st = sy_file_open(&f, report, NULL, &e);
	ok(st != SY_OK && strstr(e.msg, jpath) && strstr(e.msg, "sha256"),
	   "sh: open refuses a journal for another version: %s",
	   st ? e.msg : "opened");
	ok(same_bytes(yaml, &a0) && same_bytes(jpath, &j1),
	   "sh: both files unchanged");
	if (st == SY_OK)
		sy_file_close(&f);
	blob_free(&a0);
	blob_free(&j1);
	free(report);
	free(yaml);
	free(jpath);
}

/* ------------------------------------------------------------ failures */

static void test_failed_append(void)
{
	char *report = new_report("fa.txt");
	char *gone = path_in("gone"), *bad = path_in("gone/fa.yaml.journal");
	char *good;
	sy_file f;
	sy_error e = { 0 };
	sy_status st;
	blob b0;

	if (sy_file_open(&f, report, NULL, &e) != SY_OK) {
		ok(0, "fa: open: %s", e.msg);
		return;
	}
	good = f.journal_path;
	b0 = read_blob(f.annot_path);
	ok(sy_review_accept(&f, model_ref(&f, "n1"), &e) == SY_OK && f.njournal == 1,
	   "fa: accept n1 journaled");

	/* the journal's folder is missing */
	rmdir(gone);
	f.journal_path = bad;
	/* as if the journal had always been there (else the journal at the
	 * old path counts as removed by someone else: review_sync.c) */
	sy_ondisk_record_journal(&f.disk, bad);
	st = sy_review_accept(&f, model_ref(&f, "n2"), &e);
	ok(st == SY_ERR_UNSAVED, "fa: a failed append returns SY_ERR_UNSAVED: %s", e.msg);
	ok(!f.saved && f.need_full && f.save_error[0] && sy_file_pending_flush(&f),
	   "fa: saved false, need_full true, save_error set (%s)", f.save_error);
	ok(sy_item_status(&f, model_ref(&f, "n2")) == SY_ACCEPTED && f.nundo == 2,
	   "fa: the decision stays in memory and in the history");
	ok(same_bytes(f.annot_path, &b0), "fa: the annotation file not yet written");
	f.journal_path = good;
	sy_ondisk_record_journal(&f.disk, good);
	st = sy_review_accept(&f, model_ref(&f, "n3"), &e);
	ok(st == SY_OK && f.saved && !f.need_full && f.njournal == 0 &&
	   !exists(good) && !f.save_error[0],
	   "fa: with a good path the next command saves in full, journal removed");
	ok(disk_stat_status(f.annot_path, "n1") == SY_ACCEPTED &&
	   disk_stat_status(f.annot_path, "n2") == SY_ACCEPTED &&
	   disk_stat_status(f.annot_path, "n3") == SY_ACCEPTED,
	   "fa: the file holds n1, the failed n2 and n3");
	ok(sy_review_accept(&f, model_ref(&f, "n4"), &e) == SY_OK && f.njournal == 1 &&
	   exists(good), "fa: the next decision goes to the journal again");

	/* the journal's path is a folder */
	ok(sy_file_flush(&f, &e) == SY_OK && !exists(good), "fa: flush");
	blob_free(&b0);
	b0 = read_blob(f.annot_path);
	ok(mkdir(good, 0700) == 0, "fa: NAME.yaml.journal made a folder");
	st = sy_review_accept(&f, model_ref(&f, "n5"), &e);
	ok(st == SY_ERR_UNSAVED && !f.saved && f.need_full,
	   "fa: append into a folder: SY_ERR_UNSAVED, need_full: %s", e.msg);
	ok(same_bytes(f.annot_path, &b0), "fa: the annotation file not yet written");
	rmdir(good);
	st = sy_file_save(&f, &e);
	ok(st == SY_OK && f.saved && !f.need_full && !sy_file_pending_flush(&f),
	   "fa: folder gone: sy_file_save succeeds: %s", st ? e.msg : "ok");
	ok(disk_stat_status(f.annot_path, "n4") == SY_ACCEPTED &&
	   disk_stat_status(f.annot_path, "n5") == SY_ACCEPTED && !exists(good),
	   "fa: the file holds both n4 and the failed n5; no journal");

	sy_file_close(&f);
	blob_free(&b0);
	free(report);
	free(gone);
	free(bad);
}

/* ------------------------------------------------------------ CLI */

static void skip(const char *why)
{
	++tap_n;
	printf("ok %d - # SKIP %s\n", tap_n, why);
	fflush(stdout);
}

/* Run PROG ARGV with stdout to /dev/null and stderr to ERRPATH; its exit
 * status, or -1. */
static int run_prog(const char *prog, char *const argv[], const char *errpath)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int nul = open("/dev/null", O_WRONLY);
		if (fd < 0 || nul < 0)
			_exit(126);
		dup2(fd, 2);
		dup2(nul, 1);
		execv(prog, argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_cli(void)
{
	static const char *const one[] = { "n1" };
	const char *prog = getenv("SHENYUE");
	char *report, *yaml, *jpath, *errpath;
	blob a0, j0, msg;
	int rc;
	sy_annot a;
	struct stat sb;

	if (!prog || !*prog)
		prog = "./shenyue";
	if (stat(prog, &sb) != 0 || !S_ISREG(sb.st_mode) || access(prog, X_OK) != 0) {
		char why[600];
		snprintf(why, sizeof why, "%s is not executable", prog);
		for (int i = 0; i < 6; i++)
			skip(why);
		return;
	}
	report = new_report("cl.txt");
	yaml = sy_review_annot_path(report);
	jpath = sy_journal_path(yaml);
	errpath = path_in("cl.err");
	sy_annot_init(&a);

	ok(session_accepts(report, one, 1) && exists(jpath),
	   "cli: a journal beside the annotation file");
	a0 = read_blob(yaml);
	j0 = read_blob(jpath);
	rc = run_prog(prog, (char *const[]){ (char *)prog, "extract", report, NULL },
		      errpath);
	msg = read_blob(errpath);
	while (msg.p && msg.n && msg.p[msg.n - 1] == '\n')
		msg.p[--msg.n] = '\0';
	ok(rc == 1, "cli: extract with a journal exits 1 (%d)", rc);
	ok(msg.p && strstr(msg.p, "journal") && strstr(msg.p, "--force"),
	   "cli: the message mentions the journal: %s", msg.p ? msg.p : "(none)");
	ok(same_bytes(yaml, &a0) && same_bytes(jpath, &j0),
	   "cli: annotation file and journal untouched");
	blob_free(&msg);

	rc = run_prog(prog, (char *const[]){ (char *)prog, "extract", "--force",
					      report, NULL }, errpath);
	ok(rc == 0 && !exists(jpath), "cli: extract --force exits 0 (%d), the "
	   "journal removed", rc);
	ok(model_reload(yaml, &a) && !sy_annot_has_reviewed(&a),
	   "cli: the annotation file extracted afresh (all pending)");

	sy_annot_free(&a);
	blob_free(&a0);
	blob_free(&j0);
	free(report);
	free(yaml);
	free(jpath);
	free(errpath);
}

int main(void)
{
	char *report;
	sy_file f;

	sy_journal_min_bytes = 0;
	if (!testfs_begin("test_journal"))
		return 1;
	report = new_report("qs.txt");

	test_api();
	test_crash(report, &f);
	test_flush(&f, report);
	test_truncated();
	test_damaged();
	test_other_sha();
	test_failed_append();
	test_cli();

	free(report);
	remove_tree(tmpdir);
	return tap_done();
}
