#!/bin/sh
# `make deb`: a Debian package from a staged `make install`, without
# debhelper.
#
#   sh scripts/mkdeb.sh VERSION
#
# Builds in build-deb/build for PREFIX=/usr (units in /lib/systemd/system,
# as Debian 12 wants them), stages into build-deb/stage, adds the control
# files from packaging/deb/, and writes build-deb/docker-gate_VERSION_ARCH.deb
# (its path is the last line printed).  Needs no root: files are owned by
# root in the package (dpkg-deb --root-owner-group).
set -eu
umask 022

version=${1:?usage: mkdeb.sh VERSION}
top=$(pwd)
out=$top/build-deb
stage=$out/stage
arch=$(dpkg --print-architecture)
deb=$out/docker-gate_${version}_${arch}.deb
doc=$stage/usr/share/doc/docker-gate

rm -rf "$stage"
make --no-print-directory -s BUILD="$out/build" PREFIX=/usr \
	SYSTEMDUNITDIR=/lib/systemd/system REAL_DOCKER=/usr/bin/docker.real \
	VERSION="$version" DESTDIR="$stage" install >/dev/null

elves="$stage/usr/sbin/docker-gated $stage/usr/sbin/docker-gate-check
$stage/usr/bin/docker $stage/usr/lib/docker/cli-plugins/docker-policy
$stage/usr/lib/docker-gate/docker-gate-policy.so"
# shellcheck disable=SC2086 # one word per file
strip --strip-unneeded --remove-section=.comment --remove-section=.note $elves

# Debian's documentation rules: compressed man pages and long docs, a
# copyright file and a changelog (changelog.gz: a native package).
gzip -9n "$stage"/usr/share/man/man*/*.[0-9] "$doc/README.md"
install -m 0644 packaging/deb/copyright "$doc/copyright"
when=$(git log -1 --format=%ct 2>/dev/null || date +%s)
{
	echo "docker-gate ($version) unstable; urgency=medium"
	echo
	echo "  * Built from the docker-gate source tree."
	echo
	echo " -- docker-gate maintainers <maintainers@docker-gate.invalid>  $(date -R -u -d "@$when")"
} | gzip -9n >"$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"

# The libraries the programs link, as dpkg-shlibdeps finds them.
shlibs=$(
	tmp=$(mktemp -d)
	mkdir "$tmp/debian"
	printf 'Source: docker-gate\n\nPackage: docker-gate\nArchitecture: any\n' \
		>"$tmp/debian/control"
	# shellcheck disable=SC2086
	(cd "$tmp" && dpkg-shlibdeps -O $elves 2>/dev/null) |
		sed -n 's/^shlibs:Depends=//p'
	rm -rf "$tmp"
)
[ -n "$shlibs" ] || {
	echo "mkdeb: dpkg-shlibdeps found no libraries (package dpkg-dev)" >&2
	exit 1
}

install -d -m 0755 "$stage/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
	-e "s/@SHLIBS@/$shlibs/" packaging/deb/control.in >"$stage/DEBIAN/control"
install -m 0644 packaging/deb/conffiles "$stage/DEBIAN/conffiles"
for s in preinst postinst prerm postrm; do
	install -m 0755 "packaging/deb/$s" "$stage/DEBIAN/$s"
done
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\n' |
	LC_ALL=C sort | xargs md5sum) >"$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/md5sums"

rm -f "$deb"
dpkg-deb --root-owner-group -Zxz -b "$stage" "$deb" >/dev/null
echo "$deb"
