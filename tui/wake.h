/* wake.h - the self-pipe that ends a key wait when a signal comes.
 *
 * A signal handler that only sets a flag loses the race with a read that
 * is about to block: the flag is checked, the signal lands, the read
 * waits for a key that may never come.  So each handler that must end
 * the wait also writes a byte naming why (sy_wake, async-signal-safe) to
 * a non-blocking pipe, and the key read waits on the terminal AND that
 * pipe (poll), never in a read alone.  No curses here. */
#ifndef SY_WAKE_H
#define SY_WAKE_H

/* Why a wait was woken; sy_wake_take returns the ones seen, or'ed. */
enum {
	SY_WAKE_STOP = 1,      /* SIGHUP, SIGTERM, SIGINT: end the program */
	SY_WAKE_CONT = 2,      /* SIGCONT: back from a stop, redraw */
	SY_WAKE_WINCH = 4      /* SIGWINCH: the terminal was resized */
};

/* Make the pipe (once; both ends non-blocking, close-on-exec).  It lives
 * as long as the process (a handler may write to it at any time).
 * Returns 0, or -1 with errno set (then waits are not woken: the old
 * behaviour, an interrupted read). */
int sy_wake_init(void);
/* From a signal handler: note WHY (one SY_WAKE_*) and wake the waiter.
 * Keeps errno; never blocks (a full pipe already wakes it). */
void sy_wake(int why);
/* The read end to poll, or -1 without a pipe. */
int sy_wake_fd(void);
/* Empty the pipe; the reasons written since the last call, or'ed.  A
 * stop, once seen, is returned by every later call too. */
int sy_wake_take(void);

#endif
