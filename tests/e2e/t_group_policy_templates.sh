#!/bin/bash
# A group file serves a whole class through templates: the shipped
# policies/groups/students.conf gives each member her own home as bind root
# and ten loopback ports derived from her uid ($UID0-$UID9), adds her
# groups to the container; a user file adds to it with +=; non-members get
# nothing.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

uid=$(dg_uid dgalice)
home=$(dg_home dgalice)
class_join dgalice
cgid=$(getent group "$DG_CLASS" | cut -d: -f3)
install -m 0644 "$DG_SRC/policies/groups/students.conf" \
	"$DG_ETC/groups/$DG_CLASS.conf"
# The class runs official images; the test image is a local one.
check "groups/$DG_CLASS.conf (policies/groups/students.conf) loads" \
	policy_set users/dgalice.conf <<<"images += { \"docker.io/$IMG\" }"

as_user dgalice sh -c 'mkdir -p data && echo class-ok >data/f'
expect_out class-ok dk dgalice run --rm -v "$home/data:/d" "$IMG" cat /d/f
expect_fail_msg "docker-gate:" dk dgbob run --rm -v "$(dg_home dgbob):/d" "$IMG" true
# caller_groups = true: the class group is in the container.
run_cmd dk dgalice run --rm "$IMG" id -G
check "the container has the class group $cgid (id -G: $OUT)" grep -qw "$cgid" <<<"$OUT"

# created, not started: only the policy decision, no real port binding.
if [ "$uid" -ge 1000 ] && [ "$uid" -le 6553 ]; then
	lo=${uid}0
	hi=${uid}9
	check "alice may publish 127.0.0.1:$lo (her \$UID0)" \
		dg_creates dgalice create -p "127.0.0.1:$lo:8080" "$IMG" true
	check "alice may publish 127.0.0.1:$hi (her \$UID9)" \
		dg_creates dgalice create -p "127.0.0.1:$hi:8080" "$IMG" true
	expect_denied "-p 127.0.0.1:$((hi + 1)):8080" dk dgalice create \
		-p "127.0.0.1:$((hi + 1)):8080" "$IMG" true
	expect_denied "-p $lo:8080" dk dgalice create -p "$lo:8080" "$IMG" true
	expect_denied "-p 127.0.0.1:$lo:8080" dk dgbob create \
		-p "127.0.0.1:$lo:8080" "$IMG" true
else
	echo "# uid $uid is outside 1000..6553: \$UID0-\$UID9 allows nothing; port part skipped"
fi

# A user file adds with +=, keeping the group's grants.
p=$DG_PORT_BASE
check "users/dgalice.conf with += loads" policy_set users/dgalice.conf <<EOF_POLICY
images += { "docker.io/$IMG" }
ports += { "127.0.0.1:$p" }
bind_roots += { "/srv/dgate-course-$DG_ID" }
EOF_POLICY
check "alice may now publish 127.0.0.1:$p too" \
	dg_creates dgalice create -p "127.0.0.1:$p:8080" "$IMG" true
expect_out class-ok dk dgalice run --rm -v "$home/data:/d" "$IMG" cat /d/f
expect_denied "-v /etc:/x" dk dgalice run --rm -v /etc:/x "$IMG" true

# Out of the class: back to the default.
class_leave dgalice
rm -f "$DG_ETC/users/dgalice.conf"
gate_reload
expect_denied "-v $home/data:/d" dk dgalice run --rm -v "$home/data:/d" "$IMG" true

rm -f "$DG_ETC/groups/$DG_CLASS.conf"
dg_done
