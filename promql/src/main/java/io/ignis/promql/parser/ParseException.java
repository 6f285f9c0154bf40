package io.ignis.promql.parser;

import io.ignis.promql.ast.PositionRange;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A query that does not parse or type-check. Renders as Prometheus does, {@code 1:14: parse error: <detail>},
 * with a 1-based line and a 1-based column counted in UTF-8 bytes from the last line break.
 */
public final class ParseException extends RuntimeException {
    private final PositionRange positionRange;
    private final String query;
    private final String detail;

    public ParseException(PositionRange positionRange, String query, String detail) {
        super(detail, null, false, false);
        this.positionRange = Objects.requireNonNull(positionRange, "positionRange");
        this.query = Objects.requireNonNull(query, "query");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** Where the problem is, as byte offsets into the query. */
    public PositionRange positionRange() {
        return positionRange;
    }

    public String query() {
        return query;
    }

    /** The message without the position prefix, e.g. {@code unexpected <op:*>}. */
    public String detail() {
        return detail;
    }

    /** {@code line:column}, or "unknown position" / "invalid position" as Prometheus says. */
    public String position() {
        if (query.isEmpty()) {
            return "unknown position";
        }
        byte[] bytes = query.getBytes(StandardCharsets.UTF_8);
        int pos = positionRange.start();
        if (pos < 0 || pos > bytes.length) {
            return "invalid position";
        }
        int lastLineBreak = -1;
        int line = 1;
        for (int i = 0; i < pos; i++) {
            if (bytes[i] == '\n') {
                lastLineBreak = i;
                line++;
            }
        }
        return line + ":" + (pos - lastLineBreak);
    }

    @Override
    public String getMessage() {
        return position() + ": parse error: " + detail;
    }
}
