package io.ignis.server.api;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import io.ignis.server.http.Router;
import io.ignis.storage.Appender;
import io.ignis.tsdb.Head;
import io.ignis.tsdb.HeadOptions;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A router with every API route over a real in-memory head, plus helpers to send requests as the HTTP layer would
 * hand them over (query string and form body merged, headers lowercased).
 */
final class ApiFixture {
    /** 2023-11-14T22:13:20Z: the data's first timestamp. */
    static final long T0 = 1_700_000_000_000L;

    final Head head = Head.inMemory(HeadOptions.defaults().withStripeSize(16));
    final Router router = new Router("/");
    long now = T0 + 30 * 60_000;
    Labels external = Labels.EMPTY;
    ApiDependencies deps;

    ApiFixture() {
        this(d -> { });
    }

    /** {@code customize} may replace sources in the builder before the routes are registered. */
    ApiFixture(Consumer<Builder> customize) {
        Builder b = new Builder();
        customize.accept(b);
        Engine engine = b.engine != null ? b.engine : new Engine(EngineOptions.defaults(), PromqlParser::parse);
        deps = new ApiDependencies(head, engine, PromqlParser::parse, () -> now, () -> external, b.targets,
                b.rules, b.alertmanagers, b.tsdb, b.admin, b.enableAdmin, b.dataDir,
                ApiDependencies.corsPattern(b.cors), head::exemplarQuerier);
        ApiRoutes.register(router, deps);
    }

    static final class Builder {
        TargetsSource targets = TargetsSource.NONE;
        RulesSource rules = RulesSource.NONE;
        AlertmanagersSource alertmanagers = AlertmanagersSource.NONE;
        TsdbStatusSource tsdb = TsdbStatusSource.NONE;
        AdminSource admin;
        boolean enableAdmin;
        Path dataDir = Path.of("data");
        String cors = ".*";
        Engine engine;
    }

    /** Appends {@code n} float samples of {@code labels}, every {@code stepMs} from {@code start}. */
    ApiFixture floats(Labels labels, long start, long stepMs, double... values) {
        Appender a = head.appender();
        for (int i = 0; i < values.length; i++) {
            a.append(0, labels, start + i * stepMs, values[i]);
        }
        a.commit();
        return this;
    }

    ApiFixture histogram(Labels labels, long t, FloatHistogram h) {
        Appender a = head.appender();
        a.appendHistogram(0, labels, t, null, h);
        a.commit();
        return this;
    }

    Response get(String uri) {
        return send("GET", uri, "", Map.of());
    }

    Response get(String uri, Map<String, String> headers) {
        return send("GET", uri, "", headers);
    }

    Response postForm(String path, String form) {
        return send("POST", path, form, Map.of("content-type", "application/x-www-form-urlencoded"));
    }

    Response send(String method, String uri, String form, Map<String, String> headers) {
        QueryStringDecoder q = new QueryStringDecoder(uri);
        Map<String, List<String>> params = new HashMap<>(q.parameters());
        if (!form.isEmpty()) {
            new QueryStringDecoder(form, false).parameters()
                    .forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        Map<String, String> h = new HashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        return router.dispatch(new Request(method, q.path(), params, Map.of(), h,
                form.getBytes(StandardCharsets.UTF_8)));
    }
}
