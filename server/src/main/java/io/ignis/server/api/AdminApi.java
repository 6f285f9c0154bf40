package io.ignis.server.api;

import io.ignis.labels.Matcher;
import io.ignis.promql.parser.ParseException;
import io.ignis.promql.parser.PromqlParser;
import io.ignis.server.http.Request;
import io.ignis.server.http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The TSDB admin endpoints. Always routed, as in Prometheus; without {@code --web.enable-admin-api} each answers
 * {@code unavailable} "admin APIs disabled".
 */
final class AdminApi {
    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ApiDependencies deps;
    private final SecureRandom random = new SecureRandom();

    AdminApi(ApiDependencies deps) {
        this.deps = deps;
    }

    Response deleteSeries(Request r) throws IOException {
        checkEnabled();
        List<String> match = r.params("match[]");
        if (match.isEmpty()) {
            throw new ApiException(ErrorType.BAD_DATA, "no match[] parameter provided");
        }
        long start = ApiParams.time(r, "start", ApiParams.MIN_TIME);
        long end = ApiParams.time(r, "end", ApiParams.MAX_TIME);
        for (String s : match) {
            Matcher[] ms;
            try {
                ms = PromqlParser.parseMetricSelector(s).toArray(new Matcher[0]);
            } catch (ParseException e) {
                throw ApiParams.invalid("match[]", e);
            }
            try {
                deps.admin().deleteSeries(start, end, ms);
            } catch (IOException | RuntimeException e) {
                throw new ApiException(ErrorType.INTERNAL, ApiErrors.messageOf(e), e);
            }
        }
        return ApiResponses.noContent();
    }

    Response cleanTombstones(Request r) {
        checkEnabled();
        try {
            deps.admin().cleanTombstones();
        } catch (IOException | RuntimeException e) {
            throw new ApiException(ErrorType.INTERNAL, ApiErrors.messageOf(e), e);
        }
        return ApiResponses.noContent();
    }

    Response snapshot(Request r) {
        checkEnabled();
        boolean skipHead = false;
        String v = r.param("skip_head");
        if (v != null && !v.isEmpty()) {
            skipHead = switch (v) {
                case "1", "t", "T", "true", "TRUE", "True" -> true;
                case "0", "f", "F", "false", "FALSE", "False" -> false;
                default -> throw ApiParams.invalid("skip_head", "unable to parse boolean: strconv.ParseBool: "
                        + "parsing \"" + v + "\": invalid syntax");
            };
        }
        String name = SNAPSHOT_TIME.format(Instant.ofEpochMilli(clock().getAsLong()))
                + String.format(Locale.ROOT, "-%016x", random.nextLong() & Long.MAX_VALUE);
        Path dir = deps.dataDir().resolve("snapshots").resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ApiException(ErrorType.INTERNAL, "create snapshot directory: " + e.getMessage(), e);
        }
        try {
            deps.admin().snapshot(dir, !skipHead);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(ErrorType.INTERNAL, "create snapshot: " + ApiErrors.messageOf(e), e);
        }
        return ApiResponses.success(Map.of("name", name));
    }

    private LongSupplier clock() {
        return deps.clock();
    }

    private void checkEnabled() {
        if (!deps.enableAdmin() || deps.admin() == null) {
            throw new ApiException(ErrorType.UNAVAILABLE, "admin APIs disabled");
        }
    }
}
