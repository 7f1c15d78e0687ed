/* cmd_export.c - `shenyue export`: annotation files to JSONL (doccano),
 * brat standoff or CSV. */
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
#include "session/annot_read.h"
#include "args.h"
#include "commands.h"
#include "compare/export.h"
#include "format/paths.h"
#include "compare/progress.h"
#include "text/source.h"

static const char EXPORT_HELP[] = N_(
	"usage: shenyue export --to jsonl|brat|csv [-o DIR|-] [--all] FILE|FOLDER...\n"
	"\n"
	"Export annotation files (FILE, or every NAME.yaml in FOLDER) for other\n"
	"tools, with the decisions of a journal left by a crash (NAME.yaml.journal).\n"
	"Offsets are code points of the decoded report: every format reads the\n"
	"report from source.path (relative to the annotation file's folder) and\n"
	"refuses a file whose report is missing or changed since the file was\n"
	"written.  Nothing is written for a refused file; when every file is\n"
	"refused, no output file (brat: no annotation.conf) at all.\n"
	"\n"
	"  -t, --to FMT      jsonl: one JSON object per report, as doccano imports\n"
	"                    pre-annotations: {\"id\", \"text\", \"label\": [[start,\n"
	"                    end, \"SECTION\"|\"STAT\"], ...], \"meta\", \"items\"}\n"
	"                    (items parallel to label, with the fields);\n"
	"                    brat: NAME.txt and NAME.ann per report, and an\n"
	"                    annotation.conf, in DIR (-o DIR is needed);\n"
	"                    csv: one row per statistic (RFC 4180, UTF-8)\n"
	"  -o, --output DIR  write into DIR (created if missing): jsonl to\n"
	"                    DIR/annotations.jsonl, csv to DIR/statistics.csv;\n"
	"                    '-' (the default for jsonl and csv): standard output\n"
	"  -a, --all         rejected items too (left out by default), with their\n"
	"                    status\n"
	"  -h, --help        this help\n"
	"\n"
	"Exit status: 0 all exported, 1 some file failed (the others are\n"
	"exported), 2 usage error.\n");

typedef enum { TO_NONE, TO_JSONL, TO_BRAT, TO_CSV } export_to;

typedef struct export_run {
	export_to to;
	const char *outdir;          /* NULL or "-": standard output */
	sy_export_opts opts;
	sy_pathlist brat_names;      /* NAME of each NAME.ann written (owned) */
	/* the output, opened when the first file has passed its checks */
	bool ready;                  /* out_ready done */
	bool opened;                 /* AT is open (jsonl, csv into DIR) */
	sy_atomic at;
	sy_write_fn write;
	void *ctx;
	char *outpath;               /* owned, or NULL */
	const char *outname;
} export_run;

static void skip_file(void *ctx, const char *path, const char *why)
{
	(void)ctx;
	sy_warn("%s: %s, skipped", path, why);
}

/* Warnings from the writers, prefixed with the annotation file's name. */
static void warn_item(void *ctx, const char *msg)
{
	sy_warn("%s: %s", (const char *)ctx, msg);
}

/* The base name of annotation file PATH without ".yaml"; new string. */
static char *report_id(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;
	char *id;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 5 && !strcmp(b + n - 5, ".yaml"))
		n -= 5;
	if ((id = malloc(n + 1)) != NULL) {
		memcpy(id, b, n);
		id[n] = '\0';
	}
	return id;
}

/* Load the report of A (source.path, relative to ANNOT_PATH's folder
 * unless absolute) into SRC and check that it is the one A was made from. */
static sy_status load_report(const sy_annot *a, const char *annot_path,
			     sy_source *src, sy_error *err)
{
	const char *slash = strrchr(annot_path, '/');
	const char *rel = a->source.path;
	char *path;
	sy_status st;

	if (!rel || !*rel)
		return sy_fail(err, SY_ERR_FORMAT, "%s: no source.path", annot_path);
	if (rel[0] == '/' || !slash) {
		path = sy_strdup(rel);
	} else {
		size_t dl = (size_t)(slash - annot_path), n = dl + 1 + strlen(rel) + 1;
		if ((path = malloc(n)) != NULL)
			snprintf(path, n, "%.*s/%s", (int)dl, annot_path, rel);
	}
	if (!path)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	st = sy_source_load(path, src, err);
	free(path);
	if (st != SY_OK)
		return sy_prefix(err, "%s: cannot read its report (source.path %s): ",
				 annot_path, rel);
	if ((st = sy_export_check_source(a, annot_path, src, err)) != SY_OK)
		sy_source_free(src);
	return st;
}

/* brat: NAME.txt and NAME.ann for annotation file PATH into the output
 * folder. */
static sy_status export_brat(export_run *run, const char *path,
			     const sy_annot *a, const sy_source *src,
			     sy_error *err)
{
	char *name = report_id(path), *base = NULL, *txt = NULL, *ann = NULL;
	sy_atomic at;
	sy_export_opts opts = run->opts;
	sy_status st;
	size_t skipped;

	if (!name || !(base = sy_cli_join(run->outdir, name)) ||
	    !(txt = malloc(strlen(base) + 5)) || !(ann = malloc(strlen(base) + 5))) {
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto out;
	}
	sprintf(txt, "%s.txt", base);
	sprintf(ann, "%s.ann", base);
	for (size_t i = 0; i < run->brat_names.n; i++)
		if (!strcmp(run->brat_names.v[i], name)) {
			st = sy_fail(err, SY_ERR_EXISTS, "%s: %s was already written "
				     "from another file of this export; not "
				     "overwritten", path, ann);
			goto out;
		}
	/* the .ann in full before the .txt, so that a failure leaves neither */
	if ((st = sy_atomic_open(ann, &at, err)) != SY_OK)
		goto out;
	opts.warn_ctx = (void *)path;
	st = sy_export_brat_ann(a, src, &opts, sy_write_to_atomic, &at, &skipped, err);
	if (st != SY_OK) {
		sy_atomic_abort(&at);
		sy_prefix(err, "%s: ", ann);
		goto out;
	}
	if ((st = sy_write_atomic(txt, src->text, src->len, err)) != SY_OK) {
		sy_atomic_abort(&at);
		goto out;
	}
	if ((st = sy_atomic_commit(&at, err)) != SY_OK)
		goto out;
	if (sy_grow((void **)&run->brat_names.v, run->brat_names.n,
		    &run->brat_names.cap, sizeof *run->brat_names.v)) {
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto out;
	}
	run->brat_names.v[run->brat_names.n++] = name;
	name = NULL;            /* now owned by the list */
out:
	free(name);
	free(base);
	free(txt);
	free(ann);
	return st;
}

static sy_status out_ready(export_run *run, sy_error *err);

/* Export one annotation file PATH (with its journal's decisions); jsonl
 * and csv go through RUN's output, opened now if this is the first file
 * that passed its checks.  *LOST is set when the output failed (it is
 * then unusable). */
static sy_status export_one(export_run *run, const char *path, bool *lost,
			    sy_error *err)
{
	sy_annot a;
	sy_source src;
	sy_status st;
	sy_export_opts opts = run->opts;
	sy_write_fn write;
	void *ctx;
	const char *outname;

	memset(&src, 0, sizeof src);
	sy_annot_init(&a);
	if ((st = sy_annot_load_current(path, &a, NULL, err)) != SY_OK)
		return st;
	opts.warn_ctx = (void *)path;
	/* every format: the offsets hold only for the report they were made on */
	if ((st = load_report(&a, path, &src, err)) != SY_OK)
		goto out;
	if ((st = out_ready(run, err)) != SY_OK) {
		*lost = true;
		goto out;
	}
	write = run->write;
	ctx = run->ctx;
	outname = run->outname;
	switch (run->to) {
	case TO_JSONL: {
		char *id = report_id(path);
		if (!id) {
			st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
			break;
		}
		st = sy_export_jsonl(&a, &src, id, path, &opts, write, ctx, err);
		free(id);
		if (st != SY_OK) {
			*lost = true;
			sy_prefix(err, "%s: ", outname);
		}
		break;
	}
	case TO_CSV:
		st = sy_export_csv(&a, path, &opts, write, ctx, err);
		if (st != SY_OK) {
			*lost = true;
			sy_prefix(err, "%s: ", outname);
		}
		break;
	case TO_BRAT:
		st = export_brat(run, path, &a, &src, err);
		break;
	case TO_NONE:
		break;
	}
out:
	sy_source_free(&src);
	sy_annot_free(&a);
	return st;
}

/* Write annotation.conf into the brat folder unless one is there. */
static sy_status brat_conf(const char *dir, sy_error *err)
{
	char *p = sy_cli_join(dir, "annotation.conf");
	struct stat sb;
	sy_status st = SY_OK;

	if (!p)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	if (stat(p, &sb) != 0)
		st = sy_write_atomic(p, sy_export_brat_conf(),
				     strlen(sy_export_brat_conf()), err);
	free(p);
	return st;
}

/* Open RUN's output, once: standard output, or DIR made, with brat's
 * annotation.conf, or jsonl's / csv's file begun in it; csv's header. */
static sy_status out_ready(export_run *run, sy_error *err)
{
	bool to_stdout = !run->outdir || !strcmp(run->outdir, "-");
	sy_status st;

	if (run->ready)
		return SY_OK;
	run->ready = true;
	run->write = sy_write_to_stdio;
	run->ctx = stdout;
	run->outname = "standard output";
	if (!to_stdout) {
		if ((st = sy_make_dirs(run->outdir, err)) != SY_OK)
			return st;
		if (run->to == TO_BRAT)
			return brat_conf(run->outdir, err);
		run->outpath = sy_cli_join(run->outdir, run->to == TO_JSONL
					? "annotations.jsonl" : "statistics.csv");
		if (!run->outpath)
			return sy_fail(err, SY_ERR_NOMEM, "out of memory");
		if ((st = sy_atomic_open(run->outpath, &run->at, err)) != SY_OK)
			return st;
		run->opened = true;
		run->write = sy_write_to_atomic;
		run->ctx = &run->at;
		run->outname = run->outpath;
	}
	if (run->to == TO_CSV &&
	    (st = sy_export_csv_header(run->write, run->ctx, err)) != SY_OK)
		return sy_prefix(err, "%s: ", run->outname);
	return SY_OK;
}

/* the usage and help of `shenyue export`, for the table in main.c */
const char *const sy_help_export = EXPORT_HELP;

int sy_cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	export_run run;
	sy_pathlist files = { NULL, 0, 0 };
	bool to_stdout;
	sy_error err;
	int c, status = 0;

	memset(&run, 0, sizeof run);
	run.opts.warn = warn_item;
	sy_opts op = sy_opts_start(argc, argv, "t:o:ah", longopts, EXPORT_HELP);
	while ((c = sy_opt_next(&op)) > 0) {
		switch (c) {
		case 't':
			if (!strcmp(optarg, "jsonl"))
				run.to = TO_JSONL;
			else if (!strcmp(optarg, "brat"))
				run.to = TO_BRAT;
			else if (!strcmp(optarg, "csv"))
				run.to = TO_CSV;
			else {
				sy_warn("export: unknown format '%s' (jsonl, brat or csv)",
					optarg);
				return 2;
			}
			break;
		case 'o': run.outdir = optarg; break;
		case 'a': run.opts.all = true; break;
		}
	}
	if (c < 0)
		return op.status;
	if (run.to == TO_NONE)
		return sy_usage_error(EXPORT_HELP, "export: --to jsonl|brat|csv is needed");
	if (optind >= argc)
		return sy_usage_error(EXPORT_HELP, "export: no annotation file or folder given");
	to_stdout = !run.outdir || !strcmp(run.outdir, "-");
	if (run.to == TO_BRAT && to_stdout) {
		sy_warn("export: --to brat writes a folder of files: give -o DIR");
		return 2;
	}

	if ((status = sy_annot_files_of(&files, argv + optind, argc - optind,
					skip_file, NULL)) < 0)
		return 1;
	if (!files.n) {
		sy_warn("export: no annotation file found");
		sy_pathlist_free(&files);
		return 1;
	}

	for (size_t i = 0; i < files.n; i++) {
		bool lost = false;
		sy_status st = export_one(&run, files.v[i], &lost, &err);
		if (st == SY_OK)
			continue;
		sy_warn("%s", err.msg);
		status = 1;
		/* a failed write (or no memory): the output is lost, stop */
		if (lost || st == SY_ERR_NOMEM)
			goto fail;
	}
	if (run.opened) {
		run.opened = false;
		if (sy_atomic_commit(&run.at, &err) != SY_OK)
			goto fatal;
	} else if (to_stdout && sy_flush_stdout(&err) != SY_OK) {
		goto fatal;
	}
	goto out;
fatal:
	sy_warn("%s", err.msg);
fail:
	status = 1;
	if (run.opened)
		sy_atomic_abort(&run.at);
out:
	free(run.outpath);
	sy_pathlist_free(&files);
	sy_pathlist_free(&run.brat_names);
	return status;
}
