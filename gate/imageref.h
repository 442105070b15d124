/*
 * Docker image references (pure): parse and normalize
 * `[domain/]path[:tag][@digest]` the way dockerd reads a name
 * (distribution's ParseNormalizedNamed, TagNameOnly) and tell image IDs
 * apart (ParseAnyReference), with fixed buffers and no allocation.
 *
 *   "alpine"                  -> docker.io/library/alpine:latest
 *   "alice/app:1"             -> docker.io/alice/app:1
 *   "index.docker.io/alpine"  -> docker.io/library/alpine:latest
 *   "localhost:5000/a/b@sha256:<64hex>" -> kept, no tag added
 *   "sha256:<64hex>", "<64hex>"         -> an image ID (is_id)
 *   "2f7d", "sha256:2f7d"     -> a name AND possibly an ID prefix
 *
 * Grammar (every part checked; anything else is IMAGEREF_EBAD):
 *   path component  [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   domain          host [":" port], host = domain-name | "[" ipv6 "]",
 *                   domain-name = label ("." label)*, label =
 *                   [A-Za-z0-9] | [A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]
 *   tag             [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest          "sha256:" + 64 lowercase hex digits
 *   name            domain "/" path, at most IMAGEREF_NAME_MAX bytes
 *                   after normalization (docker counts the same way)
 *
 * The first component is the domain when it contains '.' or ':' or is
 * "localhost" (splitDockerDomain as vendored in dockerd 20.10; measured:
 * "Foo/x" is "must be lowercase" there, while newer distribution versions
 * read it as the registry "Foo"; we refuse it, so no version can read a
 * reference the gate accepted as a different name).
 *
 * Stricter than docker, on purpose (fail closed):
 * - digests other than sha256 (sha384, sha512) are refused;
 * - ports have at most IMAGEREF_PORT_MAX_DIGITS digits;
 * - a bracketed IPv6 host needs 2..IMAGEREF_IPV6_MAX characters with at
 *   least two ':' (docker takes any non-empty run of hex digits and ':');
 * - a first component that splitDockerDomain calls a domain but that is
 *   not a valid domain, e.g. "a_b.c/x", is refused: distribution then
 *   falls back to a name *without* a domain ("a_b.c/x"), which no
 *   registry or namespace rule should have to think about.
 *
 * IDs and names (moby daemon/images GetImage, 20.10): a full ID is never
 * a name, but a short hex string is looked up as a name first
 * (docker.io/library/<hex>:latest) and then as an ID prefix of any
 * length.  maybe_id_prefix says so; the caller must resolve such a
 * reference against the daemon and act on the full ID it gets back.
 */
#ifndef DG_IMAGEREF_H
#define DG_IMAGEREF_H

#include <stdbool.h>
#include <stddef.h>

/* Name (domain "/" path) after normalization: NameTotalLengthMax. */
#define IMAGEREF_NAME_MAX	 255
#define IMAGEREF_TAG_MAX	 128 /* tag grammar: 1 + 127 */
#define IMAGEREF_HEX_LEN	 64  /* sha256 digest and image ID */
#define IMAGEREF_ALGO		 "sha256:"
#define IMAGEREF_ALGO_LEN	 7
#define IMAGEREF_DIGEST_LEN	 (IMAGEREF_ALGO_LEN + IMAGEREF_HEX_LEN)
#define IMAGEREF_PORT_MAX_DIGITS 5  /* 65535 */
#define IMAGEREF_IPV6_MAX	 39 /* 8 groups of 4 hex digits, 7 ':' */
/* name ":" tag "@" digest */
#define IMAGEREF_CANON_MAX                                                     \
	(IMAGEREF_NAME_MAX + 1 + IMAGEREF_TAG_MAX + 1 + IMAGEREF_DIGEST_LEN)
/* Longest input: only "index.docker.io" -> "docker.io" (6 bytes) shortens
 * a reference, so anything longer cannot normalize within the limits. */
#define IMAGEREF_INPUT_MAX (IMAGEREF_CANON_MAX + 6)

#define IMAGEREF_DEFAULT_DOMAIN "docker.io"
#define IMAGEREF_LEGACY_DOMAIN	"index.docker.io"
#define IMAGEREF_OFFICIAL	"library"
#define IMAGEREF_DEFAULT_TAG	"latest"

enum imageref_rc {
	IMAGEREF_OK = 0,
	IMAGEREF_EBAD = -1 /* not a reference; out->why says why */
};

/*
 * Everything is an array inside the struct (about 1.5 KiB), so a parse
 * result can live on the stack and be copied by value.  Strings are
 * always NUL-terminated; unused ones are "".
 */
struct imageref {
	char domain[IMAGEREF_NAME_MAX + 1]; /* "docker.io", "localhost:5000" */
	char path[IMAGEREF_NAME_MAX + 1];   /* "library/alpine" */
	char name[IMAGEREF_NAME_MAX + 1];   /* domain "/" path */
	char tag[IMAGEREF_TAG_MAX + 1];	    /* "" when only a digest */
	char digest[IMAGEREF_DIGEST_LEN + 1]; /* "sha256:<hex>" or "" */
	/* "docker.io/library/alpine:latest"; for an ID "sha256:<hex>".  This
	 * is the form to forward: it re-parses to itself on every version. */
	char canonical[IMAGEREF_CANON_MAX + 1];
	/* "alpine:latest", "alice/app:1": for messages.  Unlike docker's
	 * FamiliarString it keeps "docker.io/" where dropping it would make
	 * the first component read as a domain ("docker.io/john.doe/x"). */
	char familiar[IMAGEREF_CANON_MAX + 1];
	bool is_id;	      /* a full image ID: digest holds it, no name */
	bool maybe_id_prefix; /* a name that dockerd may also take as an ID
			       * prefix: 1..63 hex digits, "sha256:" optional */
	bool tag_implied;     /* no tag, no digest: "latest" was added */
	const char *why;      /* static text: why EBAD; "" on success */
};

/*
 * Parses s (NUL-terminated, at most IMAGEREF_INPUT_MAX bytes) into *out.
 * *out is always written: on IMAGEREF_EBAD every string is "" and `why`
 * is set.  Never allocates; `why` points to a string constant.
 */
int imageref_parse(const char *s, struct imageref *out);

/*
 * reference.WithTag: replaces the tag (a digest stays), rebuilds
 * canonical and familiar.  IMAGEREF_EBAD (r unchanged) if the tag is
 * invalid or r is an ID.
 */
int imageref_with_tag(struct imageref *r, const char *tag);

/*
 * name@digest, the tag dropped (what dockerd pulls when the `tag`
 * parameter holds a digest).  IMAGEREF_EBAD (r unchanged) if the digest
 * is not "sha256:<64 lowercase hex>" or r is an ID.
 */
int imageref_with_digest(struct imageref *r, const char *digest);

/* 1 if s is a path component (the grammar above), else 0. */
int imageref_component_valid(const char *s, size_t len);

#endif
