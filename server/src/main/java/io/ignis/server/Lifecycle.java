package io.ignis.server;

import io.ignis.server.metrics.ReadyState;
import io.ignis.server.metrics.ServerMetrics;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness, reload requests and the quit request. Reloads from SIGHUP and from {@code /-/reload} run one at a
 * time on the dedicated {@code ignis-reload} thread, never on a signal or HTTP thread; the first quit request
 * wins and the rest are told termination is under way.
 */
final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final Reloader reloader;
    private final ServerMetrics metrics;
    private final ExecutorService reloadThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ignis-reload");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch quit = new CountDownLatch(1);
    private final AtomicReference<String> quitReason = new AtomicReference<>();

    Lifecycle(Reloader reloader, ServerMetrics metrics) {
        this.reloader = reloader;
        this.metrics = metrics;
    }

    ReadyState readyState() {
        return metrics.readyState();
    }

    void setReady(ReadyState state) {
        metrics.setReady(state);
    }

    /** Queues a reload and returns at once; a failure is logged. For SIGHUP; ignored once stopping. */
    void requestReload() {
        try {
            reloadThread.execute(this::reloadLogged);
        } catch (RejectedExecutionException e) {
            LOG.info("Ignoring reload request: the server is stopping");
        }
    }

    /** Queues a reload and waits for it; throws {@link ReloadException} when it failed. For {@code /-/reload}. */
    void reloadAndWait() throws InterruptedException {
        try {
            reloadThread.submit(reloader::reload).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("bug: reload threw " + e.getCause(), e.getCause());
        }
    }

    private void reloadLogged() {
        try {
            reloader.reload();
        } catch (RuntimeException e) {
            LOG.atError().setMessage("Error reloading config").addKeyValue("err", e.getMessage()).log();
        }
    }

    /** Asks the server to stop; returns false when a stop was already requested. */
    boolean requestQuit(String reason) {
        if (!quitReason.compareAndSet(null, reason)) {
            return false;
        }
        quit.countDown();
        return true;
    }

    /** Blocks until a quit is requested; returns how it was requested. */
    String awaitQuit() throws InterruptedException {
        quit.await();
        return quitReason.get();
    }

    @Override
    public void close() {
        reloadThread.shutdownNow();
    }
}
