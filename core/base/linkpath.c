/* linkpath.c - see linkpath.h */
#include "base/linkpath.h"
#include "base/path.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_HOPS 40

char *sy_link_target(const char *path)
{
	char *cur = strdup(path);
	int hops;

	for (hops = 0; cur && hops < MAX_HOPS; ++hops) {
		struct stat st;
		char *to, *dir, *next;
		ssize_t n;

		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			return cur;
		/* st_size may be 0 (procfs) or change: read into a bound */
		to = malloc(4097);
		if (!to)
			break;
		n = readlink(cur, to, 4096);
		if (n <= 0) {
			free(to);
			return cur;
		}
		to[n] = '\0';
		if (to[0] == '/' || !strchr(cur, '/')) {
			next = to;
		} else {
			dir = sy_dir_of(cur);
			next = dir ? sy_path_join(dir, to) : NULL;
			free(dir);
			free(to);
			if (!next)
				break;
		}
		free(cur);
		cur = next;
	}
	if (cur && hops >= MAX_HOPS) { /* a loop: let open() say ELOOP */
		free(cur);
		return strdup(path);
	}
	free(cur);
	return NULL;
}
