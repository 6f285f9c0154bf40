package io.ignis.discovery.kubernetes;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.ignis.discovery.DiscoveryMetrics;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every failed request of the discoverer's client (refused connection, error status) as Prometheus counts
 * failed list and watch requests. The informers retry on their own; this only observes.
 */
final class FailureCounter implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(FailureCounter.class);

    private final DiscoveryMetrics metrics;

    FailureCounter(DiscoveryMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        metrics.kubernetesFailure();
        LOG.warn("kubernetes request failed uri={} err=\"{}\"", request.uri(), failure.getMessage());
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
        metrics.kubernetesFailure();
        LOG.warn("kubernetes request failed uri={} status={}", response.request().uri(), response.code());
        return CompletableFuture.completedFuture(false);
    }
}
