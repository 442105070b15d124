/*
 * libFuzzer harness: the `docker policy` client's reply parser and host
 * parsing (wrapper/policy_reply.c).  The daemon at DOCKER_HOST may be
 * anything, so its answer is untrusted.  Also linked with
 * tests/fuzz/replay.c to replay the corpus under gcc.
 *
 * Beyond "does not crash": an answer complete at EOF stays complete (or
 * waits for EOF) without it, a proper prefix is never a finished policy,
 * and cleaned text carries no control characters but newline and tab.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy_reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond))                                                   \
			abort();                                               \
	} while (0)

static int known_rc(int rc)
{
	return rc == PREPLY_OK || rc == PREPLY_INCOMPLETE ||
	       rc == PREPLY_REFUSED || rc == PREPLY_NOT_GATE ||
	       rc == PREPLY_EBAD || rc == PREPLY_ETOOBIG || rc == PREPLY_ENOMEM;
}

static void check_clean(const char *s)
{
	char *c;

	if (!s)
		return;
	c = strdup(s);
	FUZZ_CHECK(c != NULL);
	policy_text_clean(c);
	FUZZ_CHECK(strlen(c) == strlen(s));
	for (const unsigned char *p = (const unsigned char *)c; *p; p++) {
		FUZZ_CHECK(*p >= 0x20 || *p == '\n' || *p == '\t');
		FUZZ_CHECK(*p != 0x7f);
		FUZZ_CHECK(!(p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f));
	}
	free(c);
}

/* Parses buf[0..n) from an exact-size copy, so over-reads are caught. */
static int parse_copy(const char *buf, size_t n, int eof,
		      struct policy_reply *r)
{
	char *copy = malloc(n ? n : 1);
	int rc;

	FUZZ_CHECK(copy != NULL);
	memcpy(copy, buf, n);
	rc = policy_reply_parse(copy, n, eof, r);
	free(copy);
	return rc;
}

static void fuzz_reply(const char *buf, size_t size)
{
	struct policy_reply r;
	int at_eof, open, rc;
	char *json;

	at_eof = parse_copy(buf, size, 1, &r);
	FUZZ_CHECK(known_rc(at_eof) && at_eof != PREPLY_INCOMPLETE);
	if (at_eof == PREPLY_OK) {
		FUZZ_CHECK(r.status == 200 && r.user && r.policy);
		FUZZ_CHECK(r.uid <= 4294967294ULL);
		json = policy_reply_json(&r);
		FUZZ_CHECK(json != NULL);
		for (const char *p = json; *p; p++)
			FUZZ_CHECK((unsigned char)*p >= 0x20 &&
				   (unsigned char)*p < 0x7f);
		free(json);
		check_clean(r.user);
		check_clean(r.policy);
	}
	if (at_eof == PREPLY_REFUSED)
		FUZZ_CHECK(r.message && r.status >= 400);
	if (at_eof == PREPLY_EBAD || at_eof == PREPLY_ETOOBIG)
		FUZZ_CHECK(r.why[0] != '\0');
	check_clean(r.message);
	policy_reply_free(&r);

	open = parse_copy(buf, size, 0, &r);
	FUZZ_CHECK(known_rc(open));
	policy_reply_free(&r);
	if (at_eof == PREPLY_OK)
		FUZZ_CHECK(open == PREPLY_OK || open == PREPLY_INCOMPLETE);
	if (open != PREPLY_INCOMPLETE)
		FUZZ_CHECK(open == at_eof);
	/* half of it, before EOF, is never a finished policy */
	if (size > 1) {
		rc = parse_copy(buf, size / 2, 0, &r);
		FUZZ_CHECK(known_rc(rc));
		policy_reply_free(&r);
	}
}

static void fuzz_host(const char *buf, size_t size)
{
	char host[512], path[108], err[256];
	size_t n = size < sizeof(host) - 1 ? size : sizeof(host) - 1;

	memcpy(host, buf, n);
	host[n] = '\0';
	if (policy_host_socket(host, path, sizeof(path), err, sizeof(err)) ==
	    0) {
		FUZZ_CHECK(path[0] != '\0' && strlen(path) < sizeof(path));
		FUZZ_CHECK(strstr(host, "unix://") != NULL);
	} else {
		FUZZ_CHECK(err[0] != '\0');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reply((const char *)data, size);
	fuzz_host((const char *)data, size);
	return 0;
}
