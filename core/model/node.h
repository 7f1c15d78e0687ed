/* node.h - a generic YAML value, kept for what the model does not
 * interpret: unknown keys (kept as they are on a round trip, format.md) and
 * the `proposed` mapping of fixed and rejected items.
 *
 * A tree owns its children; sy_node_free frees a whole tree.
 */
#ifndef SY_NODE_H
#define SY_NODE_H

#include <stdbool.h>

#include <stddef.h>

typedef enum sy_node_kind { SY_NODE_SCALAR, SY_NODE_SEQ, SY_NODE_MAP } sy_node_kind;

typedef struct sy_node sy_node;
struct sy_node {
	sy_node_kind kind;
	char *scalar;      /* SCALAR: the text, owned */
	int quoted;        /* SCALAR: was quoted in the file (so "12" stays a string) */
	char *tag;         /* explicit tag as read, or NULL, owned */
	/* SEQ: items[i]; MAP: keys[i] -> items[i] (keys are plain strings) */
	char **keys;
	sy_node **items;
	size_t n, cap;
};

/* Constructors: return a new node owned by the caller, or NULL on OOM. */
sy_node *sy_node_scalar(const char *text, int quoted);
sy_node *sy_node_seq(void);
sy_node *sy_node_map(void);
/* Append (taking ownership of CHILD, also on failure: it is freed then).
 * Return 0, or -1 on OOM. */
int sy_node_push(sy_node *seq, sy_node *child);
int sy_node_put(sy_node *map, const char *key, sy_node *child);
/* Lookup in a MAP; NULL if absent.  The result stays owned by MAP. */
sy_node *sy_node_get(const sy_node *map, const char *key);
/* Deep copy, or NULL on OOM (or when N is NULL). */
sy_node *sy_node_clone(const sy_node *n);

/* Two strings equal; NULL equals only NULL. */
bool sy_str_eq(const char *a, const char *b);

/* Two values equal: the same kinds, tags, scalars (and whether they were
 * quoted), items in order; the keys of mappings in the same order too,
 * or, with ANY_ORDER, key by key whatever the order (as YAML means it).
 * NULL equals only NULL. */
bool sy_node_equal(const sy_node *a, const sy_node *b, bool any_order);
void sy_node_free(sy_node *n);

#endif
