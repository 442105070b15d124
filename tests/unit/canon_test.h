/*
 * Helpers shared by the check_canon*.c suites.
 */
#ifndef CANON_TEST_H
#define CANON_TEST_H

#include <check.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "canon.h"

/* A body with the given HostConfig members. */
#define CT_HC(members)                                                         \
	"{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"HostConfig\":{" members   \
	"}}"

static inline char *ct_fmt(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static inline char *ct_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	ck_assert_int_ge(vasprintf(&s, fmt, ap), 0);
	va_end(ap);
	return s;
}

static inline struct canon_create *ct_parse_name(const char *body,
						 const char *name)
{
	struct canon_create *c = NULL;
	char err[CANON_ERR_MAX];
	int rc;

	rc = canon_create_parse(body, strlen(body), 41, name, &c, err,
				sizeof(err));
	ck_assert_msg(rc == CANON_OK, "rc %d: %s\nbody: %s", rc, err, body);
	ck_assert_ptr_nonnull(c);
	return c;
}

static inline struct canon_create *ct_parse(const char *body)
{
	return ct_parse_name(body, NULL);
}

/* Expects rc and a message containing want (NULL: any). */
static inline void ct_expect_len(const char *body, size_t len, int want_rc,
				 const char *want)
{
	struct canon_create *c = (struct canon_create *)0x1;
	char err[CANON_ERR_MAX];
	int rc;

	rc = canon_create_parse(body, len, 41, NULL, &c, err, sizeof(err));
	ck_assert_msg(rc == want_rc, "rc %d, wanted %d: %s\nbody: %.300s", rc,
		      want_rc, err, body);
	ck_assert_ptr_null(c);
	if (want)
		ck_assert_msg(strstr(err, want), "message \"%s\" lacks \"%s\"",
			      err, want);
	ck_assert_ptr_null(strcasestr(err, "permission denied"));
	ck_assert_ptr_null(strcasestr(err, "no such file or directory"));
	ck_assert_ptr_null(strcasestr(err, "executable file not found"));
}

static inline void ct_expect(const char *body, int want_rc, const char *want)
{
	ct_expect_len(body, strlen(body), want_rc, want);
}

/* The body the gate would forward, parsed back. */
static inline json_t *ct_dump_json(const struct canon_create *c)
{
	size_t len;
	char *s = canon_create_dump(c, &len);
	json_error_t je;
	json_t *j;

	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(len, strlen(s));
	j = json_loads(s, JSON_REJECT_DUPLICATES, &je);
	ck_assert_msg(j != NULL, "dump does not parse: %s", je.text);
	free(s);
	return j;
}

/* json_pack-style path lookup: ct_get(root, "HostConfig", "Binds", NULL) */
static inline json_t *ct_get(json_t *j, ...)
{
	va_list ap;
	const char *k;

	va_start(ap, j);
	while (j && (k = va_arg(ap, const char *)))
		j = json_object_get(j, k);
	va_end(ap);
	return j;
}

/* Replaces the first occurrence of from in s (malloc'd result). */
static inline char *ct_replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);

	ck_assert_msg(p != NULL, "\"%s\" not in body", from);
	return ct_fmt("%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
}

static inline int ct_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
