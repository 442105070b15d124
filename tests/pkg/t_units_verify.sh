#!/bin/bash
# The systemd units as installed pass `systemd-analyze verify` (no running
# systemd needed: --root on a staged tree), their sandbox scores as
# hardened with `systemd-analyze security --offline`, and the settings the
# gate's least privilege rests on are there.
# shellcheck source=tests/pkg/lib.sh
. "$(dirname "$0")/lib.sh"
pkg_scratch

command -v systemd-analyze >/dev/null ||
	skip "systemd-analyze is not installed (package systemd: make deps installs it)"
for f in /lib/systemd/system/sysinit.target /bin/kill; do
	[ -e "$f" ] || skip "$f is missing (packages systemd and procps: make deps)"
done

root=$SCRATCH/root
unitdir=/usr/local/lib/systemd/system
pkg_make DESTDIR="$root" install >/dev/null || {
	not_ok "make install DESTDIR=$root"
	pkg_done
	exit 1
}
# What verify needs around our units inside --root: the system's own units
# (sysinit.target, sockets.target, ...) and the ExecReload program.
mkdir -p "$root/lib/systemd" "$root/bin"
cp -a /lib/systemd/system "$root/lib/systemd/"
cp /bin/kill "$root/bin/kill"
svc=$root$unitdir/docker-gate.service
sock=$root$unitdir/docker-gate.socket

# verify DESC: runs systemd-analyze verify on the staged units; any output
# at all counts (it exits 0 on many complaints, e.g. an unparsable value).
verify() {
	OUT=$(cd "$SCRATCH" && MANPATH=$root/usr/local/share/man \
		systemd-analyze verify --root="$root" \
		docker-gate.socket docker-gate.service 2>&1) && [ -z "$OUT" ]
}
if verify; then
	ok "systemd-analyze verify: both units clean (man pages and ExecStart found)"
else
	not_ok "systemd-analyze verify: both units clean" "$OUT"
fi

# The check itself must see problems: a broken copy is reported.
cp "$svc" "$SCRATCH/service.good"
sed -i 's/^NoNewPrivileges=yes/NoNewPrivileges=perhaps/' "$svc"
check "verify reports a broken setting (the test can fail)" fails verify
cp "$SCRATCH/service.good" "$svc"
mv "$root/usr/local/sbin/docker-gated" "$SCRATCH/gated"
check "verify reports a missing ExecStart program" fails verify
mv "$SCRATCH/gated" "$root/usr/local/sbin/docker-gated"

# The sandbox, as systemd itself rates it (0 = locked down, 10 = exposed;
# --threshold counts in tenths).
OUT=$(systemd-analyze security --offline=yes --root="$root" --threshold=20 \
	--no-pager docker-gate.service 2>&1)
rc=$?
score=$(sed -n 's/.*Overall exposure level for docker-gate.service: \([0-9.]*\).*/\1/p' <<<"$OUT")
check "systemd-analyze security: exposure $score, at most 2.0 (rc $rc)" \
	[ "$rc" -eq 0 ] && [ -n "$score" ]

# The settings the gate's least privilege rests on, one by one.
for want in 'User=docker-gate' 'Group=docker-gate' 'SupplementaryGroups=docker' \
	'NoNewPrivileges=yes' 'CapabilityBoundingSet=' 'AmbientCapabilities=' \
	'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
	'PrivateDevices=yes' 'PrivateNetwork=yes' 'RestrictAddressFamilies=AF_UNIX' \
	'SystemCallFilter=@system-service' 'MemoryDenyWriteExecute=yes' \
	'RestrictNamespaces=yes' 'RestrictSUIDSGID=yes' \
	'ExecStart=/usr/local/sbin/docker-gated' 'Requires=docker-gate.socket'; do
	check "service: $want" grep -qx "$want" "$svc"
done
for want in 'ListenStream=/run/docker-gate.sock' 'SocketMode=0666' \
	'SocketUser=root' 'SocketGroup=root' 'WantedBy=sockets.target'; do
	check "socket: $want" grep -qx "$want" "$sock"
done

pkg_done
