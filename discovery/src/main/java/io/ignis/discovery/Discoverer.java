package io.ignis.discovery;

import java.util.List;
import java.util.function.Consumer;

/**
 * One running SD mechanism instance, as Prometheus's {@code discovery.Discoverer}. {@link #start} returns at once;
 * the discoverer then pushes lists of changed {@link TargetGroup}s to the sink from its own threads until
 * {@link #close()}. The first push should carry every group it knows; later pushes may carry only changed groups
 * (an empty group removes its source). A failing source keeps the groups it sent last, retries on its own, and
 * counts the failure in {@link DiscoveryMetrics}. The sink is thread-safe and never blocks for long.
 */
public interface Discoverer extends AutoCloseable {
    /** Starts discovery; called once. */
    void start(Consumer<List<TargetGroup>> sink);

    /** Stops every thread and watch this discoverer started; it pushes nothing afterwards. Idempotent. */
    @Override
    void close();
}
