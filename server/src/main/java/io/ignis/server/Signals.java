package io.ignis.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP reloads; SIGTERM and SIGINT ask for a graceful stop. The handlers only hand the request over (to the
 * reload thread, or to the main thread waiting in {@link Server#awaitQuit()}), so no work runs on the JVM's
 * signal thread. Only {@link Main} installs them: tests running a server in their own JVM must not.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void install(Server server) {
        handle("HUP", sig -> server.requestReload());
        handle("TERM", sig -> quit(server, "terminated"));
        handle("INT", sig -> quit(server, "interrupt"));
    }

    private static void quit(Server server, String signal) {
        if (server.requestQuit("signal")) {
            LOG.atWarn().setMessage("Received an OS signal, exiting gracefully...").addKeyValue("signal", signal).log();
        }
    }

    private static void handle(String name, sun.misc.SignalHandler handler) {
        try {
            Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException e) {
            // E.g. SIGINT is ignored for background jobs of a non-interactive shell; the JVM then refuses it.
            LOG.atWarn().setMessage("cannot handle signal").addKeyValue("signal", "SIG" + name)
                    .addKeyValue("err", e.getMessage()).log();
        }
    }
}
