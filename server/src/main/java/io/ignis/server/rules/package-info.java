/**
 * Recording and alerting rules: {@link io.ignis.server.rules.RuleManager} loads rule files into
 * {@link io.ignis.server.rules.Group}s, evaluates them on aligned intervals (independent rules concurrently under
 * {@code concurrent-rule-eval}) through the PromQL engine, writes results through {@code storage.Appendable} and
 * hands firing alerts to a {@link io.ignis.server.rules.NotifyFunc}. Imports config, storage, labels, the PromQL
 * parser and engine and the template package; never the HTTP layer.
 */
package io.ignis.server.rules;
