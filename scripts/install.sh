#!/bin/sh
# `make install` and `make uninstall`: one list of files for both, so that
# uninstall removes exactly what install put there.
#
#   sh scripts/install.sh install|uninstall|list
#
# Every path comes from the Makefile through the environment (PREFIX and
# friends, DESTDIR).  `list` prints the installed paths, one per line,
# without DESTDIR.
#
# Two files are handled with care:
#   $WRAPPERDIR/docker   is overwritten or removed only if it is our
#                        wrapper; another docker client there (a docker CLI
#                        someone put in /usr/local/bin) makes install stop
#                        with a message and is never touched.
#   default.conf         is installed only if absent, and removed only if
#                        it is still the shipped file.
set -eu

for v in BUILD SBINDIR WRAPPERDIR LIBDIR CLIPLUGINDIR MANDIR SYSCONFDIR \
	SYSTEMDUNITDIR DOCDIR REAL_DOCKER GATE_SOCKET; do
	eval "[ -n \"\${$v:-}\" ]" || {
		echo "install.sh: $v is not set (run it through make)" >&2
		exit 100
	}
done
DESTDIR=${DESTDIR:-}
ETC=$SYSCONFDIR/docker-gate
# The wrapper's what(1) mark (wrapper/docker.c).
MARK='@(#)docker-gate docker wrapper'

# MODE SOURCE TARGET; a SOURCE of unit:FILE is a systemd unit, rewritten
# for the paths of this installation.
manifest() {
	cat <<-EOF
		0755 $BUILD/docker-gated $SBINDIR/docker-gated
		0755 $BUILD/docker-gate-check $SBINDIR/docker-gate-check
		0755 $BUILD/docker $WRAPPERDIR/docker
		0755 $BUILD/docker-policy $CLIPLUGINDIR/docker-policy
		0644 $BUILD/docker-gate-policy.so $LIBDIR/docker-gate-policy.so
		0644 gate/docker-gated.8 $MANDIR/man8/docker-gated.8
		0644 tools/docker-gate-check.8 $MANDIR/man8/docker-gate-check.8
		0644 plugin/docker-gate-policy.5 $MANDIR/man5/docker-gate-policy.5
		0644 wrapper/docker-policy.1 $MANDIR/man1/docker-policy.1
		0644 unit:gate/docker-gate.service $SYSTEMDUNITDIR/docker-gate.service
		0644 unit:gate/docker-gate.socket $SYSTEMDUNITDIR/docker-gate.socket
		0644 README.md $DOCDIR/README.md
		0644 policies/README.md $DOCDIR/examples/README.md
		0644 policies/default.conf $DOCDIR/examples/default.conf
		0644 policies/groups/students.conf $DOCDIR/examples/groups/students.conf
		0644 policies/groups/gpu.conf $DOCDIR/examples/groups/gpu.conf
		0644 policies/groups/developers.conf $DOCDIR/examples/groups/developers.conf
		0644 policies/users/alice.conf $DOCDIR/examples/users/alice.conf
	EOF
}

# Directories that are docker-gate's alone, deepest first: uninstall
# removes them when empty.
own_dirs() {
	printf '%s\n' "$ETC/users" "$ETC/groups" "$ETC" "$LIBDIR" \
		"$DOCDIR/examples/users" "$DOCDIR/examples/groups" \
		"$DOCDIR/examples" "$DOCDIR"
}

is_our_wrapper() {
	grep -qaF "$MARK" "$1" 2>/dev/null
}

# Refuses to replace another docker client with the wrapper.
check_wrapper_target() {
	t=$DESTDIR$WRAPPERDIR/docker
	if [ "$WRAPPERDIR/docker" = "$REAL_DOCKER" ]; then
		echo "install: the wrapper would replace the real docker CLI" \
			"$REAL_DOCKER; install it elsewhere (WRAPPERDIR=)" >&2
		exit 1
	fi
	if { [ -e "$t" ] || [ -L "$t" ]; } && ! is_our_wrapper "$t"; then
		cat >&2 <<-EOF
			install: $t exists and is not docker-gate's wrapper (another
			docker client?); it is left untouched and nothing was installed.
			Either move it out of the way and tell the wrapper where it is:
			    mkdir -p /usr/local/libexec/docker-cli
			    mv $WRAPPERDIR/docker /usr/local/libexec/docker-cli/docker
			    echo 'docker = /usr/local/libexec/docker-cli/docker' \\
			        >$ETC/wrapper.conf
			or install the wrapper in a directory of its own and put that
			directory first on every user's PATH:
			    make install WRAPPERDIR=/usr/local/lib/docker-gate/bin
		EOF
		exit 1
	fi
}

install_unit() {
	sed -e "s|^ExecStart=/usr/local/sbin/docker-gated|ExecStart=$SBINDIR/docker-gated|" \
		-e "s|^ListenStream=/run/docker-gate.sock|ListenStream=$GATE_SOCKET|" \
		"$1" >"$2.tmp"
	chmod "$3" "$2.tmp"
	mv -f "$2.tmp" "$2"
}

do_install() {
	check_wrapper_target
	manifest | while read -r mode src dst; do
		install -d -m 0755 "$(dirname "$DESTDIR$dst")"
		case $src in
		unit:*) install_unit "${src#unit:}" "$DESTDIR$dst" "$mode" ;;
		*) install -m "$mode" "$src" "$DESTDIR$dst" ;;
		esac
	done
	install -d -m 0755 "$DESTDIR$ETC/groups" "$DESTDIR$ETC/users"
	if [ -e "$DESTDIR$ETC/default.conf" ]; then
		echo "install: kept the existing $DESTDIR$ETC/default.conf"
	else
		install -m 0644 policies/default.conf "$DESTDIR$ETC/default.conf"
	fi
	# Staged installs (DESTDIR) are for packages: no advice.
	[ -z "$DESTDIR" ] || return 0
	if [ ! -x "$REAL_DOCKER" ]; then
		echo "install: note: the wrapper runs the docker CLI at" \
			"$REAL_DOCKER, which is not there (yet)"
	fi
	getent passwd docker-gate >/dev/null ||
		echo "install: next: create the user docker-gate (README.md)"
	echo "install: then: systemctl daemon-reload &&" \
		"systemctl enable --now docker-gate.socket"
}

do_uninstall() {
	manifest | while read -r _ _ dst; do
		t=$DESTDIR$dst
		if [ "$dst" = "$WRAPPERDIR/docker" ] && [ -e "$t" ] &&
			! is_our_wrapper "$t"; then
			echo "uninstall: $t is not docker-gate's wrapper; left alone"
			continue
		fi
		rm -f "$t"
	done
	f=$DESTDIR$ETC/default.conf
	if [ -e "$f" ] && cmp -s "$f" policies/default.conf; then
		rm -f "$f"
	elif [ -e "$f" ]; then
		echo "uninstall: $f was changed; kept"
	fi
	own_dirs | while read -r d; do
		rmdir "$DESTDIR$d" 2>/dev/null || true
	done
	if [ -d "$DESTDIR$ETC" ]; then
		echo "uninstall: kept $DESTDIR$ETC (policy files of yours are in it)"
	fi
	# The CLI plugin directory is docker's; gone only if we emptied it.
	rmdir "$DESTDIR$CLIPLUGINDIR" 2>/dev/null || true
	if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ]; then
		echo "uninstall: run systemctl daemon-reload"
	fi
}

case ${1:-} in
install) do_install ;;
uninstall) do_uninstall ;;
list)
	manifest | while read -r _ _ dst; do echo "$dst"; done
	echo "$ETC/default.conf"
	;;
*)
	echo "usage: $0 install|uninstall|list" >&2
	exit 100
	;;
esac
