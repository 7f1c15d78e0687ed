/* main.c - `shenyue COMMAND ...`: dispatch to a subcommand, and the help
 * of the whole program. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "commands.h"

#define SY_COMMAND_ROW(name, summary) \
	{ #name, summary, &sy_help_##name, sy_cmd_##name },
const sy_command sy_commands[] = { SY_COMMANDS(SY_COMMAND_ROW) };
#undef SY_COMMAND_ROW
const size_t sy_ncommands = sizeof sy_commands / sizeof *sy_commands;

const sy_command *sy_command_find(const char *name)
{
	for (size_t i = 0; i < sy_ncommands; i++)
		if (!strcmp(name, sy_commands[i].name))
			return &sy_commands[i];
	return NULL;
}

/* The first paragraph of a help text ("usage: shenyue NAME ...", its
 * continuation lines aligned under it), as "  shenyue NAME ...". */
static void print_usage_of(FILE *f, const char *help)
{
	static const char head[] = "usage: ";   /* as the help texts begin */
	const char *p = help, *nl;
	bool first = true;

	while (*p && *p != '\n') {
		size_t skip = 0, len;
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (first && !strncmp(p, head, sizeof head - 1))
			skip = sizeof head - 1;
		else   /* the indent under "usage: " */
			while (skip < sizeof head - 1 && skip < len && p[skip] == ' ')
				skip++;
		fprintf(f, "  %.*s\n", (int)(len - skip), p + skip);
		first = false;
		p = nl ? nl + 1 : p + len;
	}
}

static void usage(FILE *f)
{
	fputs(_("usage: shenyue COMMAND [OPTIONS] [ARGS]\n\ncommands:\n"), f);
	for (size_t i = 0; i < sy_ncommands; i++) {
		print_usage_of(f, *sy_commands[i].help);
		fprintf(f, "      %s\n", _(sy_commands[i].summary));
	}
	fprintf(f, "\n  shenyue help COMMAND | COMMAND --help\n"
		   "  shenyue --help | --version\n\n%s",
		_("`shenyue help COMMAND` tells more; see also shenyue(1).\n"));
}

/* `shenyue help [COMMAND]` */
static int help(int argc, char **argv)
{
	const sy_command *c;
	char *args[3];

	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	if (argc == 2 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "-h"))) {
		fputs(_("usage: shenyue help [COMMAND]\n"
			"\n"
			"Without COMMAND, the commands and how each is called (as shenyue\n"
			"--help); with one, that command's own help (as shenyue COMMAND\n"
			"--help).\n"), stdout);
		return 0;
	}
	if (argc > 2 || !(c = sy_command_find(argv[1]))) {
		sy_warn("help: no command '%s'", argv[1]);
		usage(stderr);
		return 2;
	}
	/* the command's own --help, which may add to its text (review's keys) */
	args[0] = argv[1];
	args[1] = "--help";
	args[2] = NULL;
	return c->run(2, args);
}

/* The catalogue of the locale's language: LOCALEDIR (installed), or
 * $SHENYUE_LOCALEDIR (a folder LL/LC_MESSAGES/shenyue.mo, e.g. the one
 * the tests compile from po/ before `make install`). */
static void sy_i18n_start(void)
{
#ifdef ENABLE_NLS
	const char *dir = getenv("SHENYUE_LOCALEDIR");

	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
}

int main(int argc, char **argv)
{
	const sy_command *c;

	setlocale(LC_ALL, "");
	sy_i18n_start();
	/* a file-size limit (ulimit -f) must fail a write, with a message
	 * naming the file, not kill the program */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "help"))
		return help(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		sy_print_version(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--complete"))   /* for the shell completion */
		return sy_complete(argc - 2, argv + 2);
	if ((c = sy_command_find(argv[1])))
		return c->run(argc - 1, argv + 1);
	sy_warn("unknown command '%s'", argv[1]);
	usage(stderr);
	return 2;
}
