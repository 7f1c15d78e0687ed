/* yaml_tree.h - YAML events to a small tree that remembers where each
 * value was (line, column), for the readers of the core: the annotation
 * file (annot_parse.c) and the settings file (config/settings.c).
 *
 * On the way it refuses, with "NAME:LINE:COLUMN: reason" (yaml_pos.h),
 * aliases, anchors, nesting deeper than max_depth, more than max_nodes
 * nodes, scalars longer than max_scalar or holding a NUL, and mapping keys
 * that are not scalars.  The events come from the caller (next/release):
 * libyaml's parser, or annot_parse.c's fast scanner.
 *
 * Ownership: every node lives in the tree's arena (sy_ytree.ar) and goes
 * with sy_ytree_free (or an arena release the caller makes); no node is
 * freed alone.  On a failure the status is returned, ERR filled, and
 * whatever was built stays in the arena until then.
 */
#ifndef SY_YAML_TREE_H
#define SY_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <yaml.h>

#include "base/error.h"
#include "format/arena.h"
#include "model/node.h"

typedef struct sy_ynode sy_ynode;
struct sy_ynode {
	sy_node_kind kind;     /* SY_NODE_SCALAR, _SEQ or _MAP */
	char *text;            /* SCALAR: NUL-terminated */
	size_t len;            /* SCALAR: its length in bytes */
	bool quoted;           /* SCALAR: not plain in the file */
	char *tag;             /* explicit tag or NULL (always NULL
				* without sy_ytree.keep_tags) */
	size_t line, col;      /* 0-based, the event's start mark */
	sy_ynode **kids;       /* SEQ: items; MAP: key, value, key, ... */
	size_t n, cap;
};

typedef struct sy_ytree sy_ytree;

/* The next event into EV (released with the release hook on success);
 * on failure ERR is filled. */
typedef sy_status (*sy_ytree_next_fn)(void *ctx, yaml_event_t *ev);
typedef void (*sy_ytree_release_fn)(void *ctx, yaml_event_t *ev);
/* A value of the top-level mapping ROOT (whose last kid is its key)
 * starts with EV: return true to build it yourself (EV consumed, *OUT
 * and *ST set), false to leave it to the builder. */
typedef bool (*sy_ytree_top_fn)(void *ctx, const sy_ynode *root,
				yaml_event_t *ev, sy_ynode **out,
				sy_status *st);

struct sy_ytree {
	/* set by the caller (a zeroed struct, then these) */
	const char *name;      /* the input, for messages */
	sy_error *err;
	int max_depth;         /* root = 1 */
	unsigned max_nodes;
	size_t max_scalar;     /* bytes; 0: no bound */
	bool keep_tags;
	const char *empty;     /* the message for a stream with no
				* document; NULL: such a stream is a NULL
				* root */
	sy_ytree_next_fn next;
	sy_ytree_release_fn release;   /* NULL: yaml_event_delete */
	sy_ytree_top_fn top;           /* NULL: none */
	void *ctx;             /* for the hooks */
	/* the builder's */
	sy_arena ar;           /* every node */
	size_t nodes;          /* nodes built so far */
};

/* The one document of the stream as a tree (*ROOT, in T's arena). */
sy_status sy_ytree_document(sy_ytree *t, sy_ynode **root);

/* The event EV (consumed) and what follows it as the tree *OUT (in T's
 * arena).  DEPTH is the nesting of EV's node (root = 1). */
sy_status sy_ytree_build(sy_ytree *t, yaml_event_t *ev, int depth,
			 sy_ynode **out);

/* A new node of KIND at EV's start mark with the tag TAG (kept only with
 * keep_tags), EXTRA bytes after it; NULL on OOM. */
sy_ynode *sy_ytree_node(sy_ytree *t, sy_node_kind kind,
			const yaml_event_t *ev, const yaml_char_t *tag,
			size_t extra);

/* Give back the arena. */
void sy_ytree_free(sy_ytree *t);

/* "NAME: out of memory" into T's ERR. */
sy_status sy_ytree_nomem(const sy_ytree *t);

/* YAML null: a plain ~, null, Null, NULL or nothing, or tagged !!null
 * (inline: it is asked of most values). */
static inline bool sy_ynode_is_null(const sy_ynode *p)
{
	static const char *const words[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (p->kind != SY_NODE_SCALAR)
		return false;
	if (p->tag && strcmp(p->tag, "tag:yaml.org,2002:null") == 0)
		return true;
	if (p->quoted || p->tag || !strchr("~nN", p->text[0]) ||
	    strnlen(p->text, 5) > 4)
		return false;
	for (i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(p->text, words[i]) == 0)
			return true;
	return false;
}

/* A copy of P as an sy_node (owned by the caller), NULL on OOM. */
sy_node *sy_ynode_to_node(const sy_ynode *p);

#endif
