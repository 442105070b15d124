/*
 * canon_network_create, canon_network_connect (connect and disconnect),
 * and the networks of a create (canon_netuse.c): names, kinds and the
 * rewrite to the full network ID.
 */
#include "canon_test.h"

static const struct dg_user alice = {
	.size = sizeof(struct dg_user),
	.uid = 1000,
	.gid = 1000,
	.name = "alice",
};

#define ID64  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define NET64 "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

/* What `docker network create n` sends (CLI 28). */
#define CLI_CREATE                                                             \
	"{\"Name\":\"n\",\"CheckDuplicate\":true,\"Driver\":\"bridge\","       \
	"\"Scope\":\"\",\"EnableIPv6\":false,\"IPAM\":{\"Driver\":"            \
	"\"default\",\"Options\":{},\"Config\":[]},\"Internal\":false,"        \
	"\"Attachable\":false,\"Ingress\":false,\"ConfigOnly\":false,"         \
	"\"ConfigFrom\":null,\"Options\":{},\"Labels\":{}}"

static int netcreate(const char *body, struct canon_netcreate *nc, char **out,
		     char *err, size_t errlen)
{
	size_t len;

	return canon_network_create(body, strlen(body), &alice, nc, out, &len,
				    err, errlen);
}

static void netcreate_refused(const char *body, int want_rc, const char *want)
{
	struct canon_netcreate nc;
	char err[CANON_ERR_MAX], *out = NULL;
	int rc = netcreate(body, &nc, &out, err, sizeof(err));

	ck_assert_msg(rc == want_rc, "rc %d: %s\nbody: %s", rc, err, body);
	ck_assert_ptr_null(out);
	ck_assert_msg(strstr(err, want), "message \"%s\" lacks \"%s\"", err,
		      want);
}

START_TEST(network_create_cli)
{
	struct canon_netcreate nc;
	char err[CANON_ERR_MAX], *out = NULL;
	int rc = netcreate(CLI_CREATE, &nc, &out, err, sizeof(err));

	ck_assert_msg(rc == CANON_OK, "%s", err);
	ck_assert_str_eq(nc.view.name, "n");
	ck_assert_int_eq(nc.view.internal, 0);
	ck_assert_int_eq(nc.view.user_networks, -1);
	ck_assert_ptr_nonnull(
		strstr(out, "\"io.docker-gate.owner\":\"alice\""));
	ck_assert_ptr_nonnull(strstr(out, "\"CheckDuplicate\":true"));
	free(out);
	/* docker-py leaves most out or null; compose labels its networks */
	rc = netcreate("{\"Name\":\"p_default\",\"Driver\":null,\"Options\":"
		       "null,\"Internal\":true,\"Labels\":{\"com.docker."
		       "compose.project\":\"p\"}}",
		       &nc, &out, err, sizeof(err));
	ck_assert_msg(rc == CANON_OK, "%s", err);
	ck_assert_int_eq(nc.view.internal, 1);
	ck_assert_ptr_nonnull(strstr(out, "com.docker.compose.project"));
	free(out);
}
END_TEST

START_TEST(network_create_refused)
{
	netcreate_refused("{\"Name\":\"n\",\"Driver\":\"macvlan\"}",
			  CANON_EREFUSED, "--driver");
	netcreate_refused("{\"Name\":\"n\",\"Options\":{\"parent\":\"eth0\"}}",
			  CANON_EREFUSED, "--opt");
	netcreate_refused(
		"{\"Name\":\"n\",\"Options\":{\"com.docker.network.bridge."
		"host_binding_ipv4\":\"0.0.0.0\"}}",
		CANON_EREFUSED, "--opt");
	netcreate_refused("{\"Name\":\"n\",\"IPAM\":{\"Config\":[{\"Subnet\":"
			  "\"10.0.0.0/8\"}]}}",
			  CANON_EREFUSED, "--subnet");
	netcreate_refused("{\"Name\":\"n\",\"IPAM\":{\"Driver\":\"x\"}}",
			  CANON_EREFUSED, "--ipam-driver");
	netcreate_refused("{\"Name\":\"n\",\"EnableIPv6\":true}",
			  CANON_EREFUSED, "--ipv6");
	netcreate_refused("{\"Name\":\"n\",\"Ingress\":true}", CANON_EREFUSED,
			  "--ingress");
	netcreate_refused("{\"Name\":\"n\",\"ConfigOnly\":true}",
			  CANON_EREFUSED, "--config-only");
	netcreate_refused("{\"Name\":\"n\",\"ConfigFrom\":{\"Network\":\"x\"}}",
			  CANON_EREFUSED, "--config-from");
	netcreate_refused("{\"Name\":\"n\",\"Scope\":\"swarm\"}",
			  CANON_EREFUSED, "--scope");
	netcreate_refused("{\"Name\":\"n\",\"Labels\":{\"io.docker-gate."
			  "owner\":\"bob\"}}",
			  CANON_EREFUSED, "io.docker-gate.");
	netcreate_refused("{\"Name\":\"n\",\"Labels\":{\"io.docker-gate."
			  "shared\":\"true\"}}",
			  CANON_EREFUSED, "io.docker-gate.");
	netcreate_refused("{\"Name\":\"n\",\"Foo\":1}", CANON_EREFUSED, "Foo");
	netcreate_refused("{\"name\":\"n\"}", CANON_EREFUSED, "name");
	netcreate_refused("{}", CANON_EBAD, "network name is required");
	netcreate_refused("{\"Name\":\"a b\"}", CANON_EBAD, "network name");
	netcreate_refused("{\"Name\":\"/n\"}", CANON_EBAD, "network name");
	netcreate_refused("{\"Name\":\"bridge\"}", CANON_EREFUSED, "reserved");
	netcreate_refused("{\"Name\":\"host\"}", CANON_EREFUSED, "reserved");
	netcreate_refused("{\"Name\":\"n\"} x", CANON_EBAD, "");
}
END_TEST

START_TEST(network_connect)
{
	struct canon_connect cc;
	char err[CANON_ERR_MAX], *out = NULL;
	size_t len;
	const char *b = "{\"Container\":\"web\",\"EndpointConfig\":"
			"{\"Aliases\":[\"db\"]}}";
	int rc = canon_network_connect(b, strlen(b), 0, &cc, err, sizeof(err));

	ck_assert_msg(rc == CANON_OK, "%s", err);
	ck_assert_str_eq(cc.view.container, "web");
	ck_assert_int_eq(cc.aliases, 1);
	ck_assert_int_eq(
		canon_network_connect_finish(&cc, ID64, NULL, &out, &len),
		CANON_OK);
	ck_assert_ptr_nonnull(strstr(out, "\"Container\":\"" ID64 "\""));
	ck_assert_ptr_null(strstr(out, "\"web\""));
	ck_assert_ptr_null(strstr(out, "NetworkID"));
	free(out);
	canon_network_connect_free(&cc);

	/* Red team 3: a user network is pinned by ID in the endpoint, so a
	 * stopped container cannot join another network of that name at
	 * start; an EndpointConfig is made when the client sent none. */
	b = "{\"Container\":\"web\"}";
	rc = canon_network_connect(b, strlen(b), 0, &cc, err, sizeof(err));
	ck_assert_msg(rc == CANON_OK, "%s", err);
	ck_assert_int_eq(
		canon_network_connect_finish(&cc, ID64, NET64, &out, &len),
		CANON_OK);
	ck_assert_ptr_nonnull(strstr(
		out, "\"EndpointConfig\":{\"NetworkID\":\"" NET64 "\"}"));
	free(out);
	canon_network_connect_free(&cc);
	b = "{\"Container\":\"web\",\"EndpointConfig\":"
	    "{\"Aliases\":[\"db\"]}}";
	rc = canon_network_connect(b, strlen(b), 0, &cc, err, sizeof(err));
	ck_assert_msg(rc == CANON_OK, "%s", err);
	ck_assert_int_eq(
		canon_network_connect_finish(&cc, ID64, NET64, &out, &len),
		CANON_OK);
	ck_assert_ptr_nonnull(strstr(out, "\"Aliases\":[\"db\"],"
					  "\"NetworkID\":\"" NET64 "\""));
	free(out);
	canon_network_connect_free(&cc);
	/* the client may not set it itself */
	b = "{\"Container\":\"web\",\"EndpointConfig\":"
	    "{\"NetworkID\":\"" NET64 "\"}}";
	rc = canon_network_connect(b, strlen(b), 0, &cc, err, sizeof(err));
	ck_assert_int_eq(rc, CANON_EREFUSED);
	canon_network_connect_free(&cc);

	b = "{\"Container\":\"web\",\"Force\":true}";
	rc = canon_network_connect(b, strlen(b), 1, &cc, err, sizeof(err));
	ck_assert_msg(rc == CANON_OK, "%s", err);
	canon_network_connect_free(&cc);
	/* Force is disconnect's; EndpointConfig connect's */
	rc = canon_network_connect(b, strlen(b), 0, &cc, err, sizeof(err));
	ck_assert_int_eq(rc, CANON_EREFUSED);
	canon_network_connect_free(&cc);

	b = "{\"Container\":\"web\",\"EndpointConfig\":{\"IPAMConfig\":"
	    "{\"IPv4Address\":\"10.0.0.9\"}}}";
	rc = canon_network_connect(b, strlen(b), 0, &cc, err, sizeof(err));
	ck_assert_int_eq(rc, CANON_EREFUSED);
	ck_assert_ptr_nonnull(strstr(err, "--ip"));
	canon_network_connect_free(&cc);

	b = "{\"Container\":\"\"}";
	rc = canon_network_connect(b, strlen(b), 1, &cc, err, sizeof(err));
	ck_assert_int_eq(rc, CANON_EBAD);
	canon_network_connect_free(&cc);
}
END_TEST

/* NetworkMode kinds in the view, and the gate's rewrite to the ID. */
START_TEST(create_network_kinds)
{
	struct canon_create *c;
	const struct dg_create *v;
	char *out;
	size_t len;

	c = ct_parse("{\"Image\":\"x\"}");
	v = canon_create_view(c);
	ck_assert_int_eq(v->nnetworks, 1);
	ck_assert_int_eq(v->networks[0].kind, DG_NET_BRIDGE);
	/* the CLI sends "default" for no --network: say so, not the flag */
	ck_assert_ptr_nonnull(strstr(v->networks[0].cli, "without --network"));
	ck_assert_ptr_null(canon_create_netname(c));
	ck_assert_uint_eq(canon_create_abi_minor(v), 1);
	canon_create_free(c);

	c = ct_parse("{\"Image\":\"x\",\"HostConfig\":{\"NetworkMode\":"
		     "\"none\"}}");
	ck_assert_int_eq(canon_create_view(c)->networks[0].kind, DG_NET_NONE);
	canon_create_free(c);

	c = ct_parse(
		"{\"Image\":\"x\",\"HostConfig\":{\"NetworkMode\":"
		"\"proj_default\"},\"NetworkingConfig\":{\"EndpointsConfig\""
		":{\"proj_default\":{\"Aliases\":[\"web\"]}}}}");
	v = canon_create_view(c);
	ck_assert_int_eq(v->networks[0].kind, DG_NET_USER);
	ck_assert_str_eq(v->networks[0].cli, "--network proj_default");
	ck_assert_str_eq(canon_create_netname(c), "proj_default");
	ck_assert_int_eq(canon_create_net_aliases(c), 1);
	ck_assert_uint_eq(canon_create_abi_minor(v), 3);
	ck_assert_int_eq(canon_create_set_network(c, DG_NET_USER, "abc"),
			 CANON_EBAD);
	ck_assert_int_eq(canon_create_set_network(c, DG_NET_BRIDGE, ID64),
			 CANON_EBAD);
	ck_assert_int_eq(canon_create_set_network(c, DG_NET_SHARED, ID64),
			 CANON_OK);
	ck_assert_int_eq(v->networks[0].kind, DG_NET_SHARED);
	out = canon_create_dump(c, &len);
	ck_assert_ptr_nonnull(strstr(out, "\"NetworkMode\":\"" ID64 "\""));
	ck_assert_ptr_nonnull(strstr(out, "{\"" ID64 "\":{\"Aliases\""));
	/* red team 3: the endpoint pins the network by ID */
	ck_assert_ptr_nonnull(strstr(out, "\"NetworkID\":\"" ID64 "\""));
	ck_assert_ptr_null(strstr(out, "proj_default"));
	free(out);
	canon_create_free(c);

	/* No EndpointsConfig (a raw request): one is made for the pin. */
	c = ct_parse("{\"Image\":\"x\",\"HostConfig\":{\"NetworkMode\":"
		     "\"mynet\"}}");
	ck_assert_int_eq(canon_create_net_aliases(c), 0);
	ck_assert_int_eq(canon_create_set_network(c, DG_NET_USER, ID64),
			 CANON_OK);
	out = canon_create_dump(c, &len);
	ck_assert_ptr_nonnull(strstr(out, "\"EndpointsConfig\":{\"" ID64
					  "\":{\"NetworkID\":\"" ID64 "\"}}"));
	free(out);
	canon_create_free(c);
}
END_TEST

static Suite *network_suite(void)
{
	Suite *s = suite_create("canon_network");
	TCase *tc = tcase_create("network");

	tcase_add_test(tc, network_create_cli);
	tcase_add_test(tc, network_create_refused);
	tcase_add_test(tc, network_connect);
	tcase_add_test(tc, create_network_kinds);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ct_run(network_suite());
}
