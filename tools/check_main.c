/*
 * docker-gate-check: options and the three modes.
 *
 *   docker-gate-check [-d DIR] [--strict]          is the policy valid?
 *   docker-gate-check [-d DIR] -u USER             what may USER do?
 *   docker-gate-check [-d DIR] -u USER --create FILE | --exec FILE
 *                                                  would this request pass?
 *   docker-gate-check [-d DIR] -u USER --pull IMAGE   may USER pull it?
 *
 * Errors and warnings go to stderr, answers to stdout (line-buffered, so
 * the two interleave in order when both go to one file).
 */
#include "check.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
/* The plugin's default policy_dir (plugin/plugin.c). */
#define CHECK_DEFAULT_DIR SYSCONFDIR "/docker-gate"

static const char check_usage[] =
	"usage: docker-gate-check [-d DIR] [--strict]\n"
	"       docker-gate-check [-d DIR] [--strict] -u USER\n"
	"       docker-gate-check [-d DIR] [--strict] -u USER --create FILE\n"
	"                         [--name NAME] [--containers N]\n"
	"       docker-gate-check [-d DIR] [--strict] -u USER --exec FILE\n"
	"                         [--name CONTAINER]\n"
	"       docker-gate-check [-d DIR] [--strict] -u USER --pull IMAGE\n"
	"\n"
	"Checks a docker-gate policy directory offline, as docker-gated\n"
	"would load it (same parser, same trust check).\n"
	"\n"
	"  -d, --dir DIR      policy directory\n"
	"                     (default " CHECK_DEFAULT_DIR ")\n"
	"  -u, --user USER    show USER's effective policy (a name or a uid)\n"
	"      --create FILE  judge a container create body (- = stdin)\n"
	"      --exec FILE    judge an exec create body (- = stdin)\n"
	"      --pull IMAGE   judge docker pull IMAGE\n"
	"      --name NAME    the create's ?name=, or the exec's container\n"
	"      --containers N the user's containers now (default 0)\n"
	"      --strict       exit 4 on warnings\n"
	"  -h, --help         this text\n"
	"\n"
	"Exit status: 0 valid (a request: allowed); 1 policy errors;\n"
	"2 usage error (also: unknown user, unreadable FILE); 3 request\n"
	"denied by the policy or refused by the gate; 4 warnings, with\n"
	"--strict.  See docker-gate-check(8).\n";

enum {
	OPT_CREATE = 256,
	OPT_EXEC,
	OPT_NAME,
	OPT_CONTAINERS,
	OPT_STRICT,
	OPT_PULL
};

static const struct option check_longopts[] = {
	{"dir", required_argument, NULL, 'd'},
	{"user", required_argument, NULL, 'u'},
	{"create", required_argument, NULL, OPT_CREATE},
	{"exec", required_argument, NULL, OPT_EXEC},
	{"pull", required_argument, NULL, OPT_PULL},
	{"name", required_argument, NULL, OPT_NAME},
	{"containers", required_argument, NULL, OPT_CONTAINERS},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* What the options name, looked up before the policy is loaded so that
 * usage errors come first. */
struct check_input {
	struct check_user cu;
	char *body; /* --create / --exec */
	size_t len;
};

static int check_bad(const char *what)
{
	fprintf(stderr, "docker-gate-check: %s (see --help)\n", what);
	return -1;
}

/* getopt's own messages name argv[0], a path; these do not. */
static int check_bad_option(int c, char **argv)
{
	const char *opt = argv[optind - 1];

	fprintf(stderr, "docker-gate-check: %s %s (see --help)\n",
		c == ':' ? "a value is missing after" : "unknown option", opt);
	return -1;
}

/* DIR made absolute, without trailing slashes: the paths in messages are
 * then those the gate would print for the same policy_dir. */
static int check_dir(const char *arg, char *buf, size_t len)
{
	char cwd[PATH_MAX];
	size_t n;
	int w;

	if (!arg[0])
		return check_bad("-d needs a directory");
	if (arg[0] == '/')
		w = snprintf(buf, len, "%s", arg);
	else if (getcwd(cwd, sizeof(cwd)))
		w = snprintf(buf, len, "%s/%s", cwd, arg);
	else
		return check_bad("cannot tell the current directory");
	if (w < 0 || (size_t)w >= len)
		return check_bad("-d: path too long");
	for (n = strlen(buf); n > 1 && buf[n - 1] == '/'; n--)
		buf[n - 1] = '\0';
	return 0;
}

static int check_count(const char *arg, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end || errno)
		return check_bad("--containers needs a number (0 or more)");
	return 0;
}

static int check_consistent(const struct check_opts *o, int nargs)
{
	if (nargs > 0)
		return check_bad("unexpected argument");
	if (o->create && o->exec)
		return check_bad("--create and --exec exclude each other");
	if ((o->create || o->exec) && !o->user)
		return check_bad("--create and --exec need -u USER");
	if (o->pull && (o->create || o->exec || o->name || o->containers))
		return check_bad("--pull goes alone");
	if (o->pull && !o->user)
		return check_bad("--pull needs -u USER");
	if (o->name && !o->create && !o->exec)
		return check_bad("--name goes with --create or --exec");
	if (o->containers && !o->create)
		return check_bad("--containers goes with --create");
	return 0;
}

/* 0 to run, 1 when --help was printed, -1 on a usage error. */
static int check_options(int argc, char **argv, struct check_opts *o, char *dir,
			 size_t dirlen)
{
	const char *d = CHECK_DEFAULT_DIR;
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:u:h", check_longopts, NULL)) !=
	       -1) {
		if (c == 'd')
			d = optarg;
		else if (c == 'u')
			o->user = optarg;
		else if (c == OPT_CREATE)
			o->create = optarg;
		else if (c == OPT_EXEC)
			o->exec = optarg;
		else if (c == OPT_PULL)
			o->pull = optarg;
		else if (c == OPT_NAME)
			o->name = optarg;
		else if (c == OPT_CONTAINERS) {
			if (check_count(optarg, &o->containers) < 0)
				return -1;
		} else if (c == OPT_STRICT)
			o->strict = 1;
		else if (c == 'h') {
			fputs(check_usage, stdout);
			return 1;
		} else
			return check_bad_option(c, argv);
	}
	if (check_consistent(o, argc - optind) < 0 ||
	    check_dir(d, dir, dirlen) < 0)
		return -1;
	o->dir = dir;
	return 0;
}

/* -u, with or without a request; the policy loaded without errors. */
static int check_user_mode(const struct check_opts *o,
			   const struct check_load *ld,
			   const struct check_input *in)
{
	const struct dg_user *u = &in->cu.user;
	size_t warnings = ld->warnings;
	int rc;

	if (in->body) {
		rc = check_request(ld->policy, u, o, in->body, in->len);
	} else if (o->pull) {
		rc = check_pull(ld->policy, u, o->pull);
	} else {
		if (check_show_user(ld->policy, u) < 0)
			return CHECK_EXIT_POLICY;
		warnings += check_warn_user(ld->policy, u);
		rc = CHECK_EXIT_OK;
	}
	if (rc == CHECK_EXIT_OK && o->strict && warnings)
		return CHECK_EXIT_WARNINGS;
	return rc;
}

static int check_run(const struct check_opts *o, const struct check_input *in)
{
	struct check_load ld;
	size_t warnings;
	int rc;

	check_load(o->dir, &ld);
	warnings = ld.warnings;
	if (!o->user)
		warnings += check_warn_files(ld.policy);
	if (ld.errors || !ld.policy) {
		fprintf(stderr,
			"%s: %zu error%s: docker-gated would refuse "
			"this policy\n",
			o->dir, ld.errors, ld.errors == 1 ? "" : "s");
		rc = CHECK_EXIT_POLICY;
	} else if (o->user) {
		rc = check_user_mode(o, &ld, in);
	} else {
		printf("%s: policy OK", o->dir);
		if (warnings)
			printf(", %zu warning%s", warnings,
			       warnings == 1 ? "" : "s");
		printf("\n");
		rc = o->strict && warnings ? CHECK_EXIT_WARNINGS
					   : CHECK_EXIT_OK;
	}
	check_load_free(&ld);
	return rc;
}

int main(int argc, char **argv)
{
	struct check_opts o;
	struct check_input in;
	char dir[PATH_MAX], err[512];
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = check_options(argc, argv, &o, dir, sizeof(dir));
	if (rc != 0)
		return rc > 0 ? CHECK_EXIT_OK : CHECK_EXIT_USAGE;
	memset(&in, 0, sizeof(in));
	if (o.user && check_user_lookup(o.user, &in.cu, err, sizeof(err)) < 0) {
		fprintf(stderr, "docker-gate-check: %s\n", err);
		return CHECK_EXIT_USAGE;
	}
	if (o.create || o.exec) {
		in.body = check_request_read(o.create ? o.create : o.exec,
					     &in.len);
		if (!in.body) {
			check_user_free(&in.cu);
			return CHECK_EXIT_USAGE;
		}
	}
	rc = check_run(&o, &in);
	free(in.body);
	check_user_free(&in.cu);
	return rc;
}
