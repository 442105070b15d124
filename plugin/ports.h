/*
 * Port publishing rules (the `ports` key).  Grammar, after templates:
 *
 *   rule  = [ host ":" ] range [ "/" proto ]
 *   host  = IPv4 dotted quad | "[" IPv6 "]"
 *   range = PORT | PORT "-" PORT          1 <= PORT <= 65535, lo <= hi
 *   proto = "tcp" | "udp" | "sctp"
 *
 * A rule without host matches every host address, including "all
 * addresses"; a rule with a host matches only that address (compared in
 * binary form, so "::1" and "0:0::1" are the same).  A rule without proto
 * matches every protocol.  Only $UID may appear in a port rule.
 */
#ifndef DGP_PORTS_H
#define DGP_PORTS_H

#include <stddef.h>

#include "docker-gate/plugin.h"
#include "template.h"

/* Longest rule text after expansion ("[ffff:...]:65535-65535/sctp"). */
#define DGP_PORT_RULE_MAX 128
#define DGP_PORT_MAX	  65535u

struct dgp_port_rule {
	int family; /* 0: any host address; AF_INET; AF_INET6 */
	unsigned char addr[16];
	unsigned int lo, hi;
	char proto[8]; /* "" = any */
};

/* Parses an expanded rule.  0, or -1 with a reason in err. */
int dgp_port_rule_parse(const char *s, struct dgp_port_rule *r, char *err,
			size_t errlen);

/* Expands a rule template for a user, then parses it; text gets the
 * expanded form for messages.  0, or -1 with a reason in err. */
int dgp_port_rule_expand(const char *item, const struct dgp_tpl_vars *v,
			 struct dgp_port_rule *r, char *text, size_t textlen,
			 char *err, size_t errlen);

/* Parse-time check of one `ports` entry. */
int dgp_port_rule_check(const char *item, char *err, size_t errlen);

/* 1 when the rule covers the whole host port range of p on its address and
 * protocol, else 0.  Malformed p never matches (fail closed). */
int dgp_port_rule_covers(const struct dgp_port_rule *r,
			 const struct dg_port *p);

#endif
