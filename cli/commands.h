/* commands.h - every subcommand declared once, with its usage and help
 * text.  The list generates the handlers' prototypes and the dispatch and
 * help table in main.c, so the help cannot drift from what runs.
 */
#ifndef SY_COMMANDS_H
#define SY_COMMANDS_H

/* _(name, usage, summary) */
#define SY_COMMANDS(_) \
	_(extract, "extract [-o DIR|-] [--force] [--dry-run] [--files-from FILE] REPORT...", \
	  "extract document facts, sections and statistics into annotation files") \
	_(review, "review [OPTIONS] REPORT|FOLDER...", \
	  "review the items on the screen: accept, fix, reject, tag, add") \
	_(status, "status [--format text|yaml] FILE|FOLDER...", \
	  "how far the review has come: items by status per file and in total") \
	_(export, "export --to jsonl|brat|csv [-o DIR|-] [--all] FILE|FOLDER...", \
	  "export annotation files as JSONL (doccano), brat standoff or CSV") \
	_(merge, "merge [-o OUT|-] [-N NAME] [-q] BASE OURS THEIRS", \
	  "three-way merge of two reviews of a report (a git merge driver)") \
	_(eval, "eval [--format text|yaml] [--per-file] GOLD PRED", \
	  "score annotation files against gold ones (the figures of score.py)") \
	_(agree, "agree [--format text|yaml] A B", \
	  "agreement between two reviewers' files: kappa, F1, disagreements")

/* Each command: argv[0] is the command name; returns the exit status. */
#define SY_DECLARE_COMMAND(name, usage, summary) \
	int sy_cmd_##name(int argc, char **argv);
SY_COMMANDS(SY_DECLARE_COMMAND)
#undef SY_DECLARE_COMMAND

/* Print "shenyue: MSG" to stderr (with a newline). */
void sy_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
