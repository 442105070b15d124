/*
 * Pre-scan of a policy file (see policy_scan.h for why).
 */
#include "policy_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest key name we look up; longer names are unknown keys anyway. */
#define SCAN_KEY_MAX 64

enum scan_prev { PREV_NONE, PREV_USTR, PREV_QSTR };

struct scan_st {
	const char *b;
	size_t len, i;
	unsigned int real, lib;
	struct dgp_scan *s;
	enum scan_prev prev;
	const char *word;
	size_t wordlen;
	unsigned int wordline;
	unsigned int *errline;
	char *err;
	size_t errlen;
};

static int scan_fail(struct scan_st *st, unsigned int line, const char *msg)
{
	*st->errline = line;
	snprintf(st->err, st->errlen, "%s", msg);
	return -1;
}

static void scan_newline(struct scan_st *st)
{
	st->real++;
	st->lib++;
	st->s->lib_start[st->real] = st->lib;
}

/* NUL bytes and "${" are refused outright, wherever they are. */
static int scan_bytes(struct scan_st *st)
{
	unsigned int line = 1;
	size_t i;

	for (i = 0; i < st->len; i++) {
		if (st->b[i] == '\n')
			line++;
		else if (st->b[i] == '\0')
			return scan_fail(st, line, "NUL byte in policy file");
		else if (st->b[i] == '$' && i + 1 < st->len &&
			 st->b[i + 1] == '{')
			return scan_fail(
				st, line,
				"\"${\" is not allowed in policy files: "
				"libconfuse would replace ${NAME} with the "
				"gate's environment; write templates as $HOME, "
				"$USER, $UID (without braces)");
	}
	return 0;
}

static void scan_line_comment(struct scan_st *st)
{
	while (st->i < st->len && st->b[st->i] != '\n')
		st->i++;
	st->s->has_comment[st->real] = 1;
	st->lib += 2; /* libconfuse 3.3 counts two lines per comment */
	st->prev = PREV_NONE;
}

static int scan_block_comment(struct scan_st *st)
{
	unsigned int start = st->real;

	st->i += 2;
	st->s->has_comment[st->real] = 1;
	for (; st->i < st->len; st->i++) {
		if (st->b[st->i] == '\n') {
			scan_newline(st);
			st->s->has_comment[st->real] = 1;
		} else if (st->b[st->i] == '*' && st->i + 1 < st->len &&
			   st->b[st->i + 1] == '/') {
			st->i += 2;
			st->lib += 1; /* libconfuse 3.3: one phantom line */
			st->prev = PREV_NONE;
			return 0;
		}
	}
	/* fail closed: libconfuse would silently ignore the rest */
	return scan_fail(st, start, "unterminated /* comment");
}

static int scan_quoted(struct scan_st *st)
{
	char q = st->b[st->i];
	unsigned int start = st->real;

	for (st->i++; st->i < st->len; st->i++) {
		char c = st->b[st->i];

		if (c == '\\') {
			if (st->i + 1 >= st->len)
				break;
			if (st->b[++st->i] == '\n')
				scan_newline(st);
		} else if (c == '\n') {
			scan_newline(st);
		} else if (c == q) {
			st->i++;
			st->prev = PREV_QSTR;
			st->wordline = start;
			return 0;
		}
	}
	return scan_fail(st, start, "unterminated quoted string");
}

/* "=" or "+=": the word before it is a key. */
static int scan_assign(struct scan_st *st)
{
	char name[SCAN_KEY_MAX];
	int k;

	if (st->prev == PREV_QSTR)
		return scan_fail(st, st->wordline,
				 "write key names without quotes");
	if (st->prev == PREV_USTR && st->wordlen < sizeof(name)) {
		memcpy(name, st->word, st->wordlen);
		name[st->wordlen] = '\0';
		k = dgp_key_lookup(name);
		if (k >= 0)
			st->s->key_line[k] = st->wordline;
	}
	st->prev = PREV_NONE;
	return 0;
}

static void scan_word(struct scan_st *st)
{
	size_t start = st->i;

	while (st->i < st->len && !strchr(" #\"'\t\n\r={}()+,*", st->b[st->i]))
		st->i++;
	st->prev = PREV_USTR;
	st->word = st->b + start;
	st->wordlen = st->i - start;
	st->wordline = st->real;
}

static int scan_token(struct scan_st *st)
{
	char c = st->b[st->i];
	char next = st->i + 1 < st->len ? st->b[st->i + 1] : '\0';

	if (c == ' ' || c == '\t' || c == '\r' || c == '*' ||
	    (c == '+' && next != '=')) {
		st->i++; /* blanks, or eaten by libconfuse's catch-all rule */
	} else if (c == '\n') {
		scan_newline(st);
		st->i++;
	} else if (c == '#' || (c == '/' && next == '/')) {
		scan_line_comment(st);
	} else if (c == '/' && next == '*') {
		return scan_block_comment(st);
	} else if (c == '"' || c == '\'') {
		return scan_quoted(st);
	} else if (c == '=' || c == '+') {
		st->i += c == '+' ? 2 : 1;
		return scan_assign(st);
	} else if (strchr("{}(),", c)) {
		st->prev = PREV_NONE;
		st->i++;
	} else {
		scan_word(st);
	}
	return 0;
}

int dgp_scan(const char *buf, size_t len, struct dgp_scan *s,
	     unsigned int *errline, char *err, size_t errlen)
{
	struct scan_st st = {
		.b = buf,
		.len = len,
		.real = 1,
		.lib = 1,
		.s = s,
		.prev = PREV_NONE,
		.errline = errline,
		.err = err,
		.errlen = errlen,
	};
	size_t i, lines = 1;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < len; i++)
		lines += buf[i] == '\n';
	s->nlines = (unsigned int)lines;
	s->lib_start = calloc(lines + 2, sizeof(*s->lib_start));
	s->has_comment = calloc(lines + 2, 1);
	if (!s->lib_start || !s->has_comment) {
		dgp_scan_free(s);
		return scan_fail(&st, 0, "out of memory");
	}
	s->lib_start[1] = 1;
	if (scan_bytes(&st) < 0)
		return -1;
	while (st.i < len)
		if (scan_token(&st) < 0)
			return -1;
	return 0;
}

unsigned int dgp_scan_real_line(const struct dgp_scan *s, unsigned int libline)
{
	unsigned int lo = 1, hi = s->nlines;

	if (!s->lib_start || hi == 0)
		return libline;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo + 1) / 2;

		if (s->lib_start[mid] <= libline)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

void dgp_scan_free(struct dgp_scan *s)
{
	free(s->lib_start);
	free(s->has_comment);
	s->lib_start = NULL;
	s->has_comment = NULL;
}
