/* dialog.h - the prompt line, the form and the menu.  Each runs its own
 * key loop and draws over the whole screen, which it asks its host to
 * draw first (so that it survives a resize); keys come from the host too
 * (the terminal or a script).  The host is an sy_ui: the dialogs know
 * nothing of the screen's state and never call app.c.
 */
#ifndef SY_DIALOG_H
#define SY_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "view.h"

/* The host of a dialog (app.c fills it). */
typedef struct sy_ui {
	void *ctx;
	/* Draw the whole screen under the dialog, and set keep_y0..keep_y1
	 * (the rows the text pane showed the current item or selection on;
	 * -1: none) and text (the text pane) for the dialog to avoid. */
	void (*draw)(void *ctx);
	/* The next key (keys.h); SY_KEY_NONE at the end of the keys. */
	int (*next_key)(void *ctx);
	int keep_y0, keep_y1;
	sy_rect text;
} sy_ui;

/* Read a line of text on the status line: LABEL, initial text in BUF
 * (room for CAP).  true on Enter, false on Esc. */
bool sy_prompt(sy_ui *ui, const char *label, char *buf, size_t cap);
/* The same over *TEXT (malloc'd, the caller's), which grows as typed:
 * no length limit; a long text scrolls by display width. */
bool sy_prompt_text(sy_ui *ui, const char *label, char **text);

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
 * form is placed so as to leave the host's keep rows uncovered. */
bool sy_form(sy_ui *ui, const char *title, sy_field *fields, size_t n,
	     sy_form_check check);

/* A menu: OPTIONS[i] chosen by the key KEYS[i] (or arrows + Enter).
 * Returns the index, or -1 on Esc.  TOGGLED (may be NULL) marks options
 * shown as on. */
int sy_menu(sy_ui *ui, const char *title, const char *const *options,
	    const int *keys, const bool *toggled, size_t n);

#endif
