package io.ignis.server;

import io.ignis.config.ConfigLoader;
import io.ignis.promql.parser.ParserOptions;
import io.ignis.server.api.BuildInfo;
import io.ignis.server.http.WebConfigException;
import io.ignis.server.logging.LogSetup;
import io.ignis.server.rules.RuleTestRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the {@code ignis} binary: the server by default, {@code check config|rules} as promtool does.
 * Exit codes as Prometheus: 0 after a graceful stop, 1 for a bad command line, 2 when the configuration given at
 * start cannot be loaded.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length > 1 && args[0].equals("test") && args[1].equals("rules")) {
                return testRules(Arrays.copyOfRange(args, 2, args.length), out);
            }
            if (args.length > 0 && args[0].equals("check")) {
                return new CheckCommand(ConfigLoader::loadFile, new RuleFileCheck(ParserOptions.defaults()), out, err)
                        .run(Arrays.copyOfRange(args, 1, args.length));
            }
            CommandLineArgs cl = FlagParser.parse(args);
            if (cl.help()) {
                out.print(Usage.help());
                return 0;
            }
            if (cl.version()) {
                out.print(Usage.version(BuildInfo.load()));
                return 0;
            }
            return serve(Flags.from(cl));
        } catch (FlagException e) {
            err.println("ignis: error: " + e.getMessage() + ", try --help");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** {@code ignis test rules FILE...}: runs rule unit tests in promtool's format, exit 0 when all pass. */
    private static int testRules(String[] files, PrintStream out) {
        if (files.length == 0) {
            throw new FlagException("required argument 'test-rule-file' not provided");
        }
        List<Path> paths = new ArrayList<>();
        for (String f : files) {
            paths.add(Path.of(f));
        }
        return RuleTestRunner.run(paths, out) ? 0 : 1;
    }

    private static int serve(Flags flags) throws InterruptedException {
        LogSetup.configure(flags.logLevel(), flags.logFormat());
        Logger log = LoggerFactory.getLogger(Main.class);
        BuildInfo build = BuildInfo.load();
        log.atInfo().setMessage("Starting Ignis").addKeyValue("mode", "server").addKeyValue("version",
                "(version=" + build.version() + ", branch=" + build.branch() + ", revision=" + build.revision() + ")")
                .log();
        log.atInfo().setMessage("operational information")
                .addKeyValue("build_context", "(java=" + System.getProperty("java.version") + ", platform="
                        + Usage.platform() + ", user=" + build.buildUser() + ", date=" + build.buildDate() + ")")
                .addKeyValue("host_details", "(" + System.getProperty("os.name") + " "
                        + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ")")
                .addKeyValue("jvm_limits", "(max_heap=" + Runtime.getRuntime().maxMemory() + ", processors="
                        + Runtime.getRuntime().availableProcessors() + ")")
                .log();
        for (String feature : flags.features()) {
            log.atInfo().setMessage("Experimental feature enabled").addKeyValue("feature", feature).log();
        }
        try {
            // As Prometheus does: an unusable configuration stops the start before anything listens.
            ConfigLoader.loadFile(flags.configFile());
        } catch (RuntimeException e) {
            logConfigError(log, flags, e);
            return 2;
        }
        Server server;
        try {
            server = new Server(flags, build);
        } catch (WebConfigException e) {
            log.atError().setMessage("Unable to load the web configuration").addKeyValue("err", e.getMessage()).log();
            return 1;
        }
        Signals.install(server);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "ignis-shutdown"));
        try {
            server.start();
        } catch (ReloadException e) {
            logConfigError(log, flags, e);
            server.shutdown();
            return 2;
        } catch (Exception e) {
            // Netty rethrows a failed bind (a checked BindException) without declaring it.
            log.atError().setMessage("Unable to start web listener").addKeyValue("err", String.valueOf(e)).log();
            server.shutdown();
            return 1;
        }
        if (server.awaitQuit().equals("http")) {
            log.warn("Received termination request via web service, exiting gracefully...");
        }
        server.shutdown();
        log.info("See you next time!");
        return 0;
    }

    private static void logConfigError(Logger log, Flags flags, RuntimeException e) {
        log.atError().setMessage("Error loading config (--config.file=" + flags.configFile() + ")")
                .addKeyValue("file", flags.configFile().toAbsolutePath()).addKeyValue("err", e.getMessage()).log();
    }
}
