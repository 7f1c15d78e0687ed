/* args.c - the subcommands' shared argument helpers (see args.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "args.h"
#include "base/i18n.h"
#include "base/mem.h"
#include "base/path.h"
#include "commands.h"
#include "extract/document.h"
#include "session/review.h"

/* The help to F: the text, or what print_help prints. */
static void help_to(const sy_opts *op, FILE *f)
{
	if (op->print_help)
		op->print_help(f);
	else
		fputs(_(op->help), f);
}

sy_opts sy_opts_start(int argc, char **argv, const char *shortopts,
		      const struct option *longopts, const char *help)
{
	sy_opts op = { argc, argv, shortopts, longopts, help, NULL, 0 };
	optind = 1;
	return op;
}

int sy_opt_next(sy_opts *op)
{
	int c = getopt_long(op->argc, op->argv, op->shortopts, op->longopts, NULL);

	switch (c) {
	case -1:
		return 0;
	case 'h':
		help_to(op, stdout);
		op->status = 0;
		return -1;
	case '?':
	case ':':
		help_to(op, stderr);
		op->status = 2;
		return -1;
	default:
		return c;
	}
}

int sy_opt_format(const char *command, const char *arg)
{
	if (!strcmp(arg, "yaml"))
		return 1;
	if (!strcmp(arg, "text"))
		return 0;
	sy_warn("%s: unknown format '%s' (text or yaml)", command, arg);
	return -1;
}

static void vwarn(const char *fmt, va_list ap)
{
	fputs("shenyue: ", stderr);
	vfprintf(stderr, _(fmt), ap);
	fputc('\n', stderr);
}

void sy_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

int sy_usage_error(const char *help, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	fputs(_(help), stderr);
	return 2;
}

int sy_fail_with(const char *command, const sy_error *err, int status)
{
	if (command)
		sy_warn("%s: %s", command, err->msg);
	else
		sy_warn("%s", err->msg);
	return status;
}

void sy_warn_cb(void *ctx, const char *msg)
{
	(void)ctx;
	sy_warn("%s", msg);
}

sy_status sy_flush_stdout(sy_error *err)
{
	if (fflush(stdout) != 0)
		return sy_fail(err, SY_ERR_IO, "standard output: write failed: %s",
			       strerror(errno));
	return SY_OK;
}

bool sy_is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

char *sy_cli_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), n = dl + 1 + strlen(name) + 1;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
	return p;
}

int sy_annot_files_of(sy_pathlist *files, char *const *args, int n,
		      sy_skip_fn skip, void *ctx)
{
	int status = 0;
	sy_error err;

	for (int i = 0; i < n; i++) {
		sy_status st = sy_annot_files_add(files, args[i], skip, ctx, &err);
		if (st == SY_OK)
			continue;
		sy_warn("%s", err.msg);
		if (st == SY_ERR_NOMEM) {
			sy_pathlist_free(files);
			return -1;
		}
		status = 1;
	}
	return status;
}

int sy_each_folder_document(const char *dir,
			    int (*run)(const char *path, void *ctx), void *ctx)
{
	static const char *const skip[] = { ".txt", ".yaml", ".lock",
					    ".journal", ".tmp" };
	DIR *d = opendir(dir);
	struct dirent *e;
	int status = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name), k;
		char *path;

		if (e->d_name[0] == '.')
			continue;
		for (k = 0; k < sizeof skip / sizeof *skip; k++) {
			size_t sl = strlen(skip[k]);
			if (len > sl && !strcmp(e->d_name + len - sl, skip[k]))
				break;
		}
		if (k < sizeof skip / sizeof *skip)
			continue;
		if (!(path = sy_path_join(dir, e->d_name))) {
			sy_warn(_("%s: out of memory"), dir);
			status = 1;
			break;
		}
		if (sy_document_kind(path, false))
			status |= run(path, ctx);
		free(path);
	}
	closedir(d);
	return status;
}

/* The reports of a folder: its texts, then its new documents. */
typedef struct folder_list {
	char **v;
	size_t n, cap;
} folder_list;

static int add_path(folder_list *l, char *p)
{
	if (!p || SY_GROW(l->v, l->n, l->cap)) {
		free(p);
		sy_warn("%s", _("out of memory"));
		return 1;
	}
	l->v[l->n++] = p;
	return 0;
}

/* A document whose text is not beside it yet: a report of its folder. */
static int add_new_document(const char *path, void *ctx)
{
	char *tp = sy_document_text_path(path, NULL);
	bool there = tp && access(tp, F_OK) == 0;

	free(tp);
	if (!tp)
		return add_path(ctx, NULL);
	return there ? 0 : add_path(ctx, strdup(path));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int sy_each_report(const char *arg, int (*run)(const char *report, void *ctx),
		   void *ctx)
{
	char *a = (char *)arg, **reps = NULL;
	folder_list l = { 0 };
	size_t n = 0;
	sy_error err;
	int status = 0;

	if (!sy_is_dir(arg))
		return run(arg, ctx);
	if (sy_each_folder_document(arg, add_new_document, &l)) {
		status = 1;
	} else if (sy_review_expand(&a, 1, &reps, &n, &err) != SY_OK &&
		   (!l.n || err.code == SY_ERR_NOMEM)) {
		status = sy_fail_with(NULL, &err, 1);
	}
	for (size_t i = 0; i < n; i++) {
		if (!status)
			status = add_path(&l, reps[i]);
		else
			free(reps[i]);
	}
	free(reps);
	if (!status) {
		qsort(l.v, l.n, sizeof *l.v, by_name);
		for (size_t i = 0; i < l.n; i++)
			status |= run(l.v[i], ctx);
	}
	for (size_t i = 0; i < l.n; i++)
		free(l.v[i]);
	free(l.v);
	return status;
}

int sy_each_listed(const char *list, int (*run)(const char *path, void *ctx),
		   void *ctx)
{
	FILE *f = strcmp(list, "-") ? fopen(list, "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int status = 0;

	if (!f) {
		sy_warn("%s: %s", list, strerror(errno));
		return 1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n > 0)
			status |= run(line, ctx);
	}
	if (ferror(f)) {
		sy_warn("%s: read error", list);
		status = 1;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return status;
}

size_t sy_text_cols(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) {       /* a bad byte: one column */
			w++;
			p++;
			continue;
		}
		if (utf8proc_charwidth(cp) > 0)
			w += (size_t)utf8proc_charwidth(cp);
		p += n;
	}
	return w;
}

void sy_print_padded(const char *s, size_t width, bool right)
{
	size_t w = sy_text_cols(s);

	if (right)
		for (; w < width; w++)
			putchar(' ');
	fputs(s, stdout);
	if (!right)
		for (; w < width; w++)
			putchar(' ');
}
