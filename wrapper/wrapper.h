#ifndef DG_WRAPPER_H
#define DG_WRAPPER_H

#include <limits.h>

#define WRAPPER_CONF_ENV     "DOCKER_GATE_WRAPPER_CONF"
#define WRAPPER_CONF_DEFAULT SYSCONFDIR "/docker-gate/wrapper.conf"

struct wrapper_conf {
	char docker[PATH_MAX];	 /* the real docker CLI */
	char socket[PATH_MAX];	 /* the gate's socket */
	char upstream[PATH_MAX]; /* dockerd's socket */
	char path[PATH_MAX];	 /* where this configuration came from */
};

/* Compiled-in defaults, then the file if it exists.  -1 on a bad file,
 * with a message on stderr. */
int wrapper_conf_load(struct wrapper_conf *c);

#endif
