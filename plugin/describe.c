/*
 * A user's effective policy in plain words, one line per key, each with
 * the file:line that set it.  Users will read this (`docker policy`), so
 * it speaks in docker CLI terms, not in key names.
 */
#include <stdio.h>
#include <string.h>

#include "effective.h"
#include "images.h"
#include "options.h"
#include "paths.h"
#include "policy_eval.h"
#include "ports.h"
#include "run_options.h"
#include "textbuf.h"

/* Wording for a true/false key: what it is about, then the two states. */
struct desc_bool {
	enum dgp_key key;
	const char *what;
	const char *yes;
	const char *no;
};

static const struct desc_bool desc_bools[] = {
	{DGP_PRIVILEGED, "privileged containers (--privileged)", "allowed",
	 "not allowed"},
	{DGP_ALLOW_ROOT,
	 "running as root (-u 0, -u NAME, or an image's root default user)",
	 "allowed", "not allowed"},
	{DGP_CALLER_GROUPS, "your supplementary groups inside containers",
	 "added when the container runs as you", "not added"},
	{DGP_BIND_READONLY, "bind mounts forced read-only", "yes", "no"},
	{DGP_PUBLISH_RANDOM, "random host ports (-P, -p CONTAINERPORT)",
	 "allowed", "not allowed"},
	{DGP_NO_NEW_PRIVILEGES, "no-new-privileges", "always set",
	 "not forced"},
	{DGP_CAP_DROP_ALL, "capabilities", "all dropped", "left as requested"},
	{DGP_BUILD, "docker build (RUN steps run as root)", "allowed",
	 "not allowed"},
	{DGP_ADMIN_VIEW, "every user's containers and volumes",
	 "visible to you (administrator view)", "hidden from you"},
	{DGP_GPUS, "GPUs (--gpus)", "allowed", "not allowed"},
	{DGP_OOM_KILL_DISABLE,
	 "turning off the OOM killer (--oom-kill-disable)",
	 "allowed, with a memory limit", "not allowed"},
	{DGP_READ_ONLY, "read-only root file system (--read-only)",
	 "always set", "as you ask"},
	{DGP_INIT, "an init process as PID 1 (--init)", "always set",
	 "as you ask"},
	{DGP_BLKIO, "disk I/O weight (--blkio-weight)", "allowed",
	 "not allowed"},
	{DGP_IMPORT, "docker import (into your own image names)", "allowed",
	 "not allowed"},
	{DGP_PUSH, "docker push (of your own image names)", "allowed",
	 "not allowed"},
	{DGP_BUILDKIT,
	 "BuildKit builds (DOCKER_BUILDKIT=1; docker-gate cannot see inside "
	 "them: RUN steps run as root, cache mounts are shared with other "
	 "users, the Dockerfile may name any frontend image)",
	 "allowed (docker build must be allowed too)",
	 "not allowed (DOCKER_BUILDKIT=0 uses the classic builder)"},
};

/* List keys of policy 1.2: what they are about, and the empty case. */
static const struct {
	enum dgp_key key;
	const char *what;
	const char *none;
} desc_lists[] = {
	{DGP_BIND_ROOTS, "bind mounts allowed under",
	 "none (use named volumes)"},
	{DGP_PORTS, "published host ports allowed",
	 "none (publishing ports is not allowed)"},
	{DGP_CAP_ADD, "capabilities you may add (--cap-add)", "none"},
	{DGP_DEVICES, "host devices (--device)", "none"},
	{DGP_DEVICE_CGROUP_RULES, "device rules (--device-cgroup-rule)",
	 "none"},
	{DGP_HOST_NAMESPACES,
	 "host namespaces (--network/--pid/--ipc/--uts/--userns/--cgroupns "
	 "host)",
	 "none"},
	{DGP_SECURITY_OPT, "security options (--security-opt)",
	 "none beyond no-new-privileges"},
	{DGP_RUNTIMES, "runtimes (--runtime)", "only the daemon's default"},
	{DGP_SYSCTLS, "sysctls (--sysctl)", "none"},
	{DGP_NETWORKS,
	 "networks a container may join (--network; user: networks you "
	 "create, shared: shared by an administrator)",
	 "no network at all"},
	{DGP_LOG_DRIVERS, "log drivers (--log-driver)",
	 "only the daemon's default"},
	{DGP_LOG_OPTS, "log options (--log-opt)", "none"},
	{DGP_ULIMITS, "ulimits (--ulimit; NAME=SOFT:HARD are maxima)",
	 "none (the daemon's defaults)"},
	{DGP_TMPFS_OPTIONS,
	 "tmpfs options beyond ro, rw, noexec, nosuid, nodev, size, mode "
	 "(--tmpfs DIR:OPTIONS)",
	 "none"},
	{DGP_RESTART, "restart policies (--restart) besides no", "none"},
	{DGP_CPUSET_CPUS, "CPUs you may pin to (--cpuset-cpus)", "none"},
	{DGP_CPUSET_MEMS, "memory nodes you may pin to (--cpuset-mems)",
	 "none"},
};

struct desc_ctx {
	struct dgp_tb tb;
	const struct dgp_effective *eff;
	const struct dg_user *u;
	struct dgp_tpl_vars vars;
	int nfiles;
};

static void desc_src(struct desc_ctx *d, enum dgp_key k)
{
	char src[DG_RULE_MAX];

	dgp_src_format(&d->eff->keys[k].src, src, sizeof(src));
	if (d->eff->keys[k].src.path)
		dgp_tb_printf(&d->tb, " (from %s)\n", src);
	else
		dgp_tb_printf(&d->tb, " (%s)\n", src);
}

static void desc_file(const struct dgp_layer *l, void *ctx)
{
	struct desc_ctx *d = ctx;

	dgp_tb_printf(&d->tb, "%s%s", d->nfiles++ ? ", " : "", l->path);
}

/* One list key: expanded entries, and why an entry does not apply. */
static void desc_list(struct desc_ctx *d, enum dgp_key k, const char *what,
		      const char *none)
{
	const struct dgp_eff_key *ek = &d->eff->keys[k];
	char out[DGP_PATH_MAX], why[256];
	struct dgp_port_rule r;
	size_t i, n = dgp_eff_count(ek);

	dgp_tb_printf(&d->tb, "%s: %s", what, n ? "" : none);
	for (i = 0; i < n; i++) {
		const char *item = dgp_eff_item(ek, i);
		int rc = 0;

		if (k == DGP_PORTS)
			rc = dgp_port_rule_expand(item, &d->vars, &r, out,
						  sizeof(out), why,
						  sizeof(why));
		else if (k == DGP_BIND_ROOTS)
			rc = dgp_bind_root_expand(item, &d->vars, out,
						  sizeof(out), why,
						  sizeof(why));
		else
			snprintf(out, sizeof(out), "%s", item);

		dgp_tb_printf(&d->tb, "%s", i ? ", " : "");
		if (rc == 0)
			dgp_tb_printf(&d->tb, "%s", out);
		else
			dgp_tb_printf(&d->tb, "%s (does not apply to you: %s)",
				      item, why);
	}
	if (ek->overflow)
		dgp_tb_printf(&d->tb, " (added to in too many files: refused)");
	desc_src(d, k);
}

/* A key without wording of its own is shown by name. */
static void desc_bool(struct desc_ctx *d, enum dgp_key k)
{
	const struct desc_bool *b = NULL;
	size_t i;

	for (i = 0; i < sizeof(desc_bools) / sizeof(desc_bools[0]); i++)
		if (desc_bools[i].key == k)
			b = &desc_bools[i];
	if (b)
		dgp_tb_printf(&d->tb, "%s: %s", b->what,
			      d->eff->keys[k].num ? b->yes : b->no);
	else
		dgp_tb_printf(&d->tb, "%s: %lld", dgp_keys[k].name,
			      d->eff->keys[k].num);
	desc_src(d, k);
}

static void desc_pids(struct desc_ctx *d)
{
	long long pids = d->eff->keys[DGP_PIDS_LIMIT].num;

	if (pids > 0)
		dgp_tb_printf(&d->tb,
			      "process limit (--pids-limit): at most %lld",
			      pids);
	else
		dgp_tb_printf(&d->tb, "process limit (--pids-limit): not "
				      "forced");
	desc_src(d, DGP_PIDS_LIMIT);
}

/* images: no file setting it means any image; entries with templates
 * are shown for this user. */
static void desc_images(struct desc_ctx *d)
{
	const struct dgp_eff_key *ek = &d->eff->keys[DGP_IMAGES];
	char out[DGP_ITEM_MAX], why[256];
	size_t i, n = dgp_eff_count(ek);

	dgp_tb_printf(&d->tb, "images you may run and pull: %s",
		      !ek->src.path ? "any"
		      : n	    ? ""
				    : "none (docker run and docker pull are "
				      "refused)");
	for (i = 0; i < n; i++) {
		const char *item = dgp_eff_item(ek, i);

		dgp_tb_printf(&d->tb, "%s", i ? ", " : "");
		if (dgp_image_pattern_check_for(item, &d->vars, out,
						sizeof(out), why,
						sizeof(why)) == 0)
			dgp_tb_printf(&d->tb, "%s", out);
		else
			dgp_tb_printf(&d->tb, "%s (does not apply to you: %s)",
				      item, why);
	}
	if (ek->overflow)
		dgp_tb_printf(&d->tb, " (added to in too many files: refused)");
	desc_src(d, DGP_IMAGES);
}

static void desc_list_key(struct desc_ctx *d, enum dgp_key k)
{
	for (size_t i = 0; i < sizeof(desc_lists) / sizeof(desc_lists[0]); i++)
		if (desc_lists[i].key == k) {
			desc_list(d, k, desc_lists[i].what, desc_lists[i].none);
			return;
		}
	desc_list(d, k, dgp_keys[k].name, "none");
}

/* max_memory with memory, max_cpus with cpus. */
static void desc_resource(struct desc_ctx *d, enum dgp_key max)
{
	int mem = max == DGP_MAX_MEMORY;
	enum dgp_key def = mem ? DGP_MEMORY : DGP_CPUS;
	long long m = d->eff->keys[max].num, v = d->eff->keys[def].num;
	char a[32], b[32];

	if (mem) {
		dgp_format_size(m, a, sizeof(a));
		dgp_format_size(v, b, sizeof(b));
	} else {
		dgp_format_cpus(m, a, sizeof(a));
		dgp_format_cpus(v, b, sizeof(b));
	}
	dgp_tb_printf(&d->tb, "%s: %s%s", mem ? "memory (-m)" : "CPUs (--cpus)",
		      m > 0 ? "at most " : "no maximum", m > 0 ? a : "");
	desc_src(d, max);
	dgp_tb_printf(&d->tb, "%s when you ask for none: %s%s",
		      mem ? "memory" : "CPUs",
		      v > 0   ? b
		      : m > 0 ? a
			      : "no limit",
		      v > 0 || m <= 0 ? "" : " (the maximum)");
	desc_src(d, v > 0 ? def : max);
}

/* The INT keys of policy 1.3, 0 meaning "none". */
static void desc_limit(struct desc_ctx *d, enum dgp_key k)
{
	long long v = d->eff->keys[k].num;
	char a[32];

	dgp_format_size(v, a, sizeof(a));
	if (k == DGP_MAX_TMPFS_SIZE && v > 0)
		dgp_tb_printf(&d->tb,
			      "tmpfs size (--tmpfs DIR:size=, --mount "
			      "tmpfs-size=): at most %s, and %s for a tmpfs "
			      "that gives none",
			      a, a);
	else if (k == DGP_MAX_TMPFS_SIZE)
		dgp_tb_printf(&d->tb, "tmpfs size: no maximum");
	else if (k == DGP_MAX_STORAGE_SIZE)
		dgp_tb_printf(&d->tb,
			      "container disk size (--storage-opt "
			      "size=): %s%s",
			      v > 0 ? "at most " : "not allowed",
			      v > 0 ? a : "");
	else if (k == DGP_MAX_CPU_SHARES && v > 0)
		dgp_tb_printf(&d->tb, "CPU shares (--cpu-shares): at most %lld",
			      v);
	else if (k == DGP_MAX_CPU_SHARES)
		dgp_tb_printf(&d->tb, "CPU shares (--cpu-shares): no maximum");
	else
		dgp_tb_printf(&d->tb, "--oom-score-adj: at least %lld", v);
	desc_src(d, k);
}

/* cgroup_parent: forced, expanded for this user. */
static void desc_cgroup_parent(struct desc_ctx *d)
{
	const struct dgp_eff_key *ek = &d->eff->keys[DGP_CGROUP_PARENT];
	char out[DGP_CGROUP_MAX], why[256];

	if (dgp_eff_count(ek) == 0)
		dgp_tb_printf(&d->tb, "cgroup parent (--cgroup-parent): the "
				      "daemon's (you may not choose one)");
	else if (dgp_cgroup_parent_expand(dgp_eff_item(ek, 0), &d->vars, out,
					  sizeof(out), why, sizeof(why)) == 0)
		dgp_tb_printf(&d->tb,
			      "cgroup parent (--cgroup-parent): always %s",
			      out);
	else
		dgp_tb_printf(&d->tb,
			      "cgroup parent: %s (does not apply to you: %s; "
			      "every docker run is refused)",
			      dgp_eff_item(ek, 0), why);
	desc_src(d, DGP_CGROUP_PARENT);
}

/* max_total_memory, max_total_cpus, max_total_pids. */
static void desc_total(struct desc_ctx *d, enum dgp_key k)
{
	long long m = d->eff->keys[k].num;
	char v[32];

	if (k == DGP_MAX_TOTAL_MEMORY)
		dgp_format_size(m, v, sizeof(v));
	else if (k == DGP_MAX_TOTAL_CPUS)
		dgp_format_cpus(m, v, sizeof(v));
	else
		snprintf(v, sizeof(v), "%lld", m);
	dgp_tb_printf(&d->tb,
		      "total %s of all your containers (any state): %s%s",
		      k == DGP_MAX_TOTAL_MEMORY ? "memory (-m)"
		      : k == DGP_MAX_TOTAL_CPUS ? "CPUs (--cpus)"
						: "processes (--pids-limit)",
		      m > 0 ? "at most " : "no limit", m > 0 ? v : "");
	desc_src(d, k);
}

static void desc_user(struct desc_ctx *d)
{
	const struct dg_user *u = d->u;

	if (d->eff->keys[DGP_RUN_AS_CALLER].num)
		dgp_tb_printf(&d->tb,
			      "run as you: yes, containers run as %u:%u when "
			      "you give no -u%s",
			      (unsigned int)u->uid, (unsigned int)u->gid,
			      d->eff->keys[DGP_ALLOW_ROOT].num
				      ? ""
				      : ", and -u must name your own uid and "
					"one of your groups");
	else
		dgp_tb_printf(&d->tb, "run as you: no");
	desc_src(d, DGP_RUN_AS_CALLER);
}

static void desc_keys(struct desc_ctx *d)
{
	int k;

	for (k = 0; k < DGP_NKEYS; k++) {
		switch (k) {
		case DGP_RUN_AS_CALLER:
			desc_user(d);
			break;
		case DGP_MAX_MEMORY:
		case DGP_MAX_CPUS:
			desc_resource(d, (enum dgp_key)k);
			break;
		case DGP_MEMORY:
		case DGP_CPUS:
			break; /* with their maximum */
		case DGP_PIDS_LIMIT:
			desc_pids(d);
			break;
		case DGP_MAX_NETWORKS:
			if (d->eff->keys[k].num > 0)
				dgp_tb_printf(&d->tb,
					      "networks of your own: at most "
					      "%lld",
					      d->eff->keys[k].num);
			else
				dgp_tb_printf(&d->tb,
					      "networks of your own: no limit");
			desc_src(d, DGP_MAX_NETWORKS);
			break;
		case DGP_IMAGES:
			desc_images(d);
			break;
		case DGP_MAX_TMPFS_SIZE:
		case DGP_MAX_STORAGE_SIZE:
		case DGP_MAX_CPU_SHARES:
		case DGP_MIN_OOM_SCORE_ADJ:
			desc_limit(d, (enum dgp_key)k);
			break;
		case DGP_CGROUP_PARENT:
			desc_cgroup_parent(d);
			break;
		case DGP_MAX_TOTAL_MEMORY:
		case DGP_MAX_TOTAL_CPUS:
		case DGP_MAX_TOTAL_PIDS:
			desc_total(d, (enum dgp_key)k);
			break;
		case DGP_MAX_CONTAINERS:
			if (d->eff->keys[k].num > 0)
				dgp_tb_printf(
					&d->tb,
					"containers at once: at most %lld",
					d->eff->keys[k].num);
			else
				dgp_tb_printf(&d->tb,
					      "containers at once: no limit");
			desc_src(d, DGP_MAX_CONTAINERS);
			break;
		default:
			if (dgp_keys[k].type == DGP_LIST)
				desc_list_key(d, (enum dgp_key)k);
			else
				desc_bool(d, (enum dgp_key)k);
			break;
		}
	}
}

int dgp_describe(const struct dgp_policy *p, const struct dg_user *u, char *buf,
		 size_t len)
{
	struct dgp_effective eff;
	struct desc_ctx d;

	memset(&d, 0, sizeof(d));
	dgp_tb_init(&d.tb, buf, len);
	if (!u || u->size < sizeof(*u))
		return -1;
	if (dgp_effective_build(p, u, &eff) < 0) {
		dgp_tb_printf(&d.tb,
			      "more than %d group policy files apply to %s: "
			      "every request is refused\n",
			      DGP_EFF_GROUPS_MAX, u->name ? u->name : "?");
		return d.tb.truncated ? -1 : 1;
	}
	d.eff = &eff;
	d.u = u;
	d.vars.home = u->home;
	d.vars.user = u->name;
	d.vars.uid = u->uid;
	dgp_tb_printf(&d.tb, "docker-gate policy for %s (uid %u, gid %u)\n",
		      u->name ? u->name : "?", (unsigned int)u->uid,
		      (unsigned int)u->gid);
	dgp_tb_printf(&d.tb, "policy files: ");
	dgp_layers_for(p, u, desc_file, &d);
	dgp_tb_printf(&d.tb, "%s\n",
		      d.nfiles ? "" : "none (built-in defaults only)");
	desc_keys(&d);
	return d.tb.truncated ? -1 : 1;
}
