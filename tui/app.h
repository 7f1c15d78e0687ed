/* app.h - the review screen's state, and the view interface.
 *
 * The app owns the batch (report paths, per-file progress), the one open
 * sy_file (core/review.h) with its text map, and the screen state: which
 * pane has the focus, the items list (rows, filtered), the text cursor
 * and scroll, search, selection, messages.  It sends decisions to the core
 * as commands and never touches the file format.
 *
 * Each view fills an sy_view (draw, key, click); one .c file per view.
 * Dialogs (prompt, form, picker) run their own key loop on the same key
 * source, so they work the same from the terminal and from a script.
 */
#ifndef SY_APP_H
#define SY_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>

#include "actions.h"
#include "config/settings.h"
#include "session/history.h"
#include "keymap.h"
#include "layout.h"
#include "session/review.h"
#include "text/textmap.h"
#include "config/theme.h"

typedef struct sy_rect {
	int y, x, h, w;
} sy_rect;

typedef enum sy_pane { SY_PANE_ITEMS, SY_PANE_TEXT } sy_pane;

typedef enum sy_filter_kind {
	SY_FILTER_ALL, SY_FILTER_PENDING, SY_FILTER_STATUS, SY_FILTER_TAG
} sy_filter_kind;

/* Where keys come from: the terminal, or a script (--script). */
typedef struct sy_keysrc {
	FILE *script;        /* NULL: the terminal */
	int *pending;        /* keys parsed from the script, not yet used */
	size_t npending, ipending, cappending;
	bool dump_requested; /* the script said :dump */
	int line;            /* script line, for messages */
} sy_keysrc;

typedef struct sy_app sy_app;

typedef struct sy_view {
	const char *name;
	/* Draw into R; FOCUSED when the view has the keys. */
	void (*draw)(sy_app *app, sy_rect r, bool focused);
	/* Handle action A (KEY is the raw key); true when handled. */
	bool (*key)(sy_app *app, sy_action a, int key);
	/* A click at screen (Y, X) inside R. */
	void (*click)(sy_app *app, sy_rect r, int y, int x);
} sy_view;

extern const sy_view sy_items_view, sy_text_view, sy_help_view;

/* Progress of one report of the batch, kept for the status line. */
typedef struct sy_fileinfo {
	size_t reviewed, total;
	bool known;
	char *annot_path;    /* another annotation file chosen for this report
				(a re-extraction beside an unreadable one), or
				NULL for NAME.yaml; owned */
	bool unreadable;     /* it could not be opened: } and { pass it */
	char *why;           /* why, when unreadable; owned */
	sy_history history;  /* its undo/redo stacks while it is closed */
	sy_file *held;       /* its model, kept in memory (with its lock) when
				its decisions could not be saved as the
				reviewer left it (batch.h); owned, NULL */
	char *reviewer;      /* review.reviewer to save it with (adjudication:
				both reviewers and the adjudicator), owned;
				NULL: app->reviewer */
} sy_fileinfo;

struct sy_app {
	/* the batch */
	char **reports;
	size_t nreports, cur;
	sy_fileinfo *info;
	char *batch_key;     /* where the position is kept (position.h), owned;
				NULL: not kept */
	sy_tags tags;        /* tags seen in the batch (batch.c), for f */
	bool adjudicating;   /* review --adjudicate */
	/* the open report */
	sy_file file;
	bool open;
	sy_textmap map;
	/* items pane */
	sy_item_ref *rows;   /* visible items in order (filtered) */
	unsigned char *indent;   /* per row: the level of the section it is in */
	size_t nrows, caprows;
	size_t *section_row, *stat_row;  /* item index -> row, or SIZE_MAX */
	size_t capsecrow, capstatrow;
	size_t sel, top;     /* selected row, first row shown */
	char sel_id[32];     /* id of the selected item, kept across commands */
	sy_filter_kind filter;
	sy_review_status filter_status;
	char filter_tag[64];
	/* text pane */
	size_t tcur;         /* text cursor, a code point offset */
	size_t top_line, top_row;   /* first shown: source line, row in it */
	int text_width;      /* width the text was last laid out for */
	sy_rows wrap;        /* the rows of one line, cached (view_text.c) */
	size_t wrap_line;
	int wrap_width;
	unsigned wrap_gen, map_gen;   /* map_gen changes with each report */
	int cursor_y, cursor_x;       /* the text cursor on the screen, or -1 */
	int focus_y0, focus_y1;       /* the screen rows the text pane last drew
				       * the current item's span (the selection
				       * while selecting) on; -1: not shown */
	bool details;        /* the detail area unfolded (view_detail.c) */
	bool selecting;      /* visual mode */
	size_t anchor;       /* the other end of the selection */
	char search[256];
	size_t match_start, match_end;
	bool match;
	/* screen */
	sy_pane focus;
	bool help;
	int help_top;
	sy_rect r_header, r_text, r_items, r_status;
	bool side_by_side;
	char message[256];
	bool message_error;
	char last_action[128];
	bool quit;
	bool script_error;   /* the key script was wrong: exit status 2 */
	volatile sig_atomic_t *stop;  /* set by SIGHUP/SIGTERM/SIGINT */
	bool asking;         /* a question is up: no idle retry under it */
	/* settings */
	sy_config config;
	sy_keymap keys;
	sy_theme theme;
	const char *reviewer;
	unsigned open_flags; /* SY_OPEN_READ_ONLY / SY_OPEN_BREAK_LOCK */
	sy_keysrc src;
	FILE *dump;          /* --dump: where :dump and the final screen go */
	bool timing;         /* --timing: per-key times to stderr at the end */
	double t0;           /* when the command started (sy_app_now_ms), for
			      * --timing's first screen; 0: when sy_app_run did */
	double key_total, key_worst;
	unsigned long nkeys;
};

/* ------------------------------------------------------------ app.c */

/* Open the batch and the first report (or the one after the last saved
 * cursor), draw, and run until quit.  Returns the exit status. */
int sy_app_run(sy_app *app);
/* CLOCK_MONOTONIC in milliseconds. */
double sy_app_now_ms(void);
/* Draw the whole screen (every view) and flush. */
void sy_app_draw(sy_app *app);
/* The next key from the terminal or the script; SY_KEY_NONE at the end. */
int sy_app_next_key(sy_app *app);
/* Set the message of the status line (printf-style). */
void sy_app_say(sy_app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Report the result of a core command (a save failure stays visible). */
void sy_app_result(sy_app *app, sy_status st, const sy_error *err,
		   const char *done_fmt, ...) __attribute__((format(printf, 4, 5)));

/* Rebuild the items rows (after a command or a filter change) and
 * reselect the item with sel_id. */
void sy_app_rebuild_rows(sy_app *app);
/* The row showing item IT, or SIZE_MAX when it is not shown. */
size_t sy_app_row_of(const sy_app *app, sy_item_ref it);
/* The current item, false when the list is empty. */
bool sy_app_current(const sy_app *app, sy_item_ref *it);
/* Select the row of item IT (if shown), keep it in view, and move the text
 * to its span. */
void sy_app_select_item(sy_app *app, sy_item_ref it);
/* Select row R (clamped) and follow it in the text. */
void sy_app_select_row(sy_app *app, size_t r);
/* Open report I of the batch (closing the current one). */
bool sy_app_open_file(sy_app *app, size_t i);

/* The role an item's status is drawn in, and its ASCII mark ("[+]"). */
sy_role sy_status_role(sy_review_status s);
const char *sy_status_mark(sy_review_status s);

/* ------------------------------------------------------------ view_text.c */

/* Keep the text cursor's row in view (scrolling the text). */
void sy_text_follow(sy_app *app, size_t cp);

/* Move the text cursor to CP and select, in the items pane, the
 * innermost shown item whose span holds CP (a statistic before a
 * section), else (AFTER) the nearest shown item starting after CP. */
void sy_text_select_at(sy_app *app, size_t cp, bool after);

/* ------------------------------------------------------------ view_detail.c */

/* Rows the current item's detail needs in W columns, at most MAX (1 when
 * folded, 0 when there is no current item). */
int sy_detail_rows(sy_app *app, int w, int max);
/* Draw it at (Y, X), W columns, H rows. */
void sy_detail_draw(sy_app *app, int y, int x, int w, int h);

/* ------------------------------------------------------------ dialogs.c */

/* Read a line of text on the status line: LABEL, initial text in BUF
 * (room for CAP).  true on Enter, false on Esc. */
bool sy_prompt(sy_app *app, const char *label, char *buf, size_t cap);
/* The same over *TEXT (malloc'd, the caller's), which grows as typed:
 * no length limit; a long text scrolls by display width. */
bool sy_prompt_text(sy_app *app, const char *label, char **text);

/* A form of labelled single-line fields. */
typedef struct sy_field {
	const char *label;   /* the field's name in the file: value, level... */
	char *value;         /* malloc'd, owned by the field, grows as typed */
	const char *hint;    /* shown under the current field, may be NULL */
} sy_field;
/* Set F's value to a copy of TEXT (NULL: ""); 0, or -1 on OOM. */
int sy_field_set(sy_field *f, const char *text);
void sy_fields_free(sy_field *f, size_t n);
/* Asked when the reviewer saves: SY_OK, or a failure whose message
 * starts with a field's label ("value_max: ...", as validate.h writes
 * them). */
typedef sy_status (*sy_form_check)(const sy_field *f, size_t n, sy_error *err);
/* true when saved (Enter, or C-s) and CHECK (may be NULL) passed; false
 * on Esc.  When CHECK fails the form stays open with every edit, the
 * cursor on the field the message names and the message under it.  The
 * form is placed so as to leave the rows of the current item (or the
 * selection) in the text pane uncovered (focus_y0..focus_y1). */
bool sy_form(sy_app *app, const char *title, sy_field *fields, size_t n,
	     sy_form_check check);

/* A menu: OPTIONS[i] chosen by the key KEYS[i] (or arrows + Enter).
 * Returns the index, or -1 on Esc.  TOGGLED (may be NULL) marks options
 * shown as on. */
int sy_menu(sy_app *app, const char *title, const char *const *options,
	    const int *keys, const bool *toggled, size_t n);

/* ------------------------------------------------------------ script.c */

/* Open a key script (--script FILE).  Syntax: key names separated by
 * blanks (keys.h: j, Space, C-r, Enter, <, 审 ...), "quoted text" typed
 * one character at a time (\" and \\ inside), # comments, and the
 * commands :dump (write the screen to the --dump file) and :resize
 * COLSxROWS (the screen takes that size, as a terminal resized; the
 * program gets SY_KEY_RESIZE).  Unknown key names are errors with
 * FILE:LINE. */
sy_status sy_keysrc_open(sy_keysrc *k, const char *path, sy_error *err);
void sy_keysrc_close(sy_keysrc *k);
/* The next key of the script: >= 0, SY_KEY_NONE at the end, or -2 for
 * :dump. */
int sy_keysrc_next(sy_keysrc *k, sy_error *err);

#endif
