/*
 * Field tables: every Config, HostConfig, NetworkingConfig, Mount, exec and
 * volume field up to API 1.55, each with its type and class.
 *
 *   FREE          type-checked and forwarded;
 *   POLICY        type-checked here, extracted into struct dg_create by
 *                 canon_create.c / canon_mounts.c / canon_ports.c;
 *   DEFAULT-ONLY  (CJF_ZERO, CJF_NULLONLY, `oneof`) refused unless the value
 *                 is what the CLI sends by default; the message names the
 *                 CLI flag.
 *
 * A key missing from these tables is refused, so a newer client fails
 * closed until the field is classified here.
 */
#include <limits.h>
#include <stddef.h>

#include "canon_priv.h"

#define NOMAX LLONG_MAX

#define FS(n)                                                                  \
	{                                                                      \
		.name = n, .kind = CJ_STR                                      \
	}
#define FB(n)                                                                  \
	{                                                                      \
		.name = n, .kind = CJ_BOOL                                     \
	}
#define FI(n, lo, hi, fl)                                                      \
	{                                                                      \
		.name = n, .kind = CJ_INT, .min = lo, .max = hi, .flag = fl    \
	}
#define FL(n)                                                                  \
	{                                                                      \
		.name = n, .kind = CJ_STRLIST                                  \
	}
#define FSS(n)                                                                 \
	{                                                                      \
		.name = n, .kind = CJ_STRSLICE                                 \
	}
#define FK(n, k, fn)                                                           \
	{                                                                      \
		.name = n, .kind = k, .check = fn                              \
	}
#define FO(n, t)                                                               \
	{                                                                      \
		.name = n, .kind = CJ_OBJ, .sub = &t                           \
	}
#define FOL(n, t)                                                              \
	{                                                                      \
		.name = n, .kind = CJ_OBJLIST, .sub = &t                       \
	}
#define FOM(n, t)                                                              \
	{                                                                      \
		.name = n, .kind = CJ_OBJMAP, .sub = &t                        \
	}
#define F1(n, set, fl)                                                         \
	{                                                                      \
		.name = n, .kind = CJ_STR, .oneof = set, .flag = fl            \
	}
/* DEFAULT-ONLY: the zero value, or null. */
#define FZ(n, k, fl)                                                           \
	{                                                                      \
		.name = n, .kind = k, .flags = CJF_ZERO, .flag = fl            \
	}
/* DEFAULT-ONLY: null or absent only (an empty list means something). */
#define FN(n, k, fl)                                                           \
	{                                                                      \
		.name = n, .kind = k, .flags = CJF_NULLONLY, .flag = fl        \
	}

/* ---- Config (top level of a create body) ---- */

static const struct cj_field f_health[] = {
	FL("Test"),
	FI("Interval", 0, NOMAX, "--health-interval"),
	FI("Timeout", 0, NOMAX, "--health-timeout"),
	FI("StartPeriod", 0, NOMAX, "--health-start-period"),
	FI("StartInterval", 0, NOMAX, "--health-start-interval"),
	FI("Retries", 0, NOMAX, "--health-retries"),
};
static const struct cj_table t_health = CJ_TABLE(f_health);

/* ---- NetworkingConfig: aliases only (on one's own network) ---- */

static const struct cj_field f_ipam[] = {
	FZ("IPv4Address", CJ_STR, "--ip"),
	FZ("IPv6Address", CJ_STR, "--ip6"),
	FZ("LinkLocalIPs", CJ_STRLIST, "--link-local-ip"),
};
static const struct cj_table t_ipam = CJ_TABLE(f_ipam);

static const struct cj_field f_endpoint[] = {
	FO("IPAMConfig", t_ipam),
	FZ("Links", CJ_STRLIST, "--link"),
	{.name = "Aliases",
	 .kind = CJ_STRLIST,
	 .check = canon_check_aliases,
	 .flag = "--network-alias"},
	FZ("MacAddress", CJ_STR, "--mac-address"),
	FZ("DriverOpts", CJ_STRMAP, "--network driver-opt"),
	FZ("GwPriority", CJ_INT, "--network gw-priority"),
	/* output fields: a client has no business setting them */
	FZ("NetworkID", CJ_STR, NULL),
	FZ("EndpointID", CJ_STR, NULL),
	FZ("Gateway", CJ_STR, NULL),
	FZ("IPAddress", CJ_STR, NULL),
	FZ("IPPrefixLen", CJ_INT, NULL),
	FZ("IPv6Gateway", CJ_STR, NULL),
	FZ("GlobalIPv6Address", CJ_STR, NULL),
	FZ("GlobalIPv6PrefixLen", CJ_INT, NULL),
	FZ("DNSNames", CJ_STRLIST, NULL),
};
const struct cj_table canon_t_endpoint = CJ_TABLE(f_endpoint);

static const struct cj_field f_netconfig[] = {
	FOM("EndpointsConfig", canon_t_endpoint),
};
static const struct cj_table t_netconfig = CJ_TABLE(f_netconfig);

/* ---- Mount objects (HostConfig.Mounts) ---- */

static const char *const propagations[] = {
	"", "private", "rprivate", "slave", "rslave", NULL,
};
static const char *const consistencies[] = {
	"", "default", "consistent", "cached", "delegated", NULL,
};

static const struct cj_field f_bindopts[] = {
	F1("Propagation", propagations, "--mount bind-propagation"),
	FB("NonRecursive"),
	/* creates host directories as root */
	FZ("CreateMountpoint", CJ_BOOL, "--mount bind-create-src"),
	/* leaves submounts of a read-only bind writable */
	FZ("ReadOnlyNonRecursive", CJ_BOOL, "--mount bind-recursive=writable"),
	FB("ReadOnlyForceRecursive"),
};
static const struct cj_table t_bindopts = CJ_TABLE(f_bindopts);

static const struct cj_field f_driver[] = {
	FS("Name"),
	{.name = "Options", .kind = CJ_STRMAP},
};
static const struct cj_table t_driver = CJ_TABLE(f_driver);

static const struct cj_field f_volopts[] = {
	FB("NoCopy"),
	FK("Labels", CJ_STRMAP, canon_check_labels),
	FZ("Subpath", CJ_STR, "--mount volume-subpath"),
	FO("DriverConfig", t_driver),
};
static const struct cj_table t_volopts = CJ_TABLE(f_volopts);

static const struct cj_field f_tmpfsopts[] = {
	FI("SizeBytes", 0, NOMAX, "--mount tmpfs-size"),
	FI("Mode", 0, 07777, "--mount tmpfs-mode"),
	FZ("Options", CJ_LIST, "--mount tmpfs options"),
};
static const struct cj_table t_tmpfsopts = CJ_TABLE(f_tmpfsopts);

static const struct cj_field f_imageopts[] = {
	FS("Subpath"),
};
static const struct cj_table t_imageopts = CJ_TABLE(f_imageopts);

/* ClusterOptions is an empty struct: no key is known. */
static const struct cj_table t_clusteropts = {NULL, 0};

static const struct cj_field f_mount[] = {
	FS("Type"),
	FS("Source"),
	FS("Target"),
	FB("ReadOnly"),
	F1("Consistency", consistencies, "--mount consistency"),
	FO("BindOptions", t_bindopts),
	FO("VolumeOptions", t_volopts),
	FO("ImageOptions", t_imageopts),
	FO("TmpfsOptions", t_tmpfsopts),
	FO("ClusterOptions", t_clusteropts),
};
static const struct cj_table t_mount = CJ_TABLE(f_mount);

/* ---- HostConfig ---- */

static const char *const restart_names[] = {
	"", "no", "always", "unless-stopped", "on-failure", NULL,
};
static const struct cj_field f_restart[] = {
	F1("Name", restart_names, "--restart"),
	FI("MaximumRetryCount", 0, NOMAX, "--restart on-failure"),
};
static const struct cj_table t_restart = CJ_TABLE(f_restart);

/* POLICY (canon_run.c) */
static const struct cj_field f_logconfig[] = {
	{.name = "Type",
	 .kind = CJ_STR,
	 .check = canon_check_log_driver,
	 .flag = "--log-driver"},
	{.name = "Config",
	 .kind = CJ_STRMAP,
	 .check = canon_check_log_opts,
	 .flag = "--log-opt"},
};
static const struct cj_table t_logconfig = CJ_TABLE(f_logconfig);

/* --ulimit: {Name, Soft, Hard}; -1 is unlimited (canon_run.c) */
static const struct cj_field f_ulimit[] = {
	FS("Name"),
	FI("Soft", -1, NOMAX, "--ulimit"),
	FI("Hard", -1, NOMAX, "--ulimit"),
};
static const struct cj_table t_ulimit = CJ_TABLE(f_ulimit);

static const char *const cgroupns_modes[] = {"", "private", "host", NULL};
static const char *const host_modes[] = {"", "host", NULL};

/* --device and --gpus (canon_options.c reads the values). */
static const struct cj_field f_device[] = {
	FS("PathOnHost"),
	FS("PathInContainer"),
	FS("CgroupPermissions"),
};
static const struct cj_table t_device = CJ_TABLE(f_device);

static const struct cj_field f_devreq[] = {
	FS("Driver"),
	FI("Count", -1, NOMAX, "--gpus"),
	FL("DeviceIDs"),
	FK("Capabilities", CJ_ANY, canon_check_gpu_caps),
	FZ("Options", CJ_STRMAP, "--gpus options"),
};
static const struct cj_table t_devreq = CJ_TABLE(f_devreq);
static const char *const isolations[] = {"", "default", NULL};
static const char *const local_drivers[] = {"", "local", NULL};

static const struct cj_field f_hostconfig[] = {
	/* POLICY */
	{.name = "Privileged", .kind = CJ_BOOL},
	{.name = "Binds", .kind = CJ_STRLIST},
	FOL("Mounts", t_mount),
	FK("PortBindings", CJ_ANY, canon_check_portmap),
	{.name = "PublishAllPorts", .kind = CJ_BOOL},
	/* FREE */
	FS("ContainerIDFile"),
	FB("AutoRemove"),
	FK("ConsoleSize", CJ_ANY, canon_check_console),
	FSS("CapDrop"),
	FL("Dns"),
	FL("DnsOptions"),
	FL("DnsSearch"),
	FL("ExtraHosts"),
	/* the policy may force them; asking for them is free */
	FB("ReadonlyRootfs"),
	FB("Init"),
	FI("Memory", 0, NOMAX, "--memory"),
	FI("MemorySwap", -1, NOMAX, "--memory-swap"),
	FI("MemorySwappiness", -1, 100, "--memory-swappiness"),
	FI("NanoCpus", 0, NOMAX, "--cpus"),
	FI("CpuPeriod", 0, NOMAX, "--cpu-period"),
	FI("CpuQuota", -1, NOMAX, "--cpu-quota"),
	FI("PidsLimit", -1, NOMAX, "--pids-limit"),
	/* POLICY (canon_run.c, canon_tmpfs.c, canon_limits.c) */
	FO("RestartPolicy", t_restart),
	FI("ShmSize", 0, NOMAX, "--shm-size"),
	FI("OomScoreAdj", -1000, 1000, "--oom-score-adj"),
	FB("OomKillDisable"),
	FI("MemoryReservation", 0, NOMAX, "--memory-reservation"),
	FI("CpuShares", 0, NOMAX, "--cpu-shares"),
	{.name = "CpusetCpus",
	 .kind = CJ_STR,
	 .check = canon_check_cpuset,
	 .flag = "--cpuset-cpus"},
	{.name = "CpusetMems",
	 .kind = CJ_STR,
	 .check = canon_check_cpuset,
	 .flag = "--cpuset-mems"},
	FI("BlkioWeight", 0, 1000, "--blkio-weight"),
	{.name = "CgroupParent",
	 .kind = CJ_STR,
	 .check = canon_check_cgroup_parent,
	 .flag = "--cgroup-parent"},
	{.name = "StorageOpt",
	 .kind = CJ_STRMAP,
	 .check = canon_check_storage_opt,
	 .flag = "--storage-opt"},
	{.name = "Ulimits",
	 .kind = CJ_OBJLIST,
	 .sub = &t_ulimit,
	 .check = canon_check_ulimits,
	 .flag = "--ulimit"},
	{.name = "Tmpfs",
	 .kind = CJ_STRMAP,
	 .check = canon_check_tmpfs,
	 .flag = "--tmpfs"},
	FO("LogConfig", t_logconfig),
	/* POLICY (canon_options.c) */
	{.name = "CapAdd",
	 .kind = CJ_STRSLICE,
	 .check = canon_check_capadd,
	 .flag = "--cap-add"},
	FOL("Devices", t_device),
	{.name = "DeviceCgroupRules",
	 .kind = CJ_STRLIST,
	 .check = canon_check_cgrules,
	 .flag = "--device-cgroup-rule"},
	FOL("DeviceRequests", t_devreq),
	F1("UTSMode", host_modes, "--uts"),
	F1("UsernsMode", host_modes, "--userns"),
	F1("CgroupnsMode", cgroupns_modes, "--cgroupns"),
	{.name = "MaskedPaths",
	 .kind = CJ_STRLIST,
	 .check = canon_check_syspaths,
	 .flag = "--security-opt systempaths=unconfined"},
	{.name = "ReadonlyPaths",
	 .kind = CJ_STRLIST,
	 .check = canon_check_syspaths,
	 .flag = "--security-opt systempaths=unconfined"},
	{.name = "Sysctls",
	 .kind = CJ_STRMAP,
	 .check = canon_check_sysctls,
	 .flag = "--sysctl"},
	{.name = "Runtime",
	 .kind = CJ_STR,
	 .check = canon_check_runtime,
	 .flag = "--runtime"},
	{.name = "IpcMode",
	 .kind = CJ_STR,
	 .check = canon_check_ipcmode,
	 .flag = "--ipc"},
	/* DEFAULT-ONLY */
	FN("Capabilities", CJ_STRLIST, "HostConfig.Capabilities"),
	{.name = "PidMode",
	 .kind = CJ_STR,
	 .check = canon_check_pidmode,
	 .flag = "--pid"},
	FZ("Cgroup", CJ_STR, "HostConfig.Cgroup"),
	{.name = "NetworkMode",
	 .kind = CJ_STR,
	 .check = canon_check_netmode,
	 .flag = "--network"},
	{.name = "SecurityOpt",
	 .kind = CJ_STRLIST,
	 .check = canon_check_secopt,
	 .flag = "--security-opt"},
	F1("Isolation", isolations, "--isolation"),
	F1("VolumeDriver", local_drivers, "--volume-driver"),
	{.name = "VolumesFrom",
	 .kind = CJ_STRLIST,
	 .check = canon_check_volumesfrom,
	 .flag = "--volumes-from"},
	{.name = "Links",
	 .kind = CJ_STRLIST,
	 .check = canon_check_links,
	 .flag = "--link"},
	FZ("GroupAdd", CJ_STRLIST, "--group-add"),
	FZ("Annotations", CJ_STRMAP, "--annotation"),
	FZ("CpuRealtimePeriod", CJ_INT, "--cpu-rt-period"),
	FZ("CpuRealtimeRuntime", CJ_INT, "--cpu-rt-runtime"),
	FZ("KernelMemory", CJ_INT, "--kernel-memory"),
	FZ("KernelMemoryTCP", CJ_INT, "HostConfig.KernelMemoryTCP"),
	FZ("CpuCount", CJ_INT, "--cpu-count"),
	FZ("CpuPercent", CJ_INT, "--cpu-percent"),
	FZ("IOMaximumIOps", CJ_INT, "--io-maxiops"),
	FZ("IOMaximumBandwidth", CJ_INT, "--io-maxbandwidth"),
	FZ("BlkioWeightDevice", CJ_LIST, "--blkio-weight-device"),
	FZ("BlkioDeviceReadBps", CJ_LIST, "--device-read-bps"),
	FZ("BlkioDeviceWriteBps", CJ_LIST, "--device-write-bps"),
	FZ("BlkioDeviceReadIOps", CJ_LIST, "--device-read-iops"),
	FZ("BlkioDeviceWriteIOps", CJ_LIST, "--device-write-iops"),
};
const struct cj_table canon_t_hostconfig = CJ_TABLE(f_hostconfig);

static const struct cj_field f_create[] = {
	/* POLICY */
	FS("Image"),
	FS("User"),
	/* FREE */
	FS("Hostname"),
	FS("Domainname"),
	FB("AttachStdin"),
	FB("AttachStdout"),
	FB("AttachStderr"),
	FB("Tty"),
	FB("OpenStdin"),
	FB("StdinOnce"),
	FL("Env"),
	FSS("Cmd"),
	FSS("Entrypoint"),
	FSS("Shell"),
	FO("Healthcheck", t_health),
	FB("ArgsEscaped"),
	FK("Volumes", CJ_SETMAP, canon_check_anon_volumes),
	FS("WorkingDir"),
	FB("NetworkDisabled"),
	FL("OnBuild"),
	FK("Labels", CJ_STRMAP, canon_check_labels),
	FS("StopSignal"),
	FI("StopTimeout", -1, NOMAX, "--stop-timeout"),
	FK("ExposedPorts", CJ_SETMAP, canon_check_exposed),
	/* DEFAULT-ONLY: another container's MAC on the same bridge */
	FZ("MacAddress", CJ_STR, "--mac-address"),
	/* the two objects */
	FO("HostConfig", canon_t_hostconfig),
	FO("NetworkingConfig", t_netconfig),
};
const struct cj_table canon_t_create = CJ_TABLE(f_create);

/* ---- PortBindings values ---- */

static const struct cj_field f_portbinding[] = {
	FS("HostIp"),
	FS("HostPort"),
};
const struct cj_table canon_t_portbinding = CJ_TABLE(f_portbinding);

/* ---- exec ---- */

static const struct cj_field f_exec[] = {
	FS("User"),	    FB("Privileged"),
	FB("Tty"),	    FK("ConsoleSize", CJ_ANY, canon_check_console),
	FB("AttachStdin"),  FB("AttachStdout"),
	FB("AttachStderr"), FB("Detach"),
	FS("DetachKeys"),   FL("Env"),
	FS("WorkingDir"),   FL("Cmd"),
};
const struct cj_table canon_t_exec = CJ_TABLE(f_exec);

static const struct cj_field f_exec_start[] = {
	FB("Detach"),
	FB("Tty"),
	FK("ConsoleSize", CJ_ANY, canon_check_console),
};
const struct cj_table canon_t_exec_start = CJ_TABLE(f_exec_start);

/* ---- volume create ---- */

static const struct cj_field f_volume[] = {
	FK("Name", CJ_STR, canon_check_volume_name),
	F1("Driver", local_drivers, "--driver"),
	FK("DriverOpts", CJ_STRMAP, canon_check_volume_opts),
	FK("Labels", CJ_STRMAP, canon_check_labels),
	{.name = "ClusterVolumeSpec",
	 .kind = CJ_ANY,
	 .check = canon_check_refuse,
	 .flag = "docker volume create --type cluster"},
};
const struct cj_table canon_t_volume = CJ_TABLE(f_volume);

/* ---- container update: resources the policy decides, the rest must stay
 * at their zero value (the CLI sends every field) ---- */

static const struct cj_field f_update[] = {
	/* POLICY (canon_update.c) */
	FI("Memory", 0, NOMAX, "--memory"),
	FI("MemorySwap", -1, NOMAX, "--memory-swap"),
	FI("NanoCpus", 0, NOMAX, "--cpus"),
	FI("PidsLimit", -1, NOMAX, "--pids-limit"),
	FI("CpuQuota", -1, NOMAX, "--cpu-quota"),
	FI("CpuPeriod", 0, NOMAX, "--cpu-period"),
	/* POLICY since plugin ABI 1.3 (canon_limits.c) */
	FO("RestartPolicy", t_restart),
	FI("MemoryReservation", 0, NOMAX, "--memory-reservation"),
	FI("CpuShares", 0, NOMAX, "--cpu-shares"),
	{.name = "CpusetCpus",
	 .kind = CJ_STR,
	 .check = canon_check_cpuset,
	 .flag = "--cpuset-cpus"},
	{.name = "CpusetMems",
	 .kind = CJ_STR,
	 .check = canon_check_cpuset,
	 .flag = "--cpuset-mems"},
	FI("BlkioWeight", 0, 1000, "--blkio-weight"),
	/* FREE */
	FI("MemorySwappiness", -1, 100, "--memory-swappiness"),
	/* DEFAULT-ONLY */
	FZ("CgroupParent", CJ_STR, "--cgroup-parent"),
	FZ("BlkioWeightDevice", CJ_LIST, "--blkio-weight-device"),
	FZ("BlkioDeviceReadBps", CJ_LIST, "--device-read-bps"),
	FZ("BlkioDeviceWriteBps", CJ_LIST, "--device-write-bps"),
	FZ("BlkioDeviceReadIOps", CJ_LIST, "--device-read-iops"),
	FZ("BlkioDeviceWriteIOps", CJ_LIST, "--device-write-iops"),
	FZ("CpuRealtimePeriod", CJ_INT, "--cpu-rt-period"),
	FZ("CpuRealtimeRuntime", CJ_INT, "--cpu-rt-runtime"),
	FZ("Devices", CJ_LIST, "HostConfig.Devices"),
	FZ("DeviceCgroupRules", CJ_STRLIST, "HostConfig.DeviceCgroupRules"),
	FZ("DeviceRequests", CJ_LIST, "HostConfig.DeviceRequests"),
	FZ("KernelMemory", CJ_INT, "--kernel-memory"),
	FZ("KernelMemoryTCP", CJ_INT, "HostConfig.KernelMemoryTCP"),
	FZ("OomKillDisable", CJ_BOOL, "--oom-kill-disable"),
	FZ("Init", CJ_BOOL, "--init"),
	FZ("Ulimits", CJ_LIST, "--ulimit"),
	FZ("CpuCount", CJ_INT, "--cpu-count"),
	FZ("CpuPercent", CJ_INT, "--cpu-percent"),
	FZ("IOMaximumIOps", CJ_INT, "--io-maxiops"),
	FZ("IOMaximumBandwidth", CJ_INT, "--io-maxbandwidth"),
};
const struct cj_table canon_t_update = CJ_TABLE(f_update);
