package io.ignis.server.api;

import io.ignis.server.http.Router;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/status/config}, {@code flags}, {@code buildinfo} and {@code runtimeinfo}, shaped as Prometheus
 * answers them.
 */
public final class StatusApi {
    private final Supplier<String> configYaml;
    private final Map<String, String> flags;
    private final BuildInfo buildInfo;
    private final Supplier<RuntimeInfo> runtimeInfo;

    public StatusApi(Supplier<String> configYaml, Map<String, String> flags, BuildInfo buildInfo,
                     Supplier<RuntimeInfo> runtimeInfo) {
        this.configYaml = configYaml;
        // Sorted by name, as Go's JSON encoder writes Prometheus's map.
        this.flags = Collections.unmodifiableMap(new TreeMap<>(flags));
        this.buildInfo = buildInfo;
        this.runtimeInfo = runtimeInfo;
    }

    public void register(Router router) {
        router.get("/api/v1/status/config", ApiResponses.enveloped(r -> ApiResponses.success(
                Map.of("yaml", configYaml.get()))));
        router.get("/api/v1/status/flags", ApiResponses.enveloped(r -> ApiResponses.success(flags)));
        router.get("/api/v1/status/buildinfo", ApiResponses.enveloped(r -> ApiResponses.success(buildInfo)));
        router.get("/api/v1/status/runtimeinfo", ApiResponses.enveloped(r -> ApiResponses.success(
                runtimeJson(runtimeInfo.get()))));
    }

    /** Prometheus's field names, including its Go-runtime ones filled with the JVM's nearest equivalents. */
    private static Map<String, Object> runtimeJson(RuntimeInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startTime", info.startTime().toString());
        m.put("CWD", info.cwd());
        m.put("hostname", info.hostname());
        m.put("serverTime", info.serverTime().toString());
        m.put("reloadConfigSuccess", info.reloadConfigSuccess());
        m.put("lastConfigTime", info.lastConfigTime().toString());
        m.put("corruptionCount", info.corruptionCount());
        m.put("goroutineCount", info.threadCount());
        m.put("GOMAXPROCS", info.availableProcessors());
        m.put("GOMEMLIMIT", info.maxHeapBytes());
        m.put("GOGC", "");
        m.put("GODEBUG", "");
        m.put("storageRetention", info.storageRetention());
        return m;
    }
}
