/* state.h - the review screen's state, as types only (no functions: each
 * part is changed by the file that owns it).
 *
 * The app holds the batch (report paths, per-file progress: batch.c),
 * the one open sy_file (core/review.h) with its text map (reports.c),
 * the settings, the key source, and the parts of the screen, each
 * owning its state: the items view its list (itemlist.h), the text view
 * its cursor and scroll (textpane.h), the help view its scroll, the
 * frame its layout and messages (frame.h).  It sends decisions to the
 * core as commands and never touches the file format.
 */
#ifndef SY_STATE_H
#define SY_STATE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config/settings.h"
#include "config/theme.h"
#include "dialog.h"
#include "frame.h"
#include "itemlist.h"
#include "keymap.h"
#include "opts.h"
#include "script.h"
#include "session/history.h"
#include "session/queue.h"
#include "session/review.h"
#include "text/textmap.h"
#include "textpane.h"
#include "view.h"

/* Progress of one report of the batch, kept for the status line. */
typedef struct sy_fileinfo {
	size_t reviewed, total;
	bool known;
	char *annot_path;    /* another annotation file chosen for this report
				(a re-extraction beside an unreadable one, or
				adjudication's merged file), or NULL for
				NAME.yaml; owned */
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
	char **reports;      /* owned */
	size_t nreports, cur;
	sy_fileinfo *info;   /* nreports entries, owned */
	char *batch_key;     /* where the position is kept (position.h), owned;
				NULL: not kept */
	sy_tags tags;        /* tags seen in the batch (batch.c), for f */
	bool adjudicating;   /* review --adjudicate */
	sy_queue queue;      /* the batch's items in the order in force
				(order.c), owned */
	/* the last propagation (stroke.c), which one undo takes back in every
	 * report it reached while nothing was decided after it, and one redo
	 * then puts back in every report the undo reached */
	struct {
		bool on, redo;                 /* undo / redo of it is next */
		size_t origin, origin_nundo;   /* the report it was made in,
						  its undo (redo) depth */
		const void *origin_top;        /* the top of that stack then */
		size_t *reports, *nundo, n;   /* reached, with their undo (redo)
					       depth after it, SIZE_MAX where
					       it was not done; owned */
		size_t items;
	} step;
	/* the open report */
	sy_file file;
	bool open;
	sy_textmap map;
	/* the parts of the screen, each with its own state */
	sy_list list;        /* the items view's (itemlist.h) */
	sy_textpane text;    /* the text view's (textpane.h) */
	sy_help_state help;  /* the help view's */
	sy_frame frame;      /* layout, header, status line (frame.h) */
	sy_pane focus;
	sy_ui ui;            /* the host of dialogs (app.c) */
	bool quit;
	bool script_error;   /* the key script was wrong: exit status 2 */
	bool asking;         /* a question is up: no idle retry under it */
	/* settings */
	sy_config config;
	sy_keymap keys;
	sy_theme theme;
	const char *reviewer;
	sy_app_opts opts;    /* as opened (opts.h): the flags, the stop
				signal, where warnings go; strings the
				caller's */
	sy_keysrc src;
	FILE *dump;          /* --dump: where :dump and the final screen go */
	FILE *devnull;       /* the screen of a --script run */
	double key_total, key_worst;
	unsigned long nkeys;
};

#endif
