/**
 * Values shared by every module: native histograms, exemplars and metric metadata.
 * Imports only {@code java.*} and {@code io.ignis.labels}.
 */
package io.ignis.model;
