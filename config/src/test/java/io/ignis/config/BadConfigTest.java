package io.ignis.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden table of broken configs: each {@code bad/<name>.bad.yml} must fail with exactly this message, which names
 * file:line:column, the field path and, where Prometheus has one, Prometheus's reason.
 */
class BadConfigTest {
    record Case(String name, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("http_headers_reserved",
                        "http_headers_reserved.bad.yml:4:7: scrape_configs[0].http_headers.user-agent: setting header "
                        + "\"User-Agent\" is not allowed"),
                new Case("external_labels_not_a_map",
                        "external_labels_not_a_map.bad.yml:2:20: global.external_labels: cannot unmarshal !!seq into "
                        + "map[string]string"),
                new Case("kubernetes_field_selector_invalid",
                        "kubernetes_field_selector_invalid.bad.yml:5:9: scrape_configs[0].kubernetes_sd_configs[0]"
                        + ".selectors: invalid selector: 'metadata.status-Running'; can't understand "
                        + "'metadata.status-Running'"),
                new Case("kubernetes_label_selector_invalid",
                        "kubernetes_label_selector_invalid.bad.yml:5:9: scrape_configs[0].kubernetes_sd_configs[0]"
                        + ".selectors: unable to parse requirement: invalid label value: \"web server\""),
                new Case("proxy_connect_header_without_proxy",
                        "proxy_connect_header_without_proxy.bad.yml:3:5: scrape_configs[0].proxy_connect_header: if "
                        + "proxy_connect_header is configured, proxy_url or proxy_from_environment must also be "
                        + "configured"),
                new Case("remote_write_capacity_zero",
                        "remote_write_capacity_zero.bad.yml:4:7: remote_write[0].queue_config.capacity: remote write "
                        + "queue capacity must be positive"),
                new Case("tls_ca_and_ca_file",
                        "tls_ca_and_ca_file.bad.yml:7:7: scrape_configs[0].tls_config.ca_file: at most one of ca, "
                        + "ca_file & ca_ref must be configured"),
                new Case("alertmanager_api_v1",
                        "alertmanager_api_v1.bad.yml:3:7: alerting.alertmanagers[0].api_version: expected "
                        + "Alertmanager api version to be one of [v2] but got v1"),
                new Case("alertmanager_null_relabel",
                        "alertmanager_null_relabel.bad.yml:6:10: alerting.alertmanagers[0].relabel_configs[0]: "
                        + "empty or null Alertmanager target relabeling rule"),
                new Case("authorization_type_basic",
                        "authorization_type_basic.bad.yml:4:7: scrape_configs[0].authorization.type: "
                        + "authorization type cannot be set to \"basic\", use \"basic_auth\" instead"),
                new Case("authorization_with_basic_auth",
                        "authorization_with_basic_auth.bad.yml:5:5: scrape_configs[0].authorization: at most one "
                        + "of basic_auth, oauth2 & authorization must be configured"),
                new Case("basic_auth_password_and_file",
                        "basic_auth_password_and_file.bad.yml:6:7: scrape_configs[0].basic_auth.password_file: "
                        + "at most one of basic_auth password, password_file & password_ref must be configured"),
                new Case("bearer_token_and_file",
                        "bearer_token_and_file.bad.yml:3:5: scrape_configs[0].bearer_token: at most one of "
                        + "bearer_token & bearer_token_file must be configured"),
                new Case("body_size_limit_without_unit",
                        "body_size_limit_without_unit.bad.yml:2:20: global.body_size_limit: units: unknown unit  "
                        + "in 100"),
                new Case("chunk_encoding_unknown",
                        "chunk_encoding_unknown.bad.yml:3:5: storage.tsdb.chunk_encoding: "
                        + "'storage.tsdb.chunk_encoding.floats' must be 'xor' or 'xor2', or the field must be "
                        + "omitted entirely, got \"gorilla\""),
                new Case("consul_sd_not_supported",
                        "consul_sd_not_supported.bad.yml:3:5: scrape_configs[0].consul_sd_configs: "
                        + "consul_sd_configs is not supported by Ignis; supported: static_configs, "
                        + "file_sd_configs, dns_sd_configs, ec2_sd_configs, kubernetes_sd_configs"),
                new Case("dns_sd_a_without_port",
                        "dns_sd_a_without_port.bad.yml:4:9: scrape_configs[0].dns_sd_configs[0].port: a port is "
                        + "required in DNS-SD configs for all record types except SRV"),
                new Case("dns_sd_bad_type",
                        "dns_sd_bad_type.bad.yml:5:9: scrape_configs[0].dns_sd_configs[0].type: invalid DNS-SD "
                        + "records type TXT"),
                new Case("dns_sd_without_names",
                        "dns_sd_without_names.bad.yml:4:9: scrape_configs[0].dns_sd_configs[0].names: DNS-SD "
                        + "config must contain at least one SRV record name"),
                new Case("duplicate_key",
                        "duplicate_key.bad.yml:3:1: yaml: mapping key \"scrape_configs\" already defined at line 1"),
                new Case("duration_units_out_of_order",
                        "duration_units_out_of_order.bad.yml:2:24: global.evaluation_interval: not a valid "
                        + "duration string: \"1m1h\""),
                new Case("duration_unknown_unit",
                        "duration_unknown_unit.bad.yml:2:20: global.scrape_interval: unknown unit \"x\" in "
                        + "duration \"15x\""),
                new Case("duration_without_unit",
                        "duration_without_unit.bad.yml:3:22: scrape_configs[0].scrape_interval: not a valid "
                        + "duration string: \"10\""),
                new Case("ec2_filter_without_values",
                        "ec2_filter_without_values.bad.yml:5:9: scrape_configs[0].ec2_sd_configs[0].filters: EC2 "
                        + "SD configuration filter values cannot be empty"),
                new Case("escaping_conflicts_with_validation",
                        "escaping_conflicts_with_validation.bad.yml:4:5: "
                        + "scrape_configs[0].metric_name_escaping_scheme: utf8 metric names requested but "
                        + "validation scheme is not set to UTF8"),
                new Case("external_label_invalid_legacy",
                        "external_label_invalid_legacy.bad.yml:3:3: global.external_labels: \"region-name\" is "
                        + "not a valid label name"),
                new Case("fallback_protocol_unknown",
                        "fallback_protocol_unknown.bad.yml:3:5: scrape_configs[0].fallback_scrape_protocol: "
                        + "invalid fallback_scrape_protocol for scrape config with job name \"node\": unknown "
                        + "scrape protocol text, supported: [OpenMetricsText0.0.1 OpenMetricsText1.0.0 "
                        + "PrometheusProto PrometheusText0.0.4 PrometheusText1.0.0]"),
                new Case("file_sd_bad_extension",
                        "file_sd_bad_extension.bad.yml:4:9: scrape_configs[0].file_sd_configs[0].files: path "
                        + "name \"targets/*.txt\" is not valid for file discovery"),
                new Case("file_sd_without_files",
                        "file_sd_without_files.bad.yml:4:9: scrape_configs[0].file_sd_configs[0].files: file "
                        + "service discovery config must contain at least one path name"),
                new Case("global_scrape_timeout_over_interval",
                        "global_scrape_timeout_over_interval.bad.yml:3:3: global.scrape_timeout: global scrape "
                        + "timeout greater than scrape interval"),
                new Case("honor_labels_not_bool",
                        "honor_labels_not_bool.bad.yml:3:19: scrape_configs[0].honor_labels: cannot unmarshal "
                        + "!!str `maybe` into bool"),
                new Case("job_name_duplicate",
                        "job_name_duplicate.bad.yml:5:5: scrape_configs[1].job_name: found multiple scrape "
                        + "configs with job name \"node\""),
                new Case("job_name_missing",
                        "job_name_missing.bad.yml:2:5: scrape_configs[0].job_name: job_name is empty"),
                new Case("kubernetes_http_without_api_server",
                        "kubernetes_http_without_api_server.bad.yml:4:9: "
                        + "scrape_configs[0].kubernetes_sd_configs[0]: to use custom HTTP client configuration "
                        + "please provide the 'api_server' URL explicitly"),
                new Case("kubernetes_kubeconfig_with_api_server",
                        "kubernetes_kubeconfig_with_api_server.bad.yml:6:9: "
                        + "scrape_configs[0].kubernetes_sd_configs[0].kubeconfig_file: cannot use "
                        + "'kubeconfig_file' and 'api_server' simultaneously"),
                new Case("kubernetes_role_missing",
                        "kubernetes_role_missing.bad.yml:4:9: scrape_configs[0].kubernetes_sd_configs[0].role: "
                        + "role missing (one of: pod, service, endpoints, endpointslice, node, ingress)"),
                new Case("kubernetes_role_unknown",
                        "kubernetes_role_unknown.bad.yml:4:9: scrape_configs[0].kubernetes_sd_configs[0].role: "
                        + "unknown Kubernetes SD role \"vacation\""),
                new Case("kubernetes_selector_not_allowed",
                        "kubernetes_selector_not_allowed.bad.yml:5:9: "
                        + "scrape_configs[0].kubernetes_sd_configs[0].selectors: service role supports only "
                        + "service selectors"),
                new Case("no_proxy_without_proxy_url",
                        "no_proxy_without_proxy_url.bad.yml:3:5: scrape_configs[0].no_proxy: if no_proxy is "
                        + "configured, proxy_url must also be configured"),
                new Case("oauth2_not_supported",
                        "oauth2_not_supported.bad.yml:3:5: scrape_configs[0].oauth2: oauth2 is not supported by "
                        + "Ignis; use basic_auth, authorization or tls_config"),
                new Case("otlp_no_translation_with_legacy_names",
                        "otlp_no_translation_with_legacy_names.bad.yml:4:3: otlp.translation_strategy: OTLP "
                        + "translation strategy \"NoTranslation\" is not allowed when UTF8 is disabled"),
                new Case("otlp_unknown_translation_strategy",
                        "otlp_unknown_translation_strategy.bad.yml:2:3: otlp.translation_strategy: unsupported "
                        + "OTLP translation strategy \"Invalid\""),
                new Case("proxy_from_environment_and_url",
                        "proxy_from_environment_and_url.bad.yml:4:5: scrape_configs[0].proxy_from_environment: "
                        + "if proxy_from_environment is configured, proxy_url must not be configured"),
                new Case("relabel_action_empty",
                        "relabel_action_empty.bad.yml:6:9: scrape_configs[0].relabel_configs[0].action: relabel "
                        + "action cannot be empty"),
                new Case("relabel_action_unknown",
                        "relabel_action_unknown.bad.yml:5:17: scrape_configs[0].relabel_configs[0].action: "
                        + "unknown relabel action \"rename\""),
                new Case("relabel_dropequal_without_target",
                        "relabel_dropequal_without_target.bad.yml:4:9: scrape_configs[0].relabel_configs[0]: "
                        + "relabel configuration for dropequal action requires 'target_label' value"),
                new Case("relabel_hashmod_without_modulus",
                        "relabel_hashmod_without_modulus.bad.yml:4:9: scrape_configs[0].relabel_configs[0]: "
                        + "relabel configuration for hashmod requires non-zero modulus"),
                new Case("relabel_keepequal_with_regex",
                        "relabel_keepequal_with_regex.bad.yml:4:9: scrape_configs[0].relabel_configs[0]: "
                        + "keepequal action requires only 'source_labels' and `target_label`, and no other fields"),
                new Case("relabel_labeldrop_with_target",
                        "relabel_labeldrop_with_target.bad.yml:4:9: scrape_configs[0].metric_relabel_configs[0]: "
                        + "labeldrop action requires only 'regex', and no other fields"),
                new Case("relabel_labelkeep_with_source_labels",
                        "relabel_labelkeep_with_source_labels.bad.yml:4:9: scrape_configs[0].relabel_configs[0]: "
                        + "labelkeep action requires only 'regex', and no other fields"),
                new Case("relabel_labelmap_invalid_replacement_legacy",
                        "relabel_labelmap_invalid_replacement_legacy.bad.yml:7:9: "
                        + "scrape_configs[0].relabel_configs[0].replacement: \"meta-$1\" is invalid 'replacement' "
                        + "for labelmap action"),
                new Case("relabel_lowercase_with_replacement",
                        "relabel_lowercase_with_replacement.bad.yml:6:9: "
                        + "scrape_configs[0].relabel_configs[0].replacement: 'replacement' can not be set for "
                        + "lowercase action"),
                new Case("relabel_null_rule",
                        "relabel_null_rule.bad.yml:4:8: scrape_configs[0].relabel_configs[0]: empty or null "
                        + "target relabeling rule in scrape config"),
                new Case("relabel_regex_invalid",
                        "relabel_regex_invalid.bad.yml:5:16: scrape_configs[0].relabel_configs[0].regex: error "
                        + "parsing regexp: missing closing ): `^(?s:abc(def)$`"),
                new Case("relabel_replace_without_target",
                        "relabel_replace_without_target.bad.yml:4:9: scrape_configs[0].relabel_configs[0]: "
                        + "relabel configuration for replace action requires 'target_label' value"),
                new Case("relabel_target_invalid_legacy",
                        "relabel_target_invalid_legacy.bad.yml:7:9: "
                        + "scrape_configs[0].relabel_configs[0].target_label: \"host-name\" is invalid "
                        + "'target_label' for replace action"),
                new Case("remote_read_without_url",
                        "remote_read_without_url.bad.yml:2:5: remote_read[0].url: url for remote_read is empty"),
                new Case("remote_write_authorization_header",
                        "remote_write_authorization_header.bad.yml:3:5: remote_write[0].headers: authorization "
                        + "header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or "
                        + "google_iam parameter"),
                new Case("remote_write_bad_url",
                        "remote_write_bad_url.bad.yml:2:5: remote_write[0].url: parse "
                        + "\"http://[::1:9201/write\": expected closing bracket for ipv6 address"),
                new Case("remote_write_duplicate_name",
                        "remote_write_duplicate_name.bad.yml:5:5: remote_write[1].name: found multiple remote "
                        + "write configs with job name \"backup\""),
                new Case("remote_write_min_shards_over_max",
                        "remote_write_min_shards_over_max.bad.yml:4:7: remote_write[0].queue_config.min_shards: "
                        + "remote write queue min_shards must not be greater than max_shards"),
                new Case("remote_write_null_section",
                        "remote_write_null_section.bad.yml:2:4: remote_write[0]: empty or null remote write "
                        + "config section"),
                new Case("remote_write_reserved_header",
                        "remote_write_reserved_header.bad.yml:3:5: remote_write[0].headers: Content-Type is a "
                        + "reserved header. It must not be changed"),
                new Case("remote_write_sigv4_not_supported",
                        "remote_write_sigv4_not_supported.bad.yml:3:5: remote_write[0].sigv4: sigv4 is not "
                        + "supported by Ignis"),
                new Case("remote_write_unknown_message",
                        "remote_write_unknown_message.bad.yml:3:5: remote_write[0].protobuf_message: invalid "
                        + "protobuf_message value: unknown type for remote write protobuf message "
                        + "io.prometheus.write.v3.Request, supported: prometheus.WriteRequest, "
                        + "io.prometheus.write.v2.Request"),
                new Case("remote_write_without_url",
                        "remote_write_without_url.bad.yml:2:5: remote_write[0].url: url for remote_write is empty"),
                new Case("retention_percentage_over_100",
                        "retention_percentage_over_100.bad.yml:4:7: storage.tsdb.retention.percentage: "
                        + "'storage.tsdb.retention.percentage' must be in the range [0, 100], got 150"),
                new Case("retention_size_negative",
                        "retention_size_negative.bad.yml:4:7: storage.tsdb.retention.size: "
                        + "'storage.tsdb.retention.size' must be greater than or equal to 0, got -1GiB"),
                new Case("root_is_a_list",
                        "root_is_a_list.bad.yml:1:1: cannot unmarshal !!seq into config"),
                new Case("rule_files_glob_in_directory",
                        "rule_files_glob_in_directory.bad.yml:3:5: rule_files[1]: invalid rule file path "
                        + "\"rules/*/alerts.yml\""),
                new Case("sample_limit_negative",
                        "sample_limit_negative.bad.yml:3:19: scrape_configs[0].sample_limit: cannot unmarshal "
                        + "!!int `-1` into uint"),
                new Case("sample_limit_not_a_number",
                        "sample_limit_not_a_number.bad.yml:3:19: scrape_configs[0].sample_limit: cannot "
                        + "unmarshal !!str `lots` into uint"),
                new Case("scrape_config_files_bad_glob",
                        "scrape_config_files_bad_glob.bad.yml:2:5: scrape_config_files[0]: invalid scrape config "
                        + "file path \"jobs/*/scrape.yml\""),
                new Case("scrape_config_is_a_string",
                        "scrape_config_is_a_string.bad.yml:2:5: scrape_configs[0]: cannot unmarshal !!str `node` "
                        + "into scrape_config"),
                new Case("scrape_config_null",
                        "scrape_config_null.bad.yml:2:4: scrape_configs[0]: empty or null scrape config section"),
                new Case("scrape_protocol_duplicated",
                        "scrape_protocol_duplicated.bad.yml:3:5: scrape_configs[0].scrape_protocols: duplicated "
                        + "protocol in scrape_protocols, got [PrometheusProto OpenMetricsText1.0.0 "
                        + "PrometheusProto] for scrape config with job name \"node\""),
                new Case("scrape_protocol_unknown",
                        "scrape_protocol_unknown.bad.yml:3:5: scrape_configs[0].scrape_protocols: "
                        + "scrape_protocols: unknown scrape protocol prometheusproto, supported: "
                        + "[OpenMetricsText0.0.1 OpenMetricsText1.0.0 PrometheusProto PrometheusText0.0.4 "
                        + "PrometheusText1.0.0] for scrape config with job name \"node\""),
                new Case("scrape_protocols_empty_global",
                        "scrape_protocols_empty_global.bad.yml:2:3: global.scrape_protocols: scrape_protocols "
                        + "cannot be empty for global config"),
                new Case("scrape_timeout_over_interval",
                        "scrape_timeout_over_interval.bad.yml:6:5: scrape_configs[0].scrape_timeout: scrape "
                        + "timeout greater than scrape interval for scrape config with job name \"node\""),
                new Case("static_config_null",
                        "static_config_null.bad.yml:4:8: scrape_configs[0].static_configs[0]: empty or null "
                        + "section in static_configs"),
                new Case("static_label_empty_name",
                        "static_label_empty_name.bad.yml:5:9: scrape_configs[0].static_configs[0].labels: \"\" "
                        + "is not a valid label name"),
                new Case("static_target_is_url",
                        "static_target_is_url.bad.yml:3:5: scrape_configs[0].static_configs: "
                        + "\"http://localhost:9100/metrics\" is not a valid hostname"),
                new Case("tls_cert_without_key",
                        "tls_cert_without_key.bad.yml:5:7: scrape_configs[0].tls_config: exactly one of key or "
                        + "key_file must be configured when a client certificate is configured"),
                new Case("tls_unknown_version",
                        "tls_unknown_version.bad.yml:4:7: scrape_configs[0].tls_config.min_version: unknown TLS "
                        + "version: TLS14"),
                new Case("tracing_bad_client_type",
                        "tracing_bad_client_type.bad.yml:3:3: tracing.client_type: expected tracing client type "
                        + "to be to be http or grpc, but got thrift"),
                new Case("tracing_without_endpoint",
                        "tracing_without_endpoint.bad.yml:2:3: tracing.endpoint: tracing endpoint must be set"),
                new Case("unknown_global_field",
                        "unknown_global_field.bad.yml:3:3: global.nonexistent_field: field nonexistent_field not "
                        + "found in type global_config"),
                new Case("unknown_scrape_field",
                        "unknown_scrape_field.bad.yml:3:5: scrape_configs[0].scrape_intervall: field "
                        + "scrape_intervall not found in type scrape_config"),
                new Case("unknown_top_level_field",
                        "unknown_top_level_field.bad.yml:3:1: scrape_config: field scrape_config not found in "
                        + "type config"),
                new Case("validation_scheme_unknown",
                        "validation_scheme_unknown.bad.yml:2:3: global.metric_name_validation_scheme: "
                        + "unrecognized ValidationScheme: \"ascii\""),
                new Case("yaml_syntax_error",
                        "yaml_syntax_error.bad.yml:3:2: yaml: while parsing a block mapping: expected <block end>, "
                        + "but found '<block mapping start>'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithExactMessage(Case c) throws IOException {
        String fileName = c.name() + ".bad.yml";
        String yaml = resource("bad/" + fileName);

        assertThatThrownBy(() -> ConfigLoader.load(yaml, fileName))
                .isInstanceOf(ConfigException.class)
                .hasMessage(c.message());
    }

    static String resource(String name) throws IOException {
        try (InputStream in = BadConfigTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
