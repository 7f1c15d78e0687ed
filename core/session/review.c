/* review.c - reviewing one report (see review.h).
 *
 * Every command works the same way: copy the touched item twice into an
 * sy_edit (BEFORE and AFTER), change the AFTER copy (all allocations happen
 * there, so a failure leaves the model as it was), then make the model's
 * item equal to AFTER, push the edit on the undo stack, clear the redo
 * stack and save.  Undo makes the item equal to BEFORE again, redo to
 * AFTER.  Edits name their item by id, never by index: the lists are kept
 * sorted by (start, end) and indices shift.  An item that does not exist
 * in a state (before an add, after an added item is rejected) is removed
 * when that state is applied, and inserted again, with the same id, when
 * the other state is.
 *
 * `proposed` keeps the extractor's values of the fields a reviewer
 * changed, as YAML scalars; a field changed back to its proposed value
 * leaves `proposed`, and an item with nothing left there is accepted.
 * The document has no `proposed` in the model: it is kept as the unknown
 * key `proposed` of document (doc.extra), which a load-save round trip
 * keeps.
 */
#include "session/review.h"
#include "model/validate.h"
#include "session/review_priv.h"

#include <dirent.h>
#include <unistd.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <time.h>
#include <sys/stat.h>
#include <time.h>

#include "format/annot_io.h"
#include "session/annot_read.h"
#include "extract/extract.h"
#include "extract/headings.h"
#include "text/numeral.h"
#include "format/paths.h"
#include "format/yaml_style.h"
#include "extract/stats.h"
#include "session/journal.h"
#include "merge/conflict.h"
#include "base/linkpath.h"
#include "base/writable.h"
#include "session/reanchor.h"
#include "base/sha256.h"
#include "extract/sections_of.h"
#include "text/textscan.h"
#include "base/utf8.h"

#define NONE ((size_t)-1)
#define DOC_ID "document"

/* struct sy_edit: see review_priv.h */

/* ------------------------------------------------------------ freeing */

static void tags_clear(sy_tags *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	memset(t, 0, sizeof *t);
}

static void review_clear(sy_review *r)
{
	tags_clear(&r->tags);
	free(r->note);
	sy_node_free(r->proposed);
	sy_node_free(r->extra);
	memset(r, 0, sizeof *r);
}

/* Free what S owns and zero it (sy_section outside an sy_annot). */
static void section_clear(sy_section *s)
{
	free(s->id);
	free(s->marker);
	free(s->title);
	review_clear(&s->r);
	memset(s, 0, sizeof *s);
}

static void stat_clear(sy_stat *s)
{
	free(s->id);
	free(s->text);
	free(s->unit);
	free(s->subject);
	free(s->section);
	review_clear(&s->r);
	memset(s, 0, sizeof *s);
}

/* Free the document facts' strings and extra, and zero D. */
static void doc_clear(sy_docfacts *d)
{
	free(d->title);
	free(d->issuer);
	free(d->region);
	free(d->date);
	sy_node_free(d->extra);
	memset(d, 0, sizeof *d);
}

/* Deep copy of the document facts SRC into *DST (whose old content is
 * freed on success).  0, or -1 on OOM with *DST unchanged. */
static int doc_copy(sy_docfacts *dst, const sy_docfacts *src)
{
	sy_docfacts d;

	memset(&d, 0, sizeof d);
	d.year = src->year;
	d.status = src->status;
	d.title = sy_strdup(src->title);
	d.issuer = sy_strdup(src->issuer);
	d.region = sy_strdup(src->region);
	d.date = sy_strdup(src->date);
	d.extra = src->extra ? sy_node_clone(src->extra) : NULL;
	if ((src->title && !d.title) || (src->issuer && !d.issuer) ||
	    (src->region && !d.region) || (src->date && !d.date) ||
	    (src->extra && !d.extra)) {
		doc_clear(&d);
		return -1;
	}
	doc_clear(dst);
	*dst = d;
	return 0;
}

static void edit_free(sy_edit *e)
{
	if (!e)
		return;
	for (int i = 0; i < 2; i++) {
		section_clear(&e->sec[i]);
		stat_clear(&e->stat[i]);
		doc_clear(&e->doc[i]);
	}
	sy_secids_free(&e->held);
	free(e->id);
	free(e);
}

/* ------------------------------------------------------------ equality */

static bool review_eq(const sy_review *a, const sy_review *b)
{
	if (a->status != b->status || a->tags.n != b->tags.n ||
	    !sy_str_eq(a->note, b->note) ||
	    !sy_node_equal(a->proposed, b->proposed, false) ||
	    !sy_node_equal(a->extra, b->extra, false))
		return false;
	for (size_t i = 0; i < a->tags.n; i++)
		if (!sy_str_eq(a->tags.v[i], b->tags.v[i]))
			return false;
	return true;
}

static bool section_eq(const sy_section *a, const sy_section *b)
{
	return sy_str_eq(a->id, b->id) && a->level == b->level &&
	       sy_str_eq(a->marker, b->marker) && sy_str_eq(a->title, b->title) &&
	       a->start == b->start && a->end == b->end &&
	       review_eq(&a->r, &b->r);
}

static bool stat_eq(const sy_stat *a, const sy_stat *b)
{
	return sy_str_eq(a->id, b->id) && sy_str_eq(a->text, b->text) &&
	       a->start == b->start && a->end == b->end &&
	       sy_num_eq(a->value, a->has_value, b->value, b->has_value) &&
	       sy_str_eq(a->unit, b->unit) && a->approx == b->approx &&
	       sy_num_eq(a->value_max, a->has_value_max, b->value_max,
		      b->has_value_max) &&
	       sy_str_eq(a->subject, b->subject) &&
	       sy_str_eq(a->section, b->section) && review_eq(&a->r, &b->r);
}

static bool doc_eq(const sy_docfacts *a, const sy_docfacts *b)
{
	return sy_str_eq(a->title, b->title) && sy_str_eq(a->issuer, b->issuer) &&
	       sy_str_eq(a->region, b->region) && a->year == b->year &&
	       sy_str_eq(a->date, b->date) && a->status == b->status &&
	       sy_node_equal(a->extra, b->extra, false);
}

/* Does E change nothing? */
static bool edit_is_noop(const sy_edit *e)
{
	if (e->exists[0] != e->exists[1])
		return false;
	if (!e->exists[0])
		return true;
	switch (e->kind) {
	case SY_ITEM_SECTION:
		return section_eq(&e->sec[0], &e->sec[1]);
	case SY_ITEM_STAT:
		return stat_eq(&e->stat[0], &e->stat[1]);
	default:
		return doc_eq(&e->doc[0], &e->doc[1]);
	}
}

/* ------------------------------------------------------------ items */

/* Where ids were last found (sy_file.id_hint), by a hash of the id: one
 * slot per hash for sections, one for statistics.  Only hints: each is
 * checked against the model before it is used, so a stale one (after a
 * sort, an insertion, a removal) costs the scan it saves, never a wrong
 * answer.  (Ids are looked up several times per decision; a scan of
 * 150,000 items is about a millisecond.) */
#define ID_HINTS 4096

_Static_assert(offsetof(sy_section, id) == 0 && offsetof(sy_stat, id) == 0,
	       "find_id reads the id as the first field of an item");

static size_t id_slot(const char *id)
{
	size_t h = 5381;

	for (; *id; id++)
		h = h * 33 + (unsigned char)*id;
	return h & (ID_HINTS - 1);
}

/* The id of item I of list K (0 sections, 1 statistics) of A. */
static const char *nth_id(const sy_annot *a, int k, size_t i)
{
	return k ? a->stats[i].id : a->sections[i].id;
}

/* The hinted place of ID in list K of F, or NONE when the hint is stale
 * (or F has no hints). */
static size_t hinted(const sy_file *f, int k, const char *id)
{
	size_t i, n = k ? f->annot.nstats : f->annot.nsections;

	if (!f->id_hint)
		return NONE;
	i = f->id_hint[k * ID_HINTS + id_slot(id)];
	return i < n && sy_str_eq(nth_id(&f->annot, k, i), id) ? i : NONE;
}

/* The index of the item with ID in list K of F, or NONE. */
static size_t find_id(const sy_file *f, int k, const char *id)
{
	size_t i, n = k ? f->annot.nstats : f->annot.nsections;

	if (!id)
		return NONE;
	if ((i = hinted(f, k, id)) != NONE)
		return i;
	for (i = 0; i < n; i++)
		if (sy_str_eq(nth_id(&f->annot, k, i), id)) {
			if (f->id_hint)
				f->id_hint[k * ID_HINTS + id_slot(id)] = i;
			return i;
		}
	return NONE;
}

/* Index of the section / statistic with ID, or NONE. */
static size_t find_section(const sy_file *f, const char *id)
{
	return find_id(f, 0, id);
}

static size_t find_stat(const sy_file *f, const char *id)
{
	return find_id(f, 1, id);
}

/* Does IT name an item of F? */
static bool ref_valid(const sy_file *f, sy_item_ref it)
{
	switch (it.kind) {
	case SY_ITEM_DOCUMENT:
		return true;
	case SY_ITEM_SECTION:
		return it.index < f->annot.nsections;
	case SY_ITEM_STAT:
		return it.index < f->annot.nstats;
	}
	return false;
}

size_t sy_file_item_count(const sy_file *f)
{
	return 1 + f->annot.nsections + f->annot.nstats;
}

bool sy_item_find(const sy_file *f, const char *id, sy_item_ref *out)
{
	size_t i;

	if (!id)
		return false;
	if (strcmp(id, DOC_ID) == 0) {
		*out = (sy_item_ref){ SY_ITEM_DOCUMENT, 0 };
		return true;
	}
	/* ids are unique over both lists: a hinted hit is the item */
	if ((i = hinted(f, 0, id)) != NONE) {
		*out = (sy_item_ref){ SY_ITEM_SECTION, i };
		return true;
	}
	if ((i = hinted(f, 1, id)) != NONE) {
		*out = (sy_item_ref){ SY_ITEM_STAT, i };
		return true;
	}
	if ((i = find_section(f, id)) != NONE) {
		*out = (sy_item_ref){ SY_ITEM_SECTION, i };
		return true;
	}
	if ((i = find_stat(f, id)) != NONE) {
		*out = (sy_item_ref){ SY_ITEM_STAT, i };
		return true;
	}
	return false;
}

/* NULL when IT names no item. */
const char *sy_item_id(const sy_file *f, sy_item_ref it)
{
	if (!ref_valid(f, it))
		return NULL;
	if (it.kind == SY_ITEM_SECTION)
		return f->annot.sections[it.index].id;
	if (it.kind == SY_ITEM_STAT)
		return f->annot.stats[it.index].id;
	return DOC_ID;
}

/* NULL for the document and when IT names no item. */
const sy_review *sy_item_review(const sy_file *f, sy_item_ref it)
{
	if (!ref_valid(f, it) || it.kind == SY_ITEM_DOCUMENT)
		return NULL;
	if (it.kind == SY_ITEM_SECTION)
		return &f->annot.sections[it.index].r;
	return &f->annot.stats[it.index].r;
}

/* SY_PENDING when IT names no item. */
sy_review_status sy_item_status(const sy_file *f, sy_item_ref it)
{
	const sy_review *r;

	if (it.kind == SY_ITEM_DOCUMENT)
		return f->annot.doc.status;
	r = sy_item_review(f, it);
	return r ? r->status : SY_PENDING;
}

bool sy_item_span(const sy_file *f, sy_item_ref it, size_t *start, size_t *end)
{
	if (!ref_valid(f, it) || it.kind == SY_ITEM_DOCUMENT)
		return false;
	if (it.kind == SY_ITEM_SECTION) {
		*start = f->annot.sections[it.index].start;
		*end = f->annot.sections[it.index].end;
	} else {
		*start = f->annot.stats[it.index].start;
		*end = f->annot.stats[it.index].end;
	}
	return true;
}

/* Count the items that are not pending (at open; kept up to date by
 * edit_apply after that). */
static size_t count_reviewed(const sy_file *f)
{
	size_t n = f->annot.doc.status != SY_PENDING;

	for (size_t i = 0; i < f->annot.nsections; i++)
		n += f->annot.sections[i].r.status != SY_PENDING;
	for (size_t i = 0; i < f->annot.nstats; i++)
		n += f->annot.stats[i].r.status != SY_PENDING;
	return n;
}

void sy_file_progress(const sy_file *f, size_t *reviewed, size_t *total)
{
	*reviewed = f->nreviewed;
	*total = sy_file_item_count(f);
}

/* Keeps the old cursor when IT names no item or memory runs out. */
void sy_file_set_cursor(sy_file *f, sy_item_ref it)
{
	const char *id = sy_item_id(f, it);
	char *s;

	if (!id || sy_str_eq(id, f->annot.review.cursor))
		return;
	s = strdup(id);
	if (!s)
		return;
	free(f->annot.review.cursor);
	f->annot.review.cursor = s;
	f->cursor_moved = true;
}

bool sy_file_cursor(const sy_file *f, sy_item_ref *out)
{
	return sy_item_find(f, f->annot.review.cursor, out);
}

/* ------------------------------------------------------------ saving */

/* The current time as "YYYY-MM-DDTHH:MM:SSZ": new string, NULL on OOM. */
static char *utc_now(void)
{
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, sizeof buf, "1970-01-01T00:00:00Z");
	return strdup(buf);
}

/* Replace *DST with a copy of SRC (NULL allowed); -1 on OOM (*DST kept). */
static int set_str(char **dst, const char *src)
{
	char *s = sy_strdup(src);

	if (src && !s)
		return -1;
	free(*dst);
	*dst = s;
	return 0;
}

/* Record a failed save in F and ERR; returns SY_ERR_IO. */
static sy_status save_failed(sy_file *f, const char *msg, sy_error *err)
{
	size_t n = strlen(msg);

	if (n >= sizeof f->save_error) {      /* cut at a character boundary */
		n = sizeof f->save_error - 1;
		while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(f->save_error, msg, n);
	f->save_error[n] = '\0';
	f->saved = false;
	return sy_fail(err, SY_ERR_IO, "%s", msg);
}

size_t sy_journal_min_bytes = 256 * 1024;

/* Record the next free ids under review: next-ids, so that an id given
 * to an item that was then removed (an add undone) is never handed out
 * again, in this session or a later one.  0, or -1 on OOM. */
static int stamp_next_ids(sy_annot *a)
{
	char s[24], n[24];
	sy_node *m, *old;
	size_t i;

	snprintf(s, sizeof s, "%u", a->next_section_id ? a->next_section_id : 1);
	snprintf(n, sizeof n, "%u", a->next_stat_id ? a->next_stat_id : 1);
	m = sy_node_map();
	if (!m || sy_node_put(m, "sections", sy_node_scalar(s, 0)) ||
	    sy_node_put(m, "statistics", sy_node_scalar(n, 0))) {
		sy_node_free(m);
		return -1;
	}
	if (!a->review.extra && !(a->review.extra = sy_node_map())) {
		sy_node_free(m);
		return -1;
	}
	old = sy_node_get(a->review.extra, "next-ids");
	if (!old)
		return sy_node_put(a->review.extra, "next-ids", m);
	for (i = 0; i < a->review.extra->n; i++)
		if (a->review.extra->items[i] == old) {
			sy_node_free(old);
			a->review.extra->items[i] = m;
		}
	return 0;
}

/* Take review: next-ids of a loaded file into the model's counters. */
static void load_next_ids(sy_annot *a)
{
	const sy_node *m = a->review.extra ? sy_node_get(a->review.extra, "next-ids") : NULL;
	const sy_node *v;
	unsigned long x;

	if (!m || m->kind != SY_NODE_MAP)
		return;
	if ((v = sy_node_get(m, "sections")) && v->kind == SY_NODE_SCALAR &&
	    (x = strtoul(v->scalar, NULL, 10)) > a->next_section_id && x < 0xFFFFFFFFu)
		a->next_section_id = (unsigned)x;
	if ((v = sy_node_get(m, "statistics")) && v->kind == SY_NODE_SCALAR &&
	    (x = strtoul(v->scalar, NULL, 10)) > a->next_stat_id && x < 0xFFFFFFFFu)
		a->next_stat_id = (unsigned)x;
}

/* Set review.reviewer, review.updated and review.next-ids for a save. */
static int stamp(sy_file *f)
{
	sy_reviewinfo *r = &f->annot.review;
	char *now = utc_now();

	if (!now || (f->reviewer && set_str(&r->reviewer, f->reviewer)) ||
	    stamp_next_ids(&f->annot)) {
		free(now);
		return -1;
	}
	free(r->updated);
	r->updated = now;
	r->present = true;
	return 0;
}

/* Refuse a change to a file opened read-only. */
static sy_status read_only(const sy_file *f, sy_error *err)
{
	if (f->lock_lost)
		return sy_fail(err, SY_ERR_USAGE, "read-only: %s", f->save_error);
	if (f->ro_why)
		return sy_fail(err, SY_ERR_USAGE, "read-only: %s: %s (nothing is "
			       "changed)", f->annot_path, f->ro_why);
	return sy_fail(err, SY_ERR_USAGE, "read-only: %s is being reviewed by %s on %s "
		       "(nothing is changed)", f->annot_path,
		       f->holder.user[0] ? f->holder.user : "someone",
		       f->holder.host[0] ? f->holder.host : "another session");
}

sy_status sy_file_save(sy_file *f, sy_error *err)
{
	if (f->read_only)              /* nothing was changed, or the lock */
		return f->lock_lost ? sy_sync_write(f, true, SY_ITEM_DOCUMENT, NULL,
						    NULL, err) : SY_OK;
	return sy_sync_write(f, true, SY_ITEM_DOCUMENT, NULL, NULL, err);
}

sy_status sy_rv_save_failed(sy_file *f, const char *msg, sy_error *err)
{
	return save_failed(f, msg, err);
}

/* Written and hashed at once (write_file). */
typedef struct hashing_write {
	sy_atomic *at;
	sy_sha256 sha;
	size_t len;
} hashing_write;

static int write_hashed(void *ctx, const void *data, size_t len)
{
	hashing_write *h = ctx;

	sy_sha256_update(&h->sha, data, len);
	h->len += len;
	return sy_write_to_atomic(h->at, data, len);
}

/* Write the model atomically (streamed, as sy_annot_save) and remember
 * what was written (ondisk.h). */
static sy_status write_file(sy_file *f, sy_error *err)
{
	char sha[65];
	sy_atomic at;
	struct stat sb;
	bool have = false;
	hashing_write h;
	size_t len;
	sy_status st = sy_atomic_open(f->annot_path, &at, err);

	if (st != SY_OK)
		return st;
	h.at = &at;
	h.len = 0;
	sy_sha256_init(&h.sha);
	st = sy_annot_emit_to(&f->annot, write_hashed, &h, err);
	if (st != SY_OK) {
		sy_atomic_abort(&at);
		return sy_prefix(err, "%s: ", f->annot_path);
	}
	have = fstat(at.fd, &sb) == 0;
	if ((st = sy_atomic_commit(&at, err)) != SY_OK)
		return st;
	sy_sha256_hex(&h.sha, sha);
	len = h.len;
	f->journal_mode = sy_journal_min_bytes == 0 || len > sy_journal_min_bytes;
	/* what we wrote: the file now at the path if it is the one we wrote
	 * (its ctime is the rename's), else as it was before the rename (so
	 * that whoever replaced it since is seen as a change) */
	sy_ondisk_record(&f->disk, f->annot_path, NULL, sha);
	if (have && f->disk.known &&
	    (f->disk.file.dev != sb.st_dev || f->disk.file.ino != sb.st_ino)) {
		f->disk.file.exists = true;
		f->disk.file.dev = sb.st_dev;
		f->disk.file.ino = sb.st_ino;
		f->disk.file.size = sb.st_size;
		f->disk.file.mtime = sb.st_mtim;
		f->disk.file.ctime = sb.st_ctim;
	}
	return SY_OK;
}

sy_status sy_rv_write_full(sy_file *f, sy_error *err)
{
	sy_error e;

	if (stamp(f) || sy_sync_set_generation(&f->annot, f->generation + 1)) {
		snprintf(e.msg, sizeof e.msg, "%s: out of memory while saving",
			 f->annot_path);
		return save_failed(f, e.msg, err);
	}
	if (write_file(f, &e) != SY_OK)
		return save_failed(f, e.msg, err);
	f->generation++;
	/* everything is in the file now; the journal is spent */
	if (f->journal_path && sy_journal_remove(f->journal_path, &e) != SY_OK)
		return save_failed(f, e.msg, err);
	sy_ondisk_record_journal(&f->disk, f->journal_path);
	sy_sync_forget(f);
	f->njournal = 0;
	f->need_full = false;
	f->cursor_moved = false;
	f->saved = true;
	f->save_error[0] = '\0';
	return SY_OK;
}

sy_status sy_file_rescue(sy_file *f, char *path, size_t cap, sy_error *err)
{
	const char *dirs[3] = { getenv("SHENYUE_RESCUE_DIR"), getenv("HOME"), "/tmp" };
	const char *base = strrchr(f->annot_path, '/');
	char stamp_[32];
	time_t now = time(NULL);
	struct tm tm;
	sy_error e;

	base = base ? base + 1 : f->annot_path;
	gmtime_r(&now, &tm);
	strftime(stamp_, sizeof stamp_, "%Y%m%dT%H%M%SZ", &tm);
	for (size_t i = 0; i < 3; i++) {
		if (!dirs[i] || !*dirs[i])
			continue;
		snprintf(path, cap, "%s/%.*s.rescue-%s.yaml", dirs[i],
			 (int)(strlen(base) > 5 ? strlen(base) - 5 : strlen(base)), base,
			 stamp_);
		if (sy_annot_save(&f->annot, path, &e) == SY_OK)
			return SY_OK;
	}
	return sy_fail(err, SY_ERR_IO, "%s", e.msg);
}

/* Remove the temporary files that writers killed mid-save left beside the
 * annotation file (".NAME.yaml.XXXXXX"); called with the lock held, so no
 * other writer of this file is at work. */
static void clean_temp_files(const sy_file *f)
{
	char *target = sy_link_target(f->annot_path); /* where saves write */
	const char *path = target ? target : f->annot_path;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[4096], prefix[1024];
	size_t plen;
	DIR *d;
	struct dirent *de;

	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
		 slash ? path : ".");
	if (slash == path)
		snprintf(dir, sizeof dir, "/");
	plen = (size_t)snprintf(prefix, sizeof prefix, ".%s.", base);
	free(target);
	if (!(d = opendir(dir)))
		return;
	while ((de = readdir(d)) != NULL) {
		char p[4096 + 1024];
		if (strncmp(de->d_name, prefix, plen) != 0 || strlen(de->d_name) != plen + 6)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		unlink(p);
	}
	closedir(d);
}

bool sy_file_pending_flush(const sy_file *f)
{
	return f->njournal > 0 || f->need_full || !f->saved;
}

sy_status sy_file_flush(sy_file *f, sy_error *err)
{
	if (!sy_file_pending_flush(f))
		return SY_OK;
	return sy_file_save(f, err);
}

/* ------------------------------------------------------------ text */

/* Byte offset in TEXT[0..LEN) that is CP code points after byte FROM
 * (LEN when the text ends first).  TEXT is valid UTF-8. */
static size_t byte_after(const char *text, size_t len, size_t from, size_t cp)
{
	size_t b = from;

	for (size_t k = 0; k < cp && b < len; k++) {
		b++;
		while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
			b++;
	}
	return b;
}

/* The UTF-8 text of code points [START, END) of F's report: new string
 * (caller frees), NULL on OOM. */
static char *span_text(const sy_file *f, size_t start, size_t end)
{
	size_t b0 = byte_after(f->src.text, f->src.len, 0, start);
	size_t b1 = byte_after(f->src.text, f->src.len, b0, end - start);

	return strndup(f->src.text + b0, b1 - b0);
}

/* Decode the valid UTF-8 S[0..N) into a new array *CP of *NCP code
 * points (caller frees).  0, or -1 on OOM. */
static int decode(const char *s, size_t n, uint32_t **cp, size_t *ncp)
{
	uint32_t *v = malloc((n ? n : 1) * sizeof *v);
	size_t i = 0, k = 0, used;

	if (!v)
		return -1;
	while (i < n) {
		used = sy_utf8_decode((const unsigned char *)s + i, n - i,
				      &v[k]);
		if (!used) {          /* cannot happen in sy_source text */
			v[k] = 0xFFFD;
			used = 1;
		}
		i += used;
		k++;
	}
	*cp = v;
	*ncp = k;
	return 0;
}

/* The line of F's report that holds code point AT: its code points (new
 * array, caller frees, '\n' excluded, a '\r' kept) and the code point
 * offset of its first one.  0, or -1 on OOM. */
static int line_at(const sy_file *f, size_t at, uint32_t **cp, size_t *n,
		   size_t *line_start)
{
	const char *t = f->src.text;
	size_t len = f->src.len, b = byte_after(t, len, 0, at), ls = b, le = b;

	while (ls > 0 && t[ls - 1] != '\n')
		ls--;
	while (le < len && t[le] != '\n')
		le++;
	*line_start = at - sy_utf8_count(t + ls, b - ls);
	return decode(t + ls, le - ls, cp, n);
}

/* ------------------------------------------------------------ proposed */

/* How a tracked field compares: as a number or as a string. */
typedef enum ftype { FT_NUM, FT_STR } ftype;

typedef struct fdesc {
	const char *key;
	ftype type;
} fdesc;

/* The fields a fix or a move can change, in the format's key order. */
static const fdesc STAT_FIELDS[] = {
	{ "text", FT_STR }, { "start", FT_NUM }, { "end", FT_NUM },
	{ "value", FT_NUM }, { "unit", FT_STR }, { "approx", FT_STR },
	{ "value_max", FT_NUM }, { "subject", FT_STR },
};
static const fdesc SECTION_FIELDS[] = {
	{ "level", FT_NUM }, { "marker", FT_STR }, { "title", FT_STR },
	{ "start", FT_NUM }, { "end", FT_NUM },
};
static const fdesc DOC_FIELDS[] = {
	{ "title", FT_STR }, { "issuer", FT_STR }, { "region", FT_STR },
	{ "year", FT_NUM }, { "date", FT_STR },
};
#define NFIELDS(a) (sizeof a / sizeof a[0])
#define MAXFIELDS 8

/* Is the scalar N null? */
static bool scal_is_null(const sy_node *n)
{
	return !n || (n->kind == SY_NODE_SCALAR && !n->quoted &&
		      (!n->scalar || !*n->scalar || !strcmp(n->scalar, "~") ||
		       !strcmp(n->scalar, "null") ||
		       !strcmp(n->scalar, "Null") ||
		       !strcmp(n->scalar, "NULL")));
}

/* Do the scalars A and B stand for the same value of a field of TYPE?
 * (938 and 938.0 are the same number; '件' and 件 the same string.) */
static bool scal_same(const sy_node *a, const sy_node *b, ftype type)
{
	bool na = scal_is_null(a), nb = scal_is_null(b);
	char *ea, *eb;
	double da, db;

	if (na || nb)
		return na && nb;
	if (a->kind != SY_NODE_SCALAR || b->kind != SY_NODE_SCALAR)
		return sy_node_equal(a, b, false);
	if (type == FT_NUM) {
		da = strtod(a->scalar, &ea);
		db = strtod(b->scalar, &eb);
		if (!*ea && !*eb && ea != a->scalar && eb != b->scalar)
			return da == db;
	}
	return sy_str_eq(a->scalar, b->scalar);
}

static void free_nodes(sy_node **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sy_node_free(v[i]);
		v[i] = NULL;
	}
}

/* The tracked fields of an item as scalars, in OUT[0..N) (new nodes,
 * the caller frees them).  0, or -1 on OOM (OUT then all NULL). */
static int check_nodes(sy_node **out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!out[i]) {
			free_nodes(out, n);
			return -1;
		}
	return 0;
}

static int stat_scalars(const sy_stat *s, sy_node **out)
{
	out[0] = sy_yaml_str_node(s->text);
	out[1] = sy_yaml_num_node((double)s->start, true);
	out[2] = sy_yaml_num_node((double)s->end, true);
	out[3] = sy_yaml_num_node(s->value, s->has_value);
	out[4] = sy_yaml_str_node(s->unit);
	out[5] = sy_yaml_str_node(sy_approx_name(s->approx));
	out[6] = sy_yaml_num_node(s->value_max, s->has_value_max);
	out[7] = sy_yaml_str_node(s->subject);
	return check_nodes(out, NFIELDS(STAT_FIELDS));
}

static int section_scalars(const sy_section *s, sy_node **out)
{
	out[0] = sy_yaml_num_node(s->level, true);
	out[1] = sy_yaml_str_node(s->marker);
	out[2] = sy_yaml_str_node(s->title);
	out[3] = sy_yaml_num_node((double)s->start, true);
	out[4] = sy_yaml_num_node((double)s->end, true);
	return check_nodes(out, NFIELDS(SECTION_FIELDS));
}

static int doc_scalars(const sy_docfacts *d, sy_node **out)
{
	out[0] = sy_yaml_str_node(d->title);
	out[1] = sy_yaml_str_node(d->issuer);
	out[2] = sy_yaml_str_node(d->region);
	out[3] = sy_yaml_num_node(d->year, d->year != 0);
	out[4] = sy_yaml_str_node(d->date);
	return check_nodes(out, NFIELDS(DOC_FIELDS));
}

static bool is_field(const fdesc *d, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(d[i].key, key) == 0)
			return true;
	return false;
}

/* The new `proposed` of an item whose fields D[0..N) go from the scalars
 * B to A, OLD being its present `proposed` (may be NULL).  A field's
 * extractor value is OLD's when OLD has it, else B's; it is kept when it
 * differs from A.  Keys of OLD that are not fields stay, after the
 * fields.  *OUT: a new mapping, or NULL when empty; *CHANGED: some field
 * differs between B and A.  0, or -1 on OOM. */
static int repropose(const sy_node *old, const fdesc *d, size_t n,
		     sy_node *const *b, sy_node *const *a, sy_node **out,
		     bool *changed)
{
	sy_node *m = sy_node_map();

	*out = NULL;
	*changed = false;
	if (!m)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const sy_node *orig = sy_node_get(old, d[i].key);
		if (!scal_same(b[i], a[i], d[i].type))
			*changed = true;
		if (!orig)
			orig = b[i];
		if (!scal_same(orig, a[i], d[i].type) &&
		    sy_node_put(m, d[i].key, sy_node_clone(orig)))
			goto oom;
	}
	for (size_t i = 0; old && old->kind == SY_NODE_MAP && i < old->n; i++)
		if (!is_field(d, n, old->keys[i]) &&
		    sy_node_put(m, old->keys[i], sy_node_clone(old->items[i])))
			goto oom;
	if (m->n)
		*out = m;
	else
		sy_node_free(m);
	return 0;
oom:
	sy_node_free(m);
	return -1;
}

/* After a fix or a move from the field scalars B to A: an added item stays
 * added, without `proposed`; any other item that changed gets the new
 * `proposed` and becomes fixed, or accepted when nothing differs from the
 * extractor's values any more.  0, or -1 on OOM (nothing changed). */
static int settle(sy_review_status *status, sy_node **proposed,
		  const fdesc *d, size_t n, sy_node *const *b,
		  sy_node *const *a)
{
	sy_node *np;
	bool changed;

	if (*status == SY_ADDED)
		return 0;
	if (repropose(*proposed, d, n, b, a, &np, &changed))
		return -1;
	if (!changed) {
		sy_node_free(np);
		return 0;
	}
	sy_node_free(*proposed);
	*proposed = np;
	*status = np ? SY_FIXED : SY_ACCEPTED;
	return 0;
}

/* Set KEY of the mapping *MAP (created when NULL) to VAL, taking it; a
 * NULL VAL removes KEY (and a mapping left empty becomes NULL).  0, or -1
 * on OOM (VAL is freed, *MAP unchanged). */
static int map_set(sy_node **map, const char *key, sy_node *val)
{
	sy_node *m = *map;
	size_t i;

	for (i = 0; m && i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0)
			break;
	if (m && i < m->n) {
		sy_node_free(m->items[i]);
		if (val) {
			m->items[i] = val;
			return 0;
		}
		free(m->keys[i]);
		memmove(m->keys + i, m->keys + i + 1,
			(m->n - i - 1) * sizeof *m->keys);
		memmove(m->items + i, m->items + i + 1,
			(m->n - i - 1) * sizeof *m->items);
		if (--m->n == 0) {
			sy_node_free(m);
			*map = NULL;
		}
		return 0;
	}
	if (!val)
		return 0;
	if (!m && !(m = sy_node_map())) {
		sy_node_free(val);
		return -1;
	}
	if (sy_node_put(m, key, val)) {
		if (!*map)
			sy_node_free(m);
		return -1;
	}
	*map = m;
	return 0;
}

/* settle() for an edit's AFTER state, from its BEFORE state. */
static int settle_edit(sy_edit *e)
{
	sy_node *b[MAXFIELDS] = { 0 }, *a[MAXFIELDS] = { 0 };
	sy_node *prop;
	size_t n;
	int r = -1;

	switch (e->kind) {
	case SY_ITEM_SECTION:
		n = NFIELDS(SECTION_FIELDS);
		if (!section_scalars(&e->sec[0], b) &&
		    !section_scalars(&e->sec[1], a))
			r = settle(&e->sec[1].r.status, &e->sec[1].r.proposed,
				   SECTION_FIELDS, n, b, a);
		break;
	case SY_ITEM_STAT:
		n = NFIELDS(STAT_FIELDS);
		if (!stat_scalars(&e->stat[0], b) &&
		    !stat_scalars(&e->stat[1], a))
			r = settle(&e->stat[1].r.status, &e->stat[1].r.proposed,
				   STAT_FIELDS, n, b, a);
		break;
	default:
		n = NFIELDS(DOC_FIELDS);
		prop = sy_node_get(e->doc[1].extra, "proposed");
		if (prop && !(prop = sy_node_clone(prop)))
			break;
		if (!doc_scalars(&e->doc[0], b) &&
		    !doc_scalars(&e->doc[1], a) &&
		    !settle(&e->doc[1].status, &prop, DOC_FIELDS, n, b, a)) {
			r = map_set(&e->doc[1].extra, "proposed", prop);
			prop = NULL;
		}
		sy_node_free(prop);
		break;
	}
	free_nodes(b, n);
	free_nodes(a, n);
	return r;
}

/* ------------------------------------------------------------ edits */

static sy_status nomem(const sy_file *f, sy_error *err)
{
	return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", f->annot_path);
}

static sy_status no_item(const sy_file *f, sy_error *err)
{
	return sy_fail(err, SY_ERR_USAGE, "%s: no such item", f->annot_path);
}

/* A new edit of IT with both states a copy of the item as it is now.
 * NULL on OOM. */
static sy_edit *edit_begin(const sy_file *f, sy_item_ref it)
{
	sy_edit *e = calloc(1, sizeof *e);
	int bad = 0;

	if (!e)
		return NULL;
	e->kind = it.kind;
	e->exists[0] = e->exists[1] = true;
	e->id = sy_strdup(sy_item_id(f, it));
	for (int i = 0; i < 2; i++) {
		const sy_annot *a = &f->annot;
		if (it.kind == SY_ITEM_SECTION)
			bad |= sy_section_copy(&e->sec[i],
					       &a->sections[it.index]);
		else if (it.kind == SY_ITEM_STAT)
			bad |= sy_stat_copy(&e->stat[i], &a->stats[it.index]);
		else
			bad |= doc_copy(&e->doc[i], &a->doc);
	}
	if (bad || !e->id) {
		edit_free(e);
		return NULL;
	}
	return e;
}

/* Where an item removed from index I of a list now holding N items
 * leaves the cursor. */
static sy_item_ref after_removal(sy_item_kind kind, size_t i, size_t n)
{
	if (n == 0)
		return (sy_item_ref){ SY_ITEM_DOCUMENT, 0 };
	return (sy_item_ref){ kind, i < n ? i : n - 1 };
}

/* A list of items of one kind, seen through its element size and the
 * functions that work on its elements, so that one routine can replace,
 * insert or remove an item of either kind. */
typedef struct item_list {
	sy_item_kind kind;
	void **v;              /* &a->sections or &a->stats */
	size_t *n, *cap;
	size_t size;           /* sizeof one element */
	size_t (*find)(const sy_file *f, const char *id);
	void (*clear)(void *item);
	int (*copy)(void *dst, const void *src);
	size_t (*start)(const void *item), (*end)(const void *item);
} item_list;

static void clear_section_v(void *p) { section_clear(p); }
static void clear_stat_v(void *p) { stat_clear(p); }
static int copy_section_v(void *d, const void *s) { return sy_section_copy(d, s); }
static int copy_stat_v(void *d, const void *s) { return sy_stat_copy(d, s); }
static size_t start_section(const void *p) { return ((const sy_section *)p)->start; }
static size_t end_section(const void *p) { return ((const sy_section *)p)->end; }
static size_t start_stat(const void *p) { return ((const sy_stat *)p)->start; }
static size_t end_stat(const void *p) { return ((const sy_stat *)p)->end; }

static item_list list_of(sy_annot *a, sy_item_kind kind)
{
	if (kind == SY_ITEM_SECTION)
		return (item_list){ kind, (void **)&a->sections, &a->nsections,
			&a->capsections, sizeof *a->sections, find_section,
			clear_section_v, copy_section_v, start_section, end_section };
	return (item_list){ kind, (void **)&a->stats, &a->nstats, &a->capstats,
		sizeof *a->stats, find_stat, clear_stat_v, copy_stat_v, start_stat,
		end_stat };
}

/* Make item ID of KIND as STATE says (NULL: it does not exist): replace,
 * insert or remove it; *WHERE names it, or the item now in its place.
 * 0, or -1 on OOM with A unchanged. */
static int apply_item(sy_file *f, sy_item_kind kind, const char *id,
		      const void *state, sy_item_ref *where)
{
	sy_annot *a = &f->annot;
	item_list l = list_of(a, kind);
	size_t i = l.find(f, id);
	union { sy_section sec; sy_stat stat; } u;   /* aligned for either */
	void *tmp = &u;
	char *base;
	bool moved;

	if (!state) {
		if (i != NONE) {
			base = *l.v;
			l.clear(base + i * l.size);
			memmove(base + i * l.size, base + (i + 1) * l.size,
				(*l.n - i - 1) * l.size);
			(*l.n)--;
		}
		*where = after_removal(kind, i, *l.n);
		return 0;
	}
	memset(&u, 0, sizeof u);
	if (l.copy(tmp, state))
		return -1;
	if (i == NONE && sy_grow(l.v, *l.n, l.cap, l.size)) {
		l.clear(tmp);
		return -1;
	}
	base = *l.v;
	if (i == NONE) {
		i = (*l.n)++;
		moved = true;
	} else {
		moved = l.start(base + i * l.size) != l.start(tmp) ||
			l.end(base + i * l.size) != l.end(tmp);
		l.clear(base + i * l.size);
	}
	memcpy(base + i * l.size, tmp, l.size);
	if (moved)                   /* the order can only change then */
		sy_annot_sort(a);
	*where = (sy_item_ref){ kind, l.find(f, id) };
	return 0;
}

/* E's item in state W. */
static int apply_edit_item(sy_file *f, const sy_edit *e, int w,
			   sy_item_ref *where)
{
	const void *state = !e->exists[w] ? NULL :
		e->kind == SY_ITEM_SECTION ? (const void *)&e->sec[w] : (const void *)&e->stat[w];
	return apply_item(f, e->kind, e->id, state, where);
}

/* The status of E's item as it is in F now (pending when it does not
 * exist, so that it counts as not reviewed). */
static sy_review_status status_now(const sy_file *f, const sy_edit *e)
{
	size_t i;

	if (e->kind == SY_ITEM_DOCUMENT)
		return f->annot.doc.status;
	if (e->kind == SY_ITEM_SECTION)
		return (i = find_section(f, e->id)) == NONE ? SY_PENDING
			: f->annot.sections[i].r.status;
	return (i = find_stat(f, e->id)) == NONE ? SY_PENDING
		: f->annot.stats[i].r.status;
}

/* Make F's item as in E's state W (0 before, 1 after); *WHERE names it
 * (or, when it was removed, the item now in its place).  All or nothing:
 * SY_ERR_NOMEM leaves the model as it was. */
static sy_status edit_apply(sy_file *f, const sy_edit *e, int w,
			    sy_item_ref *where, sy_error *err)
{
	sy_item_ref dummy;
	int r;

	if (!where)
		where = &dummy;
	f->nreviewed -= status_now(f, e) != SY_PENDING;
	if (e->kind != SY_ITEM_DOCUMENT)
		r = apply_edit_item(f, e, w, where);
	else {
		r = doc_copy(&f->annot.doc, &e->doc[w]);
		*where = (sy_item_ref){ SY_ITEM_DOCUMENT, 0 };
	}
	f->nreviewed += status_now(f, e) != SY_PENDING;
	return r ? nomem(f, err) : SY_OK;
}

/* Push E on the stack *V (*N used, *CAP allocated).  0 or -1 on OOM. */
static int push_edit(sy_edit ***v, size_t *n, size_t *cap, sy_edit *e)
{
	void *p = *v;

	if (sy_grow(&p, *n, cap, sizeof **v))
		return -1;
	*v = p;
	(*v)[(*n)++] = e;
	return 0;
}

static void clear_redo(sy_file *f)
{
	while (f->nredo)
		edit_free(f->redo[--f->nredo]);
}

/* The journal record for the state of item ID of kind KIND (or its
 * removal): a format-1 document holding that item, the document facts and
 * the review block; a removed item is named under review: journal-delete. */
static sy_status journal_record(sy_file *f, sy_item_kind kind, const char *id,
				const sy_secids *held, sy_error *err)
{
	sy_annot mini;
	sy_node *extra = NULL, *del = NULL;
	size_t i = NONE;
	char *buf = NULL;
	size_t len = 0, nmoved = 0;
	sy_stat *moved = NULL;  /* whose section changed with it: in the record */
	sy_status st;

	if (sy_secids_stats(&f->annot, held, &moved, &nmoved))
		return nomem(f, err);
	memset(&mini, 0, sizeof mini);
	mini.source = f->annot.source;         /* shallow: nothing is freed */
	mini.doc = f->annot.doc;
	mini.review = f->annot.review;
	mini.review.extra = NULL;
	if (kind == SY_ITEM_SECTION && (i = find_section(f, id)) != NONE) {
		mini.sections = &f->annot.sections[i];
		mini.nsections = 1;
		mini.stats = moved;
		mini.nstats = nmoved;
	} else if (kind == SY_ITEM_STAT && (i = find_stat(f, id)) != NONE) {
		mini.stats = &f->annot.stats[i];
		mini.nstats = 1;
	}
	if (kind != SY_ITEM_DOCUMENT && i == NONE) {
		extra = sy_node_map();
		del = sy_node_scalar(id, 1);
		if (!extra || !del || sy_node_put(extra, "journal-delete", del)) {
			sy_node_free(extra);
			free(moved);
			return nomem(f, err);
		}
		mini.review.extra = extra;
		mini.stats = moved;
		mini.nstats = nmoved;
	}
	st = sy_annot_emit(&mini, &buf, &len, err);
	sy_node_free(extra);
	free(moved);
	if (st == SY_OK)
		st = sy_journal_append(f->journal_path, buf, len, err);
	free(buf);
	return st;
}

/* Make the decision just applied to item ID durable: the whole file when
 * that is quick, else a journal record. */
static sy_status persist(sy_file *f, sy_item_kind kind, const char *id,
			 const sy_secids *held, sy_error *err)
{
	if (!f->journal_mode || f->need_full || !f->journal_path)
		return sy_file_save(f, err);
	return sy_sync_write(f, false, kind, id, held, err);
}

sy_status sy_rv_write_journal(sy_file *f, sy_item_kind kind, const char *id,
			      const sy_secids *held, sy_error *err)
{
	sy_error e;

	if (stamp(f) || journal_record(f, kind, id, held, &e) != SY_OK) {
		/* a partial record may be there now: no more appends until a
		 * full save has removed the journal (ours: not a change by
		 * someone else) */
		f->need_full = true;
		sy_ondisk_record_journal(&f->disk, f->journal_path);
		if (stamp(f))
			snprintf(e.msg, sizeof e.msg, "%s: out of memory", f->annot_path);
		return save_failed(f, e.msg, err);
	}
	sy_ondisk_record_journal(&f->disk, f->journal_path);
	sy_sync_forget(f);
	f->njournal++;
	f->cursor_moved = false;
	f->saved = true;
	f->save_error[0] = '\0';
	return SY_OK;
}

sy_status sy_file_save_cursor(sy_file *f, sy_error *err)
{
	/* a full save, not a journal record: a clean quit or a change of
	 * report leaves no journal behind, so the next opening does not have
	 * to replay one and rewrite a large file */
	if (!f->cursor_moved || f->read_only)
		return SY_OK;
	return sy_file_save(f, err);
}

/* ------------------------------------------------------------ replay */

/* Bump A's next ids past ID ("s12", "n40"). */
static void bump_id(sy_annot *a, const char *id)
{
	char *end;
	unsigned long v;

	if (!id || (id[0] != 's' && id[0] != 'n') || !id[1])
		return;
	v = strtoul(id + 1, &end, 10);
	if (*end || v >= 0xFFFFFFFFu)
		return;
	if (id[0] == 's' && a->next_section_id <= v)
		a->next_section_id = (unsigned)v + 1;
	if (id[0] == 'n' && a->next_stat_id <= v)
		a->next_stat_id = (unsigned)v + 1;
}

typedef struct replay_ctx {
	sy_file *f;
} replay_ctx;

/* Apply one journal record to the file's model. */
static sy_status replay_record(void *ctx, const char *rec, size_t len,
			       size_t index, sy_error *err)
{
	sy_file *f = ((replay_ctx *)ctx)->f;
	sy_annot mini;
	sy_edit e;
	sy_item_ref where;
	const sy_node *del;
	sy_status st;
	int r = 0;

	sy_annot_init(&mini);
	st = sy_annot_parse(rec, len, f->journal_path, &mini, err);
	if (st != SY_OK)
		return sy_prefix(err, "record %zu: ", index + 1);
	if (strcmp(mini.source.sha256, f->annot.source.sha256) != 0) {
		sy_annot_free(&mini);
		return sy_fail(err, SY_ERR_FORMAT, "%s: record %zu is for another "
			       "version of the report (sha256 differs)",
			       f->journal_path, index + 1);
	}
	memset(&e, 0, sizeof e);
	e.exists[1] = true;
	if (mini.nsections == 1) {
		e.kind = SY_ITEM_SECTION;
		e.id = mini.sections[0].id;
		e.sec[1] = mini.sections[0];
		r = apply_edit_item(f, &e, 1, &where);
		bump_id(&f->annot, e.id);
	}
	/* one statistic, or those whose section a section change changed */
	for (size_t k = 0; !r && k < mini.nstats; k++) {
		e.kind = SY_ITEM_STAT;
		e.id = mini.stats[k].id;
		e.stat[1] = mini.stats[k];
		r = apply_edit_item(f, &e, 1, &where);
		bump_id(&f->annot, e.id);
	}
	del = mini.review.extra ? sy_node_get(mini.review.extra, "journal-delete") : NULL;
	if (!r && del && del->kind == SY_NODE_SCALAR && del->scalar) {
		e.kind = del->scalar[0] == 's' ? SY_ITEM_SECTION : SY_ITEM_STAT;
		e.id = del->scalar;
		e.exists[1] = false;
		r = apply_item(f, e.kind, e.id, NULL, &where);
		bump_id(&f->annot, del->scalar);
	}
	if (!r)
		r = doc_copy(&f->annot.doc, &mini.doc);
	if (!r && mini.review.cursor)
		r = set_str(&f->annot.review.cursor, mini.review.cursor);
	sy_annot_free(&mini);
	return r ? nomem(f, err) : SY_OK;
}

sy_status sy_rv_replay_journal(sy_file *f, size_t *n, bool *exists,
			       sy_error *err)
{
	replay_ctx ctx = { f };

	return sy_journal_read(f->journal_path, replay_record, &ctx, n, exists,
			       err);
}

/* Replay a journal left beside F's annotation file, then save in full. */
static sy_status recover(sy_file *f, sy_error *err)
{
	replay_ctx ctx = { f };
	bool exists;
	size_t n;
	sy_status st = sy_journal_read(f->journal_path, replay_record, &ctx, &n,
				       &exists, err);

	if (st != SY_OK)
		return sy_prefix(err, "cannot recover the decisions in the journal "
				 "(the annotation file and the journal are left as they are): ");
	if (!exists)
		return SY_OK;
	f->recovered = n;
	return f->read_only ? SY_OK : sy_file_save(f, err);
}

/* Carry out the command E (taken: freed in every case but kept on the
 * undo stack when it changes something): apply its AFTER state, record
 * it, clear the redo stack, save.  A command that changes nothing is not
 * recorded (and keeps the redo stack) but still saves. */
static sy_status run_edit(sy_file *f, sy_edit *e, sy_item_ref *where,
			  sy_error *err)
{
	sy_status st;

	if (f->read_only) {
		edit_free(e);
		return read_only(f, err);
	}
	if (edit_is_noop(e)) {
		if (where && !sy_item_find(f, e->id, where))
			*where = (sy_item_ref){ SY_ITEM_DOCUMENT, 0 };
		edit_free(e);
		return f->saved ? SY_OK : sy_file_save(f, err);
	}
	if (sy_sync_note(f, e, 0) ||
	    push_edit(&f->undo, &f->nundo, &f->capundo, e)) {
		edit_free(e);
		return nomem(f, err);
	}
	if ((st = edit_apply(f, e, 1, where, err)) != SY_OK) {
		edit_free(f->undo[--f->nundo]);
		return st;
	}
	/* a section changed: the statistics it now holds, or no longer
	 * holds, name their section again, in this same step */
	if (e->kind == SY_ITEM_SECTION &&
	    sy_secids_update(&f->annot, e->exists[0] ? &e->sec[0] : NULL,
			     e->exists[1] ? &e->sec[1] : NULL, &e->held)) {
		edit_apply(f, e, 0, NULL, err);
		edit_free(f->undo[--f->nundo]);
		return nomem(f, err);
	}
	clear_redo(f);
	return persist(f, e->kind, e->id, &e->held, err);
}

/* Move the top of one stack to the other, applying state W of it. */
static sy_status replay(sy_file *f, sy_edit ***from, size_t *nfrom,
			sy_edit ***to, size_t *nto, size_t *capto, int w,
			const char *what, sy_item_ref *where, sy_error *err)
{
	sy_edit *e;
	sy_status st;
	void *p;

	if (f->read_only)
		return read_only(f, err);
	if (*nfrom == 0)
		return sy_fail(err, SY_ERR_USAGE, "%s: nothing to %s",
			       f->annot_path, what);
	e = (*from)[*nfrom - 1];
	p = *to;
	if (sy_grow(&p, *nto, capto, sizeof **to))
		return nomem(f, err);
	*to = p;
	if (sy_sync_note(f, e, 1 - w))
		return nomem(f, err);
	if ((st = edit_apply(f, e, w, where, err)) != SY_OK)
		return st;
	sy_secids_swap(&f->annot, &e->held);  /* the ids they had, exactly */
	--*nfrom;
	(*to)[(*nto)++] = e;
	return persist(f, e->kind, e->id, &e->held, err);
}

sy_status sy_cmd_undo(sy_file *f, sy_item_ref *where, sy_error *err)
{
	return replay(f, &f->undo, &f->nundo, &f->redo, &f->nredo, &f->capredo,
		      0, "undo", where, err);
}

sy_status sy_cmd_redo(sy_file *f, sy_item_ref *where, sy_error *err)
{
	return replay(f, &f->redo, &f->nredo, &f->undo, &f->nundo, &f->capundo,
		      1, "redo", where, err);
}

/* ------------------------------------------------------------ commands */

/* The review state of the AFTER copy in E (NULL for the document). */
static sy_review *after_review(sy_edit *e)
{
	if (e->kind == SY_ITEM_SECTION)
		return &e->sec[1].r;
	if (e->kind == SY_ITEM_STAT)
		return &e->stat[1].r;
	return NULL;
}

/* Start a command on IT: check it, copy it into a new edit *E (the
 * caller's).  SY_ERR_USAGE for no such item, SY_ERR_NOMEM. */
static sy_status command_begin(const sy_file *f, sy_item_ref it, sy_edit **e,
			       sy_error *err)
{
	if (!ref_valid(f, it))
		return no_item(f, err);
	if (!(*e = edit_begin(f, it)))
		return nomem(f, err);
	return SY_OK;
}

sy_status sy_cmd_accept(sy_file *f, sy_item_ref it, sy_error *err)
{
	sy_edit *e;
	sy_review *r;
	sy_status st = command_begin(f, it, &e, err);

	if (st != SY_OK)
		return st;
	if ((r = after_review(e)) != NULL) {
		if (r->status != SY_ADDED)
			r->status = r->proposed ? SY_FIXED : SY_ACCEPTED;
	} else {
		e->doc[1].status = sy_node_get(e->doc[1].extra, "proposed")
				   ? SY_FIXED : SY_ACCEPTED;
	}
	return run_edit(f, e, NULL, err);
}

/* Rejecting an added item removes it (an added item that is not an item
 * is nothing to keep); undo brings it back. */
sy_status sy_cmd_reject(sy_file *f, sy_item_ref it, sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_review *r;

	if (it.kind == SY_ITEM_DOCUMENT)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: the document facts cannot be rejected",
			       f->annot_path);
	if ((st = command_begin(f, it, &e, err)) != SY_OK)
		return st;
	r = after_review(e);
	if (r->status == SY_ADDED)
		e->exists[1] = false;
	else
		r->status = SY_REJECTED;
	return run_edit(f, e, NULL, err);
}

/* Finish a fix or a move on E: settle status and proposed, run it. */
static sy_status finish_fix(sy_file *f, sy_edit *e, sy_error *err)
{
	if (settle_edit(e)) {
		edit_free(e);
		return nomem(f, err);
	}
	return run_edit(f, e, NULL, err);
}

/* The fields a fix or an add takes from NEW into S (validated). */
static int overlay_stat(sy_stat *s, const sy_stat *new_fields)
{
	s->value = new_fields->value;
	s->has_value = new_fields->has_value;
	s->approx = new_fields->approx;
	s->value_max = new_fields->value_max;
	s->has_value_max = new_fields->has_value_max;
	return set_str(&s->unit, new_fields->unit) ||
	       set_str(&s->subject, new_fields->subject) ? -1 : 0;
}

/* Refused fields: "FILE: ID: FIELD: why". */
static sy_status invalid(const sy_file *f, const char *id, sy_error *err)
{
	return sy_prefix(err, "%s: %s: ", f->annot_path, id ? id : "new item");
}

sy_status sy_cmd_fix_stat(sy_file *f, size_t i, const sy_stat *new_fields,
			  sy_error *err)
{
	sy_status st;
	sy_edit *e;

	if (!new_fields)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: invalid statistic fields", f->annot_path);
	if (sy_check_stat(new_fields, err) != SY_OK)
		return invalid(f, i < f->annot.nstats ? f->annot.stats[i].id
			       : NULL, err);
	st = command_begin(f, (sy_item_ref){ SY_ITEM_STAT, i }, &e, err);
	if (st != SY_OK)
		return st;
	if (overlay_stat(&e->stat[1], new_fields)) {
		edit_free(e);
		return nomem(f, err);
	}
	return finish_fix(f, e, err);
}

sy_status sy_cmd_fix_section(sy_file *f, size_t i, int level,
			     const char *marker, const char *title,
			     sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_section *s;

	if (sy_check_section(level, marker, title, err) != SY_OK)
		return invalid(f, i < f->annot.nsections ? f->annot.sections[i].id
			       : NULL, err);
	st = command_begin(f, (sy_item_ref){ SY_ITEM_SECTION, i }, &e, err);
	if (st != SY_OK)
		return st;
	s = &e->sec[1];
	s->level = level;
	if (set_str(&s->marker, marker ? marker : "") ||
	    set_str(&s->title, title ? title : "")) {
		edit_free(e);
		return nomem(f, err);
	}
	return finish_fix(f, e, err);
}

sy_status sy_cmd_fix_document(sy_file *f, const sy_docfacts *new_facts,
			      sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_docfacts *d;

	if (!new_facts)
		return sy_fail(err, SY_ERR_USAGE, "%s: no document facts given",
			       f->annot_path);
	if (sy_check_document(new_facts, err) != SY_OK)
		return invalid(f, "document", err);
	st = command_begin(f, (sy_item_ref){ SY_ITEM_DOCUMENT, 0 }, &e, err);
	if (st != SY_OK)
		return st;
	d = &e->doc[1];
	d->year = new_facts->year;
	if (set_str(&d->title, new_facts->title) ||
	    set_str(&d->issuer, new_facts->issuer) ||
	    set_str(&d->region, new_facts->region) ||
	    set_str(&d->date, new_facts->date)) {
		edit_free(e);
		return nomem(f, err);
	}
	return finish_fix(f, e, err);
}

/* START + D, when it stays within [0, LIMIT]; else false. */
static bool shift(size_t start, int d, size_t limit, size_t *out)
{
	if (d < 0 && (size_t)-(long long)d > start)
		return false;
	if (d >= 0 && (size_t)d > limit - start)
		return false;
	*out = d < 0 ? start - (size_t)-(long long)d : start + (size_t)d;
	return true;
}

sy_status sy_cmd_move_span(sy_file *f, sy_item_ref it, int dstart, int dend,
			   sy_error *err)
{
	sy_status st;
	size_t start, end, ns, ne;
	sy_edit *e;

	if (it.kind == SY_ITEM_DOCUMENT)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: the document facts have no span",
			       f->annot_path);
	if (!sy_item_span(f, it, &start, &end))
		return no_item(f, err);
	if (!shift(start, dstart, f->src.chars, &ns) ||
	    !shift(end, dend, f->src.chars, &ne) || ns >= ne)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: %s: the span would be empty or leave "
			       "the text", f->annot_path, sy_item_id(f, it));
	if (ne - ns > SY_MAX_ITEM_CHARS && ne - ns > end - start)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: %s: a span of %zu characters is too long "
			       "for an item (at most %d)", f->annot_path,
			       sy_item_id(f, it), ne - ns, SY_MAX_ITEM_CHARS);
	if ((st = command_begin(f, it, &e, err)) != SY_OK)
		return st;
	if (it.kind == SY_ITEM_SECTION) {
		e->sec[1].start = ns;
		e->sec[1].end = ne;
	} else {
		char *text = span_text(f, ns, ne);
		if (!text) {
			edit_free(e);
			return nomem(f, err);
		}
		free(e->stat[1].text);
		e->stat[1].text = text;
		e->stat[1].start = ns;
		e->stat[1].end = ne;
		if (set_str(&e->stat[1].section,
			    sy_section_holding(&f->annot, ns))) {
			edit_free(e);
			return nomem(f, err);
		}
	}
	return finish_fix(f, e, err);
}

/* Remove TAG from T when it is there; true when it was. */
static bool tags_remove(sy_tags *t, const char *tag)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i], tag) == 0) {
			free(t->v[i]);
			memmove(t->v + i, t->v + i + 1,
				(t->n - i - 1) * sizeof *t->v);
			t->n--;
			return true;
		}
	return false;
}

sy_status sy_cmd_tag(sy_file *f, sy_item_ref it, const char *tag,
		     sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_review *r;
	const sy_review *now;

	if (it.kind == SY_ITEM_DOCUMENT)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: the document has no tags", f->annot_path);
	now = sy_item_review(f, it);
	if (!(now && tag && sy_tags_has(&now->tags, tag)) &&  /* removing: any */
	    sy_check_tag(tag, err) != SY_OK)
		return invalid(f, sy_item_id(f, it), err);
	if ((st = command_begin(f, it, &e, err)) != SY_OK)
		return st;
	r = after_review(e);
	if (!tags_remove(&r->tags, tag) && sy_tags_add(&r->tags, tag)) {
		edit_free(e);
		return nomem(f, err);
	}
	return run_edit(f, e, NULL, err);
}

sy_status sy_cmd_note(sy_file *f, sy_item_ref it, const char *note,
		      sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_review *r;

	if (it.kind == SY_ITEM_DOCUMENT)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: the document has no note", f->annot_path);
	if (sy_check_note(note, err) != SY_OK)
		return invalid(f, sy_item_id(f, it), err);
	if ((st = command_begin(f, it, &e, err)) != SY_OK)
		return st;
	r = after_review(e);
	if (set_str(&r->note, note && *note ? note : NULL)) {
		edit_free(e);
		return nomem(f, err);
	}
	return run_edit(f, e, NULL, err);
}

/* ------------------------------------------------------------ adding */

/* Is [START, END) a non-empty span of F's text? */
static sy_status check_span(const sy_file *f, size_t start, size_t end,
			    sy_error *err)
{
	if (start >= end || end > f->src.chars)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: invalid span [%zu, %zu) (the text has %zu "
			       "characters)", f->annot_path, start, end,
			       f->src.chars);
	if (end - start > SY_MAX_ITEM_CHARS)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: a span of %zu characters is too long for "
			       "an item (at most %d)", f->annot_path,
			       end - start, SY_MAX_ITEM_CHARS);
	return SY_OK;
}

/* UTF-8 of CP[A..B) into *DST (replacing it); 0, or -1 on OOM. */
static int put_cp(char **dst, const uint32_t *cp, size_t a, size_t b)
{
	char *s = sy_cp_dup(cp + a, b > a ? b - a : 0);

	if (!s)
		return -1;
	free(*dst);
	*dst = s;
	return 0;
}

/* Fill S's value, unit, approx, value_max (and subject, on an exact
 * match) from the statistics the parser finds in the line L[0..N), for
 * the span [RS, RE) of that line.  0, or -1 on OOM. */
static int prefill_found(sy_stat *s, const uint32_t *l, size_t n, size_t rs,
			 size_t re, bool *done)
{
	sy_foundvec fv = { 0 };
	const sy_found *hit = NULL;
	bool exact = false;
	int r = 0;

	*done = false;
	if (sy_stats_scan(l, n, &fv))
		return -1;
	for (size_t i = 0; i < fv.n && !exact; i++) {
		if (fv.v[i].start == rs && fv.v[i].end == re) {
			hit = &fv.v[i];
			exact = true;
		} else if (!hit && fv.v[i].start < re && rs < fv.v[i].end)
			hit = &fv.v[i];
	}
	if (hit) {
		s->value = hit->value;
		s->has_value = true;
		s->approx = hit->approx;
		s->has_value_max = hit->has_max &&
				   (exact || hit->approx == SY_APPROX_RANGE);
		s->value_max = s->has_value_max ? hit->value_max : 0;
		r = put_cp(&s->unit, l, hit->ustart, hit->uend);
		if (!r && exact)
			r = put_cp(&s->subject, l, hit->sstart, hit->send);
		*done = true;
	}
	sy_foundvec_free(&fv);
	return r;
}

/* Fill S's value and unit from the numeral at the start of the span
 * [RS, RE) of the line L[0..N): the rest of the span after the number
 * (and after 余 or 多, which make it approximate) is the unit.  0, or -1
 * on OOM. */
static int prefill_numeral(sy_stat *s, const uint32_t *l, size_t n, size_t rs,
			   size_t re)
{
	sy_numeral num;
	size_t k, end = re < n ? re : n;

	if (rs >= end || !(k = sy_numeral_scan(l + rs, end - rs, &num)))
		return 0;
	s->value = num.value;
	s->has_value = true;
	k += rs;
	if (k < end && (l[k] == 0x4F59 || l[k] == 0x591A)) {   /* 余 多 */
		s->approx = SY_APPROX_OVER;
		k++;
	}
	return k < end ? put_cp(&s->unit, l, k, end) : 0;
}

/* The prefilled statistic for [START, END) into *S (zeroed, no id).  0,
 * or -1 on OOM (S then holds what was filled; the caller clears it). */
static int prefill_stat(const sy_file *f, size_t start, size_t end, sy_stat *s)
{
	uint32_t *l;
	size_t n, ls;
	bool done;
	int r;

	s->start = start;
	s->end = end;
	s->r.status = SY_ADDED;
	if (!(s->text = span_text(f, start, end)) ||
	    set_str(&s->section, sy_section_holding(&f->annot, start)) ||
	    line_at(f, start, &l, &n, &ls))
		return -1;
	r = prefill_found(s, l, n, start - ls, end - ls, &done);
	if (!r && !done)
		r = prefill_numeral(s, l, n, start - ls, end - ls);
	free(l);
	return r;
}

/* Take a fresh id for a new item (from sy_annot_add_section/_stat, so
 * that the id counters of the model stay the one source of ids) and make
 * the edit that adds ITEM (taken).  NULL on OOM. */
static sy_edit *edit_add(sy_annot *a, sy_item_kind kind, void *item)
{
	sy_edit *e = calloc(1, sizeof *e);
	char **idp = NULL;

	if (e) {
		e->kind = kind;
		e->exists[1] = true;
		if (kind == SY_ITEM_SECTION) {
			sy_section *p = sy_annot_add_section(a);
			if (p) {
				idp = &p->id;
				a->nsections--;   /* only its id is kept */
			}
		} else {
			sy_stat *p = sy_annot_add_stat(a);
			if (p) {
				idp = &p->id;
				a->nstats--;
			}
		}
	}
	if (idp) {
		e->id = *idp;
		*idp = NULL;
		if (kind == SY_ITEM_SECTION) {
			e->sec[1] = *(sy_section *)item;
			e->sec[1].id = strdup(e->id);
		} else {
			e->stat[1] = *(sy_stat *)item;
			e->stat[1].id = strdup(e->id);
		}
		if ((kind == SY_ITEM_SECTION ? e->sec[1].id : e->stat[1].id))
			return e;
		edit_free(e);
		return NULL;
	}
	if (kind == SY_ITEM_SECTION)
		section_clear(item);
	else
		stat_clear(item);
	free(e);
	return NULL;
}

sy_status sy_add_prefill_stat(const sy_file *f, size_t start, size_t end,
			      sy_stat *out, sy_error *err)
{
	sy_status st = check_span(f, start, end, err);

	memset(out, 0, sizeof *out);
	if (st != SY_OK)
		return st;
	if (prefill_stat(f, start, end, out)) {
		stat_clear(out);
		return nomem(f, err);
	}
	return SY_OK;
}

void sy_prefill_free(sy_stat *stat, sy_section *section)
{
	if (stat)
		stat_clear(stat);
	if (section)
		section_clear(section);
}

sy_status sy_cmd_add_stat_as(sy_file *f, size_t start, size_t end,
			     const sy_stat *fields, sy_item_ref *out,
			     sy_error *err)
{
	sy_stat s;
	sy_edit *e;
	sy_status st;

	if (fields && sy_check_stat(fields, err) != SY_OK)
		return invalid(f, NULL, err);
	if ((st = sy_add_prefill_stat(f, start, end, &s, err)) != SY_OK)
		return st;
	if (fields && overlay_stat(&s, fields)) {
		stat_clear(&s);
		return nomem(f, err);
	}
	if (!(e = edit_add(&f->annot, SY_ITEM_STAT, &s)))
		return nomem(f, err);
	return run_edit(f, e, out, err);
}

sy_status sy_cmd_add_stat(sy_file *f, size_t start, size_t end,
			  sy_item_ref *out, sy_error *err)
{
	return sy_cmd_add_stat_as(f, start, end, NULL, out, err);
}

/* The level of the last section (not rejected) starting before AT, or 1. */
static int level_before(const sy_annot *a, size_t at)
{
	int level = 1;

	for (size_t i = 0; i < a->nsections && a->sections[i].start < at; i++)
		if (a->sections[i].r.status != SY_REJECTED &&
		    a->sections[i].level > 0)
			level = a->sections[i].level;
	return level;
}

/* Read back the marker of S as a heading into *H.  False when it is not
 * one (an added section without a marker) or on OOM. */
static bool section_heading(const sy_section *s, sy_heading *h)
{
	const char *m = s->marker ? s->marker : "";
	const char *t = s->title && *s->title ? s->title : "题";
	size_t lm = strlen(m), lt = strlen(t), n;
	char *buf = malloc(lm + lt + 1);
	uint32_t *cp;
	bool ok = false;

	if (!buf)
		return false;
	memcpy(buf, m, lm);
	memcpy(buf + lm, t, lt + 1);
	if (!decode(buf, lm + lt, &cp, &n)) {
		ok = sy_heading_match(cp, n, h);
		free(cp);
	}
	free(buf);
	return ok;
}

/* The level of a heading H that would start at code point AT: the
 * report's outline replayed, as the extractor places headings, over the
 * sections before AT (rejected ones left out).  When no section before AT
 * can be read back as a heading, the level of the last one (1 if none). */
static int heading_level(const sy_annot *a, size_t at, const sy_heading *h)
{
	sy_outline o;
	sy_heading hh;
	unsigned anom;
	size_t placed = 0;

	memset(&o, 0, sizeof o);
	for (size_t i = 0; i < a->nsections && a->sections[i].start < at; i++)
		if (a->sections[i].r.status != SY_REJECTED &&
		    section_heading(&a->sections[i], &hh)) {
			sy_outline_place(&o, &hh, &anom);
			placed++;
		}
	if (!placed)
		return level_before(a, at);
	return sy_outline_place(&o, h, &anom);
}

/* The prefilled section for [START, END) into *S (zeroed, no id).  0, or
 * -1 on OOM (the caller clears S). */
static int prefill_section(const sy_file *f, size_t start, size_t end,
			   sy_section *s)
{
	uint32_t *cp;
	size_t n;
	sy_heading h;
	char *text = span_text(f, start, end);
	int r = 0;

	s->start = start;
	s->end = end;
	s->r.status = SY_ADDED;
	if (!text || decode(text, strlen(text), &cp, &n)) {
		free(text);
		return -1;
	}
	if (sy_heading_match(cp, n, &h)) {
		s->level = heading_level(&f->annot, start, &h);
		r = put_cp(&s->marker, cp, h.mstart, h.mend) ||
		    put_cp(&s->title, cp, h.tstart, h.tend) ? -1 : 0;
	} else {
		s->level = level_before(&f->annot, start);
		s->marker = strdup("");
		s->title = text;
		text = NULL;
		r = s->marker ? 0 : -1;
	}
	free(text);
	free(cp);
	return r;
}

sy_status sy_add_prefill_section(const sy_file *f, size_t start, size_t end,
				 sy_section *out, sy_error *err)
{
	sy_status st = check_span(f, start, end, err);

	memset(out, 0, sizeof *out);
	if (st != SY_OK)
		return st;
	if (prefill_section(f, start, end, out)) {
		section_clear(out);
		return nomem(f, err);
	}
	return SY_OK;
}

sy_status sy_cmd_add_section_as(sy_file *f, size_t start, size_t end,
				const sy_section *fields, sy_item_ref *out,
				sy_error *err)
{
	sy_section s;
	sy_edit *e;
	sy_status st;

	if (fields && sy_check_section(fields->level, fields->marker,
				       fields->title, err) != SY_OK)
		return invalid(f, NULL, err);
	if ((st = sy_add_prefill_section(f, start, end, &s, err)) != SY_OK)
		return st;
	if (fields) {
		s.level = fields->level;
		if (set_str(&s.marker, fields->marker ? fields->marker : "") ||
		    set_str(&s.title, fields->title ? fields->title : "")) {
			section_clear(&s);
			return nomem(f, err);
		}
	}
	if (!(e = edit_add(&f->annot, SY_ITEM_SECTION, &s)))
		return nomem(f, err);
	return run_edit(f, e, out, err);
}

sy_status sy_cmd_add_section(sy_file *f, size_t start, size_t end,
			     sy_item_ref *out, sy_error *err)
{
	return sy_cmd_add_section_as(f, start, end, NULL, out, err);
}

/* ------------------------------------------------------------ opening */

char *sy_review_annot_path(const char *report)
{
	return sy_annot_path_for(report, NULL);
}

/* The report changed since F's file was written: find every item again
 * in the new text; the file is saved with the new spans (unless
 * read-only) so that it matches the report again. */
static sy_status reanchor(sy_file *f, sy_error *err)
{
	sy_reanchor_report r;
	size_t len = 0;
	sy_status st;

	memset(&r, 0, sizeof r);
	st = sy_reanchor(&f->annot, NULL, 0, &f->src, &r, err);
	if (st != SY_OK)
		return st;
	f->reanchored = true;
	f->moved = r.moved;
	f->lost = r.lost;
	f->lost_ids[0] = '\0';
	for (size_t i = 0; i < r.lost && len + 8 < sizeof f->lost_ids; i++)
		len += (size_t)snprintf(f->lost_ids + len, sizeof f->lost_ids - len,
					"%s%s", i ? ", " : "", r.lost_ids[i]);
	sy_reanchor_report_free(&r);
	return f->read_only ? SY_OK : sy_file_save(f, err);
}

/* Load F's existing annotation file. */
static sy_status open_existing(sy_file *f, sy_error *err)
{
	sy_status st = sy_annot_load(f->annot_path, &f->annot, err);

	if (st != SY_OK)
		return st;
	load_next_ids(&f->annot);
	return SY_OK;
}

/* Extract F's report into a new annotation file. */
static sy_status open_new(sy_file *f, sy_error *err)
{
	sy_status st = sy_extract(&f->src, &f->annot, err);
	char *rel;

	if (st != SY_OK)
		return st;
	if (!(rel = sy_source_path_for(f->report_path, f->annot_path)))
		return nomem(f, err);
	free(f->annot.source.path);
	f->annot.source.path = rel;
	if (f->read_only)
		return SY_OK;      /* shown from memory, nothing written */
	f->created = true;
	/* no file yet, as the check before the first write must find it
	 * (else it reads as "removed on disk") */
	sy_ondisk_record(&f->disk, f->annot_path, f->journal_path, NULL);
	return sy_file_save(f, err);
}

sy_status sy_file_open(sy_file *f, const char *report, const char *reviewer,
		       sy_error *err)
{
	return sy_file_open_at(f, report, NULL, reviewer, err);
}

sy_status sy_file_open_at(sy_file *f, const char *report, const char *annot_path,
			  const char *reviewer, sy_error *err)
{
	return sy_file_open_ex(f, report, annot_path, reviewer, 0, NULL, err);
}

/* Take F's lock (unless read-only).  SY_ERR_EXISTS: someone holds it. */
static sy_status take_lock(sy_file *f, unsigned flags, sy_lock_info *holder,
			   sy_error *err)
{
	sy_lock_info who;
	bool stale;
	sy_status st;

	if (!(flags & SY_OPEN_READ_ONLY) &&
	    (f->ro_why = sy_why_read_only(f->annot_path)) != NULL)
		flags |= SY_OPEN_READ_ONLY; /* look, and say why no more */
	if ((flags & SY_OPEN_SHARED) && !(flags & SY_OPEN_READ_ONLY)) {
		/* no lock of our own; one held by a running session that did
		 * not choose to share is respected (a stale one is no bar).
		 * Only looked at: shared sessions never take it, so they are
		 * never in each other's way */
		f->shared = true;
		if (!sy_lock_held(f->annot_path, &who))
			return SY_OK;
		if (holder)
			*holder = who;
		return sy_fail(err, SY_ERR_EXISTS, "%s is being reviewed by %s "
			       "on %s (pid %ld) since %s, without --shared",
			       f->annot_path, who.user, who.host, who.pid,
			       who.since);
	}
	if (flags & SY_OPEN_READ_ONLY) {
		f->read_only = true;
		if (!sy_lock_read(f->annot_path, &f->holder))
			memset(&f->holder, 0, sizeof f->holder);
		return SY_OK;
	}
	st = sy_lock_acquire(f->annot_path, f->reviewer,
			     flags & SY_OPEN_BREAK_LOCK ? SY_LOCK_BREAK : SY_LOCK_NORMAL,
			     &f->lock, &who, &stale, err);
	if (st == SY_ERR_EXISTS && holder)
		*holder = who;
	return st;
}

sy_status sy_file_open_ex(sy_file *f, const char *report, const char *annot_path,
			  const char *reviewer, unsigned flags,
			  sy_lock_info *holder, sy_error *err)
{
	struct stat sb;
	sy_status st;

	memset(f, 0, sizeof *f);
	f->report_path = strdup(report);
	f->annot_path = annot_path ? strdup(annot_path) : sy_review_annot_path(report);
	f->reviewer = sy_strdup(reviewer);
	f->journal_path = f->annot_path ? sy_journal_path(f->annot_path) : NULL;
	f->id_hint = calloc(2 * ID_HINTS, sizeof *f->id_hint);
	if (!f->report_path || !f->annot_path || !f->journal_path ||
	    (reviewer && !f->reviewer) || !f->id_hint) {
		sy_file_close(f);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", report);
	}
	st = sy_source_load(report, &f->src, err);
	if (st == SY_OK)
		st = take_lock(f, flags, holder, err);
	if (st == SY_OK && !f->read_only)
		clean_temp_files(f);
	if (st == SY_OK) {
		int found = stat(f->annot_path, &sb) == 0;
		if (found || errno != ENOENT) {
			/* a large file is slow to rewrite: journal from the start */
			f->journal_mode = sy_journal_min_bytes == 0 ||
					  (found && (size_t)sb.st_size > sy_journal_min_bytes);
			st = open_existing(f, err);
			if (st == SY_OK) {
				sy_ondisk_record(&f->disk, f->annot_path,
						 f->journal_path, NULL);
				f->generation = sy_sync_generation(&f->annot);
			}
			/* the journal belongs to the file as it is: replay it
			 * first, then follow a changed report */
			if (st == SY_OK)
				st = recover(f, err);
			if (st == SY_OK &&
			    strcmp(f->annot.source.sha256, f->src.sha256) != 0)
				st = reanchor(f, err);
			else if (st == SY_OK)   /* spans against the real text */
				st = sy_annot_check_spans(&f->annot, f->annot_path,
							  &f->src, err);
		} else if (stat(f->journal_path, &sb) == 0) {
			/* decisions without the file they belong to */
			st = sy_fail(err, SY_ERR_FORMAT,
				     "%s holds review decisions, but %s is missing: "
				     "restore the annotation file, or remove the "
				     "journal to start the review again", f->journal_path,
				     f->annot_path);
		} else {
			st = open_new(f, err);
		}
	}
	if (st != SY_OK) {
		sy_file_close(f);
		return st;
	}
	f->nreviewed = count_reviewed(f);
	f->cursor_moved = false;
	f->saved = true;
	f->save_error[0] = '\0';
	return SY_OK;
}

void sy_file_close(sy_file *f)
{
	if (!f)
		return;
	while (f->nundo)
		edit_free(f->undo[--f->nundo]);
	clear_redo(f);
	free(f->undo);
	free(f->redo);
	sy_annot_free(&f->annot);
	sy_source_free(&f->src);
	free(f->report_path);
	free(f->annot_path);
	free(f->journal_path);
	free(f->reviewer);
	free(f->id_hint);
	sy_sync_forget(f);
	free(f->unsaved);
	sy_lock_release(&f->lock);
	memset(f, 0, sizeof *f);
}

/* ------------------------------------------------------------ batches */

typedef struct strvec {
	char **v;
	size_t n, cap;
} strvec;

static void strvec_free(strvec *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* Append S (taken; freed on failure).  0, or -1 on OOM. */
static int strvec_push(strvec *s, char *str)
{
	void *v = s->v;

	if (!str || sy_grow(&v, s->n, &s->cap, sizeof *s->v)) {
		free(str);
		return -1;
	}
	s->v = v;
	s->v[s->n++] = str;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* DIR/NAME: new string, NULL on OOM. */
static char *join(const char *dir, const char *name)
{
	size_t d = strlen(dir);
	char *p = malloc(d + strlen(name) + 2);

	if (p)
		sprintf(p, "%s%s%s", dir, d && dir[d - 1] == '/' ? "" : "/",
			name);
	return p;
}

static bool ends_txt(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Append DIR's regular *.txt files, sorted by name, to OUT. */
static sy_status expand_dir(const char *dir, strvec *out, sy_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	strvec found = { 0 };
	struct stat sb;

	if (!d)
		return sy_fail(err, SY_ERR_IO, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char *p;
		if (!ends_txt(de->d_name))
			continue;
		if (!(p = join(dir, de->d_name)) || strvec_push(&found, p)) {
			closedir(d);
			strvec_free(&found);
			return sy_fail(err, SY_ERR_NOMEM,
				       "%s: out of memory", dir);
		}
		if (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode))
			free(found.v[--found.n]);
	}
	closedir(d);
	if (found.n == 0) {
		strvec_free(&found);
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: no report (*.txt) in this folder", dir);
	}
	qsort(found.v, found.n, sizeof *found.v, cmp_str);
	for (size_t i = 0; i < found.n; i++) {
		if (strvec_push(out, found.v[i])) {
			found.v[i] = NULL;
			strvec_free(&found);
			return sy_fail(err, SY_ERR_NOMEM,
				       "%s: out of memory", dir);
		}
		found.v[i] = NULL;
	}
	strvec_free(&found);
	return SY_OK;
}

sy_status sy_review_expand(char *const *args, size_t nargs, char ***out,
			   size_t *nout, sy_error *err)
{
	strvec v = { 0 };
	sy_status st = SY_OK;
	struct stat sb;

	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < nargs && st == SY_OK; i++) {
		if (stat(args[i], &sb) != 0)
			st = sy_fail(err, SY_ERR_IO, "%s: %s", args[i],
				     strerror(errno));
		else if (S_ISDIR(sb.st_mode))
			st = expand_dir(args[i], &v, err);
		else if (strvec_push(&v, strdup(args[i])))
			st = sy_fail(err, SY_ERR_NOMEM, "%s: out of memory",
				     args[i]);
	}
	if (st == SY_OK && v.n == 0)
		st = sy_fail(err, SY_ERR_USAGE, "no report given");
	if (st != SY_OK) {
		strvec_free(&v);
		return st;
	}
	*out = v.v;
	*nout = v.n;
	return SY_OK;
}

/* ------------------------------------------------------------ conflicts */

/* Remove KEY from the mapping M (NULL is fine). */
static void map_drop(sy_node *m, const char *key)
{
	if (!m || m->kind != SY_NODE_MAP)
		return;
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->keys[i], key)) {
			free(m->keys[i]);
			sy_node_free(m->items[i]);
			memmove(m->keys + i, m->keys + i + 1, (m->n - i - 1) * sizeof *m->keys);
			memmove(m->items + i, m->items + i + 1, (m->n - i - 1) * sizeof *m->items);
			m->n--;
			return;
		}
}

/* Where the mapping M holds its `conflict` record, or NULL. */
static sy_node **conflict_slot(sy_node *m)
{
	for (size_t i = 0; m->kind == SY_NODE_MAP && i < m->n; i++)
		if (!strcmp(m->keys[i], "conflict"))
			return &m->items[i];
	return NULL;
}

static void tag_drop(sy_tags *t, const char *tag)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i], tag)) {
			free(t->v[i]);
			memmove(t->v + i, t->v + i + 1, (t->n - i - 1) * sizeof *t->v);
			t->n--;
			return;
		}
}

/* A scalar node as a string field: NULL for a plain null. */
static const char *node_str(const sy_node *v)
{
	if (!v || v->kind != SY_NODE_SCALAR || !v->scalar)
		return NULL;
	if (!v->quoted && (!strcmp(v->scalar, "null") || !strcmp(v->scalar, "~")))
		return NULL;
	return v->scalar;
}

static int node_num(const sy_node *v, double *x, bool *has)
{
	const char *s = node_str(v);
	char *end;
	*has = s != NULL;
	*x = 0;
	if (!s)
		return 0;
	*x = strtod(s, &end);
	return *end ? -1 : 0;
}

static int node_tags(const sy_node *v, sy_tags *t)
{
	while (t->n)
		free(t->v[--t->n]);
	if (!v || v->kind != SY_NODE_SEQ)
		return 0;
	for (size_t i = 0; i < v->n; i++)
		if (node_str(v->items[i]) && sy_tags_add(t, node_str(v->items[i])))
			return -1;
	return 0;
}

/* Set the review fields (status, tags, note, proposed) named KEY. */
static int set_review_field(sy_review *r, const char *key, const sy_node *v)
{
	if (!strcmp(key, "status"))
		return node_str(v) ? sy_status_parse(node_str(v), &r->status) : -1;
	if (!strcmp(key, "tags"))
		return node_tags(v, &r->tags);
	if (!strcmp(key, "note"))
		return set_str(&r->note, node_str(v));
	if (!strcmp(key, "proposed")) {
		sy_node_free(r->proposed);
		r->proposed = v && v->kind == SY_NODE_MAP ? sy_node_clone(v) : NULL;
		return v && v->kind == SY_NODE_MAP && !r->proposed ? -1 : 0;
	}
	return 1;                        /* not a review field */
}

/* Apply THEIRS's field KEY = V to the edit's after state. */
static int set_field(sy_edit *e, const char *key, const sy_node *v)
{
	double x;
	bool has;
	int r;

	if (e->kind == SY_ITEM_DOCUMENT) {
		sy_docfacts *d = &e->doc[1];
		if (!strcmp(key, "title")) return set_str(&d->title, node_str(v));
		if (!strcmp(key, "issuer")) return set_str(&d->issuer, node_str(v));
		if (!strcmp(key, "region")) return set_str(&d->region, node_str(v));
		if (!strcmp(key, "date")) return set_str(&d->date, node_str(v));
		if (!strcmp(key, "year")) {
			r = node_num(v, &x, &has);
			d->year = has ? (int)x : 0;
			return r;
		}
		if (!strcmp(key, "status"))
			return node_str(v) ? sy_status_parse(node_str(v), &d->status) : -1;
		if (!strcmp(key, "proposed")) {
			map_drop(d->extra, "proposed");
			if (!v || v->kind != SY_NODE_MAP)
				return 0;
			if (!d->extra && !(d->extra = sy_node_map()))
				return -1;
			return sy_node_put(d->extra, "proposed", sy_node_clone(v));
		}
		return 0;                /* unknown: ignored */
	}
	if (e->kind == SY_ITEM_SECTION) {
		sy_section *s = &e->sec[1];
		if ((r = set_review_field(&s->r, key, v)) <= 0)
			return r;
		if (!strcmp(key, "level")) {
			r = node_num(v, &x, &has);
			s->level = has ? (int)x : s->level;
			return r;
		}
		if (!strcmp(key, "marker")) return set_str(&s->marker, node_str(v) ? node_str(v) : "");
		if (!strcmp(key, "title")) return set_str(&s->title, node_str(v) ? node_str(v) : "");
		if (!strcmp(key, "start") || !strcmp(key, "end")) {
			r = node_num(v, &x, &has);
			if (has && x >= 0)
				*(!strcmp(key, "start") ? &s->start : &s->end) = (size_t)x;
			return r;
		}
		return 0;
	}
	{
		sy_stat *s = &e->stat[1];
		if ((r = set_review_field(&s->r, key, v)) <= 0)
			return r;
		if (!strcmp(key, "value"))
			return node_num(v, &s->value, &s->has_value);
		if (!strcmp(key, "value_max"))
			return node_num(v, &s->value_max, &s->has_value_max);
		if (!strcmp(key, "unit")) return set_str(&s->unit, node_str(v));
		if (!strcmp(key, "subject")) return set_str(&s->subject, node_str(v));
		if (!strcmp(key, "section")) return set_str(&s->section, node_str(v));
		if (!strcmp(key, "text")) return set_str(&s->text, node_str(v) ? node_str(v) : "");
		if (!strcmp(key, "approx")) {
			if (!node_str(v)) {
				s->approx = SY_APPROX_NONE;
				return 0;
			}
			return sy_approx_parse(node_str(v), &s->approx);
		}
		if (!strcmp(key, "start") || !strcmp(key, "end")) {
			r = node_num(v, &x, &has);
			if (has && x >= 0)
				*(!strcmp(key, "start") ? &s->start : &s->end) = (size_t)x;
			return r;
		}
		return 0;
	}
}

const sy_node *sy_item_conflict(const sy_file *f, sy_item_ref it)
{
	const sy_node *extra;
	const sy_review *r = sy_item_review(f, it);

	extra = r ? r->extra : f->annot.doc.extra;
	if (!extra)
		return NULL;
	return sy_node_get(extra, "conflict");
}

sy_status sy_cmd_resolve(sy_file *f, sy_item_ref it, bool theirs, sy_error *err)
{
	const sy_node *c = sy_item_conflict(f, it), *t;
	sy_node *extra;
	sy_edit *e;
	sy_status st;
	bool gone;

	if (!c)
		return sy_fail(err, SY_ERR_USAGE, "%s: %s has no conflict to settle",
			       f->annot_path, sy_item_id(f, it));
	if ((st = command_begin(f, it, &e, err)) != SY_OK)
		return st;
	t = sy_node_get(c, "theirs");
	/* a side that deleted the item: taking it removes the item */
	gone = (theirs && t && node_str(t) && !strcmp(node_str(t), "deleted")) ||
	       (!theirs && sy_node_get(c, "ours") && node_str(sy_node_get(c, "ours")) &&
		!strcmp(node_str(sy_node_get(c, "ours")), "deleted"));
	if (gone && e->kind != SY_ITEM_DOCUMENT) {
		e->exists[1] = false;
		return run_edit(f, e, NULL, err);
	}
	if (theirs && t && t->kind == SY_NODE_MAP)
		for (size_t i = 0; i < t->n; i++)
			if (set_field(e, t->keys[i], t->items[i]) < 0) {
				edit_free(e);
				return sy_fail(err, SY_ERR_FORMAT, "%s: %s: the other "
					       "version's %s cannot be read", f->annot_path,
					       sy_item_id(f, it), t->keys[i]);
			}
	extra = e->kind == SY_ITEM_DOCUMENT ? e->doc[1].extra : after_review(e)->extra;
	/* an earlier alternative still waits: it becomes the one shown */
	{
		bool oom;
		sy_node *next = sy_conflict_next(c, &oom), **slot;
		if (oom) {
			edit_free(e);
			return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory",
				       f->annot_path);
		}
		slot = extra ? conflict_slot(extra) : NULL;
		if (next && slot) {
			sy_node_free(*slot);
			*slot = next;
			return run_edit(f, e, NULL, err);
		}
		sy_node_free(next);
	}
	map_drop(extra, "conflict");
	if (e->kind != SY_ITEM_DOCUMENT)
		tag_drop(&after_review(e)->tags, "conflict");
	return run_edit(f, e, NULL, err);
}

void sy_edit_free(sy_edit *e)
{
	edit_free(e);
}
/* ------------------------------------------------------------ for review_sync.c */

bool sy_rv_item_eq(sy_item_kind kind, const void *a, const void *b)
{
	return kind == SY_ITEM_SECTION ? section_eq(a, b) : stat_eq(a, b);
}

void sy_rv_model_replaced(sy_file *f)
{
	load_next_ids(&f->annot);
	f->nreviewed = count_reviewed(f);
	if (f->id_hint)
		memset(f->id_hint, 0, 2 * ID_HINTS * sizeof *f->id_hint);
}

bool sy_rv_doc_eq(const sy_docfacts *a, const sy_docfacts *b)
{
	return doc_eq(a, b);
}
