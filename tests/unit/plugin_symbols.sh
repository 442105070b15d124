#!/bin/sh
# The policy plugin exports exactly one dynamic symbol, docker_gate_policy,
# as data, and reads nothing from the environment itself.
#   sh tests/unit/plugin_symbols.sh [build/docker-gate-policy.so]
set -u

so=${1:-build/docker-gate-policy.so}
if [ ! -f "$so" ]; then
	echo "plugin_symbols: $so not found" >&2
	exit 1
fi

defined=$(nm -D --defined-only "$so" | awk '{ print $2 " " $3 }')
if [ "$defined" != "D docker_gate_policy" ] &&
	[ "$defined" != "R docker_gate_policy" ]; then
	echo "plugin_symbols: $so must export only docker_gate_policy, got:" >&2
	printf '%s\n' "$defined" >&2
	exit 1
fi

if nm -D --undefined-only "$so" | awk '{ print $2 }' | grep -q '^getenv\(@\|$\)'; then
	echo "plugin_symbols: $so calls getenv" >&2
	exit 1
fi
echo "plugin_symbols: $so exports only docker_gate_policy"
