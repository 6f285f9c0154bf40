package io.ignis.discovery;

/** Makes the discoverer for one provider; {@link Mechanisms} is the real one, tests pass fakes. */
public interface DiscovererFactory {
    /**
     * Creates (but does not start) a discoverer. {@code setName} is the first job using it, for logs and metrics.
     *
     * @throws RuntimeException when the config cannot be turned into a discoverer; the manager counts it as a
     *     failed config and the job runs without it
     */
    Discoverer create(SdConfig config, String setName);
}
