/*
 * Host paths (bind_roots) and published ports (ports, publish_random) of
 * a create.  Entries are templates, expanded for the caller on every
 * decision; an entry that does not expand for this caller (no home, a
 * port out of range for this uid) allows nothing (fail closed).
 */
#include <stdio.h>
#include <string.h>

#include "eval_internal.h"
#include "paths.h"
#include "ports.h"
#include "textbuf.h"

/* Room for the "allowed: ..." part of a message. */
#define EVAL_LIST_TEXT 512

/* The usable entries, expanded, as "a, b"; returns how many. */
static size_t eval_roots_text(struct dgp_eval *ev, char *buf, size_t len)
{
	const struct dgp_eff_key *k = &ev->eff.keys[DGP_BIND_ROOTS];
	char root[DGP_PATH_MAX], why[256];
	struct dgp_tb tb;
	size_t i, used = 0;

	dgp_tb_init(&tb, buf, len);
	for (i = 0; i < dgp_eff_count(k); i++) {
		if (dgp_bind_root_expand(dgp_eff_item(k, i), &ev->vars, root,
					 sizeof(root), why, sizeof(why)) < 0)
			continue;
		dgp_tb_printf(&tb, "%s%s", used++ ? ", " : "", root);
	}
	return used;
}

static size_t eval_rules_text(struct dgp_eval *ev, char *buf, size_t len)
{
	const struct dgp_eff_key *k = &ev->eff.keys[DGP_PORTS];
	char text[DGP_PORT_RULE_MAX], why[256];
	struct dgp_port_rule r;
	struct dgp_tb tb;
	size_t i, used = 0;

	dgp_tb_init(&tb, buf, len);
	for (i = 0; i < dgp_eff_count(k); i++) {
		if (dgp_port_rule_expand(dgp_eff_item(k, i), &ev->vars, &r,
					 text, sizeof(text), why,
					 sizeof(why)) < 0)
			continue;
		dgp_tb_printf(&tb, "%s%s", used++ ? ", " : "", text);
	}
	return used;
}

static int eval_under_roots(struct dgp_eval *ev, const char *src)
{
	const struct dgp_eff_key *k = &ev->eff.keys[DGP_BIND_ROOTS];
	char root[DGP_PATH_MAX], why[256];
	size_t i;

	if (!src || !dgp_path_is_clean(src))
		return 0; /* fail closed: the gate promised a clean path */
	for (i = 0; i < dgp_eff_count(k); i++)
		if (dgp_bind_root_expand(dgp_eff_item(k, i), &ev->vars, root,
					 sizeof(root), why, sizeof(why)) == 0 &&
		    dgp_path_under(root, src))
			return 1;
	return 0;
}

static int eval_mount_refuse(struct dgp_eval *ev, const struct dg_mount *m)
{
	char roots[EVAL_LIST_TEXT], fallback[128];
	const char *src = m->source ? m->source : "";
	const char *cli = m->cli;
	size_t n = eval_roots_text(ev, roots, sizeof(roots));

	if (!cli) {
		snprintf(fallback, sizeof(fallback), "a mount of host path %s",
			 src);
		cli = fallback;
	}
	if (m->kind == DG_MOUNT_VOLUME_BIND && n)
		return dgp_ev_deny(
			ev, DGP_BIND_ROOTS,
			"%s is refused: a volume with driver options "
			"binds host path %s; host paths are allowed "
			"only under %s for %s",
			cli, src, roots, ev->who);
	if (m->kind == DG_MOUNT_VOLUME_BIND)
		return dgp_ev_deny(
			ev, DGP_BIND_ROOTS,
			"%s is refused: a volume with driver options "
			"binds host path %s, and host paths are not "
			"allowed for %s; use a plain named volume "
			"instead",
			cli, src, ev->who);
	if (n)
		return dgp_ev_deny(
			ev, DGP_BIND_ROOTS,
			"%s is refused: bind mounts are allowed only "
			"under %s for %s",
			cli, roots, ev->who);
	return dgp_ev_deny(ev, DGP_BIND_ROOTS,
			   "%s is refused: bind mounts of host paths are not "
			   "allowed for %s; use a named volume instead (-v "
			   "NAME:%s)",
			   cli, ev->who, m->target ? m->target : "/PATH");
}

int dgp_eval_mounts(struct dgp_eval *ev, const struct dg_create *c)
{
	size_t i;

	for (i = 0; i < c->nmounts; i++) {
		const struct dg_mount *m = &c->mounts[i];

		if (m->kind == DG_MOUNT_VOLUME || m->kind == DG_MOUNT_TMPFS)
			continue;
		if (m->kind != DG_MOUNT_BIND && m->kind != DG_MOUNT_VOLUME_BIND)
			return dgp_ev_error(ev, DGP_BIND_ROOTS,
					    "%s is refused: unknown mount kind",
					    m->cli ? m->cli : "a mount");
		if (ev->eff.keys[DGP_BIND_ROOTS].overflow)
			return dgp_ev_error(ev, DGP_BIND_ROOTS,
					    "bind_roots for %s is added to in "
					    "more than %d files",
					    ev->who, DGP_EFF_PARTS);
		if (!eval_under_roots(ev, m->source))
			return eval_mount_refuse(ev, m);
		ev->decider = DGP_BIND_ROOTS;
	}
	return DG_ALLOW;
}

static int eval_port_ok(struct dgp_eval *ev, const struct dg_port *p)
{
	const struct dgp_eff_key *k = &ev->eff.keys[DGP_PORTS];
	char text[DGP_PORT_RULE_MAX], why[256];
	struct dgp_port_rule r;
	size_t i;

	for (i = 0; i < dgp_eff_count(k); i++)
		if (dgp_port_rule_expand(dgp_eff_item(k, i), &ev->vars, &r,
					 text, sizeof(text), why,
					 sizeof(why)) == 0 &&
		    dgp_port_rule_covers(&r, p))
			return 1;
	return 0;
}

static int eval_port_refuse(struct dgp_eval *ev, const struct dg_port *p,
			    const char *cli)
{
	char rules[EVAL_LIST_TEXT], range[32];
	const char *ip = p->host_ip && *p->host_ip ? p->host_ip : NULL;

	if (!eval_rules_text(ev, rules, sizeof(rules)))
		return dgp_ev_deny(ev, DGP_PORTS,
				   "%s is refused: publishing ports is not "
				   "allowed for %s",
				   cli, ev->who);
	if (p->host_port_lo == 0)
		return dgp_ev_deny(ev, DGP_PUBLISH_RANDOM,
				   "%s is refused: docker would pick the host "
				   "port; publish a port from your ranges with "
				   "-p HOSTPORT:%u (allowed: %s)",
				   cli, p->container_port, rules);
	if (p->host_port_hi > p->host_port_lo)
		snprintf(range, sizeof(range), "ports %u-%u", p->host_port_lo,
			 p->host_port_hi);
	else
		snprintf(range, sizeof(range), "port %u", p->host_port_lo);
	return dgp_ev_deny(ev, DGP_PORTS,
			   "%s is refused: host %s on %s is outside what %s "
			   "may publish: %s",
			   cli, range, ip ? ip : "all addresses", ev->who,
			   rules);
}

static int eval_publish_all(struct dgp_eval *ev)
{
	char rules[EVAL_LIST_TEXT];

	if (dgp_ev_num(ev, DGP_PUBLISH_RANDOM)) {
		ev->decider = DGP_PUBLISH_RANDOM;
		return DG_ALLOW;
	}
	if (!eval_rules_text(ev, rules, sizeof(rules)))
		return dgp_ev_deny(ev, DGP_PUBLISH_RANDOM,
				   "-P is refused: publishing ports is not "
				   "allowed for %s",
				   ev->who);
	return dgp_ev_deny(ev, DGP_PUBLISH_RANDOM,
			   "-P is refused: publishing every exposed port on "
			   "random host ports is not allowed for %s; use -p "
			   "HOSTPORT:PORT within %s",
			   ev->who, rules);
}

int dgp_eval_ports(struct dgp_eval *ev, const struct dg_create *c)
{
	size_t i;

	if (c->nports && ev->eff.keys[DGP_PORTS].overflow)
		return dgp_ev_error(ev, DGP_PORTS,
				    "ports for %s is added to in more than %d "
				    "files",
				    ev->who, DGP_EFF_PARTS);
	for (i = 0; i < c->nports; i++) {
		const struct dg_port *p = &c->ports[i];
		char fallback[64];
		const char *cli = p->cli;

		if (!cli) {
			snprintf(fallback, sizeof(fallback), "-p %u:%u",
				 p->host_port_lo, p->container_port);
			cli = fallback;
		}
		if (p->host_port_lo == 0 &&
		    dgp_ev_num(ev, DGP_PUBLISH_RANDOM)) {
			ev->decider = DGP_PUBLISH_RANDOM;
			continue;
		}
		if (p->host_port_lo == 0 || !eval_port_ok(ev, p))
			return eval_port_refuse(ev, p, cli);
		ev->decider = DGP_PORTS;
	}
	if (c->publish_all)
		return eval_publish_all(ev);
	return DG_ALLOW;
}
