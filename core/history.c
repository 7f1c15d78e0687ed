/* history.c - see history.h */
#include "history.h"

#include <stdlib.h>
#include <string.h>

void sy_history_detach(sy_file *f, sy_history *h)
{
	h->undo = f->undo;
	h->redo = f->redo;
	h->nundo = f->nundo;
	h->nredo = f->nredo;
	h->capundo = f->capundo;
	h->capredo = f->capredo;
	f->undo = f->redo = NULL;
	f->nundo = f->nredo = f->capundo = f->capredo = 0;
}

void sy_history_attach(sy_file *f, sy_history *h)
{
	sy_history old;

	sy_history_detach(f, &old);
	sy_history_free(&old);
	f->undo = h->undo;
	f->redo = h->redo;
	f->nundo = h->nundo;
	f->nredo = h->nredo;
	f->capundo = h->capundo;
	f->capredo = h->capredo;
	memset(h, 0, sizeof *h);
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
