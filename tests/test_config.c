/* test_config.c - colour themes (core/theme.c) and the reviewer's settings
 * file (core/config.c) (TAP).
 *
 * Environment: top_srcdir (default "."): the shipped themes are read from
 * $top_srcdir/themes.  Scratch files go to a fresh folder under $TMPDIR
 * (or /tmp), removed at the end; XDG_CONFIG_HOME and HOME are set by the
 * tests themselves.
 */
#include "config/settings.h"
#include "config/theme.h"
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[512];
static const char *srcdir = ".";

/* What was created under tmpdir, removed in reverse order at the end. */
static char *made[64];
static size_t nmade;

/* ------------------------------------------------------------ helpers */

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p) {
		perror("strdup");
		exit(99);
	}
	return p;
}

/* DIR/NAME as a new string. */
static char *path_in(const char *dir, const char *name)
{
	char *r = malloc(strlen(dir) + strlen(name) + 2);

	if (!r) {
		perror("malloc");
		exit(99);
	}
	sprintf(r, "%s/%s", dir, name);
	return r;
}

static void remember(const char *path)
{
	if (nmade == sizeof made / sizeof *made) {
		fprintf(stderr, "test bug: too many scratch files\n");
		exit(99);
	}
	made[nmade++] = xstrdup(path);
}

/* Make the folder tmpdir/REL (the parents must exist); its path, owned by
 * the cleanup list. */
static const char *mkdir_tmp(const char *rel)
{
	char *p = path_in(tmpdir, rel);

	if (mkdir(p, 0700) != 0 && errno != EEXIST) {
		perror(p);
		exit(99);
	}
	remember(p);
	free(p);
	return made[nmade - 1];
}

/* Write LEN bytes of TEXT to tmpdir/REL; its path, owned by the cleanup
 * list. */
static const char *write_tmp_len(const char *rel, const char *text,
				 size_t len)
{
	char *p = path_in(tmpdir, rel);
	FILE *f = fopen(p, "wb");
	size_t i;

	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		perror(p);
		exit(99);
	}
	for (i = 0; i < nmade && strcmp(made[i], p) != 0; i++)
		;
	if (i == nmade)
		remember(p);
	free(p);
	return made[i];
}

static const char *write_tmp(const char *rel, const char *text)
{
	return write_tmp_len(rel, text, strlen(text));
}

static void cleanup(void)
{
	while (nmade > 0) {
		char *p = made[--nmade];
		struct stat sb;
		if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
			rmdir(p);
		else
			unlink(p);
		free(p);
	}
	rmdir(tmpdir);
}

/* ok() on ERR's message being exactly WANT, showing both when not. */
static void is_msg(sy_status st, sy_status want_st, const sy_error *e,
		   const char *want, const char *what)
{
	if (st != want_st) {
		ok(0, "%s", what);
		diag("status %d, want %d; message: %s", (int)st, (int)want_st,
		     st == SY_OK ? "(none)" : e->msg);
		return;
	}
	is_str(e->msg, want, "%s", what);
}

/* A color as a comparable number: kind in the top bits. */
static unsigned long colkey(sy_color c)
{
	return (unsigned long)c.kind << 24 | c.value;
}

/* The styles A and B are the same (field by field: padding differs). */
static bool style_eq(const sy_style *a, const sy_style *b)
{
	return colkey(a->fg) == colkey(b->fg) &&
	       colkey(a->bg) == colkey(b->bg) && a->attrs == b->attrs &&
	       a->set == b->set;
}

/* ------------------------------------------------------------ roles */

static void test_roles(void)
{
	size_t r, q;
	bool all = true, distinct = true;

	is_str(sy_role_name(SY_ROLE_SEARCH_MATCH), "search-match",
	       "role name of SEARCH_MATCH");
	is_str(sy_role_name(SY_ROLE_TEXT), "text", "role name of TEXT");
	is_str(sy_role_help(SY_ROLE_ERROR), "error messages",
	       "role help of ERROR");
	for (r = 0; r < SY_ROLE_COUNT; r++) {
		const char *n = sy_role_name((sy_role)r);
		const char *h = sy_role_help((sy_role)r);
		if (!n || !*n || !h || !*h)
			all = false;
		for (q = 0; n && q < r; q++)
			if (strcmp(n, sy_role_name((sy_role)q)) == 0)
				distinct = false;
	}
	ok(all, "every role has a name and a description");
	ok(distinct, "role names are distinct");
	ok(sy_role_name(SY_ROLE_COUNT) == NULL, "no name past the last role");
}

/* ------------------------------------------------------------ shipped */

static void test_shipped(void)
{
	static const char *const names[] = { "dark", "light", "high-contrast",
					      "mono" };
	char *dir = path_in(srcdir, "themes");
	sy_theme t, m;
	size_t i, r;

	for (i = 0; i < 4; i++) {
		char file[64];
		char *p;
		sy_error e = { 0 };
		sy_status st;
		bool allset = true, nocolor = true;

		snprintf(file, sizeof file, "%s.theme", names[i]);
		p = path_in(dir, file);
		st = sy_theme_load(p, &t, &e);
		if (!ok(st == SY_OK, "%s parses", file))
			diag("%s", e.msg);
		free(p);
		if (st != SY_OK)
			continue;
		is_str(t.name, names[i], "%s: name", file);
		for (r = 0; r < SY_ROLE_COUNT; r++) {
			if (!t.roles[r].set) {
				allset = false;
				diag("%s: %s not set", file,
				     sy_role_name((sy_role)r));
			}
			if (t.roles[r].fg.kind != SY_COLOR_DEFAULT ||
			    t.roles[r].bg.kind != SY_COLOR_DEFAULT)
				nocolor = false;
		}
		ok(allset, "%s: every role set", file);
		if (strcmp(names[i], "mono") == 0) {
			ok(nocolor, "mono.theme uses no colours");
			sy_theme_mono(&m);
			bool same = true;
			for (r = 0; r < SY_ROLE_COUNT; r++)
				if (!style_eq(&m.roles[r], &t.roles[r]))
					same = false;
			ok(same, "sy_theme_mono is mono.theme");
		}
		if (strcmp(names[i], "dark") == 0) {
			const sy_style *s = &t.roles[SY_ROLE_SEARCH_MATCH];
			const sy_style *c = &t.roles[SY_ROLE_CURRENT];
			const sy_style *h = &t.roles[SY_ROLE_HEADER];
			ok(s->bg.kind == SY_COLOR_RGB && s->bg.value == 0xd7af5f,
			   "dark: #d7af5f is RGB 0xd7af5f");
			ok(s->fg.kind == SY_COLOR_INDEX && s->fg.value == 0,
			   "dark: black is INDEX 0");
			ok(s->attrs == SY_ATTR_UNDERLINE, "dark: underline");
			ok(c->bg.kind == SY_COLOR_INDEX && c->bg.value == 75,
			   "dark: color75 is INDEX 75");
			ok(c->fg.kind == SY_COLOR_INDEX && c->fg.value == 0,
			   "dark: current black on color75");
			ok(h->fg.kind == SY_COLOR_INDEX && h->fg.value == 15 &&
			   h->bg.kind == SY_COLOR_INDEX && h->bg.value == 4 &&
			   h->attrs == SY_ATTR_BOLD,
			   "dark: header bright-white on blue, bold");
		}
	}

	sy_theme_mono(&m);
	{
		bool nocolor = true, allset = true, distinct = true;
		static const sy_role st[] = { SY_ROLE_PENDING, SY_ROLE_ACCEPTED,
			SY_ROLE_FIXED, SY_ROLE_REJECTED, SY_ROLE_ADDED };
		for (r = 0; r < SY_ROLE_COUNT; r++) {
			if (m.roles[r].fg.kind != SY_COLOR_DEFAULT ||
			    m.roles[r].bg.kind != SY_COLOR_DEFAULT)
				nocolor = false;
			if (!m.roles[r].set)
				allset = false;
		}
		for (i = 0; i < 5; i++)
			for (r = 0; r < i; r++)
				if (m.roles[st[i]].attrs == m.roles[st[r]].attrs)
					distinct = false;
		ok(nocolor, "sy_theme_mono: all SY_COLOR_DEFAULT");
		ok(allset, "sy_theme_mono: every role set");
		ok(distinct, "sy_theme_mono: the five statuses differ");
		ok(m.roles[SY_ROLE_CURRENT].attrs & SY_ATTR_REVERSE,
		   "sy_theme_mono: current is reverse");
		is_str(m.name, "mono", "sy_theme_mono: name");
	}
	free(dir);
}

/* ------------------------------------------------------------ parsing */

/* Parse TEXT as "t"; the style of ROLE in *S.  Returns the status. */
static sy_status parse1(const char *text, sy_role role, sy_style *s,
			sy_error *e)
{
	sy_theme t;
	sy_status st = sy_theme_parse(text, "t", &t, e);

	if (st == SY_OK)
		*s = t.roles[role];
	return st;
}

static void test_colors(void)
{
	static const struct {
		const char *word;
		sy_color_kind kind;
		unsigned value;
	} cases[] = {
		{ "default", SY_COLOR_DEFAULT, 0 },
		{ "black", SY_COLOR_INDEX, 0 },
		{ "red", SY_COLOR_INDEX, 1 },
		{ "white", SY_COLOR_INDEX, 7 },
		{ "bright-black", SY_COLOR_INDEX, 8 },
		{ "bright-red", SY_COLOR_INDEX, 9 },
		{ "bright-white", SY_COLOR_INDEX, 15 },
		{ "color0", SY_COLOR_INDEX, 0 },
		{ "color236", SY_COLOR_INDEX, 236 },
		{ "color255", SY_COLOR_INDEX, 255 },
		{ "#d7af5f", SY_COLOR_RGB, 0xd7af5f },
		{ "#FFFFFF", SY_COLOR_RGB, 0xffffff },
		{ "#000000", SY_COLOR_RGB, 0 },
	};
	size_t i;
	char line[128];
	sy_style s;
	sy_error e = { 0 };

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		sy_status st;
		snprintf(line, sizeof line, "header %s %s\n", cases[i].word,
			 cases[i].word);
		st = parse1(line, SY_ROLE_HEADER, &s, &e);
		ok(st == SY_OK && s.fg.kind == cases[i].kind &&
		   s.fg.value == cases[i].value &&
		   colkey(s.bg) == colkey(s.fg),
		   "colour %s", cases[i].word);
	}
	ok(parse1("fixed red blue bold underline reverse dim standout",
		  SY_ROLE_FIXED, &s, &e) == SY_OK &&
	   s.attrs == (SY_ATTR_BOLD | SY_ATTR_UNDERLINE | SY_ATTR_REVERSE |
		       SY_ATTR_DIM | SY_ATTR_STANDOUT) && s.set,
	   "all five attributes, no newline at the end");
	ok(parse1("fixed red blue bold bold", SY_ROLE_FIXED, &s, &e) == SY_OK &&
	   s.attrs == SY_ATTR_BOLD, "an attribute twice");
}

static void test_comments(void)
{
	sy_theme t;
	sy_error e = { 0 };
	sy_status st;

	st = sy_theme_parse("# a comment\n"
			    "   # indented comment\n"
			    "\n"
			    "  \t \n"
			    "#text red red\n"
			    "\ttext\tgreen\tdefault\t# trailing comment\n"
			    "header black #d7af5f # colour, then comment\n"
			    "status red blue bold #\n"
			    "error red blue\r\n",
			    "c", &t, &e);
	if (!ok(st == SY_OK, "comments, blanks, tabs, CRLF"))
		diag("%s", e.msg);
	ok(t.roles[SY_ROLE_TEXT].fg.value == 2 && t.roles[SY_ROLE_TEXT].set,
	   "'#text' line is a comment; tabs separate fields");
	ok(t.roles[SY_ROLE_HEADER].bg.kind == SY_COLOR_RGB &&
	   t.roles[SY_ROLE_HEADER].bg.value == 0xd7af5f &&
	   t.roles[SY_ROLE_HEADER].attrs == 0,
	   "#rrggbb is a colour, the lone # after it a comment");
	ok(t.roles[SY_ROLE_STATUS].attrs == SY_ATTR_BOLD,
	   "a lone # at the end of the line");
	ok(t.roles[SY_ROLE_ERROR].bg.value == 4 &&
	   t.roles[SY_ROLE_ERROR].attrs == 0, "CRLF line end");

	st = sy_theme_parse("text red blue #note\n", "c", &t, &e);
	is_msg(st, SY_ERR_FORMAT, &e, "c:1: unknown attribute '#note'",
	       "a # glued to a word is not a comment");
}

static void test_defaults(void)
{
	sy_theme t;
	sy_error e = { 0 };
	size_t r;
	bool copied = true;
	sy_status st;

	st = sy_theme_parse("text yellow color17 dim\n"
			    "header red red\n"
			    "header blue green bold\n", "d", &t, &e);
	ok(st == SY_OK, "partial theme parses");
	for (r = 0; r < SY_ROLE_COUNT; r++) {
		const sy_style *s = &t.roles[r];
		if (r == SY_ROLE_TEXT || r == SY_ROLE_HEADER)
			continue;
		if (s->set || colkey(s->fg) != colkey(t.roles[0].fg) ||
		    colkey(s->bg) != colkey(t.roles[0].bg) ||
		    s->attrs != SY_ATTR_DIM)
			copied = false;
	}
	ok(copied, "roles left out are text's style, with set false");
	ok(t.roles[SY_ROLE_TEXT].set, "text given: set");
	ok(t.roles[SY_ROLE_HEADER].fg.value == 4 &&
	   t.roles[SY_ROLE_HEADER].bg.value == 2 &&
	   t.roles[SY_ROLE_HEADER].attrs == SY_ATTR_BOLD,
	   "a role given twice takes the last line");
	is_str(t.name, "d", "theme name from the name given");

	st = sy_theme_parse("", "empty", &t, &e);
	copied = st == SY_OK;
	for (r = 0; r < SY_ROLE_COUNT; r++)
		if (t.roles[r].set || t.roles[r].fg.kind != SY_COLOR_DEFAULT ||
		    t.roles[r].bg.kind != SY_COLOR_DEFAULT || t.roles[r].attrs)
			copied = false;
	ok(copied, "an empty theme: all default, none set");
}

static void test_theme_errors(void)
{
	static const struct {
		const char *text, *want, *what;
	} cases[] = {
		{ "text default default\n\ntxet red blue\n",
		  "bad:3: unknown role 'txet'", "unknown role" },
		{ "Text red blue\n", "bad:1: unknown role 'Text'",
		  "roles are lower case" },
		{ "# c\nheader red purple\n", "bad:2: unknown colour 'purple'",
		  "unknown colour" },
		{ "header Red blue\n", "bad:1: unknown colour 'Red'",
		  "colours are lower case" },
		{ "header bright-pink blue\n",
		  "bad:1: unknown colour 'bright-pink'", "unknown bright colour" },
		{ "header #12345 blue\n", "bad:1: unknown colour '#12345'",
		  "short #rgb" },
		{ "header #12345g blue\n", "bad:1: unknown colour '#12345g'",
		  "non-hex #rgb" },
		{ "header color red\n", "bad:1: unknown colour 'color'",
		  "color without a number" },
		{ "header color-1 red\n", "bad:1: unknown colour 'color-1'",
		  "color-1" },
		{ "header red color256\n",
		  "bad:1: colour out of range 'color256' (colorN takes 0-255)",
		  "color256" },
		{ "header red color99999999999\n",
		  "bad:1: colour out of range 'color99999999999' (colorN takes "
		  "0-255)", "a huge colour number" },
		{ "\n\n\n\nheader red blue blink\n",
		  "bad:5: unknown attribute 'blink'", "unknown attribute" },
		{ "header red blue Bold\n", "bad:1: unknown attribute 'Bold'",
		  "attributes are lower case" },
		{ "header red\n",
		  "bad:1: too few fields (expected ROLE FG BG [ATTR...])",
		  "two fields" },
		{ "header\n",
		  "bad:1: too few fields (expected ROLE FG BG [ATTR...])",
		  "one field" },
		{ "header red # blue\n",
		  "bad:1: too few fields (expected ROLE FG BG [ATTR...])",
		  "a comment cuts the fields" },
	};
	sy_theme t, before;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		sy_error e = { 0 };
		sy_status st;
		memset(&t, 0xa5, sizeof t);
		memcpy(&before, &t, sizeof t);
		st = sy_theme_parse(cases[i].text, "bad", &t, &e);
		is_msg(st, SY_ERR_FORMAT, &e, cases[i].want, cases[i].what);
		if (i == 0)
			ok(memcmp(&t, &before, sizeof t) == 0,
			   "a failed parse leaves the theme untouched");
	}
}

/* ------------------------------------------------------------ files */

static void test_theme_files(void)
{
	char *themes = path_in(srcdir, "themes");
	char *p, want[1024];
	const char *missing, *user, *bad, *dirs[4];
	sy_theme t;
	sy_error e = { 0 };
	sy_status st;

	/* load: errors name the path */
	p = path_in(tmpdir, "nope.theme");
	st = sy_theme_load(p, &t, &e);
	snprintf(want, sizeof want, "%s: %s", p, strerror(ENOENT));
	is_msg(st, SY_ERR_IO, &e, want, "load: missing file names it");
	free(p);
	bad = write_tmp("bad.theme", "text red red\nheader red nocolour\n");
	st = sy_theme_load(bad, &t, &e);
	snprintf(want, sizeof want, "%s:2: unknown colour 'nocolour'", bad);
	is_msg(st, SY_ERR_FORMAT, &e, want, "load: error with path:line");
	st = sy_theme_load(tmpdir, &t, &e);
	snprintf(want, sizeof want, "%s: is a folder", tmpdir);
	is_msg(st, SY_ERR_IO, &e, want, "load: a folder");
	bad = write_tmp_len("nul.theme", "text red red\nhea\0der\n", 20);
	st = sy_theme_load(bad, &t, &e);
	snprintf(want, sizeof want, "%s:2: NUL byte (not a text file)", bad);
	is_msg(st, SY_ERR_FORMAT, &e, want, "load: a NUL byte");

	/* find: the user folder first, then DIRS in order */
	mkdir_tmp("xdg");
	mkdir_tmp("xdg/shenyue");
	user = mkdir_tmp("xdg/shenyue/themes");
	missing = path_in(tmpdir, "no-such-dir");
	remember(missing);
	free((char *)missing);
	missing = made[nmade - 1];
	p = path_in(tmpdir, "xdg");
	setenv("XDG_CONFIG_HOME", p, 1);
	free(p);
	dirs[0] = missing;
	dirs[1] = "";
	dirs[2] = themes;
	dirs[3] = NULL;

	memset(&t, 0, sizeof t);
	st = sy_theme_find("dark", dirs, &t, &e);
	ok(st == SY_OK && strcmp(t.name, "dark") == 0 &&
	   t.roles[SY_ROLE_CURRENT].bg.value == 75,
	   "find by name through the folder list");
	if (st != SY_OK)
		diag("%s", e.msg);

	write_tmp("xdg/shenyue/themes/dark.theme", "text red blue\n");
	st = sy_theme_find("dark", dirs, &t, &e);
	ok(st == SY_OK && t.roles[SY_ROLE_TEXT].fg.value == 1 &&
	   !t.roles[SY_ROLE_CURRENT].set,
	   "$XDG_CONFIG_HOME/shenyue/themes comes first");

	write_tmp("xdg/shenyue/themes/broken.theme", "text red\n");
	st = sy_theme_find("broken", dirs, &t, &e);
	snprintf(want, sizeof want, "%s/broken.theme:1: too few fields "
		 "(expected ROLE FG BG [ATTR...])", user);
	is_msg(st, SY_ERR_FORMAT, &e, want, "find: a bad theme's own error");

	p = path_in(themes, "light.theme");
	st = sy_theme_find(p, NULL, &t, &e);
	ok(st == SY_OK && strcmp(t.name, "light") == 0, "find by path");
	free(p);
	st = sy_theme_find("nowhere/x.theme", dirs, &t, &e);
	is_msg(st, SY_ERR_IO, &e, "nowhere/x.theme: No such file or directory",
	       "find: a missing path is an I/O error");

	st = sy_theme_find("sepia", dirs, &t, &e);
	snprintf(want, sizeof want, "unknown theme 'sepia' (looked in: %s, %s, %s)",
		 user, missing, themes);
	is_msg(st, SY_ERR_USAGE, &e, want, "unknown name lists the folders");

	unsetenv("XDG_CONFIG_HOME");
	p = path_in(tmpdir, "home");
	setenv("HOME", p, 1);
	free(p);
	st = sy_theme_find("sepia", dirs + 2, &t, &e);
	snprintf(want, sizeof want, "unknown theme 'sepia' (looked in: "
		 "%s/home/.config/shenyue/themes, %s)", tmpdir, themes);
	is_msg(st, SY_ERR_USAGE, &e, want,
	       "without XDG_CONFIG_HOME: ~/.config/shenyue/themes");
	unsetenv("HOME");
	st = sy_theme_find("sepia", NULL, &t, &e);
	is_msg(st, SY_ERR_USAGE, &e,
	       "unknown theme 'sepia' (looked in: no theme folders)",
	       "no folders at all");
	st = sy_theme_find("", dirs, &t, &e);
	is_msg(st, SY_ERR_USAGE, &e, "empty theme name", "empty name");
	free(themes);
}

/* ------------------------------------------------------------ config */

static const char full_config[] =
	"# my settings\n"
	"reviewer: wang\n"
	"theme: dark                 # a name or a path\n"
	"tags: [checked-source, borderline, unclear, ocr-error]\n"
	"keys:                       # action: key\n"
	"  accept: a\n"
	"  accept-next: Space\n"
	"  \"quit\": 'q'\n";

static void test_config_full(void)
{
	const char *p = write_tmp("full.yaml", full_config);
	sy_config c;
	sy_error e = { 0 };
	sy_status st = sy_config_load(p, &c, &e);

	if (!ok(st == SY_OK, "the example config parses"))
		diag("%s", e.msg);
	is_str(c.path, p, "config: path");
	is_str(c.reviewer, "wang", "config: reviewer");
	is_str(c.theme, "dark", "config: theme");
	ok(c.ntags == 4 && strcmp(c.tags[0], "checked-source") == 0 &&
	   strcmp(c.tags[1], "borderline") == 0 &&
	   strcmp(c.tags[2], "unclear") == 0 &&
	   strcmp(c.tags[3], "ocr-error") == 0, "config: tags in order");
	ok(c.nkeys == 3, "config: three keys");
	if (c.nkeys == 3) {
		ok(strcmp(c.keys[0].action, "accept") == 0 &&
		   strcmp(c.keys[0].key, "a") == 0 && c.keys[0].line == 6 &&
		   c.keys[0].column == 3, "config: accept: a at 6:3");
		ok(strcmp(c.keys[1].action, "accept-next") == 0 &&
		   strcmp(c.keys[1].key, "Space") == 0 && c.keys[1].line == 7 &&
		   c.keys[1].column == 3, "config: accept-next: Space at 7:3");
		ok(strcmp(c.keys[2].action, "quit") == 0 &&
		   strcmp(c.keys[2].key, "q") == 0 && c.keys[2].line == 8,
		   "config: quoted action and key");
	}
	sy_config_free(&c);
	ok(c.path == NULL && c.ntags == 0 && c.keys == NULL,
	   "sy_config_free leaves it empty");
	sy_config_free(&c);

	p = write_tmp("block.yaml", "tags:\n  - a\n  - \"b c\"\n"
		      "reviewer: ~\ntheme:\nkeys: {}\n");
	st = sy_config_load(p, &c, &e);
	ok(st == SY_OK && c.ntags == 2 && strcmp(c.tags[1], "b c") == 0 &&
	   !c.reviewer && !c.theme && c.nkeys == 0,
	   "block list of tags; null settings are not set");
	if (st != SY_OK)
		diag("%s", e.msg);
	sy_config_free(&c);

	p = write_tmp("empty.yaml", "");
	st = sy_config_load(p, &c, &e);
	ok(st == SY_OK && c.path && !c.reviewer && !c.ntags && !c.nkeys,
	   "an empty file is an empty config");
	sy_config_free(&c);
	p = write_tmp("comments.yaml", "# nothing here\n\n# yet\n");
	st = sy_config_load(p, &c, &e);
	ok(st == SY_OK && !c.reviewer, "only comments: an empty config");
	sy_config_free(&c);
	p = write_tmp("doc.yaml", "---\n...\n");
	st = sy_config_load(p, &c, &e);
	ok(st == SY_OK && !c.reviewer, "an empty document: an empty config");
	sy_config_free(&c);
}

static void test_config_default(void)
{
	char *xdg = path_in(tmpdir, "cfg"), *p, want[1024];
	sy_config c;
	sy_error e = { 0 };
	sy_status st;
	const char *f;

	mkdir_tmp("cfg");
	setenv("XDG_CONFIG_HOME", xdg, 1);
	p = sy_config_default_path();
	snprintf(want, sizeof want, "%s/shenyue/config.yaml", xdg);
	is_str(p, want, "default path under $XDG_CONFIG_HOME");
	free(p);
	memset(&c, 0x5a, sizeof c);
	st = sy_config_load(NULL, &c, &e);
	ok(st == SY_OK && c.path == NULL && c.reviewer == NULL &&
	   c.theme == NULL && c.tags == NULL && c.ntags == 0 &&
	   c.keys == NULL && c.nkeys == 0,
	   "missing default file: empty config, path NULL");
	sy_config_free(&c);

	mkdir_tmp("cfg/shenyue");
	f = write_tmp("cfg/shenyue/config.yaml", "reviewer: li\n");
	st = sy_config_load(NULL, &c, &e);
	ok(st == SY_OK && c.reviewer && strcmp(c.reviewer, "li") == 0 &&
	   c.path && strcmp(c.path, f) == 0, "the default file is read");
	sy_config_free(&c);
	f = write_tmp("cfg/shenyue/config.yaml", "reviewer: [li]\n");
	st = sy_config_load(NULL, &c, &e);
	snprintf(want, sizeof want,
		 "%s:1:11: reviewer: expected a reviewer name, not a list", f);
	is_msg(st, SY_ERR_FORMAT, &e, want, "a bad default file is an error");

	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	setenv("HOME", "/home/wang", 1);
	p = sy_config_default_path();
	is_str(p, "/home/wang/.config/shenyue/config.yaml",
	       "a relative XDG_CONFIG_HOME is ignored: ~/.config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	ok(sy_config_default_path() == NULL, "no HOME, no XDG: no path");
	st = sy_config_load(NULL, &c, &e);
	ok(st == SY_OK && c.path == NULL, "no default path: empty config");

	p = path_in(xdg, "missing.yaml");
	st = sy_config_load(p, &c, &e);
	snprintf(want, sizeof want, "%s: %s", p, strerror(ENOENT));
	is_msg(st, SY_ERR_IO, &e, want, "an explicit missing file is an error");
	ok(c.path == NULL, "failure leaves the config empty");
	free(p);
	st = sy_config_load(xdg, &c, &e);
	snprintf(want, sizeof want, "%s: is a folder", xdg);
	is_msg(st, SY_ERR_IO, &e, want, "a folder");
	free(xdg);
}

static void test_config_errors(void)
{
	static const struct {
		const char *text, *want, *what;
		sy_status code;
	} cases[] = {
		{ "reviewer: wang\ntheme: [dark\n",
		  "3:1: YAML syntax error: did not find expected ',' or ']' "
		  "(while parsing a flow sequence at line 2)",
		  "YAML syntax error", SY_ERR_FORMAT },
		{ "reviewer: a\n  b: c\n",
		  "2:4: YAML syntax error: mapping values are not allowed in "
		  "this context", "bad indentation", SY_ERR_FORMAT },
		{ "- reviewer\n",
		  "1:1: expected a mapping of settings (reviewer, theme, tags, "
		  "keys), not a list", "top level a list", SY_ERR_FORMAT },
		{ "wang\n",
		  "1:1: expected a mapping of settings (reviewer, theme, tags, "
		  "keys), not 'wang'", "top level a string", SY_ERR_FORMAT },
		{ "reviewer: wang\ncolour: dark\n",
		  "2:1: unknown setting 'colour' (known: reviewer, theme, tags, "
		  "keys)", "unknown setting", SY_ERR_FORMAT },
		{ "theme: dark\ntheme: light\n",
		  "2:1: duplicate setting 'theme' (first at line 1)",
		  "duplicate setting", SY_ERR_FORMAT },
		{ "theme: {name: dark}\n",
		  "1:8: theme: expected a theme name or path, not a mapping",
		  "theme a mapping", SY_ERR_FORMAT },
		{ "reviewer: ''\n",
		  "1:11: reviewer: expected a reviewer name, not an empty string",
		  "empty reviewer", SY_ERR_FORMAT },
		{ "reviewer: \"wa\\nng\"\n",
		  "1:11: reviewer: control character in 'wa\nng'",
		  "control character", SY_ERR_FORMAT },
		{ "tags: borderline\n",
		  "1:7: tags: expected a list of tags ([a, b] or '- tag' "
		  "lines), not 'borderline'", "tags a string", SY_ERR_FORMAT },
		{ "tags: [a, {b: c}]\n",
		  "1:11: tags: expected a tag, not a mapping",
		  "a tag that is a mapping", SY_ERR_FORMAT },
		{ "tags:\n  - a\n  -\n",
		  "3:4: tags: empty tag", "empty tag (null)", SY_ERR_FORMAT },
		{ "tags: [a, \"\"]\n",
		  "1:11: tags: empty tag", "empty tag (quoted)", SY_ERR_FORMAT },
		{ "tags:\n  - unclear\n  - borderline\n  - unclear\n",
		  "4:5: tags: duplicate tag 'unclear' (first at line 2)",
		  "duplicate tag", SY_ERR_FORMAT },
		{ "keys: [a, b]\n",
		  "1:7: keys: expected a mapping of 'action: key' lines, not a "
		  "list", "keys a list", SY_ERR_FORMAT },
		{ "keys:\n  accept:\n",
		  "2:10: keys: accept: expected a key name, not nothing",
		  "a key without a value", SY_ERR_FORMAT },
		{ "keys:\n  accept: [a, b]\n",
		  "2:11: keys: accept: expected a key name, not a list",
		  "a key that is a list", SY_ERR_FORMAT },
		{ "keys:\n  accept: a\n  quit: q\n  accept: b\n",
		  "4:3: keys: 'accept' given twice (first at line 2)",
		  "an action given twice", SY_ERR_FORMAT },
		{ "keys:\n  ? [a]\n  : b\n",
		  "2:5: mapping keys must be strings", "complex key",
		  SY_ERR_FORMAT },
		{ "reviewer: &me wang\ntheme: *me\n",
		  "1:11: anchors are not allowed", "anchor refused",
		  SY_ERR_FORMAT },
		{ "tags: *t\n", "1:7: aliases are not allowed", "alias refused",
		  SY_ERR_FORMAT },
		{ "keys: &k\n  accept: a\n", "1:7: anchors are not allowed",
		  "anchor on a mapping refused", SY_ERR_FORMAT },
		{ "reviewer: wang\n---\nreviewer: li\n",
		  "2:1: more than one YAML document", "two documents",
		  SY_ERR_FORMAT },
		{ "tags: [[[[[[[[[[[[[[[[[[[[a]]]]]]]]]]]]]]]]]]]\n",
		  "1:22: nesting deeper than 16 levels", "deep nesting",
		  SY_ERR_LIMIT },
		{ "reviewer: w\xffng\n",
		  "1:12: invalid input: invalid leading UTF-8 octet",
		  "invalid UTF-8", SY_ERR_FORMAT },
	};
	size_t i;
	char want[1024];

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *p;
		sy_config c;
		sy_error e = { 0 };
		sy_status st;

		p = write_tmp("err.yaml", cases[i].text);
		snprintf(want, sizeof want, "%s:%s", p, cases[i].want);
		st = sy_config_load(p, &c, &e);
		is_msg(st, cases[i].code, &e, want, cases[i].what);
		if (st == SY_OK)
			sy_config_free(&c);
	}
}

static void test_config_limits(void)
{
	size_t n = (64 << 10) + 1, i;
	char *big = malloc(n + 1), want[1024];
	const char *p;
	sy_config c;
	sy_error e = { 0 };
	sy_status st;

	if (!big)
		exit(99);
	memcpy(big, "reviewer: wang\n", 15);
	for (i = 15; i < n; i++)
		big[i] = i % 64 == 63 ? '\n' : '#';
	big[n] = '\0';
	p = write_tmp_len("big.yaml", big, n);
	st = sy_config_load(p, &c, &e);
	snprintf(want, sizeof want,
		 "%s: config file too large (more than 64 KiB)", p);
	is_msg(st, SY_ERR_LIMIT, &e, want, "a config over 64 KiB");
	p = write_tmp_len("big.yaml", big, n - 1);
	st = sy_config_load(p, &c, &e);
	ok(st == SY_OK && c.reviewer && strcmp(c.reviewer, "wang") == 0,
	   "a config of exactly 64 KiB");
	sy_config_free(&c);
	free(big);

	p = write_tmp_len("nul.yaml", "reviewer: wang\ntheme: d\0rk\n", 26);
	st = sy_config_load(p, &c, &e);
	snprintf(want, sizeof want,
		 "%s:2:9: NUL byte in input (not a text file)", p);
	is_msg(st, SY_ERR_FORMAT, &e, want, "a NUL byte");
}

static void test_default_tags(void)
{
	size_t n;

	for (n = 0; sy_default_tags[n]; n++)
		;
	ok(n == 6, "six default tags, NULL-terminated");
	is_str(sy_default_tags[0], "borderline", "first default tag");
	is_str(sy_default_tags[5], "needs-discussion", "last default tag");
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	const char *tmp = getenv("TMPDIR");

	if (top && *top)
		srcdir = top;
	snprintf(tmpdir, sizeof tmpdir, "%s/sy-config-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror(tmpdir);
		return 99;
	}
	test_roles();
	test_shipped();
	test_colors();
	test_comments();
	test_defaults();
	test_theme_errors();
	test_theme_files();
	test_config_full();
	test_config_default();
	test_config_errors();
	test_config_limits();
	test_default_tags();
	cleanup();
	return tap_done();
}
