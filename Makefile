# docker-gate: one Makefile for the daemon, the plugin, the wrapper and the tests.
#
#   make            build everything into build/
#   make check      install missing packages (as root), unit + fuzz-corpus
#                   replay + end-to-end tests against a private dockerd
#   make demo       the two-user demo
#   make bench      gate vs direct socket, ratios printed
#   make load       50 workers + 1000 idle streams, gate vs direct
#   make asan       everything above under ASan + UBSan
#   make fuzz       libFuzzer harnesses for a while (FUZZ_SECONDS each)
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
LIBDIR ?= $(PREFIX)/lib/docker-gate
SYSCONFDIR ?= /etc
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/docker-gate
# systemd reads units from /usr/local/lib/systemd/system as well.
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
# The `docker` wrapper: ahead of the real CLI on PATH (/usr/local/bin
# before /usr/bin).  install refuses to overwrite another docker there.
WRAPPERDIR ?= $(BINDIR)
# Where the docker CLI looks for `docker policy` (one of its system plugin
# directories when PREFIX is /usr/local or /usr).
CLIPLUGINDIR ?= $(PREFIX)/lib/docker/cli-plugins
DESTDIR ?=
# The real docker CLI the wrapper runs; the wrapper refuses to run itself.
REAL_DOCKER ?= /usr/bin/docker
GATE_SOCKET ?= /run/docker-gate.sock
UPSTREAM_SOCKET ?= /var/run/docker.sock
VERSION ?= 0.1.0

BUILD ?= build
CC ?= cc
WERROR ?= 1
SAN ?=

WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wvla -Wwrite-strings -Wpointer-arith \
	-Wcast-qual -Wundef -Wnull-dereference -Wimplicit-fallthrough
ifeq ($(WERROR),1)
WARN += -Werror
endif
HARDEN := -fstack-protector-strong -fstack-clash-protection -fPIE \
	-D_FORTIFY_SOURCE=2
ifneq ($(SAN),)
# Sanitizer builds: no FORTIFY (it hides bugs from ASan), no optimisation games.
HARDEN := -fPIE -fno-omit-frame-pointer -fsanitize=$(SAN) -fno-sanitize-recover=all
endif
PKGS := libconfuse jansson libcap
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

CPPFLAGS += -D_GNU_SOURCE -Iinclude -Igate -Iplugin -Iwrapper \
	-DREAL_DOCKER='"$(REAL_DOCKER)"' -DGATE_SOCKET='"$(GATE_SOCKET)"' \
	-DUPSTREAM_SOCKET='"$(UPSTREAM_SOCKET)"' \
	-DSYSCONFDIR='"$(SYSCONFDIR)"' -DLIBDIR='"$(LIBDIR)"' \
	-DDG_VERSION='"$(VERSION)"'
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 $(WARN) $(HARDEN) $(PKG_CFLAGS)
LDFLAGS += -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack
ifneq ($(SAN),)
LDFLAGS += -fsanitize=$(SAN)
endif

# Daemon-only files; every other gate/*.c is a pure module (libgate.a),
# shared by the daemon, the unit tests and the fuzzers.
DAEMON_SRCS := gate/main.c gate/listen.c gate/privdrop.c gate/identity.c \
	gate/io.c gate/conn.c gate/forward.c gate/tunnel.c gate/deny.c \
	gate/audit.c gate/plugin_host.c gate/trust.c gate/decide.c \
	gate/options.c gate/relay.c gate/upstream.c gate/owner.c \
	gate/tenancy.c gate/tenancy_images.c gate/policy_view.c \
	gate/tenancy_commit.c gate/tenancy_usage.c gate/df_serve.c
# The `docker policy` client's pure part (its reply parser) goes with the
# gate's pure modules, so that the unit tests and the fuzzers reach it.
CLIENT_PURE_SRCS := wrapper/policy_reply.c
PURE_SRCS := $(filter-out $(DAEMON_SRCS),$(wildcard gate/*.c)) \
	$(CLIENT_PURE_SRCS)
# The plugin checks image patterns with the gate's own reference parser.
PLUGIN_SRCS := $(wildcard plugin/*.c) gate/imageref.c gate/cpuset.c
WRAPPER_SRCS := wrapper/docker.c wrapper/conf.c
POLICY_CLI_SRCS := wrapper/policy_cmd.c wrapper/policy_conn.c wrapper/conf.c
TOOL_SRCS := $(wildcard tools/*.c)
UNIT_SRCS := $(wildcard tests/unit/check_*.c)
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)

PURE_OBJS := $(PURE_SRCS:%.c=$(BUILD)/%.o)
DAEMON_OBJS := $(DAEMON_SRCS:%.c=$(BUILD)/%.o)
PLUGIN_OBJS := $(PLUGIN_SRCS:%.c=$(BUILD)/pic/%.o)
WRAPPER_OBJS := $(WRAPPER_SRCS:%.c=$(BUILD)/%.o)
POLICY_CLI_OBJS := $(POLICY_CLI_SRCS:%.c=$(BUILD)/%.o)
TOOL_OBJS := $(TOOL_SRCS:%.c=$(BUILD)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
REPLAY_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/replay/%)

GATED := $(BUILD)/docker-gated
PLUGIN := $(BUILD)/docker-gate-policy.so
WRAPPER := $(BUILD)/docker
POLICY_CLI := $(BUILD)/docker-policy
CHECKER := $(BUILD)/docker-gate-check

.PHONY: all deps check unit valgrind replay e2e pkgcheck deb demo bench load \
	asan fuzz lint format format-check install uninstall install-list clean
all: $(GATED) $(PLUGIN) $(WRAPPER) $(POLICY_CLI) $(CHECKER)

# The paths compiled into the programs: when one changes (make install
# PREFIX=/usr REAL_DOCKER=...), everything is rebuilt, never installed
# with the old ones.
PATHS_STAMP := $(BUILD)/paths.stamp
PATHS_NOW := $(REAL_DOCKER) $(GATE_SOCKET) $(UPSTREAM_SOCKET) $(SYSCONFDIR) \
	$(LIBDIR) $(VERSION)
ifneq ($(PATHS_NOW),$(shell cat $(PATHS_STAMP) 2>/dev/null))
$(shell mkdir -p $(BUILD) && echo '$(PATHS_NOW)' >$(PATHS_STAMP))
endif
$(PURE_OBJS) $(DAEMON_OBJS) $(PLUGIN_OBJS) $(WRAPPER_OBJS) $(POLICY_CLI_OBJS) \
	$(TOOL_OBJS): $(PATHS_STAMP)

deps:
	@sh scripts/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The plugin is position-independent and exports one symbol only.
$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c -o $@ $<

$(BUILD)/libgate.a: $(PURE_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(GATED): $(DAEMON_OBJS) $(BUILD)/libgate.a
	$(CC) $(LDFLAGS) -o $@ $(DAEMON_OBJS) $(BUILD)/libgate.a $(PKG_LIBS) -ldl -lpthread

$(PLUGIN): $(PLUGIN_OBJS) plugin/plugin.map
	$(CC) -shared $(filter-out -pie,$(LDFLAGS)) \
		-Wl,--version-script=plugin/plugin.map -o $@ $(PLUGIN_OBJS) \
		$(PKG_LIBS) -lpthread

$(WRAPPER): $(WRAPPER_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^

# The docker CLI plugin behind `docker policy`.
$(POLICY_CLI): $(POLICY_CLI_OBJS) $(BUILD)/libgate.a
	$(CC) $(LDFLAGS) -o $@ $(POLICY_CLI_OBJS) $(BUILD)/libgate.a \
		$(shell pkg-config --libs jansson 2>/dev/null)

# The offline policy checker links the plugin's loader, describe and
# evaluator, the gate's canonicalizer (libgate.a) and its trust check.
$(CHECKER): $(TOOL_OBJS) $(BUILD)/gate/trust.o $(BUILD)/libgate.a $(PLUGIN_OBJS)
	$(CC) $(LDFLAGS) -o $@ $(TOOL_OBJS) $(BUILD)/gate/trust.o \
		$(PLUGIN_OBJS) $(BUILD)/libgate.a $(PKG_LIBS) -lpthread

# Unit tests link the pure modules and the plugin's objects directly.
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libgate.a $(PLUGIN_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< \
		$(PLUGIN_OBJS) $(BUILD)/libgate.a $(CHECK_LIBS) $(PKG_LIBS) -ldl -lpthread

# Fuzz harnesses double as corpus replayers (tests/fuzz/replay.c) so that
# `make check` replays every seed without needing clang.
$(BUILD)/replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libgate.a $(PLUGIN_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
		$(PLUGIN_OBJS) $(BUILD)/libgate.a $(PKG_LIBS) -ldl -lpthread

unit: $(UNIT_BINS) $(PLUGIN) $(CHECKER)
	@DGP_PLUGIN_SO=$(PLUGIN) sh tests/unit/run.sh $(UNIT_BINS)
	@sh tests/unit/plugin_symbols.sh $(PLUGIN)
	@sh tests/checker/run.sh $(CHECKER)

# The unit suites under valgrind (no fork, so leaks are seen).
valgrind: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do \
		DGP_PLUGIN_SO=$(PLUGIN) CK_FORK=no valgrind -q --error-exitcode=1 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect $$t >/dev/null \
			|| { echo "valgrind: $$t failed"; exit 1; }; \
	done; echo "valgrind: all unit suites clean"

replay: $(REPLAY_BINS)
	@sh tests/fuzz/replay.sh $(BUILD)/replay

e2e: all
	@bash tests/e2e/run.sh $(BUILD)

# make install/uninstall, the systemd units, the manual pages, and the
# Debian package installed and removed for real (as root, under the e2e
# lock).
pkgcheck: all
	@bash tests/pkg/run.sh $(BUILD)

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory valgrind
	@$(MAKE) --no-print-directory replay
	@$(MAKE) --no-print-directory pkgcheck
	@$(MAKE) --no-print-directory e2e

demo: deps
	@$(MAKE) --no-print-directory all
	@bash tests/demo.sh $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory all
	@bash tests/bench/run.sh $(BUILD)

# 50 workers and 1000 idle event streams, gate vs direct (LOAD_SECONDS).
load: deps
	@$(MAKE) --no-print-directory all
	@bash tests/load/run.sh $(BUILD)

# ASan + UBSan over the unit, replay and end-to-end suites.
asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan SAN=address,undefined \
		CFLAGS='-O1 -g' all unit replay e2e

fuzz:
	@bash tests/fuzz/run.sh $(FUZZ_SECONDS)

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
		--inline-suppr -Iinclude -Igate -Iplugin gate plugin wrapper tools
	shellcheck -x scripts/*.sh tests/*.sh tests/*/*.sh packaging/deb/preinst \
		packaging/deb/postinst packaging/deb/prerm packaging/deb/postrm

format:
	clang-format -i $(wildcard */*.c */*.h include/docker-gate/*.h tests/*/*.c)

format-check:
	clang-format --dry-run --Werror $(wildcard */*.c */*.h include/docker-gate/*.h tests/*/*.c)

# The file list and the care taken with an existing docker client and
# with default.conf are in scripts/install.sh.
INSTALL_ENV = BUILD='$(BUILD)' DESTDIR='$(DESTDIR)' SBINDIR='$(SBINDIR)' \
	WRAPPERDIR='$(WRAPPERDIR)' LIBDIR='$(LIBDIR)' \
	CLIPLUGINDIR='$(CLIPLUGINDIR)' MANDIR='$(MANDIR)' \
	SYSCONFDIR='$(SYSCONFDIR)' SYSTEMDUNITDIR='$(SYSTEMDUNITDIR)' \
	DOCDIR='$(DOCDIR)' REAL_DOCKER='$(REAL_DOCKER)' \
	GATE_SOCKET='$(GATE_SOCKET)'

install: all
	@$(INSTALL_ENV) sh scripts/install.sh install

uninstall:
	@$(INSTALL_ENV) sh scripts/install.sh uninstall

install-list:
	@$(INSTALL_ENV) sh scripts/install.sh list

# A .deb from a staged install (scripts/mkdeb.sh; packaging/deb/ holds the
# maintainer scripts): built in build-deb/ for /usr, the wrapper in
# /usr/bin/docker with the real CLI diverted to /usr/bin/docker.real.
deb:
	@sh scripts/mkdeb.sh $(VERSION)

clean:
	rm -rf build build-asan build-deb

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
