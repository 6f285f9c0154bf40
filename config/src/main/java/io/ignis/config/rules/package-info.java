/**
 * Rule files ({@code groups:} of recording and alerting rules): records, and {@link
 * io.ignis.config.rules.RuleFileLoader} with Prometheus's {@code rulefmt} checks and file:line:column errors.
 * Expressions stay strings here; the server parses them. Imports {@code io.ignis.config} and its YAML tree only.
 */
package io.ignis.config.rules;
