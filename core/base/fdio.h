/* fdio.h - the few file-descriptor chores every writer of the core needs:
 * writing a whole buffer, and making a change in a folder durable.
 */
#ifndef SY_FDIO_H
#define SY_FDIO_H

#include <stddef.h>

#include "base/path.h"   /* sy_dir_of */

/* Write all N bytes of P to FD, retrying short writes and EINTR.  0, or
 * -1 with errno set. */
int sy_write_all(int fd, const void *p, size_t n);

/* fsync the folder DIR, so that a creation, rename or removal in it is
 * durable.  0, or -1 with errno set; file systems that cannot sync a
 * folder (EINVAL, ENOTSUP) count as success. */
int sy_sync_dir(const char *dir);

/* sy_sync_dir on the folder of PATH. */
int sy_sync_dir_of(const char *path);

#endif
