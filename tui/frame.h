/* frame.h - the frame of the review screen: where the panes go (side by
 * side from 120 columns), the header (the report's title, issuer, year,
 * date and file name) and the status line (a message, else the progress,
 * the last decision and whether it is saved).
 */
#ifndef SY_FRAME_H
#define SY_FRAME_H

#include <stdbool.h>

#include "base/error.h"
#include "view.h"

typedef struct sy_frame {
	sy_rect r_header, r_text, r_items, r_status;
	bool side_by_side;
	char message[256];   /* shown on the status line instead of progress */
	bool message_error;
	char last_action[128];
} sy_frame;

/* Place the header, the panes and the status line in the screen. */
void sy_frame_layout(sy_app *app);
void sy_frame_header(sy_app *app);
void sy_frame_status(sy_app *app);

/* Set the message of the status line (printf-style; FMT is looked up in
 * the catalogue, as sy_fail's: write it literally, po/Makevars). */
void sy_say(sy_app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Report the result of a core command: the last action (DONE_FMT
 * translated as sy_say's), or its error (a save failure stays visible);
 * the report's progress is counted again. */
void sy_say_result(sy_app *app, sy_status st, const sy_error *err,
		   const char *done_fmt, ...) __attribute__((format(printf, 4, 5)));
/* What the last write or look at the disk found (a merge of what someone
 * else wrote, a lost lock): onto the status line. */
void sy_say_notice(sy_app *app);

#endif
