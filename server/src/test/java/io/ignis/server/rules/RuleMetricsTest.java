package io.ignis.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.server.metrics.ExpositionText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleMetricsTest {
    private static final String G = "/etc/rules.yml;g1";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RuleMetrics metrics = new RuleMetrics();

    RuleMetricsTest() {
        metrics.register(registry.getPrometheusRegistry());
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aStartedGroupShowsEveryPrometheusFamilyWithItsRuleGroupLabel() {
        metrics.set("prometheus_rule_group_interval_seconds", G, 15);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.families("prometheus_rule_")).containsExactly(
                "prometheus_rule_evaluation_duration_histogram_seconds",
                "prometheus_rule_evaluation_duration_seconds",
                "prometheus_rule_evaluation_failures_total",
                "prometheus_rule_evaluations_total",
                "prometheus_rule_group_duration_histogram_seconds",
                "prometheus_rule_group_duration_seconds",
                "prometheus_rule_group_interval_seconds",
                "prometheus_rule_group_iterations_missed_total",
                "prometheus_rule_group_iterations_total",
                "prometheus_rule_group_last_duration_seconds",
                "prometheus_rule_group_last_evaluation_samples",
                "prometheus_rule_group_last_evaluation_timestamp_seconds",
                "prometheus_rule_group_last_rule_duration_sum_seconds",
                "prometheus_rule_group_rules");
        assertThat(text.types).containsEntry("prometheus_rule_group_duration_seconds", "summary")
                .containsEntry("prometheus_rule_evaluation_duration_seconds", "summary")
                .containsEntry("prometheus_rule_group_duration_histogram_seconds", "histogram")
                .containsEntry("prometheus_rule_evaluations_total", "counter")
                .containsEntry("prometheus_rule_group_rules", "gauge");
        assertThat(text.value("prometheus_rule_group_interval_seconds{rule_group=\"" + G + "\"}")).isEqualTo(15);
        assertThat(text.value("prometheus_rule_evaluations_total{rule_group=\"" + G + "\"}")).isEqualTo(0);
        assertThat(text.helps).containsEntry("prometheus_rule_group_iterations_total",
                "The total number of scheduled rule group evaluations, whether executed or missed.")
;
        assertThat(text.families("prometheus_rule_group_last_restore")).as("set only by a restore").isEmpty();
    }

    @Test
    void iterationsFeedTheGroupSummaryAndRulesTheEvaluationSummary() {
        metrics.set("prometheus_rule_group_interval_seconds", G, 1);
        metrics.inc("prometheus_rule_group_iterations_total", G, 1);
        metrics.inc("prometheus_rule_evaluations_total", G, 2);
        metrics.inc("prometheus_rule_evaluation_failures_total", G, 1);
        metrics.observeRuleEvaluation(2_000_000L);
        metrics.observeRuleEvaluation(3_000_000L);
        metrics.set("prometheus_rule_group_last_duration_seconds", G, 0.25);
        metrics.set("prometheus_rule_group_last_restore_duration_seconds", G, 0.5);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.value("prometheus_rule_group_iterations_total{rule_group=\"" + G + "\"}")).isEqualTo(1);
        assertThat(text.value("prometheus_rule_evaluations_total{rule_group=\"" + G + "\"}")).isEqualTo(2);
        assertThat(text.value("prometheus_rule_evaluation_failures_total{rule_group=\"" + G + "\"}")).isEqualTo(1);
        assertThat(text.value("prometheus_rule_evaluation_duration_seconds_count")).isEqualTo(2);
        assertThat(text.value("prometheus_rule_evaluation_duration_seconds_sum")).isEqualTo(0.005);
        assertThat(text.value("prometheus_rule_group_duration_seconds_count")).isEqualTo(1);
        assertThat(text.value("prometheus_rule_group_duration_seconds{quantile=\"0.5\"}")).isEqualTo(0.25);
        assertThat(text.value("prometheus_rule_group_duration_histogram_seconds_bucket{le=\"1.0\"}")).isEqualTo(1);
        assertThat(text.value("prometheus_rule_group_last_duration_seconds{rule_group=\"" + G + "\"}"))
                .isEqualTo(0.25);
        assertThat(text.value("prometheus_rule_group_last_restore_duration_seconds{rule_group=\"" + G + "\"}"))
                .isEqualTo(0.5);
        assertThat(metrics.value("prometheus_rule_evaluations_total", G)).isEqualTo(2);
    }

    @Test
    void aRemovedGroupLosesEverySeries() {
        metrics.set("prometheus_rule_group_interval_seconds", G, 1);
        metrics.set("prometheus_rule_group_interval_seconds", "other;g2", 1);
        metrics.inc("prometheus_rule_evaluations_total", G, 3);
        metrics.removeGroup(G);
        ExpositionText text = ExpositionText.of(registry);
        assertThat(text.text).doesNotContain(G).contains("rule_group=\"other;g2\"");
    }
}
