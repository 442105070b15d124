# shellcheck shell=bash
# The test-side half of the e2e harness, sourced by tests/e2e/lib.sh:
# running things as the test users (through the wrapper, or raw HTTP to the
# gate), the assertions every t_*.sh uses, small helpers for tests.

# ---------------------------------------------------------------------------
# Running things as the test users

# as_user USER [VAR=value...] CMD...: a clean environment, the user's home
# as working directory, the staged wrapper first in PATH.
as_user() {
	local u=$1 home
	shift
	home=$(dg_home "$u")
	local -a envs=(HOME="$home" USER="$u" LOGNAME="$u" LANG=C.UTF-8
		PATH="$DG_BIN:/usr/bin:/bin"
		DOCKER_GATE_WRAPPER_CONF="$DG_WRAPPER_CONF")
	if [ "$DG_MODE" = direct ]; then
		envs+=(DOCKER_HOST="unix://$DOCKER_SOCK")
	fi
	# The timeout runs as the user, so it can end everything it started.
	runuser -u "$u" -- timeout -k 5 "${DG_AS_USER_TIMEOUT:-$DG_CMD_TIMEOUT}" \
		env -i -C "$home" "${envs[@]}" "$@"
}

# dk USER args...: `docker args...` as USER, through the wrapper.
dk() {
	local u=$1
	shift
	as_user "$u" docker "$@"
}

# raw USER METHOD PATH [BODY]: one HTTP request to the gate as USER with
# curl.  Sets RAW_STATUS, RAW_CTYPE, RAW_BODY.  Extra curl arguments can be
# passed in the array RAW_ARGS.
raw() {
	local u=$1 method=$2 path=$3 body=${4-} f
	f=$(mktemp "$DG_RUN/tmp/raw.XXXXXX")
	local -a args=(-s -S -i --max-time 10 --path-as-is
		--unix-socket "$GATE_SOCK" -X "$method")
	if [ $# -ge 4 ]; then
		args+=(-H 'Content-Type: application/json' --data-binary @-)
	fi
	printf '%s' "$body" | as_user "$u" curl "${args[@]}" \
		${RAW_ARGS[@]+"${RAW_ARGS[@]}"} "http://localhost$path" \
		>"$f" 2>&1
	dg_parse_response "$f"
	rm -f "$f"
}

# raw_bytes USER < request: sends exactly these bytes on one connection
# (socat), waits up to 5 s for the answer.  Sets RAW_* like raw().
raw_bytes() {
	local u=$1 f
	f=$(mktemp "$DG_RUN/tmp/raw.XXXXXX")
	as_user "$u" timeout 8 socat -t 5 - "UNIX-CONNECT:$GATE_SOCK" >"$f" 2>&1
	dg_parse_response "$f"
	rm -f "$f"
}

dg_parse_response() {
	local f=$1
	RAW_STATUS=$(head -n 1 "$f" | tr -d '\r' | awk '/^HTTP\// {print $2}')
	RAW_STATUS=${RAW_STATUS:-none}
	RAW_CTYPE=$(sed -n '1,/^\r\{0,1\}$/p' "$f" | tr -d '\r' |
		awk -F': *' 'tolower($1) == "content-type" {print $2; exit}')
	RAW_BODY=$(sed '1,/^\r\{0,1\}$/d' "$f")
	RAW_HEAD=$(head -n 1 "$f" | tr -d '\r')
}

# ---------------------------------------------------------------------------
# Assertions.  Each prints "ok - ..." or "not ok - ..." with details and
# counts; t_*.sh scripts end with `dg_done`, which exits non-zero if any
# check failed.

DG_PASS=0
DG_FAIL=0
RC=0
OUT=
ERR=

dg_ok() {
	DG_PASS=$((DG_PASS + 1))
	printf 'ok - %s\n' "$1"
}

dg_not_ok() {
	DG_FAIL=$((DG_FAIL + 1))
	printf 'not ok - %s\n' "$1"
	shift
	[ $# -gt 0 ] && printf '    %s\n' "$@"
	return 0
}

dg_details() {
	printf '%s\n' "rc=$RC"
	printf '%s\n' "$OUT" | head -n 15 | sed 's/^/stdout: /'
	printf '%s\n' "$ERR" | head -n 15 | sed 's/^/stderr: /'
}

# run_cmd CMD...: sets RC, OUT, ERR (as_user bounds the time).
run_cmd() {
	local o e
	o=$(mktemp "$DG_RUN/tmp/out.XXXXXX")
	e=$(mktemp "$DG_RUN/tmp/err.XXXXXX")
	RC=0
	"$@" >"$o" 2>"$e" </dev/null || RC=$?
	OUT=$(cat "$o")
	ERR=$(cat "$e")
	rm -f "$o" "$e"
	[ "$RC" -ne 124 ] || ERR="$ERR
(exit 124: timed out)"
}

dg_what() {
	printf '%s' "${WHAT:-$*}"
}

# Conditions for check (it takes a command, not [[ ]]).
contains() {
	[[ "$1" == *"$2"* ]]
}

lacks() {
	[[ "$1" != *"$2"* ]]
}

fails() {
	! "$@"
}

# one_of VALUE CHOICE...
one_of() {
	local v=$1 c
	shift
	for c in "$@"; do
		[ "$v" = "$c" ] && return 0
	done
	return 1
}

# in_range VALUE LO HI (integers)
in_range() {
	[[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}

is_id() {
	[[ "$1" =~ ^[0-9a-f]{64}$ ]]
}

# check DESC CMD...: passes if CMD succeeds (for plain conditions).
check() {
	local d=$1
	shift
	if "$@"; then dg_ok "$d"; else dg_not_ok "$d"; fi
}

expect_ok() {
	local d
	d=$(dg_what "$@")
	run_cmd "$@"
	if [ "$RC" -eq 0 ]; then dg_ok "$d"; else
		dg_not_ok "$d" "$(dg_details)"
	fi
}

# expect_out FRAGMENT CMD...: succeeds and stdout contains FRAGMENT.
expect_out() {
	local frag=$1 d
	shift
	d="$(dg_what "$@") prints '$frag'"
	run_cmd "$@"
	if [ "$RC" -eq 0 ] && [[ "$OUT" == *"$frag"* ]]; then dg_ok "$d"; else
		dg_not_ok "$d" "$(dg_details)"
	fi
}

# expect_fail_msg FRAGMENT CMD...: fails and stderr contains FRAGMENT.
expect_fail_msg() {
	local frag=$1 d
	shift
	d="$(dg_what "$@") fails with '$frag'"
	run_cmd "$@"
	if [ "$RC" -ne 0 ] && [[ "$ERR" == *"$frag"* ]]; then dg_ok "$d"; else
		dg_not_ok "$d" "$(dg_details)"
	fi
}

# expect_denied OPTION CMD...: the gate refused, naming OPTION as typed:
# non-zero exit, stderr has "docker-gate:", OPTION and "refused".
expect_denied() {
	local opt=$1 d
	shift
	d="$(dg_what "$@") is refused naming '$opt'"
	run_cmd "$@"
	if [ "$RC" -ne 0 ] && [[ "$ERR" == *"docker-gate:"* ]] &&
		[[ "$ERR" == *"$opt"* ]] && [[ "$ERR" == *refused* ]]; then
		dg_ok "$d"
	else
		dg_not_ok "$d" "$(dg_details)"
	fi
}

# expect_status "CODES" DESC USER METHOD PATH [BODY]: a raw request whose
# status is one of CODES (space separated).
expect_status() {
	local codes=$1 d=$2
	shift 2
	raw "$@"
	dg_status_in "$codes" "$d"
}

dg_status_in() {
	local codes=$1 d=$2 c
	for c in $codes; do
		if [ "$RAW_STATUS" = "$c" ]; then
			dg_ok "$d -> $RAW_STATUS"
			return 0
		fi
	done
	dg_not_ok "$d: expected $codes" "got: $RAW_HEAD" \
		"content-type: $RAW_CTYPE" "body: $(printf '%s' "$RAW_BODY" | head -c 400)"
	return 1
}

# The denial format every refusal must have: Content-Type exactly
# application/json, {"message":"docker-gate: ..."}.
expect_denial_format() {
	local d=$1
	if [ "$RAW_CTYPE" = application/json ] &&
		[[ "$RAW_BODY" =~ ^\{[[:space:]]*\"message\"[[:space:]]*:[[:space:]]*\"docker-gate:\  ]]; then
		dg_ok "$d: denial is application/json with a docker-gate: message"
	else
		dg_not_ok "$d: denial format" "content-type: '$RAW_CTYPE'" \
			"body: $(printf '%s' "$RAW_BODY" | head -c 400)"
	fi
}

# Skips the rest of a test that cannot mean anything without the gate.
need_gate() {
	if [ "$DG_MODE" != gate ]; then
		echo "skip - no gate in this build (DG_MODE=direct)"
		exit 77
	fi
}

dg_done() {
	echo "# $DG_PASS checks passed, $DG_FAIL failed"
	[ "$DG_FAIL" -eq 0 ]
	exit $?
}

# ---------------------------------------------------------------------------
# Small helpers for tests

# A detached container of USER that sleeps; prints its ID.
dg_sleeper() {
	dk "$1" run -d "$IMG" sleep 600
}

# True if the daemon has no such container (or image).
dg_gone() {
	! dkroot inspect "$1" >/dev/null 2>&1
}

# dg_creates USER create-args...: `docker create` succeeds (the container
# is removed again); prints the error otherwise.
dg_creates() {
	local id
	id=$(dk "$@" 2>&1 | tail -n 1)
	if ! is_id "$id"; then
		printf '%s\n' "$id"
		return 1
	fi
	dg_rm_containers "$id"
}
