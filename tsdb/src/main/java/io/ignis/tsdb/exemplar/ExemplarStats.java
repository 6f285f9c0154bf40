package io.ignis.tsdb.exemplar;

/**
 * The exemplar storage's self-metrics at one moment, under Prometheus's names.
 *
 * @param exemplarsAppended prometheus_tsdb_exemplar_exemplars_appended_total
 * @param exemplarsInStorage prometheus_tsdb_exemplar_exemplars_in_storage
 * @param seriesWithExemplarsInStorage prometheus_tsdb_exemplar_series_with_exemplars_in_storage
 * @param lastExemplarsTimestampSeconds prometheus_tsdb_exemplar_last_exemplars_timestamp_seconds: the timestamp
 *     of the oldest exemplar in the ring (0 while empty)
 * @param maxExemplars prometheus_tsdb_exemplar_max_exemplars
 * @param outOfOrderExemplars prometheus_tsdb_exemplar_out_of_order_exemplars_total
 */
public record ExemplarStats(long exemplarsAppended, long exemplarsInStorage, long seriesWithExemplarsInStorage,
                            double lastExemplarsTimestampSeconds, long maxExemplars, long outOfOrderExemplars) {
}
