/* actions.h - every action of the review screen, declared once: its name
 * (as used in config.yaml `keys:`), its default keys, and its help text.
 * The list generates the enum, the name table, the default bindings and
 * the help screen, so the help cannot drift from what the keys do.
 *
 *   ACT(ID, "name", "keys", "help")      keys: space-separated key names
 *                                        (keys.h), the documented defaults
 *   GROUP(ID, "title")                   a heading on the help screen,
 *                                        before action ID
 */
#ifndef SY_ACTIONS_H
#define SY_ACTIONS_H

#define SY_ACTIONS(ACT) \
	ACT(DOWN, "down", "j Down", "next item; in the text, next row") \
	ACT(UP, "up", "k Up", "previous item; in the text, previous row") \
	ACT(LEFT, "left", "h Left", "in the text: previous character") \
	ACT(RIGHT, "right", "l Right", "in the text: next character") \
	ACT(PAGE_DOWN, "page-down", "PgDn C-f", "a page down") \
	ACT(PAGE_UP, "page-up", "PgUp C-b", "a page up") \
	ACT(FIRST, "first", "g Home", "first item (top of the text)") \
	ACT(LAST, "last", "G End", "last item (end of the text)") \
	ACT(SWITCH_PANE, "switch-pane", "Tab", "switch between the text and the items") \
	ACT(NEXT_PENDING, "next-pending", "]", "next pending item") \
	ACT(PREV_PENDING, "prev-pending", "[", "previous pending item") \
	ACT(NEXT_FILE, "next-file", "}", "next report of the batch") \
	ACT(PREV_FILE, "prev-file", "{", "previous report of the batch") \
	ACT(DETAILS, "details", "i", "show all the current item's fields and why it was tagged (again: fold)") \
	ACT(JUMP, "jump", "Enter", "show the current item in the text; in the text, take the item under the cursor") \
	ACT(ACCEPT, "accept", "a", "accept the current item") \
	ACT(ACCEPT_NEXT, "accept-next", "Space", "accept, then go to the next pending item") \
	ACT(REJECT, "reject", "x", "reject: not a section or statistic") \
	ACT(FIX, "fix", "e", "fix the item's fields in a form") \
	ACT(TAG, "tag", "t", "tag the item (picker, or free text)") \
	ACT(NOTE, "note", "c", "write a note on the item") \
	ACT(SELECT, "select", "v", "select a span in the text to add a missed item") \
	ACT(START_LEFT, "start-left", "<", "move the item's start one character left") \
	ACT(START_RIGHT, "start-right", ">", "move the item's start one character right") \
	ACT(END_LEFT, "end-left", ",", "move the item's end one character left") \
	ACT(END_RIGHT, "end-right", ".", "move the item's end one character right") \
	ACT(PROPAGATE, "propagate", "P", "repeat the current item's decision on every pending item of the batch with the same text in the same context (preview first; one step)") \
	ACT(BULK_ACCEPT, "bulk-accept", "A", "accept every pending item the filter shows (asks, naming the count; one step)") \
	ACT(UNDO, "undo", "u", "undo the last decision") \
	ACT(REDO, "redo", "C-r", "redo what was undone") \
	ACT(TAKE_A, "take-a", "1", "settle a conflict: keep A's version (the one shown)") \
	ACT(TAKE_B, "take-b", "2", "settle a conflict: take B's version (shown below the items)") \
	ACT(SEARCH, "search", "/", "search the text (Enter alone: the last search again)") \
	ACT(SEARCH_NEXT, "search-next", "n", "next match") \
	ACT(SEARCH_PREV, "search-prev", "N", "previous match") \
	ACT(FILTER, "filter", "f", "filter the items: all, pending, a status, any tag in the batch, a tag typed; a source, a score range, where sources disagree or agree") \
	ACT(ORDER, "order", "O", "the order ] and [ follow: document, uncertain (lowest score first, across the batch), disagreement first") \
	ACT(HELP, "help", "? F1", "this help") \
	ACT(REDRAW, "redraw", "C-l", "redraw the screen") \
	ACT(SUSPEND, "suspend", "C-z", "suspend to the shell (fg comes back; every decision is saved)") \
	ACT(QUIT, "quit", "q", "quit (every decision is already saved)")

/* The headings of the help screen, each before the action it names. */
#define SY_ACTION_GROUPS(GROUP) \
	GROUP(DOWN, "Moving") \
	GROUP(ACCEPT, "Deciding") \
	GROUP(TAKE_A, "Adjudicating (review --adjudicate A B)") \
	GROUP(SEARCH, "Finding") \
	GROUP(HELP, "Other")

#define SY_ACT_ENUM(id, name, keys, help) SY_ACT_##id,
typedef enum sy_action {
	SY_ACT_NONE,
	SY_ACTIONS(SY_ACT_ENUM)
	SY_ACT_COUNT
} sy_action;
#undef SY_ACT_ENUM

/* "accept-next" for SY_ACT_ACCEPT_NEXT; NULL for NONE. */
const char *sy_action_name(sy_action a);
const char *sy_action_help(sy_action a);
const char *sy_action_default_keys(sy_action a);
/* The action named NAME, or SY_ACT_NONE. */
sy_action sy_action_parse(const char *name);

#endif
