/* script.h - keys read from a file (--script), for tests and benchmarks,
 * in the spirit of tig's test scripts. */
#ifndef SY_SCRIPT_H
#define SY_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/error.h"

/* Where keys come from: the terminal, or a script (--script). */
typedef struct sy_keysrc {
	FILE *script;        /* NULL: the terminal */
	int *pending;        /* keys parsed from the script, not yet used */
	size_t npending, ipending, cappending;
	bool dump_requested; /* the script said :dump */
	int line;            /* script line, for messages */
} sy_keysrc;

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
