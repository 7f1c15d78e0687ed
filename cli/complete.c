/* complete.c - `shenyue --complete WHAT [COMMAND]`: what the shell
 * completion (completion/shenyue.bash) offers, read from the program
 * itself so that it cannot drift from it.
 *
 *   commands         the subcommands, one a line
 *   options COMMAND  one "OPTION<TAB>ARG" line per option of COMMAND, read
 *                    from its help text: ARG is the option's argument as
 *                    the help writes it (DIR, FILE, text|yaml), empty for
 *                    none; an argument named by one word whose values the
 *                    usage line lists (--to FMT; --to jsonl|brat|csv) is
 *                    given as that list
 *   themes           the names of the themes: the reviewer's own
 *                    (~/.config/shenyue/themes), the installed ones, the
 *                    source tree's (a name may come twice)
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "config/settings.h"

/* The length of the word at S (up to a blank, a comma or the end). */
static size_t word_len(const char *s)
{
	return strcspn(s, " ,\n");
}

/* In the usage paragraph of HELP, the value list "a|b" that follows
 * OPT (of length N) as "OPT a|b", into BUF; false if there is none. */
static bool usage_values(const char *help, const char *name, size_t n,
			 char *buf, size_t size)
{
	const char *end = strstr(help, "\n\n"), *p = help;
	char opt[64];

	if (n >= sizeof opt)
		return false;
	memcpy(opt, name, n);
	opt[n] = '\0';
	if (!end)
		end = help + strlen(help);
	while ((p = strstr(p, opt)) && p < end) {
		const char *at = p, *v = p + n;
		size_t k;
		p += n;
		if (at == help || (at[-1] != '[' && at[-1] != ' '))
			continue;
		if (*v++ != ' ')
			continue;
		k = strcspn(v, " ]\n");
		if (k && k < size && memchr(v, '|', k)) {
			memcpy(buf, v, k);
			buf[k] = '\0';
			return true;
		}
	}
	return false;
}

/* Print a line per name of one option: NAMES[0..N) that take ARG (of
 * length ALEN; NULL: no argument). */
static void print_option(const char *help, const char **names,
			 const size_t *nlen, size_t n, const char *arg,
			 size_t alen)
{
	char values[128];
	const char *a = arg ? arg : "";
	int al = (int)alen;

	if (arg && !memchr(arg, '|', alen))
		/* the usage line may list the values (--to jsonl|brat|csv) */
		for (size_t j = 0; j < n; j++)
			if (usage_values(help, names[j], nlen[j], values,
					 sizeof values)) {
				a = values;
				al = (int)strlen(values);
				break;
			}
	for (size_t i = 0; i < n; i++)
		printf("%.*s\t%.*s\n", (int)nlen[i], names[i], al, a);
}

/* One option line of a help text: "  -o, --output DIR  text",
 * "      --break-lock  text" or "  --adjudicate A B -o OUT". */
static void option_line(const char *help, const char *line, size_t len)
{
	const char *names[4];
	size_t nlen[4], n = 0, alen = 0;
	const char *p = line + strspn(line, " "), *arg = NULL, *end;

	/* the option part ends at the first two blanks (or the line's end) */
	end = strstr(p, "  ");
	if (!end || end > line + len)
		end = line + len;
	while (p < end && *p == '-' && n < 4) {
		names[n] = p;
		nlen[n] = word_len(p);
		p += nlen[n++];
		if (p < end && *p == ' ' && p[1] != '-') {   /* its argument */
			arg = p + 1;
			alen = word_len(arg);
			if (arg + alen > end)
				alen = (size_t)(end - arg);
			p = arg + alen;
		}
		p += strspn(p, ", ");
		/* another option among the arguments: "--adjudicate A B -o OUT" */
		if (arg && p < end && *p != '-') {
			const char *o = memchr(p, '-', (size_t)(end - p));
			if (o && o[-1] == ' ') {
				print_option(help, names, nlen, n, arg, alen);
				n = 0;
				arg = NULL;
				p = o;
			}
		}
	}
	print_option(help, names, nlen, n, arg, alen);
}

static int options(const sy_command *c)
{
	const char *help = *c->help, *p = help;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t ind = strspn(p, " ");
		/* option lines: indented by 2 to 6 blanks, then a dash */
		if (ind >= 2 && ind <= 6 && ind < len && p[ind] == '-')
			option_line(help, p, len);
		p += len + (nl != NULL);
	}
	return 0;
}

/* Print the names of the *.theme files in DIR (none when it cannot be
 * read). */
static void themes_in(const char *dir)
{
	static const char ext[] = ".theme";
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > sizeof ext - 1 && e->d_name[0] != '.' &&
		    !strcmp(e->d_name + n - (sizeof ext - 1), ext))
			printf("%.*s\n", (int)(n - (sizeof ext - 1)), e->d_name);
	}
	closedir(d);
}

/* Where sy_theme_find looks: the reviewer's themes/, the installed ones,
 * the source tree's. */
static int themes(void)
{
	char *own = sy_config_dir(), *sub;

	if (own && (sub = malloc(strlen(own) + sizeof "/themes"))) {
		strcpy(sub, own);
		strcat(sub, "/themes");
		themes_in(sub);
		free(sub);
	}
	free(own);
	themes_in(SY_THEMEDIR);
	themes_in(SY_SRCTHEMEDIR);
	return 0;
}

int sy_complete(int argc, char **argv)
{
	const sy_command *c;

	if (argc == 1 && !strcmp(argv[0], "commands")) {
		for (size_t i = 0; i < sy_ncommands; i++)
			printf("%s\n", sy_commands[i].name);
		printf("help\n");
		return 0;
	}
	if (argc == 1 && !strcmp(argv[0], "themes"))
		return themes();
	if (argc == 2 && !strcmp(argv[0], "options")) {
		if (!(c = sy_command_find(argv[1]))) {
			sy_warn("--complete: no command '%s'", argv[1]);
			return 2;
		}
		return options(c);
	}
	sy_warn("usage: shenyue --complete commands|themes|options COMMAND");
	return 2;
}
