package io.ignis.server.api;

import io.ignis.labels.Labels;
import java.util.List;

/**
 * What the rule manager tells the API: its groups with their rules, and the alerts of alerting rules. Returns a
 * snapshot; thread-safe.
 */
public interface RulesSource {
    List<Group> groups();

    /** A rule group; times in ms since the epoch (0 = never evaluated), durations in seconds. */
    record Group(String name, String file, List<Rule> rules, double intervalSeconds, int limit,
                 double evaluationTimeSeconds, long lastEvaluationMillis) {
    }

    /** An alerting or recording rule; {@code health} is "ok", "err" or "unknown". */
    sealed interface Rule permits AlertingRule, RecordingRule {
        String name();

        Labels labels();
    }

    record AlertingRule(String state, String name, String query, double durationSeconds,
                        double keepFiringForSeconds, Labels labels, Labels annotations, List<Alert> alerts,
                        String health, String lastError, double evaluationTimeSeconds,
                        long lastEvaluationMillis) implements Rule {
    }

    record RecordingRule(String name, String query, Labels labels, String health, String lastError,
                         double evaluationTimeSeconds, long lastEvaluationMillis) implements Rule {
    }

    /** An active alert; {@code activeAtMillis}/{@code keepFiringSinceMillis} 0 when unset. */
    record Alert(Labels labels, Labels annotations, String state, long activeAtMillis, long keepFiringSinceMillis,
                 double value) {
    }

    RulesSource NONE = List::of;
}
