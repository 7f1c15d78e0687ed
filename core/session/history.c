/* history.c - see history.h */
#include "session/history.h"

#include <stdlib.h>
#include <string.h>

/* Exchange F's stacks and *H's. */
static void swap(sy_file *f, sy_history *h)
{
	sy_history t = { f->undo, f->redo, f->nundo, f->nredo, f->capundo, f->capredo };

	f->undo = h->undo;
	f->redo = h->redo;
	f->nundo = h->nundo;
	f->nredo = h->nredo;
	f->capundo = h->capundo;
	f->capredo = h->capredo;
	*h = t;
}

void sy_history_detach(sy_file *f, sy_history *h)
{
	memset(h, 0, sizeof *h);
	swap(f, h);
}

void sy_history_attach(sy_file *f, sy_history *h)
{
	sy_history old;

	sy_history_detach(f, &old);      /* F's own, empty when just opened */
	sy_history_free(&old);
	swap(f, h);                      /* *H gets F's: none */
}

void sy_history_free(sy_history *h)
{
	while (h->nundo)
		sy_edit_free(h->undo[--h->nundo]);
	while (h->nredo)
		sy_edit_free(h->redo[--h->nredo]);
	free(h->undo);
	free(h->redo);
	memset(h, 0, sizeof *h);
}
