/* wake.c - see wake.h. */
#include "wake.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static int wake_fd[2] = { -1, -1 };
static int stopped;

int sy_wake_init(void)
{
	int p[2];

	if (wake_fd[0] >= 0)
		return 0;
	if (pipe(p) < 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (fcntl(p[i], F_SETFL, fcntl(p[i], F_GETFL) | O_NONBLOCK) < 0 ||
		    fcntl(p[i], F_SETFD, FD_CLOEXEC) < 0) {
			int e = errno;
			close(p[0]);
			close(p[1]);
			errno = e;
			return -1;
		}
	wake_fd[1] = p[1];
	wake_fd[0] = p[0];
	return 0;
}

void sy_wake(int why)
{
	int e = errno;
	char c = (char)why;
	if (wake_fd[1] >= 0 && write(wake_fd[1], &c, 1) < 0) {
		/* full: the waiter is woken anyway */
	}
	errno = e;
}

int sy_wake_fd(void)
{
	return wake_fd[0];
}

int sy_wake_take(void)
{
	char buf[64];
	ssize_t n;
	int why = stopped;

	if (wake_fd[0] < 0)
		return why;
	while ((n = read(wake_fd[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
		for (ssize_t i = 0; i < n; i++)
			why |= buf[i];
	stopped = why & SY_WAKE_STOP;
	return why;
}
