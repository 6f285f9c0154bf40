package io.ignis.server.api;

import io.ignis.server.federate.FederateHandler;
import io.ignis.server.http.Handler;
import io.ignis.server.http.Router;

/**
 * The entry point the composition root calls: registers every {@code /api/v1} query, metadata, target, rule,
 * status and admin route plus {@code /federate} on the router. The status endpoints of {@link StatusApi}
 * (config, flags, buildinfo, runtimeinfo) are registered separately.
 */
public final class ApiRoutes {
    private static final String V1 = "/api/v1";

    private ApiRoutes() {
    }

    public static void register(Router router, ApiDependencies deps) {
        QueryApi query = new QueryApi(deps);
        SeriesApi series = new SeriesApi(deps);
        ExemplarsApi exemplars = new ExemplarsApi(deps);
        TargetsApi targets = new TargetsApi(deps.targets());
        RulesApi rules = new RulesApi(deps.rules());
        StatusTsdbApi status = new StatusTsdbApi(deps.tsdbStatus(), deps.alertmanagers());
        AdminApi admin = new AdminApi(deps);
        Route r = new Route(router, deps);

        r.getAndPost("/query", query::query);
        r.getAndPost("/query_range", query::queryRange);
        r.getAndPost("/query_exemplars", exemplars::queryExemplars);
        r.getAndPost("/format_query", query::formatQuery);
        r.getAndPost("/parse_query", query::parseQuery);
        r.getAndPost("/labels", series::labelNames);
        r.get("/label/:name/values", series::labelValues);
        r.getAndPost("/series", series::series);

        r.get("/scrape_pools", targets::scrapePools);
        r.get("/targets", targets::targets);
        r.get("/targets/metadata", targets::targetMetadata);
        r.get("/metadata", targets::metadata);
        r.get("/alertmanagers", status::alertmanagers);
        r.get("/alerts", rules::alerts);
        r.get("/rules", rules::rules);
        r.get("/status/tsdb", status::tsdbStatus);
        r.get("/status/walreplay", status::walReplay);

        for (String method : new String[] {"POST", "PUT"}) {
            r.add(method, "/admin/tsdb/delete_series", admin::deleteSeries);
            r.add(method, "/admin/tsdb/clean_tombstones", admin::cleanTombstones);
            r.add(method, "/admin/tsdb/snapshot", admin::snapshot);
        }
        router.add("OPTIONS", V1 + "/*path", Cors.wrap(deps.corsOrigin(), req -> ApiResponses.noContent()));

        FederateHandler federate = new FederateHandler(deps.queryable(), deps.clock(), deps.lookbackDeltaMs(),
                deps.externalLabels());
        router.get("/federate", federate::handle);
    }

    /** Registers API handlers wrapped in the envelope and CORS. */
    private record Route(Router router, ApiDependencies deps) {
        void get(String path, Handler h) {
            add("GET", path, h);
        }

        void getAndPost(String path, Handler h) {
            add("GET", path, h);
            add("POST", path, h);
        }

        void add(String method, String path, Handler h) {
            router.add(method, V1 + path, Cors.wrap(deps.corsOrigin(), ApiResponses.enveloped(h)));
        }
    }
}
