/* opts.h - the options the review screen is opened with (app.h), also
 * kept in its state (state.h). */
#ifndef SY_OPTS_H
#define SY_OPTS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct sy_app_opts {
	char *const *paths;  /* reports and folders (or, adjudicating, B) */
	size_t npaths;
	const char *adjudicate, *out;   /* --adjudicate A (B: paths[0]) -o OUT */
	const char *theme, *config, *reviewer;   /* NULL: the defaults */
	const char *script, *dump;      /* --script FILE, --dump FILE */
	int cols, rows;      /* the screen's size with --script */
	bool color, mouse, timing;
	int order;           /* --order: an sy_order (session/queue.h) */
	unsigned open_flags; /* SY_OPEN_READ_ONLY, _BREAK_LOCK, _SHARED */
	double t0;           /* when the command started (sy_app_now_ms) */
	volatile sig_atomic_t *stop;   /* set by a stop signal; may be NULL */
	/* Where warnings for the user go (a file of one reviewer only, the
	 * adjudication's count, the last error when the screen closes). */
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
} sy_app_opts;

#endif
