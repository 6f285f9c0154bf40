package io.ignis.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FlagsTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    @Test
    void defaultsAreThoseOfPrometheus() {
        Flags f = Flags.parse();
        assertThat(f.configFile()).isEqualTo(Path.of("prometheus.yml"));
        assertThat(f.autoReload()).isFalse();
        assertThat(f.autoReloadIntervalMillis()).isEqualTo(30_000);
        assertThat(f.storageTsdbPath()).isEqualTo(Path.of("data/"));
        assertThat(f.retentionTimeMillis()).isEqualTo(15 * DAY);
        assertThat(f.retentionSizeBytes()).isZero();
        assertThat(f.listenAddresses()).containsExactly("0.0.0.0:9090");
        assertThat(f.routePrefix()).isEqualTo("/");
        assertThat(f.externalUrl().getPort()).isEqualTo(9090);
        assertThat(f.enableLifecycle()).isFalse();
        assertThat(f.enableAdminApi()).isFalse();
        assertThat(f.enableRemoteWriteReceiver()).isFalse();
        assertThat(f.webConfigFile()).isEmpty();
        assertThat(f.webReadTimeoutMillis()).isEqualTo(5 * MINUTE);
        assertThat(f.webMaxConnections()).isEqualTo(512);
        assertThat(f.lookbackDeltaMillis()).isEqualTo(5 * MINUTE);
        assertThat(f.queryTimeoutMillis()).isEqualTo(2 * MINUTE);
        assertThat(f.queryMaxConcurrency()).isEqualTo(20);
        assertThat(f.queryMaxSamples()).isEqualTo(50_000_000);
        assertThat(f.forOutageToleranceMillis()).isEqualTo(HOUR);
        assertThat(f.forGracePeriodMillis()).isEqualTo(10 * MINUTE);
        assertThat(f.resendDelayMillis()).isEqualTo(MINUTE);
        assertThat(f.logLevel()).isEqualTo("info");
        assertThat(f.logFormat()).isEqualTo("logfmt");
        assertThat(f.features()).isEmpty();
    }

    @Test
    void everyFlagAppearsAsAStringForTheFlagsEndpoint() {
        Flags f = Flags.parse();
        assertThat(f.values()).containsOnlyKeys(FlagTable.ALL.stream().map(FlagDef::name).toArray(String[]::new));
        assertThat(f.values())
                .containsEntry("config.file", "prometheus.yml")
                .containsEntry("web.listen-address", "0.0.0.0:9090")
                .containsEntry("web.enable-lifecycle", "false")
                .containsEntry("storage.tsdb.retention.time", "0s")
                .containsEntry("storage.tsdb.retention.size", "0B")
                .containsEntry("query.max-samples", "50000000")
                .containsEntry("web.external-url", "");
    }

    record Case(String name, List<String> args, Function<Flags, Object> read, Object want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String arg, Function<Flags, Object> read, Object want) {
        return new Case(name, List.of(arg), read, want);
    }

    static Stream<Case> given() {
        return Stream.of(
                c("config.file", "--config.file=/etc/p.yml", Flags::configFile, Path.of("/etc/p.yml")),
                new Case("value as next argument", List.of("--config.file", "x.yml"), Flags::configFile,
                        Path.of("x.yml")),
                c("config.auto-reload", "--config.auto-reload", Flags::autoReload, true),
                c("config.auto-reload-interval", "--config.auto-reload-interval=5s", Flags::autoReloadIntervalMillis,
                        5000L),
                c("auto-reload interval is at least a second", "--config.auto-reload-interval=10ms",
                        Flags::autoReloadIntervalMillis, 1000L),
                c("storage.tsdb.path", "--storage.tsdb.path=/var/lib/ignis", Flags::storageTsdbPath,
                        Path.of("/var/lib/ignis")),
                c("retention.time", "--storage.tsdb.retention.time=30d", Flags::retentionTimeMillis, 30 * DAY),
                c("retention.size alone keeps time unlimited", "--storage.tsdb.retention.size=512MB",
                        Flags::retentionTimeMillis, 0L),
                c("retention.size", "--storage.tsdb.retention.size=512MB", Flags::retentionSizeBytes,
                        512L << 20),
                c("retention.size in bytes", "--storage.tsdb.retention.size=100B", Flags::retentionSizeBytes,
                        100L),
                c("web.listen-address", "--web.listen-address=127.0.0.1:9091", Flags::listenAddresses,
                        List.of("127.0.0.1:9091")),
                new Case("web.listen-address repeated", List.of("--web.listen-address=:1", "--web.listen-address=:2"),
                        Flags::listenAddresses, List.of(":1", ":2")),
                c("web.external-url", "--web.external-url=http://example.com/prom/", f -> f.externalUrl().toString(),
                        "http://example.com/prom"),
                c("route prefix from external url", "--web.external-url=http://example.com/prom/",
                        Flags::routePrefix, "/prom"),
                c("web.route-prefix", "--web.route-prefix=api/", Flags::routePrefix, "/api"),
                c("web.enable-lifecycle", "--web.enable-lifecycle", Flags::enableLifecycle, true),
                c("web.enable-lifecycle=false", "--web.enable-lifecycle=false", Flags::enableLifecycle, false),
                c("negated boolean", "--no-storage.tsdb.wal-compression", Flags::walCompression, false),
                c("web.enable-admin-api", "--web.enable-admin-api", Flags::enableAdminApi, true),
                c("web.enable-remote-write-receiver", "--web.enable-remote-write-receiver",
                        Flags::enableRemoteWriteReceiver, true),
                c("web.config.file empty is allowed", "--web.config.file=", Flags::webConfigFile, ""),
                c("query.lookback-delta", "--query.lookback-delta=1m", Flags::lookbackDeltaMillis, MINUTE),
                c("query.timeout", "--query.timeout=1h30m", Flags::queryTimeoutMillis, HOUR + 30 * MINUTE),
                c("query.max-concurrency", "--query.max-concurrency=4", Flags::queryMaxConcurrency, 4),
                c("query.max-samples", "--query.max-samples=1000", Flags::queryMaxSamples, 1000),
                c("rules.alert.for-outage-tolerance", "--rules.alert.for-outage-tolerance=2h",
                        Flags::forOutageToleranceMillis, 2 * HOUR),
                c("log.level", "--log.level=debug", Flags::logLevel, "debug"),
                c("log.format", "--log.format=json", Flags::logFormat, "json"),
                c("enable-feature comma separated", "--enable-feature=exemplar-storage,native-histograms",
                        Flags::features, Set.of("exemplar-storage", "native-histograms")),
                new Case("enable-feature repeated", List.of("--enable-feature=a", "--enable-feature=b,c"),
                        Flags::features, Set.of("a", "b", "c")),
                new Case("last occurrence wins", List.of("--query.timeout=1m", "--query.timeout=3m"),
                        Flags::queryTimeoutMillis, 3 * MINUTE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("given")
    void readsEveryFlagAsPrometheusWritesIt(Case c) {
        Flags f = Flags.parse(c.args().toArray(String[]::new));
        assertThat(c.read().apply(f)).isEqualTo(c.want());
    }

    record Bad(String name, List<String> args, String stderr) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Bad bad(String name, String arg, String stderr) {
        return new Bad(name, List.of(arg), stderr);
    }

    static Stream<Bad> rejected() {
        return Stream.of(
                bad("unknown long flag", "--foo", "ignis: error: unknown long flag '--foo', try --help"),
                bad("unknown long flag with value", "--foo=bar", "ignis: error: unknown long flag '--foo', try --help"),
                bad("negation of a non-boolean", "--no-config.file",
                        "ignis: error: unknown long flag '--no-config.file', try --help"),
                bad("unknown short flag", "-x", "ignis: error: unknown short flag '-x', try --help"),
                bad("positional argument", "extra", "ignis: error: unexpected extra, try --help"),
                bad("missing value", "--web.listen-address",
                        "ignis: error: expected argument for flag '--web.listen-address', try --help"),
                bad("bad duration", "--query.timeout=5x",
                        "ignis: error: invalid value \"5x\" for flag '--query.timeout': unknown unit \"x\" in "
                                + "duration \"5x\", try --help"),
                bad("bad retention", "--storage.tsdb.retention.time=15",
                        "ignis: error: invalid value \"15\" for flag '--storage.tsdb.retention.time': not a valid "
                                + "duration string: \"15\", try --help"),
                bad("bad integer", "--query.max-concurrency=abc",
                        "ignis: error: invalid value \"abc\" for flag '--query.max-concurrency': expected an integer, "
                                + "try --help"),
                bad("size without unit", "--storage.tsdb.retention.size=12",
                        "ignis: error: invalid value \"12\" for flag '--storage.tsdb.retention.size': expected a "
                                + "number with a unit: B, KB, MB, GB, TB, PB, EB, try --help"),
                bad("bad boolean", "--web.enable-lifecycle=maybe",
                        "ignis: error: invalid value \"maybe\" for flag '--web.enable-lifecycle': expected true or "
                                + "false, try --help"),
                bad("bad log level", "--log.level=verbose",
                        "ignis: error: invalid value \"verbose\" for flag '--log.level': expected one of debug, info, "
                                + "warn, error, try --help"),
                bad("bad log format", "--log.format=xml",
                        "ignis: error: invalid value \"xml\" for flag '--log.format': expected one of logfmt, json, "
                                + "try --help"),
                bad("listen address without port", "--web.listen-address=localhost",
                        "ignis: error: invalid value \"localhost\" for flag '--web.listen-address': missing port in "
                                + "address, try --help"),
                bad("quoted external url", "--web.external-url='http://x'",
                        "ignis: error: invalid value \"'http://x'\" for flag '--web.external-url': URL must not begin "
                                + "or end with quotes, try --help"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWithOneLineNamingTheFlagAndExitsOne(Bad c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(c.args().toArray(String[]::new), print(out), print(err));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(c.stderr() + "\n");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"--help"}, print(out), print(new ByteArrayOutputStream()))).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("usage: ignis [<flags>]\n");
        for (FlagDef def : FlagTable.ALL) {
            assertThat(help).contains("--" + def.name());
        }
        assertThat(help).contains("--config.file=\"prometheus.yml\"", "--query.timeout=2m",
                "--web.external-url=<URL>", "  -h, --help", "check config <config-file>...");
        for (String line : help.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void shortHelpFlagWorksToo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"-h"}, print(out), print(new ByteArrayOutputStream()))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: ignis");
    }

    @Test
    void versionPrintsLikePrometheus() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"--version"}, print(out), print(new ByteArrayOutputStream()))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("(?s)ignis, version \\S+ \\(branch: \\S+, revision: \\S+\\)\n"
                        + "  build user:       .*\n"
                        + "  build date:       .*\n"
                        + "  java version:     17.*\n"
                        + "  platform:         \\w+/\\w+\n");
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
