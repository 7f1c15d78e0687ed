/* review_sync.c - before every write, look at the file on disk: someone
 * else (git, an editor, a session that broke our lock, a second --shared
 * reviewer) may have changed it since we last read or wrote it.  Then do
 * what git does with a file changed under it: a three-way merge (merge.h)
 * with BASE = the state we last read or wrote, OURS = the screen's model,
 * THEIRS = the file on disk with its journal replayed; the merged model
 * becomes the screen's and is written.  See review.h and README.md,
 * "Others writing the same file".
 *
 * Never drop either side: a decision of ours that is already written
 * (OURS = BASE for that item) and that THEIRS replaced or removed - a
 * `git checkout` of an older version, an editor's undo - would be taken
 * from THEIRS by a plain three-way merge and silently lost.  Which it is
 * tells review.generation, a count every full write by a session adds one
 * to (after merging what was there): THEIRS with a higher generation than
 * what we last read or wrote was written by a session that had merged
 * ours, and its changes are decisions taken over ours, merged as git
 * does.  Any other THEIRS (an older version, a hand edit, a file without
 * a generation) cannot have seen our decisions: each of ours it changes
 * is left out of BASE, so that the merge sees it "added on both sides":
 * it keeps our version and records theirs as the conflict alternative
 * (tag `conflict`, key `conflict:`), or keeps ours alone when THEIRS has
 * no such item.  Unless THEIRS already holds our decision as a conflict
 * (its own version or its `conflict:` record has our status): then the
 * conflict was made by the other side and is taken as it is.
 *
 * Undo after a merge: the steps of the reviewer's own that touched items
 * the merge changed are dropped (undoing them would silently undo the
 * other side's change); the other steps stay.  The notice says how many.
 */
#include "session/review_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <signal.h>
#include <unistd.h>

#include "base/i18n.h"
#include "format/annot_io.h"
#include "merge/merge.h"
#include "session/annot_read.h"

/* ------------------------------------------------------------ ids */

/* Whether items A and B of KIND (sections or statistics) are equal. */
static bool item_eq(sy_item_kind kind, const void *a, const void *b)
{
	return kind == SY_ITEM_SECTION ? sy_section_eq(a, b) : sy_stat_eq(a, b);
}

/* The item of KIND with ID in the index X (model/item.h), or NULL. */
static const void *ids_get(const sy_id_index *x, sy_item_kind k, const char *id)
{
	return sy_id_index_get(x, k == SY_ITEM_STAT, id);
}

/* ------------------------------------------------------------ the base */

int sy_sync_note(sy_file *f, const sy_edit *e, int w)
{
	sy_edit *c;
	void *p = f->unsaved;
	int bad = 0;

	for (size_t i = 0; i < f->nunsaved; i++)
		if (f->unsaved[i]->kind == e->kind &&
		    sy_str_eq(f->unsaved[i]->id, e->id))
			return 0;                /* the first state counts */
	if (sy_grow(&p, f->nunsaved, &f->capunsaved, sizeof *f->unsaved))
		return -1;
	f->unsaved = p;
	if (!(c = calloc(1, sizeof *c)))
		return -1;
	c->kind = e->kind;
	c->exists[0] = e->exists[w];
	c->id = sy_strdup(e->id);
	bad = !c->id;
	if (c->exists[0] && e->kind == SY_ITEM_SECTION)
		bad |= sy_section_copy(&c->sec[0], &e->sec[w]);
	else if (c->exists[0] && e->kind == SY_ITEM_STAT)
		bad |= sy_stat_copy(&c->stat[0], &e->stat[w]);
	else if (e->kind == SY_ITEM_DOCUMENT) {
		bad |= sy_doc_copy(&c->doc[0], &e->doc[w]);
	}
	if (bad) {
		sy_edit_free(c);
		return -1;
	}
	f->unsaved[f->nunsaved++] = c;
	return 0;
}

void sy_sync_forget(sy_file *f)
{
	while (f->nunsaved)
		sy_edit_free(f->unsaved[--f->nunsaved]);
}

/* Does THEIRS's item T already hold O's decision as a conflict? */
static bool decision_kept(sy_item_kind k, const void *o, const void *t)
{
	const sy_review *ro = k == SY_ITEM_SECTION ? &((const sy_section *)o)->r
		: &((const sy_stat *)o)->r;
	const sy_review *rt = k == SY_ITEM_SECTION ? &((const sy_section *)t)->r
		: &((const sy_stat *)t)->r;
	const sy_node *c, *th, *st;

	if (!sy_tags_has(&rt->tags, SY_TAG_CONFLICT))
		return false;
	if (rt->status == ro->status)
		return true;
	c = rt->extra ? sy_node_get(rt->extra, SY_KEY_CONFLICT) : NULL;
	th = c && c->kind == SY_NODE_MAP ? sy_node_get(c, "theirs") : NULL;
	st = th && th->kind == SY_NODE_MAP ? sy_node_get(th, sy_rv_rev_key(SY_REV_STATUS)) : NULL;
	return st && st->kind == SY_NODE_SCALAR &&
	       sy_str_eq(st->scalar, sy_status_name(ro->status));
}

/* Left out of the base: see the top of this file. */
static bool keep_ours(sy_item_kind k, const void *b, const void *o,
		      const void *t)
{
	sy_review_status s = k == SY_ITEM_SECTION ? ((const sy_section *)o)->r.status
		: ((const sy_stat *)o)->r.status;

	return s != SY_PENDING && item_eq(k, b, o) &&
	       (!t || (!item_eq(k, o, t) && !decision_kept(k, o, t)));
}

/* Build the list K of the base (a shallow copy: its items belong to F's
 * model or to f->unsaved; free only the array) into *V, *N.  NEWER:
 * THEIRS was written after it merged ours (nothing left out). */
static int base_list(const sy_file *f, sy_item_kind k, const sy_id_index *ours,
		     const sy_id_index *theirs, bool newer, void **v, size_t *n)
{
	const sy_annot *a = &f->annot;
	size_t size = k == SY_ITEM_SECTION ? sizeof(sy_section) : sizeof(sy_stat);
	size_t na = k == SY_ITEM_SECTION ? a->nsections : a->nstats;
	const char *items = k == SY_ITEM_SECTION ? (const char *)a->sections
		: (const char *)a->stats;
	char *out = malloc((na + f->nunsaved + 1) * size);
	size_t m = 0;

	if (!out)
		return -1;
	/* our items as they are, except those changed since the last write:
	 * those as they were */
	for (size_t i = 0; i < na; i++) {
		const char *id = *(char *const *)(items + i * size);
		bool noted = false;
		for (size_t j = 0; j < f->nunsaved && !noted; j++)
			noted = f->unsaved[j]->kind == k &&
				sy_str_eq(f->unsaved[j]->id, id);
		if (!noted)
			memcpy(out + m++ * size, items + i * size, size);
	}
	for (size_t j = 0; j < f->nunsaved; j++) {
		const sy_edit *e = f->unsaved[j];
		if (e->kind == k && e->exists[0])
			memcpy(out + m++ * size, k == SY_ITEM_SECTION
			       ? (const void *)&e->sec[0] : (const void *)&e->stat[0],
			       size);
	}
	/* then leave out our written decisions that THEIRS would drop */
	size_t w = 0;
	for (size_t i = 0; i < m; i++) {
		const void *b = out + i * size;
		const char *id = *(char *const *)b;
		const void *o = ids_get(ours, k, id);
		if (!newer && o && keep_ours(k, b, o, ids_get(theirs, k, id)))
			continue;
		memmove(out + w++ * size, b, size);
	}
	*v = out;
	*n = w;
	return 0;
}

/* ------------------------------------------------------------ generation */

unsigned long sy_sync_generation(const sy_annot *a)
{
	const sy_node *v = a->review.extra ? sy_node_get(a->review.extra, "generation")
		: NULL;

	return v && v->kind == SY_NODE_SCALAR && v->scalar ?
		strtoul(v->scalar, NULL, 10) : 0;
}

int sy_sync_set_generation(sy_annot *a, unsigned long g)
{
	char buf[24];
	sy_node *n, *m = a->review.extra;

	snprintf(buf, sizeof buf, "%lu", g);
	if (!(n = sy_node_scalar(buf, 0)))
		return -1;
	if (!m && !(m = a->review.extra = sy_node_map())) {
		sy_node_free(n);
		return -1;
	}
	for (size_t i = 0; i < m->n; i++)
		if (m->items[i] == sy_node_get(m, "generation")) {
			sy_node_free(m->items[i]);
			m->items[i] = n;
			return 0;
		}
	return sy_node_put(m, "generation", n);   /* N freed on failure */
}

/* ------------------------------------------------------------ theirs */

/* The file on disk (absent: *EXISTS false), its journal replayed; *SHA
 * the sha256 of its bytes. */
static sy_status load_theirs(sy_file *f, sy_annot *t, bool *exists,
			     char sha[65], sy_error *err)
{
	char *buf;
	size_t len, n;
	bool jexists;
	sy_status st;

	sy_annot_init(t);
	*exists = access(f->annot_path, F_OK) == 0;
	if (!*exists)
		return SY_OK;
	if ((st = sy_ondisk_read(f->annot_path, &buf, &len, sha, err)) != SY_OK)
		return st;
	st = sy_annot_parse(buf, len, f->annot_path, t, err);
	free(buf);
	if (st != SY_OK)
		return st;
	st = f->journal_path ? sy_journal_replay(t, f->journal_path, &n, &jexists,
						 err) : SY_OK;
	if (st != SY_OK)
		sy_annot_free(t);
	return st;
}

/* ------------------------------------------------------------ adopting */

/* Whether items A and B of KIND are equal but for a statistic's section:
 * that follows the sections (sections_of.h), so a section decided by the
 * other session changes it without anyone deciding the statistic. */
static bool same_but_section(sy_item_kind kind, const void *a, const void *b)
{
	sy_stat t;

	if (kind != SY_ITEM_STAT)
		return item_eq(kind, a, b);
	t = *(const sy_stat *)b;           /* a shallow view, not owned */
	t.section = ((const sy_stat *)a)->section;
	return item_eq(kind, a, &t);
}

/* Drop from the stack V (N entries) the edits whose item differs between
 * OLD and NEW (a statistic's section aside); returns how many were
 * dropped. */
static size_t prune(sy_edit **v, size_t *n, const sy_annot *old,
		    const sy_annot *new, const sy_id_index *io, const sy_id_index *in)
{
	size_t w = 0, dropped = 0;

	for (size_t i = 0; i < *n; i++) {
		sy_edit *e = v[i];
		bool same;
		if (e->kind == SY_ITEM_DOCUMENT) {
			same = sy_doc_eq(&old->doc, &new->doc);
		} else {
			const void *a = ids_get(io, e->kind, e->id);
			const void *b = ids_get(in, e->kind, e->id);
			same = (!a && !b) || (a && b && same_but_section(e->kind, a, b));
		}
		if (same) {
			v[w++] = e;
		} else {
			sy_edit_free(e);
			dropped++;
		}
	}
	*n = w;
	return dropped;
}

/* Make MERGED F's model; undo steps on items it changed are dropped. */
static sy_status adopt(sy_file *f, sy_annot *merged, size_t *dropped,
		       sy_error *err)
{
	sy_id_index io, in;
	sy_annot old;

	sy_annot_sort(merged);
	if (sy_id_index_build(&io, &f->annot)) 
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", f->annot_path);
	if (sy_id_index_build(&in, merged)) {
		sy_id_index_free(&io);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", f->annot_path);
	}
	*dropped = prune(f->undo, &f->nundo, &f->annot, merged, &io, &in) +
		   prune(f->redo, &f->nredo, &f->annot, merged, &io, &in);
	sy_id_index_free(&io);
	sy_id_index_free(&in);
	old = f->annot;
	f->annot = *merged;
	sy_annot_init(merged);
	sy_annot_free(&old);
	sy_rv_model_replaced(f);
	return SY_OK;
}

/* ------------------------------------------------------------ merging */

/* Say what the merge did in f->notice. */
static void tell(sy_file *f, const sy_merge_report *rep, size_t dropped)
{
	size_t taken = rep->from_theirs + rep->added_theirs + rep->merged +
		       rep->deleted;
	int n;

	if (!taken && !rep->nconflicts && !dropped)
		return;                 /* touched, or the same decisions */
	/* TRANSLATORS: a merge of what another session wrote: CHANGES taken,
	 * then the number of conflicts (the plural follows it) */
	n = snprintf(f->notice, sizeof f->notice,
		     ngettext("%s changed on disk: merged (%zu of its changes taken), "
			      "%zu conflict", "%s changed on disk: merged (%zu of its "
			      "changes taken), %zu conflicts", rep->nconflicts),
		     f->annot_path, taken, rep->nconflicts);
	f->notice_conflicts = rep->nconflicts > 0;

	for (size_t i = 0; i < rep->nconflicts && n > 0 &&
	     (size_t)n + 24 < sizeof f->notice; i++)
		n += snprintf(f->notice + n, sizeof f->notice - (size_t)n, "%s%s",
			      i ? ", " : " - ", rep->conflicts[i]);
	if (rep->nconflicts && n > 0 && (size_t)n < sizeof f->notice)
		/* TRANSLATORS: conflict is the tag, as written in the file */
		n += snprintf(f->notice + n, sizeof f->notice - (size_t)n, "%s",
			      _(" -> tag conflict"));
	if (dropped && n > 0 && (size_t)n < sizeof f->notice)
		snprintf(f->notice + n, sizeof f->notice - (size_t)n,
			 ngettext("; %zu undo step on those items dropped",
				  "; %zu undo steps on those items dropped", dropped),
			 dropped);
}

/* The file changed under us: merge it into F's model.  *WRITE: the
 * merged model holds something the file lacks (write it). */
static sy_status merge_in(sy_file *f, bool *write, sy_error *err)
{
	sy_annot theirs, merged, base;
	sy_id_index ours_ids, theirs_ids;
	sy_merge_report rep;
	bool exists;
	char sha[65];
	void *bs = NULL, *bn = NULL;
	size_t dropped = 0;
	unsigned long gen;
	sy_status st = load_theirs(f, &theirs, &exists, sha, err);

	*write = true;
	if (st != SY_OK)
		return sy_prefix(err, "%s changed on disk and cannot be read, so it "
				 "is not overwritten: ", f->annot_path);
	if (!exists) {
		snprintf(f->notice, sizeof f->notice, _("%s was removed on disk: "
							"written again"), f->annot_path);
		f->notice_conflicts = false;
		return SY_OK;
	}
	gen = sy_sync_generation(&theirs);
	memset(&base, 0, sizeof base);
	sy_annot_init(&merged);
	if (sy_id_index_build(&ours_ids, &f->annot) == 0) {
		if (sy_id_index_build(&theirs_ids, &theirs) == 0) {
			if (base_list(f, SY_ITEM_SECTION, &ours_ids, &theirs_ids,
				      gen > f->generation, &bs, &base.nsections) ||
			    base_list(f, SY_ITEM_STAT, &ours_ids, &theirs_ids,
				      gen > f->generation, &bn, &base.nstats))
				st = SY_ERR_NOMEM;
			sy_id_index_free(&theirs_ids);
		} else {
			st = SY_ERR_NOMEM;
		}
		sy_id_index_free(&ours_ids);
	} else {
		st = SY_ERR_NOMEM;
	}
	if (st != SY_OK) {
		free(bs);
		free(bn);
		sy_annot_free(&theirs);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", f->annot_path);
	}
	base.sections = bs;
	base.stats = bn;
	base.source = f->annot.source;
	base.review = f->annot.review;
	base.extra = f->annot.extra;
	base.doc = f->annot.doc;
	for (size_t j = 0; j < f->nunsaved; j++)
		if (f->unsaved[j]->kind == SY_ITEM_DOCUMENT)
			base.doc = f->unsaved[j]->doc[0];
	sy_annot_sort(&base);
	st = sy_merge(f->disk.known && f->disk.file.exists ? &base : NULL,
		      &f->annot, &theirs, &merged, &rep, err);
	free(bs);
	free(bn);
	sy_annot_free(&theirs);
	if (st == SY_OK)
		st = adopt(f, &merged, &dropped, err);
	if (st == SY_OK) {
		if (gen > f->generation)
			f->generation = gen;
		tell(f, &rep, dropped);
		*write = rep.nconflicts || rep.from_ours || rep.added_ours ||
			 rep.merged || f->nunsaved || f->need_full;
		if (!*write)
			sy_ondisk_record(&f->disk, f->annot_path, f->journal_path, sha);
	} else {
		sy_prefix(err, "%s changed on disk and cannot be merged, so it is "
			  "not overwritten: ", f->annot_path);
	}
	sy_annot_free(&merged);
	sy_merge_report_free(&rep);
	return st;
}

/* ------------------------------------------------------------ the lock */

/* Is our right to write gone?  Then f->save_error says why. */
static bool lock_gone(sy_file *f)
{
	sy_lock_info who;
	bool had = sy_lock_read(f->annot_path, &who);

	if (f->lock_lost)
		return true;
	if (f->shared) {
		/* a session that does not share took the lock: stop */
		if (!had || !sy_lock_held(f->annot_path, &who))
			return false;
	} else if (!f->lock.path || sy_lock_still_ours(&f->lock)) {
		return false;
	}
	if (had)
		snprintf(f->save_error, sizeof f->save_error, _("%s: the lock was "
			 "taken by %s on %s (pid %ld) since %s: nothing more is "
			 "written from this screen (quitting writes the decisions "
			 "not yet saved to a rescue file)"), f->annot_path, who.user,
			 who.host, who.pid, who.since);
	else
		snprintf(f->save_error, sizeof f->save_error, _("%s: the lock was "
			 "removed by someone else: nothing more is written from this "
			 "screen (quitting writes the decisions not yet saved to a "
			 "rescue file)"), f->annot_path);
	snprintf(f->notice, sizeof f->notice, _("READ-ONLY NOW: %.480s"), f->save_error);
	f->lock_lost = true;
	f->read_only = true;
	f->saved = false;
	return true;
}

/* ------------------------------------------------------------ writing */

sy_status sy_sync_write(sy_file *f, bool full, sy_item_kind kind,
			const char *id, const sy_secids *held, sy_error *err)
{
	int guard = sy_ondisk_guard(f->annot_path);
	bool changed = false, write = true;
	sy_status st;

	if (lock_gone(f)) {
		sy_ondisk_unguard(guard);
		f->saved = false;
		return sy_fail(err, SY_ERR_IO, "%s", f->save_error);
	}
	st = sy_ondisk_check(&f->disk, f->annot_path, f->journal_path, &changed,
			     err);
	if (st == SY_OK && changed) {
		st = merge_in(f, &write, err);
		full = true;         /* the merged model is not the file's */
	}
	if (st != SY_OK) {
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err->msg);
		sy_ondisk_unguard(guard);
		f->need_full = true;       /* no journal append until then */
		return sy_rv_save_failed(f, msg, err);
	}
	if (write)
		st = full ? sy_rv_write_full(f, err)
			  : sy_rv_write_journal(f, kind, id, held, err);
	sy_ondisk_unguard(guard);
	return st;
}

sy_status sy_file_sync(sy_file *f, bool *changed, sy_error *err)
{
	int guard;
	bool write = false;
	sy_status st;

	*changed = false;
	if (f->read_only)
		return SY_OK;
	/* the cheap look first, without the guard (a key must not wait for
	 * another session's write) */
	st = sy_ondisk_check(&f->disk, f->annot_path, f->journal_path, changed,
			     err);
	if (st != SY_OK || !*changed)
		return st;
	guard = sy_ondisk_guard(f->annot_path);
	st = sy_ondisk_check(&f->disk, f->annot_path, f->journal_path, changed,
			     err);
	if (st == SY_OK && *changed)
		st = merge_in(f, &write, err);
	if (st == SY_OK && write && !lock_gone(f))
		st = sy_rv_write_full(f, err);
	else if (st == SY_OK && write)
		st = sy_fail(err, SY_ERR_IO, "%s", f->save_error);
	sy_ondisk_unguard(guard);
	return st;
}
