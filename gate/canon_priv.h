/*
 * Internals shared by the canonicalizer files: the create object, the field
 * tables (canon_fields.c), the value checks they use (canon_checks.c), and
 * the mount, port and network passes over a walked create body.
 */
#ifndef DG_CANON_PRIV_H
#define DG_CANON_PRIV_H

#include "canon_json.h"

/* A reference to another container inside the body (canon_refs.c). */
struct canon_ref {
	json_t *holder;	 /* HostConfig object, or the list it is in */
	const char *key; /* field name in holder, NULL for a list entry */
	size_t index;	 /* list index */
	char prefix[16]; /* "container:" or "" */
	char ref[CANON_REF_MAX + 2];
	char suffix[CANON_REF_MAX + 2]; /* ":ro", ":alias" or "" */
};

struct canon_create {
	json_t *root; /* the walked tree; forwarded after apply */
	struct canon_ref refs[CANON_MAX_REFS];
	size_t nrefs;
	struct dg_create view; /* the request as received */
	struct cj_pool pool;   /* strings the view points to */
	struct dg_mount *mounts;
	struct dg_port *ports;
	/* canon_options.c: at most CANON_MAX_OPTS each */
	const char **caps;
	struct dg_device *devices;
	const char **cgrules;
	const char **secopts;
	const char **sysctls;
	struct dg_network_use net; /* canon_netuse.c */
	unsigned int api_minor;
	/* canon_image.c: Config.Image as a name, and the resolved image's
	 * names (at most CANON_MAX_IMAGE_NAMES) */
	struct dg_image_ref image_ref;
	struct dg_image_ref *image_names;
	/* canon_run.c, canon_tmpfs.c (plugin ABI 1.3) */
	const char **log_opts;
	struct dg_ulimit *ulimits;
	struct dg_tmpfs *tmpfs;
};

/* Field tables (canon_fields.c). */
extern const struct cj_table canon_t_create;	  /* Config + two objects */
extern const struct cj_table canon_t_hostconfig;  /* HostConfig */
extern const struct cj_table canon_t_portbinding; /* {HostIp, HostPort} */
extern const struct cj_table canon_t_exec;
extern const struct cj_table canon_t_exec_start;
extern const struct cj_table canon_t_volume;
extern const struct cj_table canon_t_update;

/* Value checks named by the tables (canon_checks.c). */
int canon_check_labels(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_secopt(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_console(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_anon_volumes(struct cj_ctx *cx, const struct cj_field *f,
			     json_t *v);
int canon_check_exposed(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_volume_name(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v);
int canon_check_volume_opts(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v);
int canon_check_refuse(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_portmap(struct cj_ctx *cx, const struct cj_field *f, json_t *v);

/* Host paths (canon_paths.c): absolute, no "..", "//" and "/./" folded,
 * no trailing '/'.  *clean is a pooled copy. */
#define CANON_PATH_MAX 4096 /* bytes of a host path */
int canon_clean_path(struct cj_ctx *cx, struct cj_pool *pool, const char *flag,
		     const char *path, const char **clean);

/* Mounts (canon_mounts.c, canon_binds.c): Binds, Mounts and Volumes into
 * c->mounts; bind sources rewritten in the tree to their clean form. */
int canon_mounts_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc);
int canon_mount_add(struct cj_ctx *cx, struct canon_create *c,
		    const struct dg_mount *m);
int canon_binds_parse(struct cj_ctx *cx, struct canon_create *c, json_t *binds);
/* readonly_binds: every host bind becomes read-only. */
int canon_mounts_force_ro(struct cj_ctx *cx, json_t *hc);
int canon_binds_force_ro(struct cj_ctx *cx, json_t *binds);
/* Every mount of volume `name` read-only and nocopy (shared volumes). */
int canon_mounts_volume_ro(struct cj_ctx *cx, json_t *hc, const char *name);
int canon_binds_volume_ro(struct cj_ctx *cx, json_t *binds, const char *name);

/* Container references (canon_refs.c). */
/* [/]?[a-zA-Z0-9][a-zA-Z0-9_.-]*, at most CANON_REF_MAX: dockerd's
 * container name charset, used for network names and aliases too. */
int canon_ref_ok(const char *s, size_t n);
int canon_check_pidmode(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_ipcmode(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_netmode(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_volumesfrom(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v);
int canon_check_links(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_refs_collect(struct cj_ctx *cx, struct canon_create *c, json_t *hc);

/* Ports (canon_ports.c).  "80", "80/tcp": 0 on success. */
int canon_port_key(const char *key, unsigned int *port, const char **proto);
int canon_ports_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc);

/* NetworkMode and NetworkingConfig into the view (canon_netuse.c). */
int canon_netuse_parse(struct cj_ctx *cx, struct canon_create *c, json_t *root,
		       json_t *hc);
/* The endpoint settings of create and connect (canon_fields.c). */
extern const struct cj_table canon_t_endpoint;
int canon_check_aliases(struct cj_ctx *cx, const struct cj_field *f, json_t *v);

/* The variable NVIDIA's container runtime selects GPUs by. */
#define GPU_ENV "NVIDIA_VISIBLE_DEVICES"

/* Run options beyond the four (canon_options.c, canon_secopt.c). */
int canon_check_capadd(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_cgrules(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_gpu_caps(struct cj_ctx *cx, const struct cj_field *f,
			 json_t *v);
int canon_check_syspaths(struct cj_ctx *cx, const struct cj_field *f,
			 json_t *v);
int canon_check_sysctls(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_runtime(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_options_parse(struct cj_ctx *cx, struct canon_create *c, json_t *root,
			json_t *hc);
/* Adds a pooled copy of s to a list of at most CANON_MAX_OPTS. */
int canon_opt_add(struct cj_ctx *cx, struct canon_create *c, const char ***arr,
		  size_t *n, const char *s, const char *flag);
/* Memory, MemorySwap, NanoCpus, PidsLimit, CpuQuota/CpuPeriod of a
 * HostConfig or an update body; absent and null read as 0. */
void canon_resources_read(json_t *obj, struct dg_resources *r);
/* --device, --gpus, --device-cgroup-rule (canon_devices.c). */
int canon_devices_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc);
/* --security-opt: canonical entries into the view, the tree rewritten. */
int canon_secopt_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc);

/* Config.Image read as a reference into the view (canon_image.c). */
int canon_image_parse(struct cj_ctx *cx, struct canon_create *c);
/* Run options of plugin ABI 1.3 (canon_run.c, canon_tmpfs.c,
 * canon_limits.c, canon_apply_run.c). */
#define CANON_SIZE_MAX (1LL << 50) /* 1 PiB: sizes above are refused */
int canon_check_log_driver(struct cj_ctx *cx, const struct cj_field *f,
			   json_t *v);
int canon_check_log_opts(struct cj_ctx *cx, const struct cj_field *f,
			 json_t *v);
int canon_check_ulimits(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_cgroup_parent(struct cj_ctx *cx, const struct cj_field *f,
			      json_t *v);
int canon_check_tmpfs(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_cpuset(struct cj_ctx *cx, const struct cj_field *f, json_t *v);
int canon_check_storage_opt(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v);
/* 1 when s is a cgroup parent the gate forwards (also a forced one). */
int canon_cgroup_parent_ok(const char *s);
/* "no", "on-failure", "unless-stopped", "always" as a static string. */
const char *canon_restart_name(const char *s);
/* "512", "64m", "2G": bytes, 1024-based units k m g t.  0 or -1. */
int canon_size_parse(const char *s, long long *out);
int canon_cpuset_ok(const char *s);
/* Logging, ulimits, restart, OOM, cgroup parent, tmpfs and limits of a
 * create into the view. */
int canon_run_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc);
int canon_tmpfs_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc);
/* ShmSize ... StorageOpt of a HostConfig or an update body; the storage
 * size is rewritten in bytes. */
int canon_limits_read(struct cj_ctx *cx, struct cj_pool *pool, json_t *obj,
		      struct dg_limits *l);
int canon_limits_used(const struct dg_limits *l);
/* 1 when a create uses what only a 1.3 plugin sees. */
int canon_run_needs_1_3(const struct dg_create *v);
/* dg_force fields of 1.3: cgroup parent, read-only, init, tmpfs size. */
int canon_apply_run(struct cj_ctx *cx, json_t *hc, const struct dg_force *f);
int canon_tmpfs_force_size(struct cj_ctx *cx, json_t *hc, long long size);

/* Forced settings on a create body (canon_apply.c). */
int canon_apply_user(struct cj_ctx *cx, json_t *obj, const char *forced);

#endif
