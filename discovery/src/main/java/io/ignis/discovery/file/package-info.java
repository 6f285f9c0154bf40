/**
 * {@code file_sd_configs}: {@link io.ignis.discovery.file.FileDiscoverer} reads JSON/YAML target-group files
 * matched by globs, re-read on file-system events and every refresh interval. Imports {@code io.ignis.discovery},
 * {@code io.ignis.config} and Jackson only.
 */
package io.ignis.discovery.file;
