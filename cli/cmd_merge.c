/* cmd_merge.c - `shenyue merge BASE OURS THEIRS`: three-way merge of
 * annotation files, usable as a git merge driver (see core/merge.h). */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "model/annot.h"
#include "format/annot_io.h"
#include "session/annot_read.h"
#include "args.h"
#include "commands.h"
#include "session/lock.h"
#include "merge/merge.h"

static const char MERGE_HELP[] = N_(
	"usage: shenyue merge [-o OUT|-] [-N NAME] [-q] [--break-lock]\n"
	"                     BASE OURS THEIRS\n"
	"\n"
	"Three-way merge of two reviews of one report: BASE is their common\n"
	"ancestor, OURS and THEIRS the two annotation files.  The result\n"
	"replaces OURS (atomically) unless -o is given, as a git merge driver\n"
	"expects (git config merge.shenyue.driver 'shenyue merge %O %A %B').\n"
	"\n"
	"Items are matched by id.  A change on one side is taken; changes on\n"
	"both sides to different fields are both taken; one field changed two\n"
	"ways is a conflict: the item keeps OURS's version, gets the tag\n"
	"`conflict` and THEIRS's values under its key `conflict` (earlier\n"
	"alternatives not yet settled kept under its `earlier`).  Two items\n"
	"added under the same id are both kept, THEIRS's with a fresh id.  An\n"
	"empty BASE means no common ancestor.\n"
	"\n"
	"  -o, --output OUT  write the result to OUT ('-': standard output)\n"
	"      --break-lock  write even when a review session holds the file\n"
	"                    it writes (refused otherwise: its lock names who)\n"
	"  -N, --name NAME   the file's name in messages (git: %P)\n"
	"  -q, --quiet       no summary on standard error\n"
	"  -h, --help        this help\n"
	"\n"
	"Exit status: 0 merged cleanly, 1 merged with conflicts (written, tagged\n"
	"conflict), 2 error (nothing written).\n");

/* At most this many ids in one line of the summary. */
#define SHOW_IDS 20

/* Print "shenyue: merge: NAME: WHAT: a, b, c[, ... and N more]". */
static void print_list(const char *name, const char *what, char **v, size_t n,
		       const char *sep)
{
	size_t i;

	if (!n)
		return;
	fprintf(stderr, _("shenyue: merge: %s: %s"), name, _(what));
	for (i = 0; i < n && i < SHOW_IDS; i++)
		fprintf(stderr, "%s%s", i ? sep : " ", v[i]);
	if (n > SHOW_IDS)
		fprintf(stderr, _("%s... and %zu more"), sep, n - SHOW_IDS);
	fputc('\n', stderr);
}

static void summary(const char *name, const sy_merge_report *r)
{
	/* TRANSLATORS: merge's summary: items taken from ours (A), from
	 * theirs (B), merged from both, added, deleted, unchanged */
	fprintf(stderr,
		_("shenyue: merge: %s: %zu from ours, %zu from theirs, %zu merged, "
		  "%zu added (ours %zu, theirs %zu, both %zu), %zu deleted, "
		  "%zu unchanged\n"), name, r->from_ours, r->from_theirs, r->merged,
		r->added_ours + r->added_theirs + r->added_both, r->added_ours,
		r->added_theirs, r->added_both, r->deleted, r->same);
	print_list(name, N_("theirs' added items renumbered (same id as ours'):"),
		   r->renamed, r->nrenamed, ", ");
	print_list(name, N_("theirs' added items already in ours (kept once):"),
		   r->dropped, r->ndropped, ", ");
	if (r->nconflicts)
		/* TRANSLATORS: 'conflict' is the tag, as written in the file */
		fprintf(stderr, ngettext("shenyue: merge: %s: %zu conflict, tagged "
					 "'conflict':", "shenyue: merge: %s: %zu conflicts, "
					 "tagged 'conflict':", r->nconflicts),
			name, r->nconflicts);
	else
		fprintf(stderr, _("shenyue: merge: %s: no conflicts\n"), name);
	for (size_t i = 0; i < r->nconflicts && i < SHOW_IDS; i++)
		fprintf(stderr, " %s", r->conflicts[i]);
	if (r->nconflicts > SHOW_IDS)
		fprintf(stderr, _(" ... and %zu more"), r->nconflicts - SHOW_IDS);
	if (r->nconflicts)
		fputc('\n', stderr);
}

/* Load PATH into *A; an empty BASE (ALLOW_EMPTY) leaves *EMPTY true and
 * *A empty: no common ancestor (git passes one for an add/add). */
static sy_status load(const char *path, bool allow_empty, sy_annot *a,
		      bool *empty, sy_error *err)
{
	struct stat sb;

	sy_annot_init(a);
	*empty = false;
	if (allow_empty && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size == 0) {
		*empty = true;
		return SY_OK;
	}
	return sy_annot_load_current(path, a, NULL, err);
}

/* Write RES to OUT ("-": standard output), holding OUT's lock (lock.h)
 * while it is written: a file a review session holds is not written
 * (SY_ERR_EXISTS naming the holder) unless BREAK_LOCK. */
static sy_status write_result(const sy_annot *res, const char *out,
			      bool break_lock, sy_error *err)
{
	sy_status st;

	if (strcmp(out, "-") != 0) {
		sy_lock lock;
		st = sy_lock_acquire(out, NULL, break_lock ? SY_LOCK_BREAK
							   : SY_LOCK_NORMAL,
				     &lock, NULL, NULL, err);
		if (st == SY_OK)
			st = sy_annot_save(res, out, err);
		sy_lock_release(&lock);
		return st;
	}
	st = sy_annot_write_stream(res, stdout, "standard output", err);
	return st == SY_OK ? sy_flush_stdout(err) : st;
}

/* the usage and help of `shenyue merge`, for the table in main.c */
const char *const sy_help_merge = MERGE_HELP;

int sy_cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'N' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "break-lock", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *name = NULL;
	const char *names[3];
	bool quiet = false, no_base = false, empty, break_lock = false;
	sy_annot in[3], res;              /* all owned here */
	sy_merge_report rep;
	sy_error err;
	sy_status st = SY_OK;
	int c, i, status = 2;
	sy_opts op = sy_opts_start(argc, argv, "o:N:qh", longopts, MERGE_HELP);

	while ((c = sy_opt_next(&op)) > 0) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'N': name = optarg; break;
		case 'q': quiet = true; break;
		case 'B': break_lock = true; break;
		}
	}
	if (c < 0)
		return op.status;
	if (argc - optind != 3)
		return sy_usage_error(MERGE_HELP, ngettext("merge: expected BASE OURS "
							   "THEIRS, got %d file",
							   "merge: expected BASE OURS "
							   "THEIRS, got %d files",
							   argc - optind), argc - optind);
	for (i = 0; i < 3; i++)
		names[i] = argv[optind + i];
	if (!out)
		out = names[1];
	if (!name)
		name = names[1];

	memset(&rep, 0, sizeof rep);
	sy_annot_init(&res);
	for (i = 0; i < 3; i++)
		sy_annot_init(&in[i]);
	for (i = 0; i < 3 && st == SY_OK; i++) {
		st = load(names[i], i == 0, &in[i], &empty, &err);
		if (i == 0)
			no_base = empty;
	}
	if (st == SY_OK)
		st = sy_merge_check_sources(no_base ? NULL : &in[0], &in[1], &in[2],
					    (const char *const *)names, &err);
	if (st == SY_OK)
		st = sy_merge(no_base ? NULL : &in[0], &in[1], &in[2], &res, &rep,
			      &err);
	if (st == SY_OK)
		st = write_result(&res, out, break_lock, &err);
	if (st != SY_OK) {
		sy_fail_with("merge", &err, 2);
	} else {
		if (!quiet)
			summary(name, &rep);
		status = rep.nconflicts ? 1 : 0;
	}
	sy_merge_report_free(&rep);
	sy_annot_free(&res);
	for (i = 0; i < 3; i++)
		sy_annot_free(&in[i]);
	return status;
}
