/* cmd_import.c - `shenyue import`: another extractor's predictions into
 * the annotation files of their reports, as proposals (issue 13). */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "base/i18n.h"
#include "commands.h"
#include "import/apply.h"
#include "import/predict.h"
#include "model/schema.h"

static const char IMPORT_HELP[] = N_(
	"usage: shenyue import [--source NAME]\n"
	"                      [--format jsonl|shenyue|labelstudio|brat|csv]\n"
	"                      [--dry-run] [--break-lock] PREDICTIONS REPORT|FOLDER...\n"
	"\n"
	"Take another extractor's predictions (PREDICTIONS; '-': standard\n"
	"input) as proposals into the annotation files of the reports given\n"
	"(for a FOLDER, the reports in it, as extract takes them).  A\n"
	"prediction goes to the report whose text has the sha256 of the text\n"
	"it carries, else the one whose name's stem is its id or its path's\n"
	"stem.  A report without an annotation file is extracted first.  A\n"
	"span equal to an item's adds the source to the item's `by`, with its\n"
	"score; where its values differ, the item keeps them under\n"
	"`disagreement`; a new span is a new pending item.  Reviewed items are\n"
	"never changed.  A prediction whose span does not hold its text is\n"
	"refused with its line, and not applied.  Importing again changes\n"
	"nothing.\n"
	"\n"
	"  -s, --source NAME  the source's name in the files (default: the\n"
	"                    stem of PREDICTIONS; not shenyue, extract's own)\n"
	"  -F, --format F    jsonl: doccano-style, what export --to jsonl\n"
	"                    writes; shenyue: an annotation file; labelstudio:\n"
	"                    Label Studio predictions JSON; brat: NAME.ann beside\n"
	"                    NAME.txt, or a folder of them; csv: what export\n"
	"                    --to csv writes.  Default: by the extension (.jsonl:\n"
	"                    jsonl; .yaml: shenyue; .json: labelstudio; .ann:\n"
	"                    brat; .csv: csv; standard input: jsonl; a folder:\n"
	"                    shenyue, its annotation files, another run's)\n"
	"  -n, --dry-run     check and count, write nothing\n"
	"      --break-lock  take the lock of a session that is gone (e.g. on\n"
	"                    another host) to write anyway\n"
	"  -h, --help        this help\n"
	"\n"
	"Exit status: 0 all imported, 1 some prediction refused or a file not\n"
	"written, 2 usage error.\n");

/* the usage and help of `shenyue import`, for the table in main.c */
const char *const sy_help_import = IMPORT_HELP;

/* Index one report (CTX the importer); 0, or 1 with the message said. */
static int add_one(const char *report, void *ctx)
{
	sy_error err;
	if (sy_import_add_report(ctx, report, &err) != SY_OK)
		return sy_fail_with("import", &err, 1);
	return 0;
}

int sy_cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'F' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "break-lock", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	sy_import_opts o = { NULL, false, false, sy_warn_cb, NULL };
	const char *format = NULL, *preds;
	char *stem = NULL;
	sy_pred_reader read;
	sy_importer *imp;
	sy_error err;
	int c, status = 0;
	sy_opts op = sy_opts_start(argc, argv, "s:F:nh", longopts, IMPORT_HELP);

	while ((c = sy_opt_next(&op)) > 0) {
		switch (c) {
		case 's': o.source = optarg; break;
		case 'F': format = optarg; break;
		case 'n': o.dry_run = true; break;
		case 'B': o.break_lock = true; break;
		}
	}
	if (c < 0)
		return op.status;
	if (argc - optind < 2)
		return sy_usage_error(IMPORT_HELP, _("import: give the predictions "
						     "and at least one report"));
	preds = argv[optind++];
	if (!format && !strcmp(preds, "-"))
		format = "jsonl";
	if (!format && sy_is_dir(preds))
		format = "shenyue";
	if (!format && !(format = sy_pred_guess_format(preds)))
		return sy_usage_error(IMPORT_HELP, _("import: say the format of %s "
						     "with --format"), preds);
	if (!(read = sy_pred_reader_for(format)))
		return sy_usage_error(IMPORT_HELP, _("import: unknown format '%s' (jsonl, "
						     "shenyue, labelstudio, brat or csv)"), format);
	if (!o.source) {
		if (!strcmp(preds, "-"))
			return sy_usage_error(IMPORT_HELP, _("import: name the source "
							     "of standard input with --source"));
		if (!(stem = sy_import_stem(preds))) {
			sy_warn("%s", _("out of memory"));
			return 1;
		}
		o.source = stem;
	}
	if (!*o.source || !strcmp(o.source, SY_SOURCE_SELF)) {
		free(stem);
		return sy_usage_error(IMPORT_HELP, _("import: the source needs a name "
						     "other than '%s' (extract's own)"),
				      SY_SOURCE_SELF);
	}
	if (!(imp = sy_import_new(&o))) {
		free(stem);
		sy_warn("%s", _("out of memory"));
		return 1;
	}
	for (int i = optind; i < argc; i++)
		status |= sy_each_report(argv[i], add_one, imp);
	if (!strcmp(format, "shenyue") && sy_is_dir(preds)) {
		/* another run's folder: each of its annotation files */
		sy_pathlist files = { 0 };
		int r = sy_annot_files_of(&files, (char *const *)&preds, 1, NULL, NULL);
		status |= r ? 1 : 0;
		for (size_t i = 0; r >= 0 && i < files.n; i++)
			if (read(files.v[i], sy_import_doc, imp, &err) != SY_OK) {
				status |= sy_fail_with("import", &err, 1);
				if (err.code == SY_ERR_NOMEM)
					break;
			}
		sy_pathlist_free(&files);
	} else if (read(preds, sy_import_doc, imp, &err) != SY_OK) {
		status |= sy_fail_with("import", &err, 1);
	}
	{
		const sy_import_counts *n = sy_import_counts_of(imp);
		if (n->refused)
			status |= 1;
		/* TRANSLATORS: the start of import's summary; the rest
		 * follows ("3 written (1 extracted first), ...") */
		fprintf(stderr, ngettext("shenyue: import %s: %zu predicted report: ",
					 "shenyue: import %s: %zu predicted reports: ",
					 n->docs), o.source, n->docs);
		fprintf(stderr, _("%zu written (%zu extracted first), %zu unchanged, "
				  "%zu refused; items: %zu new, %zu joined, "
				  "%zu disagreeing\n"),
			n->written, n->extracted, n->unchanged,
			n->refused, n->added, n->joined, n->disagreed);
	}
	sy_import_free(imp);
	free(stem);
	return status;
}
