/*
 * HostConfig.PortBindings into struct dg_port, and the map rebuilt in
 * canonical form: keys "PORT/PROTO", host addresses in inet_ntop form.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"

#define PORT_DIGITS_MAX 5 /* "65535" */

/* Decimal port, no sign or leading zero; "0" allowed (caller decides). */
static int port_num(const char *s, size_t n, unsigned int *out)
{
	unsigned int v = 0;
	size_t i;

	if (n == 0 || n > PORT_DIGITS_MAX || (n > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	if (v > 65535)
		return -1;
	*out = v;
	return 0;
}

int canon_port_key(const char *key, unsigned int *port, const char **proto)
{
	const char *slash = strchr(key, '/');
	size_t n = slash ? (size_t)(slash - key) : strlen(key);

	/* fail closed: ranges are expanded by the CLI, never sent as keys */
	if (port_num(key, n, port) || *port == 0)
		return -1;
	if (!slash || !strcmp(slash + 1, "tcp"))
		*proto = "tcp";
	else if (!strcmp(slash + 1, "udp"))
		*proto = "udp";
	else if (!strcmp(slash + 1, "sctp"))
		*proto = "sctp";
	else
		return -1;
	return 0;
}

/* "" and "0": docker picks; "N"; "N-M" with 1 <= N <= M. */
static int host_port(const char *s, unsigned int *lo, unsigned int *hi)
{
	const char *dash = strchr(s, '-');

	*lo = *hi = 0;
	if (!s[0])
		return 0;
	if (!dash) {
		if (port_num(s, strlen(s), lo))
			return -1;
		*hi = *lo;
		return 0;
	}
	if (port_num(s, (size_t)(dash - s), lo) ||
	    port_num(dash + 1, strlen(dash + 1), hi))
		return -1;
	return *lo == 0 || *lo > *hi ? -1 : 0;
}

/* Canonical text of an address literal into buf; "" stays "". */
static int host_ip(const char *s, char *buf, size_t len, int *v6)
{
	unsigned char addr[sizeof(struct in6_addr)];

	*v6 = 0;
	buf[0] = '\0';
	if (!s[0])
		return 0;
	if (inet_pton(AF_INET, s, addr) == 1)
		return inet_ntop(AF_INET, addr, buf, (socklen_t)len) ? 0 : -1;
	if (inet_pton(AF_INET6, s, addr) != 1)
		return -1;
	*v6 = 1;
	return inet_ntop(AF_INET6, addr, buf, (socklen_t)len) ? 0 : -1;
}

/* "-p [ip:][hostport:]port/proto" */
static char *port_cli(struct cj_pool *pool, const struct dg_port *p, int v6)
{
	char hp[16] = "", ip[INET6_ADDRSTRLEN + 4] = "";

	if (p->host_port_lo && p->host_port_lo == p->host_port_hi)
		snprintf(hp, sizeof(hp), "%u", p->host_port_lo);
	else if (p->host_port_lo)
		snprintf(hp, sizeof(hp), "%u-%u", p->host_port_lo,
			 p->host_port_hi);
	if (p->host_ip[0])
		snprintf(ip, sizeof(ip), v6 ? "[%s]:" : "%s:", p->host_ip);
	if (!ip[0] && !hp[0])
		return cj_printf(pool, "-p %u/%s", p->container_port, p->proto);
	return cj_printf(pool, "-p %s%s:%u/%s", ip, hp, p->container_port,
			 p->proto);
}

static int port_add(struct cj_ctx *cx, struct canon_create *c,
		    struct dg_port *p, int v6)
{
	if (!c->ports) {
		c->ports = calloc(CANON_MAX_PORTS, sizeof(*c->ports));
		if (!c->ports)
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		c->view.ports = c->ports;
	}
	/* fail closed: bounded work for the policy */
	if (c->view.nports >= CANON_MAX_PORTS)
		return cj_err(cx, CANON_EREFUSED,
			      "more than %d published ports (-p) are not "
			      "allowed by docker-gate",
			      CANON_MAX_PORTS);
	p->cli = port_cli(&c->pool, p, v6);
	if (!p->cli)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	c->ports[c->view.nports++] = *p;
	return CANON_OK;
}

/* One {HostIp, HostPort}: a dg_port and its canonical object. */
static int binding(struct cj_ctx *cx, struct canon_create *c, struct dg_port *p,
		   json_t *b, json_t *out)
{
	char ip[INET6_ADDRSTRLEN], q[CJ_QUOTE_MAX + 16];
	const char *hport = cj_str(b, "HostPort");
	json_t *o;
	int v6, rc;

	if (host_ip(cj_str(b, "HostIp"), ip, sizeof(ip), &v6)) {
		cj_quote(q, sizeof(q), cj_str(b, "HostIp"));
		return cj_err(cx, CANON_EBAD, "-p %s: not an IP address", q);
	}
	if (host_port(hport, &p->host_port_lo, &p->host_port_hi)) {
		cj_quote(q, sizeof(q), hport);
		return cj_err(cx, CANON_EBAD,
			      "-p %s: host port must be PORT or PORT-PORT "
			      "(1-65535)",
			      q);
	}
	p->host_ip = cj_strdup(&c->pool, ip);
	o = json_pack("{s:s,s:s}", "HostIp", ip, "HostPort", hport);
	if (!p->host_ip || !o || json_array_append_new(out, o))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	rc = port_add(cx, c, p, v6);
	return rc;
}

static int port_entry(struct cj_ctx *cx, struct canon_create *c,
		      const char *key, json_t *list, json_t *pb)
{
	struct dg_port p = {.host_ip = ""};
	char ckey[16], q[CJ_QUOTE_MAX + 16];
	json_t *out, *b;
	size_t i;
	int rc;

	if (canon_port_key(key, &p.container_port, &p.proto)) {
		cj_quote(q, sizeof(q), key);
		return cj_err(cx, CANON_EBAD,
			      "-p %s: expected PORT[/tcp|udp|sctp]", q);
	}
	snprintf(ckey, sizeof(ckey), "%u/%s", p.container_port, p.proto);
	if (json_object_get(pb, ckey))
		return cj_err(cx, CANON_EBAD, "-p: port %s given twice", ckey);
	out = json_is_null(list) ? json_null() : json_array();
	if (!out || json_object_set_new(pb, ckey, out))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	/* no binding: docker may pick a port on every address */
	if (!json_array_size(list))
		return port_add(cx, c, &p, 0);
	json_array_foreach(list, i, b)
	{
		rc = binding(cx, c, &p, b, out);
		if (rc)
			return rc;
	}
	return CANON_OK;
}

int canon_ports_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	json_t *old = cj_obj(hc, "PortBindings"), *pb, *list;
	const char *key;
	int rc = CANON_OK;

	c->view.publish_all = cj_true(hc, "PublishAllPorts");
	if (!old)
		return CANON_OK;
	pb = json_object();
	if (!pb)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	json_object_foreach(old, key, list)
	{
		rc = port_entry(cx, c, key, list, pb);
		if (rc)
			break;
	}
	if (!rc && json_object_set_new(hc, "PortBindings", pb))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	if (rc)
		json_decref(pb);
	return rc;
}
