/* import_priv.h - what apply.c and reports.c share: the importer and its
 * index of reports (apply.h). */
#ifndef SY_IMPORT_PRIV_H
#define SY_IMPORT_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "import/apply.h"

#define SY_NO_REPORT ((size_t)-1)

/* An open-addressing table: "b" + sha256 of a report's bytes, "t" + of
 * its text, "s" + its stem -> the report's number (AMBIGUOUS when two
 * reports share the key). */
typedef struct rep_slot {
	char *key;           /* owned, NULL: empty */
	size_t report;
} rep_slot;
typedef struct rep_table {
	rep_slot *slot;
	size_t cap, n;       /* cap a power of two */
} rep_table;

struct sy_importer {
	sy_import_opts o;
	char **reports;      /* the paths given, owned */
	size_t nreports, capreports;
	rep_table index;
	sy_import_counts c;
};

/* The report of KEY, or SY_NO_REPORT (*AMBIGUOUS when two have it). */
size_t sy_import_table_get(const rep_table *t, const char *key,
			   bool *ambiguous);
void sy_import_table_free(rep_table *t);
/* The hex sha256 of TEXT[0..LEN). */
void sy_import_text_sha(const char *text, size_t len, char hex[65]);

#endif
