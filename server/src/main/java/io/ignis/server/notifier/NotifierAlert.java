package io.ignis.server.notifier;

import io.ignis.labels.Labels;

/**
 * An alert as sent to Alertmanager. Times are ms since the epoch; 0 leaves {@code startsAt}/{@code endsAt} out of
 * the JSON, as Go's zero time is.
 */
public record NotifierAlert(Labels labels, Labels annotations, long startsAt, long endsAt, String generatorURL) {
    public NotifierAlert withLabels(Labels l) {
        return new NotifierAlert(l, annotations, startsAt, endsAt, generatorURL);
    }
}
