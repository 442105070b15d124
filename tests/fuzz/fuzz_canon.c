/*
 * libFuzzer harness for the canonicalizers.  The same input goes through
 * create (parse, apply, dump), exec (parse, apply, dump), exec start,
 * container update and volume create.  Besides memory errors it checks what an
 * accepted body guarantees:
 *   - the view is sane (clean absolute host paths, ports in range, ...);
 *   - the dump is ASCII, parses again, and is a fixed point of parse+dump
 *     with the same view (the gate forwards what it checked);
 *   - after apply, the body minus the gate's own additions (owner label,
 *     GroupAdd) still parses, with every host bind read-only when that was
 *     forced and the forced user in place.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "canon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			__builtin_trap();                                      \
	} while (0)

static const gid_t fuzz_groups[] = {1000, 27};
static const struct dg_user fuzz_user = {
	.size = sizeof(struct dg_user),
	.uid = 1000,
	.gid = 1000,
	.name = "fuzz",
	.groups = fuzz_groups,
	.ngroups = 2,
};

static void check_ascii(const char *s, size_t len)
{
	size_t i;

	CHECK(s && strlen(s) == len);
	for (i = 0; i < len; i++)
		CHECK((unsigned char)s[i] < 0x80);
}

static void check_host_path(const char *p)
{
	size_t n = strlen(p);

	CHECK(p[0] == '/');
	CHECK(n == 1 || p[n - 1] != '/');
	CHECK(!strstr(p, "//") && !strstr(p, "/./") && !strstr(p, "/../"));
	CHECK(n < 3 || strcmp(p + n - 3, "/..") != 0);
	CHECK(n < 2 || strcmp(p + n - 2, "/.") != 0);
}

static void check_view(const struct dg_create *v)
{
	size_t i;

	CHECK(v->image && v->image[0]);
	CHECK(v->nmounts <= CANON_MAX_MOUNTS && v->nports <= CANON_MAX_PORTS);
	for (i = 0; i < v->nmounts; i++) {
		const struct dg_mount *m = &v->mounts[i];

		CHECK(m->source && m->target && m->cli);
		CHECK(m->target[0] == '/');
		if (m->kind == DG_MOUNT_BIND || m->kind == DG_MOUNT_VOLUME_BIND)
			check_host_path(m->source);
		else
			CHECK(m->kind == DG_MOUNT_VOLUME ||
			      m->kind == DG_MOUNT_TMPFS);
	}
	for (i = 0; i < v->nports; i++) {
		const struct dg_port *p = &v->ports[i];

		CHECK(p->host_ip && p->proto && p->cli);
		CHECK(p->container_port >= 1 && p->container_port <= 65535);
		CHECK(p->host_port_lo <= p->host_port_hi);
		CHECK(p->host_port_hi <= 65535);
		CHECK(!strcmp(p->proto, "tcp") || !strcmp(p->proto, "udp") ||
		      !strcmp(p->proto, "sctp"));
	}
}

/* The 1.2 fields: bounded, canonical, the same after a round trip. */
static void check_same_options(const struct dg_create *a,
			       const struct dg_create *b)
{
	size_t i;

	CHECK(a->ncap_add == b->ncap_add && a->ndevices == b->ndevices);
	CHECK(a->nsecurity_opt == b->nsecurity_opt);
	CHECK(a->nsysctls == b->nsysctls && a->host_ns == b->host_ns);
	CHECK(a->ndevice_cgroup_rules == b->ndevice_cgroup_rules);
	CHECK(a->gpus == b->gpus && !strcmp(a->runtime, b->runtime));
	CHECK(a->ncap_add <= CANON_MAX_OPTS && a->ndevices <= CANON_MAX_OPTS);
	for (i = 0; i < a->ncap_add; i++) {
		CHECK(!strcmp(a->cap_add[i], b->cap_add[i]));
		CHECK(!strcmp(a->cap_add[i], "ALL") ||
		      !strncmp(a->cap_add[i], "CAP_", 4));
	}
	for (i = 0; i < a->ndevices; i++) {
		check_host_path(a->devices[i].host);
		CHECK(!strcmp(a->devices[i].host, b->devices[i].host));
		CHECK(!strcmp(a->devices[i].perms, b->devices[i].perms));
	}
	for (i = 0; i < a->nsecurity_opt; i++)
		CHECK(!strcmp(a->security_opt[i], b->security_opt[i]));
	for (i = 0; i < a->nsysctls; i++)
		CHECK(!strcmp(a->sysctls[i], b->sysctls[i]));
	CHECK(a->res.memory == b->res.memory);
	CHECK(a->res.nano_cpus == b->res.nano_cpus);
}

/* The run options of plugin ABI 1.3 read the same from the forwarded
 * body. */
static void check_same_run(const struct dg_create *a, const struct dg_create *b)
{
	size_t i, j;

	CHECK(!strcmp(a->log_driver, b->log_driver));
	CHECK(a->nlog_opts == b->nlog_opts && a->nulimits == b->nulimits);
	CHECK(a->ntmpfs == b->ntmpfs && a->ntmpfs <= CANON_MAX_MOUNTS);
	CHECK(!strcmp(a->cgroup_parent, b->cgroup_parent));
	CHECK(a->oom_kill_disable == b->oom_kill_disable);
	CHECK(a->oom_score_adj == b->oom_score_adj);
	CHECK(!strcmp(a->restart, b->restart));
	CHECK(a->restart_retries == b->restart_retries);
	for (i = 0; i < a->nulimits; i++) {
		CHECK(!strcmp(a->ulimits[i].name, b->ulimits[i].name));
		CHECK(a->ulimits[i].soft == b->ulimits[i].soft);
		CHECK(a->ulimits[i].hard == b->ulimits[i].hard);
		CHECK(a->ulimits[i].hard < 0 ||
		      (a->ulimits[i].soft >= 0 &&
		       a->ulimits[i].soft <= a->ulimits[i].hard));
	}
	for (i = 0; i < a->ntmpfs; i++) {
		CHECK(a->tmpfs[i].size == b->tmpfs[i].size);
		CHECK(a->tmpfs[i].noptions == b->tmpfs[i].noptions);
		CHECK(!strcmp(a->tmpfs[i].target, b->tmpfs[i].target));
		for (j = 0; j < a->tmpfs[i].noptions; j++)
			CHECK(!strcmp(a->tmpfs[i].options[j],
				      b->tmpfs[i].options[j]));
	}
	CHECK(a->limits.shm_size == b->limits.shm_size);
	CHECK(a->limits.cpu_shares == b->limits.cpu_shares);
	CHECK(a->limits.storage_size == b->limits.storage_size);
	CHECK(!strcmp(a->limits.cpuset_cpus, b->limits.cpuset_cpus));
	CHECK(!strcmp(a->limits.cpuset_mems, b->limits.cpuset_mems));
}

static void check_same_view(const struct dg_create *a,
			    const struct dg_create *b)
{
	size_t i;

	check_same_options(a, b);
	check_same_run(a, b);

	CHECK(!strcmp(a->image, b->image));
	CHECK(!strcmp(a->user.raw, b->user.raw));
	CHECK(a->user.kind == b->user.kind && a->privileged == b->privileged);
	CHECK(a->nmounts == b->nmounts && a->nports == b->nports);
	CHECK(a->publish_all == b->publish_all);
	for (i = 0; i < a->nmounts; i++) {
		CHECK(a->mounts[i].kind == b->mounts[i].kind);
		CHECK(!strcmp(a->mounts[i].source, b->mounts[i].source));
		CHECK(!strcmp(a->mounts[i].target, b->mounts[i].target));
		CHECK(a->mounts[i].read_only == b->mounts[i].read_only);
	}
	for (i = 0; i < a->nports; i++) {
		CHECK(!strcmp(a->ports[i].host_ip, b->ports[i].host_ip));
		CHECK(a->ports[i].host_port_lo == b->ports[i].host_port_lo);
		CHECK(a->ports[i].host_port_hi == b->ports[i].host_port_hi);
		CHECK(a->ports[i].container_port == b->ports[i].container_port);
		CHECK(!strcmp(a->ports[i].proto, b->ports[i].proto));
	}
}

/* The applied body without the gate's own additions parses again. */
static void check_applied(const char *dump, const struct dg_force *f,
			  const struct dg_create *before)
{
	json_t *j = json_loads(dump, JSON_REJECT_DUPLICATES, NULL);
	struct canon_create *c = NULL;
	const struct dg_create *v;
	char *s;
	size_t i;

	CHECK(j);
	CHECK(!strcmp(json_string_value(json_object_get(
			      json_object_get(j, "Labels"), GATE_OWNER_LABEL)),
		      "fuzz"));
	CHECK(json_is_object(json_object_get(j, "HostConfig")));
	json_object_del(json_object_get(j, "Labels"), GATE_OWNER_LABEL);
	json_object_del(json_object_get(j, "HostConfig"), "GroupAdd");
	s = json_dumps(j, JSON_COMPACT);
	CHECK(s);
	CHECK(canon_create_parse(s, strlen(s), 41, NULL, &c, NULL, 0) ==
	      CANON_OK);
	v = canon_create_view(c);
	CHECK(v->nmounts == before->nmounts && v->nports == before->nports);
	CHECK(!strcmp(v->user.raw, f->user[0] ? f->user : before->user.raw));
	CHECK(v->ntmpfs == before->ntmpfs);
	for (i = 0; i < v->ntmpfs; i++)
		CHECK(f->tmpfs_size <= 0 || v->tmpfs[i].size >= 0);
	if (f->cgroup_parent[0])
		CHECK(!strcmp(v->cgroup_parent, f->cgroup_parent));
	for (i = 0; i < v->nmounts; i++)
		if (f->readonly_binds &&
		    (v->mounts[i].kind == DG_MOUNT_BIND ||
		     v->mounts[i].kind == DG_MOUNT_VOLUME_BIND))
			CHECK(v->mounts[i].read_only);
	canon_create_free(c);
	free(s);
	json_decref(j);
}

#define FUZZ_NET_ID                                                            \
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* A user network, once resolved, is named by its ID alone: the mode, the
 * one endpoint key and the endpoint's NetworkID pin (red team 3). */
static void check_pinned(struct canon_create *c)
{
	json_t *j, *eps, *ep;
	char *d;
	size_t l;

	CHECK(canon_create_set_network(c, DG_NET_USER, FUZZ_NET_ID) ==
	      CANON_OK);
	d = canon_create_dump(c, &l);
	j = json_loadb(d, l, JSON_REJECT_DUPLICATES, NULL);
	CHECK(j);
	CHECK(!strcmp(json_string_value(json_object_get(
			      json_object_get(j, "HostConfig"), "NetworkMode")),
		      FUZZ_NET_ID));
	eps = json_object_get(json_object_get(j, "NetworkingConfig"),
			      "EndpointsConfig");
	ep = json_object_get(eps, FUZZ_NET_ID);
	CHECK(json_object_size(eps) == 1 && ep);
	CHECK(!strcmp(json_string_value(json_object_get(ep, "NetworkID")),
		      FUZZ_NET_ID));
	json_decref(j);
	free(d);
}

static void fuzz_create(const char *body, size_t size, uint8_t knob)
{
	struct dg_force f = {.user = "1000:1000",
			     .readonly_binds = 1,
			     .no_new_privileges = 1,
			     .cap_drop_all = 1,
			     .pids_limit = 64,
			     .caller_groups = 1,
			     .cgroup_parent = "docker-gate-1000.slice",
			     .read_only = 1,
			     .init = 1,
			     .tmpfs_size = 1048576};
	struct canon_create *c = NULL, *c2 = NULL;
	char err[CANON_ERR_MAX], *d1, *d2;
	size_t l1, l2;

	if (knob & 1)
		memset(&f, 0, sizeof(f));
	if (canon_create_parse(body, size, 41, (knob & 2) ? "web" : NULL, &c,
			       err, sizeof(err)) != CANON_OK) {
		CHECK(c == NULL && strlen(err) < sizeof(err));
		return;
	}
	check_view(canon_create_view(c));
	d1 = canon_create_dump(c, &l1);
	check_ascii(d1, l1);
	CHECK(canon_create_parse(d1, l1, 41, (knob & 2) ? "web" : NULL, &c2,
				 err, sizeof(err)) == CANON_OK);
	check_same_view(canon_create_view(c), canon_create_view(c2));
	d2 = canon_create_dump(c2, &l2);
	CHECK(d2 && l1 == l2 && !memcmp(d1, d2, l1));
	free(d1);
	free(d2);
	canon_create_free(c2);

	CHECK(canon_create_apply(c, &f, &fuzz_user, err, sizeof(err)) ==
	      CANON_OK);
	d1 = canon_create_dump(c, &l1);
	check_ascii(d1, l1);
	check_applied(d1, &f, canon_create_view(c));
	free(d1);
	if (canon_create_netname(c))
		check_pinned(c);
	canon_create_free(c);
}

static void fuzz_exec(const char *body, size_t size)
{
	struct dg_force f = {.user = "1000"};
	struct canon_exec *e = NULL, *e2 = NULL;
	char *d1, *d2;
	size_t l1, l2;

	if (canon_exec_parse(body, size, 41, "c1", &e, NULL, 0) != CANON_OK) {
		CHECK(e == NULL);
		return;
	}
	d1 = canon_exec_dump(e, &l1);
	check_ascii(d1, l1);
	CHECK(canon_exec_parse(d1, l1, 41, "c1", &e2, NULL, 0) == CANON_OK);
	CHECK(canon_exec_view(e2)->user.kind == canon_exec_view(e)->user.kind);
	CHECK(canon_exec_view(e2)->privileged ==
	      canon_exec_view(e)->privileged);
	d2 = canon_exec_dump(e2, &l2);
	CHECK(d2 && l1 == l2 && !memcmp(d1, d2, l1));
	free(d1);
	free(d2);
	canon_exec_free(e2);
	CHECK(canon_exec_apply(e, &f, NULL, 0) == CANON_OK);
	d1 = canon_exec_dump(e, &l1);
	check_ascii(d1, l1);
	free(d1);
	canon_exec_free(e);
}

static void fuzz_update(const char *body, size_t size)
{
	struct canon_update *cu = NULL, *cu2 = NULL;
	const struct dg_update *u, *u2;
	char *out = NULL, *out2 = NULL;
	size_t len = 0, len2 = 0;

	if (canon_update_parse(body, size, "c1", &cu, &out, &len, NULL, 0) !=
	    CANON_OK) {
		CHECK(out == NULL && cu == NULL);
		return;
	}
	check_ascii(out, len);
	CHECK(canon_update_parse(out, len, "c1", &cu2, &out2, &len2, NULL, 0) ==
	      CANON_OK);
	u = canon_update_view(cu);
	u2 = canon_update_view(cu2);
	CHECK(u->res.memory == u2->res.memory && u->pids_set == u2->pids_set);
	CHECK(u->res.nano_cpus == u2->res.nano_cpus);
	CHECK(u->res.pids_limit == u2->res.pids_limit);
	CHECK(!strcmp(u->restart, u2->restart));
	CHECK(u->limits.cpu_shares == u2->limits.cpu_shares);
	CHECK(!strcmp(u->limits.cpuset_cpus, u2->limits.cpuset_cpus));
	CHECK(len == len2 && !memcmp(out, out2, len));
	free(out);
	free(out2);
	canon_update_free(cu);
	canon_update_free(cu2);
}

static void fuzz_exec_start(const char *body, size_t size)
{
	char *out = NULL, *out2 = NULL;
	size_t len = 0, len2 = 0;
	int detach = -1, detach2 = -1;

	if (canon_exec_start(body, size, &detach, &out, &len, NULL, 0) !=
	    CANON_OK) {
		CHECK(out == NULL);
		return;
	}
	CHECK(detach == 0 || detach == 1);
	check_ascii(out, len);
	CHECK(canon_exec_start(out, len, &detach2, &out2, &len2, NULL, 0) ==
	      CANON_OK);
	CHECK(detach == detach2 && len == len2 && !memcmp(out, out2, len));
	free(out);
	free(out2);
}

static void fuzz_volume(const char *body, size_t size)
{
	char *out = NULL;
	size_t len = 0;
	json_t *j;

	if (canon_volume_create(body, size, &fuzz_user, &out, &len, NULL, 0) !=
	    CANON_OK) {
		CHECK(out == NULL);
		return;
	}
	check_ascii(out, len);
	j = json_loads(out, JSON_REJECT_DUPLICATES, NULL);
	CHECK(j);
	CHECK(!strcmp(json_string_value(json_object_get(
			      json_object_get(j, "Labels"), GATE_OWNER_LABEL)),
		      "fuzz"));
	json_decref(j);
	free(out);
}

/* Network create: a valid name, the owner label, bridge only; connect
 * and disconnect: a valid container reference, rewritten to the ID. */
static void fuzz_network(const char *body, size_t size)
{
	struct canon_netcreate nc;
	struct canon_connect cc;
	char *out = NULL;
	size_t len = 0;
	json_t *j;

	if (canon_network_create(body, size, &fuzz_user, &nc, &out, &len, NULL,
				 0) == CANON_OK) {
		check_ascii(out, len);
		CHECK(nc.view.name[0] && strcmp(nc.view.name, "bridge"));
		j = json_loads(out, JSON_REJECT_DUPLICATES, NULL);
		CHECK(j);
		CHECK(!strcmp(json_string_value(json_object_get(
				      json_object_get(j, "Labels"),
				      GATE_OWNER_LABEL)),
			      "fuzz"));
		CHECK(!json_object_size(json_object_get(j, "Options")));
		json_decref(j);
		free(out);
	} else {
		CHECK(out == NULL);
	}
	for (int dis = 0; dis < 2; dis++) {
		if (canon_network_connect(body, size, dis, &cc, NULL, 0) ==
		    CANON_OK) {
			CHECK(cc.view.container && cc.view.container[0]);
			CHECK(canon_network_connect_finish(
				      &cc, "abc", dis ? NULL : FUZZ_NET_ID,
				      &out, &len) == CANON_OK);
			check_ascii(out, len);
			/* connect pins the network in its endpoint */
			CHECK(dis ||
			      strstr(out, "\"NetworkID\":\"" FUZZ_NET_ID "\""));
			free(out);
		}
		canon_network_connect_free(&cc);
	}
}

static void fuzz_runas(const char *body, size_t size)
{
	struct dg_runas r;
	char buf[64];

	if (size >= sizeof(buf))
		size = sizeof(buf) - 1;
	memcpy(buf, body, size);
	buf[size] = '\0';
	canon_runas(buf, &r);
	CHECK(r.raw == buf);
	CHECK(r.kind != DG_RUNAS_NUMERIC || (r.uid > 0 && r.gid != 0));
	CHECK(r.kind != DG_RUNAS_DEFAULT || buf[0] == '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* exact-size copy: ASan sees any over-read */
	char *body = malloc(size ? size : 1);

	if (!body)
		return 0;
	memcpy(body, data, size);
	fuzz_create(body, size, size ? data[size / 2] : 0);
	fuzz_exec(body, size);
	fuzz_exec_start(body, size);
	fuzz_update(body, size);
	fuzz_volume(body, size);
	fuzz_network(body, size);
	fuzz_runas(body, size);
	free(body);
	return 0;
}
