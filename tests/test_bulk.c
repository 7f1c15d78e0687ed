/* test_bulk.c - TAP test of decisions in one stroke (core/session/bulk.h,
 * issue 13): a stroke over several pending items is one step (one undo,
 * one redo), written in one save (the journal, in journal mode, holds no
 * part of it), each item recording `via`; items not pending are passed;
 * a refused field or tag refuses the whole stroke; an item decided later
 * one by one loses its via; the decision of an item as a stroke
 * (sy_bulk_op_of); the propagation pattern. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "format/provenance.h"
#include "model/schema.h"
#include "session/bulk.h"
#include "session/review.h"
#include "tap.h"
#include "testfs.h"
#include "testmodel.h"
#include "testutil.h"

static const char report_text[] = BAIXI_REPORT_TEXT;

static const sy_stat *st(const sy_file *f, const char *id)
{
	return stat_by_id(&f->annot, id);
}

static bool via_is(const sy_stat *s, const char *via)
{
	return s && (via ? s->r.via && !strcmp(s->r.via, via) : !s->r.via);
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

int main(void)
{
	char *report = testfs_report("test_bulk", "bx.txt", report_text,
				     sizeof report_text - 1);
	sy_file f;
	sy_error err;
	sy_status s;
	sy_annot disk;
	sy_bulk_op op;
	size_t done = 0, nundo;
	const char *ids3[] = { "n1", "n2", "n3" };

	sy_annot_init(&disk);
	sy_journal_min_bytes = (size_t)-1;        /* every decision a full save */
	if (sy_file_open(&f, report, "tester", &err) != SY_OK) {
		printf("Bail out! open: %s\n", err.msg);
		return 1;
	}

	/* ---------------------------------------------------- bulk accept */
	memset(&op, 0, sizeof op);
	op.status = SY_ACCEPTED;
	op.via = SY_VIA_BULK;
	nundo = f.nundo;
	s = sy_review_bulk(&f, &op, ids3, 3, &done, &err);
	ok(s == SY_OK && done == 3, "bulk accept of n1 n2 n3: SY_OK, 3 done (%zu)", done);
	ok(st(&f, "n1")->r.status == SY_ACCEPTED && st(&f, "n3")->r.status == SY_ACCEPTED &&
	   via_is(st(&f, "n1"), SY_VIA_BULK) && via_is(st(&f, "n3"), SY_VIA_BULK),
	   "all three accepted, via bulk");
	ok(model_reload(f.annot_path, &disk) &&
	   stat_by_id(&disk, "n2")->r.status == SY_ACCEPTED &&
	   stat_by_id(&disk, "n2")->r.via && !strcmp(stat_by_id(&disk, "n2")->r.via, "bulk"),
	   "written: the file says n2 accepted, via: bulk");
	ok(f.nundo == nundo + 3, "three edits on the undo stack, joined");
	s = sy_review_undo(&f, NULL, &err);
	ok(s == SY_OK && f.nundo == nundo && st(&f, "n1")->r.status == SY_PENDING &&
	   st(&f, "n2")->r.status == SY_PENDING && st(&f, "n3")->r.status == SY_PENDING &&
	   via_is(st(&f, "n1"), NULL), "one undo takes the whole stroke back (via gone too)");
	ok(model_reload(f.annot_path, &disk) &&
	   stat_by_id(&disk, "n3")->r.status == SY_PENDING, "the undo written");
	s = sy_review_redo(&f, NULL, &err);
	ok(s == SY_OK && f.nundo == nundo + 3 && st(&f, "n1")->r.status == SY_ACCEPTED &&
	   st(&f, "n3")->r.status == SY_ACCEPTED && via_is(st(&f, "n2"), SY_VIA_BULK),
	   "one redo brings it back whole");
	s = sy_review_undo(&f, NULL, &err);
	s = sy_review_undo(&f, NULL, &err);
	ok(s == SY_ERR_USAGE || f.nundo == 0, "the undo before it is the file's own (nothing: %s)",
	   s == SY_ERR_USAGE ? "refused" : "undone");

	/* ---------------------------------------------------- passing, via cleared */
	{
		const char *ids[] = { "n4", "n5", "nope", "document" };
		s = sy_review_reject(&f, model_ref(&f, "n4"), &err);
		s = sy_review_bulk(&f, &op, ids, 4, &done, &err);
		ok(s == SY_OK && done == 1 && st(&f, "n4")->r.status == SY_REJECTED &&
		   via_is(st(&f, "n4"), NULL) && st(&f, "n5")->r.status == SY_ACCEPTED,
		   "an item not pending, an unknown id and the document are passed (1 done)");
		s = sy_review_reject(&f, model_ref(&f, "n5"), &err);
		ok(s == SY_OK && st(&f, "n5")->r.status == SY_REJECTED && via_is(st(&f, "n5"), NULL),
		   "n5 rejected one by one: its via is gone");
		s = sy_review_accept(&f, model_ref(&f, "n5"), &err);
		ok(s == SY_OK && via_is(st(&f, "n5"), NULL), "and accepted again: still none");
	}

	/* ---------------------------------------------------- a fix, refusals */
	{
		const char *ids[] = { "n6", "n7" };
		const char *bad[] = { "two words" };
		sy_bulk_op fix;
		memset(&fix, 0, sizeof fix);
		fix.set_unit = true;
		fix.unit = "个";
		fix.via = SY_VIA_PROPAGATE;
		fix.tags = bad;
		fix.ntags = 1;
		nundo = f.nundo;
		s = sy_review_bulk(&f, &fix, ids, 2, &done, &err);
		ok(s == SY_ERR_USAGE && f.nundo == nundo && st(&f, "n6")->r.status == SY_PENDING &&
		   st(&f, "n7")->r.status == SY_PENDING,
		   "a tag that is not one word refuses the whole stroke: %s", err.msg);
		fix.ntags = 0;
		s = sy_review_bulk(&f, &fix, ids, 2, &done, &err);
		ok(s == SY_OK && done == 2 && st(&f, "n6")->r.status == SY_FIXED &&
		   !strcmp(st(&f, "n6")->unit, "个") && sy_node_get(st(&f, "n6")->r.proposed, "unit") &&
		   via_is(st(&f, "n7"), SY_VIA_PROPAGATE),
		   "a fix of the unit: both fixed, the extractor's unit under proposed, via propagate");
		{
			const char *tb[4];
			sy_bulk_op back;
			ok(sy_bulk_op_of(&f, model_ref(&f, "n6"), &back, tb, 4) && back.set_unit &&
			   !strcmp(back.unit, "个") && !back.set_subject,
			   "sy_bulk_op_of: a fixed item's stroke sets its unit");
			ok(sy_bulk_op_of(&f, model_ref(&f, "n4"), &back, tb, 4) &&
			   back.status == SY_REJECTED, "sy_bulk_op_of: a rejected item's stroke rejects");
			ok(!sy_bulk_op_of(&f, model_ref(&f, "n8"), &back, tb, 4),
			   "sy_bulk_op_of: a pending item without tags has nothing to repeat");
		}
	}

	/* ---------------------------------------------------- pattern */
	{
		char *p = sy_bulk_pattern(&f, model_ref(&f, "n1"), NULL);
		ok(p && !strcmp(p, "S|6次|会议|，研"), "the pattern: text and two characters each side (%s)",
		   p ? p : "NULL");
		free(p);
	}

	/* ---------------------------------------------------- journal mode */
	{
		const char *ids[] = { "n8", "n9" };
		sy_file_close(&f);
		sy_journal_min_bytes = 0;
		if (sy_file_open(&f, report, "tester", &err) != SY_OK) {
			printf("Bail out! reopen: %s\n", err.msg);
			return 1;
		}
		s = sy_review_accept(&f, model_ref(&f, "s1"), &err);
		ok(s == SY_OK && exists(f.journal_path), "journal mode: a decision goes to the journal");
		s = sy_review_bulk(&f, &op, ids, 2, &done, &err);
		ok(s == SY_OK && done == 2 && !exists(f.journal_path),
		   "a stroke is one full save: the journal taken in and removed");
		ok(model_reload(f.annot_path, &disk) &&
		   stat_by_id(&disk, "n8")->r.status == SY_ACCEPTED &&
		   stat_by_id(&disk, "n9")->r.status == SY_ACCEPTED &&
		   sec_by_id(&disk, "s1")->r.status == SY_ACCEPTED,
		   "the file holds the stroke whole and the decision before it");
		s = sy_review_undo(&f, NULL, &err);
		ok(s == SY_OK && !exists(f.journal_path) && model_reload(f.annot_path, &disk) &&
		   stat_by_id(&disk, "n8")->r.status == SY_PENDING &&
		   stat_by_id(&disk, "n9")->r.status == SY_PENDING,
		   "its undo is one full save too");
	}
	sy_annot_free(&disk);
	sy_file_close(&f);
	remove_tree(tmpdir);
	free(report);
	return tap_done();
}
