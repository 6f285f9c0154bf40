package io.ignis.server.notifier;

import io.ignis.config.HttpClientConfig;
import java.net.URI;

/** One Alertmanager to send to: its {@code /api/v2/alerts} URL, timeout and HTTP settings. */
public record AlertmanagerTarget(URI url, long timeoutMs, HttpClientConfig http) {
}
