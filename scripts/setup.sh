#!/bin/sh
# scripts/setup.sh - install what shenyue needs and build it in place.
#
#   sh scripts/setup.sh [CONFIGURE-ARGS...]
#
# For Debian 12 (bookworm).  Safe to run again: packages already installed
# are not reinstalled, autoreconf runs only when ./configure is missing or
# older than configure.ac, ./configure only when there is no Makefile, when
# config.status is older than ./configure, or when CONFIGURE-ARGS are given
# (they are passed to ./configure as they are).  Ends with `make -j2`.

set -eu

PACKAGES="build-essential autoconf automake autopoint gettext locales pkg-config libncurses-dev
libyaml-dev libutf8proc-dev libjson-c-dev libxml2-dev libzip-dev libpoppler-glib-dev poppler-data
catdoc ncurses-term tmux python3
python3-yaml time groff-base zsh"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# Work in the repository root, wherever we are called from.
case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
cd "$here/.." || die "cannot cd to $here/.."
[ -f configure.ac ] || die "$(pwd) is not the shenyue source tree (no configure.ac)"

# ------------------------------------------------------------ packages
missing=
if command -v dpkg-query >/dev/null 2>&1; then
	for p in $PACKAGES; do
		s=$(dpkg-query -W -f '${Status}' "$p" 2>/dev/null || true)
		case $s in
		*" installed") ;;
		*) missing="$missing $p" ;;
		esac
	done
fi

if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		SUDO=
	elif command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		die "need root (or sudo) to install:$missing"
	fi
	command -v apt-get >/dev/null 2>&1 ||
		die "apt-get not found; install by hand:$missing"
	say "installing:$missing"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
		die "apt-get update failed"
	# shellcheck disable=SC2086 # word splitting of the list is wanted
	$SUDO env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends $missing ||
		die "apt-get install failed"
elif command -v dpkg-query >/dev/null 2>&1; then
	say "build dependencies already installed"
else
	say "no dpkg here: not installing packages; make sure these are present:"
	# shellcheck disable=SC2086 # join the list on one line
	say "  "$PACKAGES
fi

# ------------------------------------------------------------ locale
# zh_CN.UTF-8 for the Chinese screen and its tests (tests/i18n_*.sh)
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	if [ "$(id -u)" -eq 0 ]; then
		SUDO=
	elif command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		SUDO=none
	fi
	if [ "$SUDO" = none ]; then
		say "warning: no zh_CN.UTF-8 locale and no root: the Chinese tests will fail"
	else
		say "generating the zh_CN.UTF-8 locale"
		$SUDO localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 ||
			die "localedef zh_CN.UTF-8 failed"
	fi
fi

# ------------------------------------------------------------ configure
# "A is newer than B" without test -nt (not in POSIX sh).
newer() { [ -n "$(find "$1" -prune -newer "$2" 2>/dev/null)" ]; }

if [ ! -x configure ] || newer configure.ac configure; then
	say "autoreconf -fi"
	autoreconf -fi || die "autoreconf failed"
fi

if [ $# -gt 0 ] || [ ! -f Makefile ] || [ ! -f config.status ] ||
	newer configure config.status; then
	say "./configure $*"
	./configure "$@" || die "./configure failed (see config.log)"
fi

# ------------------------------------------------------------ build
say "make -j2"
make -j2 || die "make failed"
say "done: $(pwd)/shenyue"
