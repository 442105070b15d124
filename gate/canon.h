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

#define CANON_MAX_BODY	      (1u << 20) /* bytes of JSON the gate will buffer */
#define CANON_MAX_VALUES      20000 /* JSON values (keys + elements) per body */
#define CANON_MAX_DEPTH	      32    /* nesting of JSON containers */
#define CANON_MAX_MOUNTS      64    /* Binds + Mounts entries */
#define CANON_MAX_PORTS	      256   /* PortBindings entries */
#define CANON_ERR_MAX	      512
#define CANON_MAX_REFS	      32  /* container references in one body */
#define CANON_REF_MAX	      128 /* bytes of one container reference */
#define CANON_MAX_OPTS	      64  /* entries of --cap-add, --device, ... each */
#define CANON_MAX_IMAGE_NAMES 256 /* RepoTags + RepoDigests looked at */

/* Label prefix only the gate may set. */
#define GATE_LABEL_PREFIX "io.docker-gate."
#define GATE_OWNER_LABEL  "io.docker-gate.owner"
/* Set by an administrator on the real socket: on a network, "true" shares
 * it; on a volume every user may mount, "ro" (the gate forces read-only
 * mounts) or "rw". */
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

/* The plugin ABI minor a create needs: 3 when it uses any field that
 * only 1.3 plugins see (--log-driver, --ulimit, --tmpfs, --restart
 * always, ...), 2 for those of 1.2 (--cap-add, --device, ...), else 1. */
unsigned int canon_create_abi_minor(const struct dg_create *v);

/*
 * The image dockerd resolved Config.Image to (GET /images/{ref}/json):
 * id its "Id" ("sha256:<64 hex>"), names its RepoTags then RepoDigests.
 * Fills the view's image_id and image_names (names the gate cannot read
 * are left out, and names beyond CANON_MAX_IMAGE_NAMES) and makes the
 * body name the image by id.  CANON_EBAD if id is not a full image ID.
 */
int canon_create_set_image(struct canon_create *c, const char *id,
			   const char *const *names, size_t n, char *err,
			   size_t errlen);

/*
 * Container references in the body (container:<ref> modes, VolumesFrom,
 * Links): the gate checks each one's owner and replaces it with the full
 * ID it checked (prefix and suffix such as ":ro" or ":alias" are kept).
 */
size_t canon_create_nrefs(const struct canon_create *c);
/* The user network a create names (NetworkMode), or NULL; the gate looks
 * it up, then records its kind (DG_NET_USER or DG_NET_SHARED) and the full
 * ID to forward in place of the name. */
const char *canon_create_netname(const struct canon_create *c);
int canon_create_set_network(struct canon_create *c, enum dg_net_kind kind,
			     const char *id);
/* 1 when the create gives --network-alias. */
int canon_create_net_aliases(const struct canon_create *c);
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

/* POST /containers/{id}/update: the typed view (valid until
 * canon_update_free), and the body to forward (re-serialized from the
 * walked tree). */
struct canon_update;
int canon_update_parse(const char *body, size_t len, const char *container,
		       struct canon_update **u, char **out, size_t *outlen,
		       char *err, size_t errlen);
const struct dg_update *canon_update_view(const struct canon_update *u);
void canon_update_free(struct canon_update *u);
/* 3 when an update uses --restart or the 1.3 resources, else 2. */
unsigned int canon_update_abi_minor(const struct dg_update *v);

/* POST /exec/{id}/start: {Detach, Tty, ConsoleSize}.  Sets *detach. */
int canon_exec_start(const char *body, size_t len, int *detach, char **out,
		     size_t *outlen, char *err, size_t errlen);

/* POST /volumes/create: {Name, Driver, DriverOpts, Labels}; refuses driver
 * options and drivers other than local for now; forces the owner label. */
int canon_volume_create(const char *body, size_t len,
			const struct dg_user *user, char **out, size_t *outlen,
			char *err, size_t errlen);

/* POST /networks/create: a bridge network, no driver or IPAM options, no
 * chosen addresses, no swarm fields; the owner label and CheckDuplicate
 * forced.  nc receives the view (name points into nc). */
struct canon_netcreate {
	struct dg_network_create view;
	char name[CANON_REF_MAX + 2];
};
int canon_network_create(const char *body, size_t len,
			 const struct dg_user *user, struct canon_netcreate *nc,
			 char **out, size_t *outlen, char *err, size_t errlen);

/* POST /networks/{id}/connect ({Container, EndpointConfig}) or, with
 * disconnect set, /disconnect ({Container, Force}).  The gate resolves the
 * container, then _finish forwards its full ID in place of the name. */
struct canon_connect {
	struct dg_network_connect view;
	char container[CANON_REF_MAX + 2];
	int aliases;	     /* EndpointConfig.Aliases given */
	struct json_t *root; /* the walked body */
};
int canon_network_connect(const char *body, size_t len, int disconnect,
			  struct canon_connect *cc, char *err, size_t errlen);
/* netid: the full ID of a user or shared network, pinned into the
 * endpoint; NULL for bridge and none (dockerd uses their names). */
int canon_network_connect_finish(struct canon_connect *cc, const char *id,
				 const char *netid, char **out, size_t *outlen);
void canon_network_connect_free(struct canon_connect *cc);

/* Classifies a Config.User / exec User string (pure helper, exported for
 * the tests): "", "0", "root", "00", "+0", "1000:0", "nobody", "1000:1000". */
void canon_runas(const char *raw, struct dg_runas *out);

#endif
