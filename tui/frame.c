/* frame.c - see frame.h */
#include "frame.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "batch.h"
#include "display.h"
#include "layout.h"
#include "order.h"
#include "base/i18n.h"
#include "state.h"

/* ------------------------------------------------------------ messages */

void sy_say(sy_app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->frame.message, sizeof app->frame.message, _(fmt), ap);
	va_end(ap);
	app->frame.message_error = error;
}

void sy_say_notice(sy_app *app)
{
	if (!app->open || !app->file.notice[0])
		return;
	sy_say(app, app->file.lock_lost || app->file.notice_conflicts, "%s",
	       app->file.notice);
	app->file.notice[0] = '\0';
	app->file.notice_conflicts = false;
	sy_file_progress(&app->file, &app->info[app->cur].reviewed,
			 &app->info[app->cur].total);
}

void sy_say_result(sy_app *app, sy_status st, const sy_error *err,
		   const char *done_fmt, ...)
{
	va_list ap;

	if (st != SY_OK && st != SY_ERR_UNSAVED) {
		sy_say(app, true, "%s", err->msg);
		return;
	}
	va_start(ap, done_fmt);
	vsnprintf(app->frame.last_action, sizeof app->frame.last_action, _(done_fmt),
		  ap);
	va_end(ap);
	if (st == SY_ERR_UNSAVED)
		sy_say(app, true, "NOT SAVED (kept in memory, will retry): %s",
		       err->msg);
	else
		app->frame.message[0] = '\0';
	if (st == SY_OK || app->file.lock_lost)   /* NOT SAVED stays in view */
		sy_say_notice(app);
	app->info[app->cur].known = true;
	sy_file_progress(&app->file, &app->info[app->cur].reviewed,
			 &app->info[app->cur].total);
}

/* ------------------------------------------------------------ layout */

void sy_frame_layout(sy_app *app)
{
	sy_frame *fr = &app->frame;
	int rows, cols, body;

	dpy_size(&rows, &cols);
	fr->r_header = (sy_rect){ 0, 0, 1, cols };
	fr->r_status = (sy_rect){ rows - 1, 0, 1, cols };
	body = rows - 2;
	if (body < 2)
		body = 2;
	fr->side_by_side = cols >= 120;
	if (fr->side_by_side) {
		int iw = cols * 2 / 5;
		fr->r_text = (sy_rect){ 1, 0, body, cols - iw - 1 };
		fr->r_items = (sy_rect){ 1, cols - iw, body, iw };
	} else {
		int th = body / 2;
		fr->r_text = (sy_rect){ 1, 0, th, cols };
		fr->r_items = (sy_rect){ 1 + th, 0, body - th, cols };
	}
}

/* ------------------------------------------------------------ header */

/* The header: title | issuer | year | date | file name.  When it does
 * not fit, the issuer gives way, then the date, then the title is cut
 * (at least 8 columns of it kept), then the year; the file name stays
 * whole as long as it fits at all. */
void sy_frame_header(sy_app *app)
{
	const sy_docfacts *d = &app->file.annot.doc;
	const char *name = strrchr(app->reports[app->cur], '/');
	char tail[1024], year[16] = "", title[512];
	sy_rect r = app->frame.r_header;
	int drop, tw = 0;

	name = name ? name + 1 : app->reports[app->cur];
	if (d->year)
		snprintf(year, sizeof year, "%d", d->year);
	for (drop = 0; drop < 4; drop++) {
		snprintf(tail, sizeof tail, "%s%s%s%s%s%s | %s",
			 drop < 1 ? " | " : "", drop < 1 ? (d->issuer ? d->issuer : "-") : "",
			 drop < 3 ? " | " : "", drop < 3 ? (year[0] ? year : "-") : "",
			 drop < 2 ? " | " : "", drop < 2 ? (d->date ? d->date : "-") : "",
			 name);
		tw = r.w - 1 - sy_text_width(tail);
		/* the issuer and the date go before the title is cut */
		if (tw >= sy_text_width(d->title ? d->title : _("(no title)")) ||
		    (drop >= 2 && tw >= 8))
			break;
	}
	if (tw < 1)
		tw = 1;
	dpy_fill(r.y, r.x, r.w, SY_ROLE_HEADER);
	sy_fit(d->title ? d->title : _("(no title)"), tw, title, sizeof title);
	tw = dpy_text(r.y, r.x, r.w, " ", SY_ROLE_HEADER);
	tw += dpy_text(r.y, r.x + tw, r.w - tw, title, SY_ROLE_HEADER);
	dpy_text(r.y, r.x + tw, r.w - tw, tail, SY_ROLE_HEADER);
}

/* ------------------------------------------------------------ status */

void sy_frame_status(sy_app *app)
{
	const sy_frame *fr = &app->frame;
	sy_rect r = fr->r_status;
	size_t done = 0, total = 0;
	char left[512], right[160], ro[128], unread[64] = "", order[48] = "";
	size_t bad;
	size_t held = sy_batch_held(app);
	char others[96];
	const char *saved = app->file.read_only ? _("READ-ONLY") :
		!app->file.saved ? _("NOT SAVED") :
		app->file.njournal ? _("saved (journal)") : _("saved");
	sy_role role = app->file.saved && !held ? SY_ROLE_STATUS : SY_ROLE_ERROR;
	int rw, lw;

	if (held) {          /* another report's decisions wait in memory */
		snprintf(others, sizeof others, app->file.saved ?
			 ngettext("NOT SAVED: %zu other report", "NOT SAVED: %zu other reports",
				  held) :
			 ngettext("NOT SAVED (and %zu other report)",
				  "NOT SAVED (and %zu other reports)", held), held);
		saved = others;
	}

	for (size_t i = 0; i < app->nreports; i++) {
		done += app->info[i].reviewed;
		total += app->info[i].total;
	}
	dpy_fill(r.y, r.x, r.w, SY_ROLE_STATUS);
	if (fr->message[0]) {
		dpy_text(r.y, r.x, r.w, fr->message,
			 fr->message_error ? SY_ROLE_ERROR : SY_ROLE_STATUS);
		return;
	}
	if (app->file.read_only && app->file.ro_why) {
		snprintf(ro, sizeof ro, _("READ-ONLY: %s"), app->file.ro_why);
		saved = ro;
	}
	/* the save state and the help key stay; the last action gives way */
	/* TRANSLATORS: the end of the status line: the save state, then the
	 * help key (?) */
	snprintf(right, sizeof right, _(" | %s | ? help"), saved);
	if ((bad = sy_batch_unreadable(app)))
		snprintf(unread, sizeof unread, _(" (%zu unreadable)"), bad);
	if (sy_order_label(app))           /* --order: which */
		snprintf(order, sizeof order, _(" | order %s"), sy_order_label(app));
	/* TRANSLATORS: the status line, 80 columns with the end " | saved |
	 * ? help": the report of the batch (and how many are unreadable),
	 * items reviewed in it, in the batch, the order when not the
	 * document's (" | order uncertain"), then "last: " and the last
	 * decision ("accepted S3") or "no decision yet" */
	snprintf(left, sizeof left, _(" file %zu/%zu%s | %zu/%zu reviewed | batch %zu/%zu%s | %s%s"),
		 app->cur + 1, app->nreports, unread, app->info[app->cur].reviewed,
		 app->info[app->cur].total, done, total, order,
		 fr->last_action[0] ? _("last: ") : "",
		 fr->last_action[0] ? fr->last_action : _("no decision yet"));
	rw = sy_text_width(right);
	if (rw > r.w)
		rw = r.w;
	lw = dpy_text(r.y, r.x, r.w - rw, left, SY_ROLE_STATUS);
	dpy_text(r.y, r.x + lw, rw, right, role);
}
