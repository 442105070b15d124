#!/bin/bash
# SIGHUP re-reads the policy; a broken or untrusted file is refused and the
# previous policy stays in force, with file:line in the log.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

home=$(dg_home dgalice)
as_user dgalice sh -c 'mkdir -p data && echo reload-ok >data/f'
f=$DG_ETC/users/dgalice.conf

# A good change takes effect.
check "policy with bind_roots = {\"~\"} loads" policy_set users/dgalice.conf \
	<<<'bind_roots = {"~"}'
expect_out reload-ok dk dgalice run --rm -v "$home/data:/d" "$IMG" cat /d/f

# A syntax error: refused, the old policy (binds allowed) stays.
printf 'bind_roots = {}\nprivileged = maybe\n' >"$f"
check "a broken file makes the reload fail" fails gate_reload
check "the log names the file and line" \
	grep -q "dgalice.conf:2" "$DG_LOGS/gate.log"
expect_out reload-ok dk dgalice run --rm -v "$home/data:/d" "$IMG" cat /d/f

# An untrusted (group-writable) file: refused too.
printf 'bind_roots = {}\n' >"$f"
chmod 0664 "$f"
check "a group-writable file makes the reload fail" fails gate_reload
expect_out reload-ok dk dgalice run --rm -v "$home/data:/d" "$IMG" cat /d/f

# Fixed: the new policy (no binds) applies.
chmod 0644 "$f"
check "the fixed file reloads" gate_reload
expect_denied "-v $home/data:/d" dk dgalice run --rm -v "$home/data:/d" "$IMG" cat /d/f

dg_done
