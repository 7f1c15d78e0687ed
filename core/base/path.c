/* path.c - see path.h */
#include "base/path.h"

#include <stdlib.h>
#include <string.h>

char *sy_path_join(const char *dir, const char *name)
{
	size_t ld = strlen(dir), ln = strlen(name);
	int slash = !(ld && dir[ld - 1] == '/');
	char *p = malloc(ld + (size_t)slash + ln + 1);

	if (!p)
		return NULL;
	memcpy(p, dir, ld);
	if (slash)
		p[ld] = '/';
	memcpy(p + ld + (size_t)slash, name, ln + 1);
	return p;
}

char *sy_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}
