/* display.c - see display.h.  All of shenyue's curses calls are here. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "display.h"

#include <curses.h>
#include <errno.h>
#include <time.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "keys.h"
#include "layout.h"
#include "base/utf8.h"
#include "wake.h"

static SCREEN *screen;
static attr_t role_attr[SY_ROLE_COUNT];
static short role_pair[SY_ROLE_COUNT];
static int mouse_y = -1, mouse_x = -1;
static bool mouse_click;
static int in_fd = 0;              /* the terminal curses reads */

/* ------------------------------------------------------------ colours */

/* The RGB of palette entry I (xterm's 256 colours). */
static unsigned palette_rgb(unsigned i)
{
	static const unsigned basic[16] = {
		0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
		0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
		0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
	};
	static const unsigned steps[6] = { 0, 95, 135, 175, 215, 255 };
	if (i < 16)
		return basic[i];
	if (i < 232) {
		i -= 16;
		return steps[i / 36] << 16 | steps[i / 6 % 6] << 8 | steps[i % 6];
	}
	i = 8 + (i - 232) * 10;
	return i << 16 | i << 8 | i;
}

static unsigned dist(unsigned a, unsigned b)
{
	int dr = (int)(a >> 16 & 255) - (int)(b >> 16 & 255);
	int dg = (int)(a >> 8 & 255) - (int)(b >> 8 & 255);
	int db = (int)(a & 255) - (int)(b & 255);
	return (unsigned)(dr * dr + dg * dg + db * db);
}

/* The nearest of the first N palette entries to RGB. */
static int nearest(unsigned rgb, unsigned n)
{
	unsigned best = 0, bd = ~0u;
	for (unsigned i = 0; i < n; i++) {
		unsigned d = dist(rgb, palette_rgb(i));
		if (d < bd) {
			bd = d;
			best = i;
		}
	}
	return (int)best;
}

/* A theme colour as a curses colour number for this terminal. */
static int curses_color(sy_color c)
{
	long ncolors = COLORS;

	if (c.kind == SY_COLOR_DEFAULT)
		return -1;
	if (ncolors >= 0x1000000) {          /* direct colour: numbers are RGB */
		return (int)(c.kind == SY_COLOR_RGB ? c.value : palette_rgb(c.value));
	}
	if (c.kind == SY_COLOR_RGB)
		return nearest(c.value, ncolors >= 256 ? 256 : ncolors >= 16 ? 16 : 8);
	if ((long)c.value < ncolors)
		return (int)c.value;
	return nearest(palette_rgb(c.value), ncolors >= 16 ? 16 : 8);
}

static attr_t curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & SY_ATTR_BOLD) r |= A_BOLD;
	if (a & SY_ATTR_UNDERLINE) r |= A_UNDERLINE;
	if (a & SY_ATTR_REVERSE) r |= A_REVERSE;
	if (a & SY_ATTR_DIM) r |= A_DIM;
	if (a & SY_ATTR_STANDOUT) r |= A_STANDOUT;
	return r;
}

/* Did colour C have to be approximated by one of the 8 or 16 basic
 * colours (a palette entry or RGB on a terminal with fewer colours)? */
static bool approximated(sy_color c)
{
	long n = COLORS;
	if (c.kind == SY_COLOR_DEFAULT || n >= 256)
		return false;
	return c.kind == SY_COLOR_RGB || (long)c.value >= n;
}

/* Black, white or grey: what a terminal's own background may well be. */
static bool like_background(int c)
{
	return c == 0 || c == 7 || c == 8 || c == 15;
}

/* How ROLE is drawn on this terminal.  A theme colour the terminal lacks
 * is approximated by the nearest it has, which can lose the very
 * contrast the theme asked for (the grey bar of `current` becomes
 * black on a black console).  So: a background that ends up black, white
 * or grey, or equal to the foreground, is dropped for reverse video of
 * the terminal's own colours, which shows on any background; a
 * foreground on the terminal's background that ends up black, white or
 * grey is dropped for the terminal's own foreground. */
static void set_role_color(int r, const sy_style *s)
{
	int fg = curses_color(s->fg), bg = curses_color(s->bg);

	if (bg >= 0 && (fg == bg || (approximated(s->bg) && like_background(bg)))) {
		fg = bg = -1;
		role_attr[r] |= A_REVERSE;
	} else if (fg >= 0 && bg < 0 && approximated(s->fg) && like_background(fg)) {
		fg = -1;
	}
	if ((fg >= 0 || bg >= 0) && init_extended_pair(r + 1, fg, bg) == OK)
		role_pair[r] = (short)(r + 1);
}

static void set_roles(const sy_theme *t, bool color)
{
	for (int r = 0; r < SY_ROLE_COUNT; r++) {
		const sy_style *s = &t->roles[r];
		role_attr[r] = curses_attrs(s->attrs);
		role_pair[r] = 0;
		if (color && (s->fg.kind != SY_COLOR_DEFAULT ||
			      s->bg.kind != SY_COLOR_DEFAULT))
			set_role_color(r, s);
	}
}

/* ------------------------------------------------------------ set-up */

sy_status dpy_open(const sy_theme *theme, bool color, bool mouse, FILE *out,
		   FILE *in, sy_error *err)
{
	sy_theme mono;
	const char *term = getenv("TERM");

	if (screen)
		return SY_OK;
	screen = newterm(NULL, out ? out : stdout, in ? in : stdin);
	if (!screen && out)      /* the screen goes to a file: any type will do */
		screen = newterm("xterm-256color", out, in ? in : stdin);
	if (!screen)
		return sy_fail(err, SY_ERR_USAGE,
			       "cannot use the terminal (TERM=%s): set TERM to a "
			       "terminal type this system knows (xterm-256color, "
			       "screen, linux, vt100)", term ? term : "(unset)");
	set_term(screen);
	in_fd = fileno(in ? in : stdin);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		color = false;
	if (color && has_colors() && start_color() == OK) {
		use_default_colors();
		set_roles(theme, true);
	} else {
		sy_theme_mono(&mono);
		set_roles(&mono, false);
	}
	if (mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	return SY_OK;
}

void dpy_close(void)
{
	if (!screen)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
}

bool dpy_is_open(void)
{
	return screen != NULL;
}

void dpy_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

/* Only for scripts: the size of the virtual screen, as a terminal
 * resized would give it (ncurses then sends KEY_RESIZE to a real one). */
void dpy_resize(int rows, int cols)
{
	resizeterm(rows, cols);
}

void dpy_erase(void)
{
	werase(stdscr);
}

void dpy_flush(int y, int x, bool show)
{
	if (show) {
		move(y, x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

void dpy_touch(void)
{
	clearok(curscr, TRUE);
}

/* ------------------------------------------------------------ drawing */

static void set_role(sy_role role)
{
	attr_set(role_attr[role], role_pair[role], NULL);
}

/* The code points of UTF-8 S as wchar_t (UCS-4 on glibc) into W (room
 * for CAP, NUL-terminated); returns the count. */
static size_t to_wide(const char *s, wchar_t *w, size_t cap)
{
	size_t n = 0, len = strlen(s), pos = 0;
	while (pos < len && n + 1 < cap) {
		uint32_t c;
		size_t k = sy_utf8_decode((const unsigned char *)s + pos, len - pos, &c);
		if (!k)
			break;
		w[n++] = (wchar_t)c;
		pos += k;
	}
	w[n] = 0;
	return n;
}

int dpy_cell(int y, int x, uint32_t c, sy_role role)
{
	char buf[16];
	wchar_t w[16];
	int width = sy_cell(c, buf);
	size_t n = to_wide(buf, w, 16);

	set_role(role);
	mvaddnwstr(y, x, w, (int)n);
	return width;
}

int dpy_text(int y, int x, int w, const char *s, sy_role role)
{
	char fit[1024];
	wchar_t wide[1024];
	int used = sy_fit(s, w, fit, sizeof fit);
	size_t n = to_wide(fit, wide, 1024);
	int col = x;

	/* sy_fit has turned controls into escapes already; sy_cell again is
	 * harmless and keeps the rule in one place */
	for (size_t i = 0; i < n; i++)
		col += dpy_cell(y, col, (uint32_t)wide[i], role);
	return used;
}

void dpy_fill(int y, int x, int w, sy_role role)
{
	set_role(role);
	if (w > 0)
		mvhline(y, x, ' ', w);
}

void dpy_box(int y, int x, int h, int w, sy_role role)
{
	set_role(role);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
}

/* ------------------------------------------------------------ input */

static int map_key(int k)
{
	switch (k) {
	case KEY_UP: return SY_KEY_UP;
	case KEY_DOWN: return SY_KEY_DOWN;
	case KEY_LEFT: return SY_KEY_LEFT;
	case KEY_RIGHT: return SY_KEY_RIGHT;
	case KEY_PPAGE: return SY_KEY_PGUP;
	case KEY_NPAGE: return SY_KEY_PGDN;
	case KEY_HOME: return SY_KEY_HOME;
	case KEY_END: return SY_KEY_END;
	case KEY_BACKSPACE: return SY_KEY_BACKSPACE;
	case KEY_DC: return SY_KEY_DELETE;
	case KEY_IC: return SY_KEY_INSERT;
	case KEY_BTAB: return SY_KEY_BTAB;
	case KEY_ENTER: return SY_KEY_ENTER;
	case KEY_RESIZE: return SY_KEY_RESIZE;
	case KEY_MOUSE: return SY_KEY_MOUSE;
	case KEY_SUSPEND: return 'z' - 'a' + 1;  /* C-z (kspd=^Z: TERM=linux) */
	default:
		if (k >= KEY_F(1) && k <= KEY_F(12))
			return SY_KEY_F1 + (k - KEY_F(1));
		return SY_KEY_NONE;
	}
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Set by SIGCONT: the terminal was the shell's while the program was
 * stopped (Ctrl-Z, SIGSTOP), so the screen must be drawn anew. */
static volatile sig_atomic_t continued;
/* curses' own SIGWINCH handler, called from ours */
static struct sigaction curses_winch;

static void on_continue(int sig)
{
	(void)sig;
	continued = 1;
	sy_wake(SY_WAKE_CONT);
}

static void on_winch(int sig)
{
	if (!(curses_winch.sa_flags & SA_SIGINFO) &&
	    curses_winch.sa_handler != SIG_DFL && curses_winch.sa_handler != SIG_IGN)
		curses_winch.sa_handler(sig);    /* curses notes the new size */
	sy_wake(SY_WAKE_WINCH);
}

void dpy_catch_continue(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sy_wake_init();
	sa.sa_handler = on_continue;     /* no SA_RESTART: the key read returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCONT, &sa, NULL);
	sigaction(SIGWINCH, NULL, &old);
	if (old.sa_handler == on_winch)  /* caught already */
		return;
	curses_winch = old;
	sa.sa_handler = on_winch;        /* a resize wakes the wait too */
	sigaction(SIGWINCH, &sa, NULL);
}

void dpy_suspend(void)
{
	struct sigaction dfl, old;

	if (!screen)
		return;
	endwin();                        /* the terminal as the shell left it */
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	kill(getpid(), SIGTSTP);         /* stopped here until fg */
	sigaction(SIGTSTP, &old, NULL);
	continued = 0;
	clearok(curscr, TRUE);           /* the next flush redraws it all */
}

/* Back from a stop: our terminal modes again, the screen drawn anew (by
 * the caller, on SY_KEY_RESIZE). */
static int resumed(void)
{
	continued = 0;
	reset_prog_mode();               /* the shell may have changed them */
	flushinp();                      /* curses queued the interruption */
	clearok(curscr, TRUE);
	return SY_KEY_RESIZE;
}

/* Wait until the terminal has input, a signal writes to the wake pipe
 * (wake.h) or MS milliseconds pass (-1: no limit).  1: the terminal has
 * input (or hung up); 0: woken or interrupted; -1: the time is up. */
static int wait_input(int ms)
{
	struct pollfd pf[2];
	int r;

	pf[0].fd = in_fd;
	pf[0].events = POLLIN;
	pf[1].fd = sy_wake_fd();
	pf[1].events = POLLIN;
	r = poll(pf, pf[1].fd >= 0 ? 2 : 1, ms);
	if (r == 0)
		return -1;
	if (r < 0 || (pf[1].fd >= 0 && pf[1].revents))
		return 0;
	return 1;
}

/* The key curses holds or the terminal has now, or ERR: curses is asked
 * with no delay only when it cannot wait in a read (poll said there is
 * input; the rest of a character or escape sequence follows at once). */
static int get_key(wint_t *wc, int delay)
{
	timeout(delay);
	errno = 0;
	return get_wch(wc);
}

/* A stop signal (SIGHUP, SIGTERM, SIGINT) ends the wait at once, however
 * it falls against the wait: its handler writes to the wake pipe, which
 * poll sees even when the signal came just before it. */
static int read_key(int ms)
{
	double t0 = now_ms();

	for (;;) {
		wint_t wc;
		int r, w, left = -1;
		if (sy_wake_take() & SY_WAKE_STOP)
			return SY_KEY_NONE;
		if (continued)                 /* back from a stop: redraw */
			return resumed();
		r = get_key(&wc, 0);           /* what curses has queued */
		if (r == ERR && continued)
			return resumed();
		if (r == ERR) {
			if (ms >= 0 && (left = ms - (int)(now_ms() - t0)) <= 0)
				return SY_KEY_IDLE;
			w = wait_input(left);
			if (w == -1)
				return SY_KEY_IDLE;
			if (w == 0)                /* a signal: look again */
				continue;
			r = get_key(&wc, ms < 0 ? -1 : left);
			if (r == ERR && errno == EINTR)
				continue;
			if (r == ERR && ms >= 0 && now_ms() - t0 >= ms)
				return SY_KEY_IDLE;
			if (r == ERR)              /* the terminal went away */
				return SY_KEY_NONE;
		}
		if (r == KEY_CODE_YES) {
			int k = map_key((int)wc);
			if (k == SY_KEY_MOUSE) {
				MEVENT ev;
				mouse_click = getmouse(&ev) == OK &&
					      (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED));
				mouse_y = ev.y;
				mouse_x = ev.x;
			}
			if (k != SY_KEY_NONE)
				return k;
			continue;
		}
		if (wc == '\r')
			return SY_KEY_ENTER;
		if (wc == 127 || wc == 8)
			return SY_KEY_BACKSPACE;
		return (int)wc;
	}
}

int dpy_read_key(void)
{
	return read_key(-1);
}

int dpy_read_key_timeout(int ms)
{
	errno = 0;
	return read_key(ms);
}

bool dpy_mouse(int *y, int *x)
{
	*y = mouse_y;
	*x = mouse_x;
	return mouse_click;
}

/* ------------------------------------------------------------ dumps */

/* The Unicode of a VT100 line-drawing character (as curses stores it). */
static wchar_t acs_char(wchar_t c)
{
	switch (c) {
	case 'l': return 0x250C;
	case 'k': return 0x2510;
	case 'm': return 0x2514;
	case 'j': return 0x2518;
	case 'q': return 0x2500;
	case 'x': return 0x2502;
	case 't': return 0x251C;
	case 'u': return 0x2524;
	case 'n': return 0x253C;
	default: return c;
	}
}

void dpy_dump(FILE *f)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	for (int y = 0; y < rows; y++) {
		char line[4096];
		size_t len = 0;
		int x = 0;
		while (x < cols && len + 8 < sizeof line) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t a;
			short pair;
			mvin_wch(y, x, &cc);
			getcchar(&cc, wch, &a, &pair, NULL);
			if (wch[0] == 0) {      /* the right half of a wide char */
				x++;
				continue;
			}
			if (a & A_ALTCHARSET)       /* line drawing, as it shows */
				wch[0] = acs_char(wch[0]), wch[1] = 0;
			for (int i = 0; wch[i] && i < CCHARW_MAX; i++) {
				char u[8];
				size_t k = sy_utf8_encode((uint32_t)wch[i], u);
				memcpy(line + len, u, k);
				len += k;
			}
			x += wcwidth(wch[0]) > 1 ? 2 : 1;
		}
		while (len > 0 && line[len - 1] == ' ')
			len--;
		fprintf(f, "%.*s\n", (int)len, line);
	}
}

const char *dpy_library_version(void)
{
	return curses_version();
}
