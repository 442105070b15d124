# shellcheck shell=bash
# End-to-end harness for docker-gate, sourced by tests/e2e/run.sh, every
# tests/e2e/t_*.sh, tests/bench/run.sh and tests/demo.sh.
#
# dg_setup (root, once per run) builds a world nobody else shares:
#   /run/dgate-test.<id>/         root 0755: everything the gate must trust
#     bin/docker-gated bin/docker copies of the build (the wrapper is `docker`)
#     lib/docker-gate-policy.so   0644
#     lib/docker/cli-plugins/     docker-policy (`docker policy`), found by
#                                 the CLI through cliPluginsExtraDirs
#     etc/docker-gate/            default.conf, groups/, users/, wrapper.conf
#     gate/docker-gate.sock       the gate's socket
#     docker.sock                 a private dockerd, group dgate-docker, 0660
#   /var/lib/dgate-test.<id>/     that dockerd's data root (on disk, so
#                                 overlay2 works even where /run is tmpfs)
#   bridge dgt<id>                a private bridge with a free /24
#   users dgalice, dgbob          ordinary users, in no docker group
#   user dgate-gate               the system user the gate drops to
#   image local/busybox:test      busybox-static + passwd/group, imported
#
# The gate parts are switchable: DG_MODE=direct (automatic when the build
# has no gate yet) puts the users in dgate-docker and points their CLI at
# the private dockerd directly, so the harness itself can be exercised.
#
# Tests run as subprocesses; they re-source this file and find everything
# through the exported DG_* variables.  This file is the world (setup,
# teardown, the gate, policies); tests/e2e/assert.sh, sourced below, is the
# test side (as_user, dk, raw, the expect_* assertions).

# ---------------------------------------------------------------------------
# Names and paths

DG_ID=${DG_ID:-$$}
DG_SRC=${DG_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
DG_RUN=/run/dgate-test.$DG_ID
DG_VAR=/var/lib/dgate-test.$DG_ID
DG_ETC=$DG_RUN/etc/docker-gate
DG_BIN=$DG_RUN/bin
DG_LOGS=$DG_RUN/logs
DG_WRAPPER_CONF=$DG_ETC/wrapper.conf
DG_CLI_PLUGINS=$DG_RUN/lib/docker/cli-plugins
DOCKER_SOCK=$DG_RUN/docker.sock
GATE_SOCK=$DG_RUN/gate/docker-gate.sock
DG_BRIDGE=dgt$DG_ID
DG_GROUP=dgate-docker
DG_GATE_USER=dgate-gate
DG_USERS="dgalice dgbob"
# A class group some tests and the demo put dgalice in.
DG_CLASS=dgstudents
IMG=local/busybox:test
DG_LOCK=/run/dgate-test.lock
# Seconds any single command of a test may take before it counts as hung.
DG_CMD_TIMEOUT=${DG_CMD_TIMEOUT:-60}
export DG_ID DG_SRC

# Running things as users, raw requests, assertions.
# shellcheck source=tests/e2e/assert.sh
. "$DG_SRC/tests/e2e/assert.sh"

# ---------------------------------------------------------------------------
# Messages

dg_log() {
	printf '%s\n' "== $*" >&2
}

dg_die() {
	printf '%s\n' "e2e: $*" >&2
	exit 1
}

dg_need_root() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "$1 needs root: it starts its own dockerd and creates test users." >&2
		echo "Run it as: sudo make ${2:-check}   (or: sudo bash $1 build)" >&2
		exit 1
	fi
}

# Waits until "$@" succeeds, at most $DG_WAIT seconds (default 30).
dg_wait_for() {
	local deadline=$((SECONDS + ${DG_WAIT:-30}))
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}

# ---------------------------------------------------------------------------
# Which docker CLI the users run (CLI 28 if installed, else the distro's;
# never docker-gate's own wrapper from `make install` or the package)

dg_pick_cli() {
	if [ -n "${DG_REAL_DOCKER:-}" ]; then
		:
	elif [ -x /usr/local/bin/docker ] &&
		! grep -qaF '@(#)docker-gate docker wrapper' /usr/local/bin/docker; then
		DG_REAL_DOCKER=/usr/local/bin/docker
	elif [ -x /usr/bin/docker.real ]; then
		# docker-gate's package is installed: the real CLI is diverted.
		DG_REAL_DOCKER=/usr/bin/docker.real
	else
		DG_REAL_DOCKER=/usr/bin/docker
	fi
	export DG_REAL_DOCKER
}

# Gate mode if the build has all three parts, unless forced.
dg_pick_mode() {
	local b=$1
	if [ -z "${DG_MODE:-}" ]; then
		if [ -x "$b/docker-gated" ] && [ -x "$b/docker" ] &&
			[ -f "$b/docker-gate-policy.so" ]; then
			DG_MODE=gate
		else
			DG_MODE=direct
		fi
	fi
	export DG_MODE
}

# ---------------------------------------------------------------------------
# Root's own view of the private dockerd (never through the gate)

dkroot() {
	"$DG_REAL_DOCKER" -H "unix://$DOCKER_SOCK" "$@"
}

dg_docker_ping() {
	[ "$(curl -sf --max-time 2 --unix-socket "$DOCKER_SOCK" \
		http://localhost/_ping)" = OK ]
}

# ---------------------------------------------------------------------------
# Users

dg_home() {
	getent passwd "$1" | cut -d: -f6
}

dg_uid() {
	id -u "$1"
}

dg_gid() {
	id -g "$1"
}

dg_setup_users() {
	local u
	getent group "$DG_GROUP" >/dev/null || groupadd -r "$DG_GROUP"
	if ! getent passwd "$DG_GATE_USER" >/dev/null; then
		useradd -r -M -d /nonexistent -s /usr/sbin/nologin \
			-G "$DG_GROUP" "$DG_GATE_USER"
	fi
	for u in $DG_USERS; do
		if ! getent passwd "$u" >/dev/null; then
			useradd -m -s /bin/sh "$u"
			# A home left over by an earlier, killed run.
			chown -R "$u:" "$(dg_home "$u")"
		fi
		# Ordinary users: in no docker group, unless the harness runs
		# without a gate and they must reach dockerd directly.
		gpasswd -d "$u" docker >/dev/null 2>&1 || true
		if [ "$DG_MODE" = direct ]; then
			usermod -aG "$DG_GROUP" "$u"
		else
			gpasswd -d "$u" "$DG_GROUP" >/dev/null 2>&1 || true
		fi
	done
}

dg_teardown_users() {
	local u
	[ "${KEEP:-0}" = 1 ] && return 0
	for u in $DG_USERS; do
		getent passwd "$u" >/dev/null && userdel -r "$u" 2>/dev/null
	done
	getent passwd "$DG_GATE_USER" >/dev/null && userdel "$DG_GATE_USER"
	getent group "$DG_GROUP" >/dev/null && groupdel "$DG_GROUP"
	getent group "$DG_CLASS" >/dev/null && groupdel "$DG_CLASS"
	return 0
}

# ---------------------------------------------------------------------------
# Network: a private bridge on a /24 nobody routes yet

dg_subnet_free() {
	# Only the default route may cover the candidate.
	! ip -4 route show match "$1" | grep -qv '^default'
}

dg_setup_bridge() {
	local i x
	ip link show "$DG_BRIDGE" >/dev/null 2>&1 &&
		dg_die "bridge $DG_BRIDGE already exists"
	for i in $(seq 0 199); do
		x=$(((DG_ID + i) % 200 + 20))
		if dg_subnet_free "172.29.$x.0/24"; then
			DG_SUBNET=172.29.$x
			break
		fi
	done
	[ -n "${DG_SUBNET:-}" ] || dg_die "no free 172.29.x.0/24 for the test bridge"
	ip link add "$DG_BRIDGE" type bridge
	ip addr add "$DG_SUBNET.1/24" dev "$DG_BRIDGE"
	ip link set "$DG_BRIDGE" up
	export DG_SUBNET
}

dg_teardown_bridge() {
	ip link show "$DG_BRIDGE" >/dev/null 2>&1 && ip link del "$DG_BRIDGE"
	return 0
}

# A block of 11 free TCP ports on 127.0.0.1 for the port tests: the
# policy allows BASE..BASE+9, BASE+10 is outside it.
dg_pick_ports() {
	local i base used p free
	used=$(ss -Hltn | awk '{n = split($4, a, ":"); print a[n]}')
	for i in $(seq 0 99); do
		base=$((20000 + ((DG_ID + i * 37) % 400) * 20))
		free=1
		for p in $(seq "$base" $((base + 10))); do
			if printf '%s\n' "$used" | grep -qx "$p"; then
				free=0
				break
			fi
		done
		if [ "$free" = 1 ]; then
			DG_PORT_BASE=$base
			break
		fi
	done
	[ -n "${DG_PORT_BASE:-}" ] || dg_die "no free port block"
	export DG_PORT_BASE
}

# ---------------------------------------------------------------------------
# The private dockerd

dg_start_dockerd() {
	mkdir -p "$DG_VAR/data" "$DG_RUN/exec"
	chmod 0711 "$DG_VAR"
	# An empty config, so a host /etc/docker/daemon.json cannot interfere.
	echo '{}' >"$DG_RUN/daemon.json"
	# --iptables=false: the host's iptables chains are shared with any
	# other dockerd on this machine, which flushes them when it starts;
	# ports still publish on 127.0.0.1 through the userland proxy.
	# A containerd namespace of our own, in case a system containerd is
	# running and gets picked up.
	dockerd \
		--config-file "$DG_RUN/daemon.json" \
		--data-root "$DG_VAR/data" \
		--exec-root "$DG_RUN/exec" \
		--pidfile "$DG_RUN/dockerd.pid" \
		-H "unix://$DOCKER_SOCK" \
		--group "$DG_GROUP" \
		--bridge "$DG_BRIDGE" \
		--iptables=false --ip-masq=false --userland-proxy=true \
		--containerd-namespace "dgate$DG_ID" \
		--containerd-plugins-namespace "dgate$DG_ID-plugins" \
		--log-level warn \
		>"$DG_LOGS/dockerd.log" 2>&1 9>&- &
	DG_DOCKERD_PID=$!
	echo "$DG_DOCKERD_PID" >"$DG_RUN/dockerd.launcher.pid"
	if ! DG_WAIT=90 dg_wait_for dg_docker_ping; then
		tail -n 30 "$DG_LOGS/dockerd.log" >&2
		dg_die "private dockerd did not come up (log above)"
	fi
	dg_log "dockerd up: $DOCKER_SOCK ($(dkroot info -f '{{.Driver}}') storage, bridge $DG_BRIDGE $DG_SUBNET.0/24)"
}

dg_stop_dockerd() {
	local pid
	pid=$(cat "$DG_RUN/dockerd.launcher.pid" 2>/dev/null) || return 0
	if kill -0 "$pid" 2>/dev/null; then
		# Containers first: faster than letting dockerd stop each one.
		# Bounded: a deadlocked dockerd must not hold the run forever.
		timeout 30 "$DG_REAL_DOCKER" -H "unix://$DOCKER_SOCK" ps -aq \
			2>/dev/null | xargs -r timeout 30 "$DG_REAL_DOCKER" \
			-H "unix://$DOCKER_SOCK" rm -f >/dev/null 2>&1
		kill -TERM "$pid"
		DG_WAIT=30 dg_wait_for dg_pid_gone "$pid" || kill -KILL "$pid"
	fi
	rm -f "$DG_RUN/dockerd.launcher.pid"
}

dg_pid_gone() {
	! kill -0 "$1" 2>/dev/null
}

# Anything dockerd left mounted under our two trees, deepest first.
dg_unmount_all() {
	local m
	findmnt -rn -o TARGET | awk -v a="$DG_RUN/" -v b="$DG_VAR/" \
		'index($0, a) == 1 || index($0, b) == 1' | sort -r |
		while read -r m; do
			umount -l "$m" 2>/dev/null || true
		done
}

# ---------------------------------------------------------------------------
# The test image: busybox-static, a few applet links, passwd and group

DG_APPLETS="sh nslookup echo cat ls id sleep true false httpd wget nc head tail wc env
	grep sed mkdir rm cp mv touch test printf stat dd seq md5sum cmp"

dg_import_image() {
	local root=$DG_RUN/img a
	mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
	chmod 1777 "$root/tmp"
	cp /bin/busybox "$root/bin/busybox"
	for a in $DG_APPLETS; do
		ln -s busybox "$root/bin/$a"
	done
	printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
		'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' \
		>"$root/etc/passwd"
	printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$root/etc/group"
	tar -C "$root" --numeric-owner -cf - . |
		dkroot import --change 'CMD ["sh"]' --change 'ENV PATH=/bin' \
			- "$IMG" >/dev/null ||
		dg_die "cannot import $IMG"
	rm -rf "$root"
}

# ---------------------------------------------------------------------------
# The gate

# Copies the build into the trusted tree and writes policy and wrapper
# configuration.  The gate trusts only root-owned, not group/world-writable
# files whose every ancestor is the same.
dg_stage() {
	local b=$1
	install -d -m 0755 "$DG_BIN" "$DG_RUN/lib" "$DG_ETC" "$DG_ETC/users" \
		"$DG_ETC/groups" "$DG_RUN/gate" "$DG_RUN/tmp"
	if [ "$DG_MODE" = gate ]; then
		install -m 0755 "$b/docker-gated" "$DG_BIN/docker-gated"
		install -m 0755 "$b/docker" "$DG_BIN/docker"
		install -m 0644 "$b/docker-gate-policy.so" \
			"$DG_RUN/lib/docker-gate-policy.so"
		if [ -x "$b/docker-policy" ]; then
			install -d -m 0755 "$DG_CLI_PLUGINS"
			install -m 0755 "$b/docker-policy" \
				"$DG_CLI_PLUGINS/docker-policy"
		fi
	else
		ln -s "$DG_REAL_DOCKER" "$DG_BIN/docker"
	fi
	dg_write_default_policy
	{
		echo "docker = $DG_REAL_DOCKER"
		echo "socket = $GATE_SOCK"
		echo "upstream = $DOCKER_SOCK"
	} >"$DG_WRAPPER_CONF"
	chmod 0644 "$DG_WRAPPER_CONF"
}

# The shipped default policy when it exists, so the tests test it.
dg_write_default_policy() {
	if [ -f "$DG_SRC/policies/default.conf" ]; then
		install -m 0644 "$DG_SRC/policies/default.conf" "$DG_ETC/default.conf"
	else
		cat >"$DG_ETC/default.conf" <<-'EOF'
			# e2e fallback: policies/default.conf does not exist yet
			privileged = false
			allow_root = false
			run_as_caller = true
			bind_roots = {}
			ports = {}
			publish_random = false
			pids_limit = 512
			no_new_privileges = true
			cap_drop_all = true
		EOF
		chmod 0644 "$DG_ETC/default.conf"
	fi
}

dg_gate_ping() {
	[ "$(as_user dgalice curl -sf --max-time 2 --unix-socket "$GATE_SOCK" \
		http://localhost/_ping)" = OK ]
}

dg_gate_pid() {
	cat "$DG_RUN/gate.pid" 2>/dev/null
}

gate_start() {
	[ "$DG_MODE" = gate ] || return 0
	rm -f "$GATE_SOCK"
	"$DG_BIN/docker-gated" \
		--listen "$GATE_SOCK" \
		--upstream "$DOCKER_SOCK" \
		--user "$DG_GATE_USER" \
		--upstream-group "$DG_GROUP" \
		--plugin "$DG_RUN/lib/docker-gate-policy.so" \
		--policy-dir "$DG_ETC" \
		--foreground \
		</dev/null >>"$DG_LOGS/gate.log" 2>&1 9>&- &
	echo $! >"$DG_RUN/gate.pid"
	if ! DG_WAIT=20 dg_wait_for dg_gate_ping; then
		tail -n 30 "$DG_LOGS/gate.log" >&2
		dg_log "the gate did not come up (log above)"
		return 1
	fi
}

gate_stop() {
	local pid
	[ "$DG_MODE" = gate ] || return 0
	pid=$(dg_gate_pid) || return 0
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid"
		DG_WAIT=10 dg_wait_for dg_pid_gone "$pid" || kill -KILL "$pid"
	fi
	rm -f "$DG_RUN/gate.pid"
}

gate_alive() {
	local pid
	[ "$DG_MODE" = gate ] || return 0
	pid=$(dg_gate_pid) && kill -0 "$pid" 2>/dev/null
}

dg_reload_count() {
	grep -c 'policy reload' "$DG_LOGS/gate.log" 2>/dev/null
}

# Makes the gate re-read its policy (SIGHUP) and waits until its log says
# it did ("policy reloaded" or "policy reload failed ..."); fails, showing
# the log line, if the reload failed.
gate_reload() {
	local pid n
	[ "$DG_MODE" = gate ] || return 0
	pid=$(dg_gate_pid) || return 1
	n=$(dg_reload_count)
	kill -HUP "$pid"
	DG_WAIT=10 dg_wait_for dg_reloaded_since "$n" || {
		dg_log "the gate did not log a policy reload"
		return 1
	}
	if grep 'policy reload' "$DG_LOGS/gate.log" | tail -n 1 | grep -q failed; then
		grep 'policy reload' "$DG_LOGS/gate.log" | tail -n 1 >&2
		return 1
	fi
}

dg_reloaded_since() {
	[ "$(dg_reload_count)" -gt "$1" ]
}

# policy_set FILE < text: writes $DG_ETC/FILE (e.g. users/dgalice.conf) as
# root 0644 and reloads the gate.
policy_set() {
	local f=$DG_ETC/$1
	install -d -m 0755 "$(dirname "$f")"
	cat >"$f.tmp"
	chmod 0644 "$f.tmp"
	mv -f "$f.tmp" "$f"
	gate_reload
}

# class_join USER: puts USER in the class group (created on demand).
class_join() {
	getent group "$DG_CLASS" >/dev/null || groupadd "$DG_CLASS"
	usermod -aG "$DG_CLASS" "$1"
}

class_leave() {
	gpasswd -d "$1" "$DG_CLASS" >/dev/null 2>&1 || true
}

# Back to the default policy only.
policy_reset() {
	rm -f "$DG_ETC"/users/*.conf "$DG_ETC"/groups/*.conf
	dg_write_default_policy
	gate_reload
}

# ---------------------------------------------------------------------------
# Cleaning up between tests

# Removes containers through root's direct socket (test cleanup).
dg_rm_containers() {
	[ $# -gt 0 ] || return 0
	dkroot rm -f "$@" >/dev/null 2>&1 || true
}

# Removes every container and every image but the test image.
dg_clean_daemon() {
	local ids
	ids=$(dkroot ps -aq)
	# shellcheck disable=SC2086 # IDs are one word each
	[ -z "$ids" ] || dkroot rm -f $ids >/dev/null 2>&1
	dkroot images --format '{{.Repository}}:{{.Tag}} {{.ID}}' |
		awk -v keep="$IMG" '$1 != keep {print $2}' | sort -u |
		xargs -r "$DG_REAL_DOCKER" -H "unix://$DOCKER_SOCK" rmi -f \
			>/dev/null 2>&1
	return 0
}

# dg_net_forward NETWORK: lets the containers on one user network of the
# private dockerd reach each other.  The daemon runs with --iptables=false,
# and on a host where another dockerd set the FORWARD policy to DROP with
# br_netfilter loaded, bridged traffic is dropped; the rule names this
# network's bridge only and is removed at teardown.
dg_net_forward() {
	local id br
	id=$(dkroot network inspect -f '{{.Id}}' "$1") || return 1
	br=br-${id:0:12}
	iptables -I FORWARD -i "$br" -o "$br" -j ACCEPT 2>/dev/null || return 0
	echo "$br" >>"$DG_RUN/forward.rules"
}

dg_net_forward_undo() {
	local br
	[ -f "$DG_RUN/forward.rules" ] || return 0
	while read -r br; do
		iptables -D FORWARD -i "$br" -o "$br" -j ACCEPT 2>/dev/null
	done <"$DG_RUN/forward.rules"
	rm -f "$DG_RUN/forward.rules"
}

# Between two test scripts: no containers or extra images, users in no
# extra group, the default policy, a running gate.
dg_reset_world() {
	local u
	dg_clean_daemon
	dkroot volume prune -f >/dev/null 2>&1
	dkroot network prune -f >/dev/null 2>&1
	for u in $DG_USERS; do
		class_leave "$u"
		[ "$DG_MODE" = direct ] ||
			gpasswd -d "$u" "$DG_GROUP" >/dev/null 2>&1 || true
	done
	rm -f "$DG_ETC"/users/*.conf "$DG_ETC"/groups/*.conf
	dg_write_default_policy
	[ "$DG_MODE" = gate ] || return 0
	if ! gate_alive || ! gate_reload >/dev/null 2>&1; then
		gate_stop
		gate_start >/dev/null 2>&1
	fi
}

# ---------------------------------------------------------------------------
# Whole setup and teardown (run.sh, bench, demo)

dg_setup() {
	local build=$1
	DG_BUILD=$(cd "$build" 2>/dev/null && pwd) ||
		dg_die "no build directory $build"
	export DG_BUILD
	dg_pick_cli
	dg_pick_mode "$DG_BUILD"
	if [ "$DG_MODE" = gate ]; then
		for f in docker-gated docker docker-gate-policy.so; do
			[ -e "$DG_BUILD/$f" ] || dg_die "$DG_BUILD/$f is missing (make all)"
		done
	fi
	[ -x "$DG_REAL_DOCKER" ] || dg_die "no docker CLI at $DG_REAL_DOCKER"
	command -v dockerd >/dev/null || dg_die "dockerd is not installed"
	# One harness at a time per machine: users and group names are shared.
	exec 9>"$DG_LOCK"
	flock -w 900 9 || dg_die "another e2e run holds $DG_LOCK"
	trap dg_teardown EXIT
	trap 'exit 130' INT TERM HUP
	install -d -m 0755 "$DG_RUN" "$DG_LOGS" "$DG_RUN/tmp"
	dg_log "run dir $DG_RUN, mode $DG_MODE, CLI $DG_REAL_DOCKER"
	dg_setup_users
	dg_setup_bridge
	dg_pick_ports
	dg_stage "$DG_BUILD"
	dg_start_dockerd
	dg_import_image
	if [ "$DG_MODE" = gate ]; then
		gate_start || dg_die "cannot start the gate"
		dg_log "gate up: $GATE_SOCK (pid $(dg_gate_pid))"
	fi
}

dg_teardown() {
	local rc=$?
	trap - EXIT
	set +e
	gate_stop
	# user networks leave host bridges behind a stopped dockerd
	dg_clean_daemon
	dkroot network prune -f >/dev/null 2>&1
	dg_net_forward_undo
	dg_stop_dockerd
	dg_unmount_all
	dg_teardown_bridge
	dg_teardown_users
	if [ "${KEEP:-0}" = 1 ]; then
		dg_log "KEEP=1: logs left in $DG_LOGS"
		rm -rf --one-file-system "$DG_VAR"
	else
		rm -rf --one-file-system "$DG_RUN" "$DG_VAR"
	fi
	exit "$rc"
}
