/*
 * Ownership of daemon objects (DESIGN.md decision 5): resolve a reference
 * the way dockerd does, by asking dockerd, and compare the object's
 * io.docker-gate.owner label with the caller's user name.  Every call asks
 * the daemon again; nothing is cached.
 *
 * Daemon-side (does I/O through upstream.c).
 *
 * Resolution and the name-shadowing trick (engine-api.md §4.6): dockerd
 * resolves a container reference as full ID, then exact name, then unique
 * ID prefix, so a user can name a container "3f2a" to capture another
 * user's prefix lookups (or the reverse).  The gate never forwards the
 * client's reference: it asks dockerd to resolve it once (inspect), checks
 * the owner label of the object that came back, and forwards that object's
 * full 64-hex ID.  dockerd tries the full ID before anything else, and IDs
 * are random and never reused, so the object the check saw is the object
 * the action hits (or, if it was removed in between, nothing: 404).  A
 * rename or a new look-alike name after the check cannot redirect it.
 *
 * Callers must give another user's object exactly the answer a missing one
 * gets (OWNER_FOREIGN and OWNER_NOTFOUND -> 404 "No such container: <ref>"
 * on inspect-style routes), or the gate becomes an oracle for other users'
 * names and IDs.
 */
#ifndef DG_OWNER_H
#define DG_OWNER_H

#include <stddef.h>

/* One lookup; inspect may wait for a container lock held by start. */
#define OWNER_TIMEOUT_MS (30 * 1000)
#define OWNER_REF_MAX	 255 /* bytes of a reference we look up */
#define OWNER_ID_HEX	 64  /* full container/exec/network ID */
/* Size of a full_id buffer: fits a volume name too. */
#define OWNER_FULLID_MAX (OWNER_REF_MAX + 1)

enum owner_rc {
	OWNER_OK = 0,	   /* exists, labelled with the caller's name */
	OWNER_NOTFOUND,	   /* no such object, an ambiguous prefix, or a
			      reference no object could have */
	OWNER_FOREIGN,	   /* exists, owner label absent or another user */
	OWNER_SHARED,	   /* built-in network: bridge, host, none; a volume
			      an administrator shared */
	OWNER_EUPSTREAM,   /* daemon unreachable or unexpected answer */
	OWNER_ADMIN_SHARED /* network labelled io.docker-gate.shared=true by
			      an administrator (no owner label) */
};

/*
 * All four: sock is dockerd's socket path, api_minor the request's 1.NN
 * (0: unversioned), user the caller's name.  full_id receives the resolved
 * identifier to forward (NUL-terminated; give OWNER_FULLID_MAX bytes, at
 * least OWNER_ID_HEX + 1) on OWNER_OK and OWNER_SHARED only, "" otherwise.  err
 * receives a message for the audit log (it may name the resolved object: never
 * show it to the client on OWNER_FOREIGN).
 */

/* Container by full ID, name ("x" or "/x") or unique ID prefix. */
int owner_container(const char *sock, unsigned api_minor, const char *ref,
		    const char *user, char *full_id, size_t idlen, char *err,
		    size_t errlen);

/* Exec instance by full ID: owned iff its container is; full_id is the
 * exec's own ID. */
int owner_exec(const char *sock, unsigned api_minor, const char *exec_id,
	       const char *user, char *full_id, size_t idlen, char *err,
	       size_t errlen);

/* Volume by exact name; full_id is the name.  OWNER_SHARED: a volume an
 * administrator shared with every user (label io.docker-gate.shared =
 * "ro" or "rw", and not the caller's own); owner_volume_ex says which in
 * *writable (1 rw, 0 ro).  Any other value of that label is not shared. */
int owner_volume(const char *sock, unsigned api_minor, const char *name,
		 const char *user, char *full_id, size_t idlen, char *err,
		 size_t errlen);
int owner_volume_ex(const char *sock, unsigned api_minor, const char *name,
		    const char *user, char *full_id, size_t idlen,
		    int *writable, char *err, size_t errlen);

/* Network by full ID, exact name or unique ID prefix; bridge, host and
 * none (by name or ID) are OWNER_SHARED, networks an administrator shared
 * OWNER_ADMIN_SHARED (full_id set for both): the caller decides per
 * route. */
int owner_network(const char *sock, unsigned api_minor, const char *ref,
		  const char *user, char *full_id, size_t idlen, char *err,
		  size_t errlen);

/* "ok", "not found", ... for logs. */
const char *owner_rc_name(int rc);

#endif
