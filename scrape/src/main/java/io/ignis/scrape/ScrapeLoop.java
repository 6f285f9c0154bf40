package io.ignis.scrape;

import io.ignis.scrape.client.Connection;
import io.ignis.scrape.client.ResponseBuffer;
import io.ignis.scrape.client.ScrapeClient;
import io.ignis.scrape.client.ScrapeResponse;
import io.ignis.storage.Appendable;
import io.ignis.storage.Appender;
import io.ignis.storage.StorageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes one target at a fixed interval as Prometheus's {@code scrapeLoop}: a tick, timed by the event loop of
 * the target's connection, sends the request there and returns (no thread is woken for it); the response is
 * appended, committed atomically with the report series, or rolled back whole on any error (then only stale markers
 * and the report are written). A response of at most {@value #INLINE_BODY_LIMIT} bytes is appended right there on
 * the event loop, as a Prometheus scrape goroutine goes on from reading to appending: a few milliseconds at most,
 * and no thread to wake (handing every response to another thread cost about 6% of the CPU per sample, #5). A
 * bigger one, or a failure, is handed to the scheduler, so a big target never holds up the I/O of the targets
 * sharing its event loop for long. A tick that finds the previous scrape still running is skipped, so a slow target
 * delays only itself. The loop keeps one HTTP connection to its target across scrapes and closes it when stopped.
 *
 * <p>{@link #stop} may be called from any thread; after it returns, nothing more is appended except the
 * end-of-run stale markers, when asked for, two intervals later.
 */
final class ScrapeLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeLoop.class);
    /** The largest body appended on the event loop: about 5,000 series, a few milliseconds of parsing. */
    static final int INLINE_BODY_LIMIT = 512 * 1024;

    private final Target target;
    private final LoopOptions opts;
    private final Connection connection;
    private final Appendable appendable;
    private final ScheduledExecutorService scheduler;
    private final ScrapeMetrics metrics;
    private final LongSupplier clockMillis;
    private final LongSupplier nanoTime;
    private final ScrapeAppend append;
    private final ReportSeries report;
    private final ResponseBuffer body = new ResponseBuffer(64 * 1024);
    private final Map<String, String> headers;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final double[] reportValues = new double[ReportSeries.NAMES.length];
    private final TickAligner aligner;

    private ScheduledFuture<?> ticker;
    private boolean inFlight;
    private boolean stopped;
    private long lastScrapeMillis;
    private long lastStartNanos;
    private boolean scrapedBefore;
    private volatile String forcedError = "";

    ScrapeLoop(Target target, ScrapeCache cache, LoopOptions opts, ScrapeClient client, Appendable appendable,
            ScheduledExecutorService scheduler, ScrapeMetrics metrics, LongSupplier clockMillis, LongSupplier nanoTime,
            String userAgent, boolean adjustTimestamps) {
        this.target = target;
        this.opts = opts;
        this.connection = client.newConnection();
        this.appendable = appendable;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.clockMillis = clockMillis;
        this.nanoTime = nanoTime;
        this.append = new ScrapeAppend(target, cache, opts, metrics);
        this.report = new ReportSeries(target, opts.extraScrapeMetrics());
        this.intervalNanos = target.interval().toNanos();
        this.timeoutNanos = target.timeout().toNanos();
        this.aligner = adjustTimestamps ? new TickAligner(intervalNanos / 1_000_000) : null;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", opts.acceptHeader());
        h.put("User-Agent", userAgent);
        h.put("X-Prometheus-Scrape-Timeout-Seconds", LoopOptions.seconds(timeoutNanos));
        this.headers = Map.copyOf(h);
    }

    Target target() {
        return target;
    }

    ScrapeCache cache() {
        return append.cache();
    }

    /** Fails every scrape with this error without sending requests (target_limit exceeded); empty to clear. */
    void setForcedError(String error) {
        forcedError = error;
    }

    /** Starts ticking after {@code initialDelayNanos}, then every interval. */
    synchronized void start(long initialDelayNanos) {
        ticker = connection.eventLoop().scheduleAtFixedRate(this::tick, initialDelayNanos, intervalNanos,
                TimeUnit.NANOSECONDS);
    }

    /**
     * Stops ticking; a response still in flight is discarded. With {@code endOfRunStaleness}, stale markers for all
     * of the target's series and report series follow after two more intervals plus 10 %, time-stamped at the
     * first scrape that did not happen, unless {@code shuttingDown} says the server is stopping by then.
     */
    synchronized void stop(boolean endOfRunStaleness, java.util.function.BooleanSupplier shuttingDown) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        connection.close();
        if (endOfRunStaleness && lastScrapeMillis != 0) {
            long staleAt = lastScrapeMillis + intervalNanos / 1_000_000;
            long delay = 2 * intervalNanos + intervalNanos / 10;
            scheduler.schedule(() -> {
                if (!shuttingDown.getAsBoolean()) {
                    endOfRunStaleness(staleAt);
                }
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void tick() {
        long startNanos;
        long startMillis;
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (inFlight) {
                metrics.scrapesSkipped.increment();
                return;
            }
            inFlight = true;
            startNanos = nanoTime.getAsLong();
            long now = clockMillis.getAsLong();
            startMillis = aligner == null ? now : aligner.align(now);
        }
        String forced = forcedError;
        if (!forced.isEmpty()) {
            handOff(scheduler, new ScrapeResponse(0, "", forced, false), startMillis, startNanos);
            return;
        }
        try {
            connection.get(target.url(), headers, timeoutNanos, opts.bodySizeLimit(), opts.enableCompression(), body,
                    r -> responded(r, startMillis, startNanos));
        } catch (RuntimeException e) {
            handOff(scheduler, new ScrapeResponse(0, "", String.valueOf(e.getMessage()), false), startMillis,
                    startNanos);
        }
    }

    /** On the event loop: a small successful response is appended here, anything else on the scheduler. */
    private void responded(ScrapeResponse r, long startMillis, long startNanos) {
        boolean here = r.error().isEmpty() && body.length() <= INLINE_BODY_LIMIT;
        // A task of this same loop rather than a call: it runs right after the I/O at hand, wakes no thread, and
        // the read handler that delivered the response has returned (its buffers released) before the append.
        handOff(here ? connection.eventLoop() : scheduler, r, startMillis, startNanos);
    }

    /** Runs the append on {@code executor}: this event loop, or the scheduler. */
    private void handOff(Executor executor, ScrapeResponse r, long startMillis, long startNanos) {
        try {
            executor.execute(() -> complete(r, startMillis, startNanos));
        } catch (RejectedExecutionException e) {
            // The executor is shutting down: nothing more is appended.
            synchronized (this) {
                inFlight = false;
            }
        }
    }

    private void complete(ScrapeResponse r, long startMillis, long startNanos) {
        synchronized (this) {
            try {
                if (!stopped) {
                    scrapeAndReport(r, startMillis, startNanos);
                }
            } catch (RuntimeException e) {
                // Storage refused the appender or the commit: the target is down for this scrape, the loop goes on.
                LOG.warn("scrape loop failed target={} err={}", target.url(), e.toString());
                target.report(startMillis, nanoTime.getAsLong() - startNanos, String.valueOf(e.getMessage()));
            } finally {
                inFlight = false;
            }
        }
    }

    /** Appends one scrape's outcome: samples or stale markers, then the report, in one committed batch. */
    void scrapeAndReport(ScrapeResponse r, long startMillis, long startNanos) {
        metrics.scrapes.increment();
        lastScrapeMillis = startMillis;
        if (scrapedBefore) {
            metrics.observer.intervalLength(intervalNanos, startNanos - lastStartNanos);
        }
        scrapedBefore = true;
        lastStartNanos = startNanos;
        String scrapeErr = r.error();
        if (r.bodySizeLimitExceeded()) {
            metrics.exceededBodySizeLimit.increment();
        }
        Appender app = appendable.appender();
        String appErr = null;
        if (scrapeErr.isEmpty()) {
            appErr = append.append(app, body.bytes(), body.length(), r.contentType(), startMillis);
        } else {
            append.appendEmpty(app, startMillis);
        }
        if (appErr != null) {
            app.rollback();
            app = appendable.appender();
            append.appendEmpty(app, startMillis);
            scrapeErr = appErr;
        }
        long durationNanos = nanoTime.getAsLong() - startNanos;
        fillReport(scrapeErr.isEmpty(), durationNanos, r);
        report.append(app, startMillis, reportValues);
        // Health first, so whoever sees this scrape's samples also sees its health.
        target.report(startMillis, durationNanos, scrapeErr);
        try {
            app.commit();
        } catch (StorageException e) {
            app.rollback();
            target.report(startMillis, durationNanos, "commit: " + e.getMessage());
        }
        metrics.observer.scrapeDuration(nanoTime.getAsLong() - startNanos);
    }

    private void fillReport(boolean up, long durationNanos, ScrapeResponse r) {
        reportValues[ReportSeries.UP] = up ? 1 : 0;
        reportValues[ReportSeries.DURATION] = durationNanos / 1e9;
        reportValues[ReportSeries.SCRAPED] = append.total;
        reportValues[ReportSeries.POST_RELABEL] = append.added;
        reportValues[ReportSeries.SERIES_ADDED] = append.seriesAdded;
        reportValues[ReportSeries.TIMEOUT] = timeoutNanos / 1e9;
        reportValues[ReportSeries.SAMPLE_LIMIT] = opts.sampleLimit();
        reportValues[ReportSeries.BODY_SIZE] = r.bodySizeLimitExceeded() ? -1 : r.isSuccess() ? body.length() : 0;
    }

    private synchronized void endOfRunStaleness(long staleAt) {
        Appender app = appendable.appender();
        append.appendEmpty(app, staleAt);
        report.appendStale(app, staleAt);
        try {
            app.commit();
        } catch (StorageException e) {
            app.rollback();
            LOG.warn("end-of-run stale markers failed target={} err={}", target.url(), e.getMessage());
        }
    }
}
