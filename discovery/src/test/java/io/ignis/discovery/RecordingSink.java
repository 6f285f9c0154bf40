package io.ignis.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A discoverer sink that folds pushes into the latest group per source, as the manager does, and keeps every push.
 */
public final class RecordingSink implements Consumer<List<TargetGroup>> {
    private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
    private final List<List<TargetGroup>> pushes = new ArrayList<>();

    @Override
    public synchronized void accept(List<TargetGroup> update) {
        pushes.add(List.copyOf(update));
        for (TargetGroup tg : update) {
            if (tg.targets().isEmpty()) {
                groups.remove(tg.source());
            } else {
                groups.put(tg.source(), tg);
            }
        }
    }

    /** The current non-empty groups by source. */
    public synchronized Map<String, TargetGroup> groups() {
        return new LinkedHashMap<>(groups);
    }

    public synchronized List<List<TargetGroup>> pushes() {
        return new ArrayList<>(pushes);
    }

    public synchronized int pushCount() {
        return pushes.size();
    }
}
