/* app.h - the review screen, as the review command sees it: open it
 * with the options, run it until the reviewer quits, close it.  What is
 * inside is the tui's own (state.h).
 */
#ifndef SY_APP_H
#define SY_APP_H

#include "base/error.h"
#include "opts.h"

typedef struct sy_app sy_app;

/* Read the settings (config, keys, theme), expand the batch (or prepare
 * the adjudication), open the key script and the dump file, and start
 * the screen (the terminal, or nowhere for a script).  *APP is the
 * caller's, freed with sy_app_close.  Fails (with *APP NULL, nothing to
 * free) with a message for the user. */
sy_status sy_app_open(sy_app **app, const sy_app_opts *o, sy_error *err);
/* Open the first report (where the reviewer left the batch), draw, and
 * run until quit.  Returns the exit status. */
int sy_app_run(sy_app *app);
/* Give the terminal back, say the last error (if any) on stderr, and
 * free APP (NULL: nothing). */
void sy_app_close(sy_app *app);
/* CLOCK_MONOTONIC in milliseconds. */
double sy_app_now_ms(void);

#endif
