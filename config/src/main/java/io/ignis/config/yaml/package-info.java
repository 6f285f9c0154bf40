/**
 * A located YAML tree: every mapping key, sequence item and scalar knows its line and column. Built by
 * {@link io.ignis.config.yaml.YamlTreeReader} over Jackson's streaming YAML parser; the config binders walk it
 * by hand so that every error can name file:line:column. Imports Jackson only.
 */
package io.ignis.config.yaml;
