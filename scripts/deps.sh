#!/bin/sh
# Installs the Debian packages docker-gate needs to build and test.
# Called by `make check`, `make demo`, `make bench` and `make asan`.
#
# As root: installs whatever is missing (apt-get update only when something
# is).  As anyone else: names the missing packages and fails, because the
# tests need root anyway.
set -eu

# build: compiler, pkg-config, the three libraries, Check for unit tests.
# e2e/bench/demo: a real dockerd, a static busybox for the test image, curl
# and socat for raw requests, ip for the test bridge, runuser/script/flock
# (util-linux, bsdutils), useradd (passwd); valgrind for the unit suites;
# the Python docker SDK and docker-compose, clients the e2e tests drive
# through the gate.
# packaging (tests/pkg, make deb): systemd-analyze and systemd-socket-
# activate (systemd; it need not be running), /bin/kill of the unit's
# ExecReload (procps), adduser and dpkg-shlibdeps for the package, man,
# groff and mandoc to lint the manual pages, sshd/ssh for the remote-user
# test (a private sshd on 127.0.0.1), strace to check the gate's system
# calls against the unit's filter.
PACKAGES="build-essential pkg-config libconfuse-dev libcap-dev check \
libjansson-dev docker.io busybox-static curl socat iproute2 iptables \
util-linux bsdutils passwd valgrind python3-docker docker-compose systemd \
procps adduser dpkg-dev man-db groff-base mandoc openssh-server \
openssh-client strace"

missing=""
for pkg in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $pkg" ;;
	esac
done
missing=${missing# }

if [ -z "$missing" ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "docker-gate needs: sudo apt-get install -y $missing"
	exit 1
fi

echo "deps: installing $missing"
# Install without starting services (docker.io and openssh-server would
# start a system dockerd and sshd): the tests start private ones.  The
# standard switch is /usr/sbin/policy-rc.d; one already there is left as
# it is.
rcd=/usr/sbin/policy-rc.d
if [ ! -e "$rcd" ]; then
	printf '#!/bin/sh\n# docker-gate deps.sh: no service starts\nexit 101\n' >"$rcd"
	chmod 0755 "$rcd"
	trap 'rm -f "$rcd"' EXIT
	trap 'exit 130' INT TERM HUP
fi
apt-get update
# shellcheck disable=SC2086 # one word per package, on purpose
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	$missing
