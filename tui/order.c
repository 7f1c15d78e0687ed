/* order.c - see order.h */
#include "order.h"

#include <stdint.h>
#include <stdio.h>

#include "panes.h"
#include "reports.h"
#include "base/i18n.h"

void sy_order_add(sy_app *app, size_t i, const sy_file *f)
{
	if (sy_queue_has(&app->queue, i))
		return;
	if (sy_queue_add(&app->queue, i, f))
		sy_say(app, true, "%s", _("out of memory: the order leaves this report out"));
	app->queue.sorted = false;
}

void sy_order_update(sy_app *app, size_t i, const sy_file *f)
{
	sy_queue_update(&app->queue, i, f);
}

static void sorted(sy_app *app)
{
	if (!app->queue.sorted || app->queue.order != (sy_order)app->opts.order)
		sy_queue_sort(&app->queue, (sy_order)app->opts.order);
}

bool sy_order_step(sy_app *app, int dir)
{
	sy_queue *q = &app->queue;
	size_t k, next;
	sy_item_ref it;

	sorted(app);
	k = app->open ? sy_queue_find(q, app->cur, app->list.sel_id) : SIZE_MAX;
	next = sy_queue_next(q, k, dir, app->cur, app->open ? &app->file : NULL);
	if (next == SIZE_MAX)             /* from the other end, once */
		next = sy_queue_next(q, SIZE_MAX, dir, app->cur,
				     app->open ? &app->file : NULL);
	if (next == SIZE_MAX || next == k)
		return false;
	if (q->v[next].report != app->cur || !app->open) {
		char id[64];
		snprintf(id, sizeof id, "%s", q->v[next].id);   /* the queue may change */
		if (!sy_reports_open(app, q->v[next].report))
			return false;
		sy_reports_remember(app);
		if (sy_item_find(&app->file, id, &it))
			sy_panes_select_item(app, it);
		return true;
	}
	if (sy_item_find(&app->file, q->v[next].id, &it))
		sy_panes_select_item(app, it);
	return true;
}

void sy_order_cycle(sy_app *app)
{
	if (app->open)
		sy_order_add(app, app->cur, &app->file);
	app->opts.order = (app->opts.order + 1) % 3;
	sorted(app);
	sy_say(app, false, _("order: %s (] and [ follow it)"),
	       sy_order_name((sy_order)app->opts.order));
}

const char *sy_order_label(const sy_app *app)
{
	return app->opts.order == SY_ORDER_DOCUMENT ? NULL
		: sy_order_name((sy_order)app->opts.order);
}
