/* actions.c - the tables generated from SY_ACTIONS. */
#include "actions.h"

#include <string.h>

typedef struct action_info {
	const char *name, *keys, *help;
} action_info;

#define SY_ACT_ROW(id, name, keys, help) [SY_ACT_##id] = { name, keys, help },
static const action_info ACTIONS[SY_ACT_COUNT] = {
	[SY_ACT_NONE] = { NULL, NULL, NULL },
	SY_ACTIONS(SY_ACT_ROW)
};
#undef SY_ACT_ROW

const char *sy_action_name(sy_action a)
{
	return a > SY_ACT_NONE && a < SY_ACT_COUNT ? ACTIONS[a].name : NULL;
}

const char *sy_action_help(sy_action a)
{
	return a > SY_ACT_NONE && a < SY_ACT_COUNT ? _(ACTIONS[a].help) : NULL;
}

const char *sy_action_default_keys(sy_action a)
{
	return a > SY_ACT_NONE && a < SY_ACT_COUNT ? ACTIONS[a].keys : NULL;
}

sy_action sy_action_parse(const char *name)
{
	for (int a = SY_ACT_NONE + 1; a < SY_ACT_COUNT; a++)
		if (!strcmp(ACTIONS[a].name, name))
			return (sy_action)a;
	return SY_ACT_NONE;
}
