#!/bin/sh
# docker-gate-check against small policy directories: its output (stdout
# and stderr, in order) and exit status compared with expected/CASE.out.
#   sh tests/checker/run.sh build/docker-gate-check
#   DG_CHECKER_UPDATE=1 sh tests/checker/run.sh ...   rewrites expected/
#
# Needs root: policy files pass the gate's trust check only when they and
# every directory above them are root-owned and not group/world-writable,
# so the policies/ trees are installed that way under /run at run time;
# and the -u cases resolve a real throwaway user, dgchk1 (in group
# dgchkg), created here and removed on exit.  Paths, uids and gids are
# replaced by DIR, UID, GID and SGID so that the expected files do not
# depend on the machine.
set -u

checker=${1:-build/docker-gate-check}
here=$(cd "$(dirname "$0")" && pwd)
req=$here/requests
user=dgchk1
group=dgchkg

if [ "$(id -u)" -ne 0 ]; then
	echo "checker: SKIPPED: needs root (policy files must be root-owned;" \
		"run sudo make check)" >&2
	exit 0
fi
if [ ! -x "$checker" ]; then
	echo "checker: $checker not found" >&2
	exit 1
fi
checker=$(cd "$(dirname "$checker")" && pwd)/$(basename "$checker")

work=
made_user=
made_group=
cleanup() {
	if [ -n "$made_user" ]; then userdel "$user" 2>/dev/null; fi
	if [ -n "$made_group" ]; then groupdel "$group" 2>/dev/null; fi
	if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

if getent passwd "$user" >/dev/null || getent group "$group" >/dev/null; then
	echo "checker: user $user or group $group exists (left by an" \
		"interrupted run?); remove them first" >&2
	exit 1
fi
groupadd -r "$group" && made_group=1 || exit 1
useradd -r -M -U -d "/nonexistent/$user" -s /usr/sbin/nologin -G "$group" \
	"$user" && made_user=1 || exit 1
uid=$(id -u "$user")
gid=$(id -g "$user")
sgid=$(getent group "$group" | cut -d: -f3)
work=$(mktemp -d /run/dg-checker.XXXXXX) || exit 1
chmod 0755 "$work"

# policy NAME: policies/NAME installed root:root 0755/0644 as $dir.
policy() {
	dir=$work/$1
	rm -rf "$dir"
	install -d -o root -g root -m 0755 "$dir" "$dir/groups" "$dir/users"
	(cd "$here/policies/$1" && find . -type f) | while read -r f; do
		install -o root -g root -m 0644 "$here/policies/$1/$f" "$dir/$f"
	done
}

norm() {
	sed -E -e "s|$work|DIR|g" \
		-e "s/uid $uid, gid $gid/uid UID, gid GID/g" \
		-e "s/(^|[^0-9])$uid:$gid([^0-9]|\$)/\\1UID:GID\\2/g" \
		-e "s/--group-add $sgid /--group-add SGID /g"
}

# Describe lines of keys no file sets: left out where the case is not
# about them, so that a new key does not change every expected file.
no_builtin() {
	grep -v '(built-in default)$'
}

pass=0
fail=0
# expect CASE [-b] ARGS...: run the checker (stdin passed on) and compare;
# -b leaves out the built-in default lines.
expect() {
	name=$1
	shift
	filter="cat"
	if [ "${1-}" = -b ]; then
		filter=no_builtin
		shift
	fi
	got=$work/$name.out
	{
		"$checker" "$@" 2>&1
		echo "exit $?"
	} | norm | $filter >"$got"
	if [ -n "${DG_CHECKER_UPDATE:-}" ]; then
		cp "$got" "$here/expected/$name.out"
	fi
	if diff -u "$here/expected/$name.out" "$got" >"$work/diff" 2>&1; then
		pass=$((pass + 1))
		echo "ok: $name"
	else
		fail=$((fail + 1))
		echo "FAILED: $name"
		cat "$work/diff"
	fi
}

# A valid policy, the effective policy of a user with a group file and a
# user file (by name and by uid), and requests judged against it.
policy valid
expect valid -d "$dir"
expect effective -b -d "$dir" -u "$user"
expect effective_by_uid -b -d "$dir" -u "$uid"
expect create_allowed -d "$dir" -u "$user" --create "$req/bind_srv.json" \
	--name web
expect create_stdin -d "$dir" -u "$user" --create - <"$req/run_plain.json"
expect create_denied -d "$dir" -u "$user" --create "$req/bind_etc.json"
expect create_quota -d "$dir" -u "$user" --create "$req/run_plain.json" \
	--containers 2
expect create_refused -d "$dir" -u "$user" --create "$req/unknown_field.json"
expect create_bad_name -d "$dir" -u "$user" --create "$req/run_plain.json" \
	--name 'no such name'
expect exec_allowed -d "$dir" -u "$user" --exec "$req/exec_plain.json"
expect exec_denied -d "$dir" -u "$user" --exec "$req/exec_root.json"

# Forced settings and limits of policy 1.3.
policy run13
expect create_run13_forced -d "$dir" -u "$user" --create "$req/run13_plain.json"
expect create_run13_denied -d "$dir" -u "$user" \
	--create "$req/run13_tmpfs_exec.json"
policy valid

# What the gate would refuse to load.
chmod 0666 "$dir/users/$user.conf"
expect untrusted_file -d "$dir"
expect untrusted_file_user -d "$dir" -u "$user" --create "$req/run_plain.json"
chmod 0644 "$dir/users/$user.conf"
chmod 0775 "$dir/groups"
expect untrusted_dir -d "$dir"

# Image allow-lists: the effective list, pulls and creates judged by it,
# a pattern the gate would refuse to load.
policy images
expect images_effective -b -d "$dir" -u "$user"
expect pull_allowed -d "$dir" -u "$user" --pull debian:12
expect pull_own -d "$dir" -u "$user" --pull "$user/app:1"
expect pull_denied -d "$dir" -u "$user" --pull quay.io/x/tool
expect pull_digest_denied -d "$dir" -u "$user" --pull \
	"registry.example.edu/course/a@sha256:$(printf 'a%.0s' $(seq 64))"
expect create_image_denied -d "$dir" -u "$user" --create "$req/run_plain.json"
expect usage_pull_alone -d "$dir" -u "$user" --pull x --create "$req/run_plain.json"
policy images_bad
expect images_bad_pattern -d "$dir"
policy syntax
expect syntax_error -d "$dir"
policy unknown_key
expect unknown_key -d "$dir"
install -d -o root -g root -m 0755 "$work/empty"
expect no_default_conf -d "$work/empty"
expect missing_dir -d "$work/missing"

# Warnings: per file, per user, and --strict.
policy warnings
expect warnings -d "$dir"
expect warnings_strict -d "$dir" --strict
expect warnings_user -b -d "$dir" -u "$user"
expect warnings_user_strict -b -d "$dir" -u "$user" --strict
# BuildKit: trusted users only, and nothing without build.
policy buildkit
expect warnings_buildkit -d "$dir"

# Usage errors.
expect usage_option --bogus
expect usage_no_value -d
expect usage_no_user -d "$dir" --create "$req/run_plain.json"
expect usage_unknown_user -d "$dir" -u dgchk-nobody
expect usage_no_file -d "$dir" -u "$user" --create "$work/none.json"
if "$checker" --help >/dev/null 2>&1; then
	pass=$((pass + 1))
	echo "ok: --help exits 0"
else
	fail=$((fail + 1))
	echo "FAILED: --help exits 0"
fi

if [ "$fail" -ne 0 ]; then
	echo "checker: $fail of $((pass + fail)) cases failed" >&2
	exit 1
fi
echo "checker: all $pass cases passed"
