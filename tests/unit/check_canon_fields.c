/*
 * Field classes of the create body: every DEFAULT-ONLY field refuses a
 * non-default value (naming the CLI flag) and accepts what clients send by
 * default; ranges of FREE fields; NetworkingConfig against NetworkMode.
 */
#include "canon_test.h"

static const struct {
	const char *members;
	const char *want;
} refused[] = {
	{"\"CapAdd\":[\"\xc5\xbfys_admin\"]", "--cap-add"},
	{"\"Capabilities\":[]", "HostConfig.Capabilities"},
	/* run options the policy decides: refused here only when malformed
	 * (check_canon_options.c has the accepted forms) */
	{"\"CapAdd\":[\"12\"]", "--cap-add"},
	{"\"CapAdd\":[\"cap_sys_admin,cap_chown\"]", "--cap-add"},
	{"\"CapAdd\":\"CAP_CHOWN\"", "HostConfig.CapAdd must be a list"},
	{"\"Devices\":[{\"PathOnHost\":\"/dev/../etc\","
	 "\"PathInContainer\":\"/x\",\"CgroupPermissions\":\"rwm\"}]",
	 "'..'"},
	{"\"Devices\":[{\"PathOnHost\":\"/dev/sda\",\"Extra\":1}]", "Extra"},
	{"\"DeviceCgroupRules\":[\"b *:* rwx\"]", "--device-cgroup-rule"},
	{"\"DeviceCgroupRules\":[\"b  *:* rwm\"]", "--device-cgroup-rule"},
	{"\"DeviceRequests\":[{\"Driver\":\"cdi\",\"DeviceIDs\":"
	 "[\"vendor.com/x=y\"]}]",
	 "CDI"},
	{"\"DeviceRequests\":[{\"Driver\":\"\",\"Count\":-1,"
	 "\"Options\":{\"a\":\"b\"}}]",
	 "--gpus options"},
	{"\"DeviceRequests\":[{\"Capabilities\":[[\"GPU\"]]}]", "--gpus"},
	{"\"PidMode\":\"HOST\"", "--pid HOST"},
	{"\"UTSMode\":\"HOST\"", "--uts"},
	{"\"UsernsMode\":\"private\"", "--userns"},
	{"\"SecurityOpt\":[\"SECCOMP=unconfined\"]", "SECCOMP"},
	{"\"SecurityOpt\":[\"systempaths=unconfined\"]", "systempaths"},
	{"\"SecurityOpt\":[\"no-new-privileges=maybe\"]",
	 "no-new-privileges=maybe"},
	{"\"SecurityOpt\":[\"apparmor=\"]", "apparmor="},
	{"\"SecurityOpt\":[\"label=a b\"]", "label=a b"},
	{"\"Sysctls\":{\"net/ipv4/ip_forward\":\"1\"}", "--sysctl"},
	{"\"Sysctls\":{\"net..x\":\"1\"}", "--sysctl"},
	{"\"Runtime\":\"../runc\"", "--runtime"},
	{"\"Capabilities\":[\"CAP_SYS_ADMIN\"]", "HostConfig.Capabilities"},
	{"\"PidMode\":\"container:\"", "--pid container:"},
	{"\"PidMode\":\"container:a/b\"", "--pid container:a/b"},
	{"\"Cgroup\":\"container:x\"", "HostConfig.Cgroup container:x"},
	{"\"CgroupParent\":\"../x\"", "--cgroup-parent ../x"},
	{"\"CgroupParent\":\"/a/../b\"", "--cgroup-parent"},
	{"\"CgroupParent\":\"a b\"", "--cgroup-parent"},
	{"\"NetworkMode\":\"-x\"", "--network -x"},
	{"\"NetworkMode\":\"container:-x\"", "--network container:-x"},
	{"\"NetworkMode\":\"my net\"", "--network"},
	{"\"NetworkMode\":\"/mynet\"", "--network"},
	{"\"SecurityOpt\":[\"NO-NEW-PRIVILEGES\"]", "NO-NEW-PRIVILEGES"},
	{"\"MaskedPaths\":[\"/proc/kcore\"]", "systempaths"},
	{"\"Isolation\":\"hyperv\"", "--isolation hyperv"},
	{"\"VolumeDriver\":\"rexray\"", "--volume-driver rexray"},
	{"\"VolumesFrom\":[\"other:rx\"]", "--volumes-from other:rx"},
	{"\"VolumesFrom\":[\"\"]", "--volumes-from"},
	{"\"Links\":[\"c:/db\"]", "--link c:/db"},
	{"\"Links\":[\"c:d b\"]", "--link"},
	{"\"GroupAdd\":[\"0\"]", "--group-add"},
	{"\"StorageOpt\":{\"SIZE\":\"1G\"}", "--storage-opt"},
	{"\"StorageOpt\":{\"size\":\"010\"}", "--storage-opt size="},
	{"\"StorageOpt\":{\"size\":\"1.5G\"}", "--storage-opt size="},
	{"\"StorageOpt\":{\"size\":\"1GiB\"}", "--storage-opt size="},
	{"\"StorageOpt\":{\"size\":\"1G\",\"dm.basesize\":\"1G\"}",
	 "--storage-opt"},
	{"\"Annotations\":{\"a\":\"b\"}", "--annotation"},
	/* dotless i: NOFILE to dockerd's Unicode upper-casing */
	{"\"Ulimits\":[{\"Name\":\"nof\xc4\xb1le\",\"Soft\":1,\"Hard\":2}]",
	 "not a ulimit name"},
	{"\"Ulimits\":[{\"Name\":\"as\",\"Soft\":1,\"Hard\":2}]", "--ulimit"},
	{"\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":1,\"Hard\":2},"
	 "{\"Name\":\"NOFILE\",\"Soft\":1,\"Hard\":2}]",
	 "given twice"},
	{"\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":3,\"Hard\":2}]",
	 "soft limit is above"},
	{"\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":-1,\"Hard\":2}]",
	 "soft limit is above"},
	{"\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":-2,\"Hard\":-2}]",
	 "--ulimit"},
	{"\"Ulimits\":[{\"Name\":\"nofile\",\"Max\":1}]", "Max"},
	{"\"Tmpfs\":{\"/run\":\"rw,shared\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"bind\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"size=0x10\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"size=010\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"size=50%\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"size=1m,size=2g\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"exec,exec\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"nr_blocks=10\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"rw,\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\",rw\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"mode=8\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/run\":\"uid=01\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/\":\"\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"run\":\"\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/a/../b\":\"\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/a//b\":\"\"}", "--tmpfs"},
	{"\"Tmpfs\":{\"/a:b\":\"\"}", "--tmpfs"},
	{"\"LogConfig\":{\"Type\":\"grafana/loki:latest\"}", "--log-driver"},
	{"\"LogConfig\":{\"Type\":\"Syslog\"}", "--log-driver"},
	{"\"LogConfig\":{\"Config\":{\"Max-Size\":\"1m\"}}", "--log-opt"},
	{"\"CpusetCpus\":\"007\"", "--cpuset-cpus"},
	{"\"CpusetCpus\":\"+1\"", "--cpuset-cpus"},
	{"\"CpusetCpus\":\"3-1\"", "--cpuset-cpus"},
	{"\"CpusetCpus\":\"0,,1\"", "--cpuset-cpus"},
	{"\"CpusetCpus\":\"0 -1\"", "--cpuset-cpus"},
	{"\"CpusetMems\":\"99999\"", "--cpuset-mems"},
	{"\"CpuRealtimePeriod\":1000", "--cpu-rt-period"},
	{"\"CpuRealtimeRuntime\":1000", "--cpu-rt-runtime"},
	{"\"KernelMemory\":1048576", "--kernel-memory"},
	{"\"KernelMemoryTCP\":1048576", "HostConfig.KernelMemoryTCP"},
	{"\"CpuCount\":1", "--cpu-count"},
	{"\"CpuPercent\":50", "--cpu-percent"},
	{"\"IOMaximumIOps\":1", "--io-maxiops"},
	{"\"IOMaximumBandwidth\":1", "--io-maxbandwidth"},
	{"\"BlkioWeightDevice\":[{\"Path\":\"/dev/sda\",\"Weight\":10}]",
	 "--blkio-weight-device"},
	{"\"BlkioDeviceReadBps\":[{\"Path\":\"/dev/sda\",\"Rate\":1}]",
	 "--device-read-bps"},
	{"\"BlkioDeviceWriteBps\":[{\"Path\":\"/dev/sda\",\"Rate\":1}]",
	 "--device-write-bps"},
	{"\"BlkioDeviceReadIOps\":[{\"Path\":\"/dev/sda\",\"Rate\":1}]",
	 "--device-read-iops"},
	{"\"BlkioDeviceWriteIOps\":[{\"Path\":\"/dev/sda\",\"Rate\":1}]",
	 "--device-write-iops"},
	{"\"IpcMode\":\"container:\"", "--ipc container:"},
	/* FREE fields out of range */
	{"\"OomScoreAdj\":-1001", "--oom-score-adj -1001"},
	{"\"OomScoreAdj\":1001", "--oom-score-adj 1001"},
	{"\"MemorySwappiness\":101", "--memory-swappiness"},
	{"\"MemorySwap\":-2", "--memory-swap"},
	{"\"Memory\":-1", "--memory -1"},
	{"\"ShmSize\":-1", "--shm-size"},
	{"\"CpuQuota\":-2", "--cpu-quota"},
	{"\"BlkioWeight\":1001", "--blkio-weight"},
	{"\"PidsLimit\":-2", "--pids-limit"},
	{"\"RestartPolicy\":{\"Name\":\"sometimes\"}", "--restart sometimes"},
	{"\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":-1}",
	 "--restart on-failure -1"},
};

START_TEST(default_only_refused)
{
	char *b = ct_fmt(CT_HC("%s"), refused[_i].members);

	ct_expect(b, CANON_EREFUSED, refused[_i].want);
	free(b);
}
END_TEST

/* Values real clients send by default, or that are harmless. */
static const char *const allowed[] = {
	"\"CapAdd\":[]",
	"\"CapAdd\":null",
	"\"CapDrop\":[\"ALL\"]",
	"\"Capabilities\":null",
	"\"Devices\":[]",
	"\"DeviceRequests\":null",
	"\"NetworkMode\":\"\"",
	"\"NetworkMode\":\"default\"",
	"\"NetworkMode\":\"bridge\"",
	"\"NetworkMode\":\"none\"",
	/* references to containers: the gate checks their owner */
	"\"NetworkMode\":\"container:web\"",
	"\"PidMode\":\"container:/web\"",
	"\"IpcMode\":\"container:0123abcd\"",
	"\"VolumesFrom\":[\"web\",\"db:ro\"]",
	"\"Links\":[\"web\",\"db:database\"]",
	"\"SecurityOpt\":[]",
	"\"SecurityOpt\":[\"no-new-privileges\"]",
	"\"SecurityOpt\":[\"no-new-privileges=true\","
	"\"no-new-privileges:true\"]",
	"\"MaskedPaths\":null",
	"\"Sysctls\":{}",
	"\"LogConfig\":{\"Type\":\"json-file\",\"Config\":null}",
	"\"LogConfig\":{\"Type\":\"local\"}",
	"\"LogConfig\":null",
	"\"CgroupnsMode\":\"private\"",
	"\"Runtime\":\"runc\"",
	"\"Isolation\":\"default\"",
	"\"VolumeDriver\":\"local\"",
	"\"IpcMode\":\"private\"",
	"\"IpcMode\":\"shareable\"",
	"\"IpcMode\":\"none\"",
	"\"Init\":true",
	"\"Init\":null",
	"\"PidsLimit\":null",
	"\"PidsLimit\":-1",
	"\"PidsLimit\":100",
	"\"MemorySwap\":-1",
	"\"MemorySwappiness\":null",
	"\"CpuQuota\":-1",
	"\"OomScoreAdj\":1000",
	"\"OomKillDisable\":null",
	/* decided by the policy (check_canon_run.c has the views) */
	"\"OomKillDisable\":true",
	"\"OomScoreAdj\":-1000",
	"\"CgroupParent\":\"docker-gate-1000.slice\"",
	"\"CgroupParent\":\"/docker/alice\"",
	"\"StorageOpt\":{\"size\":\"10G\"}",
	"\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":1024,\"Hard\":2048},"
	"{\"Name\":\"core\",\"Soft\":-1,\"Hard\":-1}]",
	"\"Tmpfs\":{\"/run\":\"rw,exec,size=64m,mode=1777\",\"/x\":\"\"}",
	"\"LogConfig\":{\"Type\":\"syslog\",\"Config\":"
	"{\"syslog-address\":\"udp://1.2.3.4:514\"}}",
	"\"CpusetCpus\":\"0-3,6\",\"CpusetMems\":\"0\"",
	"\"RestartPolicy\":{\"Name\":\"always\"}",
	"\"ConsoleSize\":null",
	"\"ConsoleSize\":[24,80]",
	"\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}",
	"\"RestartPolicy\":{\"Name\":\"unless-stopped\"}",
	"\"Ulimits\":[]",
	"\"Tmpfs\":{}",
	"\"Annotations\":null",
	"\"Dns\":[\"1.1.1.1\"],\"ExtraHosts\":[\"h:1.2.3.4\"]",
	"\"ReadonlyRootfs\":true,\"AutoRemove\":true",
	"\"Memory\":67108864,\"NanoCpus\":500000000,\"ShmSize\":67108864",
};

START_TEST(defaults_allowed)
{
	char *b = ct_fmt(CT_HC("%s"), allowed[_i]);

	canon_create_free(ct_parse(b));
	free(b);
}
END_TEST

START_TEST(console_size_shape)
{
	ct_expect(CT_HC("\"ConsoleSize\":[1,2,3]"), CANON_EBAD,
		  "ConsoleSize must be a list of two integers");
	ct_expect(CT_HC("\"ConsoleSize\":[1]"), CANON_EBAD, "ConsoleSize");
	ct_expect(CT_HC("\"ConsoleSize\":[-1,2]"), CANON_EBAD, "ConsoleSize");
	ct_expect(CT_HC("\"ConsoleSize\":[1.5,2]"), CANON_EBAD, "ConsoleSize");
	ct_expect(CT_HC("\"ConsoleSize\":\"24x80\""), CANON_EBAD,
		  "ConsoleSize");
}
END_TEST

START_TEST(config_maps)
{
	ct_expect("{\"Image\":\"x\",\"Volumes\":{\"/a\":{\"x\":1}}}",
		  CANON_EBAD, "Volumes must be a map of empty objects");
	ct_expect("{\"Image\":\"x\",\"Volumes\":{\"/a\":null}}", CANON_EBAD,
		  "Volumes");
	ct_expect("{\"Image\":\"x\",\"Volumes\":{\"rel\":{}}}", CANON_EBAD,
		  "absolute container path");
	ct_expect("{\"Image\":\"x\",\"Volumes\":{\"/h:/c\":{}}}", CANON_EBAD,
		  "absolute container path");
	ct_expect("{\"Image\":\"x\",\"ExposedPorts\":{\"80-90/tcp\":{}}}",
		  CANON_EBAD, "--expose 80-90/tcp");
	ct_expect("{\"Image\":\"x\",\"ExposedPorts\":{\"80/TCP\":{}}}",
		  CANON_EBAD, "--expose");
	ct_expect("{\"Image\":\"x\",\"StopTimeout\":-2}", CANON_EREFUSED,
		  "--stop-timeout");
	ct_expect("{\"Image\":\"x\",\"Healthcheck\":{\"Test\":\"true\"}}",
		  CANON_EBAD, "Healthcheck.Test must be a list");
	canon_create_free(
		ct_parse("{\"Image\":\"x\",\"ExposedPorts\":{\"80/tcp\":{},"
			 "\"53/udp\":{},\"9/sctp\":{},\"8080\":{}},"
			 "\"Volumes\":{\"/data\":{}},\"StopTimeout\":10,"
			 "\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],"
			 "\"Interval\":1000000000,\"Retries\":3}}"));
}
END_TEST

#define EP(mode, eps)                                                          \
	"{\"Image\":\"x\",\"HostConfig\":{\"NetworkMode\":\"" mode "\"},"      \
	"\"NetworkingConfig\":{\"EndpointsConfig\":{" eps "}}}"

START_TEST(networking_config)
{
	canon_create_free(ct_parse(EP("default", "\"default\":{}")));
	canon_create_free(ct_parse(EP("", "\"bridge\":{}")));
	canon_create_free(ct_parse(EP("bridge", "\"bridge\":{}")));
	canon_create_free(ct_parse(EP("none", "\"none\":{}")));
	canon_create_free(ct_parse(EP("default", "")));
	canon_create_free(ct_parse(
		"{\"Image\":\"x\",\"NetworkingConfig\":{\"EndpointsConfig\":"
		"{\"default\":{\"IPAMConfig\":{\"IPv4Address\":\"\"}}}}}"));
	ct_expect(EP("none", "\"bridge\":{}"), CANON_EREFUSED,
		  "--network bridge: more than one network");
	ct_expect(EP("default", "\"mynet\":{}"), CANON_EREFUSED,
		  "--network mynet");
	ct_expect(EP("default", "\"default\":{},\"bridge\":{}"), CANON_EREFUSED,
		  "more than one network");
	/* a network of one's own: its name, aliases on it */
	canon_create_free(ct_parse(EP("mynet", "\"mynet\":{}")));
	canon_create_free(
		ct_parse(EP("mynet", "\"mynet\":{\"Aliases\":[\"web\"]}")));
	canon_create_free(ct_parse(EP("HOST", "")));
	ct_expect(EP("mynet", "\"other\":{}"), CANON_EREFUSED,
		  "--network other");
	ct_expect(EP("mynet", "\"mynet\":{\"Aliases\":[\"a b\"]}"),
		  CANON_EREFUSED, "--network-alias");
	ct_expect(EP("mynet", "\"mynet\":{\"Links\":[\"c:db\"]}"),
		  CANON_EREFUSED, "--link");
	ct_expect(EP("default", "\"default\":{\"IPAMConfig\":"
				"{\"IPv4Address\":\"172.17.0.9\"}}"),
		  CANON_EREFUSED, "--ip 172.17.0.9 is not allowed");
	ct_expect(EP("default", "\"default\":{\"Aliases\":[\"web\"]}"),
		  CANON_EREFUSED, "--network-alias works only on a network");
	ct_expect(EP("default", "\"default\":{\"Links\":[\"c:db\"]}"),
		  CANON_EREFUSED, "--link");
	ct_expect(EP("default",
		     "\"default\":{\"MacAddress\":\"02:42:ac:11:0:2\"}"),
		  CANON_EREFUSED, "--mac-address");
	ct_expect(EP("default", "\"default\":{\"DriverOpts\":{\"a\":\"b\"}}"),
		  CANON_EREFUSED, "--network driver-opt");
	ct_expect(EP("default", "\"default\":{\"GwPriority\":1}"),
		  CANON_EREFUSED, "gw-priority");
	ct_expect(EP("default", "\"default\":{\"NetworkID\":\"abc\"}"),
		  CANON_EREFUSED, "EndpointsConfig.default.NetworkID");
	ct_expect(EP("default", "\"default\":\"x\""), CANON_EBAD,
		  "must be an object");
	/* a nil *EndpointSettings: refused rather than guessed */
	ct_expect(EP("default", "\"default\":null"), CANON_EBAD,
		  "must be an object");
}
END_TEST

static Suite *fields_suite(void)
{
	Suite *s = suite_create("canon_fields");
	TCase *tc = tcase_create("classes");

	tcase_add_loop_test(tc, default_only_refused, 0,
			    sizeof(refused) / sizeof(refused[0]));
	tcase_add_loop_test(tc, defaults_allowed, 0,
			    sizeof(allowed) / sizeof(allowed[0]));
	tcase_add_test(tc, console_size_shape);
	tcase_add_test(tc, config_maps);
	tcase_add_test(tc, networking_config);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ct_run(fields_suite());
}
