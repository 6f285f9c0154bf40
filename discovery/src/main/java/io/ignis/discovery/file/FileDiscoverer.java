package io.ignis.discovery.file;

import io.ignis.config.FileSdConfig;
import io.ignis.discovery.Discoverer;
import io.ignis.discovery.DiscoveryMetrics;
import io.ignis.discovery.TargetGroup;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File SD as Prometheus's {@code discovery/file}: every matching file is read on start, on any event in a watched
 * directory and every refresh interval. A file that cannot be read or parsed keeps the groups it had (nothing is
 * sent for it) and counts in {@code prometheus_sd_file_read_errors_total}; a file that disappears, or now holds
 * fewer groups, gets empty groups for the sources it no longer has.
 */
public final class FileDiscoverer implements Discoverer {
    private static final Logger LOG = LoggerFactory.getLogger(FileDiscoverer.class);

    private final List<String> patterns;
    private final long intervalNanos;
    private final DiscoveryMetrics metrics;
    private final Set<Path> watchedDirs = new HashSet<>();
    private volatile Map<String, Integer> lastRefresh = new HashMap<>();
    private Consumer<List<TargetGroup>> sink;
    private WatchService watcher;
    private Thread thread;
    private volatile boolean closed;

    public FileDiscoverer(FileSdConfig config, DiscoveryMetrics metrics) {
        this.patterns = List.copyOf(config.files());
        this.intervalNanos = Math.max(1, config.refreshInterval().toNanos());
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void start(Consumer<List<TargetGroup>> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        try {
            watcher = Path.of(".").getFileSystem().newWatchService();
        } catch (IOException e) {
            // Keep going on the refresh interval alone.
            metrics.fileWatcherError();
            LOG.error("error adding file watcher err=\"{}\"", e.getMessage(), e);
        }
        thread = new Thread(this::run, "sd-file-" + patterns.get(0));
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long nextRefresh = 0;
        try {
            while (!closed) {
                refresh();
                nextRefresh = System.nanoTime() + intervalNanos;
                waitForChange(nextRefresh);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    // Returns on the first relevant event or when the refresh interval has passed.
    private void waitForChange(long deadline) throws InterruptedException {
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (watcher == null) {
                TimeUnit.NANOSECONDS.sleep(left);
                return;
            }
            WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
            if (key == null) {
                return;
            }
            boolean relevant = !key.pollEvents().isEmpty();
            if (!key.reset()) {
                watchedDirs.remove((Path) key.watchable());
            }
            if (relevant) {
                return;
            }
        }
    }

    private void refresh() {
        long start = System.nanoTime();
        watchDirectories();
        Map<String, Integer> ref = new HashMap<>();
        for (String path : listFiles()) {
            if (closed) {
                return;
            }
            List<TargetGroup> groups;
            try {
                groups = readFile(path);
            } catch (IOException | IllegalArgumentException e) {
                metrics.fileReadError();
                LOG.error("error reading file path={} err=\"{}\"", path, e.getMessage());
                ref.put(path, lastRefresh.getOrDefault(path, 0));
                continue;
            }
            sink.accept(groups);
            ref.put(path, groups.size());
        }
        for (Map.Entry<String, Integer> e : lastRefresh.entrySet()) {
            Integer now = ref.get(e.getKey());
            int m = now == null ? 0 : now;
            if (now == null || e.getValue() > m) {
                if (now == null) {
                    metrics.fileMtime(e.getKey(), -1);
                }
                List<TargetGroup> gone = new ArrayList<>();
                for (int i = m; i < e.getValue(); i++) {
                    gone.add(TargetGroup.empty(e.getKey() + ":" + i));
                }
                sink.accept(gone);
            }
        }
        lastRefresh = ref;
        metrics.fileScanDuration(System.nanoTime() - start);
    }

    private List<String> listFiles() {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            try {
                out.addAll(FileGlob.match(p));
            } catch (IOException e) {
                LOG.error("error expanding glob glob={} err=\"{}\"", p, e.getMessage());
            }
        }
        return out;
    }

    private List<TargetGroup> readFile(String path) throws IOException {
        Path p = Path.of(path);
        byte[] content = Files.readAllBytes(p);
        long mtime = Files.getLastModifiedTime(p).toMillis();
        List<TargetGroup> groups = TargetGroupFile.parse(path, content);
        metrics.fileMtime(path, mtime);
        return groups;
    }

    // Watches are (re)added on every refresh, so a directory created later is picked up; unlike Prometheus, before
    // the files are read, so that an edit made just after the read is never missed.
    private void watchDirectories() {
        if (watcher == null) {
            return;
        }
        for (String p : patterns) {
            Path dir = FileGlob.directory(p);
            if (watchedDirs.contains(dir) || !Files.isDirectory(dir)) {
                continue;
            }
            try {
                dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                watchedDirs.add(dir);
            } catch (IOException | ClosedWatchServiceException e) {
                LOG.error("error adding file watch path={} err=\"{}\"", dir, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            LOG.error("error closing file watcher paths={} err=\"{}\"", patterns, e.getMessage());
        }
        for (String path : lastRefresh.keySet()) {
            metrics.fileMtime(path, -1);
        }
    }
}
