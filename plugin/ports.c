/*
 * Port rule parsing and matching (see ports.h).
 */
#include "ports.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "policy_keys.h"

/* Decimal port, 1..65535, no sign, no spaces. */
static int port_num(const char *s, size_t n, unsigned int *out)
{
	unsigned int v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	if (v == 0 || v > DGP_PORT_MAX)
		return -1;
	*out = v;
	return 0;
}

static int port_range(const char *s, struct dgp_port_rule *r)
{
	const char *dash = strchr(s, '-');

	if (!dash) {
		if (port_num(s, strlen(s), &r->lo) < 0)
			return -1;
		r->hi = r->lo;
		return 0;
	}
	if (port_num(s, (size_t)(dash - s), &r->lo) < 0 ||
	    port_num(dash + 1, strlen(dash + 1), &r->hi) < 0 || r->hi < r->lo)
		return -1;
	return 0;
}

static int port_host(const char *h, size_t n, struct dgp_port_rule *r)
{
	char buf[INET6_ADDRSTRLEN + 2];

	if (n == 0 || n >= sizeof(buf))
		return -1;
	if (h[0] == '[') {
		if (n < 3 || h[n - 1] != ']')
			return -1;
		memcpy(buf, h + 1, n - 2);
		buf[n - 2] = '\0';
		r->family = AF_INET6;
		return inet_pton(AF_INET6, buf, r->addr) == 1 ? 0 : -1;
	}
	memcpy(buf, h, n);
	buf[n] = '\0';
	r->family = AF_INET;
	return inet_pton(AF_INET, buf, r->addr) == 1 ? 0 : -1;
}

int dgp_port_rule_parse(const char *s, struct dgp_port_rule *r, char *err,
			size_t errlen)
{
	char buf[DGP_PORT_RULE_MAX];
	char *slash, *colon, *range = buf;

	memset(r, 0, sizeof(*r));
	if (strlen(s) >= sizeof(buf))
		goto bad;
	strcpy(buf, s);
	slash = strrchr(buf, '/');
	if (slash) {
		*slash = '\0';
		if (strcmp(slash + 1, "tcp") && strcmp(slash + 1, "udp") &&
		    strcmp(slash + 1, "sctp"))
			goto bad;
		strcpy(r->proto, slash + 1);
	}
	colon = strrchr(buf, ':');
	if (colon) {
		if (port_host(buf, (size_t)(colon - buf), r) < 0)
			goto bad;
		range = colon + 1;
	}
	if (port_range(range, r) < 0)
		goto bad;
	return 0;
bad:
	snprintf(err, errlen,
		 "port rule \"%s\" is not PORT, LO-HI, IPv4:LO-HI or "
		 "[IPv6]:LO-HI (ports 1-65535, optional /tcp, /udp or /sctp)",
		 s);
	return -1;
}

int dgp_port_rule_expand(const char *item, const struct dgp_tpl_vars *v,
			 struct dgp_port_rule *r, char *text, size_t textlen,
			 char *err, size_t errlen)
{
	if (dgp_tpl_expand(item, DGP_TPL_UID, v, text, textlen, err, errlen) <
	    0)
		return -1;
	return dgp_port_rule_parse(text, r, err, errlen);
}

int dgp_port_rule_check(const char *item, char *err, size_t errlen)
{
	struct dgp_port_rule r;
	char text[DGP_PORT_RULE_MAX];
	char why[256];

	if (dgp_port_rule_expand(item, &dgp_sample_vars, &r, text, sizeof(text),
				 why, sizeof(why)) == 0)
		return 0;
	if (dgp_tpl_has_vars(item))
		snprintf(err, errlen, "%s (checked with $UID = %llu)", why,
			 dgp_sample_vars.uid);
	else
		snprintf(err, errlen, "%s", why);
	return -1;
}

/* Binary form of the request's host address; 0 = "all addresses". */
static int port_req_addr(const char *ip, unsigned char addr[16])
{
	if (!ip || !*ip)
		return 0;
	if (inet_pton(AF_INET, ip, addr) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, ip, addr) == 1)
		return AF_INET6;
	return -1;
}

int dgp_port_rule_covers(const struct dgp_port_rule *r, const struct dg_port *p)
{
	unsigned char addr[16];
	int fam;

	if (p->host_port_lo == 0 || p->host_port_hi < p->host_port_lo ||
	    p->host_port_hi > DGP_PORT_MAX)
		return 0; /* fail closed: not a fixed, sane range */
	if (p->host_port_lo < r->lo || p->host_port_hi > r->hi)
		return 0;
	if (r->proto[0] && (!p->proto || strcmp(r->proto, p->proto) != 0))
		return 0;
	if (r->family == 0)
		return 1;
	fam = port_req_addr(p->host_ip, addr);
	if (fam != r->family)
		return 0;
	return memcmp(addr, r->addr, fam == AF_INET ? 4 : 16) == 0;
}
