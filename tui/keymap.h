/* keymap.h - which key does what: the default bindings (from actions.h)
 * and the reviewer's overrides (config.yaml `keys:`), as data. */
#ifndef SY_KEYMAP_H
#define SY_KEYMAP_H

#include <stddef.h>

#include "actions.h"
#include "config/settings.h"
#include "base/error.h"

typedef struct sy_binding {
	int key;
	sy_action action;
} sy_binding;

typedef struct sy_keymap {
	sy_binding *v;       /* owned */
	size_t n, cap;
} sy_keymap;

/* The documented defaults.  0, or -1 on OOM. */
int sy_keymap_defaults(sy_keymap *m);
/* Apply the config's `keys:`: `accept: A` (or "A a") makes these the keys
 * of accept, and takes them from any other action.  An unknown action or
 * key name fails with "CONFIG:LINE:COLUMN: reason". */
sy_status sy_keymap_apply(sy_keymap *m, const sy_config *c, sy_error *err);
void sy_keymap_free(sy_keymap *m);

/* The action bound to KEY, or SY_ACT_NONE. */
sy_action sy_keymap_lookup(const sy_keymap *m, int key);
/* The keys of A, joined by ", " into OUT ("j, Down"); "" when unbound. */
void sy_keymap_keys_of(const sy_keymap *m, sy_action a, char *out, size_t cap);

#endif
