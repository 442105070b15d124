/*
 * Entries of the run-option keys (see options.h).  Each check runs when a
 * policy file is parsed, so a typo is a file:line error, never a rule that
 * silently matches nothing.
 */
#include "options.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/capability.h>

#include "docker-gate/plugin.h"
#include "paths.h"

int dgp_cap_check(const char *item, char *err, size_t errlen)
{
	char name[64];
	cap_value_t v;
	size_t n = strlen(item);

	if (!strcasecmp(item, "ALL"))
		return 0;
	/* libcap also reads numbers and stops at a comma */
	if (n == 0 || n > 40 ||
	    strspn(item, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "abcdefghijklmnopqrstuvwxyz_") != n) {
		snprintf(err, errlen,
			 "cap_add: \"%s\" is not a capability "
			 "name",
			 item);
		return -1;
	}
	snprintf(name, sizeof(name), "%s%s",
		 strncasecmp(item, "CAP_", 4) ? "CAP_" : "", item);
	if (cap_from_name(name, &v) != 0) {
		snprintf(err, errlen, "cap_add: unknown capability \"%s\"",
			 item);
		return -1;
	}
	return 0;
}

int dgp_cap_match(const char *entry, const char *cap)
{
	if (!strcasecmp(entry, "ALL"))
		return 1;
	if (!strcmp(cap, "ALL") || strncmp(cap, "CAP_", 4))
		return 0;
	if (!strncasecmp(entry, "CAP_", 4))
		entry += 4;
	return !strcasecmp(entry, cap + 4);
}

static int perms_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 3 || strspn(s, "rwm") != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strchr(s + i + 1, s[i]))
			return 0;
	return 1;
}

int dgp_device_check(const char *item, char *err, size_t errlen)
{
	char path[DGP_PATH_MAX];
	const char *colon = strchr(item, ':');
	size_t n = colon ? (size_t)(colon - item) : strlen(item);

	if (n >= sizeof(path))
		goto bad;
	memcpy(path, item, n);
	path[n] = '\0';
	if (!dgp_path_is_clean(path) || !strcmp(path, "/"))
		goto bad;
	if (colon && !perms_ok(colon + 1))
		goto bad;
	return 0;
bad:
	snprintf(err, errlen,
		 "devices: \"%s\" must be a clean absolute host path, "
		 "optionally with :PERMS (letters of rwm)",
		 item);
	return -1;
}

int dgp_device_match(const char *entry, const char *host, const char *perms)
{
	const char *colon = strchr(entry, ':');
	size_t n = colon ? (size_t)(colon - entry) : strlen(entry);

	if (strlen(host) != n || strncmp(entry, host, n))
		return 0;
	if (!colon)
		return 1;
	for (; *perms; perms++)
		if (!strchr(colon + 1, *perms))
			return 0;
	return 1;
}

int dgp_cgrule_check(const char *item, char *err, size_t errlen)
{
	char type, perms[8];
	char maj[12], min[12];
	int end = 0;

	char again[64];

	/* sscanf's spaces match any run of blanks: compare the rebuilt rule
	 * with the entry, so only dockerd's exact form is accepted */
	if (sscanf(item, "%c %11[0-9*]:%11[0-9*] %7[rwm]%n", &type, maj, min,
		   perms, &end) == 4 &&
	    item[end] == '\0' && strchr("acb", type) && type &&
	    perms_ok(perms) && (!strcmp(maj, "*") || !strchr(maj, '*')) &&
	    (!strcmp(min, "*") || !strchr(min, '*'))) {
		snprintf(again, sizeof(again), "%c %s:%s %s", type, maj, min,
			 perms);
		if (!strcmp(again, item))
			return 0;
	}
	snprintf(err, errlen,
		 "device_cgroup_rules: \"%s\" must read TYPE MAJOR:MINOR "
		 "PERMS, e.g. \"c 10:229 rwm\"",
		 item);
	return -1;
}

static const struct {
	const char *name;
	unsigned int bit;
	const char *flag;
} ns_names[] = {
	{"network", DG_NS_NETWORK, "--network host"},
	{"pid", DG_NS_PID, "--pid host"},
	{"ipc", DG_NS_IPC, "--ipc host"},
	{"uts", DG_NS_UTS, "--uts host"},
	{"userns", DG_NS_USERNS, "--userns host"},
	{"cgroupns", DG_NS_CGROUPNS, "--cgroupns host"},
};

unsigned int dgp_ns_bit(const char *item)
{
	for (size_t i = 0; i < sizeof(ns_names) / sizeof(ns_names[0]); i++)
		if (!strcmp(item, ns_names[i].name))
			return ns_names[i].bit;
	return 0;
}

const char *dgp_ns_flag(unsigned int bit)
{
	for (size_t i = 0; i < sizeof(ns_names) / sizeof(ns_names[0]); i++)
		if (bit == ns_names[i].bit)
			return ns_names[i].flag;
	return "a host namespace";
}

int dgp_ns_check(const char *item, char *err, size_t errlen)
{
	if (dgp_ns_bit(item))
		return 0;
	snprintf(err, errlen,
		 "host_namespaces: \"%s\" is not one of network, pid, ipc, "
		 "uts, userns, cgroupns",
		 item);
	return -1;
}

int dgp_network_check(const char *item, char *err, size_t errlen)
{
	static const char *const words[] = {"bridge", "none", "user", "shared",
					    NULL};

	for (size_t i = 0; words[i]; i++)
		if (!strcmp(item, words[i]))
			return 0;
	snprintf(err, errlen,
		 "networks: \"%s\" is not one of bridge, none, user, shared "
		 "(--network host is host_namespaces = {\"network\"})",
		 item);
	return -1;
}

/* The canonical --security-opt forms the gate hands over (struct
 * dg_create.security_opt) that a policy may allow. */
int dgp_secopt_check(const char *item, char *err, size_t errlen)
{
	static const char *const exact[] = {
		"seccomp=unconfined",	   "seccomp=custom",
		"apparmor=unconfined",	   "label=disable",
		"no-new-privileges=false", "systempaths=unconfined",
		"writable-cgroups=true",
	};
	size_t n = strlen(item);

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (!strcmp(item, exact[i]))
			return 0;
	/* a named AppArmor profile or an SELinux label */
	if ((!strncmp(item, "apparmor=", 9) && n > 9) ||
	    (!strncmp(item, "label=", 6) && n > 6)) {
		if (!strchr(item, ' '))
			return 0;
	}
	snprintf(err, errlen,
		 "security_opt: \"%s\" is not one of seccomp=unconfined, "
		 "seccomp=custom, apparmor=PROFILE, label=VALUE, "
		 "no-new-privileges=false, systempaths=unconfined, "
		 "writable-cgroups=true",
		 item);
	return -1;
}

static int dotted_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 128 || s[0] == '.' || s[n - 1] == '.' ||
	    strstr(s, ".."))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == n;
}

int dgp_runtime_check(const char *item, char *err, size_t errlen)
{
	if (dotted_ok(item))
		return 0;
	snprintf(err, errlen, "runtimes: \"%s\" is not a runtime name", item);
	return -1;
}

int dgp_sysctl_check(const char *item, char *err, size_t errlen)
{
	size_t n = strlen(item);
	char base[160];

	if (n > 2 && n < sizeof(base) && !strcmp(item + n - 2, ".*")) {
		memcpy(base, item, n - 2);
		base[n - 2] = '\0';
		if (dotted_ok(base))
			return 0;
	} else if (dotted_ok(item)) {
		return 0;
	}
	snprintf(err, errlen,
		 "sysctls: \"%s\" must be a sysctl name or a prefix such "
		 "as net.ipv4.*",
		 item);
	return -1;
}

int dgp_sysctl_match(const char *entry, const char *name)
{
	size_t n = strlen(entry);

	if (n > 2 && !strcmp(entry + n - 2, ".*"))
		return !strncmp(entry, name, n - 1) && name[n - 1] != '\0';
	return !strcmp(entry, name);
}
