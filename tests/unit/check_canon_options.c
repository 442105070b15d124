/*
 * The run options the policy decides (canon_options.c, canon_devices.c,
 * canon_secopt.c, canon_update.c): what the typed view says, and that the
 * forwarded body is rewritten to the canonical form the policy saw.
 */
#include "canon_test.h"

static const struct dg_create *view_of(const char *members,
				       struct canon_create **out)
{
	char *b = ct_fmt(CT_HC("%s"), members);

	*out = ct_parse(b);
	free(b);
	return canon_create_view(*out);
}

START_TEST(cap_add_canonical)
{
	struct canon_create *c;
	const struct dg_create *v = view_of(
		"\"CapAdd\":[\"net_admin\",\"CAP_SYS_PTRACE\",\"all\"]", &c);
	json_t *j;

	ck_assert_uint_eq(v->ncap_add, 3);
	ck_assert_str_eq(v->cap_add[0], "CAP_NET_ADMIN");
	ck_assert_str_eq(v->cap_add[1], "CAP_SYS_PTRACE");
	ck_assert_str_eq(v->cap_add[2], "ALL");
	ck_assert_uint_eq(canon_create_abi_minor(v), 2);
	j = ct_dump_json(c);
	ck_assert_str_eq(json_string_value(json_array_get(
				 ct_get(j, "HostConfig", "CapAdd", NULL), 0)),
			 "CAP_NET_ADMIN");
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(nothing_asked_needs_1_1)
{
	struct canon_create *c;
	const struct dg_create *v = view_of("\"Memory\":1048576", &c);

	ck_assert_uint_eq(canon_create_abi_minor(v), 1);
	ck_assert_int_eq(v->res.memory, 1048576);
	ck_assert_uint_eq(v->host_ns, 0);
	ck_assert_str_eq(v->runtime, "");
	canon_create_free(c);
}
END_TEST

START_TEST(devices_cleaned)
{
	struct canon_create *c;
	const struct dg_create *v = view_of(
		"\"Devices\":[{\"PathOnHost\":\"//dev/./fuse/\","
		"\"PathInContainer\":\"\",\"CgroupPermissions\":\"rw\"}],"
		"\"DeviceCgroupRules\":[\"c 10:229 rwm\"],"
		"\"DeviceRequests\":[{\"Driver\":\"\",\"Count\":-1,"
		"\"DeviceIDs\":null,\"Capabilities\":[[\"gpu\"]],"
		"\"Options\":{}}]",
		&c);
	json_t *j;

	ck_assert_uint_eq(v->ndevices, 1);
	ck_assert_str_eq(v->devices[0].host, "/dev/fuse");
	ck_assert_str_eq(v->devices[0].container, "/dev/fuse");
	ck_assert_str_eq(v->devices[0].perms, "rw");
	ck_assert_str_eq(v->devices[0].cli, "--device /dev/fuse:/dev/fuse:rw");
	ck_assert_uint_eq(v->ndevice_cgroup_rules, 1);
	ck_assert_str_eq(v->device_cgroup_rules[0], "c 10:229 rwm");
	ck_assert_int_eq(v->gpus, 1);
	j = ct_dump_json(c);
	ck_assert_str_eq(
		json_string_value(json_object_get(
			json_array_get(ct_get(j, "HostConfig", "Devices", NULL),
				       0),
			"PathOnHost")),
		"/dev/fuse");
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(devices_malformed)
{
	ct_expect(CT_HC("\"Devices\":[{\"PathOnHost\":\"dev/sda\","
			"\"PathInContainer\":\"/dev/sda\","
			"\"CgroupPermissions\":\"rwm\"}]"),
		  CANON_EBAD, "must be absolute");
	ct_expect(CT_HC("\"Devices\":[{\"PathOnHost\":\"/dev/sda\","
			"\"PathInContainer\":\"/dev/sda\","
			"\"CgroupPermissions\":\"rwx\"}]"),
		  CANON_EBAD, "letters of rwm");
	ct_expect(CT_HC("\"Devices\":[{\"PathOnHost\":\"/dev/sda\","
			"\"PathInContainer\":\"x\","
			"\"CgroupPermissions\":\"r\"}]"),
		  CANON_EBAD, "container path");
}
END_TEST

START_TEST(host_namespaces)
{
	struct canon_create *c;
	const struct dg_create *v = view_of(
		"\"NetworkMode\":\"host\",\"PidMode\":\"host\",\"IpcMode\":"
		"\"host\",\"UTSMode\":\"host\",\"UsernsMode\":\"host\","
		"\"CgroupnsMode\":\"host\"",
		&c);

	ck_assert_uint_eq(v->host_ns, DG_NS_NETWORK | DG_NS_PID | DG_NS_IPC |
					      DG_NS_UTS | DG_NS_USERNS |
					      DG_NS_CGROUPNS);
	canon_create_free(c);
	v = view_of("\"PidMode\":\"container:abc\",\"IpcMode\":\"private\"",
		    &c);
	ck_assert_uint_eq(v->host_ns, 0);
	canon_create_free(c);
}
END_TEST

START_TEST(network_host_endpoint)
{
	const char *body =
		"{\"Image\":\"i\",\"HostConfig\":{\"NetworkMode\":\"host\"},"
		"\"NetworkingConfig\":{\"EndpointsConfig\":{\"host\":{}}}}";

	canon_create_free(ct_parse(body));
	ct_expect("{\"Image\":\"i\",\"HostConfig\":{\"NetworkMode\":\"host\"},"
		  "\"NetworkingConfig\":{\"EndpointsConfig\":{\"bridge\":{}}}}",
		  CANON_EREFUSED, "--network bridge");
}
END_TEST

START_TEST(secopt_canonical)
{
	struct canon_create *c;
	const struct dg_create *v = view_of(
		"\"SecurityOpt\":[\"seccomp:unconfined\",\"apparmor="
		"unconfined\","
		"\"disable\",\"no-new-privileges\",\"no-new-privileges=False\","
		"\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\"}\","
		"\"writable-cgroups=0\"],\"MaskedPaths\":[],"
		"\"ReadonlyPaths\":[]",
		&c);
	json_t *j, *opts;

	ck_assert_uint_eq(v->nsecurity_opt, 6);
	ck_assert_str_eq(v->security_opt[0], "seccomp=unconfined");
	ck_assert_str_eq(v->security_opt[1], "apparmor=unconfined");
	ck_assert_str_eq(v->security_opt[2], "label=disable");
	ck_assert_str_eq(v->security_opt[3], "no-new-privileges=false");
	ck_assert_str_eq(v->security_opt[4], "seccomp=custom");
	ck_assert_str_eq(v->security_opt[5], "systempaths=unconfined");
	j = ct_dump_json(c);
	opts = ct_get(j, "HostConfig", "SecurityOpt", NULL);
	ck_assert_str_eq(json_string_value(json_array_get(opts, 0)),
			 "seccomp=unconfined");
	ck_assert_str_eq(json_string_value(json_array_get(opts, 2)),
			 "label=disable");
	ck_assert_str_eq(json_string_value(json_array_get(opts, 3)),
			 "no-new-privileges=true");
	ck_assert_str_eq(json_string_value(json_array_get(opts, 5)),
			 "seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}");
	ck_assert_str_eq(json_string_value(json_array_get(opts, 6)),
			 "writable-cgroups=false");
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(runtime_sysctls_resources)
{
	struct canon_create *c;
	const struct dg_create *v = view_of(
		"\"Runtime\":\"runsc\",\"Sysctls\":{\"net.ipv4.ip_forward\":"
		"\"1\",\"kernel.shmmax\":\"1\"},\"Memory\":2048,\"MemorySwap\":"
		"-1,\"NanoCpus\":1500000000,\"PidsLimit\":-1,\"CpuQuota\":5",
		&c);

	ck_assert_str_eq(v->runtime, "runsc");
	ck_assert_uint_eq(v->nsysctls, 2);
	ck_assert_int_eq(v->res.memory, 2048);
	ck_assert_int_eq(v->res.memory_swap, -1);
	ck_assert_int_eq(v->res.nano_cpus, 1500000000);
	ck_assert_int_eq(v->res.pids_limit, -1);
	ck_assert_int_eq(v->res.cpu_quota_set, 1);
	canon_create_free(c);
}
END_TEST

START_TEST(too_many_entries)
{
	char *list = malloc(70 * 16), *b;
	size_t o = 0;

	for (int i = 0; i < CANON_MAX_OPTS + 1; i++)
		o += (size_t)sprintf(list + o, "%s\"CHOWN\"", i ? "," : "");
	b = ct_fmt(CT_HC("\"CapAdd\":[%s]"), list);
	ct_expect(b, CANON_EREFUSED, "more than 64 --cap-add");
	free(b);
	free(list);
}
END_TEST

/* Parses an update body; returns rc, *u the view's owner (or NULL). */
static int update_of(const char *body, struct canon_update **u, char **out)
{
	char err[CANON_ERR_MAX];
	size_t len = 0;

	*out = NULL;
	return canon_update_parse(body, strlen(body), "c1", u, out, &len, err,
				  sizeof(err));
}

START_TEST(update_body)
{
	struct canon_update *u;
	const struct dg_update *v;
	char *out = NULL;
	const char *ok = "{\"Memory\":1048576,\"MemorySwap\":0,\"NanoCpus\":0,"
			 "\"CgroupParent\":\"\",\"Devices\":null,"
			 "\"RestartPolicy\":{\"Name\":\"always\"}}";

	ck_assert_int_eq(update_of(ok, &u, &out), CANON_OK);
	v = canon_update_view(u);
	ck_assert_int_eq(v->res.memory, 1048576);
	ck_assert_int_eq(v->pids_set, 0);
	ck_assert_str_eq(v->restart, "always");
	ck_assert_uint_eq(canon_update_abi_minor(v), 3);
	ck_assert_ptr_nonnull(out);
	free(out);
	canon_update_free(u);
	ck_assert_int_eq(update_of("{\"PidsLimit\":0}", &u, &out), CANON_OK);
	v = canon_update_view(u);
	ck_assert_int_eq(v->pids_set, 1);
	ck_assert_str_eq(v->restart, "");
	ck_assert_uint_eq(canon_update_abi_minor(v), 2);
	free(out);
	canon_update_free(u);
	ck_assert_int_eq(update_of("{\"CgroupParent\":\"/x\"}", &u, &out),
			 CANON_EREFUSED);
	ck_assert_ptr_null(out);
	ck_assert_ptr_null(u);
	ck_assert_int_eq(update_of("{\"Privileged\":true}", &u, &out),
			 CANON_EREFUSED);
	ck_assert_int_eq(update_of("{\"Memory\":-5}", &u, &out),
			 CANON_EREFUSED);
}
END_TEST

/* NVIDIA_VISIBLE_DEVICES in Env is a GPU request; every other container
 * gets it set to void, and a private cgroup namespace. */
START_TEST(gate_defaults)
{
	const struct dg_user u = {sizeof(u), 1000, 1000, 1, "alice",
				  "/",	     NULL, NULL, 0};
	struct dg_force f = {.user = ""};
	char err[CANON_ERR_MAX];
	struct canon_create *c;
	const struct dg_create *v;
	json_t *j, *env;

	c = ct_parse(
		"{\"Image\":\"i\",\"Env\":[\"NVIDIA_VISIBLE_DEVICES=all\"]}");
	ck_assert_int_eq(canon_create_view(c)->gpus, 1);
	canon_create_free(c);
	c = ct_parse("{\"Image\":\"i\",\"Env\":[\"A=1\"]}");
	v = canon_create_view(c);
	ck_assert_int_eq(v->gpus, 0);
	ck_assert_int_eq(canon_create_apply(c, &f, &u, err, sizeof(err)),
			 CANON_OK);
	j = ct_dump_json(c);
	env = json_object_get(j, "Env");
	ck_assert_uint_eq(json_array_size(env), 2);
	ck_assert_str_eq(json_string_value(json_array_get(env, 1)),
			 "NVIDIA_VISIBLE_DEVICES=void");
	ck_assert_str_eq(json_string_value(
				 ct_get(j, "HostConfig", "CgroupnsMode", NULL)),
			 "private");
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(ipc_sysctl_needs_private_ipc)
{
	ct_expect(CT_HC("\"IpcMode\":\"container:donor\",\"Sysctls\":"
			"{\"kernel.shmmax\":\"1\"}"),
		  CANON_EREFUSED, "IPC sysctls need a private --ipc");
	ct_expect(CT_HC("\"IpcMode\":\"host\",\"Sysctls\":"
			"{\"fs.mqueue.msg_max\":\"1\"}"),
		  CANON_EREFUSED, "fs.mqueue.msg_max");
	canon_create_free(
		ct_parse(CT_HC("\"IpcMode\":\"shareable\","
			       "\"Sysctls\":{\"kernel.shmmax\":\"1\"}")));
	canon_create_free(
		ct_parse(CT_HC("\"IpcMode\":\"container:donor\","
			       "\"Sysctls\":{\"net.ipv4.ip_forward\":\"1\"}")));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("canon_options");
	TCase *tc = tcase_create("options");

	tcase_add_test(tc, cap_add_canonical);
	tcase_add_test(tc, nothing_asked_needs_1_1);
	tcase_add_test(tc, devices_cleaned);
	tcase_add_test(tc, devices_malformed);
	tcase_add_test(tc, host_namespaces);
	tcase_add_test(tc, network_host_endpoint);
	tcase_add_test(tc, secopt_canonical);
	tcase_add_test(tc, runtime_sysctls_resources);
	tcase_add_test(tc, too_many_entries);
	tcase_add_test(tc, update_body);
	tcase_add_test(tc, gate_defaults);
	tcase_add_test(tc, ipc_sysctl_needs_private_ipc);
	suite_add_tcase(s, tc);
	return ct_run(s);
}
