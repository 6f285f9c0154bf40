package io.ignis.promql.ast;

/** Aggregation operators; {@link #toString()} is the lowercase keyword. */
public enum AggregateOp {
    SUM,
    AVG,
    COUNT,
    MIN,
    MAX,
    GROUP,
    STDDEV,
    STDVAR,
    TOPK,
    BOTTOMK,
    COUNT_VALUES,
    QUANTILE,
    /** Experimental: needs {@code promql-experimental-functions}. */
    LIMITK,
    /** Experimental: needs {@code promql-experimental-functions}. */
    LIMIT_RATIO;

    private final String keyword = name().toLowerCase(java.util.Locale.ROOT);

    /** The keyword as written in PromQL, e.g. {@code count_values}. */
    public String keyword() {
        return keyword;
    }

    /** Whether the aggregation takes a parameter before the vector ({@code topk(3, x)}). */
    public boolean hasParam() {
        return switch (this) {
            case TOPK, BOTTOMK, COUNT_VALUES, QUANTILE, LIMITK, LIMIT_RATIO -> true;
            default -> false;
        };
    }

    public boolean isExperimental() {
        return this == LIMITK || this == LIMIT_RATIO;
    }

    /** The operator for a keyword in any case, or null. */
    public static AggregateOp fromKeyword(String word) {
        for (AggregateOp op : values()) {
            if (op.keyword.equalsIgnoreCase(word)) {
                return op;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return keyword;
    }
}
