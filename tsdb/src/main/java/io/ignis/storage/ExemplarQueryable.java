package io.ignis.storage;

/** Source of exemplar queriers, as Prometheus's {@code storage.ExemplarQueryable}; thread-safe. */
@FunctionalInterface
public interface ExemplarQueryable {
    /** A querier over the exemplars stored now and later; it stays usable for as long as the storage is open. */
    ExemplarQuerier exemplarQuerier();
}
