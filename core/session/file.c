/* file.c - a report under review as a whole (review.h): opening it (the
 * lock, extraction or loading, the journal's recovery, re-anchoring),
 * saving it (in full, or one decision as a journal record), the rescue
 * file, closing it.
 */
#include "session/review_priv.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "format/annot_io.h"
#include "format/paths.h"
#include "session/annot_read.h"
#include "session/journal.h"
#include "session/reanchor.h"
#include "extract/extract.h"
#include "base/linkpath.h"
#include "base/sha256.h"
#include "base/writable.h"

/* ------------------------------------------------------------ errors */

sy_status sy_rv_nomem(const sy_file *f, sy_error *err)
{
	return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", f->annot_path);
}

sy_status sy_rv_no_item(const sy_file *f, sy_error *err)
{
	return sy_fail(err, SY_ERR_USAGE, "%s: no such item", f->annot_path);
}

/* Refuse a change to a file opened read-only. */
sy_status sy_rv_read_only(const sy_file *f, sy_error *err)
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

/* Record a failed save in F and ERR; returns SY_ERR_UNSAVED. */
sy_status sy_rv_save_failed(sy_file *f, const char *msg, sy_error *err)
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
	return sy_fail(err, SY_ERR_UNSAVED, "%s", msg);
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

size_t sy_journal_min_bytes = 256 * 1024;

/* The keys of review: next-ids: those of the lists (model/schema.h). */
static const char *const TOP_KEYS[] = { SY_TOP_KEYS(SY_FIELD_KEY) };
#define NEXT_SECTIONS TOP_KEYS[SY_TOP_SECTIONS]
#define NEXT_STATS TOP_KEYS[SY_TOP_STATISTICS]

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
	if (!m || sy_node_put(m, NEXT_SECTIONS, sy_node_scalar(s, 0)) ||
	    sy_node_put(m, NEXT_STATS, sy_node_scalar(n, 0))) {
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
	if ((v = sy_node_get(m, NEXT_SECTIONS)) && v->kind == SY_NODE_SCALAR &&
	    (x = strtoul(v->scalar, NULL, 10)) > a->next_section_id && x < 0xFFFFFFFFu)
		a->next_section_id = (unsigned)x;
	if ((v = sy_node_get(m, NEXT_STATS)) && v->kind == SY_NODE_SCALAR &&
	    (x = strtoul(v->scalar, NULL, 10)) > a->next_stat_id && x < 0xFFFFFFFFu)
		a->next_stat_id = (unsigned)x;
}

/* Set review.reviewer, review.updated and review.next-ids for a save. */
static int stamp(sy_file *f)
{
	sy_reviewinfo *r = &f->annot.review;
	char *now = utc_now();

	if (!now || (f->reviewer && sy_set_str(&r->reviewer, f->reviewer)) ||
	    stamp_next_ids(&f->annot)) {
		free(now);
		return -1;
	}
	free(r->updated);
	r->updated = now;
	r->present = true;
	return 0;
}

sy_status sy_file_save(sy_file *f, sy_error *err)
{
	if (f->read_only)              /* nothing was changed, or the lock */
		return f->lock_lost ? sy_sync_write(f, true, SY_ITEM_DOCUMENT, NULL,
						    NULL, err) : SY_OK;
	return sy_sync_write(f, true, SY_ITEM_DOCUMENT, NULL, NULL, err);
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
		snprintf(e.msg, sizeof e.msg, _("%s: out of memory while saving"),
			 f->annot_path);
		return sy_rv_save_failed(f, e.msg, err);
	}
	if (write_file(f, &e) != SY_OK)
		return sy_rv_save_failed(f, e.msg, err);
	f->generation++;
	/* everything is in the file now; the journal is spent */
	if (f->journal_path && sy_journal_remove(f->journal_path, &e) != SY_OK)
		return sy_rv_save_failed(f, e.msg, err);
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

/* The journal record for the state of item ID of kind KIND (or its
 * removal): a format-1 document holding that item, the document facts and
 * the review block; a removed item is named under review: journal-delete. */
static sy_status journal_record(sy_file *f, sy_item_kind kind, const char *id,
				const sy_secids *held, sy_error *err)
{
	sy_annot mini;
	sy_node *extra = NULL, *del = NULL;
	size_t i = SY_ID_NONE;
	char *buf = NULL;
	size_t len = 0, nmoved = 0;
	sy_stat *moved = NULL;  /* whose section changed with it: in the record */
	sy_status st;

	if (sy_secids_stats(&f->annot, held, &moved, &nmoved))
		return sy_rv_nomem(f, err);
	memset(&mini, 0, sizeof mini);
	mini.source = f->annot.source;         /* shallow: nothing is freed */
	mini.doc = f->annot.doc;
	mini.review = f->annot.review;
	mini.review.extra = NULL;
	if (kind == SY_ITEM_SECTION && (i = sy_rv_find(f, SY_ITEM_SECTION, id)) != SY_ID_NONE) {
		mini.sections = &f->annot.sections[i];
		mini.nsections = 1;
		mini.stats = moved;
		mini.nstats = nmoved;
	} else if (kind == SY_ITEM_STAT && (i = sy_rv_find(f, SY_ITEM_STAT, id)) != SY_ID_NONE) {
		mini.stats = &f->annot.stats[i];
		mini.nstats = 1;
	}
	if (kind != SY_ITEM_DOCUMENT && i == SY_ID_NONE) {
		extra = sy_node_map();
		del = sy_node_scalar(id, 1);
		if (!extra || !del || sy_node_put(extra, "journal-delete", del)) {
			sy_node_free(extra);
			free(moved);
			return sy_rv_nomem(f, err);
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
sy_status sy_rv_persist(sy_file *f, sy_item_kind kind, const char *id,
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
			snprintf(e.msg, sizeof e.msg, _("%s: out of memory"), f->annot_path);
		return sy_rv_save_failed(f, e.msg, err);
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

/* ------------------------------------------------------------ opening */

/* Replay a journal left beside F's annotation file (annot_read.h), then
 * save in full. */
static sy_status recover(sy_file *f, sy_error *err)
{
	bool exists;
	size_t n;
	sy_status st = sy_journal_replay(&f->annot, f->journal_path, &n, &exists,
					 err);

	if (st != SY_OK)
		return sy_prefix(err, "cannot recover the decisions in the journal "
				 "(the annotation file and the journal are left as they are): ");
	if (!exists)
		return SY_OK;
	f->recovered = n;
	return f->read_only ? SY_OK : sy_file_save(f, err);
}

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
		return sy_rv_nomem(f, err);
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

/* Reading the report in a thread of its own (sy_file_open_ex). */
typedef struct source_job {
	const char *path;
	sy_source *src;
	sy_status st;
	sy_error err;
	thrd_t thread;
	bool threaded;
} source_job;

static int source_run(void *arg)
{
	source_job *j = arg;

	j->st = sy_source_load(j->path, j->src, &j->err);
	return 0;
}

/* Start reading PATH into SRC; in this thread when no other can start. */
static void source_start(source_job *j, const char *path, sy_source *src)
{
	memset(j, 0, sizeof *j);
	j->path = path;
	j->src = src;
	j->threaded = thrd_create(&j->thread, source_run, j) == thrd_success;
	if (!j->threaded)
		source_run(j);
}

/* Wait for the report; its status (J->err says why when not SY_OK). */
static sy_status source_finish(source_job *j)
{
	if (j->threaded)
		thrd_join(j->thread, NULL);
	j->threaded = false;
	return j->st;
}

sy_status sy_file_open_ex(sy_file *f, const char *report, const char *annot_path,
			  const char *reviewer, unsigned flags,
			  sy_lock_info *holder, sy_error *err)
{
	struct stat sb;
	sy_status st;
	source_job job;
	bool found = false, exists = false;

	memset(f, 0, sizeof *f);
	f->report_path = strdup(report);
	f->annot_path = annot_path ? strdup(annot_path) : sy_review_annot_path(report);
	f->reviewer = sy_strdup(reviewer);
	f->journal_path = f->annot_path ? sy_journal_path(f->annot_path) : NULL;
	f->id_hint = calloc(2 * SY_ID_HINTS, sizeof *f->id_hint);
	if (!f->report_path || !f->annot_path || !f->journal_path ||
	    (reviewer && !f->reviewer) || !f->id_hint) {
		sy_file_close(f);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", report);
	}
	/* the report is read and hashed while the lock is taken and the
	 * annotation file read: they meet only at the comparison of their
	 * sha256 (the first screen of a large report comes sooner).  The
	 * report's error comes first, as when it was read first. */
	source_start(&job, report, &f->src);
	st = take_lock(f, flags, holder, err);
	if (st == SY_OK && !f->read_only)
		clean_temp_files(f);
	if (st == SY_OK) {
		found = stat(f->annot_path, &sb) == 0;
		exists = found || errno != ENOENT;
	}
	if (st == SY_OK && exists) {
		/* a large file is slow to rewrite: journal from the start */
		f->journal_mode = sy_journal_min_bytes == 0 ||
				  (found && (size_t)sb.st_size > sy_journal_min_bytes);
		st = open_existing(f, err);
		if (st == SY_OK) {
			sy_ondisk_record(&f->disk, f->annot_path,
					 f->journal_path, NULL);
			f->generation = sy_sync_generation(&f->annot);
		}
	}
	if (source_finish(&job) != SY_OK) {
		st = job.st;
		if (err)
			*err = job.err;
	}
	if (st == SY_OK && exists) {
		/* the journal belongs to the file as it is: replay it
		 * first, then follow a changed report */
		st = recover(f, err);
		if (st == SY_OK &&
		    strcmp(f->annot.source.sha256, f->src.sha256) != 0)
			st = reanchor(f, err);
		else if (st == SY_OK)   /* spans against the real text */
			st = sy_annot_check_spans(&f->annot, f->annot_path,
						  &f->src, err);
	} else if (st == SY_OK && stat(f->journal_path, &sb) == 0) {
		/* decisions without the file they belong to */
		st = sy_fail(err, SY_ERR_FORMAT,
			     "%s holds review decisions, but %s is missing: "
			     "restore the annotation file, or remove the "
			     "journal to start the review again", f->journal_path,
			     f->annot_path);
	} else if (st == SY_OK) {
		st = open_new(f, err);
	}
	if (st != SY_OK) {
		sy_file_close(f);
		return st;
	}
	f->nreviewed = sy_rv_count_reviewed(f);
	f->cursor_moved = false;
	f->saved = true;
	f->save_error[0] = '\0';
	return SY_OK;
}

void sy_file_close(sy_file *f)
{
	if (!f)
		return;
	sy_rv_edits_free(f);
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

void sy_rv_model_replaced(sy_file *f)
{
	load_next_ids(&f->annot);
	f->nreviewed = sy_rv_count_reviewed(f);
	if (f->id_hint)
		memset(f->id_hint, 0, 2 * SY_ID_HINTS * sizeof *f->id_hint);
}
