/*
 * The run options of policy 1.2 (keys in policy_keys.c, entries in
 * options.c): each requested value must be on the user's allow-list, and
 * the refusal names it as typed, with what is allowed instead.
 */
#include <stdio.h>
#include <string.h>

#include "eval_internal.h"
#include "options.h"

int dgp_ev_allows(const struct dgp_eval *ev, enum dgp_key k, dgp_match_fn match,
		  const void *want)
{
	const struct dgp_eff_key *ek = &ev->eff.keys[k];
	size_t i, n = dgp_eff_count(ek);

	if (ek->overflow)
		return 0;
	for (i = 0; i < n; i++)
		if (match(dgp_eff_item(ek, i), want))
			return 1;
	return 0;
}

const char *dgp_ev_allowed_text(const struct dgp_eval *ev, enum dgp_key k,
				char *buf, size_t len)
{
	const struct dgp_eff_key *ek = &ev->eff.keys[k];
	size_t i, o = 0, n = dgp_eff_count(ek);

	buf[0] = '\0';
	for (i = 0; i < n && !ek->overflow && o + 1 < len; i++) {
		int w = snprintf(buf + o, len - o, "%s%s", i ? ", " : "",
				 dgp_eff_item(ek, i));

		if (w < 0 || (size_t)w >= len - o) {
			snprintf(buf + (len > 5 ? len - 5 : 0), 5, " ...");
			break;
		}
		o += (size_t)w;
	}
	return buf[0] ? buf : "none";
}

static int m_cap(const char *e, const void *w)
{
	return dgp_cap_match(e, w);
}

static int m_device(const char *e, const void *w)
{
	const struct dg_device *d = w;

	return dgp_device_match(e, d->host, d->perms);
}

static int m_exact(const char *e, const void *w)
{
	return !strcmp(e, (const char *)w);
}

static int m_ns(const char *e, const void *w)
{
	return dgp_ns_bit(e) == *(const unsigned int *)w;
}

static int m_sysctl(const char *e, const void *w)
{
	return dgp_sysctl_match(e, w);
}

static int eval_caps(struct dgp_eval *ev, const struct dg_create *c)
{
	char buf[DGP_ALLOWED_TEXT_MAX];

	for (size_t i = 0; i < c->ncap_add; i++) {
		const char *cap = c->cap_add[i];

		if (dgp_ev_allows(ev, DGP_CAP_ADD, m_cap, cap))
			continue;
		return dgp_ev_deny(
			ev, DGP_CAP_ADD,
			"--cap-add %s is refused: capabilities %s "
			"may add: %s; run without it",
			strncmp(cap, "CAP_", 4) ? cap : cap + 4, ev->who,
			dgp_ev_allowed_text(ev, DGP_CAP_ADD, buf, sizeof(buf)));
	}
	return DG_ALLOW;
}

static int eval_devices(struct dgp_eval *ev, const struct dg_create *c)
{
	char buf[DGP_ALLOWED_TEXT_MAX];
	size_t i;

	for (i = 0; i < c->ndevices; i++) {
		if (dgp_ev_allows(ev, DGP_DEVICES, m_device, &c->devices[i]))
			continue;
		return dgp_ev_deny(
			ev, DGP_DEVICES,
			"%s is refused: host devices allowed for %s: %s",
			c->devices[i].cli, ev->who,
			dgp_ev_allowed_text(ev, DGP_DEVICES, buf, sizeof(buf)));
	}
	for (i = 0; i < c->ndevice_cgroup_rules; i++) {
		const char *r = c->device_cgroup_rules[i];

		if (dgp_ev_allows(ev, DGP_DEVICE_CGROUP_RULES, m_exact, r))
			continue;
		return dgp_ev_deny(ev, DGP_DEVICE_CGROUP_RULES,
				   "--device-cgroup-rule '%s' is refused: "
				   "device rules allowed for %s: %s",
				   r, ev->who,
				   dgp_ev_allowed_text(ev,
						       DGP_DEVICE_CGROUP_RULES,
						       buf, sizeof(buf)));
	}
	if (c->gpus && !dgp_ev_num(ev, DGP_GPUS))
		return dgp_ev_deny(ev, DGP_GPUS,
				   "--gpus is refused: GPUs are not allowed "
				   "for %s",
				   ev->who);
	return DG_ALLOW;
}

static int eval_namespaces(struct dgp_eval *ev, const struct dg_create *c)
{
	char buf[DGP_ALLOWED_TEXT_MAX];

	for (unsigned int bit = 1; bit && bit <= c->host_ns; bit <<= 1) {
		if (!(c->host_ns & bit) ||
		    dgp_ev_allows(ev, DGP_HOST_NAMESPACES, m_ns, &bit))
			continue;
		return dgp_ev_deny(ev, DGP_HOST_NAMESPACES,
				   "%s is refused: host namespaces allowed "
				   "for %s: %s; leave it out (the container "
				   "gets its own)",
				   dgp_ns_flag(bit), ev->who,
				   dgp_ev_allowed_text(ev, DGP_HOST_NAMESPACES,
						       buf, sizeof(buf)));
	}
	return DG_ALLOW;
}

static int eval_secopts(struct dgp_eval *ev, const struct dg_create *c)
{
	char buf[DGP_ALLOWED_TEXT_MAX];

	for (size_t i = 0; i < c->nsecurity_opt; i++) {
		const char *o = c->security_opt[i];

		if (dgp_ev_allows(ev, DGP_SECURITY_OPT, m_exact, o))
			continue;
		return dgp_ev_deny(
			ev, DGP_SECURITY_OPT,
			"--security-opt %s is refused: security options "
			"allowed for %s: %s",
			!strcmp(o, "seccomp=custom") ? "seccomp=PROFILE" : o,
			ev->who,
			dgp_ev_allowed_text(ev, DGP_SECURITY_OPT, buf,
					    sizeof(buf)));
	}
	return DG_ALLOW;
}

static int eval_runtime_sysctls(struct dgp_eval *ev, const struct dg_create *c)
{
	char buf[DGP_ALLOWED_TEXT_MAX];

	if (c->runtime && c->runtime[0] &&
	    !dgp_ev_allows(ev, DGP_RUNTIMES, m_exact, c->runtime))
		return dgp_ev_deny(ev, DGP_RUNTIMES,
				   "--runtime %s is refused: runtimes allowed "
				   "for %s: %s; leave out --runtime",
				   c->runtime, ev->who,
				   dgp_ev_allowed_text(ev, DGP_RUNTIMES, buf,
						       sizeof(buf)));
	for (size_t i = 0; i < c->nsysctls; i++) {
		if (dgp_ev_allows(ev, DGP_SYSCTLS, m_sysctl, c->sysctls[i]))
			continue;
		return dgp_ev_deny(
			ev, DGP_SYSCTLS,
			"--sysctl %s is refused: sysctls allowed "
			"for %s: %s",
			c->sysctls[i], ev->who,
			dgp_ev_allowed_text(ev, DGP_SYSCTLS, buf, sizeof(buf)));
	}
	return DG_ALLOW;
}

int dgp_eval_options(struct dgp_eval *ev, const struct dg_create *c)
{
	int rc;

	if ((c->ncap_add && !c->cap_add) || (c->ndevices && !c->devices) ||
	    (c->ndevice_cgroup_rules && !c->device_cgroup_rules) ||
	    (c->nsecurity_opt && !c->security_opt) ||
	    (c->nsysctls && !c->sysctls))
		return dgp_ev_error(ev, DGP_CAP_ADD,
				    "malformed create request");
	rc = eval_caps(ev, c);
	if (rc == DG_ALLOW)
		rc = eval_devices(ev, c);
	if (rc == DG_ALLOW)
		rc = eval_namespaces(ev, c);
	if (rc == DG_ALLOW)
		rc = eval_secopts(ev, c);
	if (rc == DG_ALLOW)
		rc = eval_runtime_sysctls(ev, c);
	return rc;
}
