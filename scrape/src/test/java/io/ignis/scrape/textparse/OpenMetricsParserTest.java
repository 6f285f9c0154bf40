package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Behaviour of the OpenMetrics parser beyond the golden stream: created timestamps and exemplars. */
class OpenMetricsParserTest {

    private static Parser parser(String s, boolean skipCreated) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new OpenMetricsParser(b, 0, b.length, skipCreated);
    }

    @Test
    void lookingAheadForCreatedLeavesTheCurrentSampleIntact() {
        Parser p = parser("# TYPE foo_bytes counter\n# UNIT foo_bytes bytes\nfoo_bytes_total{a=\"b\"} 17 1.5 # {t=\"x\"} 2\n"
                + "# HELP foo later help\nfoo_bytes_created{a=\"b\"} 10\n# EOF\n", false);
        LabelsBuilder lb = new LabelsBuilder();
        ParsedExemplar ex = new ParsedExemplar();
        assertThat(p.next()).isEqualTo(Entry.TYPE);
        assertThat(p.next()).isEqualTo(Entry.UNIT);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        int start = p.seriesStart();
        int end = p.seriesEnd();
        // The HELP line between stops the search: no created timestamp, as in Prometheus.
        assertThat(p.createdTimestamp()).isZero();
        assertThat(p.seriesStart()).isEqualTo(start);
        assertThat(p.seriesEnd()).isEqualTo(end);
        assertThat(p.value()).isEqualTo(17);
        assertThat(p.timestamp()).isEqualTo(1500);
        assertThat(p.unit()).isEqualTo("bytes");
        p.labels(lb);
        assertThat(lb.build()).isEqualTo(Labels.of("__name__", "foo_bytes_total", "a", "b"));
        assertThat(p.exemplar(ex)).isTrue();
        assertThat(ex.labels()).isEqualTo(Labels.of("t", "x"));
        assertThat(p.exemplar(ex)).isFalse();
        assertThat(p.next()).isEqualTo(Entry.HELP);
        assertThat(p.help()).isEqualTo("later help");
    }

    @Test
    void createdTimestampComesFromTheMatchingCreatedLine() {
        Parser p = parser("# TYPE s summary\ns_count{x=\"1\"} 3\ns_sum{x=\"1\"} 2\ns{x=\"1\",quantile=\"0.5\"} 1\n"
                + "s_created{x=\"1\"} 1520430000.25\ns_count{x=\"2\"} 1\ns_created{x=\"3\"} 5\n# EOF\n", true);
        assertThat(p.next()).isEqualTo(Entry.TYPE);
        long[] created = new long[4];
        for (int k = 0; k < 4; k++) { // the _created lines themselves are skipped
            assertThat(p.next()).isEqualTo(Entry.SERIES);
            created[k] = p.createdTimestamp();
            created[k] = p.createdTimestamp(); // cached the second time, same answer
        }
        // x="2" meets the _created line of x="3" first: none.
        assertThat(created).containsExactly(1520430000250L, 1520430000250L, 1520430000250L, 0);
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void gaugesHaveNoCreatedTimestampAndKeepTheirCreatedSeries() {
        Parser p = parser("# TYPE g_created gauge\ng_created 5\n# EOF\n", true);
        p.next();
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.createdTimestamp()).isZero();
        assertThat(p.value()).isEqualTo(5);
    }

    @Test
    void exemplarTimestampsAreSecondsWithFraction() {
        Parser p = parser("a_total 1 # {trace_id=\"abc\"} 1.0 1626.5\n# EOF\n", false);
        ParsedExemplar ex = new ParsedExemplar();
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.exemplar(ex)).isTrue();
        assertThat(ex.hasTimestamp()).isTrue();
        assertThat(ex.timestamp()).isEqualTo(1_626_500);
        assertThat(ex.toExemplar().labels()).isEqualTo(Labels.of("trace_id", "abc"));
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }
}
