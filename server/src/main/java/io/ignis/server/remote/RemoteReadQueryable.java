package io.ignis.server.remote;

import io.ignis.config.RemoteReadConfig;
import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.server.remote.proto.Query;
import io.ignis.server.remote.proto.QueryResult;
import io.ignis.server.remote.proto.ReadHints;
import io.ignis.server.remote.proto.TimeSeries;
import io.ignis.storage.Annotations;
import io.ignis.storage.Querier;
import io.ignis.storage.Queryable;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One {@code remote_read} endpoint as a {@link Queryable}, to merge with local storage as a secondary source:
 * a failing endpoint yields an empty result with a warning, not an error. As Prometheus's remote querier:
 * without {@code read_recent} the range is cut at the start of local data; with {@code required_matchers} a
 * selector lacking any of them reads nothing; with {@code filter_external_labels} the external labels are sent as
 * equality matchers and removed from the series returned. Label names and values are not read remotely.
 */
public final class RemoteReadQueryable implements Queryable {
    private final RemoteReadConfig config;
    private final RemoteReadClient client;
    private final Map<String, String> externalLabels;
    private final LongSupplier localStartTime;

    /**
     * @param localStartTime the oldest timestamp (ms) local storage holds; used when {@code read_recent} is off
     */
    public RemoteReadQueryable(RemoteReadConfig config, Map<String, String> externalLabels,
                               LongSupplier localStartTime) {
        this.config = Objects.requireNonNull(config, "config");
        this.externalLabels = Map.copyOf(externalLabels);
        this.localStartTime = Objects.requireNonNull(localStartTime, "localStartTime");
        this.client = new RemoteReadClient(config);
    }

    public RemoteReadConfig config() {
        return config;
    }

    @Override
    public Querier querier(long mint, long maxt) {
        long end = maxt;
        if (!config.readRecent()) {
            end = Math.min(maxt, localStartTime.getAsLong());
        }
        return new RemoteQuerier(mint, end);
    }

    private final class RemoteQuerier implements Querier {
        private final long mint;
        private final long maxt;

        RemoteQuerier(long mint, long maxt) {
            this.mint = mint;
            this.maxt = maxt;
        }

        @Override
        public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
            if (mint > maxt || !hasRequired(matchers)) {
                return SeriesSet.empty();
            }
            Query.Builder q = Query.newBuilder().setStartTimestampMs(mint).setEndTimestampMs(maxt);
            Set<String> added = new HashSet<>();
            Set<String> named = new HashSet<>();
            for (Matcher m : matchers) {
                q.addMatchers(ProtoLabels.fromMatcher(m));
                named.add(m.name());
            }
            if (config.filterExternalLabels()) {
                for (Map.Entry<String, String> e : externalLabels.entrySet()) {
                    if (!named.contains(e.getKey())) {
                        q.addMatchers(ProtoLabels.fromMatcher(Matcher.equal(e.getKey(), e.getValue())));
                        added.add(e.getKey());
                    }
                }
            }
            if (hints != null) {
                q.setHints(ReadHints.newBuilder().setStartMs(hints.start()).setEndMs(hints.end())
                        .setStepMs(hints.step()).setFunc(hints.func() == null ? "" : hints.func())
                        .addAllGrouping(hints.grouping()).setBy(hints.by()).setRangeMs(hints.range()));
            }
            QueryResult r;
            try {
                r = client.read(q.build());
            } catch (RemoteReadClient.RemoteReadException e) {
                return new ProtoSeriesSet(List.of(), Annotations.create().addWarning(e.getMessage()));
            }
            LabelsBuilder b = new LabelsBuilder();
            List<ProtoSeriesSet.Entry> out = new ArrayList<>(r.getTimeseriesCount());
            for (TimeSeries ts : r.getTimeseriesList()) {
                Labels l = ProtoLabels.toLabels(ts.getLabelsList(), b);
                if (!added.isEmpty()) {
                    b.reset(l);
                    for (String n : added) {
                        b.del(n);
                    }
                    l = b.build();
                }
                out.add(new ProtoSeriesSet.Entry(l, ts));
            }
            out.sort((x, y) -> x.labels().compareTo(y.labels()));
            return new ProtoSeriesSet(out, Annotations.EMPTY);
        }

        /** Every required matcher must appear among the selector's equality matchers. */
        private boolean hasRequired(Matcher[] matchers) {
            for (Map.Entry<String, String> r : config.requiredMatchers().entrySet()) {
                boolean found = false;
                for (Matcher m : matchers) {
                    if (m.type() == MatchType.EQUAL && m.name().equals(r.getKey()) && m.value().equals(r.getValue())) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<String> labelValues(String name, Matcher... matchers) {
            return List.of();
        }

        @Override
        public List<String> labelNames(Matcher... matchers) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
