package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.LabelsBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The text parser told which series texts a scrape cache knows ({@link Parser#knownSeries}) leaves their labels
 * unread, and must otherwise behave exactly as without: same entries, same series bytes, values and timestamps,
 * same errors at the same place, on valid and on mutated input.
 */
class PromParserKnownSeriesTest {
    private static final String BODY = """
            # HELP a_total Plain, then labelled.
            # TYPE a_total counter
            a_total 1
            a_total{x="1"} 2 1700000000000
            a_total {x="spaced"} 3
            b{quoted="has } and \\" and \\\\ inside",y="2"} 4
            {"utf8.name",x="1"} 5
            {x="first",  "utf8.other"} 6
              indented{x="1"} 7
            """;

    @Test
    void knownSeriesParseAsBeforeWithoutReadingTheirLabels() {
        byte[] b = BODY.getBytes(StandardCharsets.UTF_8);
        Set<ByteBuffer> keys = keysOf(b);
        assertThat(keys).hasSize(7);

        List<String> asked = new ArrayList<>();
        PromParser p = new PromParser(b, 0, b.length);
        p.knownSeries(new Known(keys, null) {
            @Override
            public boolean known(byte[] buf, int from, int to) {
                asked.add(new String(buf, from, to - from, StandardCharsets.UTF_8));
                return super.known(buf, from, to);
            }
        });
        int series = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                series++;
                assertThatThrownBy(() -> p.labels(new LabelsBuilder())).isInstanceOf(IllegalStateException.class);
            }
        }
        assertThat(series).isEqualTo(7);
        assertThat(asked).containsExactly("a_total", "a_total{x=\"1\"}", "a_total {x=\"spaced\"}",
                "b{quoted=\"has } and \\\" and \\\\ inside\",y=\"2\"}", "{\"utf8.name\",x=\"1\"}",
                "{x=\"first\",  \"utf8.other\"}", "  indented{x=\"1\"}");
        assertThat(outcome(b, new Known(keys, null))).isEqualTo(outcome(b, null));
        assertThat(outcome(b, new Known(keys, new Random(1)))).isEqualTo(outcome(b, null));
    }

    @Test
    void aGuessThatIsOnlyAPrefixOfTheSeriesTextIsNotTaken() {
        byte[] b = "a 1\na_total 2\na {x=\"1\"} 3\na{x=\"1\"} 4\na{x=\"1\"}5\n".getBytes(StandardCharsets.UTF_8);
        Set<ByteBuffer> keys = keysOf(b);
        assertThat(keys).hasSize(4);
        String expected = outcome(b, null);
        assertThat(expected).contains("SERIES \"a_total\"", "SERIES \"a {x=\\\"1\\\"}\"", "SERIES \"a{x=\\\"1\\\"}\" ");
        for (int seed = 0; seed < 20; seed++) {
            assertThat(outcome(b, new Known(keys, new Random(seed)))).isEqualTo(expected);
        }
    }

    @Test
    void anUnknownSeriesIsReadAndCheckedAsAlways() {
        byte[] b = "a{x=\"1\"} 1\na{x=\"1\",} 2\na{x=1} 3\n".getBytes(StandardCharsets.UTF_8);
        Set<ByteBuffer> keys = Set.of(ByteBuffer.wrap("a{x=\"1\"}".getBytes(StandardCharsets.UTF_8)));
        String expected = outcome(b, null);
        assertThat(expected).contains("expected label value");
        assertThat(outcome(b, new Known(keys, new Random(1)))).isEqualTo(expected);
    }

    @Test
    void aKnownSeriesWithABadValueFailsAsWithout() {
        byte[] b = "a{x=\"1\"} 1\na{x=\"1\"} one\n".getBytes(StandardCharsets.UTF_8);
        Set<ByteBuffer> keys = keysOf("a{x=\"1\"} 1\n".getBytes(StandardCharsets.UTF_8));
        String expected = outcome(b, null);
        assertThat(expected).contains("strconv.ParseFloat");
        assertThat(outcome(b, new Known(keys, new Random(1)))).isEqualTo(expected);
    }

    /**
     * Mutated bodies parsed with the series texts of their unmutated source as known must give what they give
     * without: the outcome depends only on the input, never on the shortcut.
     */
    @Test
    void mutatedInputsGiveTheSameOutcome() throws IOException {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        List<byte[]> corpus = ParserFuzzTest.corpus(".prom.txt", BODY);
        List<Set<ByteBuffer>> known = new ArrayList<>();
        for (byte[] b : corpus) {
            known.add(keysOf(b));
        }
        Random r = new Random(seed);
        int[] hits = {0};
        for (int n = 0; n < 3000; n++) {
            int source = r.nextInt(corpus.size());
            byte[] input = ParserFuzzTest.mutate(new Random(r.nextLong()), List.of(corpus.get(source)));
            String without = outcome(input, null);
            Known k = new Known(known.get(source), new Random(r.nextLong()));
            String with = outcome(input, k);
            assertThat(with).as("seed %d iteration %d input %s", seed, n, GoText.quote(input, 0, input.length))
                    .isEqualTo(without);
            hits[0] += k.hits;
        }
        assertThat(hits[0]).as("series skipped as known").isGreaterThan(3000);
    }

    /** The series texts a full parse of {@code b} returned before its end or its first error. */
    private static Set<ByteBuffer> keysOf(byte[] b) {
        Set<ByteBuffer> keys = new HashSet<>();
        PromParser p = new PromParser(b, 0, b.length);
        LabelsBuilder lb = new LabelsBuilder();
        try {
            for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
                if (e == Entry.SERIES) {
                    p.labels(lb); // a series whose labels fail here never gets into a scrape cache
                    keys.add(ByteBuffer.wrap(b, p.seriesStart(), p.seriesEnd() - p.seriesStart()));
                }
            }
        } catch (ExpositionException e) {
            // keys up to the error
        }
        return keys;
    }

    /** Everything a scrape reads from the parse of {@code b} but the labels, then the error if one came. */
    private static String outcome(byte[] b, Known known) {
        StringBuilder sb = new StringBuilder();
        PromParser p = new PromParser(b, 0, b.length);
        if (known != null) {
            p.knownSeries(known);
        }
        try {
            for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
                sb.append(e);
                switch (e) {
                    case SERIES -> sb.append(' ').append(GoText.quote(b, p.seriesStart(), p.seriesEnd())).append(' ')
                            .append(Double.doubleToRawLongBits(p.value())).append(' ')
                            .append(p.hasTimestamp() ? p.timestamp() : "-").append(' ').append(p.type());
                    case HELP -> sb.append(' ').append(p.metricFamily()).append(' ').append(p.help());
                    case TYPE -> sb.append(' ').append(p.metricFamily()).append(' ').append(p.type());
                    default -> {
                    }
                }
                sb.append('\n');
            }
        } catch (ExpositionException e) {
            sb.append("error: ").append(e.getMessage());
        }
        return sb.toString();
    }

    /**
     * A set of known series texts. With {@code guesses}, {@link #expectedEnd} guesses any known text the input
     * starts with, picked at random: harsher than a scrape cache, whose guess is the one text it expects next.
     */
    private static class Known implements Parser.KnownSeries {
        final Set<ByteBuffer> keys;
        final Random guesses;
        int hits;

        Known(Set<ByteBuffer> keys, Random guesses) {
            this.keys = keys;
            this.guesses = guesses;
        }

        @Override
        public boolean known(byte[] b, int from, int to) {
            boolean hit = keys.contains(ByteBuffer.wrap(b, from, to - from));
            hits += hit ? 1 : 0;
            return hit;
        }

        @Override
        public int expectedEnd(byte[] b, int from, int limit) {
            if (guesses == null) {
                return -1;
            }
            List<Integer> ends = new ArrayList<>();
            for (ByteBuffer k : keys) {
                int len = k.remaining();
                if (from + len <= limit && ByteBuffer.wrap(b, from, len).equals(k)) {
                    ends.add(from + len);
                }
            }
            return ends.isEmpty() ? -1 : ends.get(guesses.nextInt(ends.size()));
        }
    }
}
