/*
 * Unit tests for the default policy plugin (plugin/): parsing, templates,
 * path and port matching, precedence, every key both ways for create and
 * exec, reload, describe, and the built .so's single export.
 *
 * Each test writes a policy directory under a fresh temporary directory
 * and opens the plugin through its exported struct with a test host whose
 * open_trusted() is a plain open(): the trust checks are the gate's.
 */
#include "policy_test.h"

/* ---- parsing ------------------------------------------------------ */

START_TEST(test_error_line_after_comments)
{
	/* libconfuse 3.3 miscounts lines after comments; we must not. */
	policy_fails("# one\n"
		     "// two\n"
		     "/* three\n"
		     "   four */\n"
		     "privileged = false # five\n"
		     "\n"
		     "allow_root = maybe\n",
		     "/default.conf:7: ");
}
END_TEST

START_TEST(test_error_in_group_file)
{
	char err[ERRLEN];

	put("default.conf", "privileged = false\n");
	put("groups/students.conf", "# students\n\nports = { \"1-2-3\" }\n");
	ck_assert_int_eq(try_open(err), -1);
	has(err, "/groups/students.conf:3: port rule \"1-2-3\"");
}
END_TEST

/* Files that must be refused, and a piece of the error each gives. */
static const struct {
	const char *conf;
	const char *want;
} bad_files[] = {
	{"privileged = false\nprivilegd = true\n",
	 ":2: no such option 'privilegd'"},
	{"Privileged = true\n", ":1: no such option 'Privileged'"},
	{"\"privileged\" = true\n", ":1: write key names without quotes"},
	{"bind_roots = {\n \"/a\", # why\n \"/b\"\n}\n",
	 ":2: unexpected token 'why' (a comment may only follow"},
	{"bind_roots = { \"${HOME}\" }\n", ":1: \"${\" is not allowed"},
	{"bind_roots = { '${HOME}' }\n", ":1: \"${\" is not allowed"},
	{"bind_roots = { ${HOME} }\n", ":1: \"${\" is not allowed"},
	{"privileged = false\n# see ${HOME}\n", ":2: \"${\" is not allowed"},
	{"bind_roots = { \"${X:-/}\" }\n", "\"${\" is not allowed"},
	{"privileged = false\n/* open\nprivileged = true\n",
	 ":2: unterminated /* comment"},
	{"bind_roots = { \"/a }\n", ":1: unterminated quoted string"},
	{"bind_roots = { \"relative/x\" }\n", "is not an absolute path"},
	{"bind_roots = { \"/a/../b\" }\n", "has a \"..\" component"},
	{"bind_roots = { \"~bob/x\" }\n", "~NAME is not supported"},
	{"bind_roots = { \"/srv/$FOO\" }\n", "unknown template variable $FOO"},
	{"bind_roots = { \"/srv/$HOMEDIR\" }\n",
	 "unknown template variable $HOMEDIR"},
	{"bind_roots = { \"$USER/x\" }\n", "is not an absolute path"},
	{"bind_roots = { \"/srv/$\" }\n", "a '$' must start a template"},
	{"bind_roots = { \"\" }\n", "empty entry in bind_roots"},
	{"bind_roots = { \"/a\\tb\" }\n", "control character"},
	{"bind_roots = { \"\\x01\", \"/a\" }\n", ":1: control character"},
	{"ports = { \"127.0.0.1:$USER\" }\n", "$USER cannot be used"},
	{"ports = { \"0-10\" }\n", "port rule \"0-10\""},
	{"ports = { \"70000\" }\n", "port rule \"70000\""},
	{"ports = { \"20-10\" }\n", "port rule \"20-10\""},
	{"ports = { \"::1:8080\" }\n", "port rule \"::1:8080\""},
	{"ports = { \"[::1]:80/icmp\" }\n", "port rule"},
	{"ports = { \"localhost:80\" }\n", "port rule"},
	{"ports = { \"127.0.0.1:+80\" }\n", "port rule"},
	{"ports = { \"127.0.0.1:$UID00-$UID99\" }\n",
	 "(checked with $UID = 1000)"},
	{"pids_limit = -1\n", ":1: pids_limit must be between 0 and"},
	{"pids_limit = 0x10\n", "pids_limit must be a decimal number"},
	{"pids_limit = 99999999\n", "pids_limit must be between"},
	{"privileged = 1\n", "invalid boolean value for option 'privileged'"},
	{"privileged += true\n", "attempt to append"},
	{"privileged = { true }\n", ":1: unexpected token '{'"},
	{"privileged true\n", ":1: missing equal sign"},
	{"privileged\n", ":2: premature end of file"},
};
#define NBAD (int)(sizeof(bad_files) / sizeof(bad_files[0]))

START_TEST(test_bad_files)
{
	policy_fails(bad_files[_i].conf, bad_files[_i].want);
}
END_TEST

START_TEST(test_nul_byte)
{
	char err[ERRLEN], path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/default.conf", tdir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fwrite("privileged = false\n\0\n", 1, 21, f);
	fclose(f);
	ck_assert_int_eq(try_open(err), -1);
	has(err, "default.conf:2: NUL byte");
}
END_TEST

START_TEST(test_accepted_forms)
{
	struct dg_decision d;

	/* CRLF, single quotes, unquoted values, comments after settings,
	 * yes/no booleans, lists without braces, an empty group file. */
	policy("privileged = no\r\n"
	       "bind_roots = '/srv/a' # one entry, no braces\r\n"
	       "ports = { 8080, \"127.0.0.1:9000\" }\r\n"
	       "pids_limit = 010\r\n",
	       "", NULL);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/srv/a/x", &d),
			 DG_ALLOW);
	rule_is(&d, "default.conf", 2);
	ck_assert_int_eq(d.force.pids_limit, 10);
	ck_assert_int_eq(check_port(&alice, "127.0.0.1", 9000, 9000, "tcp", &d),
			 DG_ALLOW);
	rule_is(&d, "default.conf", 3);
}
END_TEST

START_TEST(test_untrusted_file)
{
	char err[ERRLEN];

	put("default.conf", "privileged = false\n");
	put("users/alice.conf", "privileged = true\n");
	untrusted = "users/alice.conf";
	ck_assert_int_eq(try_open(err), -1);
	has(err, "users/alice.conf: owned by uid 1000, not root");
}
END_TEST

START_TEST(test_file_names)
{
	struct dg_decision d;

	put("groups/Students.conf", "garbage {\n");
	put("groups/README", "garbage {\n");
	put("groups/students.conf.bak", "garbage {\n");
	put("users/.alice.conf", "garbage {\n");
	policy("privileged = false\n", "privileged = true\n", NULL);
	has(logbuf, "Students.conf: ignored");
	has(logbuf, "README: ignored");
	has(logbuf, "students.conf.bak: ignored");
	has(logbuf, ".alice.conf: ignored");
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_ALLOW);
}
END_TEST

START_TEST(test_builtin_default)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy(NULL, NULL, NULL);
	has(logbuf, "default.conf does not exist");
	c.privileged = 1;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_str_eq(d.rule, "built-in default");
	c.privileged = 0;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_str_eq(d.force.user, "1001:1001");
	ck_assert_int_eq(d.force.pids_limit, 512);
	ck_assert_int_eq(d.force.no_new_privileges, 1);
	ck_assert_int_eq(d.force.cap_drop_all, 1);
	ck_assert_int_eq(d.force.readonly_binds, 0);
	ck_assert_int_eq(d.force.caller_groups, 0);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/home/alice", &d),
			 DG_DENY);
	ck_assert_int_eq(check_port(&alice, "", 8080, 8080, "tcp", &d),
			 DG_DENY);
}
END_TEST

START_TEST(test_open_refusals)
{
	char err[ERRLEN];
	const char *bad_opt[] = {"policy_dri=/etc", NULL};
	const char *rel[] = {"policy_dir=etc/docker-gate", NULL};
	struct dg_host old = host;

	ck_assert_int_eq(P.open(DG_API_VERSION, &host, bad_opt, err, ERRLEN),
			 -1);
	has(err, "unknown plugin option");
	ck_assert_int_eq(P.open(DG_API_VERSION, &host, rel, err, ERRLEN), -1);
	has(err, "absolute");
	ck_assert_int_eq(P.open(2u << 16, &host, NULL, err, ERRLEN), -1);
	has(err, "incompatible host");
	old.open_trusted = NULL;
	ck_assert_int_eq(P.open(DG_API_VERSION, &old, NULL, err, ERRLEN), -1);
	ck_assert_int_eq(P.type, DG_PLUGIN_POLICY);
	ck_assert_int_eq(DG_API_VERSION_MAJOR(P.version), DG_API_MAJOR);
}
END_TEST

static Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("parse");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_error_line_after_comments);
	tcase_add_test(tc, test_error_in_group_file);
	tcase_add_loop_test(tc, test_bad_files, 0, NBAD);
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_accepted_forms);
	tcase_add_test(tc, test_untrusted_file);
	tcase_add_test(tc, test_file_names);
	tcase_add_test(tc, test_builtin_default);
	tcase_add_test(tc, test_open_refusals);
	suite_add_tcase(s, tc);
	return s;
}

/* ---- keys, both ways ---------------------------------------------- */

START_TEST(test_privileged)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy("# default\nprivileged = false\n", NULL, NULL);
	c.privileged = 1;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_str_eq(d.message,
			 "--privileged is refused: privileged containers are "
			 "not allowed for alice; run without --privileged");
	rule_is(&d, "default.conf", 2);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_DENY);
	has(d.message, "docker exec --privileged is refused: privileged "
		       "processes are not allowed for alice");
	rule_is(&d, "default.conf", 2);
	put("users/alice.conf", "privileged = true\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_ALLOW);
	ck_assert_int_eq(check_create(&bob, &c, &d), DG_DENY);
}
END_TEST

START_TEST(test_user_run_as_caller)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy("allow_root = false\nrun_as_caller = true\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_str_eq(d.force.user, "1001:1001");
	rule_is(&d, "default.conf", 2);

	c.user = runas(DG_RUNAS_ROOT, "0", 0, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_str_eq(d.message,
			 "-u 0 is refused: containers may not run as root for "
			 "alice; leave out -u (you run as 1001:1001) or use -u "
			 "1001:1001");
	rule_is(&d, "default.conf", 1);
	c.user = runas(DG_RUNAS_ROOT, "1001:0", 1001, 0);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	has(d.message, "-u 1001:0 is refused: containers may not run as root");
	/* a gate bug that labels gid 0 numeric is still root */
	c.user = runas(DG_RUNAS_NUMERIC, "1001:00", 1001, 0);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);

	c.user = runas(DG_RUNAS_NAME, "nobody", -1, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_str_eq(d.message,
			 "-u nobody is refused: user names are resolved inside "
			 "the image and may be root; use a numeric -u "
			 "1001:1001");

	c.user = runas(DG_RUNAS_NUMERIC, "5000", 5000, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_str_eq(d.message,
			 "-u 5000 is refused: containers run as you "
			 "(1001:1001) for alice; leave out -u or use -u "
			 "1001:1001");
	rule_is(&d, "default.conf", 2);

	c.user = runas(DG_RUNAS_NUMERIC, "1001:2000", 1001, 2000);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_str_eq(d.force.user, "");
	c.user = runas(DG_RUNAS_NUMERIC, "1001:3000", 1001, 3000);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	has(d.message, "-u 1001:3000 is refused: group 3000 is not one of "
		       "your groups");
	c.user = runas(DG_RUNAS_NUMERIC, "1001", 1001, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_str_eq(d.force.user, "1001:1001");
}
END_TEST

START_TEST(test_user_exec)
{
	struct dg_decision d;

	policy("allow_root = false\n", NULL, NULL);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 0, &d),
		DG_ALLOW);
	ck_assert_str_eq(d.force.user, "");
	ck_assert_int_eq(d.force.pids_limit, 0);
	ck_assert_int_eq(d.force.cap_drop_all, 0);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_ROOT, "0", 0, -1), 0, &d),
		DG_DENY);
	has(d.message, "docker exec -u 0 is refused: containers may not run "
		       "as root for alice");
	rule_is(&d, "default.conf", 1);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_NAME, "root", -1, -1), 0, &d),
		DG_DENY);
	has(d.message, "docker exec -u root is refused: user names");
	ck_assert_int_eq(check_exec(&alice,
				    runas(DG_RUNAS_NUMERIC, "1001", 1001, -1),
				    0, &d),
			 DG_DENY);
	has(d.message, "docker exec -u 1001 is refused: without a group");
	ck_assert_int_eq(
		check_exec(&alice,
			   runas(DG_RUNAS_NUMERIC, "1001:1001", 1001, 1001), 0,
			   &d),
		DG_ALLOW);
	ck_assert_int_eq(
		check_exec(&alice,
			   runas(DG_RUNAS_NUMERIC, "4000:4000", 4000, 4000), 0,
			   &d),
		DG_DENY);
	has(d.message, "docker exec -u 4000:4000 is refused: containers run "
		       "as you");
}
END_TEST

START_TEST(test_allow_root)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy("allow_root = true\n", NULL, NULL);
	c.user = runas(DG_RUNAS_ROOT, "0", 0, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_str_eq(d.force.user, "");
	rule_is(&d, "default.conf", 1);
	c.user = runas(DG_RUNAS_NAME, "postgres", -1, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.user = runas(DG_RUNAS_NUMERIC, "5000", 5000, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.user = runas(DG_RUNAS_DEFAULT, "", -1, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_str_eq(d.force.user, "1001:1001"); /* run_as_caller */
	/* fail closed even here: a kind the gate never sends */
	c.user = runas((enum dg_runas_kind)42, "x", -1, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	has(d.message, "-u x is refused: the user could not be checked");
	c.user = runas(DG_RUNAS_NUMERIC, NULL, 5, 5);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_ROOT, "0", 0, -1), 0, &d),
		DG_ALLOW);
}
END_TEST

START_TEST(test_not_run_as_caller)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy("run_as_caller = false\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_str_eq(d.message,
			 "the image's default user may be root: give -u "
			 "UID:GID (for you: -u 1001:1001)");
	ck_assert_str_eq(d.rule, "built-in default"); /* allow_root */
	c.user = runas(DG_RUNAS_NUMERIC, "5000:5000", 5000, 5000);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_str_eq(d.force.user, "");
	c.user = runas(DG_RUNAS_NUMERIC, "5000", 5000, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_str_eq(d.message,
			 "-u 5000 is refused: without a group the process may "
			 "run in group root (0); give a numeric group too, "
			 "e.g. -u 5000:1001");
	c.user = runas(DG_RUNAS_ROOT, "0:0", 0, 0);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	has(d.message, "-u 0:0 is refused: containers may not run as root for "
		       "alice; use a numeric non-root -u UID:GID, e.g. -u "
		       "1001:1001");

	put("default.conf", "run_as_caller = false\nallow_root = true\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	c.user = runas(DG_RUNAS_DEFAULT, "", -1, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_str_eq(d.force.user, "");
}
END_TEST

START_TEST(test_caller_groups)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy("caller_groups = true\nallow_root = true\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.caller_groups, 1);
	c.user = runas(DG_RUNAS_NUMERIC, "1001:2000", 1001, 2000);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.caller_groups, 1);
	c.user = runas(DG_RUNAS_NUMERIC, "5000:5000", 5000, 5000);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.caller_groups, 0); /* not the caller */
	c.user = runas(DG_RUNAS_ROOT, "0", 0, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.caller_groups, 0);

	put("default.conf", "caller_groups = false\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	c.user = runas(DG_RUNAS_DEFAULT, "", -1, -1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.caller_groups, 0);
}
END_TEST

START_TEST(test_forced_settings)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy("pids_limit = 0\nno_new_privileges = false\n"
	       "cap_drop_all = false\nbind_readonly = true\n",
	       NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.pids_limit, 0);
	ck_assert_int_eq(d.force.no_new_privileges, 0);
	ck_assert_int_eq(d.force.cap_drop_all, 0);
	ck_assert_int_eq(d.force.readonly_binds, 1);
	put("default.conf", "pids_limit = 64\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.pids_limit, 64);
	ck_assert_int_eq(d.force.no_new_privileges, 1);
	ck_assert_int_eq(d.force.cap_drop_all, 1);
	ck_assert_int_eq(d.force.readonly_binds, 0);
}
END_TEST

START_TEST(test_generic_routes)
{
	struct dg_request r = {
		sizeof(r), DG_REQ_GENERIC, "GET", "/containers/json",
		NULL,	   &alice,	   NULL,  NULL,
		NULL,	   NULL,	   NULL};
	struct dg_decision d;

	policy("", NULL, NULL);
	ck_assert_int_eq(decide(&r, &d), DG_ALLOW);
	ck_assert_str_eq(d.rule, "built-in: route allowed");
}
END_TEST

/* max_containers refuses at the limit, allows below it, and fails closed
 * when the gate could not count. */
START_TEST(test_max_containers)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy("max_containers = 3\n", NULL, NULL);
	c.user_containers = 2;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.user_containers = 3;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_ptr_nonnull(strstr(d.message, "has 3 containers"));
	ck_assert_ptr_nonnull(strstr(d.rule, "default.conf:1"));
	message_hygiene(&d);
	c.user_containers = -1;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_ptr_nonnull(strstr(d.message, "could not be counted"));
}
END_TEST

START_TEST(test_max_containers_unset)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy("", NULL, NULL);
	c.user_containers = -1; /* no limit: no count needed */
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
}
END_TEST

/* admin_view is reported on every allowed request, generic ones too. */
START_TEST(test_admin_view_key)
{
	struct dg_request r = {
		sizeof(r), DG_REQ_GENERIC, "GET", "/containers/json",
		NULL,	   &alice,	   NULL,  NULL,
		NULL,	   NULL,	   NULL};
	struct dg_decision d;

	policy("", NULL, "admin_view = true\n");
	ck_assert_int_eq(decide(&r, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.admin_view, 1);
	r.user = &bob;
	ck_assert_int_eq(decide(&r, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.admin_view, 0);
}
END_TEST

/* Builds run RUN steps as root with default capabilities (red team F3):
 * refused unless the policy says build = true. */
START_TEST(test_build_key)
{
	struct dg_request r = {sizeof(r), DG_REQ_BUILD, "POST", "/build",
			       NULL,	  &alice,	NULL,	NULL,
			       NULL,	  NULL,		NULL};
	struct dg_decision d;
	char err[ERRLEN];

	policy("", NULL, NULL);
	ck_assert_int_eq(decide(&r, &d), DG_DENY);
	ck_assert_ptr_nonnull(strstr(d.message, "docker build is refused"));
	put("default.conf", "build = true\n");
	ck_assert_int_eq(docker_gate_policy.reload(err, sizeof(err)), 1);
	ck_assert_int_eq(decide(&r, &d), DG_ALLOW);
	ck_assert_ptr_nonnull(strstr(d.rule, "default.conf:1"));
}
END_TEST

START_TEST(test_malformed_requests)
{
	struct dg_request r = {
		sizeof(r), DG_REQ_CREATE, "POST", "/containers/create",
		NULL,	   &alice,	  NULL,	  NULL,
		NULL,	   NULL,	  NULL};
	struct dg_user small = alice;
	struct dg_decision d;

	policy("", NULL, NULL);
	ck_assert_int_eq(decide(&r, &d), DG_ERROR); /* no create */
	r.kind = DG_REQ_EXEC;
	ck_assert_int_eq(decide(&r, &d), DG_ERROR); /* no exec */
	r.kind = (enum dg_request_kind)99;
	ck_assert_int_eq(decide(&r, &d), DG_ERROR);
	r.kind = DG_REQ_CREATE;
	small.size = 8;
	r.user = &small;
	ck_assert_int_eq(decide(&r, &d), DG_ERROR);
	r.user = NULL;
	ck_assert_int_eq(decide(&r, &d), DG_ERROR);
	r.size = 4;
	ck_assert_int_eq(decide(&r, &d), DG_ERROR);
	d.size = 4;
	ck_assert_int_eq(P.check(&r, &d), DG_ERROR);
	P.close();
	r.size = sizeof(r);
	r.kind = DG_REQ_GENERIC;
	ck_assert_int_eq(decide(&r, &d), DG_ERROR); /* nothing loaded */
	has(d.message, "no policy is loaded");
}
END_TEST

static Suite *keys_suite(void)
{
	Suite *s = suite_create("keys");
	TCase *tc = tcase_create("keys");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_privileged);
	tcase_add_test(tc, test_user_run_as_caller);
	tcase_add_test(tc, test_user_exec);
	tcase_add_test(tc, test_allow_root);
	tcase_add_test(tc, test_not_run_as_caller);
	tcase_add_test(tc, test_caller_groups);
	tcase_add_test(tc, test_forced_settings);
	tcase_add_test(tc, test_generic_routes);
	tcase_add_test(tc, test_build_key);
	tcase_add_test(tc, test_admin_view_key);
	tcase_add_test(tc, test_max_containers);
	tcase_add_test(tc, test_max_containers_unset);
	tcase_add_test(tc, test_malformed_requests);
	suite_add_tcase(s, tc);
	return s;
}

/* ---- bind mounts -------------------------------------------------- */

START_TEST(test_binds_none)
{
	struct dg_create c = create();
	struct dg_mount vols[] = {
		{DG_MOUNT_VOLUME, "data", "/data", 0, "-v data:/data"},
		{DG_MOUNT_VOLUME, "", "/anon", 0, "-v /anon"},
		{DG_MOUNT_TMPFS, "", "/tmp", 0, "--tmpfs /tmp"},
	};
	struct dg_decision d;

	policy("bind_roots = {}\n", NULL, NULL);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/home/alice", &d),
			 DG_DENY);
	ck_assert_str_eq(d.message,
			 "-v /home/alice:/x is refused: bind mounts of host "
			 "paths are not allowed for alice; use a named volume "
			 "instead (-v NAME:/x)");
	rule_is(&d, "default.conf", 1);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_VOLUME_BIND, "/etc", &d),
			 DG_DENY);
	has(d.message, "-v /etc:/x is refused: a volume with driver options "
		       "binds host path /etc, and host paths are not allowed "
		       "for alice");
	c.mounts = vols;
	c.nmounts = 3;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
}
END_TEST

START_TEST(test_binds_whole_components)
{
	struct dg_decision d;

	policy("bind_roots = { \"~\", \"/srv//course/\" }\n", NULL, NULL);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/home/alice", &d),
			 DG_ALLOW);
	rule_is(&d, "default.conf", 1);
	ck_assert_int_eq(
		check_bind(&alice, DG_MOUNT_BIND, "/home/alice/x/y", &d),
		DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/srv/course/a", &d),
			 DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/home/alicex", &d),
			 DG_DENY);
	ck_assert_str_eq(d.message,
			 "-v /home/alicex:/x is refused: bind mounts are "
			 "allowed only under /home/alice, /srv/course for "
			 "alice");
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/home", &d),
			 DG_DENY);
	ck_assert_int_eq(
		check_bind(&alice, DG_MOUNT_BIND, "/srv/coursework", &d),
		DG_DENY);
	/* the gate sends clean paths; anything else is refused */
	ck_assert_int_eq(
		check_bind(&alice, DG_MOUNT_BIND, "/home/alice/../bob", &d),
		DG_DENY);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/home/alice/", &d),
			 DG_DENY);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "home/alice", &d),
			 DG_DENY);
	ck_assert_int_eq(check_bind(&bob, DG_MOUNT_BIND, "/home/alice", &d),
			 DG_DENY);
	ck_assert_int_eq(check_bind(&bob, DG_MOUNT_BIND, "/home/bob/p", &d),
			 DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_VOLUME_BIND, "/etc", &d),
			 DG_DENY);
	has(d.message, "-v /etc:/x is refused: a volume with driver options "
		       "binds host path /etc; host paths are allowed only "
		       "under /home/alice, /srv/course for alice");
	ck_assert_int_eq(
		check_bind(&alice, DG_MOUNT_VOLUME_BIND, "/home/alice/v", &d),
		DG_ALLOW);
}
END_TEST

START_TEST(test_binds_root_slash)
{
	struct dg_decision d;

	policy("bind_roots = { \"/\" }\nbind_readonly = true\n", NULL, NULL);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/etc", &d),
			 DG_ALLOW);
	ck_assert_int_eq(d.force.readonly_binds, 1);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/", &d), DG_ALLOW);
}
END_TEST

START_TEST(test_bind_templates)
{
	struct dg_user nohome = alice;
	struct dg_decision d;

	policy("bind_roots = { \"$HOME/work\", \"/srv/$USER\", "
	       "\"/scratch/$UID\", \"/data/$\\{USER}\", \"~/b\" }\n",
	       NULL, NULL);
	ck_assert_int_eq(
		check_bind(&alice, DG_MOUNT_BIND, "/home/alice/work/a", &d),
		DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/home/alice/x", &d),
			 DG_DENY);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/srv/alice", &d),
			 DG_ALLOW);
	ck_assert_int_eq(
		check_bind(&alice, DG_MOUNT_BIND, "/scratch/1001/x", &d),
		DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/data/alice", &d),
			 DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/home/alice/b", &d),
			 DG_ALLOW);
	ck_assert_int_eq(check_bind(&bob, DG_MOUNT_BIND, "/srv/alice", &d),
			 DG_DENY);
	has(d.message, "only under /home/bob/work, /srv/bob, /scratch/1002, "
		       "/data/bob, /home/bob/b for bob");
	/* no home: home-based entries allow nothing (fail closed) */
	nohome.home = NULL;
	ck_assert_int_eq(
		check_bind(&nohome, DG_MOUNT_BIND, "/home/alice/b", &d),
		DG_DENY);
	has(d.message, "only under /srv/alice, /scratch/1001, /data/alice for");
	nohome.home = "relative";
	ck_assert_int_eq(check_bind(&nohome, DG_MOUNT_BIND, "relative/b", &d),
			 DG_DENY);
}
END_TEST

START_TEST(test_template_expand)
{
	struct dgp_tpl_vars v = {"/home/alice", "alice", 1001};
	char out[64], err[256];

	ck_assert_int_eq(dgp_tpl_expand("$UID0-$UID9", DGP_TPL_UID, &v, out,
					sizeof(out), err, sizeof(err)),
			 0);
	ck_assert_str_eq(out, "10010-10019");
	ck_assert_int_eq(dgp_tpl_expand("${UID}5", DGP_TPL_UID, &v, out,
					sizeof(out), err, sizeof(err)),
			 0);
	ck_assert_str_eq(out, "10015");
	ck_assert_int_eq(dgp_tpl_expand("~", DGP_TPL_HOME, &v, out, sizeof(out),
					err, sizeof(err)),
			 0);
	ck_assert_str_eq(out, "/home/alice");
	ck_assert_int_eq(dgp_tpl_expand("/a~b", 0, &v, out, sizeof(out), err,
					sizeof(err)),
			 0);
	ck_assert_str_eq(out, "/a~b");
	ck_assert_int_eq(dgp_tpl_expand("${UID", DGP_TPL_UID, &v, out,
					sizeof(out), err, sizeof(err)),
			 -1);
	ck_assert_int_eq(dgp_tpl_expand("$PATH", 7, &v, out, sizeof(out), err,
					sizeof(err)),
			 -1);
	has(err, "unknown template variable $PATH");
	v.user = "..";
	ck_assert_int_eq(dgp_tpl_expand("/srv/$USER", DGP_TPL_USER, &v, out,
					sizeof(out), err, sizeof(err)),
			 -1);
	ck_assert_int_eq(dgp_tpl_expand("/0123456789/0123456789/0123456789/"
					"0123456789/0123456789/0123456789",
					0, &v, out, sizeof(out), err,
					sizeof(err)),
			 -1);
}
END_TEST

START_TEST(test_path_helpers)
{
	char out[64];

	ck_assert_int_eq(dgp_path_clean("//a/./b//", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "/a/b");
	ck_assert_int_eq(dgp_path_clean("/", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "/");
	ck_assert_int_eq(dgp_path_clean("/a/../b", out, sizeof(out)), -1);
	ck_assert_int_eq(dgp_path_clean("a/b", out, sizeof(out)), -1);
	ck_assert_int_eq(dgp_path_is_clean("/a/b"), 1);
	ck_assert_int_eq(dgp_path_is_clean("/a/b/"), 0);
	ck_assert_int_eq(dgp_path_is_clean("/a/./b"), 0);
	ck_assert_int_eq(dgp_path_under("/a", "/a"), 1);
	ck_assert_int_eq(dgp_path_under("/a", "/a/b"), 1);
	ck_assert_int_eq(dgp_path_under("/a", "/ab"), 0);
	ck_assert_int_eq(dgp_path_under("/", "/ab"), 1);
}
END_TEST

START_TEST(test_messages_defused)
{
	struct dg_decision d;
	char buf[64];

	/* the user's own text and the admin's both reach messages */
	policy("bind_roots = { \"/srv/Permission Denied\", "
	       "\"/srv/x is a directory\" }\n",
	       NULL, NULL);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND,
				    "/tmp/no such file or directory", &d),
			 DG_DENY);
	has(d.message, "-v /tmp/no  such file or directory:/x is refused");
	has(d.message, "/srv/Permission  Denied, /srv/x is  a directory");
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND,
				    "/srv/Permission Denied/a", &d),
			 DG_ALLOW);
	snprintf(buf, sizeof(buf), "executable file not found");
	dgp_message_defuse(buf, sizeof(buf));
	ck_assert_str_eq(buf, "executable  file not found");
	snprintf(buf, sizeof(buf), "permission denied");
	dgp_message_defuse(buf, 18);
	ck_assert_str_eq(buf, "permission_denied");
}
END_TEST

static Suite *binds_suite(void)
{
	Suite *s = suite_create("binds");
	TCase *tc = tcase_create("binds");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_binds_none);
	tcase_add_test(tc, test_binds_whole_components);
	tcase_add_test(tc, test_binds_root_slash);
	tcase_add_test(tc, test_bind_templates);
	tcase_add_test(tc, test_template_expand);
	tcase_add_test(tc, test_path_helpers);
	tcase_add_test(tc, test_messages_defused);
	suite_add_tcase(s, tc);
	return s;
}

/* ---- ports -------------------------------------------------------- */

#define STUDENT_PORTS                                                          \
	"ports = { \"127.0.0.1:$UID0-$UID9\", \"[::1]:$UID0-$UID9\",\n"        \
	"          \"9000-9009/udp\", \"8080\",\n"                             \
	"          \"[0:0:0:0:0:0:0:2]:7000\" }\n"

START_TEST(test_ports_rules)
{
	struct dg_decision d;

	policy("# ports\n" STUDENT_PORTS, NULL, NULL);
	ck_assert_int_eq(
		check_port(&alice, "127.0.0.1", 10010, 10010, "tcp", &d),
		DG_ALLOW);
	rule_is(&d, "default.conf", 2);
	ck_assert_int_eq(
		check_port(&alice, "127.0.0.1", 10015, 10019, "tcp", &d),
		DG_ALLOW);
	ck_assert_int_eq(
		check_port(&alice, "127.0.0.1", 10015, 10020, "tcp", &d),
		DG_DENY);
	has(d.message, "host ports 10015-10020 on 127.0.0.1 is outside");
	ck_assert_int_eq(
		check_port(&alice, "127.0.0.1", 10020, 10020, "tcp", &d),
		DG_DENY);
	ck_assert_str_eq(d.message,
			 "-p 127.0.0.1:10020:80 is refused: host port 10020 on "
			 "127.0.0.1 is outside what alice may publish: "
			 "127.0.0.1:10010-10019, [::1]:10010-10019, "
			 "9000-9009/udp, 8080, [0:0:0:0:0:0:0:2]:7000");
	rule_is(&d, "default.conf", 2);
	/* a rule with an address matches only that address */
	ck_assert_int_eq(check_port(&alice, "", 10010, 10010, "tcp", &d),
			 DG_DENY);
	has(d.message, "-p 10010:80 is refused: host port 10010 on all "
		       "addresses is outside what alice may publish");
	ck_assert_int_eq(check_port(&alice, "0.0.0.0", 10010, 10010, "tcp", &d),
			 DG_DENY);
	ck_assert_int_eq(check_port(&alice, "::1", 10011, 10011, "tcp", &d),
			 DG_ALLOW);
	ck_assert_int_eq(check_port(&alice, "::2", 7000, 7000, "tcp", &d),
			 DG_ALLOW);
	ck_assert_int_eq(
		check_port(&alice, "127.0.0.2", 10011, 10011, "tcp", &d),
		DG_DENY);
	/* a rule without an address matches every address */
	ck_assert_int_eq(check_port(&alice, "", 8080, 8080, "tcp", &d),
			 DG_ALLOW);
	ck_assert_int_eq(check_port(&alice, "10.1.2.3", 8080, 8080, "udp", &d),
			 DG_ALLOW);
	/* protocols */
	ck_assert_int_eq(check_port(&alice, "", 9005, 9005, "udp", &d),
			 DG_ALLOW);
	ck_assert_int_eq(check_port(&alice, "", 9005, 9005, "tcp", &d),
			 DG_DENY);
	/* per-user ranges from $UID */
	ck_assert_int_eq(check_port(&bob, "127.0.0.1", 10010, 10010, "tcp", &d),
			 DG_DENY);
	ck_assert_int_eq(check_port(&bob, "127.0.0.1", 10025, 10025, "tcp", &d),
			 DG_ALLOW);
	/* malformed requests never match */
	ck_assert_int_eq(check_port(&alice, "", 8080, 8079, "tcp", &d),
			 DG_DENY);
}
END_TEST

START_TEST(test_ports_random)
{
	struct dg_create c = create();
	struct dg_decision d;

	policy("ports = { \"127.0.0.1:$UID0-$UID9\" }\n", NULL, NULL);
	ck_assert_int_eq(check_port(&alice, "", 0, 0, "tcp", &d), DG_DENY);
	ck_assert_str_eq(d.message,
			 "-p 80 is refused: docker would pick the host port; "
			 "publish a port from your ranges with -p HOSTPORT:80 "
			 "(allowed: 127.0.0.1:10010-10019)");
	ck_assert_str_eq(d.rule, "built-in default"); /* publish_random */
	c.publish_all = 1;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_str_eq(d.message,
			 "-P is refused: publishing every exposed port on "
			 "random host ports is not allowed for alice; use -p "
			 "HOSTPORT:PORT within 127.0.0.1:10010-10019");

	put("default.conf", "publish_random = true\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	ck_assert_int_eq(check_port(&alice, "", 0, 0, "tcp", &d), DG_ALLOW);
	rule_is(&d, "default.conf", 1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(check_port(&alice, "", 8080, 8080, "tcp", &d),
			 DG_DENY);
	ck_assert_str_eq(d.message, "-p 8080:80 is refused: publishing ports "
				    "is not allowed for alice");
}
END_TEST

START_TEST(test_ports_none)
{
	struct dg_create c = create();
	struct dg_user big = alice;
	struct dg_decision d;

	policy("ports = {}\n", NULL, NULL);
	ck_assert_int_eq(check_port(&alice, "127.0.0.1", 8080, 8080, "tcp", &d),
			 DG_DENY);
	ck_assert_str_eq(d.message, "-p 127.0.0.1:8080:80 is refused: "
				    "publishing ports is not allowed for "
				    "alice");
	rule_is(&d, "default.conf", 1);
	c.publish_all = 1;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	ck_assert_str_eq(d.message,
			 "-P is refused: publishing ports is not allowed for "
			 "alice");
	/* a uid whose range would pass 65535 gets nothing */
	put("default.conf", "ports = { \"127.0.0.1:$UID0-$UID9\" }\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	big.uid = 7000;
	ck_assert_int_eq(check_port(&big, "127.0.0.1", 65535, 65535, "tcp", &d),
			 DG_DENY);
	has(d.message, "publishing ports is not allowed");
}
END_TEST

START_TEST(test_port_rule_parse)
{
	struct dgp_port_rule r;
	char err[256];

	ck_assert_int_eq(dgp_port_rule_parse("[::ffff:127.0.0.1]:1-2/sctp", &r,
					     err, sizeof(err)),
			 0);
	ck_assert_int_eq(r.lo, 1);
	ck_assert_int_eq(r.hi, 2);
	ck_assert_str_eq(r.proto, "sctp");
	ck_assert_int_eq(dgp_port_rule_parse("65535", &r, err, sizeof(err)), 0);
	ck_assert_int_eq(dgp_port_rule_parse("65536", &r, err, sizeof(err)),
			 -1);
	ck_assert_int_eq(dgp_port_rule_parse("1.2.3:80", &r, err, sizeof(err)),
			 -1);
	ck_assert_int_eq(dgp_port_rule_parse("[]:80", &r, err, sizeof(err)),
			 -1);
	ck_assert_int_eq(dgp_port_rule_parse(":80", &r, err, sizeof(err)), -1);
	ck_assert_int_eq(dgp_port_rule_parse("80-", &r, err, sizeof(err)), -1);
	ck_assert_int_eq(dgp_port_rule_parse("", &r, err, sizeof(err)), -1);
}
END_TEST

static Suite *ports_suite(void)
{
	Suite *s = suite_create("ports");
	TCase *tc = tcase_create("ports");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_ports_rules);
	tcase_add_test(tc, test_ports_random);
	tcase_add_test(tc, test_ports_none);
	tcase_add_test(tc, test_port_rule_parse);
	suite_add_tcase(s, tc);
	return s;
}

/* ---- precedence --------------------------------------------------- */

START_TEST(test_precedence)
{
	struct dg_create c = create();
	struct dg_decision d;

	put("groups/course.conf", "bind_roots = { \"/c\" }\npids_limit = 200\n"
				  "publish_random = true\n");
	put("groups/zeta.conf", "privileged = true\n");
	policy("privileged = false\nbind_roots = { \"/a\" }\n"
	       "pids_limit = 100\n",
	       "# students\nbind_roots = { \"/b\" }\n",
	       "\n\n\npids_limit = 300\n");
	/* course < students alphabetically: students' bind_roots wins */
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/b/x", &d),
			 DG_ALLOW);
	rule_is(&d, "groups/students.conf", 2);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/c", &d), DG_DENY);
	has(d.message, "only under /b for alice");
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/a", &d), DG_DENY);
	/* the user file beats the groups; keys it does not set stay */
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.pids_limit, 300);
	ck_assert_int_eq(check_port(&alice, "", 0, 0, "tcp", &d), DG_ALLOW);
	rule_is(&d, "groups/course.conf", 3);
	/* a group alice is not in changes nothing for her */
	c.privileged = 1;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_DENY);
	rule_is(&d, "default.conf", 1);
	/* bob: default.conf only */
	ck_assert_int_eq(check_bind(&bob, DG_MOUNT_BIND, "/a", &d), DG_ALLOW);
	rule_is(&d, "default.conf", 2);
	c.privileged = 0;
	ck_assert_int_eq(check_create(&bob, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.pids_limit, 100);
}
END_TEST

START_TEST(test_precedence_alphabetical)
{
	struct dg_decision d;

	/* both groups set the key: the later name (students) wins even
	 * though alice lists "course" last */
	put("groups/course.conf", "privileged = true\n");
	policy("", "privileged = false\n", NULL);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_DENY);
	rule_is(&d, "groups/students.conf", 1);
	/* a file for the user's primary group counts as a group file */
	put("groups/alice.conf", "privileged = true\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_DENY); /* alice < course < students */
	put("users/alice.conf", "privileged = true\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_ALLOW);
	rule_is(&d, "users/alice.conf", 1);
}
END_TEST

START_TEST(test_append)
{
	struct dg_decision d;

	policy("bind_roots = { \"/a\" }\n", "bind_roots += { \"/b\" }\n",
	       "# more\nbind_roots += { \"/d\" }\n");
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/a", &d), DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/b", &d), DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/d", &d), DG_ALLOW);
	rule_is(&d, "users/alice.conf", 2);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/e", &d), DG_DENY);
	has(d.message, "only under /a, /b, /d for alice");
	/* "=" replaces what the layers below allowed, even with "{}" */
	put("users/alice.conf", "bind_roots = {}\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/a", &d), DG_DENY);
	has(d.message, "bind mounts of host paths are not allowed for alice");
	rule_is(&d, "users/alice.conf", 1);
	/* "=" then "+=" in one file */
	put("users/alice.conf",
	    "bind_roots = { \"/x\" }\nbind_roots += { \"/y\" }\n");
	ck_assert_int_eq(P.reload(d.message, sizeof(d.message)), 1);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/y", &d), DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/a", &d), DG_DENY);
	has(d.message, "only under /x, /y for alice");
	rule_is(&d, "users/alice.conf", 2);
}
END_TEST

START_TEST(test_allow_rule_most_specific)
{
	struct dg_create c = create();
	struct dg_mount m = {DG_MOUNT_BIND, "/home/alice", "/w", 0,
			     "-v /home/alice:/w"};
	struct dg_port p = {"", 8080, 8080, 80, "tcp", "-p 8080:80"};
	struct dg_decision d;

	policy("privileged = false\nrun_as_caller = true\n"
	       "bind_roots = { \"~\" }\nports = { \"8080\" }\n",
	       NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	rule_is(&d, "default.conf", 2);
	c.mounts = &m;
	c.nmounts = 1;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	rule_is(&d, "default.conf", 3);
	c.ports = &p;
	c.nports = 1;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	rule_is(&d, "default.conf", 4);
	ck_assert_int_eq(
		check_exec(&alice,
			   runas(DG_RUNAS_NUMERIC, "1001:1001", 1001, 1001), 0,
			   &d),
		DG_ALLOW);
	rule_is(&d, "default.conf", 2);
}
END_TEST

START_TEST(test_group_order_by_name)
{
	static const gid_t gids[] = {10, 11};
	static const char *const names[] = {"dev-ops", "dev"};
	struct dg_user u = alice;
	struct dg_decision d;

	/* "dev" < "dev-ops" as names, though "dev-ops.conf" < "dev.conf" */
	put("groups/dev.conf", "privileged = false\n");
	put("groups/dev-ops.conf", "privileged = true\n");
	policy("", NULL, NULL);
	u.groups = gids;
	u.group_names = names;
	u.ngroups = 2;
	ck_assert_int_eq(
		check_exec(&u, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_ALLOW);
	rule_is(&d, "groups/dev-ops.conf", 1);
	u.ngroups = 1;
	u.groups = gids + 1;
	u.group_names = names + 1;
	ck_assert_int_eq(
		check_exec(&u, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_DENY);
	rule_is(&d, "groups/dev.conf", 1);
}
END_TEST

START_TEST(test_too_many_groups)
{
	static char names[300][8];
	static const char *ptrs[300];
	static gid_t gids[300];
	struct dg_user u = alice;
	struct dg_decision d;
	char rel[64], buf[512];
	int i;

	for (i = 0; i < 300; i++) {
		snprintf(names[i], sizeof(names[i]), "g%03d", i);
		ptrs[i] = names[i];
		gids[i] = (gid_t)(5000 + i);
		snprintf(rel, sizeof(rel), "groups/%s.conf", names[i]);
		put(rel, "privileged = true\n");
	}
	policy("", NULL, NULL);
	u.groups = gids;
	u.group_names = ptrs;
	u.ngroups = 256;
	ck_assert_int_eq(
		check_exec(&u, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_ALLOW);
	rule_is(&d, "groups/g255.conf", 1);
	u.ngroups = 257; /* fail closed: cannot apply them all */
	ck_assert_int_eq(
		check_exec(&u, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_ERROR);
	has(d.message, "more than 256 group policy files apply to alice");
	ck_assert_int_eq(P.describe(&u, buf, sizeof(buf)), 1);
	has(buf, "every request is refused");
}
END_TEST

static Suite *precedence_suite(void)
{
	Suite *s = suite_create("precedence");
	TCase *tc = tcase_create("precedence");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_precedence);
	tcase_add_test(tc, test_precedence_alphabetical);
	tcase_add_test(tc, test_append);
	tcase_add_test(tc, test_allow_rule_most_specific);
	tcase_add_test(tc, test_group_order_by_name);
	tcase_add_test(tc, test_too_many_groups);
	suite_add_tcase(s, tc);
	return s;
}

/* ---- reload, environment, describe -------------------------------- */

START_TEST(test_reload_keeps_old)
{
	struct dg_decision d;
	char err[ERRLEN];

	policy("privileged = true\n", NULL, NULL);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_ALLOW);
	put("users/alice.conf", "# broken\nprivileged = sometimes\n");
	ck_assert_int_eq(P.reload(err, sizeof(err)), -1);
	has(err, "/users/alice.conf:2: ");
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_ALLOW);
	put("users/alice.conf", "privileged = false\n");
	ck_assert_int_eq(P.reload(err, sizeof(err)), 1);
	ck_assert_int_eq(
		check_exec(&alice, runas(DG_RUNAS_DEFAULT, "", -1, -1), 1, &d),
		DG_DENY);
	P.close();
	ck_assert_int_eq(P.reload(err, sizeof(err)), -1);
}
END_TEST

START_TEST(test_environment_never_leaks)
{
	struct dg_decision d;
	char err[ERRLEN];

	setenv("DGP_TEST_ROOT", "/", 1);
	setenv("HOME", "/", 1);
	setenv("USER", "root", 1);
	policy_fails("bind_roots = { \"${DGP_TEST_ROOT}\" }\n",
		     "\"${\" is not allowed");
	policy_fails("bind_roots = { ${DGP_TEST_ROOT} }\n",
		     "\"${\" is not allowed");
	policy_fails("bind_roots = { \"/x\" }\n"
		     "ports = { \"${DGP_TEST_PORTS:-1-65535}\" }\n",
		     ":2: \"${\" is not allowed");
	policy_fails("bind_roots = { \"$DGP_TEST_ROOT\" }\n",
		     "unknown template variable $DGP_TEST_ROOT");
	/* our own $HOME and braces are the caller's, never the gate's */
	put("default.conf", "bind_roots = { \"$\\{HOME}/w\", \"$HOME/v\", "
			    "\"/srv/$\\{USER}\", \"~/u\" }\n");
	ck_assert_int_eq(try_open(err), 1);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/etc", &d),
			 DG_DENY);
	ck_assert_str_eq(d.message,
			 "-v /etc:/x is refused: bind mounts are allowed only "
			 "under /home/alice/w, /home/alice/v, /srv/alice, "
			 "/home/alice/u for alice");
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/srv/root", &d),
			 DG_DENY);
}
END_TEST

START_TEST(test_describe)
{
	char buf[4096], want[1024];

	policy("privileged = false\n"
	       "pids_limit = 256\n",
	       "bind_roots = { \"~\" }\nports = { \"127.0.0.1:$UID0-$UID9\" "
	       "}\n",
	       "# alice\nbind_roots += { \"/srv/course\", \"/x/$HOME\" }\n");
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	has(buf, "docker-gate policy for alice (uid 1001, gid 1001)\n");
	snprintf(want, sizeof(want),
		 "policy files: %s/default.conf, %s/groups/students.conf, "
		 "%s/users/alice.conf\n",
		 tdir, tdir, tdir);
	has(buf, want);
	snprintf(want, sizeof(want),
		 "privileged containers (--privileged): not allowed (from "
		 "%s/default.conf:1)\n",
		 tdir);
	has(buf, want);
	snprintf(want, sizeof(want),
		 "bind mounts allowed under: /home/alice, /srv/course, "
		 "/x/home/alice (from %s/users/alice.conf:2)\n",
		 tdir);
	has(buf, want);
	snprintf(want, sizeof(want),
		 "published host ports allowed: 127.0.0.1:10010-10019 (from "
		 "%s/groups/students.conf:2)\n",
		 tdir);
	has(buf, want);
	has(buf, "running as root (-u 0, -u NAME, or an image's root default "
		 "user): not allowed (built-in default)\n");
	has(buf, "run as you: yes, containers run as 1001:1001 when you give "
		 "no -u, and -u must name your own uid and one of your "
		 "groups (built-in default)\n");
	has(buf, "process limit (--pids-limit): at most 256 (from ");
	has(buf, "no-new-privileges: always set (built-in default)\n");
	has(buf, "capabilities: all dropped (built-in default)\n");
	has(buf, "random host ports (-P, -p CONTAINERPORT): not allowed");
	ck_assert_int_eq(P.describe(&bob, buf, sizeof(buf)), 1);
	has(buf, "bind mounts allowed under: none (use named volumes) "
		 "(built-in default)\n");
	has(buf, "published host ports allowed: none (publishing ports is not "
		 "allowed) (built-in default)\n");
	ck_assert_int_eq(P.describe(&alice, buf, 40), -1);
	ck_assert_int_eq(strlen(buf), 39);
	ck_assert_int_eq(P.describe(NULL, buf, sizeof(buf)), -1);
}
END_TEST

START_TEST(test_describe_unusable)
{
	struct dg_user u = alice;
	char buf[4096];

	policy("bind_roots = { \"~/w\" }\nports = { \"$UID0\" }\n", NULL, NULL);
	u.home = NULL;
	u.uid = 7000;
	ck_assert_int_eq(P.describe(&u, buf, sizeof(buf)), 1);
	has(buf, "bind mounts allowed under: ~/w (does not apply to you: the "
		 "user's home directory is unknown or not absolute)");
	has(buf, "published host ports allowed: $UID0 (does not apply to you: "
		 "port rule \"70000\"");
}
END_TEST

static Suite *reload_suite(void)
{
	Suite *s = suite_create("reload");
	TCase *tc = tcase_create("reload");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_reload_keeps_old);
	tcase_add_test(tc, test_environment_never_leaks);
	tcase_add_test(tc, test_describe);
	tcase_add_test(tc, test_describe_unusable);
	suite_add_tcase(s, tc);
	return s;
}

/* ---- shipped examples, the .so, threads --------------------------- */

/* Users of the example group files (policies/groups/). */
static const gid_t gpu_gids[] = {1003, 3000};
static const char *const gpu_gnames[] = {"carol", "gpu"};
static const struct dg_user carol = {
	sizeof(struct dg_user), 1003,	  1003,	      1, "carol",
	"/home/carol",		gpu_gids, gpu_gnames, 2};
static const gid_t dev_gids[] = {1004, 3001};
static const char *const dev_gnames[] = {"dave", "developers"};
static const struct dg_user dave = {
	sizeof(struct dg_user), 1004,	  1004,	      1, "dave",
	"/home/dave",		dev_gids, dev_gnames, 2};

/* students.conf: memory and CPU limits, forced defaults. */
static void example_classroom(struct dg_decision *d)
{
	struct dg_create c = create();

	ck_assert_int_eq(check_create(&alice, &c, d), DG_ALLOW);
	ck_assert_int_eq(d->force.memory, 1LL << 30);
	ck_assert_int_eq(d->force.nano_cpus, 500000000LL);
	c.res.memory = 4LL << 30;
	ck_assert_int_eq(check_create(&alice, &c, d), DG_DENY);
	has(d->message, "at most -m 2g");
	ck_assert_int_eq(check_create(&bob, &c, d), DG_ALLOW);
}

static void example_gpu_lab(struct dg_decision *d)
{
	const char *caps[] = {"CAP_SYS_PTRACE"};
	struct dg_device fuse = {"/dev/fuse", "/dev/fuse", "rwm", "--device"};
	struct dg_create c = create();

	c.gpus = 1;
	c.devices = &fuse;
	c.ndevices = 1;
	c.cap_add = caps;
	c.ncap_add = 1;
	c.host_ns = DG_NS_IPC;
	ck_assert_int_eq(check_create(&carol, &c, d), DG_ALLOW);
	ck_assert_int_eq(d->force.memory, 8LL << 30);
	ck_assert_int_eq(check_create(&bob, &c, d), DG_DENY);
	ck_assert_int_eq(check_create(&alice, &c, d), DG_DENY);
	c.host_ns = DG_NS_NETWORK;
	ck_assert_int_eq(check_create(&carol, &c, d), DG_DENY);
	has(d->message, "--network host");
}

static void example_developers(struct dg_decision *d)
{
	const char *caps[] = {"CAP_NET_ADMIN"};
	struct dg_create c = create();

	c.user = runas(DG_RUNAS_ROOT, "0", 0, 0);
	c.cap_add = caps;
	c.ncap_add = 1;
	c.host_ns = DG_NS_NETWORK | DG_NS_PID;
	ck_assert_int_eq(check_create(&dave, &c, d), DG_ALLOW);
	ck_assert_int_eq(d->force.cap_drop_all, 0);
	ck_assert_int_eq(check_create(&carol, &c, d), DG_DENY);
	c.privileged = 1;
	ck_assert_int_eq(check_create(&dave, &c, d), DG_DENY);
	has(d->message, "--privileged");
}

START_TEST(test_example_policies)
{
	char dir[4096], opt[4200], err[ERRLEN];
	const char *opts[] = {opt, NULL};
	struct dg_decision d;

	/* the tests run from the top of the tree */
	if (!realpath("policies", dir)) {
		fprintf(stderr, "check_policy: no ./policies, skipped\n");
		return;
	}
	snprintf(opt, sizeof(opt), "policy_dir=%s", dir);
	ck_assert_msg(P.open(DG_API_VERSION, &host, opts, err, ERRLEN) == 1,
		      "%s", err);
	ck_assert_int_eq(
		check_bind(&alice, DG_MOUNT_BIND, "/home/alice/src", &d),
		DG_ALLOW);
	ck_assert_int_eq(d.force.caller_groups, 1);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/srv/course/a", &d),
			 DG_ALLOW);
	ck_assert_int_eq(check_bind(&alice, DG_MOUNT_BIND, "/etc", &d),
			 DG_DENY);
	ck_assert_int_eq(
		check_port(&alice, "127.0.0.1", 10019, 10019, "tcp", &d),
		DG_ALLOW);
	ck_assert_int_eq(check_port(&alice, "", 8080, 8080, "tcp", &d),
			 DG_ALLOW);
	ck_assert_int_eq(check_port(&alice, "", 0, 0, "tcp", &d), DG_DENY);
	ck_assert_int_eq(check_bind(&bob, DG_MOUNT_BIND, "/home/bob", &d),
			 DG_DENY);
	has(d.message, "bind mounts of host paths are not allowed for bob");
	ck_assert_int_eq(check_port(&bob, "127.0.0.1", 10020, 10020, "tcp", &d),
			 DG_DENY);
	example_classroom(&d);
	example_gpu_lab(&d);
	example_developers(&d);
}
END_TEST

START_TEST(test_shared_object)
{
	const char *so = getenv("DGP_PLUGIN_SO");
	const struct dg_policy_plugin *pl;
	void *h;

	if (!so)
		so = "build/docker-gate-policy.so";
	if (access(so, R_OK) != 0) {
		fprintf(stderr, "check_policy: no %s, skipped\n", so);
		return;
	}
	h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
	ck_assert_msg(h != NULL, "dlopen: %s", dlerror());
	pl = dlsym(h, DG_PLUGIN_SYMBOL);
	ck_assert_ptr_nonnull(pl);
	ck_assert_int_eq(pl->type, DG_PLUGIN_POLICY);
	ck_assert_int_eq(pl->version, DG_API_VERSION);
	ck_assert_ptr_nonnull(pl->open);
	ck_assert_ptr_nonnull(pl->close);
	ck_assert_ptr_nonnull(pl->check);
	ck_assert_ptr_nonnull(pl->describe);
	ck_assert_ptr_nonnull(pl->reload);
	/* nothing else is visible */
	ck_assert_ptr_null(dlsym(h, "dgp_eval"));
	ck_assert_ptr_null(dlsym(h, "dgp_policy_load"));
	ck_assert_ptr_null(dlsym(h, "dgp_tpl_expand"));
	dlclose(h);
}
END_TEST

#define THREADS	      4
#define THREAD_CHECKS 5000

static void *checker(void *arg)
{
	struct dg_create c = create();
	struct dg_decision d;
	long bad = 0;
	int i;

	(void)arg;
	c.privileged = 1;
	for (i = 0; i < THREAD_CHECKS; i++) {
		struct dg_request r = {
			sizeof(r), DG_REQ_CREATE, "POST", "/containers/create",
			NULL,	   &alice,	  &c,	  NULL,
			NULL,	   NULL,	  NULL};
		int rc;

		d.size = sizeof(d);
		rc = P.check(&r, &d);
		if (rc == DG_ALLOW
			    ? d.force.pids_limit != 7
			    : (rc != DG_DENY || !strstr(d.rule, ".conf:")))
			bad++;
	}
	return (void *)bad;
}

START_TEST(test_concurrent_reload)
{
	pthread_t t[THREADS];
	char err[ERRLEN];
	int i;

	policy("privileged = true\npids_limit = 7\n", NULL, NULL);
	for (i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, checker, NULL);
	for (i = 0; i < 50; i++) {
		put("default.conf",
		    i % 2 ? "privileged = true\npids_limit = 7\n"
			  : "privileged = false\n");
		ck_assert_int_eq(P.reload(err, sizeof(err)), 1);
	}
	for (i = 0; i < THREADS; i++) {
		void *bad;

		pthread_join(t[i], &bad);
		ck_assert_int_eq((long)bad, 0);
	}
}
END_TEST

static Suite *plugin_suite(void)
{
	Suite *s = suite_create("plugin");
	TCase *tc = tcase_create("plugin");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_example_policies);
	tcase_add_test(tc, test_shared_object);
	tcase_add_test(tc, test_concurrent_reload);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(parse_suite());
	int failed;

	srunner_add_suite(sr, keys_suite());
	srunner_add_suite(sr, binds_suite());
	srunner_add_suite(sr, ports_suite());
	srunner_add_suite(sr, precedence_suite());
	srunner_add_suite(sr, reload_suite());
	srunner_add_suite(sr, plugin_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
