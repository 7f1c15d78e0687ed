/* error.c - see error.h */
#include "base/error.h"
#include "base/i18n.h"

#include <stdio.h>
#include <string.h>

sy_status sy_fail(sy_error *err, sy_status code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		vsnprintf(err->msg, sizeof err->msg, _(fmt), ap);
		va_end(ap);
	}
	return code;
}

sy_status sy_prefix(sy_error *err, const char *fmt, ...)
{
	char head[512], old[sizeof err->msg];
	va_list ap;

	if (!err)
		return SY_OK;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, _(fmt), ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	/* both parts fit in msg; whatever is longer is cut, never overrun */
	{
		size_t hl = strlen(head);
		if (hl >= sizeof err->msg)
			hl = sizeof err->msg - 1;
		memcpy(err->msg, head, hl);
		snprintf(err->msg + hl, sizeof err->msg - hl, "%.*s",
			 (int)(sizeof err->msg - hl - 1), old);
	}
	return err->code;
}

int sy_exit_code(sy_status code)
{
	switch (code) {
	case SY_OK: return 0;
	case SY_ERR_USAGE: return 2;
	default: return 1;
	}
}
