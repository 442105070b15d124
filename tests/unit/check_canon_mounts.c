/*
 * Binds, Mounts and Config.Volumes into struct dg_mount: host paths
 * cleaned or refused, relabel and shared propagation refused, volumes that
 * are host binds recognised, every other driver option refused.
 */
#include "canon_test.h"

static struct canon_create *binds(const char *entry)
{
	char *b = ct_fmt(CT_HC("\"Binds\":[\"%s\"]"), entry);
	struct canon_create *c = ct_parse(b);

	free(b);
	return c;
}

static void binds_refused(const char *entry, int rc, const char *want)
{
	char *b = ct_fmt(CT_HC("\"Binds\":[\"%s\"]"), entry);

	ct_expect(b, rc, want);
	free(b);
}

/* The Binds entry the gate forwards. */
static void bind_forwarded(struct canon_create *c, size_t i, const char *want)
{
	json_t *j = ct_dump_json(c);

	ck_assert_str_eq(json_string_value(json_array_get(
				 ct_get(j, "HostConfig", "Binds", NULL), i)),
			 want);
	json_decref(j);
}

START_TEST(bind_plain)
{
	struct canon_create *c = binds("/tmp:/x");
	const struct dg_mount *m = &canon_create_view(c)->mounts[0];

	ck_assert_uint_eq(canon_create_view(c)->nmounts, 1);
	ck_assert_int_eq(m->kind, DG_MOUNT_BIND);
	ck_assert_str_eq(m->source, "/tmp");
	ck_assert_str_eq(m->target, "/x");
	ck_assert_int_eq(m->read_only, 0);
	ck_assert_str_eq(m->cli, "-v /tmp:/x");
	canon_create_free(c);
}
END_TEST

START_TEST(bind_cleaned)
{
	struct canon_create *c = binds("//tmp//a/./b/:/x:rslave,ro");
	const struct dg_mount *m = &canon_create_view(c)->mounts[0];

	ck_assert_str_eq(m->source, "/tmp/a/b");
	ck_assert_int_eq(m->read_only, 1);
	ck_assert_str_eq(m->cli, "-v //tmp//a/./b/:/x:rslave,ro");
	bind_forwarded(c, 0, "/tmp/a/b:/x:ro,rslave");
	canon_create_free(c);
	c = binds("/:/host");
	ck_assert_str_eq(canon_create_view(c)->mounts[0].source, "/");
	canon_create_free(c);
	c = binds("/./:/host:rw");
	ck_assert_str_eq(canon_create_view(c)->mounts[0].source, "/");
	bind_forwarded(c, 0, "/:/host:rw");
	canon_create_free(c);
}
END_TEST

START_TEST(bind_options)
{
	struct canon_create *c = binds("/h:/c:ro,nocopy,private,cached");

	ck_assert_int_eq(canon_create_view(c)->mounts[0].read_only, 1);
	canon_create_free(c);
	binds_refused("/h:/c:z", CANON_EREFUSED, "relabels the host path");
	binds_refused("/h:/c:ro,Z", CANON_EREFUSED, "relabels");
	binds_refused("/h:/c:shared", CANON_EREFUSED, "shared propagation");
	binds_refused("/h:/c:rshared", CANON_EREFUSED, "shared propagation");
	binds_refused("/h:/c:ro,rw", CANON_EBAD, "conflicting options");
	binds_refused("/h:/c:ro,ro", CANON_EBAD, "conflicting");
	binds_refused("/h:/c:slave,rslave", CANON_EBAD, "conflicting");
	binds_refused("/h:/c:RO", CANON_EBAD, "unknown option");
	binds_refused("/h:/c:ro,", CANON_EBAD, "empty option");
	binds_refused("/h:/c:", CANON_EBAD, "SRC:DST");
}
END_TEST

START_TEST(bind_shapes_refused)
{
	binds_refused("/a/../etc:/x", CANON_EREFUSED,
		      "-v with '..' in the host path is refused");
	binds_refused("/a/..:/x", CANON_EREFUSED, "'..'");
	binds_refused("/h:/c:ro:x", CANON_EBAD, "SRC:DST");
	binds_refused("/data", CANON_EBAD, "SRC:DST");
	binds_refused(":/c", CANON_EBAD, "empty");
	binds_refused("/h:", CANON_EBAD, "empty");
	binds_refused("/h:rel", CANON_EBAD, "container path must be absolute");
	binds_refused("./rel:/x", CANON_EBAD, "absolute host path or a volume");
	binds_refused("~/x:/x", CANON_EBAD, "volume name");
	binds_refused("a:/x", CANON_EBAD, "volume name");
}
END_TEST

START_TEST(bind_named_volume)
{
	struct canon_create *c = binds("my_vol.1:/data:ro");
	const struct dg_mount *m = &canon_create_view(c)->mounts[0];

	ck_assert_int_eq(m->kind, DG_MOUNT_VOLUME);
	ck_assert_str_eq(m->source, "my_vol.1");
	ck_assert_str_eq(m->target, "/data");
	ck_assert_int_eq(m->read_only, 1);
	canon_create_free(c);
}
END_TEST

static struct canon_create *mounts(const char *obj)
{
	char *b = ct_fmt(CT_HC("\"Mounts\":[%s]"), obj);
	struct canon_create *c = ct_parse(b);

	free(b);
	return c;
}

static void mounts_refused(const char *obj, int rc, const char *want)
{
	char *b = ct_fmt(CT_HC("\"Mounts\":[%s]"), obj);

	ct_expect(b, rc, want);
	free(b);
}

START_TEST(mount_bind)
{
	struct canon_create *c = mounts(
		"{\"Type\":\"bind\",\"Source\":\"/h//x/\",\"Target\":\"/m\","
		"\"ReadOnly\":true,\"BindOptions\":{\"Propagation\":\"rslave\"}"
		"}");
	const struct dg_mount *m = &canon_create_view(c)->mounts[0];
	json_t *j = ct_dump_json(c);

	ck_assert_int_eq(m->kind, DG_MOUNT_BIND);
	ck_assert_str_eq(m->source, "/h/x");
	ck_assert_int_eq(m->read_only, 1);
	ck_assert_str_eq(m->cli,
			 "--mount type=bind,src=/h//x/,dst=/m,readonly");
	ck_assert_str_eq(
		json_string_value(json_object_get(
			json_array_get(ct_get(j, "HostConfig", "Mounts", NULL),
				       0),
			"Source")),
		"/h/x");
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(mount_bind_refused)
{
	mounts_refused("{\"Type\":\"bind\",\"Source\":\"/h\",\"Target\":\"/m\","
		       "\"BindOptions\":{\"CreateMountpoint\":true}}",
		       CANON_EREFUSED, "--mount bind-create-src");
	mounts_refused("{\"Type\":\"bind\",\"Source\":\"/h\",\"Target\":\"/m\","
		       "\"BindOptions\":{\"Propagation\":\"shared\"}}",
		       CANON_EREFUSED, "bind-propagation shared");
	mounts_refused("{\"Type\":\"bind\",\"Source\":\"/h\",\"Target\":\"/m\","
		       "\"BindOptions\":{\"Propagation\":\"rshared\"}}",
		       CANON_EREFUSED, "rshared");
	mounts_refused("{\"Type\":\"bind\",\"Source\":\"/h\",\"Target\":\"/m\","
		       "\"ReadOnly\":true,\"BindOptions\":"
		       "{\"ReadOnlyNonRecursive\":true}}",
		       CANON_EREFUSED, "bind-recursive=writable");
	mounts_refused("{\"Type\":\"bind\",\"Source\":\"/h/../etc\","
		       "\"Target\":\"/m\"}",
		       CANON_EREFUSED, "--mount with '..'");
	mounts_refused("{\"Type\":\"bind\",\"Source\":\"h\",\"Target\":\"/m\"}",
		       CANON_EBAD, "must be absolute");
	mounts_refused("{\"Type\":\"bind\",\"Source\":\"/h\",\"Target\":\"m\"}",
		       CANON_EBAD, "container path must be absolute");
	mounts_refused("{\"Type\":\"bind\",\"Source\":\"/h\",\"Target\":\"/m\","
		       "\"VolumeOptions\":{}}",
		       CANON_EBAD, "VolumeOptions does not go with");
	mounts_refused("{\"Type\":\"bind\",\"Source\":\"/h\",\"Target\":\"/m\","
		       "\"ImageOptions\":{}}",
		       CANON_EBAD, "ImageOptions");
}
END_TEST

START_TEST(mount_types)
{
	struct canon_create *c;

	mounts_refused(
		"{\"Type\":\"BIND\",\"Source\":\"/h\",\"Target\":\"/m\"}",
		CANON_EREFUSED, "--mount type=BIND is not allowed");
	mounts_refused("{\"Type\":\"image\",\"Source\":\"busybox\","
		       "\"Target\":\"/m\"}",
		       CANON_EREFUSED, "type=image");
	mounts_refused("{\"Type\":\"npipe\",\"Target\":\"/m\"}", CANON_EREFUSED,
		       "type=npipe");
	mounts_refused("{\"Type\":\"cluster\",\"Target\":\"/m\"}",
		       CANON_EREFUSED, "type=cluster");
	mounts_refused("{\"Source\":\"/h\",\"Target\":\"/m\"}", CANON_EBAD,
		       "needs type=");
	mounts_refused("null", CANON_EBAD, "must be an object");
	c = mounts("{\"Type\":\"tmpfs\",\"Target\":\"/t\",\"TmpfsOptions\":"
		   "{\"SizeBytes\":1048576,\"Mode\":1023}}");
	ck_assert_int_eq(canon_create_view(c)->mounts[0].kind, DG_MOUNT_TMPFS);
	ck_assert_str_eq(canon_create_view(c)->mounts[0].cli,
			 "--mount type=tmpfs,dst=/t");
	canon_create_free(c);
	mounts_refused(
		"{\"Type\":\"tmpfs\",\"Source\":\"/h\",\"Target\":\"/t\"}",
		CANON_EBAD, "takes no src");
	mounts_refused("{\"Type\":\"tmpfs\",\"Target\":\"/t\",\"TmpfsOptions\":"
		       "{\"Options\":[[\"exec\"]]}}",
		       CANON_EREFUSED, "tmpfs options");
	mounts_refused("{\"Type\":\"tmpfs\",\"Target\":\"/t\",\"TmpfsOptions\":"
		       "{\"Mode\":65535}}",
		       CANON_EREFUSED, "tmpfs-mode");
}
END_TEST

START_TEST(mount_volume)
{
	struct canon_create *c = mounts(
		"{\"Type\":\"volume\",\"Source\":\"data\",\"Target\":\"/v\","
		"\"VolumeOptions\":{\"NoCopy\":true,\"DriverConfig\":"
		"{\"Name\":\"local\"}}},"
		"{\"Type\":\"volume\",\"Target\":\"/anon\"}");
	const struct dg_mount *m = canon_create_view(c)->mounts;

	ck_assert_int_eq(m[0].kind, DG_MOUNT_VOLUME);
	ck_assert_str_eq(m[0].source, "data");
	ck_assert_str_eq(m[0].cli, "--mount type=volume,src=data,dst=/v");
	ck_assert_int_eq(m[1].kind, DG_MOUNT_VOLUME);
	ck_assert_str_eq(m[1].source, "");
	canon_create_free(c);
	mounts_refused(
		"{\"Type\":\"volume\",\"Source\":\"/h\",\"Target\":\"/v\"}",
		CANON_EBAD, "not a volume name");
	mounts_refused(
		"{\"Type\":\"volume\",\"Source\":\"rx\",\"Target\":\"/v\","
		"\"VolumeOptions\":{\"Subpath\":\"x\"}}",
		CANON_EREFUSED, "volume-subpath");
	mounts_refused(
		"{\"Type\":\"volume\",\"Source\":\"rx\",\"Target\":\"/v\","
		"\"VolumeOptions\":{\"DriverConfig\":{\"Name\":"
		"\"rexray\"}}}",
		CANON_EREFUSED, "volume-driver=rexray");
}
END_TEST

#define VBIND(opts)                                                            \
	"{\"Type\":\"volume\",\"Target\":\"/v\","                              \
	"\"VolumeOptions\":{\"DriverConfig\":{\"Name\":\"local\","             \
	"\"Options\":{" opts "}}}}"

START_TEST(mount_volume_bind)
{
	struct canon_create *c = mounts(VBIND(
		"\"device\":\"/tmp/./x/\",\"o\":\"bind\",\"type\":\"none\""));
	const struct dg_mount *m = canon_create_view(c)->mounts;
	json_t *j = ct_dump_json(c);

	ck_assert_int_eq(m[0].kind, DG_MOUNT_VOLUME_BIND);
	ck_assert_str_eq(m[0].source, "/tmp/x");
	ck_assert_int_eq(m[0].read_only, 0);
	ck_assert_str_eq(m[0].cli, "--mount type=volume,dst=/v,"
				   "volume-opt=type=none,volume-opt=o=bind,"
				   "volume-opt=device=/tmp/./x/");
	ck_assert_str_eq(
		json_string_value(ct_get(
			json_array_get(ct_get(j, "HostConfig", "Mounts", NULL),
				       0),
			"VolumeOptions", "DriverConfig", "Options", "device",
			NULL)),
		"/tmp/x");
	json_decref(j);
	canon_create_free(c);
	c = mounts(VBIND("\"device\":\"/srv\",\"o\":\"rbind,ro\""));
	ck_assert_int_eq(canon_create_view(c)->mounts[0].kind,
			 DG_MOUNT_VOLUME_BIND);
	ck_assert_int_eq(canon_create_view(c)->mounts[0].read_only, 1);
	canon_create_free(c);
}
END_TEST

/* red team F1: with a name, dockerd mounts the existing volume (maybe
 * another user's) and ignores the options the policy checked. */
START_TEST(mount_named_volume_bind_refused)
{
	mounts_refused("{\"Type\":\"volume\",\"Source\":\"bobvol\","
		       "\"Target\":\"/v\",\"VolumeOptions\":{\"DriverConfig\":"
		       "{\"Name\":\"local\",\"Options\":{\"type\":\"none\","
		       "\"o\":\"bind\",\"device\":\"/home/a\"}}}}",
		       CANON_EREFUSED, "must not name a volume");
}
END_TEST

START_TEST(mount_volume_driver_opts_refused)
{
	/* NFS, block devices, tmpfs and unknown options */
	mounts_refused(VBIND("\"type\":\"nfs\",\"o\":\"addr=10.0.0.1\","
			     "\"device\":\":/export\""),
		       CANON_EREFUSED, "--mount volume-opt is not allowed");
	mounts_refused(VBIND("\"type\":\"ext4\",\"device\":\"/dev/sda1\""),
		       CANON_EREFUSED, "volume-opt");
	mounts_refused(VBIND("\"type\":\"ext4\",\"o\":\"bind\","
			     "\"device\":\"/dev/sda1\""),
		       CANON_EREFUSED, "volume-opt");
	mounts_refused(VBIND("\"type\":\"tmpfs\",\"device\":\"tmpfs\","
			     "\"o\":\"size=1m\""),
		       CANON_EREFUSED, "volume-opt");
	mounts_refused(VBIND("\"type\":\"none\",\"o\":\"bind\",\"device\":"
			     "\"/h\",\"size\":\"1\""),
		       CANON_EREFUSED, "volume-opt");
	mounts_refused(VBIND("\"type\":\"none\",\"o\":\"bind,shared\","
			     "\"device\":\"/h\""),
		       CANON_EREFUSED, "volume-opt");
	mounts_refused(VBIND("\"o\":\"bind\",\"device\":\"/h/../etc\""),
		       CANON_EREFUSED, "'..'");
	mounts_refused(VBIND("\"o\":\"bind\",\"device\":\"h\""), CANON_EBAD,
		       "must be absolute");
	mounts_refused(VBIND("\"o\":\"bind\""), CANON_EBAD, "must be absolute");
}
END_TEST

START_TEST(config_volumes_and_limit)
{
	struct canon_create *c =
		ct_parse("{\"Image\":\"x\",\"Volumes\":{\"/anon\":{}}}");
	const struct dg_mount *m = canon_create_view(c)->mounts;
	char *b, *list;
	size_t i, o = 0;

	ck_assert_uint_eq(canon_create_view(c)->nmounts, 1);
	ck_assert_int_eq(m[0].kind, DG_MOUNT_VOLUME);
	ck_assert_str_eq(m[0].source, "");
	ck_assert_str_eq(m[0].target, "/anon");
	ck_assert_str_eq(m[0].cli, "-v /anon");
	canon_create_free(c);
	list = calloc(CANON_MAX_MOUNTS + 1, 16);
	ck_assert_ptr_nonnull(list);
	for (i = 0; i <= CANON_MAX_MOUNTS; i++)
		o += (size_t)sprintf(list + o, "%s\"/h:/c%zu\"", i ? "," : "",
				     i);
	b = ct_fmt(CT_HC("\"Binds\":[%s]"), list);
	ct_expect(b, CANON_EREFUSED, "more than 64 mounts");
	free(b);
	free(list);
}
END_TEST

/* A volume an administrator shared read-only: every mount of it becomes
 * read-only and nocopy, in Binds and Mounts; other mounts stay. */
START_TEST(volume_forced_ro)
{
	char err[CANON_ERR_MAX];
	struct canon_create *c = ct_parse(
		CT_HC("\"Binds\":[\"pub:/a\",\"pub:/b:rw\",\"own:/c\","
		      "\"pub:/d:ro,nocopy\",\"/tmp:/e\"],"
		      "\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"pub\","
		      "\"Target\":\"/f\"},{\"Type\":\"volume\",\"Source\":"
		      "\"own\",\"Target\":\"/g\"}]"));
	const struct dg_mount *m = canon_create_view(c)->mounts;
	json_t *j, *mt;

	ck_assert_int_eq(canon_create_volume_ro(c, "pub", err, sizeof(err)),
			 CANON_OK);
	bind_forwarded(c, 0, "pub:/a:ro,nocopy");
	bind_forwarded(c, 1, "pub:/b:ro,nocopy");
	bind_forwarded(c, 2, "own:/c");
	bind_forwarded(c, 3, "pub:/d:ro,nocopy");
	bind_forwarded(c, 4, "/tmp:/e");
	j = ct_dump_json(c);
	mt = ct_get(j, "HostConfig", "Mounts", NULL);
	ck_assert(json_is_true(
		json_object_get(json_array_get(mt, 0), "ReadOnly")));
	ck_assert(json_is_true(ct_get(json_array_get(mt, 0), "VolumeOptions",
				      "NoCopy", NULL)));
	ck_assert_ptr_null(json_object_get(json_array_get(mt, 1), "ReadOnly"));
	json_decref(j);
	ck_assert_int_eq(m[0].read_only, 1);
	ck_assert_int_eq(m[2].read_only, 0);
	ck_assert_int_eq(canon_create_volume_ro(c, "", err, sizeof(err)),
			 CANON_EBAD);
	canon_create_free(c);
}
END_TEST

static Suite *mounts_suite(void)
{
	Suite *s = suite_create("canon_mounts");
	TCase *tc = tcase_create("binds");

	tcase_add_test(tc, bind_plain);
	tcase_add_test(tc, bind_cleaned);
	tcase_add_test(tc, bind_options);
	tcase_add_test(tc, bind_shapes_refused);
	tcase_add_test(tc, bind_named_volume);
	suite_add_tcase(s, tc);
	tc = tcase_create("mounts");
	tcase_add_test(tc, mount_bind);
	tcase_add_test(tc, mount_bind_refused);
	tcase_add_test(tc, mount_types);
	tcase_add_test(tc, mount_volume);
	tcase_add_test(tc, mount_volume_bind);
	tcase_add_test(tc, mount_volume_driver_opts_refused);
	tcase_add_test(tc, mount_named_volume_bind_refused);
	tcase_add_test(tc, config_volumes_and_limit);
	tcase_add_test(tc, volume_forced_ro);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ct_run(mounts_suite());
}
