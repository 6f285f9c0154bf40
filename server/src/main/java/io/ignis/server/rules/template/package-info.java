/**
 * A Go {@code text/template}-compatible engine ({@link io.ignis.server.rules.template.Template}) and Prometheus's
 * template functions ({@link io.ignis.server.rules.template.Expander}), used for alert labels and annotations.
 * Imports only {@code java.*}, RE2J, labels and the model; never the rule manager.
 */
package io.ignis.server.rules.template;
