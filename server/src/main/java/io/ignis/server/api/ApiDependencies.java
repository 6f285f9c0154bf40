package io.ignis.server.api;

import io.ignis.labels.Labels;
import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.QueryParser;
import io.ignis.storage.ExemplarQueryable;
import io.ignis.storage.Queryable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Everything the query API and {@code /federate} read from the rest of the server. The sources stand in for
 * modules that arrive later; pass their {@code NONE} until then.
 *
 * @param queryable      local storage (head plus blocks), read through queriers per request
 * @param engine         the PromQL engine; its options give the default timeout and lookback
 * @param parser         the parser the engine was built with (feature switches applied), for
 *                       {@code format_query}/{@code parse_query}
 * @param clock          now in ms since the epoch
 * @param externalLabels the configuration's {@code global.external_labels}, read per request since reloads change it
 * @param targets        scrape targets and metadata
 * @param rules          rule groups and alerts
 * @param alertmanagers  discovered Alertmanagers
 * @param tsdbStatus     head statistics and WAL replay progress
 * @param admin          TSDB admin operations; used only when {@code enableAdmin}
 * @param enableAdmin    {@code --web.enable-admin-api}
 * @param dataDir        {@code --storage.tsdb.path}, where snapshots go
 * @param corsOrigin     {@code --web.cors.origin}, anchored as Prometheus anchors it
 * @param exemplars      the exemplar storage, for {@code query_exemplars}
 */
public record ApiDependencies(Queryable queryable, Engine engine, QueryParser parser, LongSupplier clock,
                              Supplier<Labels> externalLabels, TargetsSource targets, RulesSource rules,
                              AlertmanagersSource alertmanagers, TsdbStatusSource tsdbStatus, AdminSource admin,
                              boolean enableAdmin, Path dataDir, Pattern corsOrigin, ExemplarQueryable exemplars) {
    public ApiDependencies {
        Objects.requireNonNull(queryable, "queryable");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(externalLabels, "externalLabels");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(alertmanagers, "alertmanagers");
        Objects.requireNonNull(tsdbStatus, "tsdbStatus");
        Objects.requireNonNull(corsOrigin, "corsOrigin");
        Objects.requireNonNull(exemplars, "exemplars");
    }

    /** The default lookback delta ({@code --query.lookback-delta}), from the engine's options. */
    public long lookbackDeltaMs() {
        return engine.options().lookbackDeltaMs();
    }

    /** Compiles {@code --web.cors.origin} as Prometheus does: the whole Origin must match. */
    public static Pattern corsPattern(String regex) {
        return Pattern.compile("^(?:" + regex + ")$");
    }
}
