package io.ignis.server;

import io.ignis.config.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --config.auto-reload}: checks the configuration file's SHA-256 every interval and reloads when it changed,
 * as Prometheus does. A failed reload keeps the old checksum, so the next tick tries again.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final Lifecycle lifecycle;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ignis-config-watch");
        t.setDaemon(true);
        return t;
    });
    private String checksum;

    ConfigWatcher(Path file, Lifecycle lifecycle) {
        this.file = file;
        this.lifecycle = lifecycle;
    }

    /** Takes the current file as the applied one and starts checking every {@code intervalMillis}. */
    void start(long intervalMillis) {
        checksum = checksumOrEmpty();
        LOG.atInfo().setMessage("Automatic configuration file reloading enabled")
                .addKeyValue("interval", Durations.format(Duration.ofMillis(intervalMillis))).log();
        timer.scheduleWithFixedDelay(this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void check() {
        String current;
        try {
            current = checksum();
        } catch (IOException e) {
            LOG.atError().setMessage("Failed to generate checksum during configuration reload")
                    .addKeyValue("err", e.getMessage()).log();
            return;
        }
        if (current.equals(checksum)) {
            return;
        }
        LOG.info("Configuration file change detected, reloading the configuration.");
        try {
            lifecycle.reloadAndWait();
            checksum = current;
        } catch (ReloadException e) {
            LOG.atError().setMessage("Error reloading config").addKeyValue("err", e.getMessage()).log();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String checksumOrEmpty() {
        try {
            return checksum();
        } catch (IOException e) {
            return "";
        }
    }

    private String checksum() throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("bug: every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
