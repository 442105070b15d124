/*
 * The plugin's one exported symbol, for code linked with the plugin's
 * objects directly (unit tests, fuzzers).  The gate itself finds it with
 * dlsym(DG_PLUGIN_SYMBOL).
 */
#ifndef DGP_PLUGIN_EXPORT_H
#define DGP_PLUGIN_EXPORT_H

#include "docker-gate/plugin.h"

extern const struct dg_policy_plugin docker_gate_policy;

#endif
