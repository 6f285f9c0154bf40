package io.ignis.scrape.client;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One request from the caller's point of view, across redirects: finishes exactly once, by success, failure or
 * timeout, whichever comes first, and then closes its connection.
 */
final class Exchange {
    private final String url;
    private final Consumer<ScrapeResponse> done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Channel channel;

    Exchange(String url, Consumer<ScrapeResponse> done) {
        this.url = url;
        this.done = done;
    }

    void attach(Channel ch) {
        channel = ch;
        if (finished.get()) {
            ch.close();
        }
    }

    boolean isFinished() {
        return finished.get();
    }

    void succeed(int status, String contentType) {
        finish(new ScrapeResponse(status, contentType, "", false));
    }

    /** A failure of the request itself, worded as Go's client error: {@code Get "<url>": <reason>}. */
    void fail(String reason) {
        finish(new ScrapeResponse(0, "", "Get \"" + url + "\": " + reason, false));
    }

    /** A failure with the response in hand (status, body size): no {@code Get "…"} prefix, as in Prometheus. */
    void failResponse(int status, String error, boolean bodySizeLimitExceeded) {
        finish(new ScrapeResponse(status, "", error, bodySizeLimitExceeded));
    }

    private void finish(ScrapeResponse r) {
        if (finished.compareAndSet(false, true)) {
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
            done.accept(r);
        }
    }
}
