/* actions.h - every action of the review screen, declared once: its name
 * (as used in config.yaml `keys:`), its default keys, and its help text.
 * The list generates the enum, the name table, the default bindings and
 * the help screen, so the help cannot drift from what the keys do.
 *
 *   ACT(ID, "name", "keys", N_("help"))  keys: space-separated key names
 *                                        (keys.h), the documented defaults
 *   GROUP(ID, N_("title"))               a heading on the help screen,
 *                                        before action ID
 *
 * The name and the keys are data (config files and key scripts use them
 * in every language); the help and the titles are translated where shown.
 */
#ifndef SY_ACTIONS_H
#define SY_ACTIONS_H

#include "base/i18n.h"

#define SY_ACTIONS(ACT) \
	ACT(DOWN, "down", "j Down", N_("next item; in the text, next row")) \
	ACT(UP, "up", "k Up", N_("previous item; in the text, previous row")) \
	ACT(LEFT, "left", "h Left", N_("in the text: previous character")) \
	ACT(RIGHT, "right", "l Right", N_("in the text: next character")) \
	ACT(PAGE_DOWN, "page-down", "PgDn C-f", N_("a page down")) \
	ACT(PAGE_UP, "page-up", "PgUp C-b", N_("a page up")) \
	ACT(FIRST, "first", "g Home", N_("first item (top of the text)")) \
	ACT(LAST, "last", "G End", N_("last item (end of the text)")) \
	ACT(SWITCH_PANE, "switch-pane", "Tab", N_("switch between the text and the items")) \
	ACT(NEXT_PENDING, "next-pending", "]", N_("next pending item")) \
	ACT(PREV_PENDING, "prev-pending", "[", N_("previous pending item")) \
	ACT(NEXT_FILE, "next-file", "}", N_("next report of the batch")) \
	ACT(PREV_FILE, "prev-file", "{", N_("previous report of the batch")) \
	ACT(DETAILS, "details", "i", N_("show all the current item's fields and why it was tagged (again: fold)")) \
	ACT(JUMP, "jump", "Enter", N_("show the current item in the text; in the text, take the item under the cursor")) \
	ACT(ACCEPT, "accept", "a", N_("accept the current item")) \
	ACT(ACCEPT_NEXT, "accept-next", "Space", N_("accept, then go to the next pending item")) \
	ACT(REJECT, "reject", "x", N_("reject: not a section or statistic")) \
	ACT(FIX, "fix", "e", N_("fix the item's fields in a form")) \
	ACT(TAG, "tag", "t", N_("tag the item (picker, or free text)")) \
	ACT(NOTE, "note", "c", N_("write a note on the item")) \
	ACT(SELECT, "select", "v", N_("select a span in the text to add a missed item")) \
	ACT(START_LEFT, "start-left", "<", N_("move the item's start one character left")) \
	ACT(START_RIGHT, "start-right", ">", N_("move the item's start one character right")) \
	ACT(END_LEFT, "end-left", ",", N_("move the item's end one character left")) \
	ACT(END_RIGHT, "end-right", ".", N_("move the item's end one character right")) \
	ACT(PROPAGATE, "propagate", "P", N_("repeat the current item's decision on every pending item of the batch with the same text in the same context (preview first; one step)")) \
	ACT(BULK_ACCEPT, "bulk-accept", "A", N_("accept every pending item the filter shows (asks, naming the count; one step)")) \
	ACT(UNDO, "undo", "u", N_("undo the last decision")) \
	ACT(REDO, "redo", "C-r", N_("redo what was undone")) \
	ACT(TAKE_A, "take-a", "1", N_("settle a conflict: keep A's version (the one shown)")) \
	ACT(TAKE_B, "take-b", "2", N_("settle a conflict: take B's version (shown below the items)")) \
	ACT(SEARCH, "search", "/", N_("search the text (Enter alone: the last search again)")) \
	ACT(SEARCH_NEXT, "search-next", "n", N_("next match")) \
	ACT(SEARCH_PREV, "search-prev", "N", N_("previous match")) \
	ACT(FILTER, "filter", "f", N_("filter the items: all, pending, a status, any tag in the batch, a tag typed; a source, a score range, where sources disagree or agree")) \
	ACT(ORDER, "order", "O", N_("the order ] and [ follow: document, uncertain (lowest score first, across the batch), disagreement first")) \
	ACT(HELP, "help", "? F1", N_("this help")) \
	ACT(REDRAW, "redraw", "C-l", N_("redraw the screen")) \
	ACT(SUSPEND, "suspend", "C-z", N_("suspend to the shell (fg comes back; every decision is saved)")) \
	ACT(QUIT, "quit", "q", N_("quit (every decision is already saved)"))

/* The headings of the help screen, each before the action it names. */
#define SY_ACTION_GROUPS(GROUP) \
	GROUP(DOWN, N_("Moving")) \
	GROUP(ACCEPT, N_("Deciding")) \
	GROUP(TAKE_A, N_("Adjudicating (review --adjudicate A B)")) \
	GROUP(SEARCH, N_("Finding")) \
	GROUP(HELP, N_("Other"))

#define SY_ACT_ENUM(id, name, keys, help) SY_ACT_##id,
typedef enum sy_action {
	SY_ACT_NONE,
	SY_ACTIONS(SY_ACT_ENUM)
	SY_ACT_COUNT
} sy_action;
#undef SY_ACT_ENUM

/* "accept-next" for SY_ACT_ACCEPT_NEXT; NULL for NONE. */
const char *sy_action_name(sy_action a);
/* The help of A in the reader's language (the catalogue's). */
const char *sy_action_help(sy_action a);
const char *sy_action_default_keys(sy_action a);
/* The action named NAME, or SY_ACT_NONE. */
sy_action sy_action_parse(const char *name);

#endif
