package io.ignis.scrape.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link Parser} contract, run against every implementation: EOF is final, labels() replaces the
 * builder's content, exemplar() fills or declines, the series identity bytes lie in the buffer and are the
 * same for the same series in the next scrape, and parsing a window of a larger array reads only the window.
 */
abstract class ParserContractTest {

    /** A body with HELP/TYPE, a counter with an exemplar, a labelled gauge and a summary. */
    abstract byte[] body();

    abstract Parser parser(byte[] b, int from, int length);

    @Test
    void eofIsFinal() {
        byte[] b = body();
        Parser p = parser(b, 0, b.length);
        while (p.next() != Entry.EOF) {
            // drain
        }
        for (int k = 0; k < 3; k++) {
            assertThat(p.next()).isEqualTo(Entry.EOF);
        }
    }

    @Test
    void labelsReplaceTheBuildersContentAndNameTheMetric() {
        byte[] b = body();
        Parser p = parser(b, 0, b.length);
        LabelsBuilder lb = new LabelsBuilder();
        int samples = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                lb.set("junk_from_before", "x");
                p.labels(lb);
                Labels l = lb.build();
                assertThat(l.has("junk_from_before")).isFalse();
                assertThat(l.metricName()).isNotEmpty();
                samples++;
            }
        }
        assertThat(samples).isGreaterThanOrEqualTo(4);
    }

    @Test
    void exemplarsFillTheHolderOnceThenDecline() {
        byte[] b = body();
        Parser p = parser(b, 0, b.length);
        ParsedExemplar ex = new ParsedExemplar();
        int found = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES && p.exemplar(ex)) {
                assertThat(ex.labels().get("trace_id")).isEqualTo("abc");
                assertThat(ex.value()).isEqualTo(0.5);
                assertThat(p.exemplar(ex)).isFalse();
                found++;
            }
        }
        assertThat(found).isEqualTo(1);
    }

    @Test
    void seriesIdentityIsStableAcrossScrapesAndWindows() {
        byte[] b = body();
        List<byte[]> first = identities(parser(b, 0, b.length));
        byte[] padded = new byte[b.length + 64];
        Arrays.fill(padded, (byte) '{'); // garbage around the window must never be read
        System.arraycopy(b, 0, padded, 32, b.length);
        List<byte[]> second = identities(parser(padded, 32, b.length));
        assertThat(second).hasSameSizeAs(first);
        for (int k = 0; k < first.size(); k++) {
            assertThat(second.get(k)).isEqualTo(first.get(k));
        }
        assertThat(first.stream().map(Arrays::toString).distinct().count()).isEqualTo(first.size());
    }

    private static List<byte[]> identities(Parser p) {
        List<byte[]> out = new ArrayList<>();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES || e == Entry.HISTOGRAM) {
                assertThat(p.seriesStart()).isBetween(0, p.seriesEnd());
                assertThat(p.seriesEnd()).isLessThanOrEqualTo(p.seriesBuffer().length);
                out.add(Arrays.copyOfRange(p.seriesBuffer(), p.seriesStart(), p.seriesEnd()));
            }
        }
        return out;
    }

    @Test
    void metadataNamesTheFamily() {
        byte[] b = body();
        Parser p = parser(b, 0, b.length);
        int metadata = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.HELP || e == Entry.TYPE) {
                assertThat(p.metricFamily()).isIn("requests_total", "requests", "temperature", "latency");
                metadata++;
            }
        }
        assertThat(metadata).isGreaterThanOrEqualTo(2);
    }
}
