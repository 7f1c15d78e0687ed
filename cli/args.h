/* args.h - what the subcommands share: reading their options, telling a
 * usage error, expanding arguments (files and folders) to file lists,
 * joining paths, and printing an error with the exit status it gives.
 *
 * The usage and help of a command stay in its help text, named in the
 * table of commands.h; these helpers only print the text they are given.
 * Every message goes to stderr through sy_warn ("shenyue: ...").
 */
#ifndef SY_ARGS_H
#define SY_ARGS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/error.h"
#include "compare/progress.h"

/* ------------------------------------------------------------ options */

/* getopt_long over a command's arguments, with -h/--help (option 'h')
 * and the unknown options handled alike for every command:
 *
 *	sy_opts op = sy_opts_start(argc, argv, "o:h", longopts, HELP);
 *	while ((c = sy_opt_next(&op)) > 0)
 *		switch (c) { case 'o': ...; }
 *	if (c < 0)
 *		return op.status;
 *	// optind is the first operand
 *
 * The strings are borrowed; nothing to free. */
typedef struct sy_opts {
	int argc;
	char **argv;
	const char *shortopts;
	const struct option *longopts;
	const char *help;        /* the command's help text */
	/* NULL, or prints the help instead of HELP (a help with more in it
	 * than its text, review's keys); set it after sy_opts_start */
	void (*print_help)(FILE *f);
	int status;              /* the exit status once sy_opt_next < 0 */
} sy_opts;

/* Reset getopt (optind = 1) and bind the arguments. */
sy_opts sy_opts_start(int argc, char **argv, const char *shortopts,
		      const struct option *longopts, const char *help);

/* The next option character (optarg as getopt sets it), or 0 when the
 * options are over, or -1 when the command must end with OP->status:
 * after -h/--help (HELP printed to stdout, status 0) or an unknown option
 * or a missing argument (getopt's message, HELP to stderr, status 2). */
int sy_opt_next(sy_opts *op);

/* --format text|yaml of COMMAND: 1 for yaml, 0 for text; otherwise says
 * "COMMAND: unknown format 'ARG' (text or yaml)" and returns -1 (the
 * command ends with status 2). */
int sy_opt_format(const char *command, const char *arg);

/* A usage error: "shenyue: MSG", HELP to stderr (both translated, as
 * sy_warn's); returns 2, the exit status of a usage error. */
int sy_usage_error(const char *help, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------------ errors */

/* Print ERR's message (prefixed with "COMMAND: " unless COMMAND is NULL;
 * the message names the file and position itself) and return STATUS. */
int sy_fail_with(const char *command, const sy_error *err, int status);

/* "shenyue: MSG": a warning callback of the core (CTX unused). */
void sy_warn_cb(void *ctx, const char *msg);

/* Flush standard output; on failure SY_ERR_IO "standard output: write
 * failed: REASON" in ERR. */
sy_status sy_flush_stdout(sy_error *err);

/* Columns on the terminal of UTF-8 S (wide characters count 2, a bad
 * byte 1). */
size_t sy_text_cols(const char *s);
/* Print S to stdout padded with spaces to WIDTH columns, on the left
 * (RIGHT: right-aligned) or on the right. */
void sy_print_padded(const char *s, size_t width, bool right);

/* ------------------------------------------------------------ files */

/* Is PATH a folder (following links)?  False when it cannot be read. */
bool sy_is_dir(const char *path);

/* DIR/NAME (no second '/' when DIR ends in one); a new string, NULL when
 * out of memory. */
char *sy_cli_join(const char *dir, const char *name);

/* Add to FILES the annotation files of ARGS[0..N) (each a file or a
 * folder, as sy_annot_files_add takes them; SKIP and CTX as there).  An
 * argument that cannot be read is said and the others still read: returns
 * 0, or 1 when one could not be read; out of memory: said, FILES freed,
 * and -1 (the command ends with status 1). */
int sy_annot_files_of(sy_pathlist *files, char *const *args, int n,
		      sy_skip_fn skip, void *ctx);

/* Call RUN(PATH, CTX) for each document in the folder DIR (told by its
 * content, sy_document_kind), in the folder's order.  Only names a
 * folder's reviewing never takes are looked at: not *.txt, *.yaml and
 * what goes with them, nor hidden files; a zip that is no DOCX or OFD is
 * left alone.  Returns the OR of RUN's results, 1 on OOM (said); 0 when
 * DIR cannot be opened (its expansion says why). */
int sy_each_folder_document(const char *dir,
			    int (*run)(const char *path, void *ctx), void *ctx);

/* Call RUN(REPORT, CTX) for each report ARG names: ARG itself, or for a
 * folder every *.txt in it (review's expansion, sy_review_expand) and
 * every document in it whose text (NAME.txt beside it) is not there yet
 * (sy_each_folder_document), in name order.  Returns the OR of RUN's
 * results, or 1 when the folder cannot be expanded (said). */
int sy_each_report(const char *arg, int (*run)(const char *report, void *ctx),
		   void *ctx);

/* Call RUN(PATH, CTX) for each path listed in the file LIST (one a line;
 * "-": standard input; blank lines skipped; a trailing CR dropped).
 * Returns the OR of RUN's results, or 1 when LIST cannot be read
 * (said: "LIST: REASON" or "LIST: read error"). */
int sy_each_listed(const char *list, int (*run)(const char *path, void *ctx),
		   void *ctx);

#endif
