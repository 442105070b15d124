/*
 * Command line of docker-gated.  Every setting has a compiled-in default so
 * that a service manager can start it with no arguments.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gated.h"

#define DEFAULT_RUN_USER	  "docker-gate"
#define DEFAULT_UPSTREAM_GROUP	  "docker"
#define DEFAULT_PLUGIN		  LIBDIR "/docker-gate-policy.so"
#define DEFAULT_POLICY_DIR	  SYSCONFDIR "/docker-gate"
#define DEFAULT_MAX_CONNS	  8192
#define DEFAULT_MAX_CONNS_PER_UID 1024

static void usage(FILE *f)
{
	fprintf(f,
		"usage: docker-gated [options]\n"
		"  -l, --listen PATH          gate socket (default %s)\n"
		"  -u, --upstream PATH        dockerd socket (default %s)\n"
		"      --user NAME            user to become when started as "
		"root (default %s)\n"
		"      --upstream-group NAME  group that may use the dockerd "
		"socket (default %s)\n"
		"  -p, --plugin PATH          policy plugin (default %s)\n"
		"  -d, --policy-dir DIR       policy directory, passed to the "
		"plugin (default %s)\n"
		"  -o, --plugin-option K=V    extra plugin option "
		"(repeatable)\n"
		"      --max-conns N          connections in total (default "
		"%d)\n"
		"      --max-conns-per-user N connections per uid (default "
		"%d)\n"
		"  -f, --foreground           also log to stderr\n"
		"  -h, --help\n",
		GATE_SOCKET, UPSTREAM_SOCKET, DEFAULT_RUN_USER,
		DEFAULT_UPSTREAM_GROUP, DEFAULT_PLUGIN, DEFAULT_POLICY_DIR,
		DEFAULT_MAX_CONNS, DEFAULT_MAX_CONNS_PER_UID);
}

static int add_plugin_option(struct gate_config *cfg, const char *opt)
{
	if (cfg->nplugin_options >= GATE_MAX_PLUGIN_OPTIONS ||
	    !strchr(opt, '=')) {
		fprintf(stderr, "docker-gated: bad plugin option '%s'\n", opt);
		return -1;
	}
	cfg->plugin_options[cfg->nplugin_options++] = opt;
	cfg->plugin_options[cfg->nplugin_options] = NULL;
	return 0;
}

static int parse_count(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 1 || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

int options_parse(int argc, char **argv, struct gate_config *cfg)
{
	static char policy_opt[4096];
	static const struct option longopts[] = {
		{"listen", required_argument, NULL, 'l'},
		{"upstream", required_argument, NULL, 'u'},
		{"user", required_argument, NULL, 'U'},
		{"upstream-group", required_argument, NULL, 'G'},
		{"plugin", required_argument, NULL, 'p'},
		{"policy-dir", required_argument, NULL, 'd'},
		{"plugin-option", required_argument, NULL, 'o'},
		{"max-conns", required_argument, NULL, 'M'},
		{"max-conns-per-user", required_argument, NULL, 'm'},
		{"foreground", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *policy_dir = DEFAULT_POLICY_DIR;
	int c;

	memset(cfg, 0, sizeof(*cfg));
	cfg->listen_path = GATE_SOCKET;
	cfg->upstream_path = UPSTREAM_SOCKET;
	cfg->run_user = DEFAULT_RUN_USER;
	cfg->upstream_group = DEFAULT_UPSTREAM_GROUP;
	cfg->plugin_path = DEFAULT_PLUGIN;
	cfg->max_conns = DEFAULT_MAX_CONNS;
	cfg->max_conns_per_uid = DEFAULT_MAX_CONNS_PER_UID;

	while ((c = getopt_long(argc, argv, "l:u:p:d:o:fh", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'l':
			cfg->listen_path = optarg;
			break;
		case 'u':
			cfg->upstream_path = optarg;
			break;
		case 'U':
			cfg->run_user = optarg;
			break;
		case 'G':
			cfg->upstream_group = optarg;
			break;
		case 'p':
			cfg->plugin_path = optarg;
			break;
		case 'd':
			policy_dir = optarg;
			break;
		case 'o':
			if (add_plugin_option(cfg, optarg) < 0)
				return -1;
			break;
		case 'M':
			if (parse_count(optarg, &cfg->max_conns) < 0)
				goto bad;
			break;
		case 'm':
			if (parse_count(optarg, &cfg->max_conns_per_uid) < 0)
				goto bad;
			break;
		case 'f':
			cfg->foreground = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "docker-gated: unexpected argument '%s'\n",
			argv[optind]);
		return -1;
	}
	if (cfg->listen_path[0] != '/' || cfg->upstream_path[0] != '/' ||
	    cfg->plugin_path[0] != '/' || policy_dir[0] != '/') {
		fprintf(stderr, "docker-gated: paths must be absolute\n");
		return -1;
	}
	snprintf(policy_opt, sizeof(policy_opt), "policy_dir=%s", policy_dir);
	return add_plugin_option(cfg, policy_opt);
bad:
	fprintf(stderr, "docker-gated: bad number '%s'\n", optarg);
	return -1;
}
