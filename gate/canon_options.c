/*
 * The run options the policy decides beyond -v, -p, --privileged and -u:
 * --cap-add, --device, --device-cgroup-rule, --gpus, host namespaces,
 * --security-opt (canon_secopt.c), --runtime, --sysctl and resources.
 * The field checks refuse what dockerd would read differently from us;
 * canon_options_parse fills the view and rewrites --cap-add and --device
 * to the canonical form the policy saw.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>

#include "canon_priv.h"

#define CAP_NAME_MAX 48	 /* "CAP_CHECKPOINT_RESTORE" and room to spare */
#define NAME_MAX_LEN 128 /* runtime and sysctl names */

int canon_opt_add(struct cj_ctx *cx, struct canon_create *c, const char ***arr,
		  size_t *n, const char *s, const char *flag)
{
	const char *copy;

	if (!*arr) {
		*arr = calloc(CANON_MAX_OPTS, sizeof(**arr));
		if (!*arr)
			return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	/* fail closed: bounded work for the policy */
	if (*n >= CANON_MAX_OPTS)
		return cj_err(cx, CANON_EREFUSED,
			      "more than %d %s entries are not allowed by "
			      "docker-gate",
			      CANON_MAX_OPTS, flag);
	copy = cj_strdup(&c->pool, s);
	if (!copy)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	(*arr)[(*n)++] = copy;
	return CANON_OK;
}

/*
 * "net_admin", "CAP_NET_ADMIN", "all" -> "CAP_NET_ADMIN", "ALL".  Plain
 * ASCII only: dockerd upper-cases with Unicode rules ("ſys_admin" is
 * CAP_SYS_ADMIN to it).  Checked with libcap, which also takes numbers and
 * stops at a comma, so the charset is checked first.  0 or -1.
 */
static int cap_canon(const char *in, char *out, size_t len)
{
	size_t o = 0;
	cap_value_t v;

	if (!strcasecmp(in, "ALL")) {
		snprintf(out, len, "ALL");
		return 0;
	}
	if (strncasecmp(in, "CAP_", 4)) {
		memcpy(out, "CAP_", 4);
		o = 4;
	}
	for (; *in; in++) {
		char ch = *in;

		if (o + 1 >= len)
			return -1;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '_'))
			return -1;
		out[o++] = ch;
	}
	out[o] = '\0';
	if (o < 5 || out[4] < 'A' || out[4] > 'Z')
		return -1;
	return cap_from_name(out, &v) == 0 ? 0 : -1;
}

static int refused_value(struct cj_ctx *cx, const char *flag, const char *s,
			 const char *why)
{
	char q[CJ_QUOTE_MAX + 16];

	cj_quote(q, sizeof(q), s);
	return cj_err(cx, CANON_EREFUSED, "%s %s is refused: %s", flag, q, why);
}

int canon_check_capadd(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	char name[CAP_NAME_MAX];
	json_t *e;
	size_t i;

	json_array_foreach(v, i, e)
	{
		if (cap_canon(json_string_value(e), name, sizeof(name)))
			return refused_value(cx, f->flag, json_string_value(e),
					     "not a capability name");
	}
	return CANON_OK;
}

/* dockerd's rule: ^([acb]) ([0-9]+|\*):([0-9]+|\*) ([rwm]{1,3})$ */
static int cgrule_ok(const char *s)
{
	size_t n;

	if (!strchr("acb", s[0]) || s[0] == '\0' || s[1] != ' ')
		return 0;
	s += 2;
	for (int part = 0; part < 2; part++) {
		n = *s == '*' ? 1 : strspn(s, "0123456789");
		if (n == 0 || n > 10 || s[n] != (part ? ' ' : ':'))
			return 0;
		s += n + 1;
	}
	n = strspn(s, "rwm");
	return n >= 1 && n <= 3 && s[n] == '\0';
}

int canon_check_cgrules(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	json_t *e;
	size_t i;

	json_array_foreach(v, i, e)
	{
		if (!cgrule_ok(json_string_value(e)))
			return refused_value(cx, f->flag, json_string_value(e),
					     "expected TYPE MAJOR:MINOR PERMS, "
					     "e.g. \"c 10:229 rwm\"");
	}
	return CANON_OK;
}

/* Capabilities: a list of lists of plain names ([["gpu"]]). */
int canon_check_gpu_caps(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	json_t *set, *e;
	size_t i, j;

	(void)f;
	if (!json_is_array(v))
		return cj_err(cx, CANON_EBAD, "%s must be a list", cx->path);
	json_array_foreach(v, i, set)
	{
		if (!json_is_array(set))
			return cj_err(cx, CANON_EBAD,
				      "%s must be a list of lists", cx->path);
		json_array_foreach(set, j, e)
		{
			const char *s = json_string_value(e);

			if (!s || !*s || strlen(s) > 64 ||
			    strspn(s,
				   "abcdefghijklmnopqrstuvwxyz0123456789_") !=
				    strlen(s))
				return cj_err(
					cx, CANON_EREFUSED,
					"--gpus capabilities must be plain "
					"names such as gpu, compute, "
					"utility");
		}
	}
	return CANON_OK;
}

int canon_check_syspaths(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	/* [] is systempaths=unconfined (decided by policy); a list of our
	 * own paths would replace docker's masks */
	if (json_array_size(v) == 0)
		return CANON_OK;
	return cj_err(cx, CANON_EREFUSED,
		      "%s with a list of paths is refused by docker-gate "
		      "(an empty list, --security-opt systempaths=unconfined, "
		      "is up to the policy)",
		      cx->path[0] ? cx->path : f->name);
}

/* Names: letters, digits, '_', '-', '.' between parts; no '/' (runc reads
 * "net/ipv4/x" as net.ipv4.x, which an allow-list would not see). */
static int dotted_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > NAME_MAX_LEN || s[0] == '.' || s[n - 1] == '.' ||
	    strstr(s, ".."))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == n;
}

int canon_check_sysctls(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	const char *key;
	json_t *e;

	json_object_foreach(v, key, e)
	{
		(void)e;
		if (!dotted_name_ok(key))
			return refused_value(cx, f->flag, key,
					     "not a sysctl name (dotted, "
					     "e.g. net.ipv4.ip_forward)");
	}
	return CANON_OK;
}

int canon_check_runtime(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	const char *s = json_string_value(v);

	if (!*s || dotted_name_ok(s))
		return CANON_OK;
	return refused_value(cx, f->flag, s, "not a runtime name");
}

/* --cap-add into the view, and the tree rewritten to canonical names (the
 * walker has refused the bare-string form older daemons also take). */
static int caps_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	json_t *list = cj_arr(hc, "CapAdd"), *e;
	char name[CAP_NAME_MAX];
	size_t i;
	int rc;

	json_array_foreach(list, i, e)
	{
		if (cap_canon(json_string_value(e), name, sizeof(name)))
			return cj_err(cx, CANON_EREFUSED, "--cap-add refused");
		if (json_array_set_new(list, i, json_string(name)))
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		rc = canon_opt_add(cx, c, &c->caps, &c->view.ncap_add, name,
				   "--cap-add");
		if (rc)
			return rc;
	}
	c->view.cap_add = c->caps;
	return CANON_OK;
}

static unsigned int host_namespaces(json_t *hc)
{
	static const struct {
		const char *field;
		unsigned int bit;
	} modes[] = {
		{"NetworkMode", DG_NS_NETWORK},
		{"PidMode", DG_NS_PID},
		{"IpcMode", DG_NS_IPC},
		{"UTSMode", DG_NS_UTS},
		{"UsernsMode", DG_NS_USERNS},
		{"CgroupnsMode", DG_NS_CGROUPNS},
	};
	unsigned int bits = 0;

	/* exact: "HOST" is a network name to dockerd, and for the other
	 * modes not a host mode either (the tables refuse it anyway) */
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(cj_str(hc, modes[i].field), "host"))
			bits |= modes[i].bit;
	return bits;
}

/* The sysctls runc scopes to the IPC namespace. */
static int ipc_sysctl(const char *n)
{
	return !strncmp(n, "kernel.shm", 10) || !strncmp(n, "kernel.msg", 10) ||
	       !strcmp(n, "kernel.sem") || !strncmp(n, "fs.mqueue.", 10);
}

static int sysctls_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	json_t *map = cj_obj(hc, "Sysctls"), *e;
	const char *key, *ipc = cj_str(hc, "IpcMode");
	int rc;

	json_object_foreach(map, key, e)
	{
		(void)e;
		/* fail closed: runc only checks that an IPC namespace entry
		 * exists, not whose it is, so through container:<ref> of a
		 * host-IPC container the sysctl would write the host's */
		if (ipc_sysctl(key) && strcmp(ipc, "") &&
		    strcmp(ipc, "private") && strcmp(ipc, "shareable") &&
		    strcmp(ipc, "none"))
			return refused_value(
				cx, "--sysctl", key,
				"IPC sysctls need a private --ipc");
		rc = canon_opt_add(cx, c, &c->sysctls, &c->view.nsysctls, key,
				   "--sysctl");
		if (rc)
			return rc;
	}
	c->view.sysctls = c->sysctls;
	return CANON_OK;
}

/* NVIDIA's runtime hands GPUs to any container whose environment names
 * them, when it is the default runtime: such an Env is a GPU request
 * (canon_apply.c sets the variable to "void" in every other container,
 * so an image's ENV cannot ask either). */
static int gpu_env(json_t *root)
{
	json_t *env = cj_arr(root, "Env"), *e;
	size_t i, n = strlen(GPU_ENV);

	json_array_foreach(env, i, e)
	{
		const char *s = json_string_value(e);

		if (!strncmp(s, GPU_ENV, n) && (s[n] == '=' || s[n] == '\0'))
			return 1;
	}
	return 0;
}

static long long int_or_zero(json_t *hc, const char *key)
{
	json_t *v = json_object_get(hc, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

void canon_resources_read(json_t *obj, struct dg_resources *r)
{
	r->memory = int_or_zero(obj, "Memory");
	r->memory_swap = int_or_zero(obj, "MemorySwap");
	r->nano_cpus = int_or_zero(obj, "NanoCpus");
	r->pids_limit = int_or_zero(obj, "PidsLimit");
	r->cpu_quota_set = int_or_zero(obj, "CpuQuota") != 0 ||
			   int_or_zero(obj, "CpuPeriod") != 0;
}

int canon_options_parse(struct cj_ctx *cx, struct canon_create *c, json_t *root,
			json_t *hc)
{
	int rc;

	rc = caps_parse(cx, c, hc);
	if (!rc)
		rc = canon_devices_parse(cx, c, hc);
	if (!rc)
		rc = canon_secopt_parse(cx, c, hc);
	if (!rc)
		rc = sysctls_parse(cx, c, hc);
	if (rc)
		return rc;
	c->view.security_opt = c->secopts;
	c->view.gpus |= gpu_env(root);
	c->view.host_ns = host_namespaces(hc);
	c->view.runtime = cj_strdup(&c->pool, cj_str(hc, "Runtime"));
	if (!c->view.runtime)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	canon_resources_read(hc, &c->view.res);
	return CANON_OK;
}

unsigned int canon_create_abi_minor(const struct dg_create *v)
{
	/* a network of one's own or a shared one: only 1.3 plugins know */
	for (size_t i = 0; i < v->nnetworks; i++)
		if (v->networks[i].kind == DG_NET_USER ||
		    v->networks[i].kind == DG_NET_SHARED)
			return 3;
	if (canon_run_needs_1_3(v))
		return 3;
	/* resources were forwarded unchecked before 1.2: not counted */
	if (v->ncap_add || v->ndevices || v->ndevice_cgroup_rules || v->gpus ||
	    v->host_ns || v->nsecurity_opt || v->runtime[0] || v->nsysctls)
		return 2;
	return 1;
}
