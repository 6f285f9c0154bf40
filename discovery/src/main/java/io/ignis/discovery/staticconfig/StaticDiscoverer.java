package io.ignis.discovery.staticconfig;

import io.ignis.config.StaticConfig;
import io.ignis.discovery.Discoverer;
import io.ignis.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The static discoverer: one group per {@code static_configs} entry, its source the entry's index within the job
 * ("0", "1", ...), each target {@code {__address__=<target>}}, as Prometheus coalesces them.
 */
public final class StaticDiscoverer implements Discoverer {
    private final List<TargetGroup> groups;

    public StaticDiscoverer(List<StaticConfig> configs) {
        this.groups = groups(configs);
    }

    /** The groups Prometheus builds from these entries. */
    public static List<TargetGroup> groups(List<StaticConfig> configs) {
        List<TargetGroup> out = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            StaticConfig c = configs.get(i);
            List<Map<String, String>> targets = new ArrayList<>(c.targets().size());
            for (String t : c.targets()) {
                targets.add(Map.of(TargetGroup.ADDRESS_LABEL, t));
            }
            out.add(new TargetGroup(Integer.toString(i), targets, c.labels()));
        }
        return List.copyOf(out);
    }

    @Override
    public void start(Consumer<List<TargetGroup>> sink) {
        sink.accept(groups);
    }

    @Override
    public void close() {
    }
}
