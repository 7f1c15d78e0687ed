/* reports.c - the reports an import may write to, found by the sha256 of
 * their bytes or text, or by their stem (import_priv.h). */
#include "import/import_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/hash.h"
#include "base/i18n.h"
#include "base/sha256.h"
#include "extract/document.h"

#define AMBIGUOUS ((size_t)-2)

/* The stem of PATH: its last component without its last extension
 * (a new string, NULL on OOM). */
char *sy_import_stem(const char *path)
{
	const char *b = strrchr(path, '/'), *dot;
	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	if (!dot || dot == b)
		dot = b + strlen(b);
	return strndup(b, (size_t)(dot - b));
}

/* KEY -> report I in the table (grown as needed); a key met twice for
 * two reports is ambiguous.  0, or -1 on OOM (KEY freed). */
static int table_put(rep_table *t, char *key, size_t i)
{
	size_t mask, h;

	if (!key)
		return -1;
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		rep_slot *s = calloc(cap, sizeof *s);
		if (!s) {
			free(key);
			return -1;
		}
		for (size_t j = 0; j < t->cap; j++) {
			if (!t->slot[j].key)
				continue;
			h = (size_t)sy_hash_str(t->slot[j].key) & (cap - 1);
			while (s[h].key)
				h = (h + 1) & (cap - 1);
			s[h] = t->slot[j];
		}
		free(t->slot);
		t->slot = s;
		t->cap = cap;
	}
	mask = t->cap - 1;
	for (h = (size_t)sy_hash_str(key) & mask; t->slot[h].key; h = (h + 1) & mask)
		if (!strcmp(t->slot[h].key, key)) {
			if (t->slot[h].report != i)
				t->slot[h].report = AMBIGUOUS;
			free(key);
			return 0;
		}
	t->slot[h].key = key;
	t->slot[h].report = i;
	t->n++;
	return 0;
}

size_t sy_import_table_get(const rep_table *t, const char *key, bool *ambiguous)
{
	size_t mask = t->cap - 1, h;

	*ambiguous = false;
	if (!t->cap || !key)
		return SY_NO_REPORT;
	for (h = (size_t)sy_hash_str(key) & mask; t->slot[h].key; h = (h + 1) & mask)
		if (!strcmp(t->slot[h].key, key)) {
			if (t->slot[h].report == AMBIGUOUS) {
				*ambiguous = true;
				return SY_NO_REPORT;
			}
			return t->slot[h].report;
		}
	return SY_NO_REPORT;
}

void sy_import_table_free(rep_table *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->slot[i].key);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/* "PREFIX" + S, a new string. */
static char *key_of(char prefix, const char *s)
{
	size_t n = strlen(s);
	char *k = malloc(n + 2);
	if (k) {
		k[0] = prefix;
		memcpy(k + 1, s, n + 1);
	}
	return k;
}

void sy_import_text_sha(const char *text, size_t len, char hex[65])
{
	sy_sha256 c;
	sy_sha256_init(&c);
	sy_sha256_update(&c, text, len);
	sy_sha256_hex(&c, hex);
}

/* The key of the file PATH itself ("i" + device + inode, in KEY of 64
 * bytes), so that one file named twice (a folder, and a file in it) is
 * one report; false when PATH cannot be looked at. */
static bool file_key(const char *path, char *key)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return false;
	snprintf(key, 64, "i%llx:%llx", (unsigned long long)sb.st_dev,
		 (unsigned long long)sb.st_ino);
	return true;
}

sy_status sy_import_add_report(sy_importer *imp, const char *path,
			       sy_error *err)
{
	sy_docload dl = { NULL, false, false };
	sy_source src;
	sy_status st;
	char hex[65], *stem, fkey[64] = "";
	size_t i = imp->nreports;
	bool amb;

	if ((st = sy_document_load(path, &dl, &src, err)) != SY_OK)
		return st;
	if (file_key(path, fkey) &&
	    sy_import_table_get(&imp->index, fkey, &amb) != SY_NO_REPORT) {
		sy_source_free(&src);      /* given before, by another name */
		return SY_OK;
	}
	if (i == imp->capreports) {
		size_t cap = imp->capreports ? imp->capreports * 2 : 64;
		char **p = realloc(imp->reports, cap * sizeof *p);
		if (!p)
			goto oom;
		imp->reports = p;
		imp->capreports = cap;
	}
	if (!(imp->reports[i] = strdup(path)))
		goto oom;
	imp->nreports++;
	sy_import_text_sha(src.text, src.len, hex);
	if ((*fkey && table_put(&imp->index, strdup(fkey), i)) ||
	    table_put(&imp->index, key_of('b', src.sha256), i) ||
	    table_put(&imp->index, key_of('t', hex), i))
		goto oom;
	/* the stem of the name given, and of the text's name (a document's
	 * NAME.txt) when it differs */
	if (!(stem = sy_import_stem(path)) ||
	    table_put(&imp->index, key_of('s', stem), i)) {
		free(stem);
		goto oom;
	}
	free(stem);
	sy_source_free(&src);
	return SY_OK;
oom:
	sy_source_free(&src);
	return sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
}
