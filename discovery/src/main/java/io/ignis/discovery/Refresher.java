package io.ignis.discovery;

import java.util.List;

/** One full poll of a polling mechanism (DNS, EC2): returns every group it knows now. */
@FunctionalInterface
public interface Refresher {
    /**
     * @throws PartialRefreshException when some groups are fresh and others failed: the fresh ones are sent,
     *     the failed ones keep their last value, and the refresh counts as failed
     * @throws Exception when nothing could be refreshed; the last groups stay as they are
     */
    List<TargetGroup> refresh() throws Exception;
}
