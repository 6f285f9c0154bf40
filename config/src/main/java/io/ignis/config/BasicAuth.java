package io.ignis.config;

/** {@code basic_auth}: username or username_file, password or password_file (file paths already resolved). */
public record BasicAuth(String username, String usernameFile, Secret password, String passwordFile) {
}
