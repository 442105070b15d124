#!/bin/bash
# Runs COMMAND in the file-system sandbox a systemd service asks for, as far
# as plain mounts reproduce it, for tests on machines where systemd is not
# running.  Call it inside a private mount namespace (and a network one for
# PrivateNetwork=):
#
#   unshare --mount --propagation private [--net] -- \
#       bash unit_sandbox.sh UNIT_FILE -- COMMAND [ARG...]
#
# It execs COMMAND (the pid stays, so LISTEN_PID still matches).  Emulated:
# ProtectSystem=strict, ProtectHome=yes, PrivateTmp=yes, ProtectProc=,
# ProcSubset=.  Not emulated: PrivateDevices=, the seccomp filters
# (SystemCallFilter=, RestrictAddressFamilies=, MemoryDenyWriteExecute=)
# and the rest; systemd-analyze verify and security check those settings.
set -eu

unit=$1
shift
[ "${1:-}" = -- ] && shift
key() {
	sed -n "s/^$1=//p" "$unit" | tail -n 1
}

proc_opts=
case $(key ProtectProc) in invisible | noaccess | ptraceable)
	proc_opts="hidepid=$(key ProtectProc)" ;;
esac
if [ "$(key ProcSubset)" = pid ]; then
	proc_opts="${proc_opts:+$proc_opts,}subset=pid"
fi
if [ -n "$proc_opts" ]; then
	mount -t proc -o "$proc_opts" proc /proc
fi

# Everything read-only but the API file systems.
if [ "$(key ProtectSystem)" = strict ]; then
	findmnt -rn -o TARGET | while read -r m; do
		case $m in /proc | /proc/* | /dev | /dev/* | /sys | /sys/*) continue ;; esac
		mount -o remount,bind,ro "$m" 2>/dev/null || true
	done
fi
if [ "$(key ProtectHome)" = yes ]; then
	for h in /home /root /run/user; do
		[ -d "$h" ] && mount -t tmpfs -o ro,mode=000,size=4k tmpfs "$h"
	done
fi
if [ "$(key PrivateTmp)" = yes ]; then
	for t in /tmp /var/tmp; do
		mount -t tmpfs -o mode=1777,size=16m tmpfs "$t"
	done
fi
exec "$@"
