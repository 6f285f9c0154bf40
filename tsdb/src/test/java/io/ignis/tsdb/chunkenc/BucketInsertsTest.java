package io.ignis.tsdb.chunkenc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.model.Span;
import io.ignis.tsdb.chunkenc.BucketInserts.Expansion;
import io.ignis.tsdb.chunkenc.BucketInserts.Insert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layout merging for gauges, with the scenarios of Prometheus's {@code TestExpandSpansBothWaysAndInsert} in our
 * notation: spans "offset:length ...", inserts "pos:num ...", model bucket deltas "d d d".
 */
class BucketInsertsTest {
    record Case(String name, String spansA, String spansB, String forward, String backward, String merged,
            String deltasIn, String deltasOut) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("single prepend", "-10:3", "-11:4", "0:1", "", "-11:4", "6 -3 0", "0 6 -3 0"),
                new Case("single append", "-10:3", "-10:4", "3:1", "", "-10:4", "6 -3 0", "6 -3 0 -3"),
                new Case("double prepend", "-10:3", "-12:5", "0:2", "", "-12:5", "6 -3 0", "0 0 6 -3 0"),
                new Case("double append", "-10:3", "-10:5", "3:2", "", "-10:5", "6 -3 0", "6 -3 0 -3 0"),
                new Case("prepend and append", "-10:3", "-12:7", "0:2 3:2", "", "-12:7", "6 -3 0",
                        "0 0 6 -3 0 -3 0"),
                new Case("removal at the start", "-10:4", "-9:3", "", "0:1", "-10:4", "1 2 -1 2", "1 2 -1 2"),
                new Case("removal in the middle", "-10:4", "-10:2 1:1", "", "2:1", "-10:4", "1 2 -1 2", "1 2 -1 2"),
                new Case("removal at the end", "-10:4", "-10:3", "", "3:1", "-10:4", "1 2 -1 2", "1 2 -1 2"),
                new Case("doc comment example", "0:2 2:1 3:2 3:1 1:1", "0:3 1:1 1:4 3:3", "2:1 3:2 6:1", "",
                        "0:3 1:1 1:4 3:3", "6 -3 0 -1 2 1 -4", "6 -3 -3 3 -3 0 2 2 1 -5 1"),
                new Case("forward and backward", "0:2 2:1 3:2 3:1 1:1", "1:2 1:1 1:2 1:1 4:1", "2:1 3:2 6:1",
                        "0:1 5:1 6:1 7:1", "0:3 1:1 1:4 3:3", "1 2 -1 2 0 3 1", "1 2 -3 2 -2 0 4 0 3 -7 8"),
                new Case("inserts with gaps", "-19:2 1:2", "-19:1 4:1 3:1", "4:2", "1:3", "-19:2 1:3 3:1",
                        "1 2 -1 1", "1 2 -1 1 -3 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expandsBothWaysAndInserts(Case c) {
        Expansion e = BucketInserts.expandBothWays(spans(c.spansA()), spans(c.spansB()));
        assertThat(format(e.forward())).isEqualTo(c.forward());
        assertThat(format(e.backward())).isEqualTo(c.backward());
        assertThat(format(e.merged())).isEqualTo(c.merged());
        long[] in = longs(c.deltasIn());
        long[] want = longs(c.deltasOut());
        assertThat(BucketInserts.insertDeltas(in, new long[want.length], e.forward())).containsExactly(want);
        assertThat(BucketInserts.insertCounts(HistogramSamples.absolute(in), new double[want.length], e.forward()))
                .containsExactly(HistogramSamples.absolute(want));
    }

    private static Span[] spans(String s) {
        List<Span> out = new ArrayList<>();
        for (String part : s.split(" ")) {
            String[] ol = part.split(":");
            out.add(new Span(Integer.parseInt(ol[0]), Integer.parseInt(ol[1])));
        }
        return out.toArray(new Span[0]);
    }

    private static long[] longs(String s) {
        return Arrays.stream(s.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    private static String format(List<Insert> inserts) {
        StringBuilder sb = new StringBuilder();
        for (Insert i : inserts) {
            sb.append(sb.isEmpty() ? "" : " ").append(i.pos()).append(':').append(i.num());
        }
        return sb.toString();
    }

    private static String format(Span[] spans) {
        StringBuilder sb = new StringBuilder();
        for (Span s : spans) {
            sb.append(sb.isEmpty() ? "" : " ").append(s.offset()).append(':').append(s.length());
        }
        return sb.toString();
    }
}
