package io.ignis.scrape;

import io.ignis.config.Durations;
import io.ignis.config.LabelNames;
import io.ignis.config.ScrapeConfig;
import io.ignis.discovery.TargetGroup;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.scrape.relabel.Relabeler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns discovered target groups into targets as Prometheus's {@code PopulateLabels} and {@code TargetsFromGroup}:
 * target labels over group labels, the job's defaults where unset, target relabeling, checks, {@code __meta_*}
 * removed, {@code instance} defaulted to the address.
 */
final class TargetBuilder {
    private final ScrapeConfig config;
    private final Relabeler relabeler;

    /** What one discovered target became: a target, a dropped target (labels null), or an error. */
    record Result(Target target, Labels discoveredLabels, String error) {
    }

    TargetBuilder(ScrapeConfig config) {
        this.config = config;
        this.relabeler = Relabeler.compile(config.relabelConfigs(), config.metricNameValidationScheme());
    }

    List<Result> fromGroup(TargetGroup group) {
        List<Result> out = new ArrayList<>(group.targets().size());
        for (int i = 0; i < group.targets().size(); i++) {
            Result r = build(group.targets().get(i), group.labels());
            if (r.error() != null) {
                r = new Result(null, r.discoveredLabels(),
                        "instance " + i + " in group " + group.source() + ": " + r.error());
            }
            out.add(r);
        }
        return out;
    }

    Result build(Map<String, String> targetLabels, Map<String, String> groupLabels) {
        TreeMap<String, String> lb = discoveredLabels(targetLabels, groupLabels);
        Labels discovered = toLabels(lb);
        if (!relabeler.process(lb)) {
            return new Result(null, discovered, null);
        }
        String addr = lb.getOrDefault(Target.ADDRESS, "");
        if (addr.isEmpty()) {
            return new Result(null, discovered, "no address");
        }
        if (addr.contains("/")) {
            return new Result(null, discovered, "\"" + addr + "\" is not a valid hostname");
        }
        String intervalText = lb.getOrDefault(Target.SCRAPE_INTERVAL, "");
        String timeoutText = lb.getOrDefault(Target.SCRAPE_TIMEOUT, "");
        Duration interval;
        Duration timeout;
        try {
            interval = Durations.parse(intervalText);
        } catch (IllegalArgumentException e) {
            return new Result(null, discovered, "error parsing scrape interval: " + e.getMessage());
        }
        if (interval.isZero()) {
            return new Result(null, discovered, "scrape interval cannot be 0");
        }
        try {
            timeout = Durations.parse(timeoutText);
        } catch (IllegalArgumentException e) {
            return new Result(null, discovered, "error parsing scrape timeout: " + e.getMessage());
        }
        if (timeout.isZero()) {
            return new Result(null, discovered, "scrape timeout cannot be 0");
        }
        if (timeout.compareTo(interval) > 0) {
            return new Result(null, discovered, "scrape timeout cannot be greater than scrape interval (\""
                    + timeoutText + "\" > \"" + intervalText + "\")");
        }
        lb.keySet().removeIf(name -> name.startsWith(Target.META_PREFIX));
        lb.putIfAbsent(Target.INSTANCE, addr);
        for (Map.Entry<String, String> l : lb.entrySet()) {
            if (!LabelNames.isValidLabelValue(l.getValue())) {
                return new Result(null, discovered, "invalid label value for \"" + l.getKey() + "\": \""
                        + l.getValue() + "\"");
            }
        }
        return new Result(new Target(toLabels(lb), discovered, config.params()), discovered, null);
    }

    /** Prometheus's {@code PopulateDiscoveredLabels}. */
    private TreeMap<String, String> discoveredLabels(Map<String, String> targetLabels, Map<String, String> groupLabels) {
        TreeMap<String, String> lb = new TreeMap<>();
        groupLabels.forEach((k, v) -> set(lb, k, v));
        targetLabels.forEach((k, v) -> set(lb, k, v));
        setIfAbsent(lb, Target.JOB, config.jobName());
        setIfAbsent(lb, Target.SCRAPE_INTERVAL, Durations.format(config.scrapeInterval()));
        setIfAbsent(lb, Target.SCRAPE_TIMEOUT, Durations.format(config.scrapeTimeout()));
        setIfAbsent(lb, Target.METRICS_PATH, config.metricsPath());
        setIfAbsent(lb, Target.SCHEME, config.scheme());
        config.params().forEach((k, v) -> {
            if (!v.isEmpty()) {
                setIfAbsent(lb, Target.PARAM_PREFIX + k, v.get(0));
            }
        });
        return lb;
    }

    private static void set(TreeMap<String, String> lb, String k, String v) {
        if (v.isEmpty()) {
            lb.remove(k);
        } else {
            lb.put(k, v);
        }
    }

    private static void setIfAbsent(TreeMap<String, String> lb, String k, String v) {
        if (!lb.containsKey(k) && !v.isEmpty()) {
            lb.put(k, v);
        }
    }

    private static Labels toLabels(TreeMap<String, String> lb) {
        LabelsBuilder b = new LabelsBuilder();
        lb.forEach(b::set);
        return b.build();
    }
}
