package io.ignis.server.notifier;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.scrape.relabel.Relabeler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prometheus's {@code relabelAlerts}: external labels an alert lacks are added, then the relabel rules run. */
final class AlertRelabel {
    private AlertRelabel() {
    }

    /** The alerts that survive, with their labels rewritten; an alert whose labels did not change is kept as is. */
    static List<NotifierAlert> apply(Relabeler relabel, Map<String, String> externalLabels,
            List<NotifierAlert> alerts) {
        List<NotifierAlert> out = new ArrayList<>(alerts.size());
        for (NotifierAlert a : alerts) {
            Labels l = a.labels();
            if (!externalLabels.isEmpty()) {
                LabelsBuilder lb = new LabelsBuilder(l);
                externalLabels.forEach((k, v) -> {
                    if (a.labels().get(k).isEmpty()) {
                        lb.set(k, v);
                    }
                });
                l = lb.build();
            }
            l = relabel.process(l);
            if (l == null) {
                continue;
            }
            out.add(l.equals(a.labels()) ? a : a.withLabels(l));
        }
        return out;
    }
}
