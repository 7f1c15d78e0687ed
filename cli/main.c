/* main.c - `shenyue COMMAND ...`: dispatch to a subcommand. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

typedef struct command {
	const char *name, *usage, *summary;
	int (*run)(int argc, char **argv);
} command;

#define SY_COMMAND_ROW(name, usage, summary) { #name, usage, summary, sy_cmd_##name },
static const command COMMANDS[] = { SY_COMMANDS(SY_COMMAND_ROW) };
#undef SY_COMMAND_ROW

void sy_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("shenyue: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: shenyue COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
		fprintf(f, "  shenyue %s\n      %s\n", COMMANDS[i].usage,
			COMMANDS[i].summary);
	fprintf(f, "\n  shenyue --help | --version\n"
		   "\n`shenyue COMMAND --help` tells more; see also shenyue(1).\n");
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* a file-size limit (ulimit -f) must fail a write, with a message
	 * naming the file, not kill the program */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
		if (!strcmp(argv[1], COMMANDS[i].name))
			return COMMANDS[i].run(argc - 1, argv + 1);
	sy_warn("unknown command '%s'", argv[1]);
	usage(stderr);
	return 2;
}
