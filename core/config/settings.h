/* settings.h - the reviewer's settings: ~/.config/shenyue/config.yaml
 * ($XDG_CONFIG_HOME honoured), read with libyaml.
 *
 *   reviewer: wang
 *   theme: dark                 # a name or a path
 *   tags: [checked-source, borderline, unclear, ocr-error]
 *   keys:                       # action: key (see `shenyue review --help`)
 *     accept: a
 *     accept-next: Space
 *
 * Unknown top-level keys and wrong types are errors with
 * "FILE:LINE:COLUMN: reason"; key bindings are checked by the review
 * screen, which knows the actions (it reports them with the positions kept
 * here).
 */
#ifndef SY_SETTINGS_H
#define SY_SETTINGS_H

#include <stddef.h>

#include "base/error.h"

typedef struct sy_config_key {
	char *action;        /* owned */
	char *key;           /* owned */
	int line, column;    /* 1-based position of the key in the file */
} sy_config_key;

typedef struct sy_config {
	char *path;          /* the file read, or NULL when there was none */
	char *reviewer;      /* NULL: not set */
	char *theme;         /* NULL: not set */
	char **tags;         /* the tag picker's list, in order; owned */
	size_t ntags;
	sy_config_key *keys; /* overrides, in file order; owned */
	size_t nkeys;
} sy_config;

/* The default config path: $XDG_CONFIG_HOME/shenyue/config.yaml, or
 * $HOME/.config/shenyue/config.yaml.  New string (caller frees), NULL
 * when neither variable is set. */
char *sy_config_default_path(void);

/* The folder of shenyue's settings: $XDG_CONFIG_HOME/shenyue (when set to
 * an absolute path), else $HOME/.config/shenyue (HOME non-empty).  New
 * string (caller frees); NULL when neither applies (errno 0) or out of
 * memory (errno ENOMEM).  sy_theme_find looks in its themes/ folder. */
char *sy_config_dir(void);

/* Load PATH (NULL: the default path).  A missing file is not an error:
 * *C is then empty (defaults) with path NULL; but a missing file given
 * explicitly is.  On failure *C is empty and ERR has
 * "FILE:LINE:COLUMN: reason". */
sy_status sy_config_load(const char *path, sy_config *c, sy_error *err);
void sy_config_free(sy_config *c);

/* The default tags of the picker when the config names none. */
extern const char *const sy_default_tags[];

#endif
