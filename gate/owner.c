/*
 * Ownership checks against live daemon state (see owner.h for the rules
 * and for why the resolved full ID, never the client's reference, is
 * forwarded).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "canon.h"
#include "owner.h"
#include "upstream.h"

#define OWNER_TARGET_MAX 1024 /* /v1.NN/containers/<ref, encoded>/json */

/* Built-in networks every container may name; dockerd refuses to create
 * a network with one of these names, so the name identifies them. */
static const char *const shared_networks[] = {"bridge", "host", "none", NULL};

const char *owner_rc_name(int rc)
{
	switch (rc) {
	case OWNER_OK:
		return "ok";
	case OWNER_NOTFOUND:
		return "not found";
	case OWNER_FOREIGN:
		return "owned by another user";
	case OWNER_SHARED:
		return "shared";
	case OWNER_ADMIN_SHARED:
		return "shared by an administrator";
	default:
		return "daemon error";
	}
}

static int is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < OWNER_ID_HEX; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[OWNER_ID_HEX] == '\0';
}

/* Characters of container, volume and network names and IDs. */
static int ref_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/*
 * A reference we can put into a path unchanged by dockerd's router:
 * name characters only, '/' only where allowed (legacy link aliases
 * "parent/alias"), no empty, "." or ".." segment (gorilla/mux cleans the
 * decoded path and answers 301 instead of serving it).
 */
static int ref_valid(const char *ref, int allow_slash)
{
	size_t len = strlen(ref), i, seg = 0;

	if (len == 0 || len > OWNER_REF_MAX)
		return 0;
	for (i = 0; i <= len; i++) {
		unsigned char c = (unsigned char)ref[i];

		if (c == '/' || c == '\0') {
			if (c == '/' && !allow_slash)
				return 0;
			if (i == seg || (i - seg == 1 && ref[seg] == '.') ||
			    (i - seg == 2 && ref[seg] == '.' &&
			     ref[seg + 1] == '.'))
				return 0;
			seg = i + 1;
		} else if (!ref_char(c)) {
			return 0;
		}
	}
	return 1;
}

/* Percent-encodes everything but unreserved characters and '/'.  With
 * ref_valid's character set this changes nothing today; it keeps the
 * target well-formed should that set ever grow. */
static int put_ref(char *buf, size_t len, size_t *o, const char *ref)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *ref; ref++) {
		unsigned char c = (unsigned char)*ref;

		if (ref_char(c) || c == '~' || c == '/') {
			if (*o + 1 >= len)
				return -1;
			buf[(*o)++] = (char)c;
		} else {
			if (*o + 3 >= len)
				return -1;
			buf[(*o)++] = '%';
			buf[(*o)++] = hex[c >> 4];
			buf[(*o)++] = hex[c & 15];
		}
	}
	buf[*o] = '\0';
	return 0;
}

/* "/v1.NN" + kind + ref + suffix. */
static int build_target(char *buf, size_t len, unsigned api_minor,
			const char *kind, const char *ref, const char *suffix)
{
	size_t o;
	int n;

	if (api_minor)
		n = snprintf(buf, len, "/v1.%u/%s/", api_minor, kind);
	else
		n = snprintf(buf, len, "/%s/", kind);
	if (n < 0 || (size_t)n >= len)
		return -1;
	o = (size_t)n;
	if (put_ref(buf, len, &o, ref) < 0 || o + strlen(suffix) >= len)
		return -1;
	memcpy(buf + o, suffix, strlen(suffix) + 1);
	return 0;
}

/* dockerd's answers for a prefix (or name) matching several objects:
 * containers "Multiple IDs found with provided prefix: d" (20.10: 500,
 * measured; the spelling's case has varied), networks "network ab is
 * ambiguous (2 matches found based on ID prefix)". */
static int is_ambiguous(const json_t *body)
{
	const char *m = upstream_message(body);

	return strcasestr(m, "multiple IDs found") != NULL ||
	       strcasestr(m, "is ambiguous") != NULL;
}

/*
 * GET target; on OWNER_OK *obj is the 200 answer (a JSON object, caller
 * decrefs).  404 and ambiguous prefixes are OWNER_NOTFOUND: the client
 * must not learn that several objects (possibly other users') share a
 * prefix.
 */
static int lookup(const char *sock, const char *target, const char *what,
		  const char *ref, json_t **obj, char *err, size_t errlen)
{
	json_t *body = NULL;
	int status, rc = OWNER_EUPSTREAM;

	*obj = NULL;
	if (upstream_get_json(sock, target, OWNER_TIMEOUT_MS, &status, &body,
			      err, errlen) < 0)
		return OWNER_EUPSTREAM;
	if (status == 200 && json_is_object(body)) {
		*obj = body;
		return OWNER_OK;
	}
	if (status == 404) {
		snprintf(err, errlen, "no such %s: %s", what, ref);
		rc = OWNER_NOTFOUND;
	} else if (status != 200 && is_ambiguous(body)) {
		snprintf(err, errlen, "ambiguous %s reference %s: %s", what,
			 ref, upstream_message(body));
		rc = OWNER_NOTFOUND;
	} else {
		/* fail closed: any other answer */
		snprintf(err, errlen, "docker daemon answered %d to %s: %s",
			 status, target, upstream_message(body));
	}
	json_decref(body);
	return rc;
}

/* OWNER_OK iff labels[io.docker-gate.owner] is exactly user. */
static int label_verdict(const json_t *labels, const char *user,
			 const char *what, const char *id, char *err,
			 size_t errlen)
{
	const char *o =
		json_string_value(json_object_get(labels, GATE_OWNER_LABEL));

	if (o && strcmp(o, user) == 0)
		return OWNER_OK;
	snprintf(err, errlen, "%s %s belongs to %s", what, id,
		 o ? o : "nobody (no owner label)");
	return OWNER_FOREIGN;
}

static int set_id(char *full_id, size_t idlen, const char *id, char *err,
		  size_t errlen)
{
	if (strlen(id) >= idlen) {
		snprintf(err, errlen, "identifier too long: %s", id);
		return OWNER_EUPSTREAM;
	}
	memcpy(full_id, id, strlen(id) + 1);
	return OWNER_OK;
}

/* Common entry checks: a user to compare with, room for the answer. */
static int begin(const char *user, char *full_id, size_t idlen, char *err,
		 size_t errlen)
{
	if (errlen)
		err[0] = '\0';
	if (idlen)
		full_id[0] = '\0';
	/* fail closed: a caller bug must not match an empty label */
	if (!user || !user[0] || idlen < OWNER_ID_HEX + 1) {
		snprintf(err, errlen, "owner check without user or buffer");
		return -1;
	}
	return 0;
}

/*
 * A container inherits its image's labels, and containers the builder
 * creates never pass through the gate: an image that carries the owner
 * label would make another user's build containers look like its author's
 * (red team 2).  The gate never creates containers from such images, so a
 * container whose image has the label is nobody's.
 */
static int image_has_owner_label(const char *sock, unsigned api_minor,
				 const json_t *obj, char *err, size_t errlen)
{
	const char *img = json_string_value(json_object_get(obj, "Image"));
	char target[OWNER_TARGET_MAX];
	json_t *io = NULL;
	int rc, status = 0, has;

	if (!img || strncmp(img, "sha256:", 7) || !is_hex64(img + 7))
		return 1; /* fail closed: no image ID to check */
	snprintf(target, sizeof(target), "/v1.%u/images/%s/json", api_minor,
		 img);
	rc = upstream_get_json(sock, target, OWNER_TIMEOUT_MS, &status, &io,
			       err, errlen);
	if (rc < 0 || status != 200) {
		json_decref(io);
		/* fail closed: with its image gone, whether the label came
		 * from the image can no longer be told (red team 2) */
		return rc < 0 || status != 404 ? -1 : 1;
	}
	/* Builds through the gate end with the label set empty. */
	has = json_string_length(json_object_get(
		      json_object_get(json_object_get(io, "Config"), "Labels"),
		      GATE_OWNER_LABEL)) > 0;
	json_decref(io);
	return has;
}

int owner_container(const char *sock, unsigned api_minor, const char *ref,
		    const char *user, char *full_id, size_t idlen, char *err,
		    size_t errlen)
{
	char target[OWNER_TARGET_MAX];
	const char *id, *r = ref;
	json_t *obj;
	int rc;

	if (begin(user, full_id, idlen, err, errlen) < 0)
		return OWNER_EUPSTREAM;
	/* "/x" and "x" are the same name; "//x" would make dockerd redirect */
	if (r && r[0] == '/')
		r++;
	if (!r || !ref_valid(r, 1) ||
	    build_target(target, sizeof(target), api_minor, "containers", r,
			 "/json") < 0) {
		snprintf(err, errlen, "not a container reference");
		return OWNER_NOTFOUND;
	}
	rc = lookup(sock, target, "container", r, &obj, err, errlen);
	if (rc != OWNER_OK)
		return rc;
	id = json_string_value(json_object_get(obj, "Id"));
	if (!id || !is_hex64(id)) {
		/* fail closed: we forward this ID, it must be exact */
		snprintf(err, errlen, "container %s: daemon gave no full ID",
			 r);
		rc = OWNER_EUPSTREAM;
	} else {
		rc = label_verdict(
			json_object_get(json_object_get(obj, "Config"),
					"Labels"),
			user, "container", id, err, errlen);
		if (rc == OWNER_OK) {
			int inh = image_has_owner_label(sock, api_minor, obj,
							err, errlen);

			if (inh < 0)
				rc = OWNER_EUPSTREAM;
			else if (inh) {
				snprintf(err, errlen,
					 "container %s: its image carries the "
					 "owner label",
					 id);
				rc = OWNER_FOREIGN;
			}
		}
		if (rc == OWNER_OK)
			rc = set_id(full_id, idlen, id, err, errlen);
	}
	json_decref(obj);
	return rc;
}

int owner_exec(const char *sock, unsigned api_minor, const char *exec_id,
	       const char *user, char *full_id, size_t idlen, char *err,
	       size_t errlen)
{
	char target[OWNER_TARGET_MAX], cid[OWNER_ID_HEX + 1];
	const char *id, *ctr;
	json_t *obj;
	int rc;

	if (begin(user, full_id, idlen, err, errlen) < 0)
		return OWNER_EUPSTREAM;
	/* dockerd looks exec instances up by full ID only */
	if (!exec_id || strlen(exec_id) != OWNER_ID_HEX || !is_hex64(exec_id) ||
	    build_target(target, sizeof(target), api_minor, "exec", exec_id,
			 "/json") < 0) {
		snprintf(err, errlen, "not an exec ID");
		return OWNER_NOTFOUND;
	}
	rc = lookup(sock, target, "exec instance", exec_id, &obj, err, errlen);
	if (rc != OWNER_OK)
		return rc;
	id = json_string_value(json_object_get(obj, "ID"));
	ctr = json_string_value(json_object_get(obj, "ContainerID"));
	if (!id || strcmp(id, exec_id) != 0 || !ctr || !is_hex64(ctr)) {
		snprintf(err, errlen, "exec %s: unexpected inspect answer",
			 exec_id);
		json_decref(obj);
		return OWNER_EUPSTREAM;
	}
	memcpy(cid, ctr, sizeof(cid));
	json_decref(obj);
	/* the container may be gone or foreign: same answers as for it */
	rc = owner_container(sock, api_minor, cid, user, full_id, idlen, err,
			     errlen);
	if (rc == OWNER_OK)
		rc = set_id(full_id, idlen, exec_id, err, errlen);
	else if (idlen)
		full_id[0] = '\0';
	return rc;
}

/* io.docker-gate.shared on an administrator's volume: 1 "rw", 0 "ro",
 * -1 absent or any other value (fail closed: not shared). */
static int shared_mode(const json_t *labels)
{
	const char *v =
		json_string_value(json_object_get(labels, GATE_SHARED_LABEL));

	if (v && !strcmp(v, "rw"))
		return 1;
	if (v && !strcmp(v, "ro"))
		return 0;
	return -1;
}

int owner_volume_ex(const char *sock, unsigned api_minor, const char *name,
		    const char *user, char *full_id, size_t idlen,
		    int *writable, char *err, size_t errlen)
{
	char target[OWNER_TARGET_MAX];
	const char *got;
	json_t *obj, *labels;
	int rc, mode;

	if (writable)
		*writable = 0;
	if (begin(user, full_id, idlen, err, errlen) < 0)
		return OWNER_EUPSTREAM;
	if (!name || !ref_valid(name, 0) ||
	    build_target(target, sizeof(target), api_minor, "volumes", name,
			 "") < 0) {
		snprintf(err, errlen, "not a volume name");
		return OWNER_NOTFOUND;
	}
	rc = lookup(sock, target, "volume", name, &obj, err, errlen);
	if (rc != OWNER_OK)
		return rc;
	got = json_string_value(json_object_get(obj, "Name"));
	labels = json_object_get(obj, "Labels");
	if (!got || strcmp(got, name) != 0) {
		/* fail closed: volumes are looked up by exact name */
		snprintf(err, errlen, "volume %s: daemon answered for %s", name,
			 got ? got : "(no name)");
		rc = OWNER_EUPSTREAM;
	} else {
		rc = label_verdict(labels, user, "volume", name, err, errlen);
		mode = shared_mode(labels);
		/* the owner label decides first; then an administrator's
		 * shared label */
		if (rc == OWNER_FOREIGN && mode >= 0) {
			snprintf(err, errlen, "volume %s is shared (%s)", name,
				 mode ? "rw" : "ro");
			if (writable)
				*writable = mode;
			rc = OWNER_SHARED;
		}
		if (rc == OWNER_OK || rc == OWNER_SHARED) {
			int r2 = set_id(full_id, idlen, name, err, errlen);

			if (r2 != OWNER_OK)
				rc = r2;
		}
	}
	json_decref(obj);
	return rc;
}

int owner_volume(const char *sock, unsigned api_minor, const char *name,
		 const char *user, char *full_id, size_t idlen, char *err,
		 size_t errlen)
{
	return owner_volume_ex(sock, api_minor, name, user, full_id, idlen,
			       NULL, err, errlen);
}

static int is_shared_network(const char *name)
{
	size_t i;

	for (i = 0; shared_networks[i]; i++)
		if (strcmp(name, shared_networks[i]) == 0)
			return 1;
	return 0;
}

/* An object an administrator shared on the real socket: no owner label,
 * and io.docker-gate.shared = "true" (users cannot set gate labels). */
static int shared_by_admin(const json_t *labels)
{
	const char *s =
		json_string_value(json_object_get(labels, GATE_SHARED_LABEL));

	return !json_object_get(labels, GATE_OWNER_LABEL) && s &&
	       !strcmp(s, "true");
}

int owner_network(const char *sock, unsigned api_minor, const char *ref,
		  const char *user, char *full_id, size_t idlen, char *err,
		  size_t errlen)
{
	char target[OWNER_TARGET_MAX];
	const char *id, *nm;
	json_t *obj;
	int rc;

	if (begin(user, full_id, idlen, err, errlen) < 0)
		return OWNER_EUPSTREAM;
	if (!ref || !ref_valid(ref, 0) ||
	    build_target(target, sizeof(target), api_minor, "networks", ref,
			 "") < 0) {
		snprintf(err, errlen, "not a network reference");
		return OWNER_NOTFOUND;
	}
	rc = lookup(sock, target, "network", ref, &obj, err, errlen);
	if (rc != OWNER_OK)
		return rc;
	id = json_string_value(json_object_get(obj, "Id"));
	nm = json_string_value(json_object_get(obj, "Name"));
	if (!id || !is_hex64(id) || !nm) {
		snprintf(err, errlen, "network %s: daemon gave no full ID",
			 ref);
		rc = OWNER_EUPSTREAM;
	} else if (is_shared_network(nm)) {
		rc = set_id(full_id, idlen, id, err, errlen);
		if (rc == OWNER_OK)
			rc = OWNER_SHARED;
	} else {
		json_t *labels = json_object_get(obj, "Labels");

		rc = label_verdict(labels, user, "network", id, err, errlen);
		if (rc == OWNER_FOREIGN && shared_by_admin(labels))
			rc = OWNER_ADMIN_SHARED;
		if (rc == OWNER_OK || rc == OWNER_ADMIN_SHARED) {
			int id_rc = set_id(full_id, idlen, id, err, errlen);

			rc = id_rc == OWNER_OK ? rc : id_rc;
		}
	}
	json_decref(obj);
	return rc;
}
