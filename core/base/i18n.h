/* i18n.h - messages for people go through gettext (GNU gettext, glibc's
 * libintl; the catalogue is po/, the domain PACKAGE).
 *
 *   _("text")          a message shown now, translated
 *   N_("text")         marked for the catalogue, translated where shown
 *                      (tables of labels, help lines)
 *   ngettext(one, many, n)   plural forms
 *
 * Data stays as it is in every language: YAML keys, statuses and tags as
 * written in files, action names in configs and key scripts.  Without NLS
 * (configure --disable-nls) the macros give the English text.
 */
#ifndef SY_I18N_H
#define SY_I18N_H

#ifdef HAVE_CONFIG_H
#include "config.h"       /* ENABLE_NLS (configure's AM_GNU_GETTEXT) */
#endif

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) ((const char *)(s))
#undef ngettext
#define ngettext(one, many, n) ((n) == 1 ? (const char *)(one) : (const char *)(many))
#endif
#define N_(s) s

#endif
