/* cmd_agree.c - `shenyue agree`: how far two reviewers' decisions on the
 * same reports agree (the comparison is in core/evaluate.c; this file
 * parses options and prints). */
#include "config.h"
#include "model/schema.h"

#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "args.h"
#include "commands.h"
#include "base/i18n.h"
#include "compare/evaluate.h"

static const char AGREE_HELP[] = N_(
	"usage: shenyue agree [--format text|yaml] A B\n"
	"       shenyue agree [--format text|yaml] --source A --source B FILE...\n"
	"\n"
	"Compare two reviewers' annotation files of the same reports (A and B:\n"
	"a file, or a folder and its subfolders; files pair by source.sha256,\n"
	"then by the basename of source.path).  Items pair by id (both reviews\n"
	"started from the same extraction) and, for added items, by exact span.\n"
	"\n"
	"Prints the disagreements (a status differing, a field differing on an\n"
	"item both kept, an item only one side has), then Cohen's kappa of the\n"
	"status over the paired items (leaving out, and counting, the items\n"
	"both reviewers left pending), the F1 between the items each reviewer\n"
	"kept (accepted, fixed or added; by kind and span) and, per field, the\n"
	"fraction of items both kept on which they agree.\n"
	"\n"
	"With --source twice, compare two sources instead: in the annotation\n"
	"files FILE... (files, or folders and their subfolders), the items\n"
	"source A proposed with those source B proposed (their `by` names the\n"
	"source; an item both proposed is paired with itself, each side in the\n"
	"version its source proposed, from `disagreement`), with the same\n"
	"figures; items_only_a and items_only_b are the items one source alone\n"
	"proposed.\n"
	"\n"
	"  --source NAME     a source to compare (give it twice: A, then B)\n"
	"  --format text|yaml  output as text (default) or YAML\n"
	"  -h, --help        this help\n"
	"\n"
	"Exit status: 0 compared, 1 an unreadable file or folder, 2 usage error.\n");

typedef struct agree_out {
	bool yaml;
	unsigned long ndiff;
} agree_out;

static const char *diff_id(const sy_agree_diff *d, bool b)
{
	if (d->is_stat)
		return b ? (d->stat_b ? d->stat_b->id : NULL)
			 : (d->stat_a ? d->stat_a->id : NULL);
	return b ? (d->sec_b ? d->sec_b->id : NULL)
		 : (d->sec_a ? d->sec_a->id : NULL);
}

static bool has_side(const sy_agree_diff *d, bool b)
{
	return d->is_stat ? (b ? d->stat_b : d->stat_a) != NULL
			  : (b ? d->sec_b : d->sec_a) != NULL;
}

/* A field of one side's item as text (into BUF when a number). */
static const char *field_text(const sy_agree_diff *d, bool b,
			      sy_agree_field f, char *buf, size_t size)
{
	const sy_stat *n = b ? d->stat_b : d->stat_a;
	const sy_section *s = b ? d->sec_b : d->sec_a;

	switch (f) {
	case SY_AF_SEC_SPAN:
		snprintf(buf, size, "%zu-%zu", s->start, s->end);
		return buf;
	case SY_AF_SEC_LEVEL:
		snprintf(buf, size, "%d", s->level);
		return buf;
	case SY_AF_SEC_MARKER: return s->marker ? s->marker : "null";
	case SY_AF_SEC_TITLE: return s->title ? s->title : "null";
	case SY_AF_STAT_SPAN:
		snprintf(buf, size, "%zu-%zu", n->start, n->end);
		return buf;
	case SY_AF_STAT_VALUE:
		return n->has_value ? sy_format_double(buf, size, n->value) : "null";
	case SY_AF_STAT_UNIT: return n->unit ? n->unit : "null";
	case SY_AF_STAT_APPROX:
		return n->approx ? sy_approx_name(n->approx) : "null";
	case SY_AF_STAT_VALUE_MAX:
		return n->has_value_max ? sy_format_double(buf, size, n->value_max)
					: "null";
	case SY_AF_STAT_SUBJECT: return n->subject ? n->subject : "null";
	default: return "?";
	}
}

static sy_review_status side_status(const sy_agree_diff *d, bool b)
{
	if (d->is_stat)
		return (b ? d->stat_b : d->stat_a)->r.status;
	return (b ? d->sec_b : d->sec_a)->r.status;
}

/* The item's words: a statistic's text, a section's marker and title. */
static void print_item_text(const sy_agree_diff *d, bool yaml)
{
	bool b = !has_side(d, false);
	char *t = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&t, &n);

	if (m) {
		if (d->is_stat) {
			const sy_stat *s = b ? d->stat_b : d->stat_a;
			fputs(s->text ? s->text : "", m);
		} else {
			const sy_section *s = b ? d->sec_b : d->sec_a;
			fprintf(m, "%s%s", s->marker ? s->marker : "",
				s->title ? s->title : "");
		}
		fclose(m);
	}
	if (yaml)
		sy_yaml_string(stdout, t ? t : "");
	else
		printf("\"%s\"", t ? t : "");
	free(t);
}

static void print_opt_num(const char *key, bool has, double v)
{
	char buf[48];
	printf("    %s: %s\n", key, has ? sy_format_double(buf, sizeof buf, v)
				      : "null");
}

static void print_opt_str(const char *key, const char *v)
{
	printf("    %s: ", key);
	sy_yaml_string(stdout, v);
	putchar('\n');
}

/* One side's item as a YAML mapping (or null). */
static void print_side_yaml(const sy_agree_diff *d, bool b)
{
	printf("  %s:", b ? "b" : "a");
	if (!has_side(d, b)) {
		printf(" null\n");
		return;
	}
	printf("\n    %s: ", sy_stat_keys[SY_STAT_ID]);
	sy_yaml_string(stdout, diff_id(d, b));
	printf("\n    %s: %s\n", sy_review_keys[SY_REV_STATUS],
	       sy_status_name(side_status(d, b)));
	if (d->is_stat) {
		const sy_stat *n = b ? d->stat_b : d->stat_a;
		const char *ap = sy_approx_name(n->approx);
		printf("    %s: %zu\n    %s: %zu\n", sy_stat_keys[SY_STAT_START],
		       n->start, sy_stat_keys[SY_STAT_END], n->end);
		print_opt_num(sy_stat_keys[SY_STAT_VALUE], n->has_value, n->value);
		print_opt_str(sy_stat_keys[SY_STAT_UNIT], n->unit);
		printf("    %s: %s\n", sy_stat_keys[SY_STAT_APPROX], ap ? ap : "null");
		print_opt_num(sy_stat_keys[SY_STAT_VALUE_MAX], n->has_value_max,
			      n->value_max);
		print_opt_str(sy_stat_keys[SY_STAT_SUBJECT], n->subject);
	} else {
		const sy_section *s = b ? d->sec_b : d->sec_a;
		printf("    %s: %zu\n    %s: %zu\n    %s: %d\n",
		       sy_section_keys[SY_SEC_START], s->start,
		       sy_section_keys[SY_SEC_END], s->end,
		       sy_section_keys[SY_SEC_LEVEL], s->level);
		print_opt_str(sy_section_keys[SY_SEC_MARKER], s->marker);
		print_opt_str(sy_section_keys[SY_SEC_TITLE], s->title);
	}
}

static void on_diff(void *ctx, const sy_agree_diff *d)
{
	agree_out *o = ctx;
	bool a_has = has_side(d, false), b_has = has_side(d, true);
	const char *ida = diff_id(d, false), *idb = diff_id(d, true);
	char ba[64], bb[64];
	const char *sep;

	if (o->yaml) {
		if (!o->ndiff)
			printf("disagreements:\n");
		printf("- file_a: ");
		sy_yaml_string(stdout, d->file_a);
		printf("\n  file_b: ");
		sy_yaml_string(stdout, d->file_b);
		printf("\n  kind: %s\n  id: ", d->is_stat ? "statistic" : "section");
		sy_yaml_string(stdout, a_has ? ida : idb);
		printf("\n  text: ");
		print_item_text(d, true);
		printf("\n  differs: [");
		if (!a_has || !b_has)
			printf("%s", a_has ? "only_a" : "only_b");
		else if (d->status_differs)
			printf("status");
		sep = d->status_differs || !a_has || !b_has ? ", " : "";
		for (int f = 0; f < SY_AF_COUNT; f++)
			if (d->fields & (1u << f)) {
				printf("%s%s", sep,
				       sy_agree_field_name((sy_agree_field)f));
				sep = ", ";
			}
		printf("]\n");
		print_side_yaml(d, false);
		print_side_yaml(d, true);
	} else {
		printf("%s ", d->file_a);
		if (a_has && b_has && strcmp(ida ? ida : "", idb ? idb : ""))
			printf("%s/%s", ida ? ida : "?", idb ? idb : "?");
		else
			printf("%s", (a_has ? ida : idb) ? (a_has ? ida : idb) : "?");
		printf(" %s ", d->is_stat ? "statistic" : "section");
		print_item_text(d, false);
		printf(": A %s | B %s",
		       a_has ? sy_status_name(side_status(d, false)) : "-",
		       b_has ? sy_status_name(side_status(d, true)) : "-");
		for (int f = 0; f < SY_AF_COUNT; f++)
			if (d->fields & (1u << f))
				printf("; %s %s | %s",
				       strchr(sy_agree_field_name((sy_agree_field)f),
					      '_') + 1,
				       field_text(d, false, (sy_agree_field)f, ba,
						  sizeof ba),
				       field_text(d, true, (sy_agree_field)f, bb,
						  sizeof bb));
		putchar('\n');
	}
	o->ndiff++;
}

static void print_num(double v, bool yaml)
{
	char buf[48];
	if (yaml)
		fputs(sy_format_double(buf, sizeof buf, v), stdout);
	else if (isnan(v))
		fputs("n/a", stdout);
	else
		printf("%.3f", v);
}

static void print_totals(const sy_agree_counts *c, const agree_out *o)
{
	bool y = o->yaml;
	double po, kappa = sy_agree_kappa(c, &po), kf1 = sy_agree_kept_f1(c);
	int i, j;

	if (y && !o->ndiff)
		printf("disagreements: []\n");
	else if (!y && o->ndiff)
		putchar('\n');
	printf("files: %lu\nfiles_only_a: %lu\nfiles_only_b: %lu\n"
	       "items_matched: %lu\nitems_only_a: %lu\nitems_only_b: %lu\n",
	       c->files, c->only_a_files, c->only_b_files, c->matched,
	       c->only_a, c->only_b);
	printf("items_both_pending: %lu%s\n", sy_agree_both_pending(c),
	       y ? "   # left out of status_agreement and kappa"
		 : " (left out of status_agreement and kappa)");
	printf("status_agreement: ");
	print_num(po, y);
	printf("\nkappa: ");
	print_num(kappa, y);
	printf("\nkept_a: %lu\nkept_b: %lu\nkept_both: %lu\nkept_f1: ",
	       c->kept_a, c->kept_b, c->kept_both);
	print_num(kf1, y);
	putchar('\n');
	if (y) {
		printf("statuses:   # rows: A, columns: B\n");
		for (i = 0; i < SY_STATUS_COUNT; i++) {
			printf("  %s: {", sy_status_name((sy_review_status)i));
			for (j = 0; j < SY_STATUS_COUNT; j++)
				printf("%s%s: %lu", j ? ", " : "",
				       sy_status_name((sy_review_status)j),
				       c->confusion[i][j]);
			printf("}\n");
		}
		printf("fields:\n");
	} else {
		printf("statuses (rows A, columns B):\n  %-9s", "");
		for (j = 0; j < SY_STATUS_COUNT; j++)
			printf(" %9s", sy_status_name((sy_review_status)j));
		putchar('\n');
		for (i = 0; i < SY_STATUS_COUNT; i++) {
			printf("  %-9s", sy_status_name((sy_review_status)i));
			for (j = 0; j < SY_STATUS_COUNT; j++)
				printf(" %9lu", c->confusion[i][j]);
			putchar('\n');
		}
	}
	for (i = 0; i < SY_AF_COUNT; i++) {
		double v = c->field_n[i] ? (double)c->field_eq[i] /
					   (double)c->field_n[i] : NAN;
		if (y) {
			printf("  %s: {agreement: ", sy_agree_field_name((sy_agree_field)i));
			if (c->field_n[i])
				print_num(v, true);
			else
				fputs("null", stdout);
			printf(", equal: %lu, compared: %lu}\n", c->field_eq[i],
			       c->field_n[i]);
		} else {
			printf("%s: ", sy_agree_field_name((sy_agree_field)i));
			print_num(v, false);
			printf(" (%lu/%lu)\n", c->field_eq[i], c->field_n[i]);
		}
	}
	printf("disagreement_count: %lu\n", o->ndiff);
	if (!y) {
		printf("kappa=");
		print_num(kappa, false);
		printf(" kept_f1=");
		print_num(kf1, false);
		printf(" both_pending=%lu disagreements=%lu\n",
		       sy_agree_both_pending(c), o->ndiff);
	}
}

/* the usage and help of `shenyue agree`, for the table in main.c */
const char *const sy_help_agree = AGREE_HELP;

int sy_cmd_agree(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "source", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	agree_out o = { false, 0 };
	const char *src[2] = { NULL, NULL };
	int nsrc = 0;
	sy_agree_counts total;
	sy_error err;
	sy_status st;
	int c, f;
	sy_opts op = sy_opts_start(argc, argv, "h", longopts, AGREE_HELP);

	while ((c = sy_opt_next(&op)) > 0) {
		switch (c) {
		case 'F':
			if ((f = sy_opt_format("agree", optarg)) < 0)
				return 2;
			o.yaml |= f;   /* a later "text" does not undo "yaml" */
			break;
		case 's':
			if (nsrc == 2 || !*optarg)
				return sy_usage_error(AGREE_HELP,
					_("agree: --source takes two source names"));
			src[nsrc++] = optarg;
			break;
		}
	}
	if (c < 0)
		return op.status;
	if (nsrc == 1)
		return sy_usage_error(AGREE_HELP,
				      _("agree: --source wants a second source"));
	if (nsrc == 2 && argc - optind < 1)
		return sy_usage_error(AGREE_HELP,
				      _("agree: expected annotation files after the sources"));
	if (nsrc == 0 && argc - optind != 2)
		return sy_usage_error(AGREE_HELP, "agree: expected two folders (or files), A and B");
	if (nsrc == 2)
		st = sy_agree_sources(argv + optind, (size_t)(argc - optind),
				      src[0], src[1], &total, on_diff, &o, &err);
	else
		st = sy_agree_run(argv[optind], argv[optind + 1], &total, on_diff,
				  &o, sy_warn_cb, NULL, &err);
	if (st != SY_OK) {
		fflush(stdout);
		return sy_fail_with("agree", &err, sy_exit_code(st));
	}
	for (int i = 0; i < nsrc; i++)
		if (total.files && !total.matched && !(i ? total.only_b : total.only_a))
			sy_warn(_("agree: no item in the files given was proposed by %s"),
				src[i]);
	print_totals(&total, &o);
	if (fflush(stdout) != 0) {
		sy_warn("agree: write error on standard output");
		return 1;
	}
	return 0;
}
