/* keys.h - key codes and their names, as written in the help screen, in
 * config.yaml and in key scripts.
 *
 * A key is an int: a Unicode code point for a character (Space is ' ',
 * Enter '\n', Tab '\t', Esc 27, Ctrl-R 18 = "C-r"), or one of SY_KEY_*
 * for the keys that have no character.
 */
#ifndef SY_KEYS_H
#define SY_KEYS_H

#include <stddef.h>

enum {
	SY_KEY_ENTER = '\n', SY_KEY_TAB = '\t', SY_KEY_ESC = 27,
	SY_KEY_BASE = 0x110000,
	SY_KEY_UP, SY_KEY_DOWN, SY_KEY_LEFT, SY_KEY_RIGHT,
	SY_KEY_PGUP, SY_KEY_PGDN, SY_KEY_HOME, SY_KEY_END,
	SY_KEY_BACKSPACE, SY_KEY_DELETE, SY_KEY_INSERT, SY_KEY_BTAB,
	SY_KEY_F1, SY_KEY_F2, SY_KEY_F3, SY_KEY_F4, SY_KEY_F5, SY_KEY_F6,
	SY_KEY_F7, SY_KEY_F8, SY_KEY_F9, SY_KEY_F10, SY_KEY_F11, SY_KEY_F12,
	SY_KEY_RESIZE,       /* the terminal changed size */
	SY_KEY_MOUSE,        /* a mouse event is waiting */
	SY_KEY_IDLE,         /* no key came within the time asked */
	SY_KEY_NONE
};

/* The key named NAME: one character ("a", "<", "审"), a name ("Space",
 * "Enter", "Tab", "Esc", "Up", "PgDn", "Home", "F1", "Backspace", ...,
 * case-insensitive), or "C-x" for Ctrl and a letter.  -1 if unknown. */
int sy_key_parse(const char *name);

/* The name of KEY into OUT (room for CAP bytes). */
void sy_key_name(int key, char *out, size_t cap);

#endif
