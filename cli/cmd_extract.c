/* cmd_extract.c - `shenyue extract`: reports in, annotation files out. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annot.h"
#include "annot_io.h"
#include "commands.h"
#include "extract.h"
#include "paths.h"
#include "source.h"

static const char EXTRACT_HELP[] =
	"usage: shenyue extract [-o DIR|-] [--force] REPORT...\n"
	"\n"
	"Extract document facts, sections and statistics from each REPORT\n"
	"(UTF-8 or GB18030 text) into its annotation file, format 1.\n"
	"\n"
	"  -o, --output DIR  write NAME.yaml into DIR (created if missing);\n"
	"                    '-o -' writes to standard output.  Default: beside\n"
	"                    the report, NAME.yaml for NAME.txt\n"
	"  -f, --force       overwrite an annotation file that holds reviewed\n"
	"                    items (anything not pending)\n"
	"  -h, --help        this help\n"
	"\n"
	"Exit status: 0 all written, 1 some report failed, 2 usage error.\n";

typedef struct extract_opts {
	const char *outdir;     /* NULL: beside the report; "-": stdout */
	bool force;
} extract_opts;

/* mkdir -p DIR. */
static sy_status make_dirs(const char *dir, sy_error *err)
{
	char *p = strdup(dir);
	if (!p)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) && errno != EEXIST) {
				sy_fail(err, SY_ERR_IO, "%s: cannot create folder: %s", p,
					strerror(errno));
				free(p);
				return SY_ERR_IO;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return SY_OK;
}

/* May PATH be (over)written?  Refuses when it holds reviewed work, or
 * cannot be read as an annotation file, unless FORCE. */
static sy_status may_write(const char *path, bool force, sy_error *err)
{
	sy_annot old;
	sy_error lerr;
	sy_status st;
	struct stat sb;

	if (force || stat(path, &sb) != 0)
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

static sy_status extract_one(const char *report, const extract_opts *o,
			     sy_error *err)
{
	sy_source src;
	sy_annot a;
	sy_status st;
	char *out = NULL, *rel;

	st = sy_source_load(report, &src, err);
	if (st != SY_OK)
		return st;
	sy_annot_init(&a);
	st = sy_extract(&src, &a, err);
	sy_source_free(&src);
	if (st != SY_OK)
		return st;
	if (o->outdir && !strcmp(o->outdir, "-")) {
		st = sy_annot_write_stream(&a, stdout, "standard output", err);
		goto done;
	}
	out = sy_annot_path_for(report, o->outdir);
	if (!out) {
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto done;
	}
	if (o->outdir && (st = make_dirs(o->outdir, err)) != SY_OK)
		goto done;
	if ((st = may_write(out, o->force, err)) != SY_OK)
		goto done;
	rel = sy_source_path_for(report, out);
	if (!rel) {
		st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		goto done;
	}
	free(a.source.path);
	a.source.path = rel;
	st = sy_annot_save(&a, out, err);
done:
	free(out);
	sy_annot_free(&a);
	return st;
}

int sy_cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	extract_opts o = { NULL, false };
	int c, status = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:fh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.outdir = optarg; break;
		case 'f': o.force = true; break;
		case 'h': fputs(EXTRACT_HELP, stdout); return 0;
		default:
			fputs(EXTRACT_HELP, stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		sy_warn("extract: no report given");
		fputs(EXTRACT_HELP, stderr);
		return 2;
	}
	for (int i = optind; i < argc; i++) {
		sy_error err;
		sy_status st = extract_one(argv[i], &o, &err);
		if (st != SY_OK) {
			sy_warn("%s", err.msg);
			status = 1;
		}
	}
	return status;
}
