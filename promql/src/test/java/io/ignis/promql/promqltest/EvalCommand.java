package io.ignis.promql.promqltest;

import io.ignis.labels.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@code eval} command and everything its body expects (README §5). */
final class EvalCommand implements Command {
    /** An expected annotation: {@code msg} (exact), {@code regex} (find) or neither (anything). */
    record AnnotationExpectation(String msg, com.google.re2j.Pattern regex) {
        boolean matches(String text) {
            if (msg != null) {
                return msg.equals(text);
            }
            return regex == null || regex.matcher(text).find();
        }

        @Override
        public String toString() {
            return msg != null ? "msg:" + msg : regex != null ? "regex:" + regex.pattern() : "<any>";
        }
    }

    /** One expected series: its values and its 1-based body position (for {@code expect ordered}). */
    record ExpectedSeries(SeriesValues values, int position) {
    }

    final String file;
    final int line;
    final String expr;
    final boolean range;
    final long start;
    final long end;
    final long step;

    boolean fail;
    String failMessage;
    com.google.re2j.Pattern failRegex;
    boolean ordered;
    final List<AnnotationExpectation> warns = new ArrayList<>();
    final List<AnnotationExpectation> infos = new ArrayList<>();
    boolean noWarn;
    boolean noInfo;
    boolean atLeastOneWarn;
    boolean atLeastOneInfo;
    final Map<Labels, ExpectedSeries> expected = new LinkedHashMap<>();
    boolean hasScalar;
    double scalar;
    String expectedString;
    boolean rangeVector;
    long rangeVectorStart;
    long rangeVectorEnd;
    long rangeVectorStep;

    EvalCommand(String file, int line, String expr, boolean range, long start, long end, long step) {
        this.file = file;
        this.line = line;
        this.expr = expr;
        this.range = range;
        this.start = start;
        this.end = end;
        this.step = step;
    }

    @Override
    public int line() {
        return line;
    }

    boolean expectsFailure() {
        return fail;
    }

    String name() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return name() + " " + (range ? "range " : "instant ") + expr;
    }
}
