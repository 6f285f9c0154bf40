/**
 * Label sets and label matchers: {@link io.ignis.labels.Labels} (immutable, sorted by name),
 * {@link io.ignis.labels.LabelsBuilder} and {@link io.ignis.labels.Matcher}.
 * Imports only {@code java.*} and RE2J; never the TSDB internals.
 */
package io.ignis.labels;
