#!/bin/bash
# `make deb`, installed and removed for real: files, the docker-gate
# system user, the diverted docker CLI, conffiles kept by `dpkg -r` and
# removed by `dpkg -P`, nothing enabled, the installed units verified.
# Root only; takes the machine-wide test lock because it changes system
# paths (/usr/bin/docker among them) that the e2e harness uses.
# shellcheck source=tests/pkg/lib.sh
. "$(dirname "$0")/lib.sh"
pkg_scratch

[ "$(id -u)" -eq 0 ] || skip "installs a package: run as root (make check does)"
command -v dpkg-deb >/dev/null || skip "not a Debian system (no dpkg-deb)"
status=$(dpkg-query -W -f='${Status}' docker-gate 2>/dev/null || true)
case $status in
*" not-installed" | "") ;;
*) skip "docker-gate is installed on this host ($status); not touching it" ;;
esac

# What the package would take over or a purge would delete: not ours.
for f in /etc/docker-gate /usr/bin/docker.real /var/lib/docker-gate; do
	[ ! -e "$f" ] || skip "$f exists on this host (another installation?); not touching it"
done

exec 9>"$DG_LOCK"
flock -w 900 9 || skip "another test run holds $DG_LOCK"

# dpkg refuses to run while apt holds its lock (another engineer's
# `make deps`): wait a little.
dpkg_do() {
	local _
	for _ in $(seq 60); do
		OUT=$(dpkg "$@" 2>&1) && return 0
		grep -q 'lock' <<<"$OUT" || return 1
		sleep 2
	done
	return 1
}

dpkg_knows() {
	dpkg-query -W docker-gate >/dev/null 2>&1
}

cleanup() {
	dpkg_knows && dpkg -P docker-gate >/dev/null 2>&1
	rm -rf --one-file-system "$SCRATCH"
}
trap cleanup EXIT

deb=$(cd "$DG_SRC" && make -s --no-print-directory deb | tail -n 1)
check "make deb builds $deb" [ -f "$deb" ]
[ -f "$deb" ] || {
	pkg_done
	exit 1
}

docker_sum() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1; }
real_before=$(docker_sum /usr/bin/docker)
user_before=0
getent passwd docker-gate >/dev/null && user_before=1
[ "$user_before" = 0 ] || echo "# a docker-gate user exists already: the purge must keep it"

# --- install -----------------------------------------------------------------
if dpkg_do -i "$deb"; then ok "dpkg -i"; else not_ok "dpkg -i" "$OUT"; fi
for f in /usr/sbin/docker-gated /usr/sbin/docker-gate-check /usr/bin/docker \
	/usr/lib/docker-gate/docker-gate-policy.so /usr/lib/docker/cli-plugins/docker-policy \
	/lib/systemd/system/docker-gate.service /lib/systemd/system/docker-gate.socket \
	/etc/docker-gate/default.conf /usr/share/man/man5/docker-gate-policy.5.gz \
	/usr/share/man/man1/docker-policy.1.gz /usr/share/man/man8/docker-gated.8.gz \
	/usr/share/man/man8/docker-gate-check.8.gz \
	/usr/share/doc/docker-gate/examples/groups/students.conf; do
	check "installed: $f" [ -e "$f" ]
done
check "/etc/docker-gate/default.conf is a conffile" \
	grep -q '/etc/docker-gate/default.conf' <<<"$(dpkg-query -W -f='${Conffiles}' docker-gate)"
check "the default policy is the shipped one" \
	cmp -s /etc/docker-gate/default.conf "$DG_SRC/policies/default.conf"
check "/usr/bin/docker is the wrapper" grep -qaF '@(#)docker-gate docker wrapper' /usr/bin/docker
if [ -n "$real_before" ]; then
	check "the real CLI is diverted to /usr/bin/docker.real, unchanged" \
		[ "$(docker_sum /usr/bin/docker.real)" = "$real_before" ]
	check "root's docker goes straight to the real CLI" \
		grep -q '^Docker version' <<<"$(/usr/bin/docker --version 2>&1)"
fi
check "dpkg-divert lists the diversion" \
	grep -q 'diversion of /usr/bin/docker to /usr/bin/docker.real by docker-gate' \
	<<<"$(dpkg-divert --list /usr/bin/docker)"
check "user docker-gate exists" getent passwd docker-gate
uid=$(id -u docker-gate 2>/dev/null)
check "docker-gate is a system user (uid $uid)" test "${uid:-1000}" -lt 1000
check "its shell is nologin" [ "$(getent passwd docker-gate | cut -d: -f7)" = /usr/sbin/nologin ]
check "group docker-gate exists" getent group docker-gate
check "docker-gate is not in the docker group (the unit gives the gate that group)" \
	fails grep -qx docker <<<"$(id -nG docker-gate 2>/dev/null | tr ' ' '\n')"
check "nothing is enabled" \
	test ! -e /etc/systemd/system/sockets.target.wants/docker-gate.socket \
	-a ! -e /etc/systemd/system/multi-user.target.wants/docker-gate.service
check "the service runs /usr/sbin/docker-gated" \
	grep -qx 'ExecStart=/usr/sbin/docker-gated' /lib/systemd/system/docker-gate.service
check "the policy and the plugin pass the gate's trust rule (docker-gate-check)" \
	grep -q 'policy OK' <<<"$(/usr/sbin/docker-gate-check 2>&1)"
OUT=$(/usr/sbin/docker-gated --help 2>&1)
check "docker-gated's default plugin is the installed one" \
	grep -q '/usr/lib/docker-gate/docker-gate-policy.so' <<<"$OUT"
if command -v systemd-analyze >/dev/null; then
	OUT=$(cd "$SCRATCH" && systemd-analyze verify docker-gate.socket docker-gate.service 2>&1)
	check "systemd-analyze verify on the installed units is clean${OUT:+: $OUT}" [ -z "$OUT" ]
fi
if command -v man >/dev/null; then
	check "man docker-gate-policy finds the page" man -w docker-gate-policy
fi

# Installing again (same version) changes nothing.
if dpkg_do -i "$deb"; then ok "dpkg -i again"; else not_ok "dpkg -i again" "$OUT"; fi
check "same docker-gate uid after reinstall" [ "$(id -u docker-gate)" = "$uid" ]
check "still one diversion" \
	[ "$(dpkg-divert --list | grep -c 'by docker-gate')" = 1 ]

# --- remove: conffiles stay --------------------------------------------------
echo '# local change' >>/etc/docker-gate/default.conf
if dpkg_do -r docker-gate; then ok "dpkg -r"; else not_ok "dpkg -r" "$OUT"; fi
check "the package is in state config-files" \
	[ "$(dpkg-query -W -f='${db:Status-Status}' docker-gate)" = config-files ]
check "the changed conffile is kept" grep -q 'local change' /etc/docker-gate/default.conf
for f in /usr/sbin/docker-gated /usr/lib/docker-gate /lib/systemd/system/docker-gate.socket \
	/usr/lib/docker/cli-plugins/docker-policy /usr/bin/docker.real; do
	check "removed: $f" [ ! -e "$f" ]
done
if [ -n "$real_before" ]; then
	check "/usr/bin/docker is the real CLI again, unchanged" \
		[ "$(docker_sum /usr/bin/docker)" = "$real_before" ]
fi
check "no diversion left" fails grep -q 'docker-gate' <<<"$(dpkg-divert --list)"
check "the user stays after remove" getent passwd docker-gate

# --- purge: everything goes --------------------------------------------------
if dpkg_do -P docker-gate; then ok "dpkg -P"; else not_ok "dpkg -P" "$OUT"; fi
check "the package is gone" fails dpkg_knows
check "/etc/docker-gate is gone" [ ! -e /etc/docker-gate ]
check "/var/lib/docker-gate is gone" [ ! -e /var/lib/docker-gate ]
if [ "$user_before" = 0 ]; then
	check "the user docker-gate is gone" fails getent passwd docker-gate
	check "the group docker-gate is gone" fails getent group docker-gate
else
	check "the docker-gate user that was there before is kept" getent passwd docker-gate
fi
left=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$' |
	while read -r f; do [ -e "$f" ] && [ "$f" != /usr/bin/docker ] && echo "$f"; done)
check "no file of the package is left${left:+: $left}" [ -z "$left" ]

# lintian, where installed (optional): no errors.
if command -v lintian >/dev/null; then
	OUT=$(lintian --no-tag-display-limit "$deb" 2>&1)
	check "lintian: no errors${OUT:+ ($(grep -c '^E:' <<<"$OUT") E:, $(grep -c '^W:' <<<"$OUT") W:)}" \
		fails grep -q '^E:' <<<"$OUT"
	grep -E '^[EW]:' <<<"$OUT" | sed 's/^/# /'
else
	echo "# lintian is not installed: not run (optional)"
fi

pkg_done
