#!/bin/bash
# make install / make uninstall into a DESTDIR: the FHS file list, units
# rewritten for the prefix, an existing default.conf and a foreign docker
# client left alone, and uninstall leaving nothing behind.
# shellcheck source=tests/pkg/lib.sh
. "$(dirname "$0")/lib.sh"
pkg_scratch

expected_local='/etc/docker-gate/default.conf
/usr/local/bin/docker
/usr/local/lib/docker-gate/docker-gate-policy.so
/usr/local/lib/docker/cli-plugins/docker-policy
/usr/local/lib/systemd/system/docker-gate.service
/usr/local/lib/systemd/system/docker-gate.socket
/usr/local/sbin/docker-gate-check
/usr/local/sbin/docker-gated
/usr/local/share/doc/docker-gate/README.md
/usr/local/share/doc/docker-gate/examples/README.md
/usr/local/share/doc/docker-gate/examples/default.conf
/usr/local/share/doc/docker-gate/examples/groups/developers.conf
/usr/local/share/doc/docker-gate/examples/groups/gpu.conf
/usr/local/share/doc/docker-gate/examples/groups/students.conf
/usr/local/share/doc/docker-gate/examples/users/alice.conf
/usr/local/share/man/man1/docker-policy.1
/usr/local/share/man/man5/docker-gate-policy.5
/usr/local/share/man/man8/docker-gate-check.8
/usr/local/share/man/man8/docker-gated.8'

d=$SCRATCH/local
run_install() {
	OUT=$(pkg_make DESTDIR="$1" "${@:2}" install 2>&1)
}

# --- PREFIX=/usr/local (the default) ---------------------------------------
check "make install DESTDIR=... succeeds" run_install "$d"
got=$(tree_files "$d")
if [ "$got" = "$expected_local" ]; then
	ok "the installed files are exactly the expected list"
else
	not_ok "the installed files are exactly the expected list" \
		"$(diff <(echo "$expected_local") <(echo "$got") | grep '^[<>]')"
fi
check "make install-list names the same files" \
	[ "$(pkg_make install-list | LC_ALL=C sort)" = "$expected_local" ]
mode() { stat -c %a "$d$1"; }
check "docker-gated is 0755" [ "$(mode /usr/local/sbin/docker-gated)" = 755 ]
check "the wrapper is 0755" [ "$(mode /usr/local/bin/docker)" = 755 ]
check "the plugin is 0644 (the gate refuses a writable one)" \
	[ "$(mode /usr/local/lib/docker-gate/docker-gate-policy.so)" = 644 ]
check "default.conf is 0644" [ "$(mode /etc/docker-gate/default.conf)" = 644 ]
check "groups/ and users/ exist, 0755" \
	[ "$(mode /etc/docker-gate/groups)$(mode /etc/docker-gate/users)" = 755755 ]
check "default.conf is the shipped policy" \
	cmp -s "$d/etc/docker-gate/default.conf" "$DG_SRC/policies/default.conf"
check "the wrapper is the built wrapper" cmp -s "$d/usr/local/bin/docker" "$BUILD/docker"
check "the service runs /usr/local/sbin/docker-gated" \
	grep -qx 'ExecStart=/usr/local/sbin/docker-gated' \
	"$d/usr/local/lib/systemd/system/docker-gate.service"

# Reinstalling keeps an administrator's default.conf.
echo '# changed by the admin' >>"$d/etc/docker-gate/default.conf"
check "a second make install succeeds (over our own wrapper)" run_install "$d"
check "and keeps the changed default.conf" \
	grep -q 'changed by the admin' "$d/etc/docker-gate/default.conf"
check "and says so" grep -q 'kept the existing' <<<"$OUT"

# Uninstall: a changed default.conf stays, everything else goes.
pkg_make DESTDIR="$d" uninstall >/dev/null 2>&1
check "uninstall keeps the changed default.conf only" \
	[ "$(tree_files "$d")" = /etc/docker-gate/default.conf ]
rm -f "$d/etc/docker-gate/default.conf"
run_install "$d"
pkg_make DESTDIR="$d" uninstall >/dev/null 2>&1
check "install + uninstall leaves no file" [ -z "$(tree_files "$d")" ]
left=$(cd "$d" && find . -type d \( -name 'docker-gate*' -o -name cli-plugins \))
check "and no docker-gate directory ($left)" [ -z "$left" ]

# --- PREFIX=/usr, units in /lib/systemd/system (as the package does) -------
# Its own build directory: the paths are compiled in.
u=$SCRATCH/usr
usr_vars=(BUILD="$SCRATCH/build-usr" PREFIX=/usr SYSTEMDUNITDIR=/lib/systemd/system
	REAL_DOCKER=/usr/bin/docker.real GATE_SOCKET=/run/dg-other.sock)
check "PREFIX=/usr: make install succeeds" run_install "$u" "${usr_vars[@]}"
check "PREFIX=/usr: the daemon in /usr/sbin" [ -x "$u/usr/sbin/docker-gated" ]
check "PREFIX=/usr: the plugin in /usr/lib/docker-gate" \
	[ -f "$u/usr/lib/docker-gate/docker-gate-policy.so" ]
check "PREFIX=/usr: the CLI plugin in /usr/lib/docker/cli-plugins" \
	[ -x "$u/usr/lib/docker/cli-plugins/docker-policy" ]
check "PREFIX=/usr: ExecStart=/usr/sbin/docker-gated" \
	grep -qx 'ExecStart=/usr/sbin/docker-gated' "$u/lib/systemd/system/docker-gate.service"
check "GATE_SOCKET reaches the socket unit" \
	grep -qx 'ListenStream=/run/dg-other.sock' "$u/lib/systemd/system/docker-gate.socket"
# Root passes straight through to the real CLI, which is not there.
if [ "$(id -u)" = 0 ] && [ ! -e /usr/bin/docker.real ]; then
	err=$(env -i DOCKER_GATE_WRAPPER_CONF=/dev/null "$u/usr/bin/docker" \
		--version 2>&1 >/dev/null)
	check "PREFIX=/usr: the wrapper runs /usr/bin/docker.real ($err)" \
		grep -q 'cannot run /usr/bin/docker.real' <<<"$err"
fi
pkg_make DESTDIR="$u" "${usr_vars[@]}" uninstall >/dev/null 2>&1
check "PREFIX=/usr: uninstall leaves no file" [ -z "$(tree_files "$u")" ]

# --- another docker client where the wrapper goes ---------------------------
f=$SCRATCH/foreign
mkdir -p "$f/usr/local/bin"
printf '#!/bin/sh\necho another docker client\n' >"$f/usr/local/bin/docker"
chmod 0755 "$f/usr/local/bin/docker"
cp "$f/usr/local/bin/docker" "$SCRATCH/foreign-docker.orig"
check "make install refuses to overwrite another docker client" \
	fails run_install "$f"
check "the refusal names the file and what to do" \
	grep -q "usr/local/bin/docker exists and is not docker-gate's wrapper" <<<"$OUT"
check "the other client is untouched" \
	cmp -s "$f/usr/local/bin/docker" "$SCRATCH/foreign-docker.orig"
check "nothing else was installed" [ ! -e "$f/usr/local/sbin/docker-gated" ]
# A symlink to the real CLI is not ours either.
rm "$f/usr/local/bin/docker"
ln -s /usr/bin/docker "$f/usr/local/bin/docker"
check "a symlink named docker is not overwritten either" fails run_install "$f"
check "the symlink is untouched" [ "$(readlink "$f/usr/local/bin/docker")" = /usr/bin/docker ]
# With the wrapper in a directory of its own, the install goes through.
check "WRAPPERDIR=... installs beside the other client" \
	run_install "$f" WRAPPERDIR=/usr/local/lib/docker-gate/bin
check "the wrapper is in WRAPPERDIR" \
	cmp -s "$f/usr/local/lib/docker-gate/bin/docker" "$BUILD/docker"
pkg_make DESTDIR="$f" WRAPPERDIR=/usr/local/lib/docker-gate/bin uninstall >/dev/null 2>&1
check "uninstall leaves the other client and nothing else" \
	[ "$(tree_files "$f")" = /usr/local/bin/docker ]
check "the wrapper may not replace the real CLI it runs" \
	fails run_install "$SCRATCH/self" REAL_DOCKER=/usr/local/bin/docker

pkg_done
