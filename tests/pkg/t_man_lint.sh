#!/bin/bash
# The four manual pages: lint-clean for groff, man and mandoc, the usual
# sections present, every policy key documented in docker-gate-policy(5),
# and the README linking each page.
# shellcheck source=tests/pkg/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$DG_SRC" || exit 1

pages="gate/docker-gated.8 tools/docker-gate-check.8 plugin/docker-gate-policy.5
wrapper/docker-policy.1"
command -v groff >/dev/null || skip "groff is not installed (package groff-base: make deps)"

for p in $pages; do
	check "$p exists" [ -f "$p" ] || continue
	out=$(groff -ww -z -man "$p" 2>&1)
	check "$p: groff -ww -z -man is silent${out:+ ($out)}" [ -z "$out" ]
	if command -v man >/dev/null; then
		out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$p" 2>&1 >/dev/null)
		check "$p: man --warnings is silent${out:+ ($out)}" [ -z "$out" ]
	fi
	if command -v mandoc >/dev/null; then
		out=$(mandoc -Tlint -Wwarning "$p" 2>&1)
		check "$p: mandoc -Tlint is silent${out:+ ($out)}" [ -z "$out" ]
	fi
	for s in NAME SYNOPSIS DESCRIPTION EXAMPLES 'SEE ALSO'; do
		check "$p: has a $s section" grep -q "^\.SH \"\{0,1\}$s" "$p"
	done
	name=$(basename "$p")
	check "README.md links $name" grep -qF "($p)" README.md
done
command -v mandoc >/dev/null || echo "# mandoc is not installed: its lint was not run"

# Every key of the policy table has an entry in the KEYS section.
keys=$(sed -n 's/.*\[DGP_[A-Z_0-9]*\] *= *{"\([a-z_0-9]*\)".*/\1/p' plugin/policy_keys.c)
check "policy_keys.c yields keys ($(wc -w <<<"$keys"))" [ "$(wc -w <<<"$keys")" -ge 20 ]
section=$(sed -n '/^\.SH KEYS/,/^\.SH [^K]/p' plugin/docker-gate-policy.5)
for k in $keys; do
	check "docker-gate-policy(5) documents $k" \
		grep -Eq "^\.BR? $k( |\$)|^\.BR [a-z_]+ \", \" $k\$" <<<"$section"
done

pkg_done
