/* cmd_eval.c - `shenyue eval`: score annotation files against gold ones,
 * with the figures of ../shared/tools/score.py (the scoring is in
 * core/evaluate.c; this file parses options and prints). */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "args.h"
#include "commands.h"
#include "compare/evaluate.h"

static const char EVAL_HELP[] = N_(
	"usage: shenyue eval [--format text|yaml] [--per-file] [--source NAME]\n"
	"                    [--calibration] GOLD PRED\n"
	"\n"
	"Score the annotation files in PRED (a file, or a folder and its\n"
	"subfolders) against the gold files in GOLD (a file, or the .yaml files\n"
	"of a folder), with the measures of ../shared/tools/score.py:\n"
	"sections match on start offset, statistics on exact span (and by\n"
	"overlap); gold statistics tagged borderline are ignored, and so is any\n"
	"predicted statistic overlapping one; predicted items rejected are\n"
	"ignored.  Files pair by source.sha256, then by the basename of\n"
	"source.path; a gold file without a prediction counts as empty.\n"
	"\n"
	"  --format text|yaml  text (default): the 'key: value' lines of\n"
	"                    score.py and its last line 'stat_f1=... sec_f1=...\n"
	"                    value_acc=... doc_acc=...'; yaml: every figure at\n"
	"                    full precision, with per_file_stat_f1\n"
	"  --per-file        also the figures of each gold file\n"
	"  --source NAME     score only the items source NAME proposed (their\n"
	"                    `by` names it; `shenyue` is extract's own rules),\n"
	"                    each as NAME proposed it\n"
	"  --calibration     instead of the figures, the reliability of the\n"
	"                    scores: per score bucket ([0,0.5) [0.5,0.7)\n"
	"                    [0.7,0.8) [0.8,0.9) [0.9,1]) the number of\n"
	"                    predicted items and the share that is correct\n"
	"                    (same span and values as a gold item; an item not\n"
	"                    in gold is wrong); the score is NAME's with\n"
	"                    --source, else the highest any source gave\n"
	"  -h, --help        this help\n"
	"\n"
	"An unreadable prediction is reported and counted as missing, as\n"
	"score.py counts it.  Exit status: 0 scored, 1 an unreadable gold file\n"
	"or folder, 2 usage error.\n");

/* One file's stat F1 under its key, for per_file_stat_f1 (owned). */
typedef struct keyed {
	char *key;
	double f1;
} keyed;

typedef struct eval_out {
	bool yaml, per_file;
	keyed *v;            /* owned, with each key */
	size_t n, cap;
	bool oom;
	bool started;        /* the yaml per_file list has begun */
} eval_out;

static void print_figure_yaml(const sy_figure *f, const char *indent)
{
	char buf[48];
	if (f->is_int)
		printf("%s%s: %lu\n", indent, f->name, f->n);
	else
		printf("%s%s: %s\n", indent, f->name,
		       sy_format_double(buf, sizeof buf, f->v));
}

/* score.py's lines: ints as they are, floats with 3 decimals. */
static void print_figures_text(const sy_figure *fig)
{
	for (size_t i = 0; i < SY_EVAL_NFIGURES; i++)
		if (fig[i].is_int)
			printf("%s: %lu\n", fig[i].name, fig[i].n);
		else
			printf("%s: %.3f\n", fig[i].name, fig[i].v);
}

static const sy_figure *find_fig(const sy_figure *fig, const char *name)
{
	for (size_t i = 0; i < SY_EVAL_NFIGURES; i++)
		if (!strcmp(fig[i].name, name))
			return &fig[i];
	return &fig[0];
}

static void print_summary_line(const sy_figure *fig)
{
	printf("stat_f1=%.3f sec_f1=%.3f value_acc=%.3f doc_acc=%.3f\n",
	       find_fig(fig, "stat_f1")->v, find_fig(fig, "sec_f1")->v,
	       find_fig(fig, "stat_value_acc")->v, find_fig(fig, "doc_acc")->v);
}

static void on_file(void *ctx, const sy_eval_file *f)
{
	eval_out *o = ctx;
	sy_figure fig[SY_EVAL_NFIGURES];
	void *v = o->v;

	if (!o->oom && sy_grow(&v, o->n, &o->cap, sizeof *o->v) == 0) {
		o->v = v;
		o->v[o->n].key = strdup(f->key);
		o->v[o->n].f1 = f->stat_f1;
		if (o->v[o->n].key)
			o->n++;
		else
			o->oom = true;
	} else {
		o->oom = true;
	}
	if (!o->per_file)
		return;
	sy_eval_figures(f->c, fig);
	if (o->yaml) {
		if (!o->started)
			printf("per_file:\n");
		o->started = true;
		printf("- gold: ");
		sy_yaml_string(stdout, f->gold_path);
		printf("\n  pred: ");
		sy_yaml_string(stdout, f->pred_path);
		printf("\n  key: ");
		sy_yaml_string(stdout, f->key);
		putchar('\n');
		for (size_t i = 0; i < SY_EVAL_NFIGURES; i++)
			print_figure_yaml(&fig[i], "  ");
	} else {
		printf("%s: ", f->gold_path);
		print_summary_line(fig);
		printf("  pred: %s\n", f->pred_path ? f->pred_path : "(missing)");
	}
}

/* per_file_stat_f1, a dict in score.py: a later file of the same key
 * replaces the value of an earlier one, which keeps its place. */
static void print_per_file_f1(const eval_out *o)
{
	char buf[48];

	printf("per_file_stat_f1:%s\n", o->n ? "" : " {}");
	for (size_t i = 0; i < o->n; i++) {
		size_t j, last = i;
		bool seen = false;
		for (j = 0; j < i && !seen; j++)
			seen = !strcmp(o->v[j].key, o->v[i].key);
		if (seen)
			continue;
		for (j = i + 1; j < o->n; j++)
			if (!strcmp(o->v[j].key, o->v[i].key))
				last = j;
		printf("  ");
		sy_yaml_string(stdout, o->v[i].key);
		printf(": %s\n", sy_format_double(buf, sizeof buf, o->v[last].f1));
	}
}

/* The reliability table of C (for SOURCE, NULL: any source). */
static void print_calibration(const sy_calib *c, const char *source, bool yaml)
{
	char a[48], b[48], sh[48];
	size_t i;

	if (yaml) {
		printf("source: ");
		sy_yaml_string(stdout, source);
		printf("\ncalibration:\n");
	} else {
		printf(_("calibration of the scores of %s\n"),
		       source ? source : _("any source"));
		/* padded by display width: the labels may be Chinese */
		sy_print_padded(_("score"), 12, false);
		putchar(' ');
		sy_print_padded(_("items"), 8, true);
		putchar(' ');
		sy_print_padded(_("correct"), 8, true);
		putchar(' ');
		sy_print_padded(_("share"), 7, true);
		putchar('\n');
	}
	for (i = 0; i <= SY_CALIB_BUCKETS; i++) {
		bool last = i + 1 == SY_CALIB_BUCKETS, none = i == SY_CALIB_BUCKETS;
		double share = c->n[i] ? (double)c->ok[i] / (double)c->n[i] : 0;
		if (yaml) {
			if (none)
				printf("unscored:\n  items: %lu\n  correct: %lu\n",
				       c->n[i], c->ok[i]);
			else
				printf("- from: %s\n  to: %s\n  items: %lu\n"
				       "  correct: %lu\n  share: %s\n",
				       sy_format_double(a, sizeof a, sy_calib_edges[i]),
				       sy_format_double(b, sizeof b,
							sy_calib_edges[i + 1]),
				       c->n[i], c->ok[i],
				       c->n[i] ? sy_format_double(sh, sizeof sh, share)
					       : "null");
			continue;
		}
		if (none)
			sy_print_padded(_("no score"), 12, false);
		else
			printf("[%.1f, %.1f%c  ", sy_calib_edges[i],
			       sy_calib_edges[i + 1], last ? ']' : ')');
		printf(" %8lu %8lu", c->n[i], c->ok[i]);
		if (c->n[i])
			printf(" %7.3f\n", share);
		else
			printf(" %7s\n", "-");
	}
}

/* the usage and help of `shenyue eval`, for the table in main.c */
const char *const sy_help_eval = EVAL_HELP;

int sy_cmd_eval(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "per-file", no_argument, NULL, 'p' },
		{ "source", required_argument, NULL, 's' },
		{ "calibration", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	eval_out o = { false, false, NULL, 0, 0, false, false };
	sy_eval_counts total;
	sy_figure fig[SY_EVAL_NFIGURES];
	sy_calib calib;
	sy_eval_opts opts = { NULL, NULL };
	sy_error err;
	sy_status st;
	int c, f, status = 0;
	sy_opts op = sy_opts_start(argc, argv, "h", longopts, EVAL_HELP);

	while ((c = sy_opt_next(&op)) > 0) {
		switch (c) {
		case 'F':
			if ((f = sy_opt_format("eval", optarg)) < 0)
				return 2;
			o.yaml |= f;   /* a later "text" does not undo "yaml" */
			break;
		case 'p': o.per_file = true; break;
		case 's':
			if (!*optarg)
				return sy_usage_error(EVAL_HELP,
						      _("eval: --source wants a source name"));
			opts.source = optarg;
			break;
		case 'c': opts.calib = &calib; break;
		}
	}
	if (c < 0)
		return op.status;
	if (argc - optind != 2)
		return sy_usage_error(EVAL_HELP, "eval: expected GOLD and PRED");
	memset(&calib, 0, sizeof calib);
	st = sy_eval_run_opts(argv[optind], argv[optind + 1], &opts, &total,
			      on_file, &o, sy_warn_cb, NULL, &err);
	if (st == SY_OK && o.oom)
		st = sy_fail(&err, SY_ERR_NOMEM, "out of memory");
	if (st != SY_OK) {
		status = sy_fail_with("eval", &err, sy_exit_code(st));
		goto done;
	}
	if (!total.files)
		sy_warn("eval: no gold annotation file in %s", argv[optind]);
	if (opts.source && total.files && !total.sec_pred && !total.st_pred)
		sy_warn(_("eval: no item in %s was proposed by %s"),
			argv[optind + 1], opts.source);
	sy_eval_figures(&total, fig);
	if (opts.calib) {
		print_calibration(&calib, opts.source, o.yaml);
	} else if (o.yaml) {
		for (size_t i = 0; i < SY_EVAL_NFIGURES; i++)
			print_figure_yaml(&fig[i], "");
		print_per_file_f1(&o);
	} else {
		if (o.per_file && total.files)
			putchar('\n');
		print_figures_text(fig);
		print_summary_line(fig);
	}
	if (fflush(stdout) != 0) {
		sy_warn("eval: write error on standard output");
		status = 1;
	}
done:
	for (size_t i = 0; i < o.n; i++)
		free(o.v[i].key);
	free(o.v);
	return status;
}
