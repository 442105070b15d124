/*
 * docker-gate policy plugin ABI.
 *
 * Shaped after sudo's plugin API: a plugin is one exported struct
 * (`docker_gate_policy`) whose first members never move: a type, then a
 * version (major << 16 | minor).  Structs only ever grow at the end; the
 * host checks the minor before touching newer members, and every struct
 * handed across the boundary starts with its own `size`.
 *
 * The gate parses, canonicalizes and applies; the plugin only decides.  It
 * sees typed, canonical data (never raw JSON or HTTP) and may ask the gate
 * to force settings on the request.  check() is called from many threads at
 * once and must not block on I/O.
 */
#ifndef DOCKER_GATE_PLUGIN_H
#define DOCKER_GATE_PLUGIN_H

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DG_PLUGIN_POLICY 1

#define DG_API_MAJOR		1
#define DG_API_MINOR		3
#define DG_API_VERSION		((DG_API_MAJOR << 16) | DG_API_MINOR)
#define DG_API_VERSION_MAJOR(v) ((unsigned int)(v) >> 16)
#define DG_API_VERSION_MINOR(v) ((unsigned int)(v)&0xffffu)

/* The one symbol a policy plugin exports. */
#define DG_PLUGIN_SYMBOL "docker_gate_policy"

/* check() results, as in sudo: error counts as deny. */
#define DG_ALLOW 1
#define DG_DENY	 0
#define DG_ERROR (-1)

/* Who is calling.  Filled by the gate from SO_PEERCRED and NSS only. */
struct dg_user {
	size_t size;
	uid_t uid;
	gid_t gid;
	pid_t pid;
	const char *name;
	const char *home;
	const gid_t *groups; /* all groups, primary first */
	const char *const
		*group_names; /* parallel to groups; entry may be NULL */
	size_t ngroups;
};

/* Services the host lends the plugin (PAM style: the plugin reaches the
 * outside only through these). */
struct dg_host {
	size_t size;
	unsigned int version; /* DG_API_VERSION of the host */
	/* syslog-style priority (LOG_ERR, LOG_WARNING, ...). */
	void (*log)(int priority, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	/*
	 * Opens `path` (a regular file, or a directory to list with
	 * fdopendir) read-only after checking that it and every directory
	 * above it are owned by root and not writable by group or others,
	 * on the opened descriptor.  Returns the fd, or -1 with errno set
	 * (ENOENT: does not exist; EPERM: exists but is not trusted) and a
	 * reason in err.
	 */
	int (*open_trusted)(const char *path, char *err, size_t errlen);
};

/* How a container or exec user was asked for (Config.User, exec User). */
enum dg_runas_kind {
	DG_RUNAS_DEFAULT = 0, /* "" : the image's USER, usually root */
	DG_RUNAS_ROOT,	      /* uid 0 or gid 0 spelled any numeric way */
	DG_RUNAS_NAME,	      /* a name: resolved inside the image, may be 0 */
	DG_RUNAS_NUMERIC      /* numeric uid, optional numeric gid, not 0 */
};

struct dg_runas {
	enum dg_runas_kind kind;
	const char *raw; /* exactly as requested */
	long long uid;	 /* DG_RUNAS_NUMERIC/ROOT: parsed uid, else -1 */
	long long gid;	 /* parsed gid, -1 when absent or a name */
};

enum dg_mount_kind {
	DG_MOUNT_BIND = 1,   /* host path: -v /h:/c, --mount type=bind */
	DG_MOUNT_VOLUME,     /* named or anonymous volume */
	DG_MOUNT_TMPFS,	     /* --mount type=tmpfs */
	DG_MOUNT_VOLUME_BIND /* volume whose local driver options bind a host
				path (type=none,o=bind,device=...) */
};

struct dg_mount {
	enum dg_mount_kind kind;
	const char *source; /* BIND/VOLUME_BIND: absolute, lexically clean host
			       path; VOLUME: volume name ("" = anonymous) */
	const char *target; /* path in the container */
	int read_only;
	const char *cli; /* as the CLI user typed it: "-v /etc:/x:ro" */
};

struct dg_port {
	const char *host_ip;	   /* canonical text form; "" = all addresses */
	unsigned int host_port_lo; /* 0 = docker picks a free port */
	unsigned int host_port_hi; /* == lo for a single port */
	unsigned int container_port;
	const char *proto; /* "tcp", "udp", "sctp" */
	const char *cli;   /* "-p 127.0.0.1:8080:80/tcp" */
};

/* --device HOST[:CONTAINER[:PERMS]] (since 1.2). */
struct dg_device {
	const char *host;      /* PathOnHost: absolute, lexically clean */
	const char *container; /* PathInContainer */
	const char *perms;     /* CgroupPermissions: letters of "rwm" */
	const char *cli;       /* "--device /dev/fuse:/dev/fuse:rwm" */
};

/* Host namespaces a create asks for (since 1.2): "host" modes only;
 * joins of another container (container:<id>) are the gate's tenancy. */
#define DG_NS_NETWORK  0x01u /* --network host */
#define DG_NS_PID      0x02u /* --pid host */
#define DG_NS_IPC      0x04u /* --ipc host */
#define DG_NS_UTS      0x08u /* --uts host */
#define DG_NS_USERNS   0x10u /* --userns host */
#define DG_NS_CGROUPNS 0x20u /* --cgroupns host */

/* Resource settings as requested; 0 = not set (unlimited). */
struct dg_resources {
	long long memory;      /* -m, bytes */
	long long memory_swap; /* --memory-swap, bytes; -1 = unlimited */
	long long nano_cpus;   /* --cpus x 1e9 */
	long long pids_limit;  /* --pids-limit; 0 or -1 = unlimited */
	int cpu_quota_set;     /* --cpu-quota or --cpu-period given */
};

/* A network a container joins (since 1.3). */
enum dg_net_kind {
	DG_NET_BRIDGE = 1, /* "", "default", "bridge": the default bridge */
	DG_NET_NONE,	   /* --network none */
	DG_NET_HOST,	   /* --network host (also in host_ns) */
	DG_NET_CONTAINER,  /* --network container:<id>, one's own */
	DG_NET_USER,	   /* a network the caller created */
	DG_NET_SHARED	   /* a network an administrator shared (label
			      io.docker-gate.shared on the real socket) */
};

struct dg_network_use {
	enum dg_net_kind kind;
	const char *name; /* as typed: "bridge", "proj_default" */
	const char *cli;  /* "--network proj_default" */
};

/*
 * An image reference as dockerd normalizes it (since 1.3): "alpine" is
 * docker.io/library/alpine:latest, "alice/app" docker.io/alice/app:latest,
 * "localhost:5000/x" keeps its registry.  Every string is set; unused
 * parts are "".
 */
struct dg_image_ref {
	const char *name;   /* "docker.io/library/alpine" */
	const char *tag;    /* "latest"; "" for a reference by digest only */
	const char *digest; /* "sha256:<64 hex>" (a manifest digest) or "" */
	const char *ref;    /* the whole reference, for messages:
			       "docker.io/library/alpine:latest" */
};

/* --ulimit NAME=SOFT[:HARD] (since 1.3). */
struct dg_ulimit {
	const char *name; /* canonical, lower case: "nofile", "nproc" */
	long long soft;	  /* -1 = unlimited */
	long long hard;	  /* -1 = unlimited */
};

/* One tmpfs mount (since 1.3): --tmpfs DIR[:OPTIONS] or --mount
 * type=tmpfs.  options are the option names as given ("mode", "exec",
 * "ro", "size"), without values; size is the size in bytes. */
struct dg_tmpfs {
	const char *target;
	long long size; /* -1 = not given (the kernel's default: half the
			   RAM), 0 = size=0 (no limit) */
	const char *const *options;
	size_t noptions;
	const char *cli; /* "--tmpfs /run:size=64m" */
};

/* Resource settings beyond struct dg_resources (since 1.3); 0 or "" =
 * not set.  Embedded by value: like dg_resources it never grows. */
struct dg_limits {
	long long shm_size;	      /* --shm-size, bytes */
	long long memory_reservation; /* --memory-reservation, bytes */
	long long cpu_shares;	      /* --cpu-shares */
	const char *cpuset_cpus;      /* --cpuset-cpus, e.g. "0-3,6" */
	const char *cpuset_mems;      /* --cpuset-mems */
	long long blkio_weight;	      /* --blkio-weight */
	long long storage_size;	      /* --storage-opt size=, bytes; -1 = not
					 given, 0 = size=0 (no limit) */
};

/* POST /containers/create, typed. */
struct dg_create {
	size_t size;
	const char *image;
	const char *name; /* ?name=, NULL when absent */
	struct dg_runas user;
	int privileged;
	const struct dg_mount *mounts;
	size_t nmounts;
	const struct dg_port *ports;
	size_t nports;
	int publish_all; /* -P */
	/* since 1.1: containers the caller has now, any state (counted by
	 * the gate on live daemon state); -1 when not counted */
	long long user_containers;
	/* since 1.2 */
	const char *const *cap_add; /* canonical "CAP_NET_ADMIN", or "ALL" */
	size_t ncap_add;
	const struct dg_device *devices;
	size_t ndevices;
	const char *const *device_cgroup_rules; /* "c 10:229 rwm" */
	size_t ndevice_cgroup_rules;
	int gpus;	      /* --gpus (DeviceRequests) given */
	unsigned int host_ns; /* DG_NS_* */
	/* --security-opt, canonical "key=value": "seccomp=unconfined",
	 * "seccomp=custom" (a profile), "apparmor=NAME", "label=disable",
	 * "label=TYPE:VALUE", "no-new-privileges=false",
	 * "systempaths=unconfined"; no-new-privileges=true is not listed */
	const char *const *security_opt;
	size_t nsecurity_opt;
	const char *runtime;	    /* --runtime; "" = the daemon's default */
	const char *const *sysctls; /* --sysctl names */
	size_t nsysctls;
	struct dg_resources res;
	/* since 1.3: networks */
	const struct dg_network_use *networks; /* NetworkMode first */
	size_t nnetworks;
	/* since 1.3 */
	/* The image (Config.Image), resolved by dockerd the way create
	 * resolves it (full ID, name, then ID prefix); the gate forwards
	 * image_id, so the image decided on is the image run. */
	const struct dg_image_ref *image_ref; /* Config.Image read as a name;
						 NULL for an image ID */
	const char *image_id; /* "sha256:<64 hex>"; NULL when dockerd has no
				 such image (the gate then answers "No such
				 image" and the CLI pulls, as a pull) */
	const struct dg_image_ref *image_names; /* the image's RepoTags, then
						   its RepoDigests */
	size_t nimage_names;
	/* since 1.3: logging, ulimits, tmpfs, cgroup parent, OOM, restart
	 * policy, more resources */
	const char *log_driver;	     /* --log-driver; "" = daemon default */
	const char *const *log_opts; /* --log-opt names ("max-size") */
	size_t nlog_opts;
	const struct dg_ulimit *ulimits;
	size_t nulimits;
	const struct dg_tmpfs *tmpfs; /* --tmpfs and --mount type=tmpfs */
	size_t ntmpfs;
	const char *cgroup_parent; /* --cgroup-parent; "" = not given */
	int oom_kill_disable;	   /* --oom-kill-disable */
	long long oom_score_adj;   /* --oom-score-adj, -1000..1000 */
	const char *restart;	   /* --restart: "no", "on-failure",
				      "unless-stopped", "always" */
	long long restart_retries; /* on-failure:N; 0 = no maximum */
	struct dg_limits limits;
};

/* POST /containers/{id}/exec, typed. */
struct dg_exec {
	size_t size;
	const char *container; /* as named in the path */
	struct dg_runas user;
	int privileged;
};

enum dg_request_kind {
	DG_REQ_GENERIC =
		1, /* a route with nothing to decide beyond the route */
	DG_REQ_CREATE,
	DG_REQ_EXEC,
	DG_REQ_BUILD,
	DG_REQ_UPDATE,		/* since 1.2 */
	DG_REQ_NETWORK_CREATE,	/* since 1.3 */
	DG_REQ_NETWORK_CONNECT, /* since 1.3 */
	DG_REQ_PULL,		/* since 1.3 */
	DG_REQ_IMPORT,		/* since 1.3: docker import: POST
				   /images/create?fromSrc=- */
	DG_REQ_PUSH /* since 1.3: docker push: POST /images/{name}/push */
};

/* POST /containers/{id}/update, typed (since 1.2).  Fields not set are
 * left unchanged by dockerd: memory 0 and nano_cpus 0 mean "unchanged";
 * pids_set says whether PidsLimit was sent. */
struct dg_update {
	size_t size;
	const char *container;
	struct dg_resources res;
	int pids_set;
	/* since 1.3 */
	const char *restart; /* --restart; "" = unchanged */
	long long restart_retries;
	struct dg_limits limits; /* 0 and "" = unchanged */
};

/* POST /networks/create, typed (since 1.3).  The gate allows only a
 * bridge network with no driver options and no addresses chosen. */
struct dg_network_create {
	size_t size;
	const char *name;
	int internal; /* --internal */
	/* networks the caller has now (counted by the gate); -1 unknown */
	long long user_networks;
};

/* POST /networks/{id}/connect (since 1.3): the caller's own container
 * joins `net`. */
struct dg_network_connect {
	size_t size;
	const char *container; /* as named in the body */
	struct dg_network_use net;
};

/* POST /images/create?fromImage=&tag= (docker pull, and the pull of
 * docker run for a missing image), typed (since 1.3).  image is what
 * dockerd will pull: fromImage and tag combined (tag may be a digest);
 * it always has a tag or a digest (a pull of every tag is refused by
 * the gate). */
struct dg_pull {
	size_t size;
	const struct dg_image_ref *image;
};

/*
 * What the caller's containers hold now (since 1.3), counted by the gate
 * on live daemon state at every create and update: every container the
 * caller has, in any state (a stopped container can be started at any
 * time, so it counts).  An update's own container is left out of the
 * totals; its settings now are in `target`.  Limits are as set on each
 * container (HostConfig): CPUs are NanoCpus, or CpuQuota/CpuPeriod
 * converted to the same unit.  A container without a limit adds nothing
 * to a sum and one to its unlimited_* count.
 */
struct dg_usage {
	size_t size;
	long long containers;	    /* counted (without an update's own) */
	long long memory;	    /* sum of their memory limits, bytes */
	long long nano_cpus;	    /* sum of their CPU limits, 1e-9 CPUs */
	long long pids;		    /* sum of their pids limits */
	long long unlimited_memory; /* containers without a memory limit */
	long long unlimited_cpus;   /* ... without a CPU limit */
	long long unlimited_pids;   /* ... without a pids limit */
	struct dg_resources target; /* DG_REQ_UPDATE: its settings now */
};

/*
 * BuildKit (since 1.3).  After its Upgrade: h2c a BuildKit session is an
 * HTTP/2 stream the gate cannot read, so these are decided on the route:
 * POST /session (and /grpc) come as DG_REQ_GENERIC with that route, and
 * POST /build?version=2 as DG_REQ_BUILD with route DG_ROUTE_BUILDKIT_BUILD
 * (the classic builder's is "/build").
 */
#define DG_ROUTE_SESSION	"/session"
#define DG_ROUTE_GRPC		"/grpc"
#define DG_ROUTE_BUILDKIT_BUILD "/build?version=2"

struct dg_request {
	size_t size;
	enum dg_request_kind kind;
	const char *method; /* "POST" */
	const char *route;  /* route pattern: "/containers/{id}/exec" */
	const char *object; /* the {id}/{name} in the path, or NULL */
	const struct dg_user *user;
	const struct dg_create *create; /* kind == DG_REQ_CREATE */
	const struct dg_exec *exec;	/* kind == DG_REQ_EXEC */
	/* since 1.2 */
	const struct dg_update *update; /* kind == DG_REQ_UPDATE */
	/* since 1.3 */
	const struct dg_network_create *network_create;
	const struct dg_network_connect *network_connect;
	const struct dg_pull *pull; /* kind == DG_REQ_PULL */
	/* DG_REQ_CREATE, DG_REQ_UPDATE: the caller's usage now; NULL when
	 * the gate could not count it (a plugin with totals to enforce
	 * then refuses). */
	const struct dg_usage *usage;
	/* DG_REQ_IMPORT, DG_REQ_PUSH: the image name written or pushed,
	 * canonical ("docker.io/alice/app:1"); "" for an unnamed import.
	 * The gate has already checked it lies in the caller's namespace. */
	const char *image;
};

#define DG_MESSAGE_MAX	    1024
#define DG_RULE_MAX	    256
#define DG_FORCE_USER_MAX   64
#define DG_FORCE_CGROUP_MAX 256 /* since 1.3 */

/* Settings the plugin asks the gate to force on an allowed request. */
struct dg_force {
	char user[DG_FORCE_USER_MAX]; /* Config.User / exec User; "" = keep */
	int readonly_binds;	      /* make every host bind read-only */
	int no_new_privileges;	      /* add no-new-privileges:true */
	int cap_drop_all;	      /* CapDrop ["ALL"], CapAdd cleared */
	long long pids_limit;	      /* > 0: PidsLimit at most this */
	int caller_groups;	      /* GroupAdd the caller's groups */
	/* since 1.1: the caller sees and acts on every user's objects (the
	 * gate skips its ownership checks and list filters) */
	int admin_view;
	/* since 1.2: resource settings to apply when > 0 (a create without
	 * one gets it; a request over it was refused by the plugin) */
	long long memory;
	long long nano_cpus;
	/* since 1.3 */
	char cgroup_parent[DG_FORCE_CGROUP_MAX]; /* --cgroup-parent; "" =
						    keep (the request's is
						    "" or this value) */
	int read_only;				 /* --read-only */
	int init;				 /* --init */
	long long tmpfs_size; /* > 0: size of every tmpfs that gives none */
	/* Forward Config.Image as the client named it (docker ps then shows
	 * the name) rather than the full ID the plugin decided on; only for
	 * a user who may run any image, since a tag can move in between. */
	int image_by_name;
};

struct dg_decision {
	size_t size;
	/* For a denial: what was refused (in CLI terms), why, and what is
	 * allowed instead.  The gate prefixes "docker-gate: ". */
	char message[DG_MESSAGE_MAX];
	char rule[DG_RULE_MAX]; /* deciding rule, "file:line" */
	struct dg_force force;
};

struct dg_policy_plugin {
	unsigned int type;    /* DG_PLUGIN_POLICY */
	unsigned int version; /* DG_API_VERSION the plugin was built with */
	/*
	 * Called once, after the gate has dropped its privileges.  options
	 * is a NULL-terminated list of "key=value" strings.  Returns 1 on
	 * success; 0 or -1 with a reason in err refuses to start the gate.
	 */
	int (*open)(unsigned int version, const struct dg_host *host,
		    const char *const options[], char *err, size_t errlen);
	void (*close)(void);
	/* DG_ALLOW, DG_DENY or DG_ERROR (counts as deny). */
	int (*check)(const struct dg_request *req, struct dg_decision *dec);
	/* The user's effective policy in plain words, NUL-terminated in buf.
	 * Returns 1, or -1 on error. */
	int (*describe)(const struct dg_user *user, char *buf, size_t len);
	/* Re-read the policy; on any error keep the old one and return -1
	 * with file:line in err.  May be NULL. */
	int (*reload)(char *err, size_t errlen);
};

#ifdef __cplusplus
}
#endif

#endif
