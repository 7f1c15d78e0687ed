/* cmd_extract.c - `shenyue extract`: reports in, annotation files out. */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "model/annot.h"
#include "format/annot_io.h"
#include "extract/document.h"
#include "args.h"
#include "commands.h"
#include "extract/extract.h"
#include "session/journal.h"
#include "session/lock.h"
#include "format/paths.h"
#include "session/review.h"
#include "text/source.h"

static const char EXTRACT_HELP[] = N_(
	"usage: shenyue extract [-o DIR|-] [--force] [--break-lock] [--dry-run]\n"
	"                       [--files-from FILE] REPORT|FOLDER...\n"
	"\n"
	"Extract document facts, sections and statistics from each REPORT\n"
	"(UTF-8 or GB18030 text, a web page or a .docx; documents are told by\n"
	"their content, and their text is kept as NAME.txt beside them; for a\n"
	"FOLDER, every *.txt in it, in name order, as review takes them) into\n"
	"its annotation file, format 1.\n"
	"\n"
	"  -o, --output DIR  write NAME.yaml into DIR (created if missing);\n"
	"                    '-o -' writes to standard output.  Default: beside\n"
	"                    the report, NAME.yaml for NAME.txt\n"
	"  -f, --force       overwrite an annotation file that holds reviewed\n"
	"                    items (anything not pending); never one that a\n"
	"                    review session holds (its lock, NAME.yaml.lock)\n"
	"      --break-lock  take the lock of a session that is gone (e.g. on\n"
	"                    another host) to write anyway\n"
	"  -n, --dry-run     extract but write nothing; print for each report\n"
	"                    its number of sections and statistics\n"
	"      --files-from FILE  also read report paths from FILE, one per\n"
	"                    line ('-': standard input), for find | xargs -P\n"
	"                    or GNU parallel over a large corpus\n"
	"  -h, --help        this help\n"
	"\n"
	"Exit status: 0 all written, 1 some report failed, 2 usage error.\n");

typedef struct extract_opts {
	const char *outdir;     /* NULL: beside the report; "-": stdout */
	bool force;
	bool dry_run;
	bool break_lock;
} extract_opts;

/* May PATH be (over)written?  Refuses when it holds reviewed work, or
 * cannot be read as an annotation file, unless FORCE. */
static sy_status may_write(const char *path, bool force, sy_error *err)
{
	sy_annot old;
	sy_error lerr;
	sy_status st;
	struct stat sb;

	if (force)
		return SY_OK;      /* a journal goes once the new file is written */
	{
		char *j = sy_journal_path(path);
		bool journal = j && stat(j, &sb) == 0;
		free(j);
		if (journal)
			return sy_fail(err, SY_ERR_EXISTS,
				       "%s.journal holds review decisions not yet written "
				       "to %s (open it with shenyue review to finish "
				       "them); not overwritten: use --force to throw "
				       "them away", path, path);
	}
	if (stat(path, &sb) != 0)
		return SY_OK;
	sy_annot_init(&old);
	st = sy_annot_load(path, &old, &lerr);
	if (st != SY_OK)
		return sy_fail(err, SY_ERR_EXISTS,
			       "%s exists and is not a readable annotation file "
			       "(%s); not overwritten: use --force to replace it",
			       path, lerr.msg);
	if (sy_annot_has_reviewed(&old)) {
		sy_annot_free(&old);
		return sy_fail(err, SY_ERR_EXISTS,
			       "%s holds reviewed items; not overwritten: "
			       "use --force to replace it", path);
	}
	sy_annot_free(&old);
	return SY_OK;
}

/* Sink callbacks that only count. */
static sy_status count_section(void *ctx, const sy_section *s, sy_error *err)
{
	(void)s;
	(void)err;
	((unsigned long *)ctx)[0]++;
	return SY_OK;
}

static sy_status count_stat(void *ctx, const sy_stat *s, sy_error *err)
{
	(void)s;
	(void)err;
	((unsigned long *)ctx)[1]++;
	return SY_OK;
}

/* --dry-run: extract, print "REPORT: N sections, M statistics". */
static sy_status extract_dry(const sy_source *src, sy_error *err)
{
	unsigned long counts[2] = { 0, 0 };
	sy_extract_sink sink = { count_section, count_stat, counts };
	sy_status st = sy_extract_scan(src, &sink, err);

	if (st == SY_OK) {
		char secs[64], stats[64];
		snprintf(secs, sizeof secs, ngettext("%lu section", "%lu sections",
						     counts[0]), counts[0]);
		snprintf(stats, sizeof stats, ngettext("%lu statistic", "%lu statistics",
						       counts[1]), counts[1]);
		/* TRANSLATORS: --dry-run: "REPORT: 3 sections, 12 statistics" */
		printf(_("%s: %s, %s\n"), src->path, secs, stats);
	}
	return st;
}

/* Extract REPORT to standard output. */
static sy_status extract_to_stdout(const sy_source *src, sy_error *err)
{
	sy_writer *w;
	sy_status st = sy_writer_open(sy_write_to_stdio, stdout, "standard output",
				      &w, err);
	if (st != SY_OK)
		return st;
	st = sy_extract_write(src, NULL, w, err);
	sy_writer_free(w);
	if (st != SY_OK)
		return sy_prefix(err, "standard output: ");
	return sy_flush_stdout(err);
}

/* Extract SRC into the annotation file OUT, streamed into a temporary
 * file that replaces OUT only when complete. */
static sy_status extract_to_file(const sy_source *src, const char *out,
				 sy_error *err)
{
	sy_atomic at;
	sy_writer *w;
	sy_status st;
	char *rel = sy_source_path_for(src->path, out);

	if (!rel)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	st = sy_atomic_open(out, &at, err);
	if (st != SY_OK) {
		free(rel);
		return st;
	}
	st = sy_writer_open(sy_write_to_atomic, &at, out, &w, err);
	if (st == SY_OK) {
		st = sy_extract_write(src, rel, w, err);
		sy_writer_free(w);
	}
	free(rel);
	if (st != SY_OK) {
		sy_atomic_abort(&at);
		if (st != SY_ERR_IO)
			sy_prefix(err, "%s: ", out);
		return st;
	}
	return sy_atomic_commit(&at, err);
}

static sy_status extract_one(const char *report, const extract_opts *o,
			     sy_error *err)
{
	sy_source src;
	sy_status st;
	char *out = NULL;
	sy_lock lock = { 0 };

	{       /* a document's text is kept beside it (or in -o DIR) */
		sy_docload dl = { o->outdir && strcmp(o->outdir, "-") ? o->outdir : NULL,
				  !o->dry_run, o->force };
		st = sy_document_load(report, &dl, &src, err);
		if (st != SY_OK)
			return st;
	}
	if (o->dry_run) {
		st = extract_dry(&src, err);
		goto done;
	}
	if (o->outdir && !strcmp(o->outdir, "-")) {
		st = extract_to_stdout(&src, err);
		goto done;
	}
	out = sy_annot_path_for(src.path, o->outdir);
	if (!out) {
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto done;
	}
	if (o->outdir && (st = sy_make_dirs(o->outdir, err)) != SY_OK)
		goto done;
	/* a review session holds the file: never write under it */
	if ((st = sy_lock_acquire(out, NULL, o->break_lock ? SY_LOCK_BREAK
							  : SY_LOCK_NORMAL,
				  &lock, NULL, NULL, err)) != SY_OK)
		goto done;
	if ((st = may_write(out, o->force, err)) != SY_OK)
		goto done;
	st = extract_to_file(&src, out, err);
	if (st == SY_OK && o->force) {
		/* the file is replaced: decisions journaled for it go too */
		char *j = sy_journal_path(out);
		st = j ? sy_journal_remove(j, err) : sy_fail(err, SY_ERR_NOMEM, "out of memory");
		free(j);
	}
done:
	sy_lock_release(&lock);
	free(out);
	sy_source_free(&src);
	return st;
}

/* Extract one report (CTX: the options); 0, or 1 with the message
 * printed. */
static int run_one(const char *report, void *ctx)
{
	sy_error err;
	if (extract_one(report, ctx, &err) != SY_OK)
		return sy_fail_with(NULL, &err, 1);
	return 0;
}

/* the usage and help of `shenyue extract`, for the table in main.c */
const char *const sy_help_extract = EXTRACT_HELP;

int sy_cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "break-lock", no_argument, NULL, 'B' },
		{ "files-from", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	extract_opts o = { NULL, false, false, false };
	const char *files_from = NULL;
	int c, status = 0;
	sy_opts op = sy_opts_start(argc, argv, "o:fnh", longopts, EXTRACT_HELP);

	while ((c = sy_opt_next(&op)) > 0) {
		switch (c) {
		case 'o': o.outdir = optarg; break;
		case 'f': o.force = true; break;
		case 'n': o.dry_run = true; break;
		case 'B': o.break_lock = true; break;
		case 'F': files_from = optarg; break;
		}
	}
	if (c < 0)
		return op.status;
	if (optind >= argc && !files_from)
		return sy_usage_error(EXTRACT_HELP, "extract: no report given");
	if (o.outdir && !strcmp(o.outdir, "-") && files_from) {
		sy_warn("extract: -o - writes one report to standard output; "
			"use -o DIR with --files-from");
		return 2;
	}
	for (int i = optind; i < argc && o.outdir && !strcmp(o.outdir, "-"); i++) {
		if (sy_is_dir(argv[i])) {
			sy_warn("extract: -o - writes one report to standard output; "
				"use -o DIR with a folder (%s)", argv[i]);
			return 2;
		}
	}
	for (int i = optind; i < argc; i++)
		status |= sy_each_report(argv[i], run_one, &o);
	if (files_from)
		status |= sy_each_listed(files_from, run_one, &o);
	return status;
}
