#!/bin/bash
# Remote users: `docker -H ssh://alice@host ...` runs `docker system
# dial-stdio` as alice on the host, through the wrapper first on PATH, so
# the gate sees alice and her policy applies.  A private sshd on
# 127.0.0.1 (own config, host key and port; stopped by pid), key
# authentication for dgalice, and the real docker CLI as the client.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

sshd=/usr/sbin/sshd
for p in "$sshd" /usr/bin/ssh /usr/bin/ssh-keygen; do
	if [ ! -x "$p" ]; then
		echo "skip: $p is missing (openssh-server/openssh-client: make deps)"
		exit 77
	fi
done

# Not "d": the expect_* helpers have a local d, and bash scoping is dynamic.
sshdir=$DG_RUN/ssh
install -d -m 0755 "$sshdir" "$sshdir/bin" "$sshdir/home" "$sshdir/authorized_keys"
ssh-keygen -q -t ed25519 -N '' -C dg-host -f "$sshdir/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C dg-client -f "$sshdir/client_ed25519"
install -m 0644 "$sshdir/client_ed25519.pub" "$sshdir/authorized_keys/dgalice"

# A free port on 127.0.0.1.
port=
for i in $(seq 0 199); do
	p=$((30000 + (DG_ID * 13 + i * 97) % 20000))
	if [ -z "$(ss -Hltn "sport = :$p")" ]; then
		port=$p
		break
	fi
done
[ -n "$port" ] || dg_die "no free port for sshd"

# The host side of a docker-gate host: the wrapper first on PATH (here the
# staged one, with the test world's wrapper.conf), like /usr/local/bin or
# the package's /usr/bin on a real host.
cat >"$sshdir/sshd_config" <<-CONF
	Port $port
	ListenAddress 127.0.0.1
	HostKey $sshdir/host_ed25519
	PidFile $sshdir/sshd.pid
	AuthorizedKeysFile $sshdir/authorized_keys/%u
	AllowUsers dgalice
	PubkeyAuthentication yes
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	PermitRootLogin no
	UsePAM no
	StrictModes yes
	AllowTcpForwarding no
	AllowAgentForwarding no
	X11Forwarding no
	PrintMotd no
	LogLevel VERBOSE
	SetEnv PATH=$DG_BIN:/usr/bin:/bin DOCKER_GATE_WRAPPER_CONF=$DG_WRAPPER_CONF
CONF
# Without PAM, sshd refuses accounts whose password field starts with "!"
# (useradd's default): "*" (no password, not locked) for the test's length.
shadow_before=$(getent shadow dgalice | cut -d: -f2)
usermod -p '*' dgalice
made_privsep=0
if [ ! -d /run/sshd ]; then
	install -d -m 0755 /run/sshd
	made_privsep=1
fi

"$sshd" -f "$sshdir/sshd_config" -D -e >"$DG_LOGS/sshd.log" 2>&1 9>&- &
sshd_pid=$!
stop_sshd() {
	kill -TERM "$sshd_pid" 2>/dev/null
	DG_WAIT=10 dg_wait_for dg_pid_gone "$sshd_pid" || kill -KILL "$sshd_pid" 2>/dev/null
	usermod -p "$shadow_before" dgalice
	[ "$made_privsep" = 0 ] || rmdir /run/sshd 2>/dev/null
}
trap stop_sshd EXIT
# shellcheck disable=SC2317 # called through dg_wait_for
sshd_up() {
	[ -n "$(ss -Hltn "sport = :$port")" ]
}
if ! DG_WAIT=15 dg_wait_for sshd_up; then
	if grep -qi 'privilege separation\|cannot bind\|fatal' "$DG_LOGS/sshd.log"; then
		echo "skip: sshd cannot run here: $(head -n 3 "$DG_LOGS/sshd.log")"
		exit 77
	fi
	dg_not_ok "private sshd on 127.0.0.1:$port" "$(tail -n 10 "$DG_LOGS/sshd.log")"
	dg_done
fi
dg_ok "private sshd listening on 127.0.0.1:$port (pid $sshd_pid)"

# The client side: its own ssh configuration, nothing of root's.
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$sshdir/host_ed25519.pub")" \
	>"$sshdir/known_hosts"
cat >"$sshdir/ssh_config" <<-CONF
	Host *
	  IdentityFile $sshdir/client_ed25519
	  IdentitiesOnly yes
	  UserKnownHostsFile $sshdir/known_hosts
	  GlobalKnownHostsFile /dev/null
	  StrictHostKeyChecking yes
	  BatchMode yes
	  LogLevel ERROR
CONF
printf '#!/bin/sh\nexec /usr/bin/ssh -F %s "$@"\n' "$sshdir/ssh_config" >"$sshdir/bin/ssh"
chmod 0755 "$sshdir/bin/ssh"

# shellcheck disable=SC2317 # called through run_cmd
remote() {
	timeout -k 5 60 env -i HOME="$sshdir/home" LANG=C.UTF-8 PATH="$sshdir/bin:/usr/bin:/bin" \
		"$DG_REAL_DOCKER" -H "ssh://dgalice@127.0.0.1:$port" "$@"
}

mark=$(wc -l <"$DG_LOGS/gate.log")
WHAT="docker -H ssh://dgalice@127.0.0.1:$port ps" expect_ok remote ps
WHAT="a container run over ssh runs as dgalice" \
	expect_out "$(dg_uid dgalice)" remote run --rm "$IMG" id -u
run_cmd remote run --rm --privileged "$IMG" true
check "dgalice's policy holds over ssh: --privileged is refused" \
	contains "$ERR" "docker-gate: --privileged is refused"
since=$(tail -n +"$((mark + 1))" "$DG_LOGS/gate.log")
check "the audit log shows dgalice listing containers" \
	grep -q 'decision=allow user=dgalice .*route=/containers/json' <<<"$since"
check "the audit log shows dgalice's refused create" \
	grep -q 'decision=deny user=dgalice .*route=/containers/create' <<<"$since"
check "nobody else appears in those lines" \
	fails grep -v 'user=dgalice' <<<"$(grep 'decision=' <<<"$since")"
check "sshd logged dgalice's key login" \
	grep -q 'Accepted publickey for dgalice' "$DG_LOGS/sshd.log"

stop_sshd
trap - EXIT
check "sshd stopped" dg_pid_gone "$sshd_pid"
dg_done
