package io.ignis.scrape.client;

/**
 * The outcome of one scrape request. On success the body (decompressed) is in the caller's
 * {@link ResponseBuffer}; on failure {@code error} holds Prometheus's wording, such as
 * {@code server returned HTTP status 500 Internal Server Error} or {@code body size limit exceeded}.
 *
 * @param contentType the response's Content-Type, empty when absent
 * @param error empty on success
 * @param bodySizeLimitExceeded set when the error is the body size limit, for {@code scrape_body_size_bytes}
 */
public record ScrapeResponse(int status, String contentType, String error, boolean bodySizeLimitExceeded) {
    public boolean isSuccess() {
        return error.isEmpty();
    }
}
