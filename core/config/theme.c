/* theme.c - colour themes: the role table, the theme file reader
 * (themes/README.md) and the built-in monochrome theme (see theme.h).
 *
 * A theme file is read line by line without copying: each line is cut
 * into blank-separated fields (ROLE FG BG ATTR...), a first field starting
 * with '#' or a lone '#' after the fields ends the line.  Everything goes
 * into a local sy_theme that is copied out only when the whole file is
 * good, so a failed parse leaves the caller's theme as it was.
 */
#include "config/theme.h"
#include "base/fileopen.h"
#include "config/settings.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A theme file is a few dozen lines; anything this big is not one. */
#define MAX_THEME_FILE ((size_t)1 << 20)
/* How much of a bad word is quoted in a message. */
#define SHOW 60

/* ------------------------------------------------------------ roles */

#define ROLE_NAME(id, name, help) name,
#define ROLE_HELP(id, name, help) help,
static const char *const role_names[] = { SY_ROLES(ROLE_NAME) };
static const char *const role_helps[] = { SY_ROLES(ROLE_HELP) };
#undef ROLE_NAME
#undef ROLE_HELP

#define NROLES (sizeof role_names / sizeof *role_names)

/* Static strings; NULL for a value outside the enum. */
const char *sy_role_name(sy_role r)
{
	return (size_t)r < NROLES ? role_names[r] : NULL;
}

const char *sy_role_help(sy_role r)
{
	return (size_t)r < NROLES ? role_helps[r] : NULL;
}

/* ------------------------------------------------------------ words */

typedef struct word {
	const char *s;
	size_t n;
} word;

static bool word_is(word w, const char *lit)
{
	return strlen(lit) == w.n && memcmp(w.s, lit, w.n) == 0;
}

/* The length to quote of W in a message. */
static int shown_len(word w)
{
	return (int)(w.n < SHOW ? w.n : SHOW);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The next field of the line [*P, END) into *W, advancing *P.  False at
 * the end of the line or at a comment: a first field (FIRST) that starts
 * with '#', or a '#' standing alone. */
static bool next_word(const char **p, const char *end, bool first, word *w)
{
	const char *s = *p;

	while (s < end && is_blank(*s))
		s++;
	w->s = s;
	while (s < end && !is_blank(*s))
		s++;
	w->n = (size_t)(s - w->s);
	*p = s;
	if (w->n == 0)
		return false;
	if (w->s[0] == '#' && (first || w->n == 1))
		return false;
	return true;
}

static const char *const basic_colors[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The colour W into *C: 0, -1 not a colour, -2 colorN out of 0-255. */
static int parse_color(word w, sy_color *c)
{
	size_t i;

	if (word_is(w, "default")) {
		*c = (sy_color){ SY_COLOR_DEFAULT, 0 };
		return 0;
	}
	for (i = 0; i < 8; i++) {
		size_t bl = strlen(basic_colors[i]);
		if (word_is(w, basic_colors[i])) {
			*c = (sy_color){ SY_COLOR_INDEX, (unsigned)i };
			return 0;
		}
		if (w.n == 7 + bl && memcmp(w.s, "bright-", 7) == 0 &&
		    memcmp(w.s + 7, basic_colors[i], bl) == 0) {
			*c = (sy_color){ SY_COLOR_INDEX, (unsigned)i + 8 };
			return 0;
		}
	}
	if (w.n > 5 && memcmp(w.s, "color", 5) == 0) {
		unsigned v = 0;
		for (i = 5; i < w.n; i++) {
			if (w.s[i] < '0' || w.s[i] > '9')
				return -1;
			if (v <= 255)
				v = v * 10 + (unsigned)(w.s[i] - '0');
		}
		if (v > 255)
			return -2;
		*c = (sy_color){ SY_COLOR_INDEX, v };
		return 0;
	}
	if (w.n == 7 && w.s[0] == '#') {
		unsigned v = 0;
		for (i = 1; i < 7; i++) {
			int d = hex_digit(w.s[i]);
			if (d < 0)
				return -1;
			v = v << 4 | (unsigned)d;
		}
		*c = (sy_color){ SY_COLOR_RGB, v };
		return 0;
	}
	return -1;
}

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "bold", SY_ATTR_BOLD }, { "underline", SY_ATTR_UNDERLINE },
	{ "reverse", SY_ATTR_REVERSE }, { "dim", SY_ATTR_DIM },
	{ "standout", SY_ATTR_STANDOUT },
};

/* The SY_ATTR_* bit of W, 0 when W is not an attribute. */
static unsigned parse_attr(word w)
{
	size_t i;

	for (i = 0; i < sizeof attr_names / sizeof *attr_names; i++)
		if (word_is(w, attr_names[i].name))
			return attr_names[i].bit;
	return 0;
}

/* ------------------------------------------------------------ parsing */

/* The colour field W (FG or BG) into *C, or the error for line LINE. */
static sy_status color_field(word w, const char *name, size_t line,
			     sy_color *c, sy_error *err)
{
	int r = parse_color(w, c);

	if (r == -2)
		return sy_fail(err, SY_ERR_FORMAT,
			       "%s:%zu: colour out of range '%.*s' (colorN "
			       "takes 0-255)", name, line, shown_len(w), w.s);
	if (r < 0)
		return sy_fail(err, SY_ERR_FORMAT,
			       "%s:%zu: unknown colour '%.*s'", name, line,
			       shown_len(w), w.s);
	return SY_OK;
}

/* One line [S, END), number LINE, into T. */
static sy_status parse_line(const char *s, const char *end, const char *name,
			    size_t line, sy_theme *t, sy_error *err)
{
	word role, fg, bg, a;
	sy_style style = { { SY_COLOR_DEFAULT, 0 }, { SY_COLOR_DEFAULT, 0 },
			   0, true };
	size_t r;
	sy_status st;

	if (!next_word(&s, end, true, &role))
		return SY_OK;          /* blank or comment */
	for (r = 0; r < NROLES && !word_is(role, role_names[r]); r++)
		;
	if (r == NROLES)
		return sy_fail(err, SY_ERR_FORMAT, "%s:%zu: unknown role '%.*s'",
			       name, line, shown_len(role), role.s);
	if (!next_word(&s, end, false, &fg) || !next_word(&s, end, false, &bg))
		return sy_fail(err, SY_ERR_FORMAT,
			       "%s:%zu: too few fields (expected ROLE FG BG "
			       "[ATTR...])", name, line);
	if ((st = color_field(fg, name, line, &style.fg, err)) != SY_OK ||
	    (st = color_field(bg, name, line, &style.bg, err)) != SY_OK)
		return st;
	while (next_word(&s, end, false, &a)) {
		unsigned bit = parse_attr(a);
		if (!bit)
			return sy_fail(err, SY_ERR_FORMAT,
				       "%s:%zu: unknown attribute '%.*s'", name,
				       line, shown_len(a), a.s);
		style.attrs |= bit;
	}
	t->roles[r] = style;
	return SY_OK;
}

/* T->name: the last path component of NAME without ".theme". */
static void set_name(sy_theme *t, const char *name)
{
	const char *base = strrchr(name, '/');
	size_t n;

	base = base ? base + 1 : name;
	n = strlen(base);
	if (n > 6 && strcmp(base + n - 6, ".theme") == 0)
		n -= 6;
	if (n >= sizeof t->name)
		n = sizeof t->name - 1;
	memcpy(t->name, base, n);
	t->name[n] = '\0';
}

/* BUF is a NUL-terminated string; NAME may be NULL ("<theme>").  On
 * success *T is filled in whole (name: NAME's last component without
 * ".theme"); on failure (SY_ERR_FORMAT, "NAME:LINE: reason") *T is left
 * as it was.  Nothing is allocated. */
sy_status sy_theme_parse(const char *buf, const char *name, sy_theme *t,
			 sy_error *err)
{
	sy_theme nt;
	const char *p = buf ? buf : "";
	size_t line = 0, r;
	sy_status st;

	if (!name)
		name = "<theme>";
	memset(&nt, 0, sizeof nt);
	for (;;) {
		const char *eol = strchr(p, '\n');
		const char *end = eol ? eol : p + strlen(p);
		++line;
		if (end > p && end[-1] == '\r')
			--end;         /* CRLF line ends */
		if ((st = parse_line(p, end, name, line, &nt, err)) != SY_OK)
			return st;
		if (!eol)
			break;
		p = eol + 1;
	}
	for (r = 0; r < NROLES; r++)
		if (r != SY_ROLE_TEXT && !nt.roles[r].set) {
			nt.roles[r] = nt.roles[SY_ROLE_TEXT];
			nt.roles[r].set = false;
		}
	set_name(&nt, name);
	*t = nt;
	return SY_OK;
}

/* ------------------------------------------------------------ files */

/* All of the theme file PATH as a NUL-terminated string (*BUF, owned by
 * the caller).  Errors name PATH: I/O (strerror), a folder, a file over
 * MAX_THEME_FILE, a NUL byte. */
static sy_status read_theme_file(const char *path, char **buf, sy_error *err)
{
	size_t n;
	char *p, *z;
	sy_status st = sy_read_regular(path, MAX_THEME_FILE, &p, &n, NULL, err);

	*buf = NULL;
	if (st == SY_ERR_LIMIT)
		return sy_fail(err, SY_ERR_LIMIT,
			       "%s: theme file too large (more than 1 MiB)", path);
	if (st != SY_OK)
		return st;
	if ((z = memchr(p, '\0', n)) != NULL) {
		size_t line = 1;
		const char *q;
		for (q = p; q < z; q++)
			line += *q == '\n';
		free(p);
		return sy_fail(err, SY_ERR_FORMAT,
			       "%s:%zu: NUL byte (not a text file)", path, line);
	}
	*buf = p;
	return SY_OK;
}

/* Messages name PATH ("PATH: No such file or directory",
 * "PATH:LINE: unknown colour 'x'"); *T is untouched on failure.  Nothing
 * stays allocated. */
sy_status sy_theme_load(const char *path, sy_theme *t, sy_error *err)
{
	char *buf;
	sy_status st = read_theme_file(path, &buf, err);

	if (st != SY_OK)
		return st;
	st = sy_theme_parse(buf, path, t, err);
	free(buf);
	return st;
}

/* A new string "A/B" + SUFFIX (caller frees); NULL on OOM. */
static char *join(const char *a, const char *b, const char *suffix)
{
	size_t la = strlen(a), lb = strlen(b), ls = strlen(suffix);
	char *r = malloc(la + lb + ls + 2);

	if (!r)
		return NULL;
	memcpy(r, a, la);
	r[la] = '/';
	memcpy(r + la + 1, b, lb);
	memcpy(r + la + 1 + lb, suffix, ls + 1);
	return r;
}

/* Append ", DIR" (or DIR when first) to the list LOOKED of size CAP, which
 * stays NUL-terminated and is cut with "..." when full. */
static void add_looked(char *looked, size_t cap, const char *dir)
{
	size_t n = strlen(looked);

	if (n + 4 >= cap)
		return;                /* already cut */
	if ((size_t)snprintf(looked + n, cap - n, "%s%s", n ? ", " : "", dir)
	    >= cap - n)
		memcpy(looked + cap - 4, "...", 4);
}

/* NAME with '/' or ending in ".theme" is a path, loaded as is; any other
 * name is looked up as NAME.theme in the user's theme folder
 * (sy_config_dir()/themes: $XDG_CONFIG_HOME/shenyue/themes, or
 * $HOME/.config/shenyue/themes when XDG_CONFIG_HOME is unset), then in
 * each folder of DIRS (may be NULL; NULL and "" entries are skipped).  The
 * first file that exists is loaded and its errors are returned as is.
 * Unknown name: SY_ERR_USAGE "unknown theme 'x' (looked in: a, b)".
 * *T is untouched on failure; nothing stays allocated. */
sy_status sy_theme_find(const char *name, const char *const *dirs,
			sy_theme *t, sy_error *err)
{
	char looked[768] = "";
	char *user;
	size_t i, n = strlen(name ? name : "");
	sy_status st;

	if (n == 0)
		return sy_fail(err, SY_ERR_USAGE, "empty theme name");
	if (strchr(name, '/') || (n > 6 && strcmp(name + n - 6, ".theme") == 0))
		return sy_theme_load(name, t, err);
	errno = 0;
	user = sy_config_dir();
	if (!user && errno == ENOMEM)
		return sy_fail(err, SY_ERR_NOMEM, "theme '%s': out of memory",
			       name);
	for (i = 0;; i++) {
		const char *dir;
		char *udir = NULL, *path;
		struct stat sb;

		if (i == 0) {
			if (!user)
				continue;
			dir = udir = join(user, "themes", "");
			free(user);
			user = NULL;
			if (!udir)
				return sy_fail(err, SY_ERR_NOMEM,
					       "theme '%s': out of memory", name);
		} else if (!dirs || !(dir = dirs[i - 1])) {
			break;
		} else if (!*dir) {
			continue;
		}
		if (!(path = join(dir, name, ".theme"))) {
			free(udir);
			return sy_fail(err, SY_ERR_NOMEM,
				       "theme '%s': out of memory", name);
		}
		if (stat(path, &sb) == 0 || (errno != ENOENT && errno != ENOTDIR)) {
			st = sy_theme_load(path, t, err);
			free(path);
			free(udir);
			return st;
		}
		free(path);
		add_looked(looked, sizeof looked, dir);
		free(udir);
	}
	return sy_fail(err, SY_ERR_USAGE, "unknown theme '%.*s' (looked in: %s)",
		       SHOW, name, *looked ? looked : "no theme folders");
}

/* ------------------------------------------------------------ mono */

/* The same styles as themes/mono.theme: default colours everywhere, the
 * roles told apart by attributes (all roles set).  Fills *T; cannot
 * fail. */
void sy_theme_mono(sy_theme *t)
{
	static const unsigned attrs[SY_ROLE_COUNT] = {
		[SY_ROLE_TEXT] = 0,
		[SY_ROLE_HEADER] = SY_ATTR_REVERSE | SY_ATTR_BOLD,
		[SY_ROLE_STATUS] = SY_ATTR_REVERSE,
		[SY_ROLE_PANE_TITLE] = SY_ATTR_BOLD | SY_ATTR_UNDERLINE,
		[SY_ROLE_PENDING] = SY_ATTR_UNDERLINE,
		[SY_ROLE_ACCEPTED] = SY_ATTR_BOLD,
		[SY_ROLE_FIXED] = SY_ATTR_BOLD | SY_ATTR_UNDERLINE,
		[SY_ROLE_REJECTED] = SY_ATTR_DIM,
		[SY_ROLE_ADDED] = SY_ATTR_STANDOUT | SY_ATTR_UNDERLINE,
		[SY_ROLE_CURRENT] = SY_ATTR_REVERSE | SY_ATTR_BOLD,
		[SY_ROLE_SELECTION] = SY_ATTR_STANDOUT,
		[SY_ROLE_SEARCH_MATCH] = SY_ATTR_UNDERLINE | SY_ATTR_BOLD,
		[SY_ROLE_ANOMALY] = SY_ATTR_BOLD | SY_ATTR_STANDOUT,
		[SY_ROLE_HELP_KEY] = SY_ATTR_BOLD,
		[SY_ROLE_HELP_TEXT] = 0,
		[SY_ROLE_ERROR] = SY_ATTR_REVERSE | SY_ATTR_BOLD,
	};
	size_t r;

	memset(t, 0, sizeof *t);
	strcpy(t->name, "mono");
	for (r = 0; r < SY_ROLE_COUNT; r++) {
		t->roles[r].fg = (sy_color){ SY_COLOR_DEFAULT, 0 };
		t->roles[r].bg = (sy_color){ SY_COLOR_DEFAULT, 0 };
		t->roles[r].attrs = attrs[r];
		t->roles[r].set = true;
	}
}
