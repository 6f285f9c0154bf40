/**
 * The storage seam between writers (scrape, rules, remote-write receiver) and readers (PromQL, API,
 * federation, remote read): {@link io.ignis.storage.Appendable}, {@link io.ignis.storage.Queryable} and
 * their iterators. Imports only {@code java.*}, {@code io.ignis.labels} and {@code io.ignis.model}.
 */
package io.ignis.storage;
