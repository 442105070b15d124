/*
 * Request bodies captured from real clients (tests/fixtures/captured/:
 * docker CLI 28.2.2 and 20.10.24, docker-py 5.0.3, against dockerd 20.10),
 * copied byte for byte, including the CLI's trailing newline.
 */
#ifndef CANON_FIXTURES_H
#define CANON_FIXTURES_H

/* cli28_run_t.txt: POST /v1.41/containers/create */
#define FX_CLI28_RUN_T \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\"" \
	":false,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":true,\"Op" \
	"enStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"echo\",\"" \
	"hi\"],\"Image\":\"local/busybox:test\",\"Volumes\":{},\"WorkingDir\"" \
	":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{},\"HostConfi" \
	"g\":{\"Binds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type\"" \
	":\"\",\"Config\":{}},\"NetworkMode\":\"default\",\"PortBindings\":{}" \
	",\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"AutoR" \
	"emove\":true,\"VolumeDriver\":\"\",\"VolumesFrom\":null,\"ConsoleSiz" \
	"e\":[0,0],\"CapAdd\":null,\"CapDrop\":null,\"CgroupnsMode\":\"\",\"D" \
	"ns\":[],\"DnsOptions\":[],\"DnsSearch\":[],\"ExtraHosts\":null,\"Gro" \
	"upAdd\":null,\"IpcMode\":\"\",\"Cgroup\":\"\",\"Links\":null,\"OomSc" \
	"oreAdj\":0,\"PidMode\":\"\",\"Privileged\":false,\"PublishAllPorts\"" \
	":false,\"ReadonlyRootfs\":false,\"SecurityOpt\":null,\"UTSMode\":\"\"" \
	",\"UsernsMode\":\"\",\"ShmSize\":0,\"Isolation\":\"\",\"CpuShares\":" \
	"0,\"Memory\":0,\"NanoCpus\":0,\"CgroupParent\":\"\",\"BlkioWeight\":" \
	"0,\"BlkioWeightDevice\":[],\"BlkioDeviceReadBps\":[],\"BlkioDeviceWr" \
	"iteBps\":[],\"BlkioDeviceReadIOps\":[],\"BlkioDeviceWriteIOps\":[],\"" \
	"CpuPeriod\":0,\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"CpuRealtimeRu" \
	"ntime\":0,\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"Devices\":[],\"D" \
	"eviceCgroupRules\":null,\"DeviceRequests\":null,\"MemoryReservation\"" \
	":0,\"MemorySwap\":0,\"MemorySwappiness\":-1,\"OomKillDisable\":false" \
	",\"PidsLimit\":0,\"Ulimits\":[],\"CpuCount\":0,\"CpuPercent\":0,\"IO" \
	"MaximumIOps\":0,\"IOMaximumBandwidth\":0,\"MaskedPaths\":null,\"Read" \
	"onlyPaths\":null},\"NetworkingConfig\":{\"EndpointsConfig\":{\"defau" \
	"lt\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"MacAddre" \
	"ss\":\"\",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"\",\"" \
	"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\"" \
	":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6Prefi" \
	"xLen\":0,\"DNSNames\":null}}}}\n"

/* cli28_run_d.txt: POST /v1.41/containers/create?name=c1 */
#define FX_CLI28_RUN_D \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\"" \
	":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"" \
	"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"sleep\"" \
	",\"300\"],\"Image\":\"local/busybox:test\",\"Volumes\":{},\"WorkingD" \
	"ir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{},\"HostC" \
	"onfig\":{\"Binds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Ty" \
	"pe\":\"\",\"Config\":{}},\"NetworkMode\":\"default\",\"PortBindings\"" \
	":{},\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"Au" \
	"toRemove\":false,\"VolumeDriver\":\"\",\"VolumesFrom\":null,\"Consol" \
	"eSize\":[0,0],\"CapAdd\":null,\"CapDrop\":null,\"CgroupnsMode\":\"\"" \
	",\"Dns\":[],\"DnsOptions\":[],\"DnsSearch\":[],\"ExtraHosts\":null,\"" \
	"GroupAdd\":null,\"IpcMode\":\"\",\"Cgroup\":\"\",\"Links\":null,\"Oo" \
	"mScoreAdj\":0,\"PidMode\":\"\",\"Privileged\":false,\"PublishAllPort" \
	"s\":false,\"ReadonlyRootfs\":false,\"SecurityOpt\":null,\"UTSMode\":" \
	"\"\",\"UsernsMode\":\"\",\"ShmSize\":0,\"Isolation\":\"\",\"CpuShare" \
	"s\":0,\"Memory\":0,\"NanoCpus\":0,\"CgroupParent\":\"\",\"BlkioWeigh" \
	"t\":0,\"BlkioWeightDevice\":[],\"BlkioDeviceReadBps\":[],\"BlkioDevi" \
	"ceWriteBps\":[],\"BlkioDeviceReadIOps\":[],\"BlkioDeviceWriteIOps\":" \
	"[],\"CpuPeriod\":0,\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"CpuRealt" \
	"imeRuntime\":0,\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"Devices\":[" \
	"],\"DeviceCgroupRules\":null,\"DeviceRequests\":null,\"MemoryReserva" \
	"tion\":0,\"MemorySwap\":0,\"MemorySwappiness\":-1,\"OomKillDisable\"" \
	":false,\"PidsLimit\":0,\"Ulimits\":[],\"CpuCount\":0,\"CpuPercent\":" \
	"0,\"IOMaximumIOps\":0,\"IOMaximumBandwidth\":0,\"MaskedPaths\":null," \
	"\"ReadonlyPaths\":null},\"NetworkingConfig\":{\"EndpointsConfig\":{\"" \
	"default\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"Mac" \
	"Address\":\"\",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"" \
	"\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefi" \
	"xLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv" \
	"6PrefixLen\":0,\"DNSNames\":null}}}}\n"

/* cli28_run_i.txt: POST /v1.41/containers/create */
#define FX_CLI28_RUN_I \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\"" \
	":true,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":false,\"Op" \
	"enStdin\":true,\"StdinOnce\":true,\"Env\":null,\"Cmd\":[\"cat\"],\"I" \
	"mage\":\"local/busybox:test\",\"Volumes\":{},\"WorkingDir\":\"\",\"E" \
	"ntrypoint\":null,\"OnBuild\":null,\"Labels\":{},\"HostConfig\":{\"Bi" \
	"nds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type\":\"\",\"C" \
	"onfig\":{}},\"NetworkMode\":\"default\",\"PortBindings\":{},\"Restar" \
	"tPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"AutoRemove\":t" \
	"rue,\"VolumeDriver\":\"\",\"VolumesFrom\":null,\"ConsoleSize\":[0,0]" \
	",\"CapAdd\":null,\"CapDrop\":null,\"CgroupnsMode\":\"\",\"Dns\":[],\"" \
	"DnsOptions\":[],\"DnsSearch\":[],\"ExtraHosts\":null,\"GroupAdd\":nu" \
	"ll,\"IpcMode\":\"\",\"Cgroup\":\"\",\"Links\":null,\"OomScoreAdj\":0" \
	",\"PidMode\":\"\",\"Privileged\":false,\"PublishAllPorts\":false,\"R" \
	"eadonlyRootfs\":false,\"SecurityOpt\":null,\"UTSMode\":\"\",\"Userns" \
	"Mode\":\"\",\"ShmSize\":0,\"Isolation\":\"\",\"CpuShares\":0,\"Memor" \
	"y\":0,\"NanoCpus\":0,\"CgroupParent\":\"\",\"BlkioWeight\":0,\"Blkio" \
	"WeightDevice\":[],\"BlkioDeviceReadBps\":[],\"BlkioDeviceWriteBps\":" \
	"[],\"BlkioDeviceReadIOps\":[],\"BlkioDeviceWriteIOps\":[],\"CpuPerio" \
	"d\":0,\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"CpuRealtimeRuntime\":" \
	"0,\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"Devices\":[],\"DeviceCgr" \
	"oupRules\":null,\"DeviceRequests\":null,\"MemoryReservation\":0,\"Me" \
	"morySwap\":0,\"MemorySwappiness\":-1,\"OomKillDisable\":false,\"Pids" \
	"Limit\":0,\"Ulimits\":[],\"CpuCount\":0,\"CpuPercent\":0,\"IOMaximum" \
	"IOps\":0,\"IOMaximumBandwidth\":0,\"MaskedPaths\":null,\"ReadonlyPat" \
	"hs\":null},\"NetworkingConfig\":{\"EndpointsConfig\":{\"default\":{\"" \
	"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"MacAddress\":\"\"" \
	",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"\",\"EndpointI" \
	"D\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv" \
	"6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0" \
	",\"DNSNames\":null}}}}\n"

/* cli28_run_rm.txt: POST /v1.41/containers/create */
#define FX_CLI28_RUN_RM \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\"" \
	":false,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":false,\"O" \
	"penStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"echo\"," \
	"\"hi\"],\"Image\":\"local/busybox:test\",\"Volumes\":{},\"WorkingDir" \
	"\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{},\"HostCon" \
	"fig\":{\"Binds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type" \
	"\":\"\",\"Config\":{}},\"NetworkMode\":\"default\",\"PortBindings\":" \
	"{},\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"Aut" \
	"oRemove\":true,\"VolumeDriver\":\"\",\"VolumesFrom\":null,\"ConsoleS" \
	"ize\":[0,0],\"CapAdd\":null,\"CapDrop\":null,\"CgroupnsMode\":\"\",\"" \
	"Dns\":[],\"DnsOptions\":[],\"DnsSearch\":[],\"ExtraHosts\":null,\"Gr" \
	"oupAdd\":null,\"IpcMode\":\"\",\"Cgroup\":\"\",\"Links\":null,\"OomS" \
	"coreAdj\":0,\"PidMode\":\"\",\"Privileged\":false,\"PublishAllPorts\"" \
	":false,\"ReadonlyRootfs\":false,\"SecurityOpt\":null,\"UTSMode\":\"\"" \
	",\"UsernsMode\":\"\",\"ShmSize\":0,\"Isolation\":\"\",\"CpuShares\":" \
	"0,\"Memory\":0,\"NanoCpus\":0,\"CgroupParent\":\"\",\"BlkioWeight\":" \
	"0,\"BlkioWeightDevice\":[],\"BlkioDeviceReadBps\":[],\"BlkioDeviceWr" \
	"iteBps\":[],\"BlkioDeviceReadIOps\":[],\"BlkioDeviceWriteIOps\":[],\"" \
	"CpuPeriod\":0,\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"CpuRealtimeRu" \
	"ntime\":0,\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"Devices\":[],\"D" \
	"eviceCgroupRules\":null,\"DeviceRequests\":null,\"MemoryReservation\"" \
	":0,\"MemorySwap\":0,\"MemorySwappiness\":-1,\"OomKillDisable\":false" \
	",\"PidsLimit\":0,\"Ulimits\":[],\"CpuCount\":0,\"CpuPercent\":0,\"IO" \
	"MaximumIOps\":0,\"IOMaximumBandwidth\":0,\"MaskedPaths\":null,\"Read" \
	"onlyPaths\":null},\"NetworkingConfig\":{\"EndpointsConfig\":{\"defau" \
	"lt\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"MacAddre" \
	"ss\":\"\",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"\",\"" \
	"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\"" \
	":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6Prefi" \
	"xLen\":0,\"DNSNames\":null}}}}\n"

/* cli28_run_complex2.txt: POST /v1.41/containers/create?name=cx */
#define FX_CLI28_RUN_COMPLEX \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"0\",\"AttachStdin\"" \
	":false,\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\"" \
	":{\"80/tcp\":{},\"81/tcp\":{}},\"Tty\":false,\"OpenStdin\":false,\"S" \
	"tdinOnce\":false,\"Env\":null,\"Cmd\":[\"sleep\",\"5\"],\"Image\":\"" \
	"local/busybox:test\",\"Volumes\":{},\"WorkingDir\":\"\",\"Entrypoint" \
	"\":null,\"OnBuild\":null,\"Labels\":{},\"HostConfig\":{\"Binds\":[\"" \
	"/tmp:/x\"],\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type\":\"\",\"C" \
	"onfig\":{}},\"NetworkMode\":\"default\",\"PortBindings\":{\"80/tcp\"" \
	":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"18080\"}],\"81/tcp\":[{\"" \
	"HostIp\":\"\",\"HostPort\":\"\"}]},\"RestartPolicy\":{\"Name\":\"no\"" \
	",\"MaximumRetryCount\":0},\"AutoRemove\":false,\"VolumeDriver\":\"\"" \
	",\"VolumesFrom\":null,\"ConsoleSize\":[0,0],\"CapAdd\":[\"CAP_SYS_AD" \
	"MIN\"],\"CapDrop\":null,\"CgroupnsMode\":\"\",\"Dns\":[],\"DnsOption" \
	"s\":[],\"DnsSearch\":[],\"ExtraHosts\":null,\"GroupAdd\":null,\"IpcM" \
	"ode\":\"\",\"Cgroup\":\"\",\"Links\":null,\"OomScoreAdj\":0,\"PidMod" \
	"e\":\"\",\"Privileged\":true,\"PublishAllPorts\":true,\"ReadonlyRoot" \
	"fs\":false,\"SecurityOpt\":null,\"UTSMode\":\"\",\"UsernsMode\":\"\"" \
	",\"ShmSize\":0,\"Isolation\":\"\",\"CpuShares\":0,\"Memory\":0,\"Nan" \
	"oCpus\":0,\"CgroupParent\":\"\",\"BlkioWeight\":0,\"BlkioWeightDevic" \
	"e\":[],\"BlkioDeviceReadBps\":[],\"BlkioDeviceWriteBps\":[],\"BlkioD" \
	"eviceReadIOps\":[],\"BlkioDeviceWriteIOps\":[],\"CpuPeriod\":0,\"Cpu" \
	"Quota\":0,\"CpuRealtimePeriod\":0,\"CpuRealtimeRuntime\":0,\"CpusetC" \
	"pus\":\"\",\"CpusetMems\":\"\",\"Devices\":[],\"DeviceCgroupRules\":" \
	"null,\"DeviceRequests\":null,\"MemoryReservation\":0,\"MemorySwap\":" \
	"0,\"MemorySwappiness\":-1,\"OomKillDisable\":false,\"PidsLimit\":0,\"" \
	"Ulimits\":[],\"CpuCount\":0,\"CpuPercent\":0,\"IOMaximumIOps\":0,\"I" \
	"OMaximumBandwidth\":0,\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/t" \
	"mp\",\"Target\":\"/m\"},{\"Type\":\"volume\",\"Source\":\"vv\",\"Tar" \
	"get\":\"/v\",\"VolumeOptions\":{\"DriverConfig\":{\"Name\":\"local\"" \
	",\"Options\":{\"device\":\"/tmp\",\"o\":\"bind\",\"type\":\"none\"}}" \
	"}},{\"Type\":\"tmpfs\",\"Target\":\"/t\"}],\"MaskedPaths\":null,\"Re" \
	"adonlyPaths\":null},\"NetworkingConfig\":{\"EndpointsConfig\":{\"def" \
	"ault\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"MacAdd" \
	"ress\":\"\",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"\"," \
	"\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLe" \
	"n\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6Pr" \
	"efixLen\":0,\"DNSNames\":null}}}}\n"

/* cli20_run_t.txt: POST /v1.41/containers/create */
#define FX_CLI20_RUN_T \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\"" \
	":false,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":true,\"Op" \
	"enStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"echo\",\"" \
	"hi\"],\"Image\":\"local/busybox:test\",\"Volumes\":{},\"WorkingDir\"" \
	":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{},\"HostConfi" \
	"g\":{\"Binds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type\"" \
	":\"\",\"Config\":{}},\"NetworkMode\":\"default\",\"PortBindings\":{}" \
	",\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"AutoR" \
	"emove\":true,\"VolumeDriver\":\"\",\"VolumesFrom\":null,\"CapAdd\":n" \
	"ull,\"CapDrop\":null,\"CgroupnsMode\":\"\",\"Dns\":[],\"DnsOptions\"" \
	":[],\"DnsSearch\":[],\"ExtraHosts\":null,\"GroupAdd\":null,\"IpcMode" \
	"\":\"\",\"Cgroup\":\"\",\"Links\":null,\"OomScoreAdj\":0,\"PidMode\"" \
	":\"\",\"Privileged\":false,\"PublishAllPorts\":false,\"ReadonlyRootf" \
	"s\":false,\"SecurityOpt\":null,\"UTSMode\":\"\",\"UsernsMode\":\"\"," \
	"\"ShmSize\":0,\"ConsoleSize\":[0,0],\"Isolation\":\"\",\"CpuShares\"" \
	":0,\"Memory\":0,\"NanoCpus\":0,\"CgroupParent\":\"\",\"BlkioWeight\"" \
	":0,\"BlkioWeightDevice\":[],\"BlkioDeviceReadBps\":null,\"BlkioDevic" \
	"eWriteBps\":null,\"BlkioDeviceReadIOps\":null,\"BlkioDeviceWriteIOps" \
	"\":null,\"CpuPeriod\":0,\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"Cpu" \
	"RealtimeRuntime\":0,\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"Device" \
	"s\":[],\"DeviceCgroupRules\":null,\"DeviceRequests\":null,\"KernelMe" \
	"mory\":0,\"KernelMemoryTCP\":0,\"MemoryReservation\":0,\"MemorySwap\"" \
	":0,\"MemorySwappiness\":-1,\"OomKillDisable\":false,\"PidsLimit\":0," \
	"\"Ulimits\":null,\"CpuCount\":0,\"CpuPercent\":0,\"IOMaximumIOps\":0" \
	",\"IOMaximumBandwidth\":0,\"MaskedPaths\":null,\"ReadonlyPaths\":nul" \
	"l},\"NetworkingConfig\":{\"EndpointsConfig\":{}}}\n"

/* cli20_run_d.txt: POST /v1.41/containers/create?name=c1 */
#define FX_CLI20_RUN_D \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\"" \
	":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"" \
	"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"sleep\"" \
	",\"300\"],\"Image\":\"local/busybox:test\",\"Volumes\":{},\"WorkingD" \
	"ir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{},\"HostC" \
	"onfig\":{\"Binds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Ty" \
	"pe\":\"\",\"Config\":{}},\"NetworkMode\":\"default\",\"PortBindings\"" \
	":{},\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"Au" \
	"toRemove\":false,\"VolumeDriver\":\"\",\"VolumesFrom\":null,\"CapAdd" \
	"\":null,\"CapDrop\":null,\"CgroupnsMode\":\"\",\"Dns\":[],\"DnsOptio" \
	"ns\":[],\"DnsSearch\":[],\"ExtraHosts\":null,\"GroupAdd\":null,\"Ipc" \
	"Mode\":\"\",\"Cgroup\":\"\",\"Links\":null,\"OomScoreAdj\":0,\"PidMo" \
	"de\":\"\",\"Privileged\":false,\"PublishAllPorts\":false,\"ReadonlyR" \
	"ootfs\":false,\"SecurityOpt\":null,\"UTSMode\":\"\",\"UsernsMode\":\"" \
	"\",\"ShmSize\":0,\"ConsoleSize\":[0,0],\"Isolation\":\"\",\"CpuShare" \
	"s\":0,\"Memory\":0,\"NanoCpus\":0,\"CgroupParent\":\"\",\"BlkioWeigh" \
	"t\":0,\"BlkioWeightDevice\":[],\"BlkioDeviceReadBps\":null,\"BlkioDe" \
	"viceWriteBps\":null,\"BlkioDeviceReadIOps\":null,\"BlkioDeviceWriteI" \
	"Ops\":null,\"CpuPeriod\":0,\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"" \
	"CpuRealtimeRuntime\":0,\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"Dev" \
	"ices\":[],\"DeviceCgroupRules\":null,\"DeviceRequests\":null,\"Kerne" \
	"lMemory\":0,\"KernelMemoryTCP\":0,\"MemoryReservation\":0,\"MemorySw" \
	"ap\":0,\"MemorySwappiness\":-1,\"OomKillDisable\":false,\"PidsLimit\"" \
	":0,\"Ulimits\":null,\"CpuCount\":0,\"CpuPercent\":0,\"IOMaximumIOps\"" \
	":0,\"IOMaximumBandwidth\":0,\"MaskedPaths\":null,\"ReadonlyPaths\":n" \
	"ull},\"NetworkingConfig\":{\"EndpointsConfig\":{}}}\n"

/* cli20_run_i.txt: POST /v1.41/containers/create */
#define FX_CLI20_RUN_I \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\"" \
	":true,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":false,\"Op" \
	"enStdin\":true,\"StdinOnce\":true,\"Env\":null,\"Cmd\":[\"cat\"],\"I" \
	"mage\":\"local/busybox:test\",\"Volumes\":{},\"WorkingDir\":\"\",\"E" \
	"ntrypoint\":null,\"OnBuild\":null,\"Labels\":{},\"HostConfig\":{\"Bi" \
	"nds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type\":\"\",\"C" \
	"onfig\":{}},\"NetworkMode\":\"default\",\"PortBindings\":{},\"Restar" \
	"tPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"AutoRemove\":t" \
	"rue,\"VolumeDriver\":\"\",\"VolumesFrom\":null,\"CapAdd\":null,\"Cap" \
	"Drop\":null,\"CgroupnsMode\":\"\",\"Dns\":[],\"DnsOptions\":[],\"Dns" \
	"Search\":[],\"ExtraHosts\":null,\"GroupAdd\":null,\"IpcMode\":\"\",\"" \
	"Cgroup\":\"\",\"Links\":null,\"OomScoreAdj\":0,\"PidMode\":\"\",\"Pr" \
	"ivileged\":false,\"PublishAllPorts\":false,\"ReadonlyRootfs\":false," \
	"\"SecurityOpt\":null,\"UTSMode\":\"\",\"UsernsMode\":\"\",\"ShmSize\"" \
	":0,\"ConsoleSize\":[0,0],\"Isolation\":\"\",\"CpuShares\":0,\"Memory" \
	"\":0,\"NanoCpus\":0,\"CgroupParent\":\"\",\"BlkioWeight\":0,\"BlkioW" \
	"eightDevice\":[],\"BlkioDeviceReadBps\":null,\"BlkioDeviceWriteBps\"" \
	":null,\"BlkioDeviceReadIOps\":null,\"BlkioDeviceWriteIOps\":null,\"C" \
	"puPeriod\":0,\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"CpuRealtimeRun" \
	"time\":0,\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"Devices\":[],\"De" \
	"viceCgroupRules\":null,\"DeviceRequests\":null,\"KernelMemory\":0,\"" \
	"KernelMemoryTCP\":0,\"MemoryReservation\":0,\"MemorySwap\":0,\"Memor" \
	"ySwappiness\":-1,\"OomKillDisable\":false,\"PidsLimit\":0,\"Ulimits\"" \
	":null,\"CpuCount\":0,\"CpuPercent\":0,\"IOMaximumIOps\":0,\"IOMaximu" \
	"mBandwidth\":0,\"MaskedPaths\":null,\"ReadonlyPaths\":null},\"Networ" \
	"kingConfig\":{\"EndpointsConfig\":{}}}\n"

/* cli20_run_rm.txt: POST /v1.41/containers/create */
#define FX_CLI20_RUN_RM \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\"" \
	":false,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":false,\"O" \
	"penStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":[\"echo\"," \
	"\"hi\"],\"Image\":\"local/busybox:test\",\"Volumes\":{},\"WorkingDir" \
	"\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{},\"HostCon" \
	"fig\":{\"Binds\":null,\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type" \
	"\":\"\",\"Config\":{}},\"NetworkMode\":\"default\",\"PortBindings\":" \
	"{},\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"Aut" \
	"oRemove\":true,\"VolumeDriver\":\"\",\"VolumesFrom\":null,\"CapAdd\"" \
	":null,\"CapDrop\":null,\"CgroupnsMode\":\"\",\"Dns\":[],\"DnsOptions" \
	"\":[],\"DnsSearch\":[],\"ExtraHosts\":null,\"GroupAdd\":null,\"IpcMo" \
	"de\":\"\",\"Cgroup\":\"\",\"Links\":null,\"OomScoreAdj\":0,\"PidMode" \
	"\":\"\",\"Privileged\":false,\"PublishAllPorts\":false,\"ReadonlyRoo" \
	"tfs\":false,\"SecurityOpt\":null,\"UTSMode\":\"\",\"UsernsMode\":\"\"" \
	",\"ShmSize\":0,\"ConsoleSize\":[0,0],\"Isolation\":\"\",\"CpuShares\"" \
	":0,\"Memory\":0,\"NanoCpus\":0,\"CgroupParent\":\"\",\"BlkioWeight\"" \
	":0,\"BlkioWeightDevice\":[],\"BlkioDeviceReadBps\":null,\"BlkioDevic" \
	"eWriteBps\":null,\"BlkioDeviceReadIOps\":null,\"BlkioDeviceWriteIOps" \
	"\":null,\"CpuPeriod\":0,\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"Cpu" \
	"RealtimeRuntime\":0,\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"Device" \
	"s\":[],\"DeviceCgroupRules\":null,\"DeviceRequests\":null,\"KernelMe" \
	"mory\":0,\"KernelMemoryTCP\":0,\"MemoryReservation\":0,\"MemorySwap\"" \
	":0,\"MemorySwappiness\":-1,\"OomKillDisable\":false,\"PidsLimit\":0," \
	"\"Ulimits\":null,\"CpuCount\":0,\"CpuPercent\":0,\"IOMaximumIOps\":0" \
	",\"IOMaximumBandwidth\":0,\"MaskedPaths\":null,\"ReadonlyPaths\":nul" \
	"l},\"NetworkingConfig\":{\"EndpointsConfig\":{}}}\n"

/* cli20_run_complex2.txt: POST /v1.41/containers/create?name=cx */
#define FX_CLI20_RUN_COMPLEX \
	"{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"0\",\"AttachStdin\"" \
	":false,\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\"" \
	":{\"80/tcp\":{},\"81/tcp\":{}},\"Tty\":false,\"OpenStdin\":false,\"S" \
	"tdinOnce\":false,\"Env\":null,\"Cmd\":[\"sleep\",\"5\"],\"Image\":\"" \
	"local/busybox:test\",\"Volumes\":{},\"WorkingDir\":\"\",\"Entrypoint" \
	"\":null,\"OnBuild\":null,\"Labels\":{},\"HostConfig\":{\"Binds\":[\"" \
	"/tmp:/x\"],\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type\":\"\",\"C" \
	"onfig\":{}},\"NetworkMode\":\"default\",\"PortBindings\":{\"80/tcp\"" \
	":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"18080\"}],\"81/tcp\":[{\"" \
	"HostIp\":\"\",\"HostPort\":\"\"}]},\"RestartPolicy\":{\"Name\":\"no\"" \
	",\"MaximumRetryCount\":0},\"AutoRemove\":false,\"VolumeDriver\":\"\"" \
	",\"VolumesFrom\":null,\"CapAdd\":[\"SYS_ADMIN\"],\"CapDrop\":null,\"" \
	"CgroupnsMode\":\"\",\"Dns\":[],\"DnsOptions\":[],\"DnsSearch\":[],\"" \
	"ExtraHosts\":null,\"GroupAdd\":null,\"IpcMode\":\"\",\"Cgroup\":\"\"" \
	",\"Links\":null,\"OomScoreAdj\":0,\"PidMode\":\"\",\"Privileged\":tr" \
	"ue,\"PublishAllPorts\":true,\"ReadonlyRootfs\":false,\"SecurityOpt\"" \
	":null,\"UTSMode\":\"\",\"UsernsMode\":\"\",\"ShmSize\":0,\"ConsoleSi" \
	"ze\":[0,0],\"Isolation\":\"\",\"CpuShares\":0,\"Memory\":0,\"NanoCpu" \
	"s\":0,\"CgroupParent\":\"\",\"BlkioWeight\":0,\"BlkioWeightDevice\":" \
	"[],\"BlkioDeviceReadBps\":null,\"BlkioDeviceWriteBps\":null,\"BlkioD" \
	"eviceReadIOps\":null,\"BlkioDeviceWriteIOps\":null,\"CpuPeriod\":0,\"" \
	"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"CpuRealtimeRuntime\":0,\"Cpus" \
	"etCpus\":\"\",\"CpusetMems\":\"\",\"Devices\":[],\"DeviceCgroupRules" \
	"\":null,\"DeviceRequests\":null,\"KernelMemory\":0,\"KernelMemoryTCP" \
	"\":0,\"MemoryReservation\":0,\"MemorySwap\":0,\"MemorySwappiness\":-" \
	"1,\"OomKillDisable\":false,\"PidsLimit\":0,\"Ulimits\":null,\"CpuCou" \
	"nt\":0,\"CpuPercent\":0,\"IOMaximumIOps\":0,\"IOMaximumBandwidth\":0" \
	",\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/m\"" \
	"},{\"Type\":\"volume\",\"Source\":\"vv\",\"Target\":\"/v\",\"VolumeO" \
	"ptions\":{\"DriverConfig\":{\"Name\":\"local\",\"Options\":{\"device" \
	"\":\"/tmp\",\"o\":\"bind\",\"type\":\"none\"}}}},{\"Type\":\"tmpfs\"" \
	",\"Target\":\"/t\"}],\"MaskedPaths\":null,\"ReadonlyPaths\":null},\"" \
	"NetworkingConfig\":{\"EndpointsConfig\":{}}}\n"

/* py_run.txt: POST /v1.41/containers/create */
#define FX_PY_RUN \
	"{\"Tty\": false, \"OpenStdin\": false, \"StdinOnce\": false, \"Attac" \
	"hStdin\": false, \"AttachStdout\": true, \"AttachStderr\": true, \"C" \
	"md\": [\"echo\", \"hi\"], \"Image\": \"local/busybox:test\", \"Netwo" \
	"rkDisabled\": false, \"HostConfig\": {\"NetworkMode\": \"default\"}}"

/* cli28_exec.txt: POST /v1.41/containers/c1/exec */
#define FX_CLI28_EXEC \
	"{\"User\":\"\",\"Privileged\":false,\"Tty\":false,\"AttachStdin\":fa" \
	"lse,\"AttachStderr\":true,\"AttachStdout\":true,\"Detach\":false,\"D" \
	"etachKeys\":\"\",\"Env\":null,\"WorkingDir\":\"\",\"Cmd\":[\"echo\"," \
	"\"hi\"]}\n"

/* cli28_exec_priv.txt: POST /v1.41/containers/c1/exec */
#define FX_CLI28_EXEC_PRIV \
	"{\"User\":\"0\",\"Privileged\":true,\"Tty\":false,\"AttachStdin\":fa" \
	"lse,\"AttachStderr\":true,\"AttachStdout\":true,\"Detach\":false,\"D" \
	"etachKeys\":\"\",\"Env\":null,\"WorkingDir\":\"\",\"Cmd\":[\"id\"]}\n"

/* cli20_exec.txt: POST /v1.41/containers/c1/exec */
#define FX_CLI20_EXEC \
	"{\"User\":\"\",\"Privileged\":false,\"Tty\":false,\"AttachStdin\":fa" \
	"lse,\"AttachStderr\":true,\"AttachStdout\":true,\"Detach\":false,\"D" \
	"etachKeys\":\"\",\"Env\":null,\"WorkingDir\":\"\",\"Cmd\":[\"echo\"," \
	"\"hi\"]}\n"

/* cli28_exec.txt: POST /v1.41/exec/a34c0e2d388d09e6e20bca3fbd14c708f1995183ac7ea9bc69d3455337165206/start */
#define FX_CLI28_EXEC_START \
	"{\"Detach\":false,\"Tty\":false}\n"

/* cli28_volume_create.txt: POST /v1.41/volumes/create */
#define FX_CLI28_VOLUME_CREATE \
	"{\"Driver\":\"local\",\"Name\":\"v1\"}\n"

/* cli20_volume_create.txt: POST /v1.41/volumes/create */
#define FX_CLI20_VOLUME_CREATE \
	"{\"Driver\":\"local\",\"DriverOpts\":{},\"Labels\":{},\"Name\":\"v1\"" \
	"}\n"

#endif
