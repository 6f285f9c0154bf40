package io.ignis.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A manager subscriber that keeps every full update it receives. */
public final class Subscriber implements Consumer<Map<String, List<TargetGroup>>> {
    private final List<Map<String, List<TargetGroup>>> updates = new ArrayList<>();

    @Override
    public synchronized void accept(Map<String, List<TargetGroup>> update) {
        updates.add(update);
    }

    /** The last update, or an empty map before the first one. */
    public synchronized Map<String, List<TargetGroup>> last() {
        return updates.isEmpty() ? Map.of() : updates.get(updates.size() - 1);
    }

    public synchronized int count() {
        return updates.size();
    }

    public synchronized List<Map<String, List<TargetGroup>>> all() {
        return new ArrayList<>(updates);
    }
}
