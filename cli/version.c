/* version.c - `shenyue --version`: what a bug report needs to say which
 * shenyue it is about, and with which libraries it runs.
 *
 * The versions are asked of the libraries at run time, so they are those
 * of the shared libraries actually loaded, not those of the headers the
 * program was built against.
 */
#include "config.h"

#include <stdio.h>

#include <json.h>
#include <utf8proc.h>
#include <yaml.h>

#include "base/i18n.h"
#include "commands.h"
#include "convert/convert.h"
#include "display.h"

/* One line per library: its name and its version, as it reports it. */
typedef struct library {
	const char *name;
	const char *(*version)(void);
} library;

static const library LIBRARIES[] = {
	{ "ncursesw", dpy_library_version },     /* only display.c calls curses */
	{ "libyaml", yaml_get_version_string },
	{ "utf8proc", utf8proc_version },
	{ "json-c", json_c_version },            /* import's JSON */
	{ "libxml2", sy_libxml2_version },     /* web pages, .docx */
	{ "libzip", sy_libzip_version },         /* .docx, .ofd */
	{ "poppler", sy_poppler_version },       /* .pdf; "not in this build" */
};

void sy_print_version(FILE *f)
{
	/* the first line stays "shenyue VERSION": scripts and tests read it */
	fprintf(f, "%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fprintf(f, "Copyright (c) %s\n", SY_COPYRIGHT);
	/* TRANSLATORS: %s is the licence's name (MIT) */
	fprintf(f, _("License %s: the LICENSE file of the source; it is free software,\n"
		     "with NO WARRANTY, to the extent permitted by law.\n"), PACKAGE_LICENSE);
	fprintf(f, "\n%s", _("Libraries in use:\n"));
	for (size_t i = 0; i < sizeof LIBRARIES / sizeof *LIBRARIES; i++) {
		const char *v = LIBRARIES[i].version();
		fprintf(f, "  %-10s %s\n", LIBRARIES[i].name,
			v ? (*v ? v : _("unknown")) : _("not in this build"));
	}
}
