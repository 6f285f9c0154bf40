package io.ignis.server.notifier;

import io.ignis.config.AlertmanagerConfig;
import io.ignis.config.HttpClientConfig;
import io.ignis.discovery.TargetGroup;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.scrape.relabel.Relabeler;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Alertmanagers of one {@code alerting.alertmanagers} entry, as Prometheus's {@code alertmanagerSet}: its
 * discovered target groups turned into URLs through the entry's {@code relabel_configs}, the ones relabeling
 * dropped, and the entry's own {@code alert_relabel_configs}. Thread-safe: the lists are replaced whole.
 */
final class AlertmanagerSet {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSet.class);

    private final AlertmanagerConfig config;
    private final Relabeler relabel;
    private final Relabeler alertRelabel;
    private final long timeoutMs;
    private final HttpClientConfig http;
    private volatile List<AlertmanagerTarget> active = List.of();
    private volatile List<String> dropped = List.of();

    /** What one target group yields: Alertmanagers kept by relabeling, and the URLs of those it dropped. */
    record Discovered(List<AlertmanagerTarget> active, List<String> dropped) {
    }

    AlertmanagerSet(AlertmanagerConfig config, String nameValidationScheme) {
        this.config = Objects.requireNonNull(config, "config");
        this.relabel = Relabeler.compile(config.relabelConfigs(), nameValidationScheme);
        this.alertRelabel = Relabeler.compile(config.alertRelabelConfigs(), nameValidationScheme);
        this.timeoutMs = config.timeout() == null ? AlertmanagerConfig.DEFAULT_TIMEOUT.toMillis()
                : config.timeout().toMillis();
        this.http = config.httpClientConfig() == null ? HttpClientConfig.DEFAULT : config.httpClientConfig();
    }

    AlertmanagerConfig config() {
        return config;
    }

    /** Takes over what an earlier set with an equal config discovered, so a reload sends on without a gap. */
    void inherit(AlertmanagerSet old) {
        active = old.active;
        dropped = old.dropped;
    }

    /**
     * Prometheus's {@code sync}: every group's Alertmanagers, deduplicated by URL, replace the current ones; a
     * group with an invalid address is logged and skipped whole.
     */
    void sync(List<TargetGroup> groups) {
        List<AlertmanagerTarget> all = new ArrayList<>();
        List<String> allDropped = new ArrayList<>();
        for (TargetGroup tg : groups) {
            try {
                Discovered d = fromGroup(tg);
                all.addAll(d.active());
                allDropped.addAll(d.dropped());
            } catch (IllegalArgumentException e) {
                LOG.error("msg=\"creating discovered Alertmanagers failed\" err=\"{}\"", e.getMessage());
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<AlertmanagerTarget> unique = new ArrayList<>();
        for (AlertmanagerTarget t : all) {
            if (seen.add(t.url().toString())) {
                unique.add(t);
            }
        }
        dropped = List.copyOf(allDropped);
        active = List.copyOf(unique);
    }

    /**
     * Prometheus's {@code AlertmanagerFromGroup}: each target's labels, with {@code __scheme__} and
     * {@code __alerts_path__} preset from the entry and the group's labels where the target lacks them, go through
     * {@code relabel_configs}; a dropped one is listed by its labels before relabeling. Throws
     * IllegalArgumentException when a kept address is not a host (it holds a slash).
     */
    Discovered fromGroup(TargetGroup tg) {
        List<AlertmanagerTarget> out = new ArrayList<>();
        List<String> droppedUrls = new ArrayList<>();
        String path = AlertmanagerUrl.postPath(config.pathPrefix(), config.apiVersion() == null
                ? AlertmanagerConfig.API_V2 : config.apiVersion());
        for (Map<String, String> t : tg.targets()) {
            LabelsBuilder lb = new LabelsBuilder();
            t.forEach(lb::set);
            lb.set(AlertmanagerUrl.SCHEME_LABEL, config.scheme());
            lb.set(AlertmanagerUrl.PATH_LABEL, path);
            tg.labels().forEach((k, v) -> {
                if (!t.containsKey(k)) {
                    lb.set(k, v);
                }
            });
            Labels pre = lb.build();
            Labels post = relabel.process(pre);
            if (post == null) {
                droppedUrls.add(AlertmanagerUrl.of(pre));
                continue;
            }
            String address = post.get(AlertmanagerUrl.ADDRESS_LABEL);
            if (address.contains("/")) {
                throw new IllegalArgumentException("\"" + address + "\" is not a valid hostname");
            }
            out.add(new AlertmanagerTarget(URI.create(AlertmanagerUrl.of(post)), timeoutMs, http));
        }
        return new Discovered(out, droppedUrls);
    }

    /** The entry's {@code alert_relabel_configs} over a batch, without external labels, as Prometheus 3. */
    List<NotifierAlert> relabelAlerts(List<NotifierAlert> alerts) {
        return alertRelabel.isEmpty() ? alerts : AlertRelabel.apply(alertRelabel, Map.of(), alerts);
    }

    List<AlertmanagerTarget> active() {
        return active;
    }

    List<String> dropped() {
        return dropped;
    }
}
