package io.ignis.storage;

/** Source of queriers; implementations are thread-safe. */
public interface Queryable {
    /** Opens a querier over [mint, maxt], both inclusive, in milliseconds; the caller closes it. */
    Querier querier(long mint, long maxt);
}
