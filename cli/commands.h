/* commands.h - every subcommand declared once: its name, its one-line
 * summary, its handler sy_cmd_NAME and its help text sy_help_NAME.  The
 * list generates the prototypes and the dispatch and help table in main.c
 * (tmux's cmd_entry is the model).
 *
 * The help text of a command is written once, in cli/cmd_NAME.c: its
 * first paragraph ("usage: shenyue NAME ...") is the usage that `shenyue
 * --help` lists, its option lines are what `shenyue COMMAND --help` shows
 * and what the shell completion offers (complete.c reads them).
 */
#ifndef SY_COMMANDS_H
#define SY_COMMANDS_H

#include <stddef.h>
#include <stdio.h>

#include "base/i18n.h"

/* _(name, summary): the summary in N_() for the catalogue, translated
 * where shown (main.c) */
#define SY_COMMANDS(_) \
	_(extract, \
	  N_("extract document facts, sections and statistics into annotation files")) \
	_(review, \
	  N_("review the items on the screen: accept, fix, reject, tag, add")) \
	_(status, \
	  N_("how far the review has come: items by status per file and in total")) \
	_(export, \
	  N_("export annotation files as JSONL (doccano), brat standoff or CSV")) \
	_(import, \
	  N_("take another extractor's predictions as proposals into annotation files")) \
	_(merge, \
	  N_("three-way merge of two reviews of a report (a git merge driver)")) \
	_(eval, \
	  N_("score annotation files against gold ones (the figures of score.py)")) \
	_(agree, \
	  N_("agreement between two reviewers' files: kappa, F1, disagreements"))

/* Each command: argv[0] is the command name; returns the exit status.
 * Its help text: static, starts with "usage: shenyue NAME ". */
#define SY_DECLARE_COMMAND(name, summary) \
	int sy_cmd_##name(int argc, char **argv); \
	extern const char *const sy_help_##name;
SY_COMMANDS(SY_DECLARE_COMMAND)
#undef SY_DECLARE_COMMAND

/* The table main.c dispatches from, in the order of SY_COMMANDS. */
typedef struct sy_command {
	const char *name, *summary;
	const char *const *help;        /* &sy_help_NAME */
	int (*run)(int argc, char **argv);
} sy_command;
extern const sy_command sy_commands[];
extern const size_t sy_ncommands;
/* The entry of NAME, or NULL. */
const sy_command *sy_command_find(const char *name);

/* `shenyue --version`: the version, the licence and the versions of the
 * libraries in use (version.c). */
void sy_print_version(FILE *f);

/* `shenyue --complete WHAT [COMMAND]`, for the shell completion
 * (complete.c): commands, options COMMAND (one "OPTION<TAB>ARG" line per
 * option, ARG as the help writes it, empty for none), themes.  Returns
 * the exit status. */
int sy_complete(int argc, char **argv);

/* Print "shenyue: MSG" to stderr (with a newline; args.c).  FMT is looked
 * up in the catalogue (a keyword of xgettext, po/Makevars). */
void sy_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
