package io.ignis.config;

import io.ignis.config.yaml.YamlSequence;
import java.util.List;

/** Binds the {@code alerting} block as Prometheus's {@code AlertingConfig} and {@code AlertmanagerConfig} do. */
final class AlertingBinder {
    private AlertingBinder() {
    }

    static AlertingConfig bind(FieldReader r, String scheme) {
        List<RelabelConfig> relabel = RelabelBinder.list(r, "alert_relabel_configs",
                "empty or null alert relabeling rule", scheme);
        List<AlertmanagerConfig> managers = r.objects("alertmanagers", "alertmanager_config", null,
                a -> alertmanager(a, scheme));
        return new AlertingConfig(relabel, managers);
    }

    private static AlertmanagerConfig alertmanager(FieldReader r, String scheme) {
        r.reject("sigv4", "sigv4 is not supported by Ignis");
        String apiVersion = r.string("api_version", AlertmanagerConfig.API_V2);
        if (!apiVersion.equals(AlertmanagerConfig.API_V2)) {
            throw r.error("api_version", "expected Alertmanager api version to be one of [v2] but got " + apiVersion);
        }
        ServiceDiscoveryConfigs sd = DiscoveryBinder.bind(r);
        HttpClientConfig http = HttpConfigBinder.bind(r, HttpClientConfig.DEFAULT);
        String urlScheme = r.string("scheme", "http");
        String pathPrefix = r.string("path_prefix", "");
        var timeout = r.duration("timeout", AlertmanagerConfig.DEFAULT_TIMEOUT);
        if (!(r.node("relabel_configs") instanceof YamlSequence rules) || rules.items().isEmpty()) {
            DiscoveryBinder.checkStaticTargets(r, "static_configs", sd);
        }
        List<RelabelConfig> relabel = RelabelBinder.list(r, "relabel_configs",
                "empty or null Alertmanager target relabeling rule", scheme);
        List<RelabelConfig> alertRelabel = RelabelBinder.list(r, "alert_relabel_configs",
                "empty or null Alertmanager alert relabeling rule", scheme);
        return new AlertmanagerConfig(sd, http, urlScheme, pathPrefix, timeout, apiVersion, relabel, alertRelabel);
    }
}
