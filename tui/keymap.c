/* keymap.c - see keymap.h */
#include "keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "model/annot.h"

static int bind(sy_keymap *m, int key, sy_action a)
{
	void *v = m->v;

	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].key == key) {
			m->v[i].action = a;
			return 0;
		}
	if (sy_grow(&v, m->n, &m->cap, sizeof *m->v))
		return -1;
	m->v = v;
	m->v[m->n].key = key;
	m->v[m->n].action = a;
	m->n++;
	return 0;
}

static void unbind_action(sy_keymap *m, sy_action a)
{
	size_t j = 0;
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].action != a)
			m->v[j++] = m->v[i];
	m->n = j;
}

/* Bind each space-separated key name of KEYS to A.  Returns 0, or -1 with
 * the first name that is not a key in BAD (room for CAP), or with *OOM
 * set. */
static int bind_list(sy_keymap *m, const char *keys, sy_action a, char *bad,
		     size_t cap, int *oom)
{
	char buf[256], *save = NULL, *tok;

	snprintf(buf, sizeof buf, "%s", keys);
	for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		int k = sy_key_parse(tok);
		if (k < 0) {
			snprintf(bad, cap, "%s", tok);
			return -1;
		}
		if (bind(m, k, a)) {
			*oom = 1;
			return -1;
		}
	}
	return 0;
}

int sy_keymap_defaults(sy_keymap *m)
{
	char bad[64];
	int oom = 0;

	memset(m, 0, sizeof *m);
	for (int a = SY_ACT_NONE + 1; a < SY_ACT_COUNT; a++)
		if (bind_list(m, sy_action_default_keys((sy_action)a), (sy_action)a,
			      bad, sizeof bad, &oom))
			return -1;   /* a typo in actions.h; the tests catch it */
	return 0;
}

sy_status sy_keymap_apply(sy_keymap *m, const sy_config *c, sy_error *err)
{
	for (size_t i = 0; i < c->nkeys; i++) {
		const sy_config_key *k = &c->keys[i];
		sy_action a = sy_action_parse(k->action);
		char bad[64];
		int oom = 0;

		if (a == SY_ACT_NONE)
			return sy_fail(err, SY_ERR_USAGE,
				       "%s:%d:%d: unknown action '%s' (see shenyue review --help)",
				       c->path ? c->path : "config", k->line, k->column,
				       k->action);
		unbind_action(m, a);
		if (bind_list(m, k->key, a, bad, sizeof bad, &oom))
			return oom ? sy_fail(err, SY_ERR_NOMEM, "out of memory")
				   : sy_fail(err, SY_ERR_USAGE,
					     "%s:%d:%d: unknown key '%s' for %s",
					     c->path ? c->path : "config", k->line,
					     k->column, bad, k->action);
	}
	return SY_OK;
}

void sy_keymap_free(sy_keymap *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}

sy_action sy_keymap_lookup(const sy_keymap *m, int key)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].key == key)
			return m->v[i].action;
	return SY_ACT_NONE;
}

void sy_keymap_keys_of(const sy_keymap *m, sy_action a, char *out, size_t cap)
{
	size_t len = 0;

	if (cap)
		out[0] = '\0';
	for (size_t i = 0; i < m->n && len + 1 < cap; i++) {
		char name[32];
		if (m->v[i].action != a)
			continue;
		sy_key_name(m->v[i].key, name, sizeof name);
		len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? ", " : "", name);
		if (len >= cap)
			len = cap - 1;
	}
}
