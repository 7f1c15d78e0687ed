/* keys.c - see keys.h */
#include "keys.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"

static const struct { const char *name; int key; } NAMES[] = {
	{ "Space", ' ' }, { "Enter", SY_KEY_ENTER }, { "Return", SY_KEY_ENTER },
	{ "Tab", SY_KEY_TAB }, { "Esc", SY_KEY_ESC }, { "Escape", SY_KEY_ESC },
	{ "Up", SY_KEY_UP }, { "Down", SY_KEY_DOWN }, { "Left", SY_KEY_LEFT },
	{ "Right", SY_KEY_RIGHT }, { "PgUp", SY_KEY_PGUP }, { "PageUp", SY_KEY_PGUP },
	{ "PgDn", SY_KEY_PGDN }, { "PageDown", SY_KEY_PGDN },
	{ "Home", SY_KEY_HOME }, { "End", SY_KEY_END },
	{ "Backspace", SY_KEY_BACKSPACE }, { "Delete", SY_KEY_DELETE },
	{ "Del", SY_KEY_DELETE }, { "Insert", SY_KEY_INSERT },
	{ "BackTab", SY_KEY_BTAB }, { "S-Tab", SY_KEY_BTAB },
	{ "F1", SY_KEY_F1 }, { "F2", SY_KEY_F2 }, { "F3", SY_KEY_F3 },
	{ "F4", SY_KEY_F4 }, { "F5", SY_KEY_F5 }, { "F6", SY_KEY_F6 },
	{ "F7", SY_KEY_F7 }, { "F8", SY_KEY_F8 }, { "F9", SY_KEY_F9 },
	{ "F10", SY_KEY_F10 }, { "F11", SY_KEY_F11 }, { "F12", SY_KEY_F12 },
};

int sy_key_parse(const char *name)
{
	size_t len = strlen(name), k;
	uint32_t c;

	if (len == 0)
		return -1;
	for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
		if (!strcasecmp(name, NAMES[i].name))
			return NAMES[i].key;
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && len == 3) {
		char l = name[2];
		if (l >= 'A' && l <= 'Z')
			l = (char)(l - 'A' + 'a');
		if (l >= 'a' && l <= 'z')
			return l - 'a' + 1;
		return -1;
	}
	k = sy_utf8_decode((const unsigned char *)name, len, &c);
	if (k && k == len && c >= 0x20 && c != 0x7F)
		return (int)c;
	return -1;
}

void sy_key_name(int key, char *out, size_t cap)
{
	if (cap == 0)
		return;
	for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
		if (NAMES[i].key == key) {
			snprintf(out, cap, "%s", NAMES[i].name);
			return;
		}
	if (key >= 1 && key <= 26) {
		snprintf(out, cap, "C-%c", 'a' + key - 1);
	} else if (key >= 0x20 && key < SY_KEY_BASE && cap > 4) {
		out[sy_utf8_encode((uint32_t)key, out)] = '\0';
	} else {
		snprintf(out, cap, "<%d>", key);
	}
}
