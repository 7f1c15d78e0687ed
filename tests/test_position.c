/* test_position.c - the batch position kept between sessions
 * (core/position.h): saved and found again under the batch's key only, in
 * $XDG_STATE_HOME/shenyue/ or ~/.local/state/shenyue/, atomically. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session/position.h"
#include "tap.h"
#include "testutil.h"

static char dir[256];

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
}

/* The number of entries in the folder PATH (. and .. left out), -1 if it
 * is missing. */
static int entries(const char *path)
{
	return dir_entries(path, false);
}

int main(void)
{
	char a[300], b[300], r1[4200], r2[4200], home[300], state[300], sub[340];
	char *args[2], *key1, *key2, *key12, *report, *item;
	sy_error err;
	sy_status st;

	snprintf(dir, sizeof dir, "%s/sy-position-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	snprintf(a, sizeof a, "%s/a", dir);
	snprintf(b, sizeof b, "%s/b", dir);
	snprintf(home, sizeof home, "%s/home", dir);
	snprintf(state, sizeof state, "%s/state", dir);
	mkdir(a, 0777);
	mkdir(b, 0777);
	mkdir(home, 0777);
	snprintf(r1, sizeof r1, "%s/one.txt", a);
	snprintf(r2, sizeof r2, "%s/two.txt", b);
	touch(r1);
	touch(r2);
	{                                /* as stored: real paths */
		char *x = realpath(r1, NULL), *y = realpath(r2, NULL);
		if (x)
			snprintf(r1, sizeof r1, "%s", x);
		if (y)
			snprintf(r2, sizeof r2, "%s", y);
		free(x);
		free(y);
	}
	setenv("HOME", home, 1);
	unsetenv("XDG_STATE_HOME");

	args[0] = a;
	args[1] = b;
	key1 = sy_position_key(args, 1);
	key2 = sy_position_key(args + 1, 1);
	key12 = sy_position_key(args, 2);
	ok(key1 && key12 && strstr(key12, "\n") && !strncmp(key12, key1, strlen(key1)),
	   "the key of two folders: their real paths, one per line");
	args[0] = (char *)"/no/such/folder";
	ok(sy_position_key(args, 1) == NULL, "no key for a folder that does not exist");

	st = sy_position_load(key1, &report, &item, &err);
	ok(st == SY_OK && !report && !item, "nothing stored yet: no report, no item");

	st = sy_position_save(key1, r1, "n12", &err);
	ok(st == SY_OK, "saved%s%s", st == SY_OK ? "" : ": ", st == SY_OK ? "" : err.msg);
	snprintf(sub, sizeof sub, "%s/.local/state/shenyue", home);
	ok(entries(sub) == 1, "one file in ~/.local/state/shenyue/, no temporary left");
	st = sy_position_load(key1, &report, &item, &err);
	ok(st == SY_OK && report && item, "found again");
	is_str(report, r1, "the report's real path");
	is_str(item, "n12", "the item");
	free(report);
	free(item);

	st = sy_position_load(key2, &report, &item, &err);
	ok(st == SY_OK && !report && !item, "another batch finds nothing");
	st = sy_position_load(key12, &report, &item, &err);
	ok(st == SY_OK && !report, "a batch of more folders finds nothing of the first alone");

	ok(sy_position_save(key12, r2, NULL, &err) == SY_OK, "the batch of two folders saved, no item");
	st = sy_position_load(key12, &report, &item, &err);
	ok(st == SY_OK && report && !strcmp(report, r2) && !item,
	   "found again under its two-line key, without an item");
	free(report);
	free(item);
	st = sy_position_load(key1, &report, &item, &err);
	ok(st == SY_OK && report && !strcmp(report, r1), "the first batch's place is still its own");
	free(report);
	free(item);

	ok(sy_position_save(key1, r2, "s3", &err) == SY_OK, "saved again");
	st = sy_position_load(key1, &report, &item, &err);
	ok(st == SY_OK && report && !strcmp(report, r2) && item && !strcmp(item, "s3"),
	   "the newer place replaces the older");
	free(report);
	free(item);

	setenv("XDG_STATE_HOME", state, 1);
	ok(sy_position_save(key1, r1, "n1", &err) == SY_OK && entries(state) == 1,
	   "XDG_STATE_HOME: kept in $XDG_STATE_HOME/shenyue/");
	setenv("XDG_STATE_HOME", "relative/path", 1);
	st = sy_position_load(key1, &report, &item, &err);
	ok(st == SY_OK && report && !strcmp(report, r2),
	   "a relative XDG_STATE_HOME is ignored (the spec): ~/.local/state again");
	free(report);
	free(item);

	free(key1);
	free(key2);
	free(key12);
	{
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return tap_done();
}
