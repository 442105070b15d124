/*
 * docker-gated internals shared by the daemon's files (not pure modules).
 */
#ifndef DG_GATED_H
#define DG_GATED_H

#include <stddef.h>
#include <sys/types.h>

#include "docker-gate/plugin.h"

/* Exit codes, s6 style: fixed and documented in docker-gated(8). */
#define EXIT_USAGE  100
#define EXIT_SYSTEM 111

#define GATE_MAX_PLUGIN_OPTIONS 16

struct gate_config {
	const char *listen_path;    /* the gate's socket */
	const char *upstream_path;  /* dockerd's socket */
	const char *run_user;	    /* user to become when started as root */
	const char *upstream_group; /* group that may use dockerd's socket */
	const char *plugin_path;
	const char *plugin_options[GATE_MAX_PLUGIN_OPTIONS + 1];
	size_t nplugin_options;
	int foreground; /* log to stderr too */
	int max_conns;
	int max_conns_per_uid;
};

extern struct gate_config gate_cfg;

/* options.c */
int options_parse(int argc, char **argv, struct gate_config *cfg);

/* listen.c: returns the listening fd (socket activation or our own). */
int listen_open(const struct gate_config *cfg, int *activated);
void listen_close(const struct gate_config *cfg, int fd, int activated);

/* privdrop.c: become run_user with only upstream_group, no capabilities,
 * no_new_privs; verified.  Returns 0 or -1 with err. */
int privdrop(const struct gate_config *cfg, char *err, size_t errlen);
int privdrop_verify(char *err, size_t errlen);

/* trust.c */
int trust_open(const char *path, char *err, size_t errlen);

/* plugin_host.c */
int plugin_load(const struct gate_config *cfg, char *err, size_t errlen);
const struct dg_policy_plugin *plugin_get(void);
int plugin_reload(char *err, size_t errlen);
void plugin_unload(void);

/* identity.c */
struct identity {
	struct dg_user user;
	char *name;
	char *home;
	gid_t *groups;
	char **group_names;
	char *buf; /* NSS scratch */
};
int identity_from_socket(int fd, struct identity *id, char *err, size_t errlen);
void identity_free(struct identity *id);

/* audit.c */
void audit_init(int foreground);
void gate_log(int priority, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void audit_decision(const struct dg_user *u, const char *method,
		    const char *route, const char *object, int allowed,
		    const char *rule, const char *reason);

/* conn.c */
void conn_start(int fd);
int conn_count(void);

#endif
