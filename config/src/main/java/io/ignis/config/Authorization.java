package io.ignis.config;

/** {@code authorization}: the header type (default {@code Bearer}) with credentials or a credentials file. */
public record Authorization(String type, Secret credentials, String credentialsFile) {
}
