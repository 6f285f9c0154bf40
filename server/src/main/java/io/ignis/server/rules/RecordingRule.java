package io.ignis.server.rules;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.promql.value.Vector;

/** Records its expression's result under a new metric name with the rule's (and group's) labels. */
public final class RecordingRule extends Rule {
    RecordingRule(String name, String query, Labels labels) {
        super(name, query, labels);
    }

    @Override
    Vector eval(long ts, long queryOffsetMs, RuleQuery query, long limit) {
        Vector v = query.query(query(), ts - queryOffsetMs);
        LabelsBuilder lb = new LabelsBuilder();
        Labels extra = labels();
        for (int i = 0; i < v.size(); i++) {
            lb.reset(v.labels(i));
            lb.set(Labels.METRIC_NAME, name());
            for (int j = 0; j < extra.size(); j++) {
                lb.set(extra.name(j), extra.value(j));
            }
            v.setLabels(i, lb.build());
        }
        if (v.containsSameLabelset()) {
            throw new IllegalStateException("vector contains metrics with the same labelset after applying rule labels");
        }
        if (limit > 0 && v.size() > limit) {
            throw new IllegalStateException("exceeded limit of " + limit + " with " + v.size() + " series");
        }
        return v;
    }
}
