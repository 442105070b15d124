/*
 * What the gate would force on an allowed request (struct dg_force, as
 * canon_apply.c applies it), one setting per line in docker CLI terms.
 */
#include "check.h"

#include <stdio.h>

#include "canon.h"

static void force_groups(const struct dg_user *u)
{
	size_t i, n = 0;

	printf("  --group-add");
	for (i = 0; u->groups && i < u->ngroups; i++) {
		if (u->groups[i] == u->gid)
			continue;
		printf("%s%u", n++ ? "," : " ", (unsigned int)u->groups[i]);
	}
	printf("%s (the caller's supplementary groups)\n", n ? "" : " none");
}

static void force_create(const struct dg_force *f, const struct dg_user *u)
{
	if (f->user[0])
		printf("  --user %s\n", f->user);
	if (f->readonly_binds)
		printf("  every bind mount read-only\n");
	if (f->no_new_privileges)
		printf("  --security-opt no-new-privileges=true\n");
	if (f->cap_drop_all)
		printf("  --cap-drop ALL (any --cap-add removed)\n");
	if (f->pids_limit > 0)
		printf("  --pids-limit %lld (or the request's, if lower)\n",
		       f->pids_limit);
	if (f->caller_groups)
		force_groups(u);
	if (f->memory > 0)
		printf("  --memory %lld (bytes; when the request gives none)\n",
		       f->memory);
	if (f->nano_cpus > 0)
		printf("  --cpus %g (when the request gives none)\n",
		       (double)f->nano_cpus / 1e9);
	if (f->cgroup_parent[0])
		printf("  --cgroup-parent %s\n", f->cgroup_parent);
	if (f->read_only)
		printf("  --read-only\n");
	if (f->init)
		printf("  --init\n");
	if (f->tmpfs_size > 0)
		printf("  tmpfs size %lld (bytes; every tmpfs that gives "
		       "none)\n",
		       f->tmpfs_size);
	printf("  --label %s=%s\n", GATE_OWNER_LABEL, u->name);
}

void check_force_print(const struct dg_force *f, const struct dg_user *u,
		       int is_create)
{
	printf("the gate forces:\n");
	if (is_create)
		force_create(f, u);
	else if (f->user[0])
		printf("  --user %s (when the exec gives none)\n", f->user);
	else
		printf("  nothing\n");
	if (f->admin_view)
		printf("administrator view: other users' objects are visible "
		       "and not ownership-checked\n");
}
