/*
 * PortBindings into struct dg_port: addresses in canonical form, host port
 * ranges, random ports, -P, and the forwarded map rebuilt canonically.
 */
#include "canon_test.h"

static struct canon_create *ports(const char *map)
{
	char *b = ct_fmt(CT_HC("\"PortBindings\":{%s}"), map);
	struct canon_create *c = ct_parse(b);

	free(b);
	return c;
}

static void ports_refused(const char *map, int rc, const char *want)
{
	char *b = ct_fmt(CT_HC("\"PortBindings\":{%s}"), map);

	ct_expect(b, rc, want);
	free(b);
}

#define PB(key, ip, port)                                                      \
	"\"" key "\":[{\"HostIp\":\"" ip "\",\"HostPort\":\"" port "\"}]"

static void one_port(const char *map, const char *ip, unsigned int lo,
		     unsigned int hi, unsigned int cport, const char *proto,
		     const char *cli)
{
	struct canon_create *c = ports(map);
	const struct dg_create *v = canon_create_view(c);

	ck_assert_uint_eq(v->nports, 1);
	ck_assert_str_eq(v->ports[0].host_ip, ip);
	ck_assert_uint_eq(v->ports[0].host_port_lo, lo);
	ck_assert_uint_eq(v->ports[0].host_port_hi, hi);
	ck_assert_uint_eq(v->ports[0].container_port, cport);
	ck_assert_str_eq(v->ports[0].proto, proto);
	ck_assert_str_eq(v->ports[0].cli, cli);
	canon_create_free(c);
}

START_TEST(port_forms)
{
	one_port(PB("80/tcp", "127.0.0.1", "18080"), "127.0.0.1", 18080, 18080,
		 80, "tcp", "-p 127.0.0.1:18080:80/tcp");
	one_port(PB("81/tcp", "", ""), "", 0, 0, 81, "tcp", "-p 81/tcp");
	one_port(PB("81/tcp", "", "0"), "", 0, 0, 81, "tcp", "-p 81/tcp");
	one_port(PB("53/udp", "0.0.0.0", "53"), "0.0.0.0", 53, 53, 53, "udp",
		 "-p 0.0.0.0:53:53/udp");
	one_port(PB("9/sctp", "", "9000"), "", 9000, 9000, 9, "sctp",
		 "-p 9000:9/sctp");
	one_port(PB("80/tcp", "", "8000-8010"), "", 8000, 8010, 80, "tcp",
		 "-p 8000-8010:80/tcp");
	one_port(PB("80/tcp", "127.0.0.1", ""), "127.0.0.1", 0, 0, 80, "tcp",
		 "-p 127.0.0.1::80/tcp");
	one_port(PB("80/tcp", "::1", "8080"), "::1", 8080, 8080, 80, "tcp",
		 "-p [::1]:8080:80/tcp");
	one_port(PB("80/tcp", "0:0:0:0:0:0:0:1", "8080"), "::1", 8080, 8080, 80,
		 "tcp", "-p [::1]:8080:80/tcp");
	one_port(PB("80", "", "65535"), "", 65535, 65535, 80, "tcp",
		 "-p 65535:80/tcp");
	/* no binding: docker may pick a port on every address */
	one_port("\"80/tcp\":[]", "", 0, 0, 80, "tcp", "-p 80/tcp");
	one_port("\"80/tcp\":null", "", 0, 0, 80, "tcp", "-p 80/tcp");
}
END_TEST

START_TEST(port_forwarded_canonical)
{
	struct canon_create *c =
		ports(PB("80", "0:0::1", "8080") ",\"81/udp\":null");
	json_t *j = ct_dump_json(c), *pb, *want;

	pb = ct_get(j, "HostConfig", "PortBindings", NULL);
	want = json_pack("{s:[{s:s,s:s}],s:n}", "80/tcp", "HostIp", "::1",
			 "HostPort", "8080", "81/udp");
	ck_assert(json_equal(pb, want));
	json_decref(want);
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(port_several)
{
	struct canon_create *c = ports(
		"\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8080\"},"
		"{\"HostIp\":\"::1\",\"HostPort\":\"8080\"}],"
		"\"443/tcp\":[{\"HostPort\":\"8443\"}]");
	const struct dg_create *v = canon_create_view(c);

	ck_assert_uint_eq(v->nports, 3);
	ck_assert_str_eq(v->ports[1].cli, "-p [::1]:8080:80/tcp");
	ck_assert_str_eq(v->ports[2].cli, "-p 8443:443/tcp");
	canon_create_free(c);
}
END_TEST

START_TEST(port_refused)
{
	ports_refused(PB("80/tcp", "", "8010-8000"), CANON_EBAD, "host port");
	ports_refused(PB("80/tcp", "", "0-10"), CANON_EBAD, "host port");
	ports_refused(PB("80/tcp", "", "70000"), CANON_EBAD, "host port");
	ports_refused(PB("80/tcp", "", "08080"), CANON_EBAD, "host port");
	ports_refused(PB("80/tcp", "", "+80"), CANON_EBAD, "host port");
	ports_refused(PB("80/tcp", "", "80-"), CANON_EBAD, "host port");
	ports_refused(PB("80/tcp", "", "abc"), CANON_EBAD, "host port");
	ports_refused(PB("80/tcp", "localhost", ""), CANON_EBAD,
		      "-p localhost: not an IP address");
	ports_refused(PB("80/tcp", "fe80::1%eth0", ""), CANON_EBAD,
		      "not an IP address");
	ports_refused(PB("80/tcp", "[::1]", ""), CANON_EBAD, "not an IP");
	ports_refused(PB("80/tcp", "127.000.0.1", ""), CANON_EBAD, "not an IP");
	ports_refused(PB("8000-8010/tcp", "", ""), CANON_EBAD,
		      "-p 8000-8010/tcp: expected PORT");
	ports_refused(PB("80/foo", "", ""), CANON_EBAD, "expected PORT");
	ports_refused(PB("80/TCP", "", ""), CANON_EBAD, "expected PORT");
	ports_refused(PB("0/tcp", "", ""), CANON_EBAD, "expected PORT");
	ports_refused(PB("65536/tcp", "", ""), CANON_EBAD, "expected PORT");
	ports_refused(PB("80", "", "") "," PB("80/tcp", "", ""), CANON_EBAD,
		      "given twice");
	ports_refused("\"80/tcp\":[{\"HostIP\":\"\"}]", CANON_EREFUSED,
		      "\"HostConfig.PortBindings.80/tcp[0].HostIP\" is not "
		      "spelled");
	ports_refused("\"80/tcp\":[{\"HostIp\":1}]", CANON_EBAD,
		      "HostIp must be a string");
	ports_refused("\"80/tcp\":{}", CANON_EBAD, "must be a list");
	ports_refused("\"80/tcp\":[null]", CANON_EBAD, "must be an object");
	ct_expect(CT_HC("\"PortBindings\":[]"), CANON_EBAD,
		  "PortBindings must be an object");
}
END_TEST

START_TEST(port_limit_and_publish_all)
{
	struct canon_create *c;
	char *list = calloc(CANON_MAX_PORTS + 2, 48), *b;
	size_t i, o = 0;

	ck_assert_ptr_nonnull(list);
	for (i = 1; i <= CANON_MAX_PORTS + 1; i++)
		o += (size_t)sprintf(list + o, "%s\"%zu/tcp\":[]",
				     i > 1 ? "," : "", i);
	b = ct_fmt(CT_HC("\"PortBindings\":{%s}"), list);
	ct_expect(b, CANON_EREFUSED, "more than 256 published ports");
	free(b);
	free(list);
	c = ct_parse(CT_HC("\"PublishAllPorts\":true"));
	ck_assert_int_eq(canon_create_view(c)->publish_all, 1);
	ck_assert_uint_eq(canon_create_view(c)->nports, 0);
	canon_create_free(c);
}
END_TEST

static Suite *ports_suite(void)
{
	Suite *s = suite_create("canon_ports");
	TCase *tc = tcase_create("ports");

	tcase_add_test(tc, port_forms);
	tcase_add_test(tc, port_forwarded_canonical);
	tcase_add_test(tc, port_several);
	tcase_add_test(tc, port_refused);
	tcase_add_test(tc, port_limit_and_publish_all);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ct_run(ports_suite());
}
