/*
 * docker-policy: the docker CLI plugin behind `docker policy` (docker's
 * cli-plugins convention: `docker-policy docker-cli-plugin-metadata`, and
 * `docker-policy [GLOBAL OPTIONS] policy [--json]`).  It asks the gate for
 * the caller's own effective policy and prints it.  Convenience only: the
 * gate decides whose policy to show, from SO_PEERCRED.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "policy_conn.h"
#include "wrapper.h"

#ifndef DG_VERSION
#define DG_VERSION "0.1.0"
#endif

/* Exit codes, fixed and listed in --help (s6 style, as docker-gated). */
#define EXIT_POLICY_REFUSED 1 /* docker-gate answered with an error */
#define EXIT_NOT_GATE	    2 /* the daemon is not behind docker-gate */
#define EXIT_USAGE	    100
#define EXIT_SYSTEM	    111 /* the daemon cannot be reached */

#define SOCKET_PATH_MAX sizeof(((struct sockaddr_un *)0)->sun_path)

static const char metadata[] =
	"{\"SchemaVersion\":\"0.1.0\",\"Vendor\":\"docker-gate\","
	"\"Version\":\"" DG_VERSION "\","
	"\"ShortDescription\":\"Show what docker-gate allows you to do\"}\n";

static void usage(FILE *f)
{
	fprintf(f,
		"Usage:  docker policy [--json]\n"
		"\n"
		"Show what docker-gate allows you to do: your effective "
		"policy in plain words,\nwith the policy file and line behind "
		"each setting.  docker-gate answers with\nthe policy of the "
		"user it sees on its socket, never anyone else's.\n"
		"\n"
		"Options:\n"
		"      --json   Print docker-gate's answer as JSON\n"
		"  -h, --help   Print this help\n"
		"\n"
		"The daemon asked is the one -H or DOCKER_HOST names (unix:// "
		"only), else\ndocker-gate's socket from %s\n(or "
		"$" WRAPPER_CONF_ENV "); docker contexts are not read.\n"
		"\n"
		"Exit status:\n"
		"  0    the policy was printed\n"
		"  1    docker-gate answered with an error\n"
		"  2    the daemon is not behind docker-gate, or its answer is "
		"not docker-gate's\n"
		"  100  wrong usage\n"
		"  111  the daemon could not be reached or did not answer\n",
		WRAPPER_CONF_DEFAULT);
}

struct opts {
	const char *host;    /* -H, --host */
	const char *context; /* -c, --context */
	int nhosts;
	int json;
	int help;
};

/* The docker CLI passes its global options on (docker 28's list; -v
 * never reaches a plugin). */
struct global_opt {
	const char *name;
	char shorthand;
	int has_value;
};

static const struct global_opt global_opts[] = {
	{"host", 'H', 1},      {"context", 'c', 1}, {"config", 0, 1},
	{"log-level", 'l', 1}, {"tlscacert", 0, 1}, {"tlscert", 0, 1},
	{"tlskey", 0, 1},      {"debug", 'D', 0},   {"tls", 0, 0},
	{"tlsverify", 0, 0},
};

static const struct global_opt *find_opt(const char *name, size_t n, char c)
{
	for (size_t i = 0; i < sizeof(global_opts) / sizeof(*global_opts);
	     i++) {
		const struct global_opt *g = &global_opts[i];

		if (name ? strlen(g->name) == n && !strncmp(g->name, name, n)
			 : c && g->shorthand == c)
			return g;
	}
	return NULL;
}

static void keep_value(struct opts *o, const struct global_opt *g,
		       const char *v)
{
	if (g->shorthand == 'H') {
		o->host = v;
		o->nhosts++;
	} else if (g->shorthand == 'c') {
		o->context = v;
	}
}

/* One global option at argv[*i]: --name[=v], --name v, -X[=]v, -X v. */
static int global_opt(int argc, char **argv, int *i, struct opts *o)
{
	const char *a = argv[*i], *v = NULL;
	const struct global_opt *g;

	if (a[1] == '-') {
		const char *eq = strchr(a + 2, '=');

		g = find_opt(a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2),
			     0);
		v = eq ? eq + 1 : NULL;
	} else {
		g = find_opt(NULL, 0, a[1]);
		v = a[1] && a[2] ? a + 2 + (a[2] == '=') : NULL;
	}
	if (!g)
		return -1;
	if (!g->has_value)
		return v && a[1] != '-' ? -1 : 0; /* -Dx: not handled */
	if (!v) {
		if (*i + 1 >= argc)
			return -1;
		v = argv[++*i];
	}
	keep_value(o, g, v);
	return 0;
}

/* `[GLOBAL OPTIONS] policy [--json]`; 0 or -1 (usage printed). */
static int parse_args(int argc, char **argv, struct opts *o)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			o->help = 1;
			return 0;
		}
		if (global_opt(argc, argv, &i, o) < 0) {
			fprintf(stderr,
				"docker policy: unknown or incomplete "
				"global option \"%s\"\n",
				argv[i]);
			return -1;
		}
	}
	if (i >= argc || strcmp(argv[i], "policy") != 0) {
		fprintf(stderr, "docker policy: run it as `docker policy`\n");
		return -1;
	}
	for (i++; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			o->json = 1;
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			o->help = 1;
		else {
			fprintf(stderr,
				"docker policy: unknown argument \"%s\"\n",
				argv[i]);
			return -1;
		}
	}
	return 0;
}

static int is_context(const char *ctx)
{
	return ctx && *ctx && strcmp(ctx, "default") != 0;
}

/*
 * The socket, chosen the way the docker CLI chooses its daemon: -H, else
 * DOCKER_HOST; a context other than "default" is refused rather than
 * guessed at; otherwise the gate from the wrapper's configuration.
 * *direct says the user named the daemon.  0, or an exit code.
 */
static int choose_socket(const struct opts *o, char *path, int *direct)
{
	const char *host = o->host, *env = getenv("DOCKER_HOST");
	struct wrapper_conf c;
	char err[256];

	*direct = 1;
	if (o->nhosts > 1 || (o->host && o->context)) {
		fprintf(stderr,
			"docker policy: give one -H and no --context\n");
		return EXIT_USAGE;
	}
	if (!host && !o->context && env && *env)
		host = env;
	if (!host && (is_context(o->context) ||
		      (!o->context && is_context(getenv("DOCKER_CONTEXT"))))) {
		fprintf(stderr, "docker policy: docker contexts are not "
				"read; name the socket with -H unix://PATH\n");
		return EXIT_USAGE;
	}
	if (host) {
		if (policy_host_socket(host, path, SOCKET_PATH_MAX, err,
				       sizeof(err)) < 0) {
			policy_text_clean(err);
			fprintf(stderr, "docker policy: %s\n", err);
			return EXIT_USAGE;
		}
		return 0;
	}
	*direct = 0;
	memset(&c, 0, sizeof(c));
	if (wrapper_conf_load(&c) < 0)
		return EXIT_SYSTEM;
	if (strlen(c.socket) >= SOCKET_PATH_MAX) {
		fprintf(stderr,
			"docker policy: %s: the socket path is too "
			"long\n",
			c.path);
		return EXIT_SYSTEM;
	}
	strcpy(path, c.socket);
	return 0;
}

/* Daemon text on the terminal: controls replaced, a final newline. */
static int print_text(FILE *f, const char *prefix, const char *text)
{
	char *t = strdup(text);
	size_t n;

	if (!t)
		return -1;
	policy_text_clean(t);
	n = strlen(t);
	fprintf(f, "%s%s%s", prefix, t, n && t[n - 1] == '\n' ? "" : "\n");
	free(t);
	return 0;
}

static int show(const struct opts *o, const struct policy_reply *r)
{
	char *json = NULL;

	if (o->json) {
		json = policy_reply_json(r);
		if (!json || printf("%s\n", json) < 0) {
			free(json);
			return EXIT_SYSTEM;
		}
		free(json);
	} else if (print_text(stdout, "", r->policy) < 0) {
		return EXIT_SYSTEM;
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_SYSTEM;
}

/* What went wrong, in words; the exit code. */
static int explain(int rc, const char *path, int direct,
		   const struct policy_reply *r, const char *err)
{
	switch (rc) {
	case PCONN_ECONNECT:
		if (direct)
			fprintf(stderr,
				"docker policy: cannot connect to the "
				"docker daemon at unix://%s: %s\n",
				path, err);
		else
			fprintf(stderr,
				"docker policy: docker-gate is not running "
				"(cannot connect to %s: %s).\nAsk your "
				"administrator to start it (systemctl start "
				"docker-gate.socket).\n",
				path, err);
		return EXIT_SYSTEM;
	case PCONN_EIO:
	case PCONN_ETIMEDOUT:
		fprintf(stderr, "docker policy: unix://%s: %s\n", path, err);
		return EXIT_SYSTEM;
	case PREPLY_REFUSED:
		print_text(stderr, "docker policy: ", r->message);
		return EXIT_POLICY_REFUSED;
	case PREPLY_NOT_GATE:
		fprintf(stderr,
			"docker policy: this docker daemon is not "
			"behind docker-gate (unix://%s has no %s)\n",
			path, POLICY_REPLY_PATH);
		return EXIT_NOT_GATE;
	case PREPLY_EBAD:
	case PREPLY_ETOOBIG:
		fprintf(stderr,
			"docker policy: unix://%s did not answer like "
			"docker-gate: %s\n",
			path, r->why);
		return EXIT_NOT_GATE;
	default:
		fprintf(stderr, "docker policy: out of memory\n");
		return EXIT_SYSTEM;
	}
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	struct policy_reply r;
	char path[SOCKET_PATH_MAX], err[256] = "";
	int direct = 0, rc;

	if (argc == 2 && !strcmp(argv[1], "docker-cli-plugin-metadata"))
		return fputs(metadata, stdout) < 0 || fflush(stdout)
			       ? EXIT_SYSTEM
			       : 0;
	if (parse_args(argc, argv, &o) < 0) {
		fprintf(stderr, "Run 'docker policy --help' for usage.\n");
		return EXIT_USAGE;
	}
	if (o.help) {
		usage(stdout);
		return 0;
	}
	rc = choose_socket(&o, path, &direct);
	if (rc)
		return rc;
	rc = policy_fetch(path, &r, err, sizeof(err));
	rc = rc == PREPLY_OK ? show(&o, &r)
			     : explain(rc, path, direct, &r, err);
	policy_reply_free(&r);
	return rc;
}
