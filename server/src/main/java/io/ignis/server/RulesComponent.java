package io.ignis.server;

import io.ignis.config.AlertmanagerConfig;
import io.ignis.config.PrometheusConfig;
import io.ignis.config.ServiceDiscoveryConfigs;
import io.ignis.discovery.DiscoveryManager;
import io.ignis.discovery.Mechanisms;
import io.ignis.labels.Labels;
import io.ignis.promql.engine.Engine;
import io.ignis.server.api.AlertmanagersSource;
import io.ignis.server.api.RulesSource;
import io.ignis.server.metrics.DiscoverySelfMetrics;
import io.ignis.server.notifier.AlertmanagerTarget;
import io.ignis.server.notifier.Notifier;
import io.ignis.server.notifier.NotifierMetrics;
import io.ignis.server.rules.Alert;
import io.ignis.server.rules.AlertingRule;
import io.ignis.server.rules.Group;
import io.ignis.server.rules.GroupOptions;
import io.ignis.server.rules.RecordingRule;
import io.ignis.server.rules.Rule;
import io.ignis.server.rules.RuleConcurrency;
import io.ignis.server.rules.RuleManager;
import io.ignis.server.rules.RuleMetrics;
import io.ignis.server.rules.RuleQuery;
import io.ignis.storage.Appendable;
import io.ignis.storage.Queryable;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule manager, the notifier and its discovery manager ({@code notify}) as Prometheus's main wires them: on
 * reload the notifier takes the {@code alerting} block, the notify discovery its Alertmanager SD configs, then the
 * rule manager loads the rule files; groups evaluate only after {@link #start()},
 * once storage is open. Also what the API shows of them ({@code /api/v1/rules}, {@code alerts},
 * {@code alertmanagers}).
 */
final class RulesComponent implements Reloadable, AlertmanagersSource, AutoCloseable {
    static final String CONCURRENT_RULE_EVAL = "concurrent-rule-eval";
    static final String MAX_CONCURRENT_EVALS = "rules.max-concurrent-evals";

    private final RuleManager rules;
    private final Notifier notifier;
    private final DiscoveryManager discovery;
    private final String externalUrl;

    /**
     * {@code registry} gets the {@code prometheus_rule_*} and {@code prometheus_notifications_*} families; the notify
     * discovery manager records into {@code sdMetrics} under {@code name="notify"} (the instance the scrape
     * discovery records into, since the registry takes each family once).
     */
    RulesComponent(Appendable appendable, Queryable queryable, Engine engine, Flags flags,
            PrometheusRegistry registry, DiscoverySelfMetrics sdMetrics) {
        sdMetrics.addManager("notify");
        this.externalUrl = flags.externalUrl() == null ? "" : flags.externalUrl().toString();
        NotifierMetrics notifierMetrics = new NotifierMetrics();
        notifierMetrics.register(registry);
        RuleMetrics ruleMetrics = new RuleMetrics();
        ruleMetrics.register(registry);
        this.notifier = new Notifier(flags.notificationQueueCapacity(), notifierMetrics);
        this.rules = new RuleManager(new GroupOptions(appendable, queryable, RuleQuery.of(engine, queryable),
                notifier.notifyFunc(externalUrl), flags.forOutageToleranceMillis(), flags.forGracePeriodMillis(),
                flags.resendDelayMillis(), System::currentTimeMillis,
                GroupOptions.Sleeper.system(System::currentTimeMillis), ruleMetrics, concurrency(flags)));
        this.discovery = new DiscoveryManager("notify", new Mechanisms(sdMetrics), sdMetrics,
                DiscoveryManager.DEFAULT_UPDATE_INTERVAL, System::currentTimeMillis);
        discovery.subscribe(notifier::sync);
    }

    /**
     * Prometheus's {@code --enable-feature=concurrent-rule-eval} with {@code --rules.max-concurrent-evals} slots
     * (default 4); sequential evaluation without the feature.
     */
    static RuleConcurrency concurrency(Flags flags) {
        if (!flags.hasFeature(CONCURRENT_RULE_EVAL)) {
            return RuleConcurrency.SEQUENTIAL;
        }
        String max = flags.values().getOrDefault(MAX_CONCURRENT_EVALS, "4");
        long n;
        try {
            n = Long.parseLong(max.strip());
        } catch (NumberFormatException e) {
            throw FlagException.invalidValue(MAX_CONCURRENT_EVALS, max, "expected an integer");
        }
        // As Prometheus's semaphore: no slots at all means every rule runs on its group's thread.
        return n <= 0 ? RuleConcurrency.SEQUENTIAL : RuleConcurrency.concurrent((int) Math.min(n, Integer.MAX_VALUE));
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public void apply(PrometheusConfig config) {
        // Prometheus's reloader order: the notifier, then its discovery ("notify_sd"), then the rules.
        notifier.applyConfig(config.alerting(), config.global().externalLabels(),
                config.global().metricNameValidationScheme());
        Map<String, ServiceDiscoveryConfigs> sd = new LinkedHashMap<>();
        List<AlertmanagerConfig> ams = config.alerting().alertmanagers();
        for (int i = 0; i < ams.size(); i++) {
            sd.put(Notifier.setName(i), ams.get(i).serviceDiscoveryConfigs());
        }
        discovery.applyConfig(sd);
        rules.update(config.global().evaluationInterval().toMillis(), config.global().ruleQueryOffset().toMillis(),
                config.matchRuleFiles(), config.global().externalLabels(), externalUrl);
    }

    /** Starts evaluation and notification; call once storage is open. */
    void start() {
        notifier.start();
        rules.start();
    }

    /** The groups as {@code /api/v1/rules} and {@code /api/v1/alerts} show them: a {@link RulesSource}. */
    List<RulesSource.Group> apiGroups() {
        List<RulesSource.Group> out = new ArrayList<>();
        for (Group g : rules.ruleGroups()) {
            List<RulesSource.Rule> rs = new ArrayList<>();
            for (Rule r : g.rules()) {
                rs.add(toApi(r));
            }
            out.add(new RulesSource.Group(g.name(), g.file(), rs, g.intervalMs() / 1000.0, (int) g.limit(),
                    g.evaluationTimeNanos() / 1e9, g.lastEvaluation()));
        }
        return out;
    }

    private static RulesSource.Rule toApi(Rule r) {
        double seconds = r.evaluationDurationNanos() / 1e9;
        if (r instanceof AlertingRule a) {
            List<RulesSource.Alert> alerts = new ArrayList<>();
            for (Alert x : a.activeAlerts()) {
                alerts.add(new RulesSource.Alert(x.labels(), x.annotations(), x.state().apiName(), x.activeAt(),
                        x.keepFiringSince(), x.value()));
            }
            return new RulesSource.AlertingRule(a.state().apiName(), a.name(), a.query(),
                    a.holdDurationMs() / 1000.0, a.keepFiringForMs() / 1000.0, a.labels(),
                    Labels.fromMap(a.annotations()), alerts, a.health().apiName(), a.lastError(), seconds,
                    a.evaluationTimestamp());
        }
        RecordingRule rec = (RecordingRule) r;
        return new RulesSource.RecordingRule(rec.name(), rec.query(), rec.labels(), rec.health().apiName(),
                rec.lastError(), seconds, rec.evaluationTimestamp());
    }

    @Override
    public List<String> active() {
        List<String> out = new ArrayList<>();
        for (AlertmanagerTarget t : notifier.alertmanagers()) {
            out.add(t.url().toString());
        }
        return out;
    }

    @Override
    public List<String> dropped() {
        return notifier.droppedAlertmanagers();
    }

    /** Stops the groups (no stale markers: the server is going away) and then the notifier, as Prometheus. */
    @Override
    public void close() {
        rules.stop();
        discovery.close();
        notifier.stop();
    }
}
