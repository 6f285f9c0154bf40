package io.ignis.scrape;

import io.ignis.scrape.client.ClientEventLoop;
import io.ignis.storage.Appendable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** What every pool of a manager shares: storage, the event loop, the scheduler, clocks and settings. */
record PoolContext(Appendable appendable, ClientEventLoop eventLoop, ScheduledExecutorService scheduler,
        ScrapeMetrics metrics, LongSupplier clockMillis, LongSupplier nanoTime, String userAgent,
        boolean appendExemplars, boolean appendMetadata, String hostname, BooleanSupplier shuttingDown) {
}
