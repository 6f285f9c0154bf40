/**
 * The block index (format v2, byte-compatible with Prometheus's {@code tsdb/index}): {@code IndexWriter},
 * {@code IndexReader}, and the primitive {@link io.ignis.tsdb.index.Postings} iterators with their
 * combinators, shared with the head's {@code MemPostings}. Imports {@code java.*}, {@code io.ignis.labels},
 * {@code io.ignis.storage} and the lower {@code io.ignis.tsdb} codec packages; never the head.
 */
package io.ignis.tsdb.index;
