/* display.h - the terminal.  The only place that calls curses: set-up and
 * teardown (newterm, so the screen can go to any stream, /dev/null for
 * scripted runs), colours from the theme, the drawing primitives the views
 * use, reading keys, and dumping the screen as text.
 *
 * Everything drawn goes through sy_cell (layout.h): no character from a
 * report or an annotation file reaches the terminal raw.
 */
#ifndef SY_DISPLAY_H
#define SY_DISPLAY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/error.h"
#include "config/theme.h"

/* Start curses on OUT/IN (NULL, NULL: the terminal).  COLOR false (or
 * NO_COLOR set, or a terminal without colours): attributes only, from
 * the mono theme.  MOUSE: report clicks.  Fails with a message when the
 * terminal cannot be set up (unknown TERM). */
sy_status dpy_open(const sy_theme *theme, bool color, bool mouse, FILE *out,
		   FILE *in, sy_error *err);
/* Restore the terminal.  Safe to call twice, and from a signal's path. */
void dpy_close(void);
bool dpy_is_open(void);

void dpy_size(int *rows, int *cols);
/* Resize the screen to ROWS x COLS (the :resize command of key scripts;
 * a terminal's own resizes come as SY_KEY_RESIZE). */
void dpy_resize(int rows, int cols);
/* Clear the virtual screen before drawing a frame. */
void dpy_erase(void);
/* Send what changed to the terminal; the cursor goes to (Y, X) when SHOW. */
void dpy_flush(int y, int x, bool show);
/* Force a full redraw on the next flush (after C-l). */
void dpy_touch(void);

/* Draw the UTF-8 string S at (Y, X) in ROLE, cut to W columns (with …
 * when cut); returns the columns used. */
int dpy_text(int y, int x, int w, const char *s, sy_role role);
/* Draw one code point; returns its width (as sy_cell draws it). */
int dpy_cell(int y, int x, uint32_t c, sy_role role);
/* Fill W columns from (Y, X) with spaces in ROLE. */
void dpy_fill(int y, int x, int w, sy_role role);
/* Put a box border around the rectangle (for dialogs). */
void dpy_box(int y, int x, int h, int w, sy_role role);

/* The next key (keys.h), waiting for it.  SY_KEY_NONE on end of input
 * (the terminal went away). */
int dpy_read_key(void);
/* The same, but SY_KEY_IDLE when no key comes within MS milliseconds. */
int dpy_read_key_timeout(int ms);
/* Where the last SY_KEY_MOUSE click was; false if it was not a click. */
bool dpy_mouse(int *y, int *x);

/* Write the virtual screen as text, one line per row, trailing blanks
 * cut, to F. */
void dpy_dump(FILE *f);

/* Ctrl-Z: give the terminal back to the shell and stop (SIGTSTP); when
 * continued (fg), the next flush draws the whole screen again. */
void dpy_suspend(void);
/* Catch SIGCONT (after SIGSTOP or a stop from outside): a waiting key
 * read then returns SY_KEY_RESIZE and the screen is drawn anew.  Also
 * SIGWINCH (curses' own handler still called): a resize wakes the wait
 * even when it comes just before it (tui/wake.h). */
void dpy_catch_continue(void);
/* The curses library's own name and version ("ncurses 6.4.20221231"), for
 * --version; static, needs no open screen. */
const char *dpy_library_version(void);

#endif
