/* yaml_tree.c - see yaml_tree.h */
#include "format/yaml_tree.h"
#include "format/yaml_pos.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FAIL_NODE(t, p, code, ...) \
	sy_yaml_fail_at((t)->err, (t)->name, (p)->line, (p)->col, (code), __VA_ARGS__)
#define FAIL_MARK(t, m, code, ...) \
	sy_yaml_fail_at((t)->err, (t)->name, (m).line, (m).column, (code), __VA_ARGS__)

sy_status sy_ytree_nomem(const sy_ytree *t)
{
	return sy_fail(t->err, SY_ERR_NOMEM, "%s: out of memory", t->name);
}

static void release(sy_ytree *t, yaml_event_t *ev)
{
	if (t->release)
		t->release(t->ctx, ev);
	else
		yaml_event_delete(ev);
}

sy_ynode *sy_ytree_node(sy_ytree *t, sy_node_kind kind,
			const yaml_event_t *ev, const yaml_char_t *tag,
			size_t extra)
{
	sy_ynode *p = sy_arena_alloc(&t->ar, sizeof *p + extra);

	if (!p)
		return NULL;
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->line = ev->start_mark.line;
	p->col = ev->start_mark.column;
	if (tag && t->keep_tags) {
		size_t n = strlen((const char *)tag) + 1;
		if (!(p->tag = sy_arena_alloc(&t->ar, n)))
			return NULL;
		memcpy(p->tag, tag, n);
	}
	return p;
}

/* Append KID to P.  0 or -1 on OOM. */
static int add_kid(sy_ytree *t, sy_ynode *p, sy_ynode *kid)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		sy_ynode **k = cap <= SIZE_MAX / sizeof *k
			       ? sy_arena_grow(&t->ar, p->kids,
					       p->cap * sizeof *k,
					       cap * sizeof *k) : NULL;
		if (!k)
			return -1;
		p->kids = k;
		p->cap = cap;
	}
	p->kids[p->n++] = kid;
	return 0;
}

static sy_status build_scalar(sy_ytree *t, const yaml_event_t *ev,
			      sy_ynode **out)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	sy_ynode *p;

	if (ev->data.scalar.anchor)
		return FAIL_MARK(t, ev->start_mark, SY_ERR_FORMAT,
				 "anchors are not allowed");
	if (t->max_scalar && len > t->max_scalar)
		return FAIL_MARK(t, ev->start_mark, SY_ERR_LIMIT,
				 "scalar longer than 1 MiB (%zu bytes)", len);
	if (memchr(v, '\0', len))
		return FAIL_MARK(t, ev->start_mark, SY_ERR_FORMAT,
				 "NUL character in a string");
	p = sy_ytree_node(t, SY_NODE_SCALAR, ev, ev->data.scalar.tag, len + 1);
	if (!p)
		return sy_ytree_nomem(t);
	p->text = (char *)(p + 1);
	memcpy(p->text, v, len);
	p->text[len] = '\0';
	p->len = len;
	p->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	*out = p;
	return SY_OK;
}

/* Read the children of the collection P until its end event.  TOP: P is
 * the top-level mapping (the top hook may build its values). */
static sy_status build_children(sy_ytree *t, sy_ynode *p, int depth, bool top)
{
	yaml_event_t ev;
	yaml_event_type_t end = p->kind == SY_NODE_MAP ? YAML_MAPPING_END_EVENT
						       : YAML_SEQUENCE_END_EVENT;
	sy_status st;
	sy_ynode *kid;

	for (;;) {
		if ((st = t->next(t->ctx, &ev)) != SY_OK)
			return st;
		if (ev.type == end) {
			release(t, &ev);
			return SY_OK;
		}
		if (!(top && p->n % 2 == 1 && t->top &&
		      t->top(t->ctx, p, &ev, &kid, &st)))
			st = sy_ytree_build(t, &ev, depth + 1, &kid);
		if (st != SY_OK)
			return st;
		if (p->kind == SY_NODE_MAP && p->n % 2 == 0 &&
		    kid->kind != SY_NODE_SCALAR)
			return FAIL_NODE(t, kid, SY_ERR_FORMAT,
					 "mapping keys must be strings");
		if (add_kid(t, p, kid) < 0)
			return sy_ytree_nomem(t);
	}
}

static sy_status build_collection(sy_ytree *t, const yaml_event_t *ev,
				  int depth, sy_ynode **out)
{
	bool map = ev->type == YAML_MAPPING_START_EVENT;
	const yaml_char_t *anchor = map ? ev->data.mapping_start.anchor
					: ev->data.sequence_start.anchor;
	const yaml_char_t *tag = map ? ev->data.mapping_start.tag
				     : ev->data.sequence_start.tag;
	sy_ynode *p;
	sy_status st;

	if (anchor)
		return FAIL_MARK(t, ev->start_mark, SY_ERR_FORMAT,
				 "anchors are not allowed");
	if (depth > t->max_depth)
		return FAIL_MARK(t, ev->start_mark, SY_ERR_LIMIT,
				 "nesting deeper than %d levels", t->max_depth);
	p = sy_ytree_node(t, map ? SY_NODE_MAP : SY_NODE_SEQ, ev, tag, 0);
	if (!p)
		return sy_ytree_nomem(t);
	st = build_children(t, p, depth, map && depth == 1);
	if (st != SY_OK)
		return st;
	*out = p;
	return SY_OK;
}

sy_status sy_ytree_build(sy_ytree *t, yaml_event_t *ev, int depth,
			 sy_ynode **out)
{
	sy_status st;

	*out = NULL;
	if (++t->nodes > t->max_nodes) {
		st = FAIL_MARK(t, ev->start_mark, SY_ERR_LIMIT,
			       "more than %u YAML nodes", t->max_nodes);
	} else if (ev->type == YAML_ALIAS_EVENT) {
		st = FAIL_MARK(t, ev->start_mark, SY_ERR_FORMAT,
			       "aliases are not allowed");
	} else if (ev->type == YAML_SCALAR_EVENT) {
		st = build_scalar(t, ev, out);
	} else if (ev->type == YAML_SEQUENCE_START_EVENT ||
		   ev->type == YAML_MAPPING_START_EVENT) {
		st = build_collection(t, ev, depth, out);
	} else {
		st = FAIL_MARK(t, ev->start_mark, SY_ERR_FORMAT,
			       "unexpected YAML event");
	}
	release(t, ev);
	return st;
}

/* Expect an event of TYPE next (consumed). */
static sy_status expect(sy_ytree *t, yaml_event_type_t type, const char *what)
{
	yaml_event_t ev;
	sy_status st = t->next(t->ctx, &ev);

	if (st != SY_OK)
		return st;
	if (ev.type != type)
		st = FAIL_MARK(t, ev.start_mark, SY_ERR_FORMAT, "%s", what);
	release(t, &ev);
	return st;
}

sy_status sy_ytree_document(sy_ytree *t, sy_ynode **root)
{
	yaml_event_t ev;
	sy_status st;

	*root = NULL;
	if ((st = expect(t, YAML_STREAM_START_EVENT, "no YAML stream")) != SY_OK)
		return st;
	if ((st = t->next(t->ctx, &ev)) != SY_OK)
		return st;
	if (ev.type != YAML_DOCUMENT_START_EVENT) {
		if (!t->empty && ev.type == YAML_STREAM_END_EVENT)
			st = SY_OK;
		else
			st = FAIL_MARK(t, ev.start_mark, SY_ERR_FORMAT, "%s",
				       t->empty ? t->empty : "no YAML document");
		release(t, &ev);
		return st;
	}
	release(t, &ev);
	if ((st = t->next(t->ctx, &ev)) != SY_OK)
		return st;
	if ((st = sy_ytree_build(t, &ev, 1, root)) != SY_OK)
		return st;
	st = expect(t, YAML_DOCUMENT_END_EVENT, "more than one YAML node");
	if (st == SY_OK)
		st = expect(t, YAML_STREAM_END_EVENT,
			    "more than one YAML document");
	if (st != SY_OK)
		*root = NULL;
	return st;
}

void sy_ytree_free(sy_ytree *t)
{
	sy_arena_free(&t->ar);
}


sy_node *sy_ynode_to_node(const sy_ynode *p)
{
	sy_node *n;
	size_t i;

	if (p->kind == SY_NODE_SCALAR)
		n = sy_node_scalar(p->text, p->quoted);
	else
		n = p->kind == SY_NODE_MAP ? sy_node_map() : sy_node_seq();
	if (!n)
		return NULL;
	if (p->tag && !(n->tag = strdup(p->tag))) {
		sy_node_free(n);
		return NULL;
	}
	for (i = 0; p->kind != SY_NODE_SCALAR && i < p->n; i++) {
		int r;
		if (p->kind == SY_NODE_MAP) {
			sy_node *v = sy_ynode_to_node(p->kids[i + 1]);
			r = v ? sy_node_put(n, p->kids[i]->text, v) : -1;
			i++;
		} else {
			sy_node *v = sy_ynode_to_node(p->kids[i]);
			r = v ? sy_node_push(n, v) : -1;
		}
		if (r < 0) {
			sy_node_free(n);
			return NULL;
		}
	}
	return n;
}
