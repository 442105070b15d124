/*
 * Loads the policy plugin: the file must pass the trust check, and it is
 * dlopen()ed through the very descriptor that was checked, after the
 * privilege drop (the plugin never runs as root).
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gated.h"

static void *handle;
static const struct dg_policy_plugin *plugin;

static const struct dg_host host = {
	.size = sizeof(struct dg_host),
	.version = DG_API_VERSION,
	.log = gate_log,
	.open_trusted = trust_open,
};

static int check_shape(const struct dg_policy_plugin *p, char *err,
		       size_t errlen)
{
	if (p->type != DG_PLUGIN_POLICY) {
		snprintf(err, errlen, "not a policy plugin (type %u)", p->type);
		return -1;
	}
	if (DG_API_VERSION_MAJOR(p->version) != DG_API_MAJOR) {
		snprintf(err, errlen, "plugin ABI %u.%u, the gate speaks %u.x",
			 DG_API_VERSION_MAJOR(p->version),
			 DG_API_VERSION_MINOR(p->version),
			 (unsigned)DG_API_MAJOR);
		return -1;
	}
	if (!p->open || !p->check || !p->describe) {
		snprintf(err, errlen, "plugin lacks open/check/describe");
		return -1;
	}
	return 0;
}

int plugin_load(const struct gate_config *cfg, char *err, size_t errlen)
{
	char why[512], fdpath[64];
	int fd = trust_open(cfg->plugin_path, why, sizeof(why));
	const struct dg_policy_plugin *p;

	if (fd < 0) {
		snprintf(err, errlen, "plugin not trusted: %s", why);
		return -1;
	}
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	handle = dlopen(fdpath, RTLD_NOW | RTLD_LOCAL);
	close(fd);
	if (!handle) {
		snprintf(err, errlen, "cannot load %s: %s", cfg->plugin_path,
			 dlerror());
		return -1;
	}
	p = dlsym(handle, DG_PLUGIN_SYMBOL);
	if (!p) {
		snprintf(err, errlen, "%s exports no %s", cfg->plugin_path,
			 DG_PLUGIN_SYMBOL);
		return -1;
	}
	if (check_shape(p, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%s: %s", cfg->plugin_path, why);
		return -1;
	}
	why[0] = '\0';
	if (p->open(DG_API_VERSION, &host, cfg->plugin_options, why,
		    sizeof(why)) != 1) {
		snprintf(err, errlen, "policy: %s",
			 why[0] ? why : "plugin refused to open");
		return -1;
	}
	plugin = p;
	return 0;
}

const struct dg_policy_plugin *plugin_get(void)
{
	return plugin;
}

int plugin_reload(char *err, size_t errlen)
{
	if (!plugin->reload) {
		snprintf(err, errlen, "the plugin cannot reload");
		return -1;
	}
	err[0] = '\0';
	return plugin->reload(err, errlen) == 1 ? 0 : -1;
}

void plugin_unload(void)
{
	if (plugin && plugin->close)
		plugin->close();
	plugin = NULL;
}
