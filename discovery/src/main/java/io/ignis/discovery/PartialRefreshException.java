package io.ignis.discovery;

import java.util.List;

/** A refresh that got some groups but failed for others; carries the groups that did refresh. */
public final class PartialRefreshException extends Exception {
    private final transient List<TargetGroup> refreshed;

    public PartialRefreshException(String message, List<TargetGroup> refreshed, Throwable cause) {
        super(message, cause);
        this.refreshed = List.copyOf(refreshed);
    }

    public List<TargetGroup> refreshed() {
        return refreshed;
    }
}
