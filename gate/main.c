/*
 * docker-gated: the daemon between users and dockerd.
 *
 * Start-up order matters: listen (needs root for /run), drop privileges and
 * verify the drop, then load the plugin (it never runs as root), then
 * serve.  Any failure before serving refuses to start (exit 111).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>
#include <unistd.h>

#include "gated.h"

struct gate_config gate_cfg;
static volatile sig_atomic_t stopping;

struct sigctx {
	sigset_t set;
	int listen_fd;
};

/* Signals are taken synchronously by one thread: SIGHUP reloads the
 * policy (atomically, keeping the old one on error), SIGTERM/SIGINT stop. */
static void *signal_thread(void *arg)
{
	struct sigctx *ctx = arg;
	int sig;

	for (;;) {
		if (sigwait(&ctx->set, &sig) != 0)
			continue;
		if (sig == SIGHUP) {
			char err[1024];

			if (plugin_reload(err, sizeof(err)) == 0)
				gate_log(LOG_NOTICE, "policy reloaded");
			else
				gate_log(LOG_ERR,
					 "policy reload failed, keeping the "
					 "previous policy: %s",
					 err);
			continue;
		}
		stopping = 1;
		gate_log(LOG_NOTICE, "stopping on signal %d", sig);
		/* Wake accept() by shutting the listening socket down. */
		shutdown(ctx->listen_fd, SHUT_RDWR);
	}
	return NULL;
}

static int start_signals(struct sigctx *ctx)
{
	pthread_t t;

	sigemptyset(&ctx->set);
	sigaddset(&ctx->set, SIGHUP);
	sigaddset(&ctx->set, SIGTERM);
	sigaddset(&ctx->set, SIGINT);
	signal(SIGPIPE, SIG_IGN);
	if (pthread_sigmask(SIG_BLOCK, &ctx->set, NULL) != 0 ||
	    pthread_create(&t, NULL, signal_thread, ctx) != 0)
		return -1;
	return pthread_detach(t);
}

static void serve(int lfd)
{
	while (!stopping) {
		int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

		if (fd >= 0) {
			conn_start(fd);
			continue;
		}
		if (stopping)
			break;
		if (errno == EMFILE || errno == ENFILE || errno == ENOMEM) {
			gate_log(LOG_ERR, "accept: %s", strerror(errno));
			usleep(100 * 1000); /* out of fds: let some close */
		} else if (errno != EINTR && errno != ECONNABORTED) {
			gate_log(LOG_ERR, "accept: %s", strerror(errno));
			break;
		}
	}
}

int main(int argc, char **argv)
{
	static struct sigctx ctx;
	char err[1024];
	int activated;

	if (options_parse(argc, argv, &gate_cfg) < 0)
		return EXIT_USAGE;
	audit_init(gate_cfg.foreground);
	ctx.listen_fd = listen_open(&gate_cfg, &activated);
	if (ctx.listen_fd < 0)
		return EXIT_SYSTEM;
	if (privdrop(&gate_cfg, err, sizeof(err)) < 0) {
		gate_log(LOG_ERR, "refusing to start: %s", err);
		listen_close(&gate_cfg, ctx.listen_fd, activated);
		return EXIT_SYSTEM;
	}
	if (plugin_load(&gate_cfg, err, sizeof(err)) < 0) {
		gate_log(LOG_ERR, "refusing to start: %s", err);
		return EXIT_SYSTEM;
	}
	if (start_signals(&ctx) < 0) {
		gate_log(LOG_ERR, "refusing to start: cannot set up signals");
		return EXIT_SYSTEM;
	}
	gate_log(LOG_NOTICE, "listening on %s, forwarding to %s (uid %u)",
		 activated ? "(socket activation)" : gate_cfg.listen_path,
		 gate_cfg.upstream_path, (unsigned)getuid());
	serve(ctx.listen_fd);
	listen_close(&gate_cfg, ctx.listen_fd, activated);
	plugin_unload();
	return 0;
}
