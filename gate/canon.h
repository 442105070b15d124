/*
 * Canonicalizers: decode a JSON request body the way dockerd would, refuse
 * every ambiguity, build the typed view the policy sees, apply what the
 * policy forces, and serialize the body the gate forwards (pure: no I/O).
 *
 * JSON is parsed with jansson (duplicates rejected, no trailing data, UTF-8
 * checked); on top of that every object key must equal a known field name
 * exactly (dockerd folds case and Unicode, so an exact ASCII match is the
 * only reading both sides agree on).  A key the gate does not know is
 * refused, so a newer client fails closed.
 */
#ifndef DG_CANON_H
#define DG_CANON_H

#include <stddef.h>

#include "docker-gate/plugin.h"

#define CANON_MAX_BODY	 (1u << 20) /* bytes of JSON the gate will buffer */
#define CANON_MAX_VALUES 20000	    /* JSON values (keys + elements) per body */
#define CANON_MAX_DEPTH	 32	    /* nesting of JSON containers */
#define CANON_MAX_MOUNTS 64	    /* Binds + Mounts entries */
#define CANON_MAX_PORTS	 256	    /* PortBindings entries */
#define CANON_ERR_MAX	 512
#define CANON_MAX_REFS	 32  /* container references in one body */
#define CANON_REF_MAX	 128 /* bytes of one container reference */
#define CANON_MAX_OPTS	 64  /* entries of --cap-add, --device, ... each */

/* Label prefix only the gate may set. */
#define GATE_LABEL_PREFIX "io.docker-gate."
#define GATE_OWNER_LABEL  "io.docker-gate.owner"
/* Set by an administrator on a volume every user may mount: "ro" (the
 * gate forces read-only mounts) or "rw". */
#define GATE_SHARED_LABEL "io.docker-gate.shared"

enum canon_rc {
	CANON_OK = 0,
	CANON_EBAD = -1,     /* not JSON, wrong type, trailing data: 400 */
	CANON_EREFUSED = -2, /* unknown or not-allowed field/value: 403 */
	CANON_ENOMEM = -3    /* 500 */
};

struct canon_create;
struct canon_exec;

/*
 * POST /containers/create.  api_minor is the request's 1.NN; name is the
 * ?name= value or NULL.  On failure err holds a message in CLI terms
 * ("--cap-add is not allowed by docker-gate yet", "unknown field
 * HostConfig.Foo").
 */
int canon_create_parse(const char *body, size_t len, unsigned int api_minor,
		       const char *name, struct canon_create **out, char *err,
		       size_t errlen);
const struct dg_create *canon_create_view(const struct canon_create *c);
/* What the caller has now, for quotas (the gate counts, the view shows). */
void canon_create_set_usage(struct canon_create *c, long long containers);
/* Applies forced settings and the owner label for `user`. */
int canon_create_apply(struct canon_create *c, const struct dg_force *force,
		       const struct dg_user *user, char *err, size_t errlen);
/* Every mount of the named volume becomes read-only, and nocopy (a
 * volume an administrator shared read-only). */
int canon_create_volume_ro(struct canon_create *c, const char *name, char *err,
			   size_t errlen);
/* Canonical JSON to forward; malloc'd, caller frees. */
char *canon_create_dump(const struct canon_create *c, size_t *len);
void canon_create_free(struct canon_create *c);

/* The plugin ABI minor a create needs: 2 when it uses any field that
 * only 1.2 plugins see (--cap-add, --device, ...), else 1. */
unsigned int canon_create_abi_minor(const struct dg_create *v);

/*
 * Container references in the body (container:<ref> modes, VolumesFrom,
 * Links): the gate checks each one's owner and replaces it with the full
 * ID it checked (prefix and suffix such as ":ro" or ":alias" are kept).
 */
size_t canon_create_nrefs(const struct canon_create *c);
const char *canon_create_ref(const struct canon_create *c, size_t i);
int canon_create_set_ref(struct canon_create *c, size_t i, const char *id);

/* POST /containers/{id}/exec. */
int canon_exec_parse(const char *body, size_t len, unsigned int api_minor,
		     const char *container, struct canon_exec **out, char *err,
		     size_t errlen);
const struct dg_exec *canon_exec_view(const struct canon_exec *e);
int canon_exec_apply(struct canon_exec *e, const struct dg_force *force,
		     char *err, size_t errlen);
char *canon_exec_dump(const struct canon_exec *e, size_t *len);
void canon_exec_free(struct canon_exec *e);

/* POST /containers/{id}/update: the resources into *view, and the body
 * to forward (re-serialized from the walked tree). */
int canon_update_parse(const char *body, size_t len, const char *container,
		       struct dg_update *view, char **out, size_t *outlen,
		       char *err, size_t errlen);

/* POST /exec/{id}/start: {Detach, Tty, ConsoleSize}.  Sets *detach. */
int canon_exec_start(const char *body, size_t len, int *detach, char **out,
		     size_t *outlen, char *err, size_t errlen);

/* POST /volumes/create: {Name, Driver, DriverOpts, Labels}; refuses driver
 * options and drivers other than local for now; forces the owner label. */
int canon_volume_create(const char *body, size_t len,
			const struct dg_user *user, char **out, size_t *outlen,
			char *err, size_t errlen);

/* Classifies a Config.User / exec User string (pure helper, exported for
 * the tests): "", "0", "root", "00", "+0", "1000:0", "nobody", "1000:1000". */
void canon_runas(const char *raw, struct dg_runas *out);

#endif
